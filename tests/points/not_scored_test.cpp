// Tests of points/not_scored.hpp: collected and shown, 0 points (DTI 922 smart city, Decision 766
// average processing time).
#include <chiso/method.hpp>
#include <chiso/points/not_scored.hpp>

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

TEST(PointsNotScored, ZeroPointsMissingStaysMissing) {
  const auto r = run(chiso::points::not_scored{}, col({3.5, NA, -1, 1e6}), ctx(1));
  expect_col(r.y, {0, NA, 0, 0}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(PointsNotScored, AnyDirectionNoPointsNeeded) {
  // shown values may be "lower is better" (processing time) and need no maximum points
  const auto r = run(chiso::points::not_scored{}, col({12.0}), ctx(-1));
  expect_col(r.y, {0}, 0);
}

TEST(PointsNotScored, EmptyColumn) {
  const auto r = run(chiso::points::not_scored{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(PointsNotScored, IsAPointRule) {
  const chiso::method m = chiso::points::not_scored{};
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "not_scored");
  // and the normalisers are not
  EXPECT_FALSE(chiso::is_point_rule(chiso::method{chiso::normalise::min_max{}}));
}
