// Small column builders shared by the analysis tests.
#pragma once

#include <Eigen/Core>

#include <initializer_list>
#include <limits>

namespace chiso_test {

inline constexpr double NA = std::numeric_limits<double>::quiet_NaN();

/// A column from a list of values (NA = missing).
inline Eigen::VectorXd col(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double e : v)
    x[i++] = e;
  return x;
}

} // namespace chiso_test
