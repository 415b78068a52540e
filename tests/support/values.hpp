#pragma once
/// \file tests/support/values.hpp
/// Hand-written columns and the checks on them that many test files share.

#include <Eigen/Core>
#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>

namespace chiso_test {

/// A missing value in a hand-written column.
inline constexpr double NA = std::numeric_limits<double>::quiet_NaN();

/// A column from a list of values (NA = missing).
inline Eigen::VectorXd col(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double e : v)
    x[i++] = e;
  return x;
}

/// y equals want elementwise (NaN where want is NaN), within tol.
inline void expect_col(const Eigen::VectorXd& y, std::initializer_list<double> want,
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

/// Every value of y is missing.
inline void expect_all_missing(const Eigen::VectorXd& y) {
  for (Eigen::Index i = 0; i < y.size(); ++i)
    EXPECT_TRUE(std::isnan(y[i])) << "unit " << i;
}

/// The message of the exception of type E that f throws (fails the test if f throws none).
template <class E, class F> std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception of the expected type thrown";
  return {};
}

} // namespace chiso_test
