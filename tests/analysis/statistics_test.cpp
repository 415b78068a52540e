// Tests of analysis/statistics.hpp: skewness and excess kurtosis (e1071 type 2 / Excel SKEW and
// KURT, as COINr), Tukey outliers on type-7 quartiles, coverage and COINr's get_stats flags.
// Golden values are worked by hand below, and for the ASEM data taken from COINr's published
// "Analysis" vignette (get_stats(coin, dset = "Raw"), printed to 3 significant figures).

#include <chiso/analysis/statistics.hpp>
#include <chiso/io/coinr.hpp>

#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::statistics_test {

namespace {

using namespace chiso::analysis;
using chiso_test::col;
using chiso_test::NA;

// {1, 2, 3, 10}: n = 4, mean = 16/4 = 4, deviations d = −3, −2, −1, 6.
//   Σd² = 9 + 4 + 1 + 36 = 50,  Σd³ = −27 − 8 − 1 + 216 = 180,  Σd⁴ = 81 + 16 + 1 + 1296 = 1394.
//   skew: g1 = √n·Σd³/(Σd²)^{3/2} = 2·180/(50·√50) = 360/(250√2) = 0.72√2;
//         G1 = g1·√(n(n−1))/(n−2) = 0.72√2·√12/2 = 0.72√6 ≈ 1.7636326.
//   kurtosis: r = n·Σd⁴/(Σd²)² = 4·1394/2500 = 2.2304;
//         G2 = ((n+1)(r−3) + 6)(n−1)/((n−2)(n−3)) = (5·(−0.7696) + 6)·3/2 = 2.152·1.5 = 3.228.
//   (Excel's KURT form agrees: s² = 50/3, Σ(d/s)⁴ = 1394·9/2500 = 5.0184,
//    n(n+1)/((n−1)(n−2)(n−3)) = 20/6, 20/6·5.0184 − 3·9/2 = 16.728 − 13.5 = 3.228.)
TEST(statistics, skewness_and_kurtosis_by_hand) {
  const auto x = col({1, 2, 3, 10});
  EXPECT_NEAR(skewness(x), 0.72 * std::sqrt(6.0), 1e-13);
  EXPECT_NEAR(excess_kurtosis(x), 3.228, 1e-13);
}

// Nine zeros and one 10: n = 10, mean = 1, d = −1 (×9) and 9.
//   Σd² = 9 + 81 = 90, Σd³ = −9 + 729 = 720, Σd⁴ = 9 + 6561 = 6570.
//   g1 = √10·720/(90√90) = 720/270 = 8/3 (as √90 = 3√10), G1 = 8/3·√90/8 = √90/3 = √10.
//   r = 10·6570/8100 = 73/9, G2 = (11·(73/9 − 27/9) + 6)·9/(8·7) = (506/9 + 54/9)·9/56 = 10.
TEST(statistics, one_spike_is_skewed_and_heavy_tailed) {
  const auto x = col({0, 0, 0, 0, 0, 0, 0, 0, 0, 10});
  EXPECT_NEAR(skewness(x), std::sqrt(10.0), 1e-12);
  EXPECT_NEAR(excess_kurtosis(x), 10.0, 1e-12);
  const auto s = summarise(x);
  // |skew| = 3.16 > 2 and kurtosis 10 > 3.5: COINr's Flag.SkewKurt "OUT".
  EXPECT_TRUE(has(s.flags, column_flag::skew_kurtosis));
  // 1 non-zero of 10 observed: 0.1 < 0.5; 2 distinct of 10: 0.2 < 0.5.
  EXPECT_EQ(s.n_nonzero, 1u);
  EXPECT_EQ(s.n_unique, 2u);
  EXPECT_TRUE(has(s.flags, column_flag::low_nonzero));
  EXPECT_TRUE(has(s.flags, column_flag::low_unique));
  // Quartiles of nine 0s and a 10 are 0 and 0 (type 7: h = 9·0.75 = 6.75 falls between the
  // 7th and 8th order statistics, both 0): IQR 0, fences 0 and 0, so the 10 is an outlier.
  EXPECT_EQ(s.q3, 0.0);
  EXPECT_EQ(s.n_outliers, 1u);
  EXPECT_EQ(outlier_rows(x), (std::vector<Eigen::Index>{9}));
}

TEST(statistics, symmetric_column_has_zero_skew) {
  // {1, 2, 3, 4, 5}: d = −2..2, Σd³ = −8 − 1 + 0 + 1 + 8 = 0 → skew 0.
  // Σd² = 10, Σd⁴ = 16 + 1 + 0 + 1 + 16 = 34, r = 5·34/100 = 1.7,
  // G2 = (6·(1.7 − 3) + 6)·4/(3·2) = (−7.8 + 6)·4/6 = −1.2.
  const auto x = col({1, 2, 3, 4, 5});
  EXPECT_NEAR(skewness(x), 0.0, 1e-15);
  EXPECT_NEAR(excess_kurtosis(x), -1.2, 1e-13);
}

TEST(statistics, summary_by_hand) {
  // {1, 2, 3, 10} as above, plus a missing value: 4 of 5 observed.
  const auto x = col({3, NA, 1, 10, 2});
  const auto s = summarise(x);
  EXPECT_EQ(s.n_rows, 5u);
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.coverage, 0.8);
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 10.0);
  EXPECT_DOUBLE_EQ(s.mean, 4.0);
  EXPECT_DOUBLE_EQ(s.median, 2.5);             // (2 + 3)/2
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(50.0 / 3)); // Σd² = 50, n − 1 = 3
  EXPECT_NEAR(s.skew, 0.72 * std::sqrt(6.0), 1e-13);
  EXPECT_NEAR(s.kurtosis, 3.228, 1e-13);
  // Type-7 quartiles of 1, 2, 3, 10: Q1 at h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1) = 1.75;
  // Q3 at h = 2.25 → 3 + 0.25·(10 − 3) = 4.75. IQR = 3, fences 1.75 − 4.5 = −2.75 and
  // 4.75 + 4.5 = 9.25: only the 10 lies beyond.
  EXPECT_DOUBLE_EQ(s.q1, 1.75);
  EXPECT_DOUBLE_EQ(s.q3, 4.75);
  EXPECT_DOUBLE_EQ(s.lower_fence, -2.75);
  EXPECT_DOUBLE_EQ(s.upper_fence, 9.25);
  EXPECT_EQ(s.n_outliers, 1u);
  EXPECT_EQ(outlier_rows(x), (std::vector<Eigen::Index>{3})); // row 3 holds the 10
  EXPECT_EQ(s.n_nonzero, 4u);
  EXPECT_EQ(s.n_unique, 4u);
  // Coverage 0.8 ≥ 0.65; skew 1.76 ≤ 2; only the outlier flag is set.
  EXPECT_EQ(s.flags, column_flag::outliers);
  EXPECT_EQ(flag_names(s.flags), (std::vector<std::string>{"outliers"}));
}

TEST(statistics, wider_fences_keep_the_point) {
  // With f = 3 the upper fence is 4.75 + 9 = 13.75 > 10.
  stats_options o;
  o.iqr_factor = 3;
  EXPECT_EQ(summarise(col({1, 2, 3, 10}), o).n_outliers, 0u);
  EXPECT_TRUE(outlier_rows(col({1, 2, 3, 10}), 3).empty());
}

TEST(statistics, undefined_statistics_are_nan_with_a_reason) {
  // Skewness needs 3 values, kurtosis 4.
  EXPECT_TRUE(std::isnan(skewness(col({1, 2}))));
  EXPECT_FALSE(std::isnan(skewness(col({1, 2, 4}))));
  EXPECT_TRUE(std::isnan(excess_kurtosis(col({1, 2, 4}))));
  EXPECT_TRUE(std::isnan(skewness(col({1, NA, 2, NA}))));

  const auto c = summarise(col({5, 5, 5, 5}));
  EXPECT_EQ(c.sd, 0.0);
  EXPECT_TRUE(std::isnan(c.skew));
  EXPECT_TRUE(std::isnan(c.kurtosis));
  EXPECT_TRUE(has(c.flags, column_flag::no_spread));
  EXPECT_FALSE(has(c.flags, column_flag::skew_kurtosis));

  const auto e = summarise(col({NA, NA, NA}));
  EXPECT_EQ(e.n, 0u);
  EXPECT_EQ(e.coverage, 0.0);
  EXPECT_TRUE(std::isnan(e.mean));
  EXPECT_TRUE(has(e.flags, column_flag::no_data));
  EXPECT_TRUE(has(e.flags, column_flag::low_coverage));

  const auto one = summarise(col({7}));
  EXPECT_EQ(one.mean, 7.0);
  EXPECT_TRUE(std::isnan(one.sd)); // n − 1 = 0
}

TEST(statistics, coinr_flag_thresholds) {
  // Coverage 2/4 = 0.5 < 0.65 → low_coverage; 3/4 = 0.75 is fine. COINr's t_avail = 0.65.
  EXPECT_TRUE(has(summarise(col({1, 2, NA, NA})).flags, column_flag::low_coverage));
  EXPECT_FALSE(has(summarise(col({1, 2, 3, NA})).flags, column_flag::low_coverage));
  // Non-zero share 2/5 = 0.4 < 0.5 → low_nonzero; distinct share 3/5 = 0.6 ≥ 0.5.
  const auto z = summarise(col({0, 0, 0, 1, 2}));
  EXPECT_TRUE(has(z.flags, column_flag::low_nonzero));
  EXPECT_FALSE(has(z.flags, column_flag::low_unique));
  // Distinct share 2/5 = 0.4 < 0.5 → low_unique.
  EXPECT_TRUE(has(summarise(col({1, 1, 1, 1, 2})).flags, column_flag::low_unique));
  // Thresholds are options.
  stats_options o;
  o.min_coverage = 0.4;
  EXPECT_FALSE(has(summarise(col({1, 2, NA, NA}), o).flags, column_flag::low_coverage));
}

TEST(statistics, summarise_columns_in_order) {
  Eigen::MatrixXd m(4, 2);
  m << 1, 5, 2, 5, 3, NA, 10, 5;
  const auto s = summarise_columns(m);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[0].mean, 4.0);
  EXPECT_EQ(s[1].n, 3u);
  EXPECT_TRUE(has(s[1].flags, column_flag::no_spread));
}

// ---------------------------------------------------------------------------------------------
// ASEM (COINr's example data, tests/data/spec/coinr/asem_iData.csv: 51 countries).

struct asem {
  chiso::framework f;
  chiso::dataset d;
  asem() {
    const auto dir = std::filesystem::path(CHISO_SOURCE_DIR) / "tests/data/spec/coinr";
    f = chiso::io::read_coinr_meta(dir / "asem_iMeta.csv");
    d = chiso::io::read_coinr_data(dir / "asem_iData.csv", f);
  }
  Eigen::VectorXd column(const std::string& id) const {
    const auto j = d.column_index(id);
    EXPECT_NE(j, static_cast<std::size_t>(-1)) << id;
    return d.values.col(static_cast<Eigen::Index>(j));
  }
};

TEST(statistics, asem_coverage_counted_in_the_csv) {
  const asem a;
  // ConSpeed (average connection speed): the CSV holds NA for 8 of its 51 rows, those of
  // BGD, BRN, KHM, KAZ, LAO, MNG, MMR and PAK (grep the file: 8 lines with NA in that field).
  const auto s = summarise(a.column("ConSpeed"));
  EXPECT_EQ(s.n_rows, 51u);
  EXPECT_EQ(s.n, 43u);
  EXPECT_DOUBLE_EQ(s.coverage, 43.0 / 51.0);
  EXPECT_FALSE(has(s.flags, column_flag::low_coverage)); // 0.843 ≥ 0.65
  // LPI is complete.
  EXPECT_EQ(summarise(a.column("LPI")).n, 51u);
}

// COINr vignette "Analysis", get_stats(coin, dset = "Raw") on this data (3 significant figures):
//   iCode    Min   Max    Mean  Median  Std    Skew    Kurt    N.Avail N.NonZero
//   LPI      2.07  4.23   3.41  3.42    0.538  -0.304  -0.657  51      51
//   Flights  0.99  211    38.6  25.6    46.7   2.10    4.51    51      51
//   Ship     0.00  21.2   12.0  12.7    6.84   -0.576  -0.681  51      42
//   Bord     0.00  122    23.6  18.0    24.8   2.15    5.79    51      45
//   Elec     0.00  110    16.2  6.91    22.7   2.23    5.79    51      47
// Each value is checked to within half a unit of its third significant digit (a printed 0 is 0).
void expect_sig3(double actual, double printed) {
  if (printed == 0) {
    EXPECT_EQ(actual, 0.0);
    return;
  }
  const double unit = std::pow(10.0, std::floor(std::log10(std::abs(printed))) - 2);
  EXPECT_NEAR(actual, printed, 0.5 * unit * (1 + 1e-9));
}

TEST(statistics, asem_matches_coinr_get_stats) {
  const asem a;
  struct row {
    const char* id;
    double min, max, mean, median, sd, skew, kurt;
    std::size_t nonzero;
  };
  const row rows[] = {
      {"LPI", 2.07, 4.23, 3.41, 3.42, 0.538, -0.304, -0.657, 51},
      {"Flights", 0.99, 211, 38.6, 25.6, 46.7, 2.10, 4.51, 51},
      {"Ship", 0.00, 21.2, 12.0, 12.7, 6.84, -0.576, -0.681, 42},
      {"Bord", 0.00, 122, 23.6, 18.0, 24.8, 2.15, 5.79, 45},
      {"Elec", 0.00, 110, 16.2, 6.91, 22.7, 2.23, 5.79, 47},
  };
  for (const auto& w : rows) {
    SCOPED_TRACE(w.id);
    const auto s = summarise(a.column(w.id));
    EXPECT_EQ(s.n, 51u);
    EXPECT_EQ(s.n_nonzero, w.nonzero);
    expect_sig3(s.min, w.min);
    expect_sig3(s.max, w.max);
    expect_sig3(s.mean, w.mean);
    expect_sig3(s.median, w.median);
    expect_sig3(s.sd, w.sd);
    expect_sig3(s.skew, w.skew);
    expect_sig3(s.kurtosis, w.kurt);
  }
  // COINr's own test (tests/testthat/test-stats.R) expects Flights to be flagged "OUT":
  // |2.10| > 2 and 4.51 > 3.5. LPI is not.
  EXPECT_TRUE(has(summarise(a.column("Flights")).flags, column_flag::skew_kurtosis));
  EXPECT_FALSE(has(summarise(a.column("LPI")).flags, column_flag::skew_kurtosis));
}

TEST(statistics, asem_every_indicator_summarised) {
  const asem a;
  Eigen::MatrixXd raw(a.d.values.rows(), static_cast<Eigen::Index>(a.f.indicators.size()));
  for (std::size_t k = 0; k < a.f.indicators.size(); ++k)
    raw.col(static_cast<Eigen::Index>(k)) = a.column(a.f.indicators[k].source());
  const auto s = summarise_columns(raw);
  ASSERT_EQ(s.size(), 49u);
  for (std::size_t k = 0; k < s.size(); ++k) {
    SCOPED_TRACE(a.f.indicators[k].id);
    EXPECT_GE(s[k].n, 43u); // the sparsest column (ConSpeed) has 43 values
    EXPECT_LE(s[k].min, s[k].mean);
    EXPECT_LE(s[k].mean, s[k].max);
    EXPECT_FALSE(std::isnan(s[k].kurtosis));
  }
}

} // namespace

} // namespace chiso_test::statistics_test
