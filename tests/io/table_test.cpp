// Tests for chiso/io/table.hpp: the typed table and its CSV, JSON and aligned-text writers, on a
// hand-written 2 x 3 table with a missing cell. Every expected text is written out by hand.

#include "chiso/error.hpp"
#include "chiso/io/table.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace chiso_test::table_test {

namespace {

using chiso::usage_error;
using chiso::io::column_type;
using chiso::io::table;

// unit (text) | score (number, 2 decimals) | rank
// "Hà Nội, TP" | 0.125 -> 0.13 (half away from zero) | 1
// u"2          | missing                             | 2.5 (a tie)
table two_by_three() {
  table t({{"unit"}, {"score", column_type::number, 2}, {"rank", column_type::rank}});
  t.row().text("Hà Nội, TP").number(0.125).number(1);
  t.row().text("u\"2").number(NA).number(2.5);
  return t;
}

std::string csv(const table& t, bool header = true) {
  std::ostringstream out;
  chiso::io::write_csv(out, t, header);
  return out.str();
}

std::string json(const table& t, int indent = 2) {
  std::ostringstream out;
  chiso::io::write_json(out, t, indent);
  return out.str();
}

TEST(table, csv_quotes_text_rounds_numbers_and_leaves_missing_empty) {
  EXPECT_EQ(csv(two_by_three()), "unit,score,rank\n"
                                 "\"Hà Nội, TP\",0.13,1\n"
                                 "\"u\"\"2\",,2.5\n");
  EXPECT_EQ(csv(two_by_three(), false), "\"Hà Nội, TP\",0.13,1\n"
                                        "\"u\"\"2\",,2.5\n");
}

TEST(table, json_is_a_list_of_row_objects_with_null_for_missing) {
  EXPECT_EQ(json(two_by_three()), "[\n"
                                  "    {\"unit\": \"Hà Nội, TP\", \"score\": 0.13, \"rank\": 1},\n"
                                  "    {\"unit\": \"u\\\"2\", \"score\": null, \"rank\": 2.5}\n"
                                  "  ]");
  EXPECT_EQ(json(two_by_three(), 0), "[\n"
                                     "  {\"unit\": \"Hà Nội, TP\", \"score\": 0.13, \"rank\": 1},\n"
                                     "  {\"unit\": \"u\\\"2\", \"score\": null, \"rank\": 2.5}\n"
                                     "]");
}

TEST(table, text_aligns_by_display_width_with_a_dash_for_missing) {
  // "Hà Nội, TP" is 10 columns wide (14 bytes); numbers right-aligned, text left.
  EXPECT_EQ(chiso::io::format_text(two_by_three()), "unit        score  rank\n"
                                                    "----------  -----  ----\n"
                                                    "Hà Nội, TP   0.13     1\n"
                                                    "u\"2             -   2.5\n");
}

TEST(table, empty_table_writes_header_and_empty_list) {
  table t({{"unit"}, {"score", column_type::number}});
  EXPECT_EQ(csv(t), "unit,score\n");
  EXPECT_EQ(json(t), "[]");
  EXPECT_EQ(chiso::io::format_text(t), "unit  score\n----  -----\n");
}

TEST(table, grouped_columns_nest_in_json_only) {
  table t({{"unit"},
           {"top", column_type::number, {}, "scores"},
           {"rank_p", column_type::rank, {}, "ranks", "p"},
           {"count", column_type::integer},
           {"band", column_type::text, {}, "", "label"}});
  t.row().text("u1").number(0.5).number(2).count(3).missing();
  EXPECT_EQ(csv(t), "unit,top,rank_p,count,band\nu1,0.5,2,3,\n");
  EXPECT_EQ(json(t), "[\n    {\"unit\": \"u1\", \"scores\": {\"top\": 0.5}, \"ranks\": {\"p\": 2}, "
                     "\"count\": 3, \"label\": null}\n  ]");
}

TEST(table, digits_never_round_counts_or_ranks_and_infinity_is_null_in_json) {
  const double inf = std::numeric_limits<double>::infinity();
  table t({{"x", column_type::number, 1}, {"n", column_type::integer}, {"r", column_type::rank}});
  t.row().number(-inf).number(12345).number(1.5);
  t.row().number(-0.06).number(0).number(NA);
  EXPECT_EQ(csv(t), "x,n,r\n-inf,12345,1.5\n-0.1,0,\n");
  EXPECT_EQ(json(t), "[\n    {\"x\": null, \"n\": 12345, \"r\": 1.5},\n"
                     "    {\"x\": -0.1, \"n\": 0, \"r\": null}\n  ]");
}

TEST(table, columns_and_selected_rows) {
  const table t = two_by_three();
  const auto score = t.column(1);
  ASSERT_EQ(score.size(), 2u);
  EXPECT_EQ(std::get<double>(score[0]), 0.125); // stored in full; rounding is display only
  EXPECT_TRUE(std::holds_alternative<std::monostate>(score[1]));
  EXPECT_EQ(std::get<std::string>(t.at(1, 0)), "u\"2");
  EXPECT_EQ(csv(t.select_rows({1, 0})), "unit,score,rank\n"
                                        "\"u\"\"2\",,2.5\n"
                                        "\"Hà Nội, TP\",0.13,1\n");
}

TEST(table, misuse_is_a_usage_error) {
  table t({{"unit"}, {"score", column_type::number}});
  EXPECT_NE(error_of<usage_error>([&] { t.text("u1"); }).find("before row()"), std::string::npos);
  t.row();
  EXPECT_NE(error_of<usage_error>([&] { t.number(1); }).find("column 'unit' holds text"),
            std::string::npos);
  t.text("u1");
  EXPECT_NE(error_of<usage_error>([&] { csv(t); }).find("incomplete"), std::string::npos);
  EXPECT_NE(error_of<usage_error>([&] { t.row(); }).find("has 1 cells"), std::string::npos);
  t.number(2);
  EXPECT_NE(error_of<usage_error>([&] { t.add_column({"late"}); }).find("after the first row"),
            std::string::npos);
}

TEST(table, display_width_counts_terminal_columns) {
  EXPECT_EQ(chiso::io::display_width("abc"), 3u);
  EXPECT_EQ(chiso::io::display_width("Hà Nội"), 6u);                 // precomposed
  EXPECT_EQ(chiso::io::display_width("Hu\x65\xCC\x82\xCC\x81"), 3u); // e + 2 combining marks
  EXPECT_EQ(chiso::io::display_width("\xE4\xB8\xAD"), 2u);           // a CJK ideograph
}

} // namespace

} // namespace chiso_test::table_test
