// Tests of normalise/above_below_mean.hpp: 1 / 0 / −1 around the mean with tolerance p
// (Handbook 2008 §5.3), both directions, and a negative mean.
#include <chiso/normalise/above_below_mean.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr double NA = std::numeric_limits<double>::quiet_NaN();

[[maybe_unused]] Eigen::VectorXd col(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double e : v)
    x[i++] = e;
  return x;
}

struct run_result {
  Eigen::VectorXd y;
  std::vector<chiso::diagnostic> diags;
};

// Runs method m on x as indicator "ind" (node 3), output pre-filled with a sentinel.
template <class M>
run_result run(const M& m, const Eigen::VectorXd& x, const chiso::column_context& c = {}) {
  run_result r;
  r.y = Eigen::VectorXd::Constant(x.size(), -777.0);
  chiso::diagnostics_sink sink(r.diags, 3, "ind");
  m(x, c, r.y, sink);
  return r;
}

[[maybe_unused]] chiso::column_context ctx(int direction) {
  chiso::column_context c;
  c.direction = direction;
  c.id = "ind";
  return c;
}

// y equals want elementwise (NaN where want is NaN), within tol.
[[maybe_unused]] void expect_col(const Eigen::VectorXd& y, std::initializer_list<double> want,
                                 double tol = 1e-12) {
  ASSERT_EQ(y.size(), static_cast<Eigen::Index>(want.size()));
  Eigen::Index i = 0;
  for (double w : want) {
    if (std::isnan(w))
      EXPECT_TRUE(std::isnan(y[i])) << "unit " << i << " = " << y[i];
    else
      EXPECT_NEAR(y[i], w, tol) << "unit " << i;
    ++i;
  }
}

// Exactly one diagnostic, about the whole column, with this code.
[[maybe_unused]] void expect_one_column_diag(const run_result& r, chiso::diagnostic_code code) {
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, code) << r.diags[0].message;
  EXPECT_EQ(r.diags[0].unit, chiso::diagnostic::npos);
  EXPECT_EQ(r.diags[0].node, 3u);
  EXPECT_NE(r.diags[0].message.find("node 'ind'"), std::string::npos) << r.diags[0].message;
}

[[maybe_unused]] void expect_all_missing(const Eigen::VectorXd& y) {
  for (Eigen::Index i = 0; i < y.size(); ++i)
    EXPECT_TRUE(std::isnan(y[i])) << "unit " << i;
}

// Message of the framework_error thrown by f (fails the test if none is thrown).
template <class F> std::string framework_error_of(F&& f) {
  try {
    f();
  } catch (const chiso::framework_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no framework_error thrown";
  return {};
}

} // namespace

using chiso::normalise::above_below_mean;

TEST(NormaliseAboveBelowMean, HandWorkedBothDirections) {
  // mean 5.5, p = 0.2: band [5.5 − 1.1, 5.5 + 1.1] = [4.4, 6.6]
  //   2 < 4.4 → −1; 4 < 4.4 → −1; 6 in band → 0; 10 > 6.6 → 1
  auto r = run(above_below_mean{0.2}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {-1, -1, 0, 1, NA}, 0);
  EXPECT_TRUE(r.diags.empty());
  // d = −1: being below the mean is good
  expect_col(run(above_below_mean{0.2}, col({2, 4, 6, 10, NA}), ctx(-1)).y, {1, 1, 0, -1, NA}, 0);
}

TEST(NormaliseAboveBelowMean, ZeroTolerance) {
  // p = 0: band is the mean itself: 2, 4 below; 6, 10 above; 5.5 itself would be 0
  expect_col(run(above_below_mean{0}, col({2, 4, 6, 10}), ctx(1)).y, {-1, -1, 1, 1}, 0);
  // {1, 2, 3}: mean 2 → {−1, 0, 1}
  expect_col(run(above_below_mean{0}, col({1, 2, 3}), ctx(1)).y, {-1, 0, 1}, 0);
}

TEST(NormaliseAboveBelowMean, NegativeMeanKeepsAboveMeaningAbove) {
  // x = {−10, −6, −4, −2}: mean −5.5, band ±0.2·5.5 = ±1.1 → [−6.6, −4.4]
  //   −10 → −1; −6 → 0; −4 → 1; −2 → 1
  // (the ratio x/μ would call −10 "above": −10/−5.5 = 1.82 > 1.2)
  expect_col(run(above_below_mean{0.2}, col({-10, -6, -4, -2}), ctx(1)).y, {-1, 0, 1, 1}, 0);
}

TEST(NormaliseAboveBelowMean, EmptyColumn) {
  const auto r = run(above_below_mean{}, col({NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(NormaliseAboveBelowMean, ValidateTolerance) {
  auto msg = framework_error_of([] { above_below_mean{1.0}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': above_below_mean needs 0 <= p < 1 (got 1)"),
            std::string::npos)
      << msg;
  EXPECT_THROW(above_below_mean{-0.1}.validate(ctx(1)), chiso::framework_error);
  EXPECT_NO_THROW(above_below_mean{0}.validate(ctx(1)));
}
