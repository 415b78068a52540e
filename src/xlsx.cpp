// Excel workbooks out through libxlsxwriter (chiso/io/xlsx.hpp).
#include "chiso/io/xlsx.hpp"

#include "chiso/error.hpp"
#include "chiso/io/output.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <locale.h>
#include <map>
#include <random>
#include <system_error>

namespace chiso::io {

namespace {

constexpr std::size_t xlsx_max_rows = LXW_ROW_MAX;
constexpr std::size_t xlsx_max_columns = LXW_COL_MAX;
constexpr std::size_t xlsx_max_string = 32767; // characters in a cell (Excel's limit)
// 2000-01-01T00:00:00Z: the creation time in the document properties, fixed so that the same
// tables give the same file (libxlsxwriter takes the current time when it is 0).
constexpr std::time_t xlsx_fixed_time = 946684800;

std::size_t xlsx_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string xlsx_lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// "A1"-style name of a cell (0-based row and column).
std::string xlsx_cell_name(std::size_t row, std::size_t col) {
  std::string letters;
  for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

/// Uses the C locale's number formatting on this thread while alive: libxlsxwriter prints
/// numbers with snprintf, which would write "0,5" under a locale with a decimal comma.
class xlsx_c_numeric {
public:
  xlsx_c_numeric() : c_(newlocale(LC_NUMERIC_MASK, "C", static_cast<locale_t>(nullptr))) {
    if (c_) old_ = uselocale(c_);
  }
  ~xlsx_c_numeric() {
    if (c_) {
      uselocale(old_);
      freelocale(c_);
    }
  }
  xlsx_c_numeric(const xlsx_c_numeric&) = delete;
  xlsx_c_numeric& operator=(const xlsx_c_numeric&) = delete;

private:
  locale_t c_ = static_cast<locale_t>(nullptr);
  locale_t old_ = static_cast<locale_t>(nullptr);
};

/// Removes the temporary file unless released (error, exception).
struct xlsx_temp_guard {
  std::filesystem::path path;
  bool keep = false;
  ~xlsx_temp_guard() {
    if (keep) return;
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

/// The text a cell shows, for the column's width.
std::size_t xlsx_shown_width(const table_cell& c, column_type type, std::optional<int> digits) {
  if (const auto* s = std::get_if<std::string>(&c)) return display_width(*s);
  const auto* d = std::get_if<double>(&c);
  if (!d || std::isnan(*d)) return 0;
  if (std::isinf(*d)) return 4;
  if (type == column_type::number && digits) return format_fixed(*d, *digits).size();
  // General shows at most 11 characters of a number.
  return std::min<std::size_t>(format_double(*d).size(), 11);
}

/// Writes the sheets into the (open) workbook `wb`; throws `chiso::error` on the first
/// failure, naming the sheet and cell.
void xlsx_fill(lxw_workbook* wb, const workbook& w, const std::string& target) {
  const auto fail = [&](const std::string& what, lxw_error e) {
    throw error("cannot write '" + target + "': " + what + ": " + lxw_strerror(e));
  };
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* label = workbook_add_format(wb);
  format_set_italic(label);
  format_set_bottom(label, LXW_BORDER_THIN);
  lxw_format* integer = workbook_add_format(wb);
  format_set_num_format(integer, "0");
  std::map<int, lxw_format*> fixed; // number formats by decimals
  const auto fixed_format = [&](int digits) {
    auto it = fixed.find(digits);
    if (it != fixed.end()) return it->second;
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, xlsx_number_format(digits).c_str());
    return fixed[digits] = f;
  };

  for (const auto& s : w.sheets()) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
    if (!ws) throw error("cannot write '" + target + "': cannot add sheet '" + s.name + "'");
    const table& t = s.data;
    const auto& cols = t.columns();
    const std::size_t head = s.labels.empty() ? 1 : 2;
    std::vector<std::size_t> width(cols.size(), 0);
    const auto where = [&](std::size_t row, std::size_t col) {
      return "sheet '" + s.name + "' cell " + xlsx_cell_name(row, col);
    };
    const auto text = [&](std::size_t row, std::size_t col, const std::string& v, lxw_format* f) {
      if (v.empty()) return;
      if (xlsx_code_points(v) > xlsx_max_string)
        throw error("cannot write '" + target + "': " + where(row, col) + ": a text of " +
                    std::to_string(xlsx_code_points(v)) + " characters (Excel holds at most " +
                    std::to_string(xlsx_max_string) + ")");
      const lxw_error e = worksheet_write_string(ws, static_cast<lxw_row_t>(row),
                                                 static_cast<lxw_col_t>(col), v.c_str(), f);
      if (e != LXW_NO_ERROR) fail(where(row, col), e);
    };
    for (std::size_t j = 0; j < cols.size(); ++j) {
      text(0, j, cols[j].name, header);
      width[j] = display_width(cols[j].name);
      if (!s.labels.empty()) {
        text(1, j, s.labels[j], label);
        width[j] = std::max(width[j], display_width(s.labels[j]));
      }
    }
    for (std::size_t j = 0; j < cols.size(); ++j) {
      const auto& c = cols[j];
      const std::optional<int> digits = c.type != column_type::number ? std::nullopt
                                        : c.digits                    ? c.digits
                                        : s.workbook_digits           ? w.options().digits
                                                                      : std::nullopt;
      lxw_format* f = c.type == column_type::integer ? integer
                      : digits                       ? fixed_format(*digits)
                                                     : nullptr;
      for (std::size_t i = 0; i < t.n_rows(); ++i) {
        const auto& cell = t.at(i, j);
        const std::size_t row = head + i;
        width[j] = std::max(width[j], xlsx_shown_width(cell, c.type, digits));
        if (const auto* v = std::get_if<std::string>(&cell)) {
          text(row, j, *v, nullptr);
        } else if (const auto* d = std::get_if<double>(&cell)) {
          if (std::isnan(*d)) continue; // missing: an empty cell
          if (std::isinf(*d)) {
            text(row, j, *d > 0 ? "inf" : "-inf", nullptr);
            continue;
          }
          const lxw_error e = worksheet_write_number(ws, static_cast<lxw_row_t>(row),
                                                     static_cast<lxw_col_t>(j), *d, f);
          if (e != LXW_NO_ERROR) fail(where(row, j), e);
        }
      }
    }
    for (std::size_t j = 0; j < cols.size(); ++j) {
      const double chars = static_cast<double>(std::clamp<std::size_t>(width[j] + 2, 3, 60));
      worksheet_set_column(ws, static_cast<lxw_col_t>(j), static_cast<lxw_col_t>(j), chars,
                           nullptr);
    }
    worksheet_freeze_panes(ws, static_cast<lxw_row_t>(head),
                           static_cast<lxw_col_t>(std::min(s.freeze_columns, cols.size())));
    if (!cols.empty())
      worksheet_autofilter(ws, static_cast<lxw_row_t>(head - 1), 0,
                           static_cast<lxw_row_t>(head - 1 + t.n_rows()),
                           static_cast<lxw_col_t>(cols.size() - 1));
  }
}

} // namespace

std::string xlsx_number_format(int digits) {
  if (digits < 0) throw usage_error("xlsx_number_format: digits must be >= 0");
  return digits == 0 ? std::string("0") : "0." + std::string(static_cast<std::size_t>(digits), '0');
}

workbook& workbook::add(xlsx_sheet s) {
  const std::string& n = s.name;
  const auto bad = [&](const std::string& why) {
    return usage_error("workbook: sheet name '" + n + "' " + why);
  };
  if (n.empty()) throw usage_error("workbook: a sheet name is empty");
  if (xlsx_code_points(n) > 31) throw bad("is longer than 31 characters");
  if (n.find_first_of("[]:*?/\\") != std::string::npos)
    throw bad("holds one of [ ] : * ? / \\ (Excel refuses them)");
  if (n.front() == '\'' || n.back() == '\'') throw bad("starts or ends with an apostrophe");
  for (const auto& o : sheets_)
    if (xlsx_lower_ascii(o.name) == xlsx_lower_ascii(n)) throw bad("is already taken");
  if (!s.labels.empty() && s.labels.size() != s.data.n_columns())
    throw usage_error("workbook: sheet '" + n + "': " + std::to_string(s.labels.size()) +
                      " labels for " + std::to_string(s.data.n_columns()) + " columns");
  if (!s.data.complete()) throw usage_error("workbook: sheet '" + n + "': a row is incomplete");
  const std::size_t rows = s.data.n_rows() + (s.labels.empty() ? 1 : 2);
  if (rows > xlsx_max_rows || s.data.n_columns() > xlsx_max_columns)
    throw usage_error("workbook: sheet '" + n + "' needs " + std::to_string(rows) + " rows and " +
                      std::to_string(s.data.n_columns()) + " columns; Excel holds at most " +
                      std::to_string(xlsx_max_rows) + " rows and " +
                      std::to_string(xlsx_max_columns) + " columns (use CSV)");
  sheets_.push_back(std::move(s));
  return *this;
}

void workbook::check_target(const std::filesystem::path& target) {
  const std::string t = target.string();
  if (t.empty()) throw error("cannot write an Excel workbook: the output path is empty");
  if (target.filename().empty())
    throw error("cannot write '" + t + "': the path names a directory, not a file");
  auto dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  const auto st = std::filesystem::status(dir, ec);
  if (!std::filesystem::exists(st))
    throw error("cannot write '" + t + "': directory '" + dir.string() + "' does not exist");
  if (!std::filesystem::is_directory(st))
    throw error("cannot write '" + t + "': '" + dir.string() + "' is not a directory");
  if (std::filesystem::is_directory(target, ec))
    throw error("cannot write '" + t + "': it is a directory");
}

void workbook::write(const std::filesystem::path& target) const {
  check_target(target);
  if (sheets_.empty())
    throw usage_error("workbook: no sheet to write to '" + target.string() + "'");
  std::random_device rd;
  const unsigned long long r = (static_cast<unsigned long long>(rd()) << 32) ^ rd();
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, ".tmp.%ld.%016llx", static_cast<long>(::getpid()), r);
  xlsx_temp_guard temp{target};
  temp.path += suffix;

  const xlsx_c_numeric c_numbers;
  lxw_workbook* wb = workbook_new(temp.path.c_str());
  if (!wb) throw error("cannot write '" + target.string() + "': cannot start a workbook");
  lxw_doc_properties props{};
  props.title = options_.title.empty() ? nullptr : const_cast<char*>(options_.title.c_str());
  props.created = xlsx_fixed_time;
  try {
    workbook_set_properties(wb, &props);
    xlsx_fill(wb, *this, target.string());
  } catch (...) {
    lxw_workbook_free(wb); // not closed: nothing is written
    throw;
  }
  const lxw_error e = workbook_close(wb); // writes the file and frees the workbook
  if (e != LXW_NO_ERROR) throw error("cannot write '" + target.string() + "': " + lxw_strerror(e));
  std::error_code ec;
  std::filesystem::rename(temp.path, target, ec);
  if (ec) throw error("cannot write '" + target.string() + "': " + ec.message());
  temp.keep = true;
}

} // namespace chiso::io
