// Law suite for outlier treatments (treat/), on seeded random columns (std::mt19937_64):
//   1. columns not listed, and listed columns left untreated/undefined, are bit-identical;
//   2. every changed cell is reported exactly once, with `before` = the old value and `after` =
//      the new one; no unchanged cell is reported except under a transform (log, Box-Cox), which
//      reports every observed cell; missing cells stay missing;
//   3. treatments keep the order of the units: x_a < x_b ⇒ x'_a ≤ x'_b;
//   4. `winmax` reduces |skew| of every column it treats (log-normal columns, σ = 1.5, most of
//      which fail COINr's test), and the report's skew/kurtosis are those of the result;
//   5. a column that passes the test is left alone (all of a set of normal columns).

#include <chiso/analysis/statistics.hpp>
#include <chiso/treat/box_cox.hpp>
#include <chiso/treat/winmax.hpp>
#include <chiso/treat/winsorise_quantiles.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::treat_laws_test {

using chiso_test::NA;

namespace {

namespace tr = chiso::treat;
using chiso::impute::changed_cell;
constexpr int cases = 200;

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Units × 3 columns: 0 and 2 listed; 1 never listed. Log-normal(0, σ) values, ~10% missing.
Eigen::MatrixXd skewed(std::mt19937_64& rng, Eigen::Index rows, double sigma) {
  std::lognormal_distribution<double> value(0.0, sigma);
  std::bernoulli_distribution missing(0.1);
  Eigen::MatrixXd m(rows, 3);
  for (Eigen::Index k = 0; k < m.size(); ++k)
    m.data()[k] = missing(rng) ? NA : value(rng);
  return m;
}

using treatment = std::function<std::vector<tr::column_treatment>(
    Eigen::MatrixXd&, const std::vector<std::size_t>&, std::vector<changed_cell>&)>;

/// `mirror`: negate column 2, so that negative skew occurs too.
void check(const std::string& name, const treatment& f, double sigma, bool mirror = false) {
  std::mt19937_64 rng(314159);
  const std::vector<std::size_t> listed{0, 2};
  int treated = 0;
  for (int k = 0; k < cases; ++k) {
    const Eigen::Index rows = 8 + static_cast<Eigen::Index>(rng() % 60);
    auto before = skewed(rng, rows, sigma);
    if (mirror) before.col(2) = -before.col(2);
    auto after = before;
    std::vector<changed_cell> cells;
    const auto rep = f(after, listed, cells);
    ASSERT_EQ(rep.size(), 2u);
    const std::string what = name + " case " + std::to_string(k);
    std::vector<int> reported(static_cast<std::size_t>(before.size()), 0);
    for (const auto& c : cells) {
      const auto i = static_cast<Eigen::Index>(c.unit), j = static_cast<Eigen::Index>(c.column);
      ++reported[static_cast<std::size_t>(j * rows + i)];
      EXPECT_TRUE(same_bits(c.before, before(i, j))) << what;
      EXPECT_TRUE(same_bits(c.after, after(i, j))) << what;
    }
    for (std::size_t t = 0; t < 2; ++t) {
      const auto& r = rep[t];
      const auto j = static_cast<Eigen::Index>(listed[t]);
      const bool transform = r.taken == tr::branch::log || r.taken == tr::branch::log_reflected ||
                             r.taken == tr::branch::box_cox;
      const bool unchanged = r.taken == tr::branch::untreated || r.taken == tr::branch::undefined;
      for (Eigen::Index i = 0; i < rows; ++i) {
        const int n = reported[static_cast<std::size_t>(j * rows + i)];
        if (std::isnan(before(i, j))) {
          EXPECT_TRUE(std::isnan(after(i, j))) << what;
          EXPECT_EQ(n, 0) << what;
        } else if (unchanged) {
          EXPECT_TRUE(same_bits(before(i, j), after(i, j))) << what;
          EXPECT_EQ(n, 0) << what;
        } else if (transform) {
          EXPECT_EQ(n, 1) << what;
        } else {
          EXPECT_EQ(n, same_bits(before(i, j), after(i, j)) ? 0 : 1) << what;
        }
        // Order kept.
        for (Eigen::Index u = 0; u < rows; ++u)
          if (before(i, j) < before(u, j)) {
            EXPECT_LE(after(i, j), after(u, j)) << what;
          }
      }
      // The report describes the result.
      if (!unchanged) {
        ++treated;
        const double s = chiso::analysis::skewness(after.col(j));
        EXPECT_TRUE(same_bits(r.skew_after, s) || std::abs(r.skew_after - s) < 1e-12) << what;
      }
    }
    for (Eigen::Index i = 0; i < rows; ++i) // column 1 never listed
      EXPECT_TRUE(same_bits(before(i, 1), after(i, 1))) << what;
  }
  EXPECT_GT(treated, 0) << name << ": the cases must exercise the treatment";
}

TEST(treat_laws, winmax_default) {
  check(
      "winmax", [](auto& m, const auto& cols, auto& cells) { return tr::winmax(m, cols, cells); },
      1.5);
}

TEST(treat_laws, winmax_reduces_abs_skew) {
  std::mt19937_64 rng(2718);
  int treated = 0;
  for (int k = 0; k < cases; ++k) {
    auto m = skewed(rng, 10 + static_cast<Eigen::Index>(rng() % 90), 1.5);
    std::vector<changed_cell> cells;
    const std::vector<std::size_t> cols{0, 1, 2};
    for (const auto& r : tr::winmax(m, cols, cells)) {
      if (r.taken == tr::branch::untreated || r.taken == tr::branch::undefined) continue;
      ++treated;
      EXPECT_LT(std::abs(r.skew_after), std::abs(r.skew_before)) << "case " << k;
    }
  }
  EXPECT_GT(treated, cases / 2); // most log-normal(1.5) columns fail COINr's test
}

TEST(treat_laws, winmax_variants) {
  for (std::size_t w : {std::size_t{0}, std::size_t{1}, std::size_t{3}})
    for (bool combine : {false, true})
      for (auto lv : {tr::log_variant::skew_sign, tr::log_variant::positive})
        check(
            "winmax variant",
            [&](auto& m, const auto& cols, auto& cells) {
              tr::winmax_options o;
              o.winmax = w;
              o.log_after_winsorising = combine;
              o.log = lv;
              return tr::winmax(m, cols, o, cells);
            },
            1.5, true);
}

TEST(treat_laws, passing_columns_are_left_alone) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> z(0, 1);
  for (int k = 0; k < 50; ++k) {
    Eigen::MatrixXd m(40, 2);
    for (Eigen::Index t = 0; t < m.size(); ++t)
      m.data()[t] = z(rng);
    const Eigen::MatrixXd before = m;
    std::vector<changed_cell> cells;
    const std::vector<std::size_t> cols{0, 1};
    const auto rep = tr::winmax(m, cols, cells);
    // A normal sample of 40 is far from |G1| ≥ 2 and G2 ≥ 3.5 together.
    for (const auto& r : rep)
      EXPECT_EQ(r.taken, tr::branch::untreated);
    EXPECT_TRUE(cells.empty());
    EXPECT_TRUE(m == before);
  }
}

TEST(treat_laws, box_cox) {
  for (double lambda : {-1.0, 0.0, 0.5, 2.0})
    check(
        "box_cox",
        [lambda](auto& m, const auto& cols, auto& cells) {
          tr::box_cox_options o;
          o.lambda = lambda;
          return tr::box_cox(m, cols, o, cells);
        },
        1.0);
}

TEST(treat_laws, winsorise_quantiles) {
  check(
      "winsorise_quantiles",
      [](auto& m, const auto& cols, auto& cells) {
        return tr::winsorise_quantiles(m, cols, {}, cells);
      },
      1.5);
}

} // namespace

} // namespace chiso_test::treat_laws_test
