#pragma once
/// \file tests/support/column_method.hpp
/// Runs one column method (a normalisation or a point rule) on a hand-written column, as the
/// tests of normalise/ and points/ do.

#include "support/values.hpp"

#include <chiso/column.hpp>
#include <chiso/error.hpp>

#include <string>
#include <vector>

namespace chiso_test {

/// What a column method wrote, and the diagnostics it raised.
struct column_run {
  Eigen::VectorXd y;
  std::vector<chiso::diagnostic> diags;
};

/// Runs method m on x as indicator "ind" (node 3), output pre-filled with a sentinel.
template <class M>
column_run run(const M& m, const Eigen::VectorXd& x, const chiso::column_context& c = {}) {
  column_run r;
  r.y = Eigen::VectorXd::Constant(x.size(), -777.0);
  chiso::diagnostics_sink sink(r.diags, 3, "ind");
  m(x, c, r.y, sink);
  return r;
}

/// The context of indicator "ind" with this direction.
inline chiso::column_context ctx(int direction) {
  chiso::column_context c;
  c.direction = direction;
  c.id = "ind";
  return c;
}

/// Exactly one diagnostic, about the whole column of "ind" (node 3), with this code.
inline void expect_one_column_diag(const column_run& r, chiso::diagnostic_code code) {
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, code) << r.diags[0].message;
  EXPECT_EQ(r.diags[0].unit, chiso::diagnostic::npos);
  EXPECT_EQ(r.diags[0].node, 3u);
  EXPECT_NE(r.diags[0].message.find("node 'ind'"), std::string::npos) << r.diags[0].message;
}

/// The message of the framework_error that f throws (fails the test if none is thrown).
template <class F> std::string framework_error_of(F&& f) {
  return error_of<chiso::framework_error>(std::forward<F>(f));
}

} // namespace chiso_test
