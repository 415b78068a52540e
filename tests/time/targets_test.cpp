// Tests of time/targets.hpp: attainment, gap, progress, required growth, projections, status
// and the per-group status counts, on hand-worked series.
#include <chiso/time/targets.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::targets_test {

using chiso_test::NA;

namespace {

using chiso::time::growth_case;
using chiso::time::projection_method;
using chiso::time::target_status;

Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(r.size()),
                    static_cast<Eigen::Index>(r.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : r) {
    Eigen::Index k = 0;
    for (double v : row)
      m(i, k++) = v;
    ++i;
  }
  return m;
}

Eigen::VectorXd years(std::initializer_list<double> y) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(y.size()));
  Eigen::Index k = 0;
  for (double x : y)
    v[k++] = x;
  return v;
}

// Share of adults using online public services (higher is better), target 0.7 by 2030.
//   A: 0.30 0.34 0.40  rising fast
//   B: 0.30 0.31 0.32  rising slowly
//   C:  NA  0.50  NA   one observation
//   D: 0.75 0.80 0.72  already beyond the target
//   E: 0.00 0.20 0.35  starts at zero
const Eigen::MatrixXd series = rows({{0.30, 0.34, 0.40},
                                     {0.30, 0.31, 0.32},
                                     {NA, 0.50, NA},
                                     {0.75, 0.80, 0.72},
                                     {0.00, 0.20, 0.35}});
const Eigen::VectorXd t3 = years({2021, 2022, 2023});
const chiso::time::target adults{0.7, 2030, 0.3};
enum { A, B, C, D, E };

} // namespace

TEST(targets, attainment_gap_and_progress) {
  const auto r = chiso::time::track_target(series, t3, adults);
  // A in 2023: attainment 0.40 / 0.70 = 0.5714…, gap 0.70 − 0.40 = 0.30,
  // progress from the 0.30 baseline (0.40 − 0.30) / (0.70 − 0.30) = 0.25
  EXPECT_NEAR(r.attainment(A, 2), 0.4 / 0.7, 1e-15);
  EXPECT_NEAR(r.attainment(A, 2), 0.571428, 1e-6);
  EXPECT_NEAR(r.gap(A, 2), 0.30, 1e-15);
  EXPECT_NEAR(r.progress(A, 2), 0.25, 1e-15);
  // D in 2021: 0.75 / 0.70 = 1.0714 uncapped; gap 0.70 − 0.75 = −0.05 (beyond the target)
  EXPECT_NEAR(r.attainment(D, 0), 1.0714285, 1e-6);
  EXPECT_NEAR(r.gap(D, 0), -0.05, 1e-15);
  // missing value: every level measure missing
  EXPECT_TRUE(std::isnan(r.attainment(C, 0)));
  EXPECT_TRUE(std::isnan(r.gap(C, 2)));
  EXPECT_TRUE(std::isnan(r.progress(C, 2)));
}

TEST(targets, cap_limits_attainment_and_progress_to_one) {
  chiso::time::target_options o;
  o.cap = true;
  const auto r = chiso::time::track_target(series, t3, adults, o);
  EXPECT_EQ(r.attainment(D, 0), 1.0); // 1.0714 capped
  // D progress (0.75 − 0.3) / 0.4 = 1.125 capped
  EXPECT_EQ(r.progress(D, 0), 1.0);
  EXPECT_NEAR(r.attainment(A, 2), 0.4 / 0.7, 1e-15); // below 1: unchanged
  EXPECT_TRUE(std::isnan(r.attainment(C, 0)));       // missing stays missing
}

TEST(targets, no_baseline_means_no_progress) {
  const auto r = chiso::time::track_target(series, t3, {0.7, 2030, std::nullopt});
  EXPECT_TRUE(std::isnan(r.progress(A, 2)));
}

TEST(targets, required_growth_worked_example) {
  const auto r = chiso::time::track_target(series, t3, adults);
  // A: 0.40 in 2023, 0.70 by 2030: g = (0.7 / 0.4)^(1/7) − 1 = 1.75^(1/7) − 1
  //   ln 1.75 = 0.559616, / 7 = 0.079945, e^0.079945 − 1 = 0.083228
  EXPECT_NEAR(r.required_growth(A, 2), std::pow(1.75, 1.0 / 7) - 1, 1e-14);
  EXPECT_NEAR(r.required_growth(A, 2), 0.083228, 1e-6);
  EXPECT_EQ(r.growth_case_at(A, 2), growth_case::computed);
  // B: 0.30 in 2021: (0.7 / 0.3)^(1/9) − 1
  EXPECT_NEAR(r.required_growth(B, 0), std::pow(0.7 / 0.3, 1.0 / 9) - 1, 1e-14);
  // D: already beyond: 0, case achieved
  EXPECT_EQ(r.required_growth(D, 1), 0.0);
  EXPECT_EQ(r.growth_case_at(D, 1), growth_case::achieved);
  // E: 0 in 2021: no finite compound rate from 0
  EXPECT_TRUE(std::isnan(r.required_growth(E, 0)));
  EXPECT_EQ(r.growth_case_at(E, 0), growth_case::non_positive);
  // C: missing in 2021
  EXPECT_TRUE(std::isnan(r.required_growth(C, 0)));
  EXPECT_EQ(r.growth_case_at(C, 0), growth_case::missing);
}

TEST(targets, required_growth_after_the_deadline) {
  // target 0.7 by 2030; 0.5 in 2029, 0.6 in 2030, 0.65 in 2031
  const auto r =
      chiso::time::track_target(rows({{0.5, 0.6, 0.65}}), years({2029, 2030, 2031}), adults);
  // 2029: one year left: g = 0.7 / 0.5 − 1 = 0.4
  EXPECT_NEAR(r.required_growth(0, 0), 0.4, 1e-14);
  // 2030 and 2031: deadline reached, not achieved: no rate, off track (missed)
  for (int k : {1, 2}) {
    EXPECT_TRUE(std::isnan(r.required_growth(0, k)));
    EXPECT_EQ(r.growth_case_at(0, k), growth_case::deadline_passed);
    EXPECT_EQ(r.status_at(0, k), target_status::off_track);
  }
  // 2029: a single observation: not enough to project
  EXPECT_EQ(r.status_at(0, 0), target_status::no_data);
}

TEST(targets, least_squares_projection) {
  const auto r = chiso::time::track_target(series, t3, adults);
  // A in 2023, points (2021, .30) (2022, .34) (2023, .40): mean t = 2022, mean v = 1.04 / 3;
  //   slope = Σ(t − t̄)(v − v̄) / Σ(t − t̄)² = (−1·(.30 − .34667) + 1·(.40 − .34667)) / 2 = 0.05
  //   at 2030: 0.346667 + 0.05 · (2030 − 2022) = 0.746667 ≥ 0.7 → on track
  EXPECT_NEAR(r.projection_least_squares(A, 2), 1.04 / 3 + 0.4, 1e-12);
  EXPECT_EQ(r.status_at(A, 2), target_status::on_track);
  // A in 2022, two points: slope 0.04, at 2030: 0.34 + 0.04 · 8 = 0.66 < 0.7 → off track
  EXPECT_NEAR(r.projection_least_squares(A, 1), 0.66, 1e-12);
  EXPECT_EQ(r.status_at(A, 1), target_status::off_track);
  // B in 2023: slope 0.01, mean 0.31, at 2030: 0.31 + 0.01 · 8 = 0.39 → off track
  EXPECT_NEAR(r.projection_least_squares(B, 2), 0.39, 1e-12);
  EXPECT_EQ(r.status_at(B, 2), target_status::off_track);
  // E in 2023: v̄ = 0.55 / 3 = 0.18333, slope = (−1·(0 − v̄) + 1·(0.35 − v̄)) / 2 = 0.175,
  //   at 2030: 0.18333 + 0.175 · 8 = 1.58333 → on track
  EXPECT_NEAR(r.projection_least_squares(E, 2), 0.55 / 3 + 1.4, 1e-12);
  EXPECT_EQ(r.status_at(E, 2), target_status::on_track);
}

TEST(targets, last_two_projection) {
  chiso::time::target_options o;
  o.projection = projection_method::last_two;
  const auto r = chiso::time::track_target(series, t3, adults, o);
  // A in 2023: last two (2022, .34) (2023, .40): 0.40 + 0.06 · 7 = 0.82
  EXPECT_NEAR(r.projection_last_two(A, 2), 0.82, 1e-12);
  // B in 2023: 0.32 + 0.01 · 7 = 0.39
  EXPECT_NEAR(r.projection_last_two(B, 2), 0.39, 1e-12);
  EXPECT_EQ(r.status_at(A, 2), target_status::on_track);
  EXPECT_EQ(r.status_at(B, 2), target_status::off_track);
}

TEST(targets, compound_projection_and_historical_growth) {
  chiso::time::target_options o;
  o.projection = projection_method::compound;
  const auto r = chiso::time::track_target(series, t3, adults, o);
  // A in 2023: r = (0.40 / 0.30)^(1/2) − 1 = 0.154701;
  //   at 2030: 0.40 · (4/3)^(7/2) = 0.4 · 2.370370 · 1.154701 = 1.094827
  EXPECT_NEAR(r.historical_growth(A, 2), std::sqrt(4.0 / 3) - 1, 1e-14);
  EXPECT_NEAR(r.projection_compound(A, 2), 1.094827, 1e-6);
  // A in 2022: r = 0.34 / 0.30 − 1 = 0.1333; at 2030: 0.34 · (1.1333)^8 = 0.34 · 2.72183 = 0.92542
  //   → on track by compound growth although off track by the least-squares line (0.66)
  EXPECT_NEAR(r.projection_compound(A, 1), 0.925423, 1e-6);
  EXPECT_EQ(r.status_at(A, 1), target_status::on_track);
  // E starts at 0: no compound rate, no compound projection → no data under this method
  EXPECT_TRUE(std::isnan(r.historical_growth(E, 2)));
  EXPECT_TRUE(std::isnan(r.projection_compound(E, 2)));
  EXPECT_EQ(r.status_at(E, 2), target_status::no_data);
}

TEST(targets, status_rules_and_observations) {
  const auto r = chiso::time::track_target(series, t3, adults);
  // A 2021: one observation, not achieved → no data
  EXPECT_EQ(r.status_at(A, 0), target_status::no_data);
  // C: missing, then one observation, then missing
  EXPECT_EQ(r.status_at(C, 0), target_status::no_data);
  EXPECT_EQ(r.status_at(C, 1), target_status::no_data);
  EXPECT_EQ(r.status_at(C, 2), target_status::no_data);
  EXPECT_EQ(r.observations(C, 0), 0);
  EXPECT_EQ(r.observations(C, 1), 1);
  EXPECT_EQ(r.observations(C, 2), 1);
  // D: achieved at every period, with a single observation too (0.72 ≥ 0.70 in 2023)
  for (int k = 0; k < 3; ++k)
    EXPECT_EQ(r.status_at(D, k), target_status::achieved);
  // A value exactly at the target is achieved
  const auto eq = chiso::time::track_target(rows({{0.7}}), years({2024}), adults);
  EXPECT_EQ(eq.status_at(0, 0), target_status::achieved);
  EXPECT_EQ(eq.attainment(0, 0), 1.0);
}

TEST(targets, missing_current_value_keeps_the_history_for_later_periods) {
  // 0.3 (2021), NA (2022), 0.5 (2023): the 2023 line goes through (2021, .3) and (2023, .5):
  // slope 0.1 a year; at 2030: 0.5 + 0.1 · 7 = 1.2
  const auto r =
      chiso::time::track_target(rows({{0.3, NA, 0.5}}), years({2021, 2022, 2023}), adults);
  EXPECT_EQ(r.status_at(0, 1), target_status::no_data);
  EXPECT_NEAR(r.projection_least_squares(0, 2), 1.2, 1e-12);
  EXPECT_NEAR(r.projection_last_two(0, 2), 1.2, 1e-12);
  EXPECT_EQ(r.status_at(0, 2), target_status::on_track);
}

TEST(targets, min_observations) {
  chiso::time::target_options o;
  o.min_observations = 3;
  const auto r = chiso::time::track_target(series, t3, adults, o);
  // A in 2022 has two observations: no projection → no data; in 2023 three → projected
  EXPECT_TRUE(std::isnan(r.projection_least_squares(A, 1)));
  EXPECT_EQ(r.status_at(A, 1), target_status::no_data);
  EXPECT_EQ(r.status_at(A, 2), target_status::on_track);
}

TEST(targets, lower_is_better) {
  // Average processing time in days, target 5 days by 2025.
  chiso::time::target_options o;
  o.direction = -1;
  const chiso::time::target days{5, 2025, std::nullopt};
  const auto r = chiso::time::track_target(rows({{10, 8}, {10, 7}, {6, 4}, {0, 0}}),
                                           years({2023, 2024}), days, o);
  // 10 days in 2023: attainment T / v = 5 / 10 = 0.5; gap v − T = 5;
  //   g = (5 / 10)^(1/2) − 1 = −0.292893 (must fall 29.3% a year)
  EXPECT_NEAR(r.attainment(0, 0), 0.5, 1e-15);
  EXPECT_NEAR(r.gap(0, 0), 5.0, 1e-15);
  EXPECT_NEAR(r.required_growth(0, 0), std::sqrt(0.5) - 1, 1e-14);
  EXPECT_NEAR(r.required_growth(0, 0), -0.292893, 1e-6);
  // 10 → 8: line at 2025: 8 − 2 = 6 > 5 → off track; 10 → 7: 7 − 3 = 4 ≤ 5 → on track
  EXPECT_NEAR(r.projection_least_squares(0, 1), 6.0, 1e-12);
  EXPECT_EQ(r.status_at(0, 1), target_status::off_track);
  EXPECT_NEAR(r.projection_least_squares(1, 1), 4.0, 1e-12);
  EXPECT_EQ(r.status_at(1, 1), target_status::on_track);
  // 4 days: achieved, attainment 5 / 4 = 1.25, gap 4 − 5 = −1
  EXPECT_EQ(r.status_at(2, 1), target_status::achieved);
  EXPECT_NEAR(r.attainment(2, 1), 1.25, 1e-15);
  EXPECT_NEAR(r.gap(2, 1), -1.0, 1e-15);
  // 0 days: beyond any positive target: attainment +∞ (1 when capped)
  EXPECT_EQ(r.attainment(3, 0), std::numeric_limits<double>::infinity());
  EXPECT_EQ(r.status_at(3, 0), target_status::achieved);
  o.cap = true;
  EXPECT_EQ(chiso::time::track_target(rows({{0}}), years({2023}), days, o).attainment(0, 0), 1.0);
}

TEST(targets, status_counts_per_group) {
  const auto r = chiso::time::track_target(series, t3, adults);
  // 2023 statuses: A on track, B off track, C no data, D achieved, E on track
  // groups: A, C, E in group 0; B, D in group 1
  const std::vector<std::uint32_t> groups{0, 1, 0, 1, 0};
  const auto tab = chiso::time::count_status(r, 2, groups);
  ASSERT_EQ(tab.counts.size(), 2u);
  EXPECT_EQ(tab.count(0, target_status::on_track), 2u);
  EXPECT_EQ(tab.count(0, target_status::no_data), 1u);
  EXPECT_EQ(tab.count(0, target_status::achieved), 0u);
  EXPECT_EQ(tab.count(1, target_status::off_track), 1u);
  EXPECT_EQ(tab.count(1, target_status::achieved), 1u);
  EXPECT_EQ(tab.total(0), 3u);
  EXPECT_EQ(tab.total(1), 2u);
  // without groups: one group of all five
  const auto all = chiso::time::count_status(r, 2);
  EXPECT_EQ(all.count(0, target_status::on_track), 2u);
  EXPECT_EQ(all.total(0), 5u);
  EXPECT_THROW(chiso::time::count_status(r, 3), chiso::usage_error);
  EXPECT_THROW(chiso::time::count_status(r, 2, std::vector<std::uint32_t>{0, 1}),
               chiso::usage_error);
}

TEST(targets, bad_parameters_throw_with_the_rule) {
  auto msg = [](auto f) -> std::string {
    try {
      f();
    } catch (const std::exception& e) {
      return e.what();
    }
    return "no exception";
  };
  EXPECT_NE(msg([] {
              chiso::time::track_target(series, t3, {0.0, 2030, std::nullopt});
            }).find("value must be a finite number > 0, got 0"),
            std::string::npos);
  EXPECT_NE(msg([] {
              chiso::time::track_target(series, t3, {0.7, 2030, 0.7});
            }).find("equals the target value"),
            std::string::npos);
  chiso::time::target_options o;
  o.direction = 0;
  EXPECT_THROW(chiso::time::track_target(series, t3, adults, o), chiso::framework_error);
  o = {};
  o.min_observations = 1;
  EXPECT_THROW(chiso::time::track_target(series, t3, adults, o), chiso::framework_error);
  EXPECT_NE(msg([] {
              chiso::time::track_target(series, years({2021, 2023, 2022}), adults);
            }).find("period 2 (2022) does not follow period 1 (2023)"),
            std::string::npos);
  EXPECT_THROW(chiso::time::track_target(series, years({2021, 2022}), adults), chiso::usage_error);
}

TEST(targets, units_are_independent) {
  // Permuting units permutes every result row (bulk computation has no cross-unit state).
  const auto r = chiso::time::track_target(series, t3, adults);
  Eigen::MatrixXd rev = series.colwise().reverse();
  const auto q = chiso::time::track_target(rev, t3, adults);
  for (Eigen::Index i = 0; i < series.rows(); ++i)
    for (Eigen::Index k = 0; k < 3; ++k) {
      const Eigen::Index j = series.rows() - 1 - i;
      EXPECT_EQ(r.status_at(i, k), q.status_at(j, k));
      const double a = r.projection_least_squares(i, k), b = q.projection_least_squares(j, k);
      EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b);
    }
}

} // namespace chiso_test::targets_test
