// Tests for chiso/io/result_tables.hpp: the score and trend tables on a hand-built result of two
// units (one indicator a, one node top), checked through the CSV and JSON writers. Every
// expected text is written out by hand.

#include "chiso/io/result_tables.hpp"
#include "chiso/score.hpp"
#include "chiso/time/trend.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace chiso_test::result_tables_test {

namespace {

namespace io = chiso::io;

const std::vector<std::string> ids = {"a", "top"};       // plan order: indicator, node
const std::vector<std::string> units = {"u1", "u2"};     // unit ids
const std::vector<std::string> names = {"One", "Two"};   // unit names
const std::vector<std::string> regions = {"north", "s"}; // ranking group labels
const std::vector<std::string> bands = {"high", "low"};  // band labels, best first

io::unit_rows rows(bool with_names, bool grouped) {
  io::unit_rows u;
  u.ids = units;
  u.names = with_names;
  if (with_names) u.unit_names = names;
  if (grouped) {
    u.group_by = "region";
    u.groups = regions;
  }
  return u;
}

//        a      top    rank  band
// u1  0.25   0.125      2    low
// u2  1      NA         NA   (none)
chiso::result two_units() {
  chiso::result r;
  r.scores.resize(2, 2);
  r.scores << 0.25, 0.125, 1, NA;
  r.rank = col({2, NA});
  r.band = {1, -1};
  return r;
}

std::string csv(const io::table& t) {
  std::ostringstream o;
  io::write_csv(o, t);
  return o.str();
}

} // namespace

TEST(result_tables, score_table_names_groups_indicators_and_bands) {
  io::score_layout l;
  l.nodes = {1};
  l.indicators = {0};
  l.digits = 2;
  const auto u = rows(true, true);
  auto t = io::score_table(ids, u, true, l);
  io::add_score_rows(t, u, two_units(), bands, l);
  EXPECT_EQ(csv(t), "unit,name,region,top,a,rank,band\n"
                    "u1,One,north,0.13,0.25,2,low\n"
                    "u2,Two,s,,1.00,,\n");
  std::ostringstream j;
  io::write_json(j, t, 0);
  EXPECT_EQ(j.str(), "[\n"
                     "  {\"unit\": \"u1\", \"name\": \"One\", \"group\": \"north\", \"scores\": "
                     "{\"top\": 0.13}, \"indicators\": {\"a\": 0.25}, \"rank\": 2, \"band\": "
                     "\"low\"},\n"
                     "  {\"unit\": \"u2\", \"name\": \"Two\", \"group\": \"s\", \"scores\": "
                     "{\"top\": null}, \"indicators\": {\"a\": 1}, \"rank\": null, \"band\": "
                     "null}\n"
                     "]");
}

TEST(result_tables, score_table_with_periods_and_other_ranks) {
  io::score_layout l;
  l.nodes = {1};
  l.ranked = {0};
  l.period = true;
  const auto u = rows(false, false);
  auto t = io::score_table(ids, u, false, l);
  io::add_score_rows(t, u, two_units(), {}, l, {{0, col({1, 2})}}, "2024");
  EXPECT_EQ(csv(t), "period,unit,top,rank,rank_a\n"
                    "2024,u1,0.125,2,1\n"
                    "2024,u2,,,2\n");
}

TEST(result_tables, trend_rows_between_two_periods) {
  // Scores and ranks of u1, u2 in periods p0, p1; u2 missing in p0.
  Eigen::MatrixXd sc(2, 2), rk(2, 2);
  sc << 0.5, 0.75, NA, 0.25;
  rk << 1, 1, NA, 2;
  const auto ch = chiso::time::consecutive_changes(sc, rk);
  const std::vector<std::string> labels = {"p0", "p1"};
  const auto u = rows(true, true);
  auto t = io::trend_table(u, {});
  io::add_trend_rows(t, u, "top", sc, rk, ch, labels);
  EXPECT_EQ(csv(t), "node,unit,name,region,from,to,base,score_from,score_to,score_change,"
                    "rank_from,rank_to,rank_change,status\n"
                    "top,u1,One,north,p0,p1,p0,0.5,0.75,0.25,1,1,0,observed\n"
                    "top,u2,Two,s,p0,p1,,,0.25,,,2,,missing_before\n");
  // The group column keeps its name as JSON key in the trend table.
  EXPECT_EQ(t.columns()[3].json_key(), "region");
}

} // namespace chiso_test::result_tables_test
