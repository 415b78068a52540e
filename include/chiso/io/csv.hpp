#pragma once
/// \file io/csv.hpp
/// Reading CSV data files: a low-level table reader, number cells, and the wide and long
/// data layouts (docs/data-files.md describes the formats for users).
///
/// **Dialect.** RFC 4180, strict (the rules of libcsv's strict mode, which chiso used before
/// its own tokenizer): comma separator, `"` quotes, inner quotes doubled, quoted fields may
/// hold commas, quotes and line breaks; a quote elsewhere than at the start of a field, or
/// anything but blanks then a comma or a line end after a closing quote, is an error. UTF-8 only (a
/// leading UTF-8 byte order mark is dropped; a UTF-16 file is refused). Line ends LF, CRLF or
/// a lone CR. Lines holding only spaces and tabs are skipped wherever they occur. Leading and
/// trailing ASCII spaces and tabs are removed from every cell, quoted or not. The first
/// non-blank row is the header; every row must have as many fields as the header.
///
/// **Positions.** Every error is a `chiso::input_error` whose message starts with
/// `<path>:<line>:<column>: ` where `line` is the 1-based physical line on which the cell
/// starts (rows may span lines inside quoted fields) and `column` the 1-based field number,
/// then names the field (`column 'awareness'`) and the rule broken, e.g.
/// `data.csv:14:3: column 'awareness': 'abc' is not a number (...)`. Errors about the whole
/// file omit line and column (`data.csv: file is empty ...`).

#include "chiso/dataset.hpp"
#include "chiso/error.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

namespace detail {
struct sheet_grid;
}

/// A whole CSV file held in memory: the header and a rectangle of trimmed text cells, with
/// the physical line of every row for messages. Cells live in one buffer (no allocation per
/// cell); `cell()` views stay valid as long as the table.
class csv_table {
public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Name of the source as used in messages (the path as given, or the name passed to
  /// `parse_csv_table`).
  const std::string& source() const noexcept { return source_; }
  /// Column names, in file order (trimmed, non-empty, distinct).
  const std::vector<std::string>& header() const noexcept { return header_; }
  /// Physical line (1-based) of the header row.
  std::size_t header_line() const noexcept { return header_line_; }
  /// Number of data rows (the header is not a row).
  std::size_t n_rows() const noexcept { return row_lines_.size(); }
  /// Number of columns (= header size = fields in every row).
  std::size_t n_cols() const noexcept { return header_.size(); }

  /// Text of data row `row`, column `col` (both 0-based), trimmed of ASCII spaces and tabs.
  std::string_view cell(std::size_t row, std::size_t col) const noexcept {
    const std::size_t k = row * header_.size() + col;
    return std::string_view(text_).substr(offsets_[k], offsets_[k + 1] - offsets_[k]);
  }
  /// Physical line (1-based) on which data row `row` starts.
  std::size_t line(std::size_t row) const noexcept { return row_lines_[row]; }
  /// Physical line (1-based) on which the cell starts: the row's line plus the line breaks
  /// held in the quoted cells before it.
  std::size_t line(std::size_t row, std::size_t col) const noexcept;

  /// Index of the column with that exact name, or npos.
  std::size_t column_index(std::string_view name) const noexcept;

  /// Message prefix for a cell: `<source>:<line>:<col+1>: column '<name>'` (a table read from
  /// a spreadsheet's sheet names the cell: `data.xlsx[2024]!C7: column '<name>'`).
  std::string where(std::size_t row, std::size_t col) const;
  /// Message prefix for a whole row or the header, from its physical line: `<source>:<line>: `
  /// (a sheet: `<source> row 7: `).
  std::string where_line(std::size_t line) const;
  /// How messages name a physical line: `line 7` (a sheet: `row 7`).
  std::string line_name(std::size_t line) const;
  /// The number users see for a physical line: the line (a sheet: its row).
  std::size_t shown_line(std::size_t line) const noexcept;

private:
  friend class table_builder;
  std::string source_;
  std::vector<std::string> header_;
  std::size_t header_line_ = 0;
  std::string text_;                 // all cells, back to back
  std::vector<std::size_t> offsets_; // n_rows * n_cols + 1 offsets into text_
  std::vector<std::size_t> row_lines_;
  std::shared_ptr<const detail::sheet_grid> grid_; // set when the table is a sheet's
};

/// Reads a whole CSV file into a table (dialect in the file comment).
/// Throws `input_error` naming the path for: a file that cannot be opened or read (with the
/// operating system's reason), an empty file, a header without data rows, an empty or
/// repeated header name, a row with more or fewer fields than the header, a stray or
/// unterminated quote, invalid UTF-8.
csv_table read_csv_table(const std::filesystem::path& path);

/// Same as `read_csv_table` on text already in memory; `source` names it in messages.
csv_table parse_csv_table(std::string_view text, std::string_view source);

/// What a cell holds when read as a number.
enum class number_status : unsigned char {
  number,  ///< a finite decimal number
  missing, ///< empty cell or exactly `NA`
  invalid, ///< anything else; `rule` says what was expected
};

/// Result of `parse_number`.
struct number_cell {
  number_status status;
  double value;          ///< the number; NaN when missing or invalid
  std::string_view rule; ///< when invalid: "is not a number (accepted: ...)" (static text)
};

/// Reads one cell as a number, without throwing.
///
/// After trimming ASCII spaces and tabs: an empty cell or exactly `NA` is missing; otherwise
/// the text must be `[+|-] digits [. digits] [(e|E) [+|-] digits]` (digits may be omitted on
/// one side of the point), read with `std::from_chars` (correctly rounded, locale-free).
/// Rejected, each with its own rule text: infinity and NaN in any spelling, hexadecimal,
/// commas (decimal comma `0,5`, thousands separator `1,234`), percent signs, trailing
/// garbage (`12abc`), values out of the range of a double (`1e999`, `1e-400`). Bad text is
/// never turned into NaN or 0: it is reported as `invalid`.
number_cell parse_number(std::string_view text) noexcept;

/// Byte offset of the first byte of `text` that does not start a well-formed UTF-8 sequence
/// (overlong forms, surrogates, code points above U+10FFFF and NUL bytes count as
/// ill-formed), or `std::string_view::npos` if the whole text is valid.
std::size_t invalid_utf8_offset(std::string_view text) noexcept;

/// How a wide file maps onto a dataset.
struct wide_options {
  /// Column holding unit ids (required in the file; ids must be non-empty and distinct).
  std::string unit_column = "unit";
  /// Column holding unit display names; used if present in the file, "" = never.
  std::string name_column = "name";
  /// Columns holding group labels (e.g. "ministry_type"); each must exist in the file.
  std::vector<std::string> group_columns;
  /// When true, a candidate numeric column whose every cell is text (no cell is a number,
  /// empty or NA) becomes a group column instead. A column mixing numbers and text is still
  /// an error: a typo in a numeric column is never silently turned into labels.
  bool auto_groups = false;
  /// If non-empty, only these columns are read as numbers (each must exist); every other
  /// column except unit, name and group columns is ignored. Empty = all other columns.
  std::vector<std::string> columns;
  /// Threads parsing the rows of a large file (0: every core). The result, and which error is
  /// reported first, do not depend on it.
  unsigned threads = 0;
};

/// Reads a wide CSV file: one row per unit, one column per variable.
///
/// Every column other than the unit, name and group columns (restricted to
/// `options.columns` if given) must hold numbers (see `parse_number`; empty or NA =
/// missing = NaN). Columns and groups keep file order; units keep row order.
/// Errors (`input_error`, with file:line:column): unit column absent (the message lists the
/// columns seen), listed group or whitelisted column absent (all missing ones named), empty
/// or repeated unit id (naming the line of the first occurrence), a cell that is not a
/// number, plus every error of `read_csv_table`. Conflicting options (a column given two
/// roles) throw `usage_error`.
/// The file is mapped, not copied; cells are parsed in place and written straight into the
/// dataset (no table of strings is built), in blocks of rows on `options.threads` threads
/// when the file has no quotes and no lone CR line ends.
dataset read_wide_csv(const std::filesystem::path& path, const wide_options& options = {});

/// Same as `read_wide_csv` on text already in memory; `source` names it in messages.
dataset parse_wide_csv(std::string_view text, std::string_view source,
                       const wide_options& options = {});

/// How a long file maps onto datasets.
struct long_options {
  std::string unit_column = "unit";           ///< required
  std::string indicator_column = "indicator"; ///< required; its values become column names
  std::string value_column = "value";         ///< required; numbers, empty or NA = missing
  std::string period_column = "period";       ///< used if present, "" = never
  std::string name_column = "name";           ///< used if present, "" = never
  std::vector<std::string> group_columns;     ///< each must exist
};

/// A long file split by period: `data[k]` holds period `periods[k]`.
struct long_data {
  std::vector<std::string> periods; ///< first-appearance order; {""} when no period column
  std::vector<dataset> data;        ///< one per period, same units and columns in each
};

/// Reads a long CSV file: one row per (unit, indicator[, period]) with its value.
///
/// Units, indicators and periods keep first-appearance order. Every period's dataset has
/// all units and all indicators seen anywhere in the file; a combination without a row is
/// missing (NaN). Other columns of the file are ignored.
/// Errors (`input_error`, with file:line:column): a required or listed column absent, empty
/// unit id, indicator or period, a value that is not a number, a repeated (unit, indicator,
/// period) naming both lines, a unit whose name or group label differs between rows naming
/// both lines, plus every error of `read_csv_table`.
long_data read_long_csv(const std::filesystem::path& path, const long_options& options = {});

/// Same as `read_long_csv` on text already in memory; `source` names it in messages.
long_data parse_long_csv(std::string_view text, std::string_view source,
                         const long_options& options = {});

} // namespace chiso::io
