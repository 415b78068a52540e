#pragma once
/// \file io/table.hpp
/// A typed output table: named columns, each holding text, numbers, counts or ranks, and rows
/// of cells where a missing value is explicit. Results are shaped into a table once; the
/// writers below (CSV, JSON, aligned text) and the Python module show the same table.
///
/// How each writer shows a cell:
///
/// | type      | CSV                      | JSON                         | text          |
/// |-----------|--------------------------|------------------------------|---------------|
/// | text      | RFC 4180 field           | string                       | as is         |
/// | number    | `format_double`, or `digits` decimals (`format_fixed`) | number, rounded to
/// `digits` (`round_decimal`) | as CSV | | integer   | `format_double`          | number | as CSV |
/// | rank      | `format_double`          | number                       | as CSV        |
/// | (missing) | empty                    | `null`                       | `-` (numbers), blank
/// (text) |
///
/// ±infinity is written "inf"/"-inf" in CSV and text, `null` in JSON. A number column's
/// `digits` rounds for display only, half away from zero on the decimal text
/// (`chiso::round_decimal`), as ranking on rounded values does.
///
/// As columns (e.g. for a data frame): `column(k)` gives column k's cells; a text cell holds a
/// `std::string`, a number cell a `double`, a missing cell `std::monostate` (a number column
/// may also hold NaN, which every writer treats as missing).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace chiso::io {

/// What a column holds; decides how each writer shows its cells.
enum class column_type {
  text,    ///< a label or an id
  number,  ///< a real number (score, statistic), rounded to the column's `digits` for display
  integer, ///< a count or an index: never rounded
  rank,    ///< a rank (ties may give x.5): never rounded
};

/// How the aligned text writer places a column's cells.
enum class column_align {
  automatic, ///< numbers, counts and ranks right, text left
  left,
  right,
};

/// One column of a table.
struct table_column {
  std::string name;                     ///< CSV and text header, JSON key
  column_type type = column_type::text; ///< what the cells hold
  std::optional<int> digits = {};       ///< number columns: decimals shown (none: full precision)
  /// JSON only: the columns of one row that share a non-empty `group` and stand next to each
  /// other are written as one object under that key (`"scores": {"top": 1, "p": 0.5}`).
  std::string group = {};
  std::string key = {};                         ///< JSON key when not `name` (e.g. in a group)
  column_align align = column_align::automatic; ///< text writer
  const std::string& json_key() const noexcept { return key.empty() ? name : key; }
};

/// A table cell: missing, a text, or a number.
using table_cell = std::variant<std::monostate, std::string, double>;

/// Named, typed columns and rows of cells. Rows are filled in column order:
///
///     io::table t({{"unit"}, {"score", io::column_type::number, 2}});
///     t.row().text("u1").number(0.5);
///     t.row().text("u2").missing();
///     io::write_csv(std::cout, t); // unit,score / u1,0.50 / u2,
class table {
public:
  table() = default;
  explicit table(std::vector<table_column> columns) : columns_(std::move(columns)) {}

  /// Adds a column (before any row is added; else `usage_error`).
  void add_column(table_column c);
  const std::vector<table_column>& columns() const noexcept { return columns_; }
  std::size_t n_columns() const noexcept { return columns_.size(); }
  std::size_t n_rows() const noexcept { return rows_.size(); }

  /// Starts a new row (the previous one must be complete, else `usage_error`); its cells follow
  /// in column order.
  table& row();
  /// The next cell: a text (text columns only, else `usage_error`).
  table& text(std::string_view value);
  /// The next cell: a number (number, integer and rank columns only); NaN is missing.
  table& number(double value);
  /// The next cell: a count (integer columns, or number columns).
  table& count(std::size_t value) { return number(static_cast<double>(value)); }
  /// The next cell: missing.
  table& missing();

  /// The cell at `row`, `column` (`std::out_of_range` outside the table).
  const table_cell& at(std::size_t row, std::size_t column) const;
  /// Column k's cells, top to bottom.
  std::vector<table_cell> column(std::size_t k) const;
  /// The same columns with the rows listed (in that order; `std::out_of_range` outside).
  table select_rows(const std::vector<std::size_t>& rows) const;
  /// Whether every row has one cell per column (every writer requires it).
  bool complete() const noexcept;

private:
  table& add(table_cell c, bool numeric);
  std::vector<table_column> columns_;
  std::vector<std::vector<table_cell>> rows_;
};

/// A cell as the CSV writer shows it (without escaping) and the text writer shows it (with
/// `-` for a missing number).
std::string cell_text(const table& t, std::size_t row, std::size_t column, bool text_writer);

/// CSV (RFC 4180): the header line (when `header`), then one line per row, each ending in
/// "\n". `usage_error` when a row is incomplete.
void write_csv(std::ostream& out, const table& t, bool header = true);

/// A JSON list of row objects, `{"name": value, ...}` in column order (grouped columns nested):
/// "[]" when there are no rows, else "[" then each row on its own line indented by
/// `indent` + 2 spaces, rows separated by ",", and "]" on a line indented by `indent`. No
/// newline after the closing bracket, so that the list can stand inside a larger document.
void write_json(std::ostream& out, const table& t, int indent = 2);

/// Aligned text: the header row, a rule of dashes, then the rows; columns separated by two
/// spaces and aligned by `display_width`; trailing spaces trimmed; every line ends in "\n".
std::string format_text(const table& t);

/// Columns a terminal uses for UTF-8 text: one per code point, none for combining marks,
/// two for East Asian wide characters. Invalid bytes count one each.
std::size_t display_width(std::string_view text);

} // namespace chiso::io
