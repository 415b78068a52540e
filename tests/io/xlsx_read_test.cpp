// Excel in (io/xlsx_read.hpp): workbooks written by Python's openpyxl and zipfile (independent
// writers, run with /usr/bin/python3 into a temporary directory); the bounds against hostile
// files, tested with small limits; the table a sheet gives. Expected cells written by hand.

#include "chiso/io/xlsx_read.hpp"

#include "chiso/error.hpp"

#include "../support/values.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace chiso_test::xlsx_read_test {

namespace {

namespace fs = std::filesystem;
using namespace chiso;

/// A fresh directory for this test's files.
fs::path work_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path d = fs::temp_directory_path() / (std::string("chiso_xlsx_") + info->name());
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

/// Runs a Python script (openpyxl, zipfile) in `dir`; skips when openpyxl is not installed.
void python(const fs::path& dir, const std::string& script) {
  const fs::path py = dir / "make.py";
  std::ofstream(py) << script;
  if (std::system("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0)
    GTEST_SKIP() << "python3-openpyxl is not installed";
  const std::string cmd = "cd '" + dir.string() + "' && /usr/bin/python3 make.py";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << script;
}

const char* const small_book = R"(
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "2024"
for r in [["unit", "name", "a"], ["HN", "Hà Nội", 0.5], ["HUE", "Huế", "  NA "]]:
    ws.append(r)
ws["A4"] = "   "  # a row of blank cells: skipped, as a blank line
ws["A6"] = "DN"
ws["B6"] = "Đà Nẵng, TP"
wb.create_sheet("Ghi chú")["B2"] = "note"
wb.save("book.xlsx")
)";

} // namespace

TEST(xlsx_read, workbook_reference_splits_the_sheet) {
  EXPECT_FALSE(io::workbook_reference("data.csv"));
  const auto a = io::workbook_reference("dir/data.XLSX");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->file, fs::path("dir/data.XLSX"));
  EXPECT_EQ(a->sheet, "");
  const auto b = io::workbook_reference("data.xlsx#2024#b");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->file, fs::path("data.xlsx"));
  EXPECT_EQ(b->sheet, "2024#b");
  EXPECT_TRUE(io::workbook_reference("data.xlsm#*")->all_sheets());
}

TEST(xlsx_read, sheet_reads_as_a_csv_table_with_cell_positions) {
  const fs::path d = work_dir();
  python(d, small_book);
  const fs::path book = d / "book.xlsx";
  EXPECT_EQ(io::xlsx_sheet_names(book), (std::vector<std::string>{"2024", "Ghi chú"}));
  const io::csv_table t = io::read_xlsx_table(book);
  EXPECT_EQ(t.source(), book.string() + "[2024]");
  ASSERT_EQ(t.header(), (std::vector<std::string>{"unit", "name", "a"}));
  ASSERT_EQ(t.n_rows(), 3u); // the empty row is skipped
  EXPECT_EQ(t.cell(0, 1), "Hà Nội");
  EXPECT_EQ(t.cell(0, 2), "0.5");
  EXPECT_EQ(t.cell(1, 2), "NA"); // trimmed, as a CSV cell
  EXPECT_EQ(t.cell(2, 1), "Đà Nẵng, TP");
  EXPECT_EQ(t.cell(2, 2), "");
  EXPECT_EQ(t.where(2, 2), book.string() + "[2024]!C6: column 'a'");
  EXPECT_EQ(t.line_name(t.line(2)), "row 6");
  const std::string msg =
      error_of<input_error>([&] { (void)io::read_xlsx_table(book, "Ghi chu"); });
  EXPECT_EQ(msg, book.string() + ": no sheet named 'Ghi chu' (sheets: '2024', 'Ghi chú')");
  // The note sheet: its header is B2 after an empty A2 -> the CSV rule on empty names.
  EXPECT_EQ(error_of<input_error>([&] { (void)io::read_xlsx_table(book, "Ghi chú"); }),
            book.string() + "[Ghi chú]!A2: header: column 1 has an empty name (every column "
                            "needs one)");
}

TEST(xlsx_read, declared_size_over_the_limit_fails_before_inflating) {
  const fs::path d = work_dir();
  python(d, std::string(small_book) + R"(
for r in range(7, 400):
    ws.cell(row=r, column=1, value=f"u{r}")
wb.save("book.xlsx")
)");
  io::xlsx_limits small;
  small.max_part_bytes = 4096; // the sheet is larger, the other parts read are not
  const std::string msg =
      error_of<input_error>([&] { (void)io::read_xlsx_table(d / "book.xlsx", "", small); });
  EXPECT_NE(msg.find("part 'xl/worksheets/sheet1.xml' inflates to "), std::string::npos) << msg;
  EXPECT_NE(msg.find(" bytes, more than the 4096 bytes chiso reads from one workbook part"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("possible zip bomb"), std::string::npos) << msg;
}

TEST(xlsx_read, a_part_that_lies_about_its_size_stops_at_the_limit) {
  const fs::path d = work_dir();
  // A zip bomb in miniature: 8 MiB of spaces in the sheet, declared as 100 bytes in both the
  // local header and the central directory.
  python(d, std::string(small_book) + R"(
import zipfile
src = zipfile.ZipFile("book.xlsx")
with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename == "xl/worksheets/sheet1.xml":
            data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (8 << 20))
        z.writestr(i.filename, data)
raw = bytearray(open("bomb.xlsx", "rb").read())
name = b"xl/worksheets/sheet1.xml"
for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
    at = raw.find(sig)
    while at >= 0:
        n = int.from_bytes(raw[at + name_len_at:at + name_len_at + 2], "little")
        if raw[at + name_at:at + name_at + n] == name:
            raw[at + size_at:at + size_at + 4] = (100).to_bytes(4, "little")
        at = raw.find(sig, at + 4)
open("bomb.xlsx", "wb").write(bytes(raw))
)");
  io::xlsx_limits small;
  small.max_part_bytes = 1 << 20;
  const std::string msg =
      error_of<input_error>([&] { (void)io::read_xlsx_table(d / "bomb.xlsx", "", small); });
  EXPECT_NE(msg.find("part 'xl/worksheets/sheet1.xml'"), std::string::npos) << msg;
}

TEST(xlsx_read, cells_and_entries_are_bounded) {
  const fs::path d = work_dir();
  python(d, small_book);
  io::xlsx_limits few;
  few.max_cells = 5;
  EXPECT_EQ(error_of<input_error>([&] { (void)io::read_xlsx_table(d / "book.xlsx", "", few); }),
            (d / "book.xlsx").string() +
                "[2024]: more than 5 cells (refused: the limit of cells a sheet may have)");
  io::xlsx_limits entries;
  entries.max_entries = 3;
  const std::string msg =
      error_of<input_error>([&] { (void)io::read_xlsx_table(d / "book.xlsx", "", entries); });
  EXPECT_NE(msg.find("entries, more than the 3 a workbook may have"), std::string::npos) << msg;
}

TEST(xlsx_read, xls_files_are_named) {
  const fs::path d = work_dir();
  const fs::path p = d / "old.xlsx";
  std::ofstream(p, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole", 12);
  const std::string msg = error_of<input_error>([&] { (void)io::read_xlsx_table(p); });
  EXPECT_NE(msg.find("Excel 97-2003 workbook (.xls) or a password-protected one"),
            std::string::npos)
      << msg;
}

} // namespace chiso_test::xlsx_read_test
