// A framework's data file (io/framework_data.hpp): only the columns it uses, every problem
// at once with file:line:column, in file order. Positions counted by hand on each text.

#include "chiso/io/framework_data.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

namespace chiso_test::framework_data_test {

namespace {

namespace fs = std::filesystem;
using namespace chiso;

framework tiny() {
  framework f;
  f.id = "t";
  indicator a;
  a.id = "a";
  a.valid_min = 0;
  a.valid_max = 1;
  indicator b;
  b.id = "b";
  b.denominator = "pop";
  f.indicators = {a, b};
  node r;
  r.id = "r";
  r.children = {{"a", 1}, {"b", 1}};
  f.nodes = {r};
  return f;
}

fs::path write(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p;
}

TEST(framework_data, reads_the_used_columns_in_first_use_order) {
  const auto p =
      write("chiso-fd-ok.csv", "unit,name,extra,pop,b,a\nu1,One,x,10,5,0.5\nu2,Two,y,20,,NA\n");
  const auto d = io::read_framework_data(p, io::data_layout{}, tiny());
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.data.columns, (std::vector<std::string>{"a", "b", "pop"}));
  EXPECT_EQ(d.data.unit_ids, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(d.data.unit_names, (std::vector<std::string>{"One", "Two"}));
  EXPECT_EQ(d.data.unit_lines, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(d.data.values(0, 0), 0.5);
  EXPECT_TRUE(std::isnan(d.data.values(1, 0)));
  EXPECT_TRUE(std::isnan(d.data.values(1, 1)));
  EXPECT_EQ(d.data.values(1, 2), 20.0);
}

TEST(framework_data, every_problem_in_file_order) {
  // Line 1 lacks 'pop'; line 3: duplicate id (col 1), 'x' not a number (col 2);
  // line 4: empty id (col 1), 2 outside a's valid range [0, 1] (col 2).
  const auto p = write("chiso-fd-bad.csv", "unit,a,b\nu1,0,1\nu1,x,2\n,2,3\n");
  const auto d = io::read_framework_data(p, io::data_layout{}, tiny());
  const std::string f = p.string();
  ASSERT_EQ(d.problems.size(), 5u);
  EXPECT_EQ(d.problems[0], f + ":1: no column 'pop' (used by indicator 'b' (as denominator)); "
                               "columns in the file: 'unit', 'a', 'b'");
  EXPECT_EQ(d.problems[1].rfind(f + ":3:1: ", 0), 0u) << d.problems[1];
  EXPECT_NE(d.problems[1].find("duplicate unit id 'u1' (first on line 2)"), std::string::npos);
  EXPECT_EQ(d.problems[2].rfind(f + ":3:2: ", 0), 0u) << d.problems[2];
  EXPECT_NE(d.problems[2].find("'x'"), std::string::npos);
  EXPECT_EQ(d.problems[3].rfind(f + ":4:1: ", 0), 0u) << d.problems[3];
  EXPECT_NE(d.problems[3].find("empty unit id"), std::string::npos);
  EXPECT_NE(
      d.problems[4].find("value 2 is outside the valid range of indicator 'a' (between 0 and 1)"),
      std::string::npos)
      << d.problems[4];
}

TEST(framework_data, group_suffix_adds_group_columns) {
  const auto p = write("chiso-fd-groups.csv", "unit,a,b,pop,Size_group\nu1,0,1,1,S\nu2,1,2,1,L\n");
  const auto d = io::read_framework_data(p, io::data_layout{}, tiny(), "_group");
  ASSERT_EQ(d.data.groups.size(), 1u);
  EXPECT_EQ(d.data.groups[0].name, "Size_group");
  EXPECT_EQ(d.data.groups[0].labels, (std::vector<std::string>{"S", "L"}));
}

TEST(framework_data, throw_if_problems_lists_at_most_max) {
  EXPECT_NO_THROW(io::throw_if_problems({}));
  try {
    io::throw_if_problems({"p1", "p2", "p3"}, " (see all)", 2);
    FAIL() << "no error";
  } catch (const input_error& e) {
    EXPECT_EQ(std::string(e.what()), "p1\np2\n... and 1 more problems (see all)");
  }
}

} // namespace

namespace {

TEST(framework_panel, long_file_with_periods) {
  // Units per period: 2023 has u1 and u2, 2024 has u2 only (u1 has no row in 2024).
  // The indicator 'z' is not the framework's: ignored. Missing combination (u2, pop, 2024) → NaN.
  const auto p = write("chiso-fp-long.csv", "unit,name,period,indicator,value\n"
                                            "u1,One,2023,a,0.5\n"
                                            "u1,One,2023,b,4\n"
                                            "u1,One,2023,pop,8\n"
                                            "u2,Two,2023,a,NA\n"
                                            "u2,Two,2024,a,0.25\n"
                                            "u2,Two,2024,z,99\n"
                                            "u2,Two,2024,b,1\n"
                                            "u2,Two,2023,pop,2\n");
  const auto d = io::read_framework_panel(p, io::data_layout{}, tiny(), "", {"w"});
  ASSERT_EQ(d.problems.size(), 1u); // the extra column 'w' has no row
  EXPECT_EQ(d.problems[0], p.string() + ":1: no row with indicator 'w' (the weight column of a "
                                        "merge rule) in the 'indicator' column");
  EXPECT_TRUE(d.has_periods);
  EXPECT_EQ(d.periods, (std::vector<std::string>{"2023", "2024"}));
  ASSERT_EQ(d.data.size(), 2u);
  const auto& y23 = d.data[0];
  const auto& y24 = d.data[1];
  EXPECT_EQ(y23.columns, (std::vector<std::string>{"a", "b", "pop", "w"}));
  EXPECT_EQ(y23.unit_ids, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(y23.unit_names, (std::vector<std::string>{"One", "Two"}));
  EXPECT_EQ(y23.values(0, 0), 0.5);
  EXPECT_EQ(y23.values(0, 1), 4.0);
  EXPECT_EQ(y23.values(0, 2), 8.0);
  EXPECT_TRUE(std::isnan(y23.values(1, 0))); // NA
  EXPECT_TRUE(std::isnan(y23.values(1, 1))); // no row
  EXPECT_EQ(y23.values(1, 2), 2.0);
  EXPECT_EQ(y24.unit_ids, (std::vector<std::string>{"u2"}));
  EXPECT_EQ(y24.values(0, 0), 0.25);
  EXPECT_EQ(y24.values(0, 1), 1.0);
  EXPECT_TRUE(std::isnan(y24.values(0, 2)));
}

TEST(framework_panel, long_file_problems_in_file_order) {
  // Line 3: 'x' not a number (col 4); line 4: 2 outside a's valid range (col 4);
  // line 5: repeats line 2 (col 1); line 6: name differs from line 2 (col 2).
  const auto p = write("chiso-fp-bad.csv", "unit,name,indicator,value\n"
                                           "u1,One,a,0.5\n"
                                           "u1,One,b,x\n"
                                           "u2,Two,a,2\n"
                                           "u1,One,a,0.7\n"
                                           "u1,Uno,pop,1\n");
  const auto d = io::read_framework_panel(p, io::data_layout{}, tiny());
  const std::string f = p.string();
  EXPECT_FALSE(d.has_periods);
  EXPECT_EQ(d.periods, (std::vector<std::string>{""}));
  ASSERT_EQ(d.problems.size(), 4u);
  EXPECT_EQ(d.problems[0].rfind(f + ":3:4: column 'value': 'x' ", 0), 0u) << d.problems[0];
  EXPECT_EQ(d.problems[1], f + ":4:4: column 'value': value 2 is outside the valid range of "
                               "indicator 'a' (between 0 and 1)");
  EXPECT_EQ(d.problems[2], f + ":5:1: column 'unit': unit 'u1', indicator 'a' repeats line 2");
  EXPECT_EQ(d.problems[3], f + ":6:2: column 'name': unit 'u1' has 'Uno' here but 'One' on "
                               "line 2 (a unit's name is the same on every row)");
}

TEST(framework_panel, wide_file_is_one_period) {
  const auto p = write("chiso-fp-wide.csv", "unit,a,b,pop,w\nu1,0.5,1,2,3\n");
  const auto d = io::read_framework_panel(p, io::data_layout{}, tiny(), "", {"w"});
  EXPECT_TRUE(d.problems.empty());
  EXPECT_FALSE(d.has_periods);
  ASSERT_EQ(d.data.size(), 1u);
  EXPECT_EQ(d.data[0].columns, (std::vector<std::string>{"a", "b", "pop", "w"}));
  EXPECT_EQ(d.data[0].values(0, 3), 3.0);
}

// Numbers sort by value (9 before 10, as text would not), anything else keeps its order.
TEST(period_order, numbers_by_value_else_as_given) {
  EXPECT_EQ(io::period_order({"2024", "10", "9", "2023.5"}),
            (std::vector<std::size_t>{2, 1, 3, 0}));
  EXPECT_EQ(io::period_order({"Q2", "Q1", "2023"}), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(io::period_order({}), (std::vector<std::size_t>{}));
  try {
    io::period_order({"2024", "2023", "2024.0"});
    FAIL() << "two labels of one number accepted";
  } catch (const input_error& e) {
    EXPECT_STREQ(e.what(), "periods '2024' and '2024.0' are the same number");
  }
}

TEST(period_times, labels_as_numbers_or_the_first_that_is_not) {
  EXPECT_EQ(io::period_times({"2023", "2024.5"}), (std::vector<double>{2023, 2024.5}));
  try {
    io::period_times({"2023", "Q1", "Q2"});
    FAIL() << "a label that is not a number accepted";
  } catch (const input_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("period 'Q1' is not a number; targets need", 0), 0u)
        << e.what();
  }
  try {
    io::period_times({""});
    FAIL() << "data without periods accepted";
  } catch (const input_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("period (none: the data has one period) is not", 0), 0u)
        << e.what();
  }
}

} // namespace

} // namespace chiso_test::framework_data_test
