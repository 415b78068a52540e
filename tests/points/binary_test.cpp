// Tests of points/binary.hpp: condition met → max points, else 0 (DTI, Decision 922).
#include <chiso/method.hpp>
#include <chiso/points/binary.hpp>

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

namespace {
chiso::column_context worth(double points) {
  auto c = ctx(1);
  c.max_points = points;
  return c;
}
} // namespace

using chiso::points::binary;

TEST(PointsBinary, YesNoCoding) {
  // 1 = yes → 10 points, 0 = no → 0; 2 ≥ 1 counts as met; 0.5 < 1 does not; missing stays missing
  const auto r = run(binary{}, col({1, 0, NA, 2, 0.5}), worth(10));
  expect_col(r.y, {10, 0, NA, 10, 0}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(PointsBinary, Threshold) {
  // condition "at least 0.5": 1 → 10, 0 → 0, 2 → 10, 0.5 → 10 (≥ is inclusive)
  expect_col(run(binary{0.5}, col({1, 0, NA, 2, 0.5}), worth(10)).y, {10, 0, NA, 10, 10}, 0);
}

TEST(PointsBinary, EmptyColumn) {
  const auto r = run(binary{}, col({NA, NA}), worth(10));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(PointsBinary, ValidateNeedsPointsAndDirectionUp) {
  auto msg = framework_error_of([] { binary{}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': point rule 'binary' needs 'points'"), std::string::npos)
      << msg;
  auto neg = worth(-1);
  EXPECT_THROW(binary{}.validate(neg), chiso::framework_error);
  auto down = worth(10);
  down.direction = -1;
  msg = framework_error_of([&] { binary{}.validate(down); });
  EXPECT_NE(msg.find("takes direction +1"), std::string::npos) << msg;
  EXPECT_NO_THROW(binary{}.validate(worth(0))); // a component worth 0 points is allowed
  // the rule re-checks when run outside a plan (no dereference of missing points)
  EXPECT_THROW(run(binary{}, col({1}), ctx(1)), chiso::framework_error);
}

TEST(PointsBinary, IsAPointRule) {
  const chiso::method m = binary{};
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "binary");
}
