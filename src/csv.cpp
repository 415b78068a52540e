#include "chiso/io/csv.hpp"

#include <csv.h>

#include <Eigen/Core>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace chiso::io {

namespace {

constexpr double missing_value = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t npos = static_cast<std::size_t>(-1);

bool is_blank(char c) noexcept {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back()))
    s.remove_suffix(1);
  return s;
}

/// True if `s` holds something else than spaces, tabs and line ends (libcsv skips such lines).
bool has_content(std::string_view s) noexcept {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return true;
  return false;
}

/// Line ends in `s`: LF, CRLF and a lone CR each count once.
std::size_t count_line_ends(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n')
      ++n;
    else if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))
      ++n;
  }
  return n;
}

/// Cell text for a message: quoted, control characters escaped, long text shortened.
std::string show(std::string_view s) {
  constexpr std::size_t max_bytes = 60;
  std::string out = "'";
  std::size_t i = 0;
  for (; i < s.size() && i < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  if (i < s.size()) {
    // Do not cut a UTF-8 sequence in half.
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
      --i;
      out.pop_back();
    }
    out += "...";
  }
  out += '\'';
  return out;
}

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += show(n);
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  struct closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, closer> f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    const int e = errno;
    throw input_error(path.string() + ": cannot open file: " + std::strerror(e));
  }
  std::string text;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) text.reserve(static_cast<std::size_t>(size));
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f.get());
    text.append(buf, n);
    if (n < sizeof buf) break;
  }
  if (std::ferror(f.get())) {
    const int e = errno;
    throw input_error(path.string() + ": cannot read file: " + std::strerror(e));
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// The parsing driver: feeds libcsv one physical line at a time so that every callback
// knows the line it happens on, validates UTF-8 and the header, checks row widths, and
// hands trimmed cells to a sink. Sinks may throw; exceptions never cross libcsv's C frames
// (they are caught in the callbacks and rethrown after csv_parse returns).
// ---------------------------------------------------------------------------------------

struct parse_context {
  std::string source;
  std::vector<std::string> header;
  std::vector<std::size_t> header_lines; // line of each header cell
  std::size_t header_line = 0;

  /// "<source>:<line>:<col1>: "
  std::string at(std::size_t line, std::size_t col1) const {
    return source + ':' + std::to_string(line) + ':' + std::to_string(col1) + ": ";
  }
  /// "<source>:<line>:<col+1>: column '<name>'" for a data cell (col 0-based).
  std::string cell(std::size_t line, std::size_t col) const {
    return at(line, col + 1) + "column '" + header[col] + '\'';
  }
};

template <class Sink> class driver {
public:
  driver(parse_context& ctx, Sink& sink) : ctx_(ctx), sink_(sink) {}

  void run(std::string_view text) {
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
      throw input_error(ctx_.at(1, 1) +
                        "the file is UTF-16 encoded; save it as UTF-8 (Excel: \"CSV UTF-8\")");
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // UTF-8 BOM

    // libcsv: CSV_STRICT rejects stray quotes, CSV_STRICT_FINI an unterminated quote at the
    // end. CSV_APPEND_NULL is not needed: std::from_chars reads a [first, last) range.
    csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    struct guard {
      csv_parser* p;
      ~guard() { csv_free(p); }
    } g{&p};

    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = pos;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r')
        ++end;
      bool line_end = false;
      if (end < text.size()) {
        line_end = true;
        end += (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1;
      }
      const std::string_view chunk = text.substr(pos, end - pos);
      if (!in_row_ && has_content(chunk)) {
        in_row_ = true;
        row_line_ = field_line_ = line_;
      }
      const std::size_t done = csv_parse(&p, chunk.data(), chunk.size(), &on_field, &on_row, this);
      if (error_) std::rethrow_exception(error_);
      if (done != chunk.size()) parse_failed(csv_error(&p), chunk[done]);
      if (line_end) ++line_;
      pos = end;
    }
    if (csv_fini(&p, &on_field, &on_row, this) != 0) {
      if (error_) std::rethrow_exception(error_);
      throw input_error(ctx_.at(field_line_, n_fields_ + 1) + label(n_fields_) +
                        ": quoted field is never closed (the closing double quote is missing, "
                        "or the file is truncated)");
    }
    if (error_) std::rethrow_exception(error_);
    if (!header_done_)
      throw input_error(ctx_.source + ": the file is empty (expected a header row)");
    if (n_rows_ == 0)
      throw input_error(ctx_.source + ':' + std::to_string(ctx_.header_line) +
                        ": the file has a header but no data rows");
  }

private:
  static void on_field(void* data, std::size_t len, void* self) {
    auto* d = static_cast<driver*>(self);
    if (d->error_) return;
    try {
      d->field(std::string_view(data ? static_cast<const char*>(data) : "", len));
    } catch (...) {
      d->error_ = std::current_exception();
    }
  }

  static void on_row(int, void* self) {
    auto* d = static_cast<driver*>(self);
    if (d->error_) return;
    try {
      d->row();
    } catch (...) {
      d->error_ = std::current_exception();
    }
  }

  /// "column 'x'", "header" or "field N" for messages about field `col` (0-based).
  std::string label(std::size_t col) const {
    if (!header_done_) return "header";
    if (col < ctx_.header.size()) return "column '" + ctx_.header[col] + '\'';
    return "field " + std::to_string(col + 1) + " (beyond the header)";
  }

  void parse_failed(int err, char c) {
    if (err == CSV_ENOMEM || err == CSV_ETOOBIG) throw std::bad_alloc();
    std::string msg = ctx_.at(line_, n_fields_ + 1) + label(n_fields_) + ": ";
    if (c == '"') {
      msg += "double quote inside an unquoted field (a field containing quotes must be "
             "enclosed in quotes, with each inner quote doubled: \"say \"\"hi\"\"\")";
    } else {
      msg += "unexpected character " + show(std::string_view(&c, 1)) +
             " after a closing quote (a quoted field must be followed by a comma or the end "
             "of the line)";
    }
    throw input_error(msg);
  }

  void field(std::string_view raw) {
    if (const std::size_t bad = invalid_utf8_offset(raw); bad != npos) {
      std::string msg = ctx_.at(field_line_, n_fields_ + 1) + label(n_fields_) + ": ";
      char buf[96];
      if (raw[bad] == '\0')
        std::snprintf(buf, sizeof buf, "NUL byte at byte %zu of the cell", bad + 1);
      else
        std::snprintf(buf, sizeof buf, "invalid UTF-8 (byte 0x%02X at byte %zu of the cell)",
                      static_cast<unsigned>(static_cast<unsigned char>(raw[bad])), bad + 1);
      throw input_error(msg + buf + "; the file must be saved as UTF-8");
    }
    const std::string_view text = trim(raw);
    if (!header_done_) {
      ctx_.header.emplace_back(text);
      ctx_.header_lines.push_back(field_line_);
    } else {
      if (n_fields_ >= ctx_.header.size())
        throw input_error(ctx_.at(field_line_, n_fields_ + 1) + "row has more fields than the " +
                          std::to_string(ctx_.header.size()) + " columns of the header (line " +
                          std::to_string(ctx_.header_line) + ")");
      sink_.cell(n_fields_, text, field_line_);
    }
    ++n_fields_;
    field_line_ = line_;
  }

  void row() {
    if (!header_done_) {
      ctx_.header_line = row_line_;
      std::unordered_map<std::string_view, std::size_t> seen;
      for (std::size_t i = 0; i < ctx_.header.size(); ++i) {
        const std::string& h = ctx_.header[i];
        if (h.empty())
          throw input_error(ctx_.at(ctx_.header_lines[i], i + 1) + "header: column " +
                            std::to_string(i + 1) + " has an empty name (every column needs one)");
        const auto [it, fresh] = seen.emplace(h, i);
        if (!fresh)
          throw input_error(ctx_.at(ctx_.header_lines[i], i + 1) + "header: column name '" + h +
                            "' repeats column " + std::to_string(it->second + 1) +
                            " (column names must be distinct)");
      }
      header_done_ = true;
      sink_.header(ctx_);
    } else {
      if (n_fields_ < ctx_.header.size())
        throw input_error(ctx_.at(row_line_, n_fields_ + 1) + "column '" + ctx_.header[n_fields_] +
                          "': missing; the row has " + std::to_string(n_fields_) + " field" +
                          (n_fields_ == 1 ? "" : "s") + " but the header (line " +
                          std::to_string(ctx_.header_line) + ") has " +
                          std::to_string(ctx_.header.size()));
      sink_.row_end(row_line_);
      ++n_rows_;
    }
    n_fields_ = 0;
    in_row_ = false;
  }

  parse_context& ctx_;
  Sink& sink_;
  std::size_t line_ = 1;       // line of the chunk being parsed
  std::size_t row_line_ = 1;   // line on which the current row started
  std::size_t field_line_ = 1; // line on which the current field started
  std::size_t n_fields_ = 0;   // fields completed in the current row
  std::size_t n_rows_ = 0;     // data rows completed
  bool in_row_ = false;
  bool header_done_ = false;
  std::exception_ptr error_;
};

template <class Sink> void run_parser(std::string_view text, parse_context& ctx, Sink& sink) {
  driver<Sink> d(ctx, sink);
  d.run(text);
}

std::string bad_number(const std::string& where, std::string_view text, std::string_view rule) {
  return where + ": " + show(text) + ' ' + std::string(rule);
}

std::size_t find(const std::vector<std::string>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return npos;
}

bool listed(const std::vector<std::string>& names, std::string_view name) noexcept {
  return find(names, name) != npos;
}

// ---------------------------------------------------------------------------------------
// Wide layout: cells go straight from libcsv's buffer into the result.
// ---------------------------------------------------------------------------------------

class wide_builder {
public:
  explicit wide_builder(const wide_options& o) : opt_(o) {
    if (o.unit_column.empty()) throw usage_error("wide_options: unit_column must not be empty");
    if (!o.name_column.empty() && o.name_column == o.unit_column)
      throw usage_error("wide_options: column '" + o.unit_column +
                        "' is both unit and name column");
    for (std::size_t k = 0; k < o.group_columns.size(); ++k) {
      const auto& g = o.group_columns[k];
      if (g == o.unit_column || (!o.name_column.empty() && g == o.name_column))
        throw usage_error("wide_options: group column '" + g + "' is also the unit or name column");
      if (find(o.group_columns, g) != k)
        throw usage_error("wide_options: group column '" + g + "' is listed twice");
    }
    for (const auto& c : o.columns)
      if (c == o.unit_column || (!o.name_column.empty() && c == o.name_column) ||
          listed(o.group_columns, c))
        throw usage_error("wide_options: column '" + c +
                          "' is listed as numeric but is also the unit, name or a group column");
  }

  void header(const parse_context& ctx) {
    ctx_ = &ctx;
    const auto& h = ctx.header;
    const std::string at = ctx.source + ':' + std::to_string(ctx.header_line) + ": header: ";
    unit_col_ = find(h, opt_.unit_column);
    if (unit_col_ == npos)
      throw input_error(at + "no unit id column '" + opt_.unit_column +
                        "' (columns seen: " + list_names(h) +
                        "); rename the unit id column or set the unit column option");
    std::vector<std::string> missing;
    for (const auto& g : opt_.group_columns)
      if (!listed(h, g)) missing.push_back(g);
    if (!missing.empty())
      throw input_error(at + "group column" + (missing.size() > 1 ? "s " : " ") +
                        list_names(missing) + " not found (columns seen: " + list_names(h) + ")");
    for (const auto& c : opt_.columns)
      if (!listed(h, c)) missing.push_back(c);
    if (!missing.empty())
      throw input_error(at + "requested column" + (missing.size() > 1 ? "s " : " ") +
                        list_names(missing) + " not found (columns seen: " + list_names(h) + ")");

    plan_.resize(h.size());
    for (std::size_t j = 0; j < h.size(); ++j) {
      auto& c = plan_[j];
      if (j == unit_col_)
        c.r = role::unit;
      else if (!opt_.name_column.empty() && h[j] == opt_.name_column) {
        c.r = role::name;
        has_names_ = true;
      } else if (listed(opt_.group_columns, h[j])) {
        c.r = role::group;
        c.slot = texts_.size();
        texts_.emplace_back();
      } else if (!opt_.columns.empty() && !listed(opt_.columns, h[j])) {
        c.r = role::ignored;
      } else {
        c.r = role::number;
        c.slot = n_num_++;
        if (opt_.auto_groups) {
          c.text_slot = texts_.size();
          texts_.emplace_back();
        }
      }
    }
    values_.resize(n_num_);
  }

  void cell(std::size_t col, std::string_view text, std::size_t line) {
    auto& c = plan_[col];
    switch (c.r) {
    case role::ignored: return;
    case role::unit: {
      if (text.empty())
        throw input_error(ctx_->cell(line, col) + ": empty unit id (every row needs one)");
      const auto [it, fresh] = unit_lines_.emplace(std::string(text), line);
      if (!fresh)
        throw input_error(ctx_->cell(line, col) + ": duplicate unit id " + show(text) +
                          " (first on line " + std::to_string(it->second) + ")");
      unit_ids_.emplace_back(text);
      return;
    }
    case role::name: names_.emplace_back(text); return;
    case role::group: texts_[c.slot].emplace_back(text); return;
    case role::number: {
      const number_cell v = parse_number(text);
      values_[row_ * n_num_ + c.slot] = v.value;
      if (v.status == number_status::invalid) {
        if (c.text_slot == npos) throw input_error(bad_number(ctx_->cell(line, col), text, v.rule));
        if (c.first_text_line == 0) {
          c.first_text_line = line;
          c.first_text.assign(text);
          c.first_text_rule = v.rule;
        }
      } else {
        c.any_non_text = true;
      }
      if (c.text_slot != npos) texts_[c.text_slot].emplace_back(text);
      return;
    }
    }
  }

  void row_end(std::size_t) {
    ++row_;
    values_.resize((row_ + 1) * n_num_);
  }

  dataset finish() {
    const auto& h = ctx_->header;
    const std::size_t n = row_;
    dataset d;
    d.unit_ids = std::move(unit_ids_);
    if (has_names_) d.unit_names = std::move(names_);
    std::vector<std::size_t> kept; // numeric slots kept, in file order
    for (std::size_t j = 0; j < plan_.size(); ++j) {
      auto& c = plan_[j];
      if (c.r == role::group) {
        d.groups.push_back({h[j], std::move(texts_[c.slot])});
      } else if (c.r == role::number) {
        const bool all_text = c.first_text_line != 0 && !c.any_non_text;
        if (c.first_text_line != 0 && !all_text)
          throw input_error(
              bad_number(ctx_->cell(c.first_text_line, j), c.first_text, c.first_text_rule) +
              "; with automatic groups a column becomes a group column only if "
              "none of its cells is a number, empty or NA");
        if (all_text) {
          d.groups.push_back({h[j], std::move(texts_[c.text_slot])});
        } else {
          d.columns.push_back(h[j]);
          kept.push_back(c.slot);
        }
      }
    }
    using row_major = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const row_major> all(values_.data(), static_cast<Eigen::Index>(n),
                                          static_cast<Eigen::Index>(n_num_));
    if (kept.size() == n_num_) {
      d.values = all;
    } else {
      d.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(kept.size()));
      for (std::size_t k = 0; k < kept.size(); ++k)
        d.values.col(static_cast<Eigen::Index>(k)) = all.col(static_cast<Eigen::Index>(kept[k]));
    }
    return d;
  }

private:
  enum class role : unsigned char { ignored, unit, name, group, number };
  struct column_plan {
    role r = role::ignored;
    std::size_t slot = npos;      // group: index in texts_; number: index in a row of values_
    std::size_t text_slot = npos; // auto_groups: index in texts_ of this column's raw cells
    std::size_t first_text_line = 0;
    bool any_non_text = false; // auto_groups: some cell is a number, empty or NA
    std::string first_text;
    std::string_view first_text_rule;
  };

  const wide_options& opt_;
  const parse_context* ctx_ = nullptr;
  std::vector<column_plan> plan_;
  std::size_t unit_col_ = npos;
  std::size_t n_num_ = 0;
  std::size_t row_ = 0;
  bool has_names_ = false;
  std::vector<double> values_; // row-major, n_num_ per row
  std::vector<std::string> unit_ids_;
  std::vector<std::string> names_;
  std::vector<std::vector<std::string>> texts_;
  std::unordered_map<std::string, std::size_t> unit_lines_;
};

// ---------------------------------------------------------------------------------------
// Long layout, built from a table.
// ---------------------------------------------------------------------------------------

struct key3 {
  std::uint32_t p, u, i;
  bool operator==(const key3&) const = default;
};
struct key3_hash {
  std::size_t operator()(const key3& k) const noexcept {
    std::uint64_t h = k.p;
    h = h * 0x9E3779B97F4A7C15ULL ^ k.u;
    h = h * 0x9E3779B97F4A7C15ULL ^ k.i;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

/// Index of `s` in `index`, adding it (in first-appearance order) if new.
std::uint32_t intern(std::unordered_map<std::string_view, std::uint32_t>& index,
                     std::vector<std::string_view>& order, std::string_view s, bool& fresh) {
  const auto [it, added] = index.emplace(s, static_cast<std::uint32_t>(order.size()));
  fresh = added;
  if (added) order.push_back(s);
  return it->second;
}

long_data build_long(const csv_table& t, const long_options& o) {
  if (o.unit_column.empty() || o.indicator_column.empty() || o.value_column.empty())
    throw usage_error("long_options: unit, indicator and value column names must not be empty");
  {
    std::vector<std::string_view> roles{o.unit_column, o.indicator_column, o.value_column};
    if (!o.period_column.empty()) roles.push_back(o.period_column);
    if (!o.name_column.empty()) roles.push_back(o.name_column);
    for (const auto& g : o.group_columns)
      roles.push_back(g);
    for (std::size_t a = 0; a < roles.size(); ++a)
      for (std::size_t b = a + 1; b < roles.size(); ++b)
        if (roles[a] == roles[b])
          throw usage_error("long_options: column '" + std::string(roles[a]) +
                            "' is given two roles");
  }
  const auto& h = t.header();
  const std::string at = t.source() + ':' + std::to_string(t.header_line()) + ": header: ";
  std::vector<std::string> missing;
  for (const std::string* c : {&o.unit_column, &o.indicator_column, &o.value_column})
    if (t.column_index(*c) == csv_table::npos) missing.push_back(*c);
  for (const auto& g : o.group_columns)
    if (t.column_index(g) == csv_table::npos) missing.push_back(g);
  if (!missing.empty())
    throw input_error(at + "missing column" + (missing.size() > 1 ? "s " : " ") +
                      list_names(missing) + " (columns seen: " + list_names(h) + ")");
  const std::size_t cu = t.column_index(o.unit_column);
  const std::size_t ci = t.column_index(o.indicator_column);
  const std::size_t cv = t.column_index(o.value_column);
  const std::size_t cp = o.period_column.empty() ? npos : t.column_index(o.period_column);
  const std::size_t cn = o.name_column.empty() ? npos : t.column_index(o.name_column);
  std::vector<std::size_t> cg;
  for (const auto& g : o.group_columns)
    cg.push_back(t.column_index(g));

  std::unordered_map<std::string_view, std::uint32_t> unit_index, ind_index, period_index;
  std::vector<std::string_view> units, indicators, periods;
  std::vector<std::size_t> unit_row; // first row of each unit (its name and groups)
  struct entry {
    key3 k;
    double v;
  };
  std::vector<entry> entries;
  entries.reserve(t.n_rows());
  std::unordered_map<key3, std::size_t, key3_hash> seen;
  seen.reserve(t.n_rows());

  auto must_agree = [&](std::size_t r, std::size_t col, std::size_t first, std::string_view unit,
                        const char* what) {
    if (t.cell(r, col) != t.cell(first, col))
      throw input_error(t.where(r, col) + ": unit " + show(unit) + " has " + what + ' ' +
                        show(t.cell(r, col)) + " here but " + show(t.cell(first, col)) +
                        " on line " + std::to_string(t.line(first, col)) + " (a unit's " + what +
                        " must be the same on every row)");
  };

  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string_view u = t.cell(r, cu), ind = t.cell(r, ci);
    if (u.empty()) throw input_error(t.where(r, cu) + ": empty unit id (every row needs one)");
    if (ind.empty())
      throw input_error(t.where(r, ci) + ": empty indicator id (every row needs one)");
    std::string_view per;
    if (cp != npos) {
      per = t.cell(r, cp);
      if (per.empty()) throw input_error(t.where(r, cp) + ": empty period (every row needs one)");
    }
    const number_cell v = parse_number(t.cell(r, cv));
    if (v.status == number_status::invalid)
      throw input_error(bad_number(t.where(r, cv), t.cell(r, cv), v.rule));

    bool fresh = false;
    const std::uint32_t ku = intern(unit_index, units, u, fresh);
    if (fresh) {
      unit_row.push_back(r);
    } else {
      const std::size_t first = unit_row[ku];
      if (cn != npos) must_agree(r, cn, first, u, "name");
      for (std::size_t col : cg)
        must_agree(r, col, first, u, "group label");
    }
    const std::uint32_t ki = intern(ind_index, indicators, ind, fresh);
    const std::uint32_t kp = intern(period_index, periods, per, fresh);
    const key3 k{kp, ku, ki};
    if (const auto [it, added] = seen.emplace(k, r); !added) {
      std::string what = "unit " + show(u) + ", indicator " + show(ind);
      if (cp != npos) what += ", period " + show(per);
      throw input_error(t.where(r, cu) + ": " + what + " repeats line " +
                        std::to_string(t.line(it->second)) +
                        " (each combination may appear only once)");
    }
    entries.push_back({k, v.value});
  }

  const auto n_units = static_cast<Eigen::Index>(units.size());
  const auto n_ind = static_cast<Eigen::Index>(indicators.size());
  dataset proto;
  proto.unit_ids.assign(units.begin(), units.end());
  proto.columns.assign(indicators.begin(), indicators.end());
  if (cn != npos)
    for (std::size_t r : unit_row)
      proto.unit_names.emplace_back(t.cell(r, cn));
  for (std::size_t g = 0; g < cg.size(); ++g) {
    group_column gc{o.group_columns[g], {}};
    for (std::size_t r : unit_row)
      gc.labels.emplace_back(t.cell(r, cg[g]));
    proto.groups.push_back(std::move(gc));
  }
  proto.values = Eigen::MatrixXd::Constant(n_units, n_ind, missing_value);

  long_data out;
  out.periods.assign(periods.begin(), periods.end());
  out.data.assign(periods.size(), proto);
  for (const auto& e : entries)
    out.data[e.k.p].values(static_cast<Eigen::Index>(e.k.u), static_cast<Eigen::Index>(e.k.i)) =
        e.v;
  return out;
}

// Rule texts for parse_number (static storage: number_cell::rule views them).
constexpr std::string_view rule_generic =
    "is not a number (expected a decimal number such as 12, -0.5 or 1.5e3; leave the cell "
    "empty or write NA if the value is missing)";
constexpr std::string_view rule_comma =
    "contains a comma (decimal commas and thousands separators are not accepted: write 0.5 "
    "for 0,5 and 1234 for 1,234)";
constexpr std::string_view rule_percent =
    "contains a percent sign (write 90.66 if the indicator is in percent, or 0.9066 if it is "
    "a share)";
constexpr std::string_view rule_nonfinite =
    "is not a finite number (infinity and NaN are not accepted; leave the cell empty or write "
    "NA if the value is missing)";
constexpr std::string_view rule_hex =
    "is a hexadecimal number (only decimal numbers such as 26 or 1.5e3 are accepted)";
constexpr std::string_view rule_range =
    "is out of the range of a double (magnitude above about 1.8e308, or so close to 0 that it "
    "cannot be represented)";

bool starts_with_nocase(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

} // namespace

// ---------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------

std::size_t invalid_utf8_offset(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) return i;
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0)
      len = 3, lo = 0xA0; // no overlong forms
    else if (c == 0xED)
      len = 3, hi = 0x9F; // no UTF-16 surrogates
    else if (c >= 0xE1 && c <= 0xEF)
      len = 3;
    else if (c == 0xF0)
      len = 4, lo = 0x90; // no overlong forms
    else if (c == 0xF4)
      len = 4, hi = 0x8F; // nothing above U+10FFFF
    else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else
      return i;
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

number_cell parse_number(std::string_view text) noexcept {
  const std::string_view t = trim(text);
  if (t.empty() || t == "NA") return {number_status::missing, missing_value, {}};
  auto invalid = [](std::string_view rule) {
    return number_cell{number_status::invalid, missing_value, rule};
  };
  if (t.find(',') != std::string_view::npos) return invalid(rule_comma);
  if (t.find('%') != std::string_view::npos) return invalid(rule_percent);
  std::string_view body = t;   // what from_chars reads: optional '-', then the number
  std::string_view mag = body; // without its sign
  if (body.front() == '+') {
    body.remove_prefix(1); // from_chars does not take '+'
    mag = body;
  } else if (body.front() == '-') {
    mag.remove_prefix(1);
  }
  if (starts_with_nocase(mag, "inf") || starts_with_nocase(mag, "nan"))
    return invalid(rule_nonfinite);
  if (starts_with_nocase(mag, "0x")) return invalid(rule_hex);
  // Guard the first character: from_chars would also take "inf", "nan" and a second sign.
  if (mag.empty() || !((mag.front() >= '0' && mag.front() <= '9') || mag.front() == '.'))
    return invalid(rule_generic);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec == std::errc::result_out_of_range) return invalid(rule_range);
  if (ec != std::errc() || ptr != body.data() + body.size()) return invalid(rule_generic);
  return {number_status::number, v, {}};
}

std::size_t csv_table::line(std::size_t row, std::size_t col) const noexcept {
  std::size_t l = row_lines_[row];
  for (std::size_t j = 0; j < col; ++j)
    l += count_line_ends(cell(row, j));
  return l;
}

std::size_t csv_table::column_index(std::string_view name) const noexcept {
  return find(header_, name);
}

std::string csv_table::where(std::size_t row, std::size_t col) const {
  return source_ + ':' + std::to_string(line(row, col)) + ':' + std::to_string(col + 1) +
         ": column '" + header_[col] + '\'';
}

/// Sink filling a csv_table (friend of csv_table).
class table_builder {
public:
  table_builder(csv_table& t, std::string_view source) : t_(t) { t_.source_ = source; }
  void header(const parse_context& ctx) {
    t_.header_ = ctx.header;
    t_.header_line_ = ctx.header_line;
    t_.offsets_.assign(1, 0);
  }
  void cell(std::size_t, std::string_view text, std::size_t) {
    t_.text_.append(text);
    t_.offsets_.push_back(t_.text_.size());
  }
  void row_end(std::size_t line) { t_.row_lines_.push_back(line); }

private:
  csv_table& t_;
};

csv_table parse_csv_table(std::string_view text, std::string_view source) {
  csv_table t;
  parse_context ctx;
  ctx.source = source;
  table_builder b(t, source);
  run_parser(text, ctx, b);
  return t;
}

csv_table read_csv_table(const std::filesystem::path& path) {
  return parse_csv_table(read_file(path), path.string());
}

dataset parse_wide_csv(std::string_view text, std::string_view source,
                       const wide_options& options) {
  wide_builder b(options);
  parse_context ctx;
  ctx.source = source;
  run_parser(text, ctx, b);
  return b.finish();
}

dataset read_wide_csv(const std::filesystem::path& path, const wide_options& options) {
  return parse_wide_csv(read_file(path), path.string(), options);
}

long_data parse_long_csv(std::string_view text, std::string_view source,
                         const long_options& options) {
  return build_long(parse_csv_table(text, source), options);
}

long_data read_long_csv(const std::filesystem::path& path, const long_options& options) {
  return build_long(read_csv_table(path), options);
}

} // namespace chiso::io
