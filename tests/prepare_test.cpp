// Data preparation declared by a framework (prepare.hpp): imputation and outlier treatment
// between the raw values and the normalisation, worked by hand; observed cells never change;
// empty-denominator cells are left to their policies; the spec keys read, write back and
// refuse bad settings with positions; robustness models and live updates honour it.

#include <chiso/io/spec.hpp>
#include <chiso/live/scoreboard.hpp>
#include <chiso/panel.hpp>
#include <chiso/robust/model.hpp>
#include <chiso/score.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace chiso_test::prepare_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;
const double nan = std::numeric_limits<double>::quiet_NaN();

/// Indicators x, y (min-max to [0, 1]) under root = mean(x, y).
framework two() {
  framework f;
  f.id = "two";
  for (const char* id : {"x", "y"}) {
    indicator i;
    i.id = id;
    i.method = normalise::min_max{0.0, 1.0, false};
    f.indicators.push_back(i);
  }
  node root;
  root.id = "root";
  root.children = {{"x", 1.0}, {"y", 1.0}};
  f.nodes = {root};
  return f;
}

dataset data_of(std::vector<double> x, std::vector<double> y) {
  dataset d;
  d.columns = {"x", "y"};
  d.values.resize(static_cast<Eigen::Index>(x.size()), 2);
  for (std::size_t i = 0; i < x.size(); ++i) {
    d.values(static_cast<Eigen::Index>(i), 0) = x[i];
    d.values(static_cast<Eigen::Index>(i), 1) = y[i];
    d.unit_ids.push_back("u" + std::to_string(i));
  }
  return d;
}

/// The message of the error reading spec text `t` as "t.yaml", or "no error".
std::string error_of(const std::string& t) {
  try {
    (void)io::parse_spec(t, "t.yaml");
  } catch (const input_error& e) {
    return std::string(e.what());
  }
  return std::string("no error");
}

TEST(prepare, column_mean_fills_before_normalising) {
  auto f = two();
  f.impute = imputation{impute_by_column{impute::centre::mean}, {}};
  // x = 0, 10, –, 20: mean of the observed = 10, so x₂ = 10 → min-max (10 − 0)/(20 − 0) = 0.5.
  const auto d = data_of({0, 10, nan, 20}, {1, 2, 3, 4});
  const auto r = score(f, d);
  ASSERT_EQ(r.preparation.imputed.size(), 1u);
  const auto& c = r.preparation.imputed[0];
  EXPECT_EQ(c.unit, 2u);
  EXPECT_EQ(c.column, 0u); // indicator x
  EXPECT_TRUE(std::isnan(c.before));
  EXPECT_EQ(c.after, 10.0);
  EXPECT_EQ(c.method, "column_mean");
  EXPECT_EQ(r.scores(2, 0), 0.5);
  // y = 1..4 → 0, 1/3, 2/3, 1; root₂ = (0.5 + 2/3)/2.
  EXPECT_DOUBLE_EQ(r.scores(2, 2), (0.5 + 2.0 / 3.0) / 2);
  EXPECT_EQ(r.preparation.values(1, 0), 10.0); // observed: unchanged
}

TEST(prepare, group_mean_then_column_fallback) {
  auto f = two();
  f.impute = imputation{impute_by_group{impute::centre::mean, "region"}, {}};
  auto d = data_of({1, 3, 5, nan, nan}, {1, 2, 3, 4, 5});
  d.groups.push_back({"region", {"a", "a", "b", "b", "c"}});
  const auto p = plan::compile(f, d.columns);
  {
    // u3 (region b) ← 5, the mean of b; u4 (region c) has no observed x in its group: left
    // missing and reported so.
    const auto r = evaluate(p, d);
    ASSERT_EQ(r.preparation.imputed.size(), 2u);
    EXPECT_EQ(r.preparation.imputed[0].unit, 3u);
    EXPECT_EQ(r.preparation.imputed[0].after, 5.0);
    EXPECT_EQ(r.preparation.imputed[1].unit, 4u);
    EXPECT_FALSE(r.preparation.imputed[1].filled());
    EXPECT_TRUE(std::isnan(r.scores(4, 0)));
  }
  f.impute->fallback = impute::centre::mean;
  const auto r = score(f, d);
  // The fallback fills u4 with the column mean of the observed (1 + 3 + 5)/3 = 3, reported
  // once, by the fallback.
  ASSERT_EQ(r.preparation.imputed.size(), 2u);
  EXPECT_EQ(r.preparation.imputed[1].unit, 4u);
  EXPECT_EQ(r.preparation.imputed[1].after, 3.0);
  EXPECT_EQ(r.preparation.imputed[1].method, "column_mean");
  // x prepared = 1, 3, 5, 5, 3 → min-max: u4 = (3 − 1)/(5 − 1) = 0.5.
  EXPECT_EQ(r.scores(4, 0), 0.5);
  // Without the group column the dataset path says what is missing; the matrix path without
  // codes says how to give them.
  auto no_groups = d;
  no_groups.groups.clear();
  EXPECT_THROW((void)score(f, no_groups), input_error);
  result out;
  EXPECT_THROW(evaluate(p, d.values, {}, out), usage_error);
}

TEST(prepare, empty_denominator_cells_are_left_to_their_policy) {
  framework f;
  f.id = "ratio";
  indicator i;
  i.id = "x";
  i.denominator = "pop";
  i.if_zero_denominator = empty_policy::zero;
  i.method = normalise::min_max{0.0, 1.0, false};
  f.indicators = {i};
  node root;
  root.id = "root";
  root.children = {{"x", 1.0}};
  f.nodes = {root};
  f.impute = imputation{impute_by_column{impute::centre::mean}, {}};
  dataset d;
  d.columns = {"x", "pop"};
  d.unit_ids = {"a", "b", "c", "e"};
  d.values.resize(4, 2);
  // ratios: 10/1 = 10, 5/0 (zero denominator), –/2 (missing), 60/3 = 20.
  d.values << 10, 1, 5, 0, nan, 2, 60, 3;
  const auto r = score(f, d);
  // Only the missing ratio is imputed, with the mean of the observed ratios (10 + 20)/2 = 15.
  ASSERT_EQ(r.preparation.imputed.size(), 1u);
  EXPECT_EQ(r.preparation.imputed[0].unit, 2u);
  EXPECT_EQ(r.preparation.imputed[0].after, 15.0);
  // min-max over 10, 15, 20: 0, 0.5, 1; the zero denominator scores 0 by its policy.
  EXPECT_EQ(r.scores(0, 0), 0.0);
  EXPECT_EQ(r.scores(1, 0), 0.0);
  EXPECT_EQ(r.scores(2, 0), 0.5);
  EXPECT_EQ(r.scores(3, 0), 1.0);
  EXPECT_TRUE(std::isnan(r.preparation.values(1, 0)));
}

// COINr's winsorise help page: x = 1, …, 10, 30, 100 fails (skew ≈ 3.06, kurtosis ≈ 9.74);
// one step sets 100 → 30, which passes.
TEST(prepare, framework_treatment_winsorises_before_normalising) {
  framework f = two();
  f.treat = treatment{treat::winmax_options{}};
  f.indicators[1].treat = false; // y is left alone
  std::vector<double> x, y;
  for (int k = 1; k <= 10; ++k)
    x.push_back(k);
  x.push_back(30);
  x.push_back(100);
  y = x;
  const auto r = score(f, data_of(x, y));
  ASSERT_EQ(r.preparation.treated.size(), 1u);
  EXPECT_EQ(r.preparation.treated[0].unit, 11u);
  EXPECT_EQ(r.preparation.treated[0].before, 100.0);
  EXPECT_EQ(r.preparation.treated[0].after, 30.0);
  ASSERT_EQ(r.preparation.treatments.size(), 1u);
  EXPECT_EQ(r.preparation.treatments[0].taken, treat::branch::winsorised);
  // x: min-max over 1 … 30: unit 9 (10) → 9/29; y untreated: 9/99.
  EXPECT_DOUBLE_EQ(r.scores(9, 0), 9.0 / 29.0);
  EXPECT_DOUBLE_EQ(r.scores(9, 1), 9.0 / 99.0);
  EXPECT_EQ(r.scores(11, 0), 1.0);
}

TEST(prepare, indicator_own_treatment_and_bad_values) {
  framework f = two();
  f.indicators[0].treatment = treatment{treat::box_cox_options{0.5}};
  // Box-Cox λ = 0.5: 2(√x − 1): 1, 4, 9 → 0, 2, 4, min-max → 0, 0.5, 1 (raw: 0, 3/8, 1).
  auto r = score(f, data_of({1, 4, 9}, {1, 2, 3}));
  EXPECT_EQ(r.scores(1, 0), 0.5);
  EXPECT_EQ(r.preparation.treated.size(), 3u);
  // A value Box-Cox cannot take: an input error naming the indicator and the unit row.
  try {
    (void)score(f, data_of({1, -4, 9}, {1, 2, 3}));
    ADD_FAILURE() << "no error";
  } catch (const impute::cell_error& e) {
    EXPECT_EQ(e.unit(), 1u);
    EXPECT_EQ(e.column(), 0u);
    EXPECT_THAT(e.what(), HasSubstr("indicator 'x': treat::box_cox"));
  }
}

// Law: whatever the imputation, observed cells keep their values and every missing cell is
// reported once.
TEST(prepare, imputation_never_changes_observed_cells) {
  std::mt19937_64 gen(42);
  std::normal_distribution<double> z;
  std::bernoulli_distribution gap(0.2);
  auto d = data_of(std::vector<double>(40), std::vector<double>(40));
  std::vector<std::string> regions;
  for (Eigen::Index i = 0; i < 40; ++i) {
    d.values(i, 0) = 5 + z(gen);
    d.values(i, 1) = d.values(i, 0) + z(gen);
    regions.push_back(i % 3 == 0 ? "n" : "s");
  }
  for (Eigen::Index i = 0; i < 40; ++i)
    for (Eigen::Index j = 0; j < 2; ++j)
      if (gap(gen) && i % 7 != 0) d.values(i, j) = nan;
  d.groups.push_back({"region", regions});
  std::size_t missing = 0;
  for (Eigen::Index i = 0; i < 40; ++i)
    for (Eigen::Index j = 0; j < 2; ++j)
      missing += std::isnan(d.values(i, j)) ? 1 : 0;
  ASSERT_GT(missing, 0u);
  for (const imputation_method& m :
       {imputation_method{impute_by_column{impute::centre::median}},
        imputation_method{impute_by_group{impute::centre::mean, "region"}},
        imputation_method{impute_by_row{impute::centre::mean}},
        imputation_method{impute_by_em{}}}) {
    auto f = two();
    f.impute = imputation{m, impute::centre::mean};
    const auto r = score(f, d);
    const auto& v = r.preparation.values;
    for (Eigen::Index i = 0; i < 40; ++i)
      for (Eigen::Index j = 0; j < 2; ++j)
        if (!std::isnan(d.values(i, j)))
          EXPECT_EQ(v(i, j), d.values(i, j)) << imputation_name(m);
        else
          EXPECT_FALSE(std::isnan(v(i, j))) << imputation_name(m);
    EXPECT_EQ(r.preparation.imputed.size(), missing) << imputation_name(m);
  }
}

TEST(prepare, spec_keys_read_write_back_and_refuse_bad_settings) {
  const std::string text = "chiso: 1\nid: t\n"
                           "impute: {method: group_median, group: region, fallback: "
                           "column_mean}\n"
                           "treat: {method: winmax, winmax: 3, skew: 2.5, log: none}\n"
                           "indicators:\n"
                           "  - {id: x, impute: false}\n"
                           "  - {id: y, treat: {method: box_cox, lambda: 0}}\n"
                           "  - {id: z, treat: false}\n"
                           "nodes:\n  - {id: root, children: [x, y, z]}\n";
  const auto f = io::parse_spec(text, "t.yaml");
  ASSERT_TRUE(f.impute);
  const auto& g = std::get<impute_by_group>(f.impute->method);
  EXPECT_EQ(g.centre, impute::centre::median);
  EXPECT_EQ(g.group, "region");
  EXPECT_EQ(f.impute->fallback, impute::centre::mean);
  ASSERT_TRUE(f.treat);
  const auto& w = std::get<treat::winmax_options>(*f.treat);
  EXPECT_EQ(w.winmax, 3u);
  EXPECT_EQ(w.max_abs_skew, 2.5);
  EXPECT_EQ(w.log, treat::log_variant::none);
  EXPECT_FALSE(f.indicators[0].impute);
  EXPECT_EQ(std::get<treat::box_cox_options>(*f.indicators[1].treatment).lambda, 0.0);
  EXPECT_FALSE(f.indicators[2].treat);
  // Written and read back: the same settings.
  std::ostringstream out;
  io::write_spec(out, f);
  const auto b = io::parse_spec(out.str(), "back.yaml");
  EXPECT_EQ(std::get<impute_by_group>(b.impute->method).group, "region");
  EXPECT_EQ(b.impute->fallback, impute::centre::mean);
  EXPECT_EQ(std::get<treat::winmax_options>(*b.treat).winmax, 3u);
  EXPECT_EQ(std::get<treat::winmax_options>(*b.treat).log, treat::log_variant::none);
  EXPECT_FALSE(b.indicators[0].impute);
  EXPECT_TRUE(b.indicators[1].treatment.has_value());
  EXPECT_FALSE(b.indicators[2].treat);

  const std::string head = "chiso: 1\nid: t\n";
  const std::string tail = "indicators:\n  - {id: x}\nnodes:\n  - {id: r, children: [x]}\n";
  // Line 3, column 9: the map after "impute: ".
  EXPECT_THAT(error_of(head + "impute: {method: group_mean}\n" + tail),
              HasSubstr("t.yaml:3:9: impute: method 'group_mean': missing required key 'group': "
                        "the data's group column"));
  EXPECT_THAT(error_of(head + "treat: {method: box_cox}\n" + tail),
              HasSubstr("t.yaml:3:8: treat: method 'box_cox': missing required key 'lambda': "
                        "the power"));
  // "treat: {method: winmax, " is 24 characters: the key at column 25.
  EXPECT_THAT(error_of(head + "treat: {method: winmax, lambda: 1}\n" + tail),
              HasSubstr("t.yaml:3:25: treat: method 'winmax': unknown parameter 'lambda'"));
  EXPECT_THAT(error_of(head + "impute: column_meen\n" + tail),
              HasSubstr("t.yaml:3:9: impute: unknown imputation method 'column_meen'"));
  EXPECT_THAT(error_of(head + "treat: {method: quantile, lower: 0.9, upper: 0.1}\n" + tail),
              HasSubstr("treat: quantile needs 0 <= lower < upper <= 1"));
}

TEST(prepare, robust_model_and_live_updates_honour_it) {
  auto f = two();
  f.impute = imputation{impute_by_column{impute::centre::mean}, {}};
  const auto d = data_of({0, 10, nan, 20, 7}, {1, 2, 3, nan, 5});
  const auto p = plan::compile(f, d.columns);
  const auto direct = evaluate(p, d);
  robust::choices c;
  c.add("norm", robust::normalisation_choice{
                    {}, {normalise::min_max{0.0, 1.0, false}, normalise::rank{}}, {}});
  const auto m = robust::model::compile(p, d, c);
  for (Eigen::Index i = 0; i < 5; ++i)
    EXPECT_EQ(m.nominal().scores(i, 2), direct.scores(i, 2));
  // A replication equals the slow path: its framework compiled and evaluated (which prepares).
  for (std::size_t k = 0; k < 6; ++k) {
    const auto rep = m.replicate(3, k);
    const auto slow = score(m.framework_of(rep.draws), d);
    for (Eigen::Index i = 0; i < 5; ++i)
      EXPECT_EQ(rep.full.scores(i, 2), slow.scores(i, 2)) << k;
  }
  EXPECT_THROW(live::scoreboard(p, d.values), usage_error);
}

// A preparation input: each replication prepares the data one of several ways; every
// replication equals its framework (impute/treat replaced) compiled and evaluated afresh.
TEST(prepare, preparation_alternatives_in_a_robustness_model) {
  const auto f = two();
  auto d = data_of({1, 2, nan, 4, 5, 6, 7, 8, 9, 10, 30, 100},
                   {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, nan, 1});
  d.groups.push_back({"half", {"a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"}});
  robust::preparation_choice pc;
  pc.alternatives.push_back({imputation{impute_by_column{impute::centre::mean}, {}}, {}});
  pc.alternatives.push_back({imputation{impute_by_group{impute::centre::median, "half"}, {}},
                             treatment{treat::winmax_options{}}});
  pc.labels = {"mean", "group median + winmax"};
  robust::choices c;
  c.add("prep", pc);
  const auto p = plan::compile(f, d.columns);
  const auto m = robust::model::compile(p, d, c);
  std::vector<bool> seen(2, false);
  for (std::size_t k = 0; k < 12; ++k) {
    const auto rep = m.replicate(8, k);
    seen[rep.draws[0].pick] = true;
    const auto slow = score(m.framework_of(rep.draws), d);
    for (Eigen::Index i = 0; i < 12; ++i)
      for (Eigen::Index j = 0; j < 3; ++j)
        EXPECT_EQ(rep.full.scores(i, j), slow.scores(i, j)) << k << " " << i << " " << j;
  }
  EXPECT_TRUE(seen[0] && seen[1]);
  // By hand, alternative 0: x₂ ← mean of the other 11 values = 182/11; alternative 1:
  // x₂ ← median of half a's observed 1, 2, 4, 5, 6 = 4; x then fails the test (skew 3.07,
  // kurtosis 9.76, numpy by hand) and one winmax step sets 100 → 30 (skew 1.72: passes), so
  // x₂ scores (4 − 1)/(30 − 1).
  const auto a1 = score(m.framework_of(std::vector<robust::draw>{{1, {}, {}}}), d);
  EXPECT_DOUBLE_EQ(a1.scores(2, 0), 3.0 / 29.0);
  const auto a0 = score(m.framework_of(std::vector<robust::draw>{{0, {}, {}}}), d);
  EXPECT_DOUBLE_EQ(a0.scores(2, 0), (182.0 / 11.0 - 1.0) / 99.0);
}

TEST(prepare, pooled_panel_prepares_the_stacked_periods) {
  auto f = two();
  f.impute = imputation{impute_by_column{impute::centre::mean}, {}};
  // Period 0: x = 0, –; period 1: x = 4, 8. Pooled mean of the observed (0 + 4 + 8)/3 = 4;
  // per period, period 0's mean is 0.
  std::vector<dataset> panel = {data_of({0, nan}, {1, 2}), data_of({4, 8}, {3, 4})};
  const auto p = plan::compile(f, panel[0].columns);
  const auto pooled = evaluate_periods(p, panel, period_scaling::pooled);
  ASSERT_EQ(pooled[0].preparation.imputed.size(), 1u);
  EXPECT_EQ(pooled[0].preparation.imputed[0].unit, 1u);
  EXPECT_EQ(pooled[0].preparation.imputed[0].after, 4.0);
  EXPECT_TRUE(pooled[1].preparation.imputed.empty());
  // Pooled min-max over 0, 4, 4, 8: unit 1 of period 0 → 0.5.
  EXPECT_EQ(pooled[0].scores(1, 0), 0.5);
  const auto per = evaluate_periods(p, panel, period_scaling::per_period);
  EXPECT_EQ(per[0].preparation.imputed[0].after, 0.0);
}

/// A period of two(): units named by `ids`.
dataset period_of(std::vector<std::string> ids, std::vector<double> x, std::vector<double> y) {
  auto d = data_of(std::move(x), std::move(y));
  d.unit_ids = std::move(ids);
  return d;
}

TEST(prepare, carry_forward_along_the_periods_follows_units_by_id) {
  auto f = two();
  f.impute_periods = panel_imputation{panel_imputation::kind::carry_forward, 1.0};
  // Years 2020, 2021, 2023; units in a different order each year, u2 gone in 2023.
  //   x: u0 = 0, –, –;  u1 = 10, 10, 4;  u2 = 20, 30.
  // 2021: u0 ← its 2020 value 0 (1 year ≤ max_gap 1). 2023: u0's last observation is 2020,
  // 3 years back (a carried value never counts) → left missing.
  std::vector<dataset> panel = {period_of({"u0", "u1", "u2"}, {0, 10, 20}, {1, 2, 3}),
                                period_of({"u2", "u0", "u1"}, {30, nan, 10}, {3, 2, 1}),
                                period_of({"u0", "u1"}, {nan, 4}, {1, 2})};
  const std::vector<double> years = {2020, 2021, 2023};
  const auto p = plan::compile(f, panel[0].columns);
  ASSERT_TRUE(p.prepares());
  auto r = evaluate_periods(p, panel, period_scaling::per_period, keep::all, years);
  EXPECT_TRUE(r[0].preparation.imputed.empty());
  ASSERT_EQ(r[1].preparation.imputed.size(), 1u);
  const auto& c = r[1].preparation.imputed[0];
  EXPECT_EQ(c.unit, 1u); // u0 is row 1 of 2021
  EXPECT_EQ(c.column, 0u);
  EXPECT_EQ(c.after, 0.0);
  EXPECT_EQ(c.method, "carry_forward");
  EXPECT_EQ(c.period, 1u);
  // 2021 x: min-max over 30, 0, 10 → u0 = 0, u1 = 10/30; root = mean(x, y) with y over 3, 2, 1:
  // u0 = (0 + 0.5)/2.
  EXPECT_DOUBLE_EQ(r[1].scores(2, 0), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r[1].scores(1, static_cast<Eigen::Index>(p.root())), 0.25);
  ASSERT_EQ(r[2].preparation.imputed.size(), 1u);
  EXPECT_EQ(r[2].preparation.imputed[0].unit, 0u);
  EXPECT_FALSE(r[2].preparation.imputed[0].filled());
  EXPECT_TRUE(std::isnan(r[2].scores(0, 0)));
  // Without a bound the 2023 cell takes the 2020 value too.
  f.impute_periods->max_gap = std::numeric_limits<double>::infinity();
  const auto q = plan::compile(f, panel[0].columns);
  r = evaluate_periods(q, panel, period_scaling::per_period, keep::all, years);
  EXPECT_EQ(r[2].preparation.imputed[0].after, 0.0);
  // Pooled: the same cells, ranked within each period.
  const auto pooled = evaluate_periods(q, panel, period_scaling::pooled, keep::all, years);
  ASSERT_EQ(pooled[1].preparation.imputed.size(), 1u);
  EXPECT_EQ(pooled[1].preparation.imputed[0].unit, 1u);
  EXPECT_EQ(pooled[2].preparation.imputed[0].after, 0.0);
  // Observed cells keep their values in every period.
  for (std::size_t t = 0; t < panel.size(); ++t)
    for (Eigen::Index i = 0; i < panel[t].values.rows(); ++i)
      if (!std::isnan(panel[t].values(i, 0))) {
        EXPECT_EQ(r[t].preparation.values(i, 0), panel[t].values(i, 0));
      }
  // A unit twice in one period cannot be followed.
  panel[1].unit_ids[1] = "u2";
  EXPECT_THROW((void)evaluate_periods(q, panel, period_scaling::per_period), input_error);
}

TEST(prepare, interpolation_along_the_periods_then_the_periods_own_imputation) {
  auto f = two();
  f.impute_periods = panel_imputation{panel_imputation::kind::interpolate};
  f.impute = imputation{impute_by_column{impute::centre::mean}, {}};
  // Years 2019, 2020, 2022. u0: x = 10, –, 16 → 10 + (1/3)·6 = 12; u1: 0, –, 4 → 4/3;
  // u2 only in 2020, x missing: nothing to interpolate, so 2020's column mean fills it from the
  // values there, interpolated ones included: (12 + 4/3)/2 = 20/3.
  const std::vector<dataset> panel = {period_of({"u0", "u1"}, {10, 0}, {1, 2}),
                                      period_of({"u0", "u1", "u2"}, {nan, nan, nan}, {1, 2, 3}),
                                      period_of({"u0", "u1"}, {16, 4}, {1, 2})};
  const std::vector<double> years = {2019, 2020, 2022};
  const auto p = plan::compile(f, panel[0].columns);
  const auto r = evaluate_periods(p, panel, period_scaling::per_period, keep::all, years);
  const auto& cells = r[1].preparation.imputed;
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].method, "interpolate");
  EXPECT_DOUBLE_EQ(cells[0].after, 12.0);
  EXPECT_EQ(cells[1].method, "interpolate");
  EXPECT_DOUBLE_EQ(cells[1].after, 4.0 / 3.0);
  EXPECT_EQ(cells[2].method, "column_mean");
  EXPECT_EQ(cells[2].unit, 2u);
  EXPECT_DOUBLE_EQ(cells[2].after, 20.0 / 3.0);
  // 2020 x: min-max over 12, 4/3, 20/3 → 1, 0, (16/3)/(32/3) = 0.5.
  EXPECT_DOUBLE_EQ(r[1].scores(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(r[1].scores(1, 0), 0.0);
  EXPECT_DOUBLE_EQ(r[1].scores(2, 0), 0.5);
  // Period indices instead of years: 10 + (1/2)·6 = 13.
  const auto idx = evaluate_periods(p, panel, period_scaling::per_period);
  EXPECT_DOUBLE_EQ(idx[1].preparation.imputed[0].after, 13.0);
}

TEST(prepare, panel_imputation_leaves_empty_denominators_to_their_policy) {
  framework f;
  indicator r;
  r.id = "r";
  r.column = "num";
  r.denominator = "pop";
  r.method = normalise::identity{};
  f.indicators = {r};
  node root;
  root.id = "root";
  root.children = {{"r", 1.0}};
  f.nodes = {root};
  f.impute_periods = panel_imputation{};
  // 2020: u0 = 5/1, u1 = 6/2 = 3. 2021: u0 has population 0 (its policy's cell, not missing
  // data); u1 has neither number (missing data) → carried 3.
  dataset a, b;
  a.columns = b.columns = {"num", "pop"};
  a.unit_ids = b.unit_ids = {"u0", "u1"};
  a.values.resize(2, 2);
  a.values << 5, 1, 6, 2;
  b.values.resize(2, 2);
  b.values << 7, 0, nan, nan;
  const std::vector<dataset> panel = {a, b};
  const auto p = plan::compile(f, a.columns);
  const auto out = evaluate_periods(p, panel, period_scaling::per_period);
  ASSERT_EQ(out[1].preparation.imputed.size(), 1u);
  EXPECT_EQ(out[1].preparation.imputed[0].unit, 1u);
  EXPECT_EQ(out[1].preparation.imputed[0].after, 3.0);
  EXPECT_TRUE(std::isnan(out[1].scores(0, 0)));
  EXPECT_EQ(out[1].scores(1, 0), 3.0);
}

TEST(prepare, panel_imputation_in_spec_files) {
  const std::string head = "chiso: 1\nid: t\n";
  const std::string tail = "indicators:\n  - {id: x}\nnodes:\n  - {id: r, children: [x]}\n";
  const auto f = io::parse_spec(
      head + "periods: {scaling: pooled, impute: {method: carry_forward, max_gap: 2}}\n" + tail,
      "t.yaml");
  ASSERT_TRUE(f.impute_periods);
  EXPECT_EQ(f.impute_periods->method, panel_imputation::kind::carry_forward);
  EXPECT_EQ(f.impute_periods->max_gap, 2.0);
  std::ostringstream out;
  io::write_spec(out, f);
  const auto b = io::parse_spec(out.str(), "back.yaml");
  EXPECT_EQ(b.scaling, period_scaling::pooled);
  ASSERT_TRUE(b.impute_periods);
  EXPECT_EQ(b.impute_periods->max_gap, 2.0);
  const auto i = io::parse_spec(head + "periods: {impute: interpolate}\n" + tail, "t.yaml");
  ASSERT_TRUE(i.impute_periods);
  EXPECT_EQ(i.impute_periods->method, panel_imputation::kind::interpolate);
  EXPECT_TRUE(std::isinf(i.impute_periods->max_gap));

  // "periods: {impute: {method: interpolate, max_gap: " is 49 characters: the value at 50.
  EXPECT_THAT(error_of(head + "periods: {impute: {method: interpolate, max_gap: 1}}\n" + tail),
              HasSubstr("t.yaml:3:50: periods: impute: 'max_gap': applies to method "
                        "carry_forward only"));
  EXPECT_THAT(error_of(head + "periods: {impute: {method: carry_forward, max_gap: -1}}\n" + tail),
              HasSubstr("'max_gap': must be >= 0"));
  EXPECT_THAT(error_of(head + "periods: {impute: latest}\n" + tail),
              HasSubstr("t.yaml:3:19: periods: impute: 'method': unknown value 'latest'"));
}

} // namespace

} // namespace chiso_test::prepare_test
