// Tests of weights/entropy.hpp: Shannon-entropy weights over complete rows.
#include <chiso/weights/entropy.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "support/values.hpp"

namespace chiso_test::entropy_test {

using chiso_test::NA;

using chiso::weights::entropy;

namespace {}

TEST(entropy, two_units_hand_worked) {
  // children (1, 1) and (1, 3): child 1 is even, e_1 = 1, d_1 = 0;
  // p_2 = (1/4, 3/4), e_2 = −(¼ ln ¼ + ¾ ln ¾) / ln 2 = (0.346574 + 0.215762) / 0.693147
  //     = 0.811278, d_2 = 0.188722 → w = (0, 1).
  Eigen::MatrixXd x(2, 2);
  x << 1, 1, 1, 3;
  const auto r = entropy(x);
  EXPECT_NEAR(r.entropy[0], 1.0, 1e-15);
  EXPECT_NEAR(r.entropy[1], 0.8112781244591328, 1e-12);
  EXPECT_NEAR(r.w[0], 0.0, 1e-15);
  EXPECT_NEAR(r.w[1], 1.0, 1e-15);
  ASSERT_EQ(r.warnings.size(), 1u); // child 1 gets weight 0
  EXPECT_NE(r.warnings[0].find("column 1"), std::string::npos) << r.warnings[0];
}

TEST(entropy, three_children_hand_worked) {
  // a = (1, 2, 3): p = (1/6, 1/3, 1/2),
  //   −Σ p ln p = (1/6)(1.791759) + (1/3)(1.098612) + (1/2)(0.693147) = 1.011404,
  //   e_a = 1.011404 / ln 3 (1.098612) = 0.920620, d_a = 0.079380;
  // b = (2, 2, 2): e_b = 1, d_b = 0;  c = (0, 0, 5): p = (0, 0, 1), e_c = 0, d_c = 1.
  // w = (0.079380, 0, 1) / 1.079380 = (0.073542, 0, 0.926458).
  Eigen::MatrixXd x(3, 3);
  x << 1, 2, 0, 2, 2, 0, 3, 2, 5;
  const auto r = entropy(x);
  EXPECT_EQ(r.rows_used, 3u);
  EXPECT_NEAR(r.entropy[0], 0.920620, 1e-6);
  EXPECT_NEAR(r.divergence[2], 1.0, 1e-15);
  EXPECT_NEAR(r.w[0], 0.073542, 1e-6);
  EXPECT_NEAR(r.w[1], 0.0, 1e-15);
  EXPECT_NEAR(r.w[2], 0.926458, 1e-6);
}

TEST(entropy, rows_with_missing_values_are_dropped_with_a_warning) {
  // The NA row is left out: the result is the 2-unit example above.
  Eigen::MatrixXd x(3, 2);
  x << 1, 1, NA, 7, 1, 3;
  const auto r = entropy(x);
  EXPECT_EQ(r.rows_used, 2u);
  EXPECT_NEAR(r.w[1], 1.0, 1e-15);
  bool dropped = false;
  for (const auto& w : r.warnings)
    dropped = dropped || w.find("1 of 3 units left out") != std::string::npos;
  EXPECT_TRUE(dropped);
}

TEST(entropy, unusable_input_throws) {
  Eigen::MatrixXd neg(2, 2);
  neg << 1, 1, 2, -0.5;
  try {
    entropy(neg, {"pillar", {"a", "b"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("child 'b'"), std::string::npos) << m;
    EXPECT_NE(m.find(">= 0"), std::string::npos) << m;
  }
  Eigen::MatrixXd zero(2, 2);
  zero << 0, 1, 0, 2;
  EXPECT_THROW(entropy(zero), chiso::framework_error); // shares of child 1 undefined
  Eigen::MatrixXd even(2, 2);
  even << 1, 4, 1, 4;
  EXPECT_THROW(entropy(even), chiso::framework_error); // every child has entropy 1
  Eigen::MatrixXd one(2, 2);
  one << 1, 2, NA, 3;
  EXPECT_THROW(entropy(one), chiso::framework_error); // 1 complete row
}

} // namespace chiso_test::entropy_test
