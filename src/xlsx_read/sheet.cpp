// A sheet turned into the CSV text the CSV readers consume (workbook.hpp): one line per
// non-blank row, every column from A to the header's last named column a field, cells quoted
// when they hold a comma, a quote or a line break. Cells the CSV rules cannot judge (booleans,
// dates, error values, formulas without a cached value) are refused here, naming the cell.
#include "workbook.hpp"

#include "xml_stream.hpp"

#include "chiso/error.hpp"

#include <cstdlib>
#include <utility>

namespace chiso::io::detail {

namespace {

constexpr std::size_t sheet_max_rows = 1'048'576; // Excel's own bounds
constexpr std::size_t sheet_max_cols = 16'384;

/// What a cell holds, as stored.
enum class cell_kind : unsigned char { empty, text, number, boolean, date, error, no_cache };

struct sheet_cell {
  std::size_t col = 0;
  cell_kind kind = cell_kind::empty;
  std::string text;     ///< text, number as stored, error value, or date format
  std::string fmt_note; ///< date: the number format that shows it as a date
};

bool blank_text(std::string_view s) noexcept {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

class sheet_reader : public xml_handler {
public:
  sheet_reader(const workbook_parts& book, std::string source, const xlsx_limits& limits)
      : book_(book), limits_(limits), grid_(std::make_shared<sheet_grid>()) {
    out_.source = std::move(source);
    grid_->row_of_line.push_back(0);
  }

  sheet_text finish() {
    out_.grid = std::move(grid_);
    return std::move(out_);
  }

  void start(std::string_view name, const char** a) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      const char* r = xml_attr(a, "r");
      std::size_t row = row_ + 1;
      if (r) {
        char* end = nullptr;
        const unsigned long v = std::strtoul(r, &end, 10);
        if (*end != '\0' || v == 0 || v > sheet_max_rows)
          throw input_error(out_.source + ": row number '" + std::string(r) + "' is not valid");
        row = v;
      }
      if (row <= row_)
        throw input_error(out_.source + " row " + std::to_string(row) +
                          ": rows are out of order in the file (row " + std::to_string(row_) +
                          " came before); save the workbook again in Excel or LibreOffice");
      row_ = row;
      cells_.clear();
      col_ = 0;
    } else if (name == "c") {
      cell_ = sheet_cell{};
      std::size_t col = col_;
      if (const char* r = xml_attr(a, "r")) col = parse_ref(r);
      if (!cells_.empty() && col < cells_.back().col + 1)
        throw input_error(at(col) + "cells are out of order in the file");
      cell_.col = col;
      col_ = col + 1;
      const char* t = xml_attr(a, "t");
      type_ = t ? t : "n";
      const char* s = xml_attr(a, "s");
      style_ = s ? std::strtoul(s, nullptr, 10) : 0;
      has_v_ = has_f_ = false;
      value_.clear();
      if (++n_cells_ > limits_.max_cells) too_many();
    } else if (name == "v") {
      has_v_ = in_v_ = true;
    } else if (name == "f") {
      has_f_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && phonetic_ == 0) {
      in_t_ = true; // inline string text (is/t or is/r/t)
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) return;
    if (name == "sheetData") {
      in_data_ = false;
    } else if (name == "v") {
      in_v_ = false;
    } else if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c") {
      close_cell();
    } else if (name == "row") {
      close_row();
    }
  }

  void text(std::string_view s) override {
    if (in_v_ || (in_t_ && type_ == "inlineStr")) value_.append(s);
  }

private:
  std::string at(std::size_t col) const { return out_.source + '!' + cell_ref(col, row_) + ": "; }

  [[noreturn]] void too_many() const {
    throw input_error(out_.source + ": more than " + std::to_string(limits_.max_cells) +
                      " cells (refused: the limit of cells a sheet may have)");
  }

  std::size_t parse_ref(std::string_view r) const {
    std::size_t i = 0, col = 0;
    while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z' && col <= sheet_max_cols)
      col = col * 26 + static_cast<std::size_t>(r[i++] - 'A' + 1);
    std::size_t row = 0;
    const std::size_t digits = i;
    while (i < r.size() && r[i] >= '0' && r[i] <= '9' && row <= sheet_max_rows)
      row = row * 10 + static_cast<std::size_t>(r[i++] - '0');
    if (digits == 0 || i != r.size() || i == digits || col > sheet_max_cols || row != row_)
      throw input_error(out_.source + " row " + std::to_string(row_) + ": cell reference '" +
                        std::string(r) + "' is not valid here");
    return col - 1;
  }

  void close_cell() {
    sheet_cell& c = cell_;
    if (type_ == "inlineStr") {
      c.kind = cell_kind::text;
      c.text = decode_ooxml_escapes(std::move(value_));
    } else if (has_f_ && (!has_v_ || (value_.empty() && type_ != "str"))) {
      // No cached value (`<v></v>` is what writers that do not calculate leave); an empty
      // string is a formula's valid result only when the cell says it is a string.
      c.kind = cell_kind::no_cache;
    } else if (!has_v_ || (value_.empty() && type_ == "n")) {
      c.kind = cell_kind::empty;
    } else if (type_ == "s") {
      char* end = nullptr;
      const unsigned long k = std::strtoul(value_.c_str(), &end, 10);
      if (value_.empty() || *end != '\0' || k >= book_.strings.size())
        throw input_error(at(c.col) + "refers to shared string '" + value_ +
                          "' but the workbook "
                          "has " +
                          std::to_string(book_.strings.size()) + "; the file is damaged");
      c.kind = cell_kind::text;
      c.text = book_.strings[k];
    } else if (type_ == "str") {
      c.kind = cell_kind::text;
      c.text = decode_ooxml_escapes(std::move(value_));
    } else if (type_ == "b") {
      c.kind = cell_kind::boolean;
      c.text = value_ == "1" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      c.kind = cell_kind::error;
      c.text = std::move(value_);
    } else if (type_ == "d") {
      c.kind = cell_kind::date;
      c.text = std::move(value_);
      c.fmt_note = "an ISO 8601 date cell";
    } else if (type_ == "n") {
      c.text = std::move(value_);
      c.kind = cell_kind::number;
      if (style_ < book_.date_fmt.size() && !book_.date_fmt[style_].empty()) {
        c.kind = cell_kind::date;
        c.fmt_note = "number format '" + book_.date_fmt[style_] + "'";
      }
    } else {
      throw input_error(at(c.col) + "unknown cell type '" + type_ + "'");
    }
    if (c.kind != cell_kind::empty) cells_.push_back(std::move(c));
  }

  /// Why a cell is refused, or "" when it is read as text.
  static std::string refusal(const sheet_cell& c) {
    switch (c.kind) {
    case cell_kind::boolean:
      return "holds the boolean " + c.text +
             "; chiso reads numbers and text, not TRUE/FALSE: enter 1 or 0 (or a label)";
    case cell_kind::date:
      return "looks like a date or time (" + c.fmt_note + ", stored value " + c.text +
             "); chiso does not read dates: format the cell as a number (General), or type the "
             "value as text";
    case cell_kind::error:
      return "holds the Excel error " + c.text +
             "; an error value is not a missing value: leave the cell empty or write NA";
    case cell_kind::no_cache:
      return "holds a formula without a cached value (the program that saved the workbook did "
             "not calculate it): open and save the workbook in Excel or LibreOffice, or enter "
             "the value";
    default: return {};
    }
  }

  void close_row() {
    bool blank = true;
    for (const auto& c : cells_)
      if (c.kind != cell_kind::text || !blank_text(c.text)) blank = false;
    if (blank) return;
    if (!header_) {
      // The header: columns A to its last non-blank cell.
      std::size_t width = 0;
      for (const auto& c : cells_)
        if (!(c.kind == cell_kind::text && blank_text(c.text))) width = c.col + 1;
      for (const auto& c : cells_)
        if (const std::string why = refusal(c); !why.empty())
          throw input_error(at(c.col) + "header: " + why);
      names_.assign(width, std::string());
      for (const auto& c : cells_)
        if (c.col < width) names_[c.col] = c.text;
      header_ = true;
    } else {
      for (const auto& c : cells_) {
        if (c.col >= names_.size()) {
          if (c.kind == cell_kind::text && blank_text(c.text)) continue;
          throw input_error(at(c.col) + "a value right of the header's last column (" +
                            cell_ref(names_.size() - 1, header_row_) +
                            "): every column needs a name in the header row");
        }
        if (const std::string why = refusal(c); !why.empty())
          throw input_error(at(c.col) + "column '" + names_[c.col] + "': " + why);
      }
    }
    if (header_row_ == 0) header_row_ = row_;
    emit_row();
  }

  void emit_row() {
    const std::size_t width = names_.size();
    n_fields_ += width;
    if (n_fields_ > limits_.max_cells) too_many();
    std::string& t = out_.text;
    std::size_t k = 0, lines = 0;
    for (std::size_t col = 0; col < width; ++col) {
      if (col) t += ',';
      while (k < cells_.size() && cells_[k].col < col)
        ++k;
      if (k < cells_.size() && cells_[k].col == col) {
        const std::string& s = cells_[k++].text;
        if (s.find_first_of(",\"\r\n") == std::string::npos) {
          t += s;
        } else {
          t += '"';
          for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '"') t += '"';
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++lines;
            t += s[i];
          }
          t += '"';
        }
      }
    }
    t += '\n';
    for (std::size_t i = 0; i <= lines; ++i)
      grid_->row_of_line.push_back(row_);
  }

  const workbook_parts& book_;
  const xlsx_limits& limits_;
  sheet_text out_;
  std::shared_ptr<sheet_grid> grid_;
  bool in_data_ = false, in_v_ = false, in_t_ = false, has_v_ = false, has_f_ = false;
  int phonetic_ = 0;
  std::size_t row_ = 0, col_ = 0, n_cells_ = 0, n_fields_ = 0;
  std::size_t header_row_ = 0;
  bool header_ = false;
  std::vector<std::string> names_;
  std::vector<sheet_cell> cells_;
  sheet_cell cell_;
  std::string type_, value_;
  unsigned long style_ = 0;
};

} // namespace

sheet_text read_sheet_text(xlsx_archive& zip, const workbook_parts& book, const sheet_entry& s) {
  std::string file = zip.at();
  file.resize(file.size() - 2); // "<file>: "
  sheet_reader r(book, file + '[' + s.name + ']', zip.limits());
  parse_xml_part(zip, s.part, r);
  sheet_text out = r.finish();
  out.name = s.name;
  return out;
}

} // namespace chiso::io::detail
