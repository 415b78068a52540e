// Tests of normalise/identity.hpp: values already on the index's scale pass through unchanged.
#include <chiso/normalise/identity.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::identity_test {

using namespace chiso_test;

TEST(identity, passes_values_through) {
  const auto r = run(chiso::normalise::identity{}, col({0.25, NA, 1.5, -3}), ctx(1));
  expect_col(r.y, {0.25, NA, 1.5, -3}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(identity, direction_must_be_up) {
  const auto msg = framework_error_of([] { chiso::normalise::identity{}.validate(ctx(-1)); });
  EXPECT_NE(msg.find("indicator 'ind': method 'identity' keeps values as they are"),
            std::string::npos)
      << msg;
  EXPECT_THROW(run(chiso::normalise::identity{}, col({1}), ctx(-1)), chiso::framework_error);
}

TEST(identity, empty_column) {
  const auto r = run(chiso::normalise::identity{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

} // namespace chiso_test::identity_test
