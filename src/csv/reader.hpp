#pragma once
// What every CSV reader shares: the header, the checks of one data row against it (with the
// messages of include/chiso/io/csv.hpp), and the split of the data rows into blocks that can
// be parsed in parallel.

#include "scan.hpp"
#include "source.hpp"

#include "chiso/io/csv.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io::detail {

/// Cell text for a message: quoted, control characters escaped, long text shortened.
std::string show_cell(std::string_view s);
/// `show_cell` of each name, separated by ", ".
std::string show_names(const std::vector<std::string>& names);

/// Where the cells of a spreadsheet's sheet stand, when the sheet was turned into CSV text
/// (src/xlsx_read/): messages then name cells (`data.xlsx[2024]!C7`) and sheet rows instead of
/// lines and field numbers. Field k of a row is the sheet's column k (A = 0).
struct sheet_grid {
  std::vector<std::size_t> row_of_line; ///< [physical line of the text] = sheet row; [0] unused
  /// The sheet row of a physical line.
  std::size_t row(std::size_t line) const noexcept {
    return line < row_of_line.size() ? row_of_line[line] : line;
  }
};

/// A cell reference: column `col` (0-based: A, B, ..., Z, AA, ...) and row `row` (1-based).
std::string cell_ref(std::size_t col, std::size_t row);

/// Message prefixes and line names for a source: `<source>:<line>:<col>: ` for a CSV file,
/// `<source>!<cell>: ` when `grid` is set (a sheet).
struct positions {
  std::string source;
  std::shared_ptr<const sheet_grid> grid;

  /// "<source>:<line>:<col1>: " (a sheet: "<source>!C7: ")
  std::string at(std::size_t ln, std::size_t col1) const;
  /// "<source>:<line>: " for a whole row (a sheet: "<source> row 7: ")
  std::string at_line(std::size_t ln) const;
  /// "line 7" (a sheet: "row 7")
  std::string line_name(std::size_t ln) const;
  /// The line as a number users see: the line, or the sheet row.
  std::size_t line_number(std::size_t ln) const noexcept { return grid ? grid->row(ln) : ln; }
};

/// The header of a CSV text, and where its data rows start.
struct csv_head : positions {
  std::vector<std::string> names;
  std::size_t line = 0;      ///< physical line of the header
  std::size_t body_pos = 0;  ///< byte offset (in the text given to `read_head`) after the header
  std::size_t body_line = 0; ///< line at `body_pos`

  /// "<source>:<line>:<col+1>: column '<name>'" for a data cell (col 0-based).
  std::string cell(std::size_t ln, std::size_t col) const;
  /// "column 'x'", or "field N (beyond the header)" for field `col` (0-based) of a data row.
  std::string label(std::size_t col) const;
};

/// The text without a UTF-8 byte order mark; throws `input_error` for a UTF-16 file.
std::string_view strip_bom(std::string_view text, std::string_view source);

/// Reads the header row of `text` (after `strip_bom`). Throws `input_error` for an empty file,
/// a broken header row (quotes, invalid UTF-8) and empty or repeated names. `grid`: the text is
/// a sheet's (positions name cells).
csv_head read_head(std::string_view text, std::string_view source,
                   std::shared_ptr<const sheet_grid> grid = nullptr);

/// The first problem of a data row the scanner returned (`status` row or fault), in the order
/// the fields are read: `usable` = how many leading fields are sound and may be used before
/// the problem (the sink reads them first, so that an earlier bad cell is reported first);
/// `message` empty when the row is sound. `field` is the 0-based field the problem is at.
struct row_check {
  std::size_t usable = 0;
  std::size_t field = 0;
  std::string message;
};
row_check check_row(const csv_head& h, const row_scanner& s, scan_status status);

/// "<source>:<line>: the file has a header but no data rows"
[[noreturn]] void throw_no_rows(const csv_head& h);

/// A range of data rows: bytes [begin, end) starting on `line`, holding rows
/// [first_row, first_row + rows) of the file.
struct row_block {
  std::size_t begin = 0, end = 0;
  std::size_t line = 0;
  std::size_t first_row = 0, rows = 0;
};

/// Splits the data rows of `text` (from `h.body_pos`) into blocks of about `block_bytes`,
/// counting the rows and lines of each (on `workers` threads). Text with quotes or lone CRs is
/// one block, counted by the scanner (stopping at a fault: the rows before it, and that row).
/// `bytes`, when given, is the file `text` views: pages counted are released.
std::vector<row_block> split_rows(std::string_view text, const csv_head& h, std::size_t block_bytes,
                                  unsigned workers, const file_bytes* bytes);

/// `parse_csv_table` of a sheet turned into CSV text: positions name the sheet's cells.
csv_table sheet_table(std::string_view text, std::string_view source,
                      std::shared_ptr<const sheet_grid> grid);

} // namespace chiso::io::detail
