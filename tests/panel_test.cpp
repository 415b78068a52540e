// Scoring several periods: per-period and pooled normalisation, worked by hand.
#include <chiso/panel.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace chiso_test::panel_test {

namespace {

// x: min-max [0, 1]; k: constant in both periods (a column diagnostic); r = 100·num/pop with a
// zero population for u2 in 2024 (a cell diagnostic). index = mean(x, k, r).
chiso::framework model() {
  chiso::framework f;
  chiso::indicator x, k, r;
  x.id = "x";
  k.id = "k";
  r.id = "r";
  r.column = "num";
  r.denominator = "pop";
  r.scale = 100;
  r.method = chiso::normalise::identity{};
  f.indicators = {x, k, r};
  chiso::node index;
  index.id = "index";
  index.children = {{"x", 1}, {"k", 1}, {"r", 1}};
  f.nodes = {index};
  return f;
}

chiso::dataset period(std::vector<double> x, std::vector<double> num, std::vector<double> pop) {
  chiso::dataset d;
  d.columns = {"x", "k", "num", "pop"};
  d.values.resize(3, 4);
  for (Eigen::Index i = 0; i < 3; ++i) {
    const auto u = static_cast<std::size_t>(i);
    d.values.row(i) << x[u], 5.0, num[u], pop[u];
    d.unit_ids.push_back("u" + std::to_string(i + 1));
  }
  return d;
}

} // namespace

TEST(panel, per_period_and_pooled_min_max_worked_by_hand) {
  const auto p = chiso::plan::compile(model(), std::vector<std::string>{"x", "k", "num", "pop"});
  const std::vector<chiso::dataset> data{period({2, 4, 6}, {1, 2, 3}, {10, 10, 10}),
                                         period({4, 8, 10}, {1, 2, 3}, {10, 0, 10})};
  const auto xi = static_cast<Eigen::Index>(p.index("x"));
  // Per period: 2023 min 2, max 6 → {0, 0.5, 1}; 2024 min 4, max 10 → {0, 4/6, 1}.
  const auto per = chiso::evaluate_periods(p, data, chiso::period_scaling::per_period);
  ASSERT_EQ(per.size(), 2u);
  EXPECT_DOUBLE_EQ(per[0].scores(1, xi), 0.5);
  EXPECT_DOUBLE_EQ(per[1].scores(1, xi), 4.0 / 6.0);
  // Pooled: min 2, max 10 over both periods → 2023 {0, 0.25, 0.5}, 2024 {0.25, 0.75, 1}.
  const auto pooled = chiso::evaluate_periods(p, data, chiso::period_scaling::pooled);
  ASSERT_EQ(pooled.size(), 2u);
  const double want[2][3] = {{0, 0.25, 0.5}, {0.25, 0.75, 1}};
  for (int t = 0; t < 2; ++t)
    for (Eigen::Index i = 0; i < 3; ++i)
      EXPECT_DOUBLE_EQ(pooled[static_cast<std::size_t>(t)].scores(i, xi), want[t][i]);
  // k is constant: its scores are missing, so index = mean(x, r). r = 100·num/pop:
  // 2023 {10, 20, 30}; 2024 {10, missing (pop 0), 30}.
  // Pooled index 2023: {(0 + 10)/2, (0.25 + 20)/2, (0.5 + 30)/2} → ranks 3, 2, 1;
  // 2024: {(0.25 + 10)/2, 0.75 (r missing), (1 + 30)/2} → ranks 2, 3, 1 — within each period.
  const auto root = static_cast<Eigen::Index>(p.root());
  EXPECT_DOUBLE_EQ(pooled[0].scores(1, root), 10.125);
  EXPECT_DOUBLE_EQ(pooled[1].scores(1, root), 0.75);
  EXPECT_EQ(pooled[0].rank[0], 3);
  EXPECT_EQ(pooled[0].rank[2], 1);
  EXPECT_EQ(pooled[1].rank[0], 2);
  EXPECT_EQ(pooled[1].rank[1], 3);
  // The constant column is reported in both periods; the zero denominator only in 2024, for
  // its unit (row 1 of that period, not row 4 of the stacked panel).
  for (const auto& r : pooled) {
    int constant = 0;
    for (const auto& d : r.diagnostics)
      constant += d.code == chiso::diagnostic_code::constant_column;
    EXPECT_EQ(constant, 1);
  }
  auto zero_den = [](const chiso::result& r) {
    std::vector<std::size_t> units;
    for (const auto& d : r.diagnostics)
      if (d.code == chiso::diagnostic_code::zero_denominator) units.push_back(d.unit);
    return units;
  };
  EXPECT_TRUE(zero_den(pooled[0]).empty());
  EXPECT_EQ(zero_den(pooled[1]), std::vector<std::size_t>{1});
  EXPECT_TRUE(std::isnan(pooled[1].scores(1, static_cast<Eigen::Index>(p.index("r")))));
}

TEST(panel, periods_with_different_columns_are_a_usage_error) {
  const auto p = chiso::plan::compile(model(), std::vector<std::string>{"x", "k", "num", "pop"});
  std::vector<chiso::dataset> data{period({2, 4, 6}, {1, 2, 3}, {10, 10, 10}),
                                   period({4, 8, 10}, {1, 2, 3}, {10, 10, 10})};
  data[1].columns = {"x", "k", "pop", "num"};
  EXPECT_THROW(chiso::evaluate_periods(p, data, chiso::period_scaling::pooled), chiso::usage_error);
}

} // namespace chiso_test::panel_test
