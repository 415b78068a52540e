// Tests of points/graded.hpp: category code → fraction of max points (DTI, Decision 922: head of
// the steering committee chairman → full, deputy → half, none → 0).
#include <chiso/method.hpp>
#include <chiso/points/graded.hpp>

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
chiso::points::graded steering() {
  return {{{2, 1.0, "chairman"}, {1, 0.5, "deputy"}, {0, 0.0, "none"}}};
}
} // namespace

TEST(PointsGraded, ChairmanDeputyNone) {
  // 10 points: chairman 10·1 = 10, deputy 10·0.5 = 5, none 10·0 = 0
  const auto r = run(steering(), col({2, 1, 0, NA, 1}), worth(10));
  expect_col(r.y, {10, 5, 0, NA, 5}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(PointsGraded, UnknownCodeIsMissingWithCellDiagnostic) {
  const auto r = run(steering(), col({2, 3, 0.5}), worth(10));
  expect_col(r.y, {10, NA, NA}, 0);
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::unknown_category);
  EXPECT_EQ(r.diags[0].unit, 1u);
  EXPECT_NE(r.diags[0].message.find("code 3 is not one of its grades"), std::string::npos)
      << r.diags[0].message;
  EXPECT_EQ(r.diags[1].unit, 2u);
}

TEST(PointsGraded, EmptyColumn) {
  const auto r = run(steering(), col({NA}), worth(10));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(PointsGraded, ValidateErrors) {
  auto msg = framework_error_of([] { steering().validate(ctx(1)); });
  EXPECT_NE(msg.find("point rule 'graded' needs 'points'"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{}.validate(worth(10)); });
  EXPECT_NE(msg.find("needs at least one grade"), std::string::npos) << msg;
  msg = framework_error_of([] {
    chiso::points::graded{{{1, 1.0, "a"}, {1, 0.5, "b"}}}.validate(worth(10));
  });
  EXPECT_NE(msg.find("lists code 1 twice"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{{{1, 1.5, "a"}}}.validate(worth(10)); });
  EXPECT_NE(msg.find("fraction of code 1 must be in [0, 1] (got 1.5)"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{{{1, -0.5, "a"}}}.validate(worth(10)); });
  EXPECT_NE(msg.find("must be in [0, 1] (got -0.5)"), std::string::npos) << msg;
  EXPECT_NO_THROW(steering().validate(worth(10)));
}

TEST(PointsGraded, IsAPointRule) {
  const chiso::method m = steering();
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "graded");
}
