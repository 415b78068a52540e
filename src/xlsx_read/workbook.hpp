#pragma once
// A workbook's parts that every sheet needs: the sheets (names in tab order, and their parts),
// the shared strings and which cell styles show numbers as dates; and a sheet turned into the
// CSV text the CSV readers consume (sheet.cpp).

#include "archive.hpp"

#include "csv/reader.hpp"

#include <memory>
#include <string>
#include <vector>

namespace chiso::io::detail {

/// One sheet of the workbook.
struct sheet_entry {
  std::string name;
  std::string part; ///< e.g. "xl/worksheets/sheet1.xml"
};

/// The workbook-wide parts.
struct workbook_parts {
  std::vector<sheet_entry> sheets;   ///< tab order
  std::vector<std::string> strings;  ///< shared strings
  std::vector<std::string> date_fmt; ///< per cell style (cellXfs): its format code when it
                                     ///< shows dates or times, else ""
};

/// Reads the sheet list, the shared strings and the styles.
workbook_parts read_workbook_parts(xlsx_archive& zip);

/// A sheet turned into CSV text for the CSV readers.
struct sheet_text {
  std::string source; ///< "<file>[<sheet>]"
  std::string name;   ///< the sheet's name
  std::string text;   ///< CSV: one line per non-blank row, every cell a field
  std::shared_ptr<const sheet_grid> grid;
};

/// Reads sheet `s` as CSV text (sheet.cpp). `input_error` (naming the sheet and cell) for a
/// refused cell, a value right of the header, malformed cell references, or too many cells.
sheet_text read_sheet_text(xlsx_archive& zip, const workbook_parts& book, const sheet_entry& s);

/// The sheets `ref` names: one, or every sheet for `#*`; the message for a missing sheet lists
/// the sheets.
std::vector<sheet_text> read_sheet_texts(const workbook_ref& ref, const xlsx_limits& limits);

/// `_xHHHH_` escapes of OOXML strings (control characters, `_x005F_` for `_`) decoded.
std::string decode_ooxml_escapes(std::string s);

} // namespace chiso::io::detail
