// Tests of time/remap.hpp: merged units equal the declared combination of their predecessors,
// missing-value policies, the merge report, and the error messages.
#include <chiso/time/remap.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::remap_test {

using chiso_test::NA;

namespace {

using chiso::time::column_rule;
using chiso::time::combine_rule;
using chiso::time::missing_predecessors;

// Five old provinces; A + B → X, C + D → Y, E unchanged.
//          awareness dossiers population satisfaction  lo    hi    code
//   A        0.6       100       2          0.9         3     3     11
//   B        0.8        50       1          0.6         1     1     12
//   C        0.5        30       3          0.8         5     5     13
//   D        NA         20       1          0.4         2     2     14
//   E        0.7        10       4          0.5         7     7     15
chiso::dataset old_provinces() {
  chiso::dataset d;
  d.unit_ids = {"A", "B", "C", "D", "E"};
  d.columns = {"awareness", "dossiers", "population", "satisfaction", "lo", "hi", "code"};
  d.values.resize(5, 7);
  d.values << 0.6, 100, 2, 0.9, 3, 3, 11, //
      0.8, 50, 1, 0.6, 1, 1, 12,          //
      0.5, 30, 3, 0.8, 5, 5, 13,          //
      NA, 20, 1, 0.4, 2, 2, 14,           //
      0.7, 10, 4, 0.5, 7, 7, 15;
  d.groups = {{"region", {"north", "north", "south", "south", "central"}}};
  d.source = "data.csv";
  d.unit_lines = {2, 3, 4, 5, 6};
  return d;
}

chiso::time::unit_mapping merger() {
  chiso::time::unit_mapping m;
  m.source = "mapping.csv";
  m.add("A", "X", 2);
  m.add("B", "X", 3);
  m.add("C", "Y", 4);
  m.add("D", "Y", 5);
  m.add("E", "E", 6);
  return m;
}

std::vector<column_rule> rules() {
  return {{combine_rule::mean}, {combine_rule::sum},
          {combine_rule::sum},  {combine_rule::weighted_mean, 2},
          {combine_rule::min},  {combine_rule::max},
          {combine_rule::first}};
}

std::string message(auto f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no exception";
}

} // namespace

TEST(remap, merged_units_equal_the_declared_combination) {
  const auto d = old_provinces();
  const auto r = chiso::time::remap_units(d.values, d.unit_ids, merger(), rules());
  ASSERT_EQ(r.unit_ids, (std::vector<std::string>{"X", "Y", "E"})); // first appearance
  enum { X, Y, E };
  // mean: X = (0.6 + 0.8) / 2 = 0.7; Y has D missing → missing (missing_if_any)
  EXPECT_NEAR(r.values(X, 0), 0.7, 1e-15);
  EXPECT_TRUE(std::isnan(r.values(Y, 0)));
  EXPECT_EQ(r.used(Y, 0), 0);
  // sum: X = 100 + 50 = 150, Y = 30 + 20 = 50; population X = 3, Y = 4
  EXPECT_EQ(r.values(X, 1), 150);
  EXPECT_EQ(r.values(Y, 1), 50);
  EXPECT_EQ(r.values(X, 2), 3);
  EXPECT_EQ(r.values(Y, 2), 4);
  // population-weighted: X = (2·0.9 + 1·0.6) / 3 = 2.4 / 3 = 0.8; Y = (3·0.8 + 1·0.4) / 4 = 0.7
  EXPECT_NEAR(r.values(X, 3), 0.8, 1e-15);
  EXPECT_NEAR(r.values(Y, 3), 0.7, 1e-15);
  // min / max / first: X min(3, 1) = 1, Y min(5, 2) = 2; X max 3, Y max 5; first A → 11, C → 13
  EXPECT_EQ(r.values(X, 4), 1);
  EXPECT_EQ(r.values(Y, 4), 2);
  EXPECT_EQ(r.values(X, 5), 3);
  EXPECT_EQ(r.values(Y, 5), 5);
  EXPECT_EQ(r.values(X, 6), 11);
  EXPECT_EQ(r.values(Y, 6), 13);
  // an unchanged unit keeps its values whatever the rule
  for (Eigen::Index j = 0; j < 7; ++j)
    EXPECT_EQ(r.values(E, j), d.values(4, j));
  EXPECT_EQ(r.used(X, 1), 2);
  EXPECT_EQ(r.used(E, 1), 1);
}

TEST(remap, skip_renormalises_over_present_predecessors) {
  const auto d = old_provinces();
  auto rs = rules();
  rs[0].missing = missing_predecessors::skip;
  const auto r = chiso::time::remap_units(d.values, d.unit_ids, merger(), rs);
  // Y awareness: C 0.5, D missing → mean of the present one: 0.5, one predecessor used
  EXPECT_NEAR(r.values(1, 0), 0.5, 1e-15);
  EXPECT_EQ(r.used(1, 0), 1);
  // weighted mean skipping a missing value renormalises the weights: Y satisfaction with D
  // missing = 3·0.8 / 3 = 0.8
  Eigen::MatrixXd v = d.values;
  v(3, 3) = NA;
  rs[3].missing = missing_predecessors::skip;
  EXPECT_NEAR(chiso::time::remap_units(v, d.unit_ids, merger(), rs).values(1, 3), 0.8, 1e-15);
  // first under skip takes the first present: Y code with C missing → D's 14
  v(2, 6) = NA;
  rs[6].missing = missing_predecessors::skip;
  EXPECT_EQ(chiso::time::remap_units(v, d.unit_ids, merger(), rs).values(1, 6), 14);
}

TEST(remap, report_lists_predecessors) {
  const auto d = old_provinces();
  const auto r = chiso::time::remap_units(d.values, d.unit_ids, merger(), rules());
  ASSERT_EQ(r.report.size(), 3u);
  EXPECT_EQ(r.report[0].id, "X");
  EXPECT_EQ(r.report[0].predecessors, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r.report[0].rows, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(r.report[1].predecessors, (std::vector<std::string>{"C", "D"}));
  EXPECT_EQ(r.report[2].predecessors, (std::vector<std::string>{"E"}));
  EXPECT_TRUE(r.report[0].absent.empty());
}

TEST(remap, given_order_and_data_order_do_not_matter) {
  auto d = old_provinces();
  auto m = merger();
  m.order = {"E", "Y", "X"};
  const auto r = chiso::time::remap_units(d.values, d.unit_ids, m, rules());
  ASSERT_EQ(r.unit_ids, (std::vector<std::string>{"E", "Y", "X"}));
  EXPECT_EQ(r.values(2, 1), 150); // X dossiers
  // data rows in reverse order: same new units, same values
  Eigen::MatrixXd rev = d.values.colwise().reverse();
  std::vector<std::string> ids(d.unit_ids.rbegin(), d.unit_ids.rend());
  const auto q = chiso::time::remap_units(rev, ids, merger(), rules());
  ASSERT_EQ(q.unit_ids, (std::vector<std::string>{"X", "Y", "E"}));
  EXPECT_NEAR(q.values(0, 3), 0.8, 1e-15);
  EXPECT_EQ(q.values(0, 6), 11); // first follows mapping order (A before B), not data order
}

TEST(remap, absent_predecessors_when_allowed) {
  const auto d = old_provinces();
  auto m = merger();
  m.add("F", "Y", 7); // F is not in the data
  EXPECT_EQ(message([&] { chiso::time::remap_units(d.values, d.unit_ids, m, rules()); }),
            "mapping.csv:7: old unit 'F' (successor 'Y') is not in the data");
  chiso::time::remap_options o;
  o.require_all_predecessors = false;
  auto rs = rules();
  rs[0].missing = missing_predecessors::skip;
  const auto r = chiso::time::remap_units(d.values, d.unit_ids, m, rs, o);
  EXPECT_EQ(r.report[1].absent, (std::vector<std::string>{"F"}));
  EXPECT_NEAR(r.values(1, 0), 0.5, 1e-15); // skip: only C present
  EXPECT_TRUE(std::isnan(r.values(1, 1))); // missing_if_any: F's dossiers are missing
}

TEST(remap, errors_name_both_sides) {
  const auto d = old_provinces();
  // data unit E has no successor
  auto m = chiso::time::unit_mapping{};
  m.source = "mapping.csv";
  for (auto [o, w] : {std::pair{"A", "X"}, {"B", "X"}, {"C", "Y"}, {"D", "Y"}})
    m.add(o, w);
  EXPECT_EQ(message([&] { chiso::time::remap_units(d, m, rules()); }),
            "data.csv:6: unit 'E' of the data is not in the mapping (mapping.csv) (every unit "
            "needs a successor; map an unchanged unit to itself)");
  // without file names the messages name rows and entries
  const auto r = message([&] { chiso::time::remap_units(d.values, d.unit_ids, m, rules()); });
  EXPECT_NE(r.find("data row 5: unit 'E'"), std::string::npos) << r;
  // an old unit mapped to two new units
  m = merger();
  m.add("B", "Y", 9);
  EXPECT_EQ(message([&] { chiso::time::remap_units(d, m, rules()); }),
            "mapping.csv:9: old unit 'B' is mapped to 'Y' but also to 'X' at mapping.csv:3; an "
            "old unit can have only one successor");
  // listed twice
  m = merger();
  m.add("B", "X", 9);
  EXPECT_NE(message([&] {
              chiso::time::remap_units(d, m, rules());
            }).find("'B' is listed twice (first at mapping.csv:3)"),
            std::string::npos);
  // order inventing or missing a unit
  m = merger();
  m.order = {"X", "Y"};
  EXPECT_NE(message([&] {
              chiso::time::remap_units(d, m, rules());
            }).find("new unit 'E' is missing from the order"),
            std::string::npos);
  m.order = {"X", "Y", "E", "Z"};
  EXPECT_THROW(chiso::time::remap_units(d, m, rules()), chiso::input_error);
}

TEST(remap, weight_errors) {
  auto d = old_provinces();
  d.values(1, 2) = 0; // B population 0
  EXPECT_EQ(message([&] { chiso::time::remap_units(d, merger(), rules()); }),
            "data.csv:3: unit 'B': column 'population' = 0 cannot weigh column 'satisfaction' "
            "into new unit 'X' (weighted_mean needs finite weights > 0)");
  d.values(1, 2) = NA;
  EXPECT_NE(message([&] {
              chiso::time::remap_units(d, merger(), rules());
            }).find("column 'population' = missing"),
            std::string::npos);
  auto rs = rules();
  rs[3].weight_column = column_rule::npos;
  EXPECT_EQ(message([&] { chiso::time::remap_units(old_provinces(), merger(), rs); }),
            "remap_units: column 'satisfaction' is combined by weighted_mean but names no weight "
            "column (weight_column not set)");
  rs[3].weight_column = 7;
  EXPECT_THROW(chiso::time::remap_units(old_provinces(), merger(), rs), chiso::usage_error);
  rs.pop_back();
  EXPECT_THROW(chiso::time::remap_units(old_provinces(), merger(), rs), chiso::usage_error);
}

TEST(remap, dataset_carries_groups_when_predecessors_agree) {
  const auto r = chiso::time::remap_units(old_provinces(), merger(), rules());
  ASSERT_EQ(r.data.groups.size(), 1u);
  EXPECT_EQ(r.data.groups[0].labels, (std::vector<std::string>{"north", "south", "central"}));
  EXPECT_EQ(r.data.unit_ids, (std::vector<std::string>{"X", "Y", "E"}));
  EXPECT_EQ(r.data.columns, old_provinces().columns);
  EXPECT_NO_THROW(r.data.check());
  auto d = old_provinces();
  d.groups[0].labels[1] = "central";
  EXPECT_EQ(message([&] { chiso::time::remap_units(d, merger(), rules()); }),
            "new unit 'X': predecessors disagree on group 'region' ('A' is 'north', 'B' is "
            "'central')");
}

TEST(remap, mean_of_equal_predecessors_is_that_value) {
  // law: whatever the rule, predecessors that all hold v give v (sum aside)
  Eigen::MatrixXd v(3, 1);
  v << 0.25, 0.25, 0.25;
  const std::vector<std::string> ids{"p", "q", "r"};
  chiso::time::unit_mapping m;
  for (const auto& id : ids)
    m.add(id, "n");
  for (auto rule : {combine_rule::mean, combine_rule::min, combine_rule::max, combine_rule::first})
    EXPECT_EQ(chiso::time::remap_units(v, ids, m, std::vector<column_rule>{{rule}}).values(0, 0),
              0.25);
  // weighted mean with the column as its own weight: (.25·.25 · 3) / (.25 · 3) = .25
  EXPECT_EQ(chiso::time::remap_units(v, ids, m,
                                     std::vector<column_rule>{{combine_rule::weighted_mean, 0}})
                .values(0, 0),
            0.25);
}

} // namespace chiso_test::remap_test
