#pragma once
/// \file io/xlsx_read.hpp
/// Reading data from Excel workbooks (.xlsx, .xlsm): a sheet is turned into the rows and cells
/// the CSV readers consume, so that every rule of a CSV data file (header, unit, name and group
/// columns, numbers, NA and empty cells, duplicate units, long files) holds unchanged
/// (docs/data-files.md, "Excel workbooks").
///
/// A data path names a workbook by its extension, with an optional sheet after `#`:
/// `data.xlsx` (the first sheet), `data.xlsx#2024` (the sheet named 2024), `data.xlsx#*` (every
/// sheet, one period each, named by the sheet: `io::read_framework_panel`).
///
/// **Cells.** Shared and inline strings are text; a number cell is its stored decimal text,
/// read by `parse_number` like a CSV cell (so a number stored as text reads the same); a formula
/// gives its cached value (a formula without one is an error). Booleans, dates and times (a
/// number shown with a date format, or a `t="d"` cell) and error values (`#N/A`, `#DIV/0!`) are
/// errors with a reason: `#N/A` is not missing, as the text `#N/A` is not in a CSV file. A row
/// whose cells are all empty is skipped, as a blank line is. Every message names the file, the
/// sheet and the cell: `data.xlsx[2024]!C7: column 'awareness': ...`.
///
/// **Hostile files.** The container is read with libzip and the XML with expat; a document type
/// declaration is refused (no entity expansion), and `xlsx_limits` bounds the entries, the
/// decompressed bytes (a part's declared size is checked before it is inflated, and inflating
/// stops at the limit whatever the header says) and the cells, each with a clear message.

#include "chiso/io/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

/// Bounds on what a workbook may make chiso read.
struct xlsx_limits {
  std::size_t max_entries = 10'000;                       ///< files in the zip container
  std::uint64_t max_part_bytes = std::uint64_t{1} << 30;  ///< one part (sheet, strings), inflated
  std::uint64_t max_total_bytes = std::uint64_t{2} << 30; ///< all parts read, inflated
  std::size_t max_cells = 50'000'000; ///< cells of a sheet (stored, and rows × header columns)
};

/// A data path that names a workbook: the file and the sheet part after `#`.
struct workbook_ref {
  std::filesystem::path file;
  std::string sheet; ///< "" = the first sheet, "*" = every sheet
  bool all_sheets() const noexcept { return sheet == "*"; }
};

/// Whether `path` names a workbook: its file name ends in `.xlsx` or `.xlsm` (any case),
/// optionally followed by `#SHEET` or `#*`. nullopt for anything else (a CSV file).
std::optional<workbook_ref> workbook_reference(const std::filesystem::path& path);

/// The names of the workbook's sheets, in tab order. Throws `input_error` for a file that is
/// not a readable workbook (not a zip archive, an .xls file, a missing part, broken XML...).
std::vector<std::string> xlsx_sheet_names(const std::filesystem::path& file,
                                          const xlsx_limits& limits = {});

/// A sheet read as a table of text cells, with the rules of `read_csv_table` (the first non-blank
/// row is the header: non-empty, distinct names; at least one data row); `source()` is
/// `<file>[<sheet>]` and positions name cells. `sheet` "" = the first sheet. Throws
/// `input_error` for a missing sheet (the message lists the sheets), a refused cell (boolean,
/// date, error value, formula without a cached value), a value right of the header's last
/// column, a limit exceeded, and every problem of the container.
csv_table read_xlsx_table(const std::filesystem::path& file, std::string_view sheet = "",
                          const xlsx_limits& limits = {});

} // namespace chiso::io
