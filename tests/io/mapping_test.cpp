// Unit mapping files (io/mapping.hpp): entries with their lines, and every error with
// file:line:column. Positions counted by hand on each text.

#include "chiso/io/mapping.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chiso_test::mapping_test {

namespace {

using namespace chiso;

std::string error_of(const std::string& text) {
  try {
    (void)io::parse_unit_mapping(text, "map.csv");
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(unit_mapping_file, entries_lines_and_extra_columns) {
  // Line 1 header; an extra column is ignored; a blank line (4) is skipped.
  const auto m = io::parse_unit_mapping(
      "note,old,new\nmerged,ha-giang,tuyen-quang\n,tuyen-quang,tuyen-quang\n\n,ha-noi,ha-noi\n",
      "map.csv");
  EXPECT_EQ(m.old_ids, (std::vector<std::string>{"ha-giang", "tuyen-quang", "ha-noi"}));
  EXPECT_EQ(m.new_ids, (std::vector<std::string>{"tuyen-quang", "tuyen-quang", "ha-noi"}));
  EXPECT_EQ(m.lines, (std::vector<std::size_t>{2, 3, 5}));
  EXPECT_EQ(m.source, "map.csv");
  EXPECT_TRUE(m.order.empty());
}

TEST(unit_mapping_file, columns_can_be_renamed) {
  io::mapping_options o;
  o.old_column = "from";
  o.new_column = "to";
  const auto m = io::parse_unit_mapping("from,to\na,x\n", "m.csv", o);
  EXPECT_EQ(m.old_ids, (std::vector<std::string>{"a"}));
  EXPECT_EQ(m.new_ids, (std::vector<std::string>{"x"}));
}

TEST(unit_mapping_file, errors_name_file_line_and_column) {
  EXPECT_EQ(error_of("old,successor\na,x\n"),
            "map.csv:1: a mapping file needs columns 'old' (old unit) and 'new' (its successor); "
            "'new' is missing (columns in the file: 'old', 'successor')");
  EXPECT_EQ(error_of("from,to\na,x\n"),
            "map.csv:1: a mapping file needs columns 'old' (old unit) and 'new' (its successor); "
            "'old' and 'new' are missing (columns in the file: 'from', 'to')");
  // Line 3, column 2 (new) is empty.
  EXPECT_EQ(error_of("old,new\na,x\nb,\n"),
            "map.csv:3:2: column 'new': empty unit id (every row maps an old unit to a new one)");
  EXPECT_EQ(error_of("old,new\na,x\nb,x\na,x\n"),
            "map.csv:4:1: column 'old': old unit 'a' is listed twice (first on line 2)");
  EXPECT_EQ(error_of("old,new\na,x\nb,x\na,y\n"),
            "map.csv:4:1: column 'old': old unit 'a' is mapped to 'y' here but to 'x' on line 2 "
            "(an old unit has one successor)");
  EXPECT_EQ(error_of("old,new\na,x,1\n").rfind("map.csv:2", 0), 0u); // ragged row: csv error
}

} // namespace

} // namespace chiso_test::mapping_test
