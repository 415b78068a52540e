// Tests for chiso/io/csv.hpp: the table reader, number cells, wide and long layouts.
// Expected positions are counted by hand from the text literals (lines and fields 1-based).

#include "chiso/io/csv.hpp"
#include "support/values.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace chiso_test::csv_test {

namespace {

using chiso::input_error;
using chiso::usage_error;
using chiso::io::csv_table;
using chiso::io::long_options;
using chiso::io::number_status;
using chiso::io::parse_csv_table;
using chiso::io::parse_long_csv;
using chiso::io::parse_number;
using chiso::io::parse_wide_csv;
using chiso::io::wide_options;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::filesystem::path data_dir() {
#ifdef CHISO_SOURCE_DIR
  return std::filesystem::path(CHISO_SOURCE_DIR) / "tests" / "data" / "csv";
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "csv";
#endif
}

std::string table_error(std::string_view text) {
  return error_of<input_error>([&] { parse_csv_table(text, "data.csv"); });
}

std::string wide_error(std::string_view text, const wide_options& o = {}) {
  return error_of<input_error>([&] { parse_wide_csv(text, "data.csv", o); });
}

std::string long_error(std::string_view text, const long_options& o = {}) {
  return error_of<input_error>([&] { parse_long_csv(text, "data.csv", o); });
}

// ------------------------------------------------------------------ table reader

TEST(csv_table, reads_header_cells_and_lines) {
  const csv_table t = parse_csv_table("a,b\n1,x\n2,y\n", "data.csv");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.header_line(), 1u);
  ASSERT_EQ(t.n_rows(), 2u);
  EXPECT_EQ(t.n_cols(), 2u);
  EXPECT_EQ(t.cell(0, 0), "1");
  EXPECT_EQ(t.cell(1, 1), "y");
  EXPECT_EQ(t.line(0), 2u);
  EXPECT_EQ(t.line(1), 3u);
  EXPECT_EQ(t.column_index("b"), 1u);
  EXPECT_EQ(t.column_index("B"), csv_table::npos);
  EXPECT_EQ(t.where(1, 1), "data.csv:3:2: column 'b'");
}

TEST(csv_table, last_line_without_line_end) {
  const csv_table t = parse_csv_table("a,b\n1,2", "data.csv");
  ASSERT_EQ(t.n_rows(), 1u);
  EXPECT_EQ(t.cell(0, 1), "2");
}

TEST(csv_table, utf8_bom_is_not_part_of_first_header) {
  const csv_table t = parse_csv_table("\xEF\xBB\xBFunit,x\nA,1\n", "data.csv");
  EXPECT_EQ(t.header()[0], "unit");
  EXPECT_EQ(t.header()[0].size(), 4u);
}

TEST(csv_table, crlf_line_ends_leave_no_carriage_return) {
  const csv_table t = parse_csv_table("a,b\r\n1,x\r\n2,y\r\n", "data.csv");
  ASSERT_EQ(t.n_rows(), 2u);
  EXPECT_EQ(t.header()[1], "b");
  EXPECT_EQ(t.cell(0, 1), "x");
  EXPECT_EQ(t.cell(1, 1), "y");
  EXPECT_EQ(t.line(1), 3u);
}

TEST(csv_table, lone_cr_counts_as_a_line_end) {
  const csv_table t = parse_csv_table("a,b\r1,x\r2,y", "data.csv");
  ASSERT_EQ(t.n_rows(), 2u);
  EXPECT_EQ(t.line(1), 3u);
}

TEST(csv_table, quoted_fields_hold_commas_quotes_and_newlines) {
  // line 1: header; line 2: "x, y" and "say ""hi"""; lines 3-4: a field with a line break;
  // line 5: next row.
  const std::string text = "a,b\n"
                           "\"x, y\",\"say \"\"hi\"\"\"\n"
                           "\"two\n"
                           "lines\",z\n"
                           "last,\"\"\n";
  const csv_table t = parse_csv_table(text, "data.csv");
  ASSERT_EQ(t.n_rows(), 3u);
  EXPECT_EQ(t.cell(0, 0), "x, y");
  EXPECT_EQ(t.cell(0, 1), "say \"hi\"");
  EXPECT_EQ(t.cell(1, 0), "two\nlines");
  EXPECT_EQ(t.cell(2, 1), "");
  EXPECT_EQ(t.line(0), 2u);
  EXPECT_EQ(t.line(1), 3u);
  EXPECT_EQ(t.line(1, 1), 4u); // 'z' starts on line 4, after the quoted line break
  EXPECT_EQ(t.line(2), 5u);    // the quoted newline makes the line numbers jump by one
}

TEST(csv_table, blank_lines_are_skipped_but_counted) {
  // lines: 1 blank, 2 header, 3 row, 4 blank, 5 spaces and a tab only, 6 row
  const csv_table t = parse_csv_table("\na,b\n1,2\n\n  \t\n3,4\n", "data.csv");
  EXPECT_EQ(t.header_line(), 2u);
  ASSERT_EQ(t.n_rows(), 2u);
  EXPECT_EQ(t.line(0), 3u);
  EXPECT_EQ(t.line(1), 6u);
  EXPECT_EQ(t.cell(1, 0), "3");
}

TEST(csv_table, cells_are_trimmed_of_spaces_and_tabs) {
  const csv_table t = parse_csv_table("a,b\n  1 ,\" x \"\t\n", "data.csv");
  EXPECT_EQ(t.cell(0, 0), "1");
  EXPECT_EQ(t.cell(0, 1), "x");
}

TEST(csv_table, vietnamese_text_is_byte_exact) {
  const std::string text = "unit,name\nHN,Hà Nội\nTTH,\"Thừa Thiên Huế\"\nBRVT,Bà Rịa – Vũng Tàu\n";
  const csv_table t = parse_csv_table(text, "data.csv");
  EXPECT_EQ(t.cell(0, 1), "Hà Nội");
  EXPECT_EQ(t.cell(1, 1), "Thừa Thiên Huế");
  EXPECT_EQ(t.cell(2, 1), "Bà Rịa – Vũng Tàu");
  // "Hà Nội": H(1) à(2) space(1) N(1) ộ(3) i(1) = 9 bytes
  EXPECT_EQ(t.cell(0, 1).size(), 9u);
}

TEST(csv_table_errors, missing_file_names_path_and_os_reason) {
  const auto path = data_dir() / "does_not_exist.csv";
  const std::string msg = error_of<input_error>([&] { chiso::io::read_csv_table(path); });
  EXPECT_EQ(msg, path.string() + ": cannot open file: No such file or directory");
}

TEST(csv_table_errors, directory_is_not_readable) {
  const auto path = data_dir();
  const std::string msg = error_of<input_error>([&] { chiso::io::read_csv_table(path); });
  EXPECT_EQ(msg, path.string() + ": cannot read file: Is a directory");
}

TEST(csv_table_errors, empty_file) {
  const auto path = data_dir() / "empty.csv";
  EXPECT_EQ(error_of<input_error>([&] { chiso::io::read_csv_table(path); }),
            path.string() + ": the file is empty (expected a header row)");
  EXPECT_EQ(table_error("\n \n\r\n"), "data.csv: the file is empty (expected a header row)");
  EXPECT_EQ(table_error("\xEF\xBB\xBF"), "data.csv: the file is empty (expected a header row)");
}

TEST(csv_table_errors, header_only) {
  const auto path = data_dir() / "header_only.csv";
  EXPECT_EQ(error_of<input_error>([&] { chiso::io::read_csv_table(path); }),
            path.string() + ":1: the file has a header but no data rows");
  // header on line 3 after two blank lines, followed by blank lines only
  EXPECT_EQ(table_error("\n\nunit,x\n\n"), "data.csv:3: the file has a header but no data rows");
}

TEST(csv_table_errors, empty_header_name) {
  EXPECT_EQ(table_error("unit,,x\nA,1,2\n"),
            "data.csv:1:2: header: column 2 has an empty name (every column needs one)");
  // a trailing comma makes an empty last name
  EXPECT_THAT(table_error("unit,x,\nA,1,\n"),
              StartsWith("data.csv:1:3: header: column 3 has an empty name"));
}

TEST(csv_table_errors, duplicate_column_name) {
  EXPECT_EQ(
      table_error("a,b,a\n1,2,3\n"),
      "data.csv:1:3: header: column name 'a' repeats column 1 (column names must be distinct)");
}

TEST(csv_table_errors, row_with_too_many_fields) {
  EXPECT_EQ(table_error("a,b,c\n1,2,3\n4,5,6,7\n"),
            "data.csv:3:4: row has more fields than the 3 columns of the header (line 1)");
}

TEST(csv_table_errors, row_with_too_few_fields) {
  EXPECT_EQ(
      table_error("a,b,c\n1,2,3\n4,5\n"),
      "data.csv:3:3: column 'c': missing; the row has 2 fields but the header (line 1) has 3");
}

TEST(csv_table_errors, unterminated_quote_names_where_it_opened) {
  // The quote opens on line 3, field 2, and swallows the rest of the file (lines 3-5).
  EXPECT_EQ(table_error("a,b\n1,2\n3,\"open\n4,5\n6,7\n"),
            "data.csv:3:2: column 'b': quoted field is never closed (the closing double quote is "
            "missing, or the file is truncated)");
  // Truncated in the header.
  EXPECT_THAT(table_error("a,\"b"),
              StartsWith("data.csv:1:2: header: quoted field is never closed"));
}

TEST(csv_table_errors, stray_quote_in_unquoted_field) {
  EXPECT_THAT(table_error("a,b\n1,5\"x\n"),
              StartsWith("data.csv:2:2: column 'b': double quote inside an unquoted field"));
}

TEST(csv_table_errors, text_after_closing_quote) {
  EXPECT_THAT(
      table_error("a,b\n\"1\"x,2\n"),
      StartsWith("data.csv:2:1: column 'a': unexpected character 'x' after a closing quote"));
}

TEST(csv_table_errors, error_after_quoted_newline_reports_physical_line) {
  // Row 1 spans lines 2-3; the ragged row starts on line 4.
  EXPECT_THAT(table_error("a,b\n\"x\ny\",1\n2\n"), StartsWith("data.csv:4:2: column 'b': missing"));
}

TEST(csv_table_errors, invalid_utf8_names_line_and_column) {
  const auto path = data_dir() / "latin1.csv";
  // line 2 is "HN,H\xE0 Noi,1": field 2, byte 2 of the cell is 0xE0 (Latin-1 'à')
  EXPECT_EQ(error_of<input_error>([&] { chiso::io::read_csv_table(path); }),
            path.string() +
                ":2:2: column 'name': invalid UTF-8 (byte 0xE0 at byte 2 of the cell); the file "
                "must be saved as UTF-8");
  EXPECT_THAT(table_error("\xC3x,b\n1,2\n"),
              StartsWith("data.csv:1:1: header: invalid UTF-8 (byte 0xC3"));
}

TEST(csv_table_errors, nul_byte_and_utf16) {
  EXPECT_THAT(table_error(std::string("a,b\n1,\0\n", 8)),
              StartsWith("data.csv:2:2: column 'b': NUL byte"));
  EXPECT_THAT(table_error("\xFF\xFE"
                          "a\0,\0"),
              StartsWith("data.csv:1:1: the file is UTF-16 encoded"));
}

// ------------------------------------------------------------------ numbers

TEST(parse_number, accepts_decimal_numbers) {
  EXPECT_EQ(parse_number("12").value, 12.0);
  EXPECT_EQ(parse_number("-0.5").value, -0.5);
  EXPECT_EQ(parse_number("1.5e3").value, 1500.0);
  EXPECT_EQ(parse_number("1E-2").value, 0.01);
  EXPECT_EQ(parse_number("+3").value, 3.0);
  EXPECT_EQ(parse_number(" \t7 ").value, 7.0);
  EXPECT_EQ(parse_number(".5").value, 0.5);
  EXPECT_EQ(parse_number("5.").value, 5.0);
  EXPECT_EQ(parse_number("0.1").value, 0.1);       // correctly rounded, same double as the literal
  EXPECT_EQ(parse_number("1e-310").value, 1e-310); // subnormal, representable
  EXPECT_EQ(parse_number("12").status, number_status::number);
}

TEST(parse_number, empty_and_na_are_missing) {
  for (const char* s : {"", "   ", "NA", " NA "}) {
    const auto c = parse_number(s);
    EXPECT_EQ(c.status, number_status::missing) << s;
    EXPECT_TRUE(std::isnan(c.value)) << s;
  }
}

TEST(parse_number, rejects_with_the_reason) {
  auto rule = [](std::string_view s) {
    const auto c = parse_number(s);
    EXPECT_EQ(c.status, number_status::invalid) << s;
    EXPECT_TRUE(std::isnan(c.value)) << s; // never 0
    return std::string(c.rule);
  };
  for (const char* s : {"inf", "-inf", "Infinity", "nan", "NaN", "+INF"})
    EXPECT_THAT(rule(s), StartsWith("is not a finite number")) << s;
  EXPECT_THAT(rule("0x1A"), StartsWith("is a hexadecimal number"));
  EXPECT_THAT(rule("-0X1p3"), StartsWith("is a hexadecimal number"));
  EXPECT_THAT(rule("1,234"), StartsWith("contains a comma"));
  EXPECT_THAT(rule("0,5"), StartsWith("contains a comma"));
  EXPECT_THAT(rule("90.66%"), StartsWith("contains a percent sign"));
  EXPECT_THAT(rule("1e999"), StartsWith("is out of the range of a double"));
  EXPECT_THAT(rule("1e-400"), StartsWith("is out of the range of a double"));
  for (const char* s : {"12abc", "abc", "1e", "--1", "+-1", "1 2", "na", "N/A", ".", "-", "1.2.3"})
    EXPECT_THAT(rule(s), StartsWith("is not a number (expected a decimal number")) << s;
}

TEST(invalid_utf8_offset, finds_the_first_bad_byte) {
  using chiso::io::invalid_utf8_offset;
  constexpr auto ok = std::string_view::npos;
  EXPECT_EQ(invalid_utf8_offset("Thừa Thiên Huế"), ok);
  EXPECT_EQ(invalid_utf8_offset("\xF0\x9F\x98\x80"), ok);         // U+1F600, 4 bytes
  EXPECT_EQ(invalid_utf8_offset("ab\x80"), 2u);                   // lone continuation byte
  EXPECT_EQ(invalid_utf8_offset("a\xC3"), 1u);                    // truncated sequence
  EXPECT_EQ(invalid_utf8_offset("\xC0\xAF"), 0u);                 // overlong '/'
  EXPECT_EQ(invalid_utf8_offset("\xE0\x80\xAF"), 0u);             // overlong, 3 bytes
  EXPECT_EQ(invalid_utf8_offset("x\xED\xA0\x80"), 1u);            // UTF-16 surrogate D800
  EXPECT_EQ(invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);         // above U+10FFFF
  EXPECT_EQ(invalid_utf8_offset(std::string_view("a\0", 2)), 1u); // NUL
}

// ------------------------------------------------------------------ wide files

TEST(wide_csv, reads_fixture_with_bom_crlf_and_vietnamese_names) {
  wide_options o;
  o.group_columns = {"region"};
  const chiso::dataset d = chiso::io::read_wide_csv(data_dir() / "provinces_wide.csv", o);
  EXPECT_NO_THROW(d.check());
  EXPECT_EQ(d.unit_ids, (std::vector<std::string>{"HN", "TTH", "BRVT"}));
  EXPECT_EQ(d.unit_names,
            (std::vector<std::string>{"Hà Nội", "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu"}));
  EXPECT_EQ(d.columns, (std::vector<std::string>{"awareness", "institutions"}));
  ASSERT_EQ(d.groups.size(), 1u);
  EXPECT_EQ(d.groups[0].name, "region");
  EXPECT_EQ(d.groups[0].labels, (std::vector<std::string>{"north", "central", "south"}));
  ASSERT_EQ(d.values.rows(), 3);
  ASSERT_EQ(d.values.cols(), 2);
  EXPECT_EQ(d.values(0, 0), 0.8125);
  EXPECT_TRUE(std::isnan(d.values(1, 0))); // NA
  EXPECT_TRUE(std::isnan(d.values(2, 0))); // empty cell
  EXPECT_EQ(d.values(0, 1), 0.75);
  EXPECT_EQ(d.values(2, 1), 0.25);
}

TEST(wide_csv, without_name_column_names_are_empty) {
  const auto d = parse_wide_csv("unit,x,y\nA,1,2\nB,3,4\n", "data.csv");
  EXPECT_TRUE(d.unit_names.empty());
  // column-major storage, values(i, j) = unit i, column j
  EXPECT_EQ(d.values(1, 0), 3.0);
  EXPECT_EQ(d.values(0, 1), 2.0);
  EXPECT_EQ(d.values.data()[1], 3.0); // second element of column 0
}

TEST(wide_csv, bad_number_reports_physical_line_column_and_rule) {
  // line 1 header; 2 A; 3-5 B with a three-line quoted name; 6 blank; 7..13 C..I; 14 J with 'abc'
  std::string text = "unit,name,awareness\nA,a,1\nB,\"b\nb\nb\",2\n\n";
  for (char u = 'C'; u <= 'I'; ++u)
    text += std::string(1, u) + ",n,3\n";
  text += "J,j,abc\n";
  EXPECT_EQ(wide_error(text),
            "data.csv:14:3: column 'awareness': 'abc' is not a number (expected a decimal number "
            "such as 12, -0.5 or 1.5e3; leave the cell empty or write NA if the value is missing)");
  EXPECT_THAT(wide_error("unit,x\nA,0,5\n"), HasSubstr("row has more fields"));
  EXPECT_THAT(wide_error("unit,x\nA,\"0,5\"\n"),
              StartsWith("data.csv:2:2: column 'x': '0,5' contains a comma (decimal commas"));
  EXPECT_THAT(wide_error("unit,x\nA,inf\n"),
              StartsWith("data.csv:2:2: column 'x': 'inf' is not a finite number"));
}

TEST(wide_csv, text_column_is_an_error_unless_listed_or_auto) {
  const std::string text = "unit,region,x\nA,north,1\nB,south,2\n";
  EXPECT_THAT(wide_error(text),
              StartsWith("data.csv:2:2: column 'region': 'north' is not a number"));

  wide_options o;
  o.auto_groups = true;
  const auto d = parse_wide_csv(text, "data.csv", o);
  EXPECT_EQ(d.columns, (std::vector<std::string>{"x"}));
  ASSERT_EQ(d.groups.size(), 1u);
  EXPECT_EQ(d.groups[0].labels, (std::vector<std::string>{"north", "south"}));
  EXPECT_EQ(d.values(1, 0), 2.0);
}

TEST(wide_csv, auto_groups_never_swallow_a_typo) {
  wide_options o;
  o.auto_groups = true;
  // 'x' has numbers and one typo on line 3: still an error, pointing at the typo.
  EXPECT_THAT(wide_error("unit,x\nA,1\nB,1.5x\nC,2\n", o),
              AllOf(StartsWith("data.csv:3:2: column 'x': '1.5x' is not a number"),
                    HasSubstr("with automatic groups")));
  // A label column with a missing label is not all text either.
  EXPECT_THAT(wide_error("unit,region\nA,north\nB,\n", o),
              StartsWith("data.csv:2:2: column 'region': 'north' is not a number"));
}

TEST(wide_csv, column_whitelist) {
  wide_options o;
  o.columns = {"y"};
  const auto d = parse_wide_csv("unit,x,note,y\nA,1,free text,2\n", "data.csv", o);
  EXPECT_EQ(d.columns, (std::vector<std::string>{"y"}));
  EXPECT_EQ(d.values(0, 0), 2.0);

  o.columns = {"y", "p", "q"};
  EXPECT_EQ(
      wide_error("unit,x,y\nA,1,2\n", o),
      "data.csv:1: header: requested columns 'p', 'q' not found (columns seen: 'unit', 'x', 'y')");
}

TEST(wide_csv, unit_column_must_exist) {
  EXPECT_EQ(wide_error("id,x\nA,1\n"),
            "data.csv:1: header: no unit id column 'unit' (columns seen: 'id', 'x'); rename the "
            "unit id column or set the unit column option");
  wide_options o;
  o.unit_column = "id";
  EXPECT_EQ(parse_wide_csv("id,x\nA,1\n", "data.csv", o).unit_ids[0], "A");
}

TEST(wide_csv, group_column_must_exist) {
  wide_options o;
  o.group_columns = {"region"};
  EXPECT_EQ(wide_error("unit,x\nA,1\n", o),
            "data.csv:1: header: group column 'region' not found (columns seen: 'unit', 'x')");
}

TEST(wide_csv, duplicate_and_empty_unit_ids) {
  EXPECT_EQ(wide_error("unit,x\nA,1\nB,2\nA,3\n"),
            "data.csv:4:1: column 'unit': duplicate unit id 'A' (first on line 2)");
  EXPECT_EQ(wide_error("unit,x\nA,1\n\"  \",2\n"),
            "data.csv:3:1: column 'unit': empty unit id (every row needs one)");
}

TEST(wide_csv, conflicting_options_are_usage_errors) {
  wide_options o;
  o.group_columns = {"unit"};
  EXPECT_THROW(parse_wide_csv("unit,x\nA,1\n", "data.csv", o), usage_error);
  wide_options p;
  p.group_columns = {"g"};
  p.columns = {"g"};
  EXPECT_THROW(parse_wide_csv("unit,g\nA,1\n", "data.csv", p), usage_error);
}

TEST(wide_csv, missing_file) {
  const auto path = data_dir() / "nope.csv";
  EXPECT_EQ(error_of<input_error>([&] { chiso::io::read_wide_csv(path); }),
            path.string() + ": cannot open file: No such file or directory");
}

// ------------------------------------------------------------------ long files

TEST(long_csv, reads_fixture_into_one_dataset_per_period) {
  const auto ld = chiso::io::read_long_csv(data_dir() / "provinces_long.csv");
  EXPECT_EQ(ld.periods, (std::vector<std::string>{"2023", "2024"}));
  ASSERT_EQ(ld.data.size(), 2u);
  for (const auto& d : ld.data) {
    EXPECT_NO_THROW(d.check());
    EXPECT_EQ(d.unit_ids, (std::vector<std::string>{"HN", "TTH", "BRVT"}));
    EXPECT_EQ(d.unit_names,
              (std::vector<std::string>{"Hà Nội", "Thừa Thiên Huế", "Bà Rịa – Vũng Tàu"}));
    EXPECT_EQ(d.columns, (std::vector<std::string>{"awareness", "institutions"}));
  }
  const auto& y23 = ld.data[0].values;
  const auto& y24 = ld.data[1].values;
  EXPECT_EQ(y23(0, 0), 0.5);
  EXPECT_EQ(y23(0, 1), 0.25);
  EXPECT_TRUE(std::isnan(y23(1, 0))); // NA in the file
  EXPECT_TRUE(std::isnan(y23(2, 1))); // no row for BRVT in 2023
  EXPECT_EQ(y24(0, 0), 0.75);
  EXPECT_EQ(y24(2, 1), 1.0);
  EXPECT_TRUE(std::isnan(y24(0, 1)));
}

TEST(long_csv, without_period_column_there_is_one_period) {
  const auto ld = parse_long_csv("indicator,unit,value\nx,A,1\ny,A,2\nx,B,3\n", "data.csv");
  EXPECT_EQ(ld.periods, (std::vector<std::string>{""}));
  ASSERT_EQ(ld.data.size(), 1u);
  EXPECT_TRUE(ld.data[0].unit_names.empty());
  EXPECT_EQ(ld.data[0].values(1, 0), 3.0);
  EXPECT_TRUE(std::isnan(ld.data[0].values(1, 1)));
}

TEST(long_csv, duplicate_combination_names_both_lines) {
  EXPECT_EQ(
      long_error("unit,indicator,period,value\nA,x,2023,1\nA,y,2023,2\nA,x,2024,3\nA,x,2023,4\n"),
      "data.csv:5:1: column 'unit': unit 'A', indicator 'x', period '2023' repeats line 2 "
      "(each combination may appear only once)");
}

TEST(long_csv, name_and_group_must_agree_across_rows) {
  long_options o;
  o.group_columns = {"region"};
  EXPECT_EQ(long_error("unit,name,region,indicator,value\nA,Alpha,n,x,1\nA,Alfa,n,y,2\n", o),
            "data.csv:3:2: column 'name': unit 'A' has name 'Alfa' here but 'Alpha' on line 2 "
            "(a unit's name must be the same on every row)");
  EXPECT_THAT(long_error("unit,name,region,indicator,value\nA,Alpha,n,x,1\n\nA,Alpha,s,y,2\n", o),
              StartsWith("data.csv:4:3: column 'region': unit 'A' has group label 's' here but 'n' "
                         "on line 2"));
  const auto ld = parse_long_csv("unit,name,region,indicator,value\nA,Alpha,n,x,1\nB,Beta,s,x,2\n",
                                 "data.csv", o);
  EXPECT_EQ(ld.data[0].groups[0].labels, (std::vector<std::string>{"n", "s"}));
}

TEST(long_csv, missing_columns_and_bad_cells) {
  EXPECT_EQ(
      long_error("unit,indicator,val\nA,x,1\n"),
      "data.csv:1: header: missing column 'value' (columns seen: 'unit', 'indicator', 'val')");
  EXPECT_EQ(long_error("unit,value\nA,1\n"),
            "data.csv:1: header: missing column 'indicator' (columns seen: 'unit', 'value')");
  EXPECT_THAT(long_error("unit,indicator,value\nA,x,1\nA,y,abc\n"),
              StartsWith("data.csv:3:3: column 'value': 'abc' is not a number"));
  EXPECT_EQ(long_error("unit,indicator,value\nA,,1\n"),
            "data.csv:2:2: column 'indicator': empty indicator id (every row needs one)");
  EXPECT_EQ(long_error("unit,indicator,period,value\nA,x,,1\n"),
            "data.csv:2:3: column 'period': empty period (every row needs one)");
}

} // namespace

} // namespace chiso_test::csv_test
