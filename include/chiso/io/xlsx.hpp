#pragma once
/// \file io/xlsx.hpp
/// Excel workbooks out: named tables (io/table.hpp), one sheet each, written as one .xlsx file
/// through libxlsxwriter. What `--format xlsx` writes and Python's `Result.to_excel` uses.
///
/// How a sheet shows a table:
///
/// - row 1: the column names (bold); when the sheet has `labels` (e.g. the spec's names of
///   the node ids heading the columns), row 2 holds them (italic); these header rows are
///   frozen, with the sheet's `freeze_columns` leading columns, and carry an autofilter;
/// - text cells as strings (UTF-8, Vietnamese diacritics intact);
/// - numbers as numbers, unrounded: libxlsxwriter writes a number with 16 significant digits
///   (`%.16G`, its fixed precision; Excel itself shows 15), so a value reads back as the
///   double nearest its 16-digit decimal, not always the very same double (CSV and JSON keep
///   the shortest text that reads back exactly). A number column is *displayed* with its
///   `digits` decimals (number format `0.00`), else with the workbook's `digits` (unless the
///   sheet opts out), else
///   Excel's General format; integer columns `0`, rank columns General (ties give x.5);
/// - a missing cell (monostate, NaN) is left empty: no 0, no "NaN" text; ±infinity is the text
///   "inf" / "-inf", as in CSV;
/// - column widths from the longest header, label or shown cell (3 to 60 characters).
///
/// The file is written under a temporary name in the target's directory and renamed onto the
/// target, so a failure leaves no partial file (and the old file, if any, untouched). The
/// workbook's creation time is fixed (2000-01-01), so the same tables give the same bytes.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "chiso/io/table.hpp"

namespace chiso::io {

/// One sheet: a name and a table.
struct xlsx_sheet {
  /// 1 to 31 characters, none of `[ ] : * ? / \`, not starting or ending with `'`, unique
  /// in the workbook ignoring ASCII case (Excel's rules).
  std::string name;
  table data;
  /// A second header row, one text per column ("" for none); empty: no second row.
  std::vector<std::string> labels = {};
  std::size_t freeze_columns = 0; ///< leading columns kept in view when scrolling sideways
  /// Whether number columns without their own `digits` are shown with the workbook's
  /// `digits` (false: General, e.g. for weights).
  bool workbook_digits = true;
};

/// Options of the whole workbook.
struct xlsx_options {
  /// Decimals shown for number columns without their own `digits` (e.g. the framework's
  /// display_decimals); none: General.
  std::optional<int> digits = {};
  std::string title = {}; ///< the document's title property ("": none)
};

/// Named tables → one .xlsx file.
class workbook {
public:
  explicit workbook(xlsx_options o = {}) : options_(std::move(o)) {}

  /// Adds a sheet after the others. `usage_error` for a name breaking Excel's rules or taken,
  /// `labels` of the wrong length, an incomplete table, or one beyond Excel's size (1,048,576
  /// rows and 16,384 columns with the header rows).
  workbook& add(xlsx_sheet s);
  const std::vector<xlsx_sheet>& sheets() const noexcept { return sheets_; }
  const xlsx_options& options() const noexcept { return options_; }

  /// Writes the workbook to `target` (a temporary file renamed into place); `chiso::error`
  /// naming the target and the reason when it cannot, with no file left behind.
  void write(const std::filesystem::path& target) const;

  /// Checks that `target` can be written (its directory exists, it is not a directory), as
  /// `write` does first: call it before any work so a bad path is reported at once.
  static void check_target(const std::filesystem::path& target);

private:
  xlsx_options options_;
  std::vector<xlsx_sheet> sheets_;
};

/// The Excel number format showing `digits` decimals: "0" for 0, "0.00" for 2.
std::string xlsx_number_format(int digits);

} // namespace chiso::io
