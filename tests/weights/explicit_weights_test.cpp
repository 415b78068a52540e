// Tests of weights/explicit_weights.hpp: explicit weights scaled to sum to 1.
#include <chiso/weights/explicit_weights.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace chiso_test::explicit_weights_test {

using chiso::weights::explicit_weights;

namespace {
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double e : v)
    x[i++] = e;
  return x;
}
} // namespace

TEST(explicit_weights, dti_points_become_shares) {
  // DTI 922 province points (DOMAIN.md §2): 5 × 100, smart city 0, 200, 150, 150; Σ = 1000.
  const auto r = explicit_weights(vec({100, 100, 100, 100, 100, 0, 200, 150, 150}));
  ASSERT_EQ(r.w.size(), 9);
  EXPECT_DOUBLE_EQ(r.w[0], 0.1);
  EXPECT_DOUBLE_EQ(r.w[5], 0.0);
  EXPECT_DOUBLE_EQ(r.w[6], 0.2);
  EXPECT_DOUBLE_EQ(r.w[8], 0.15);
  EXPECT_NEAR(r.w.sum(), 1.0, 1e-15);
}

TEST(explicit_weights, negative_weight_names_the_child) {
  try {
    explicit_weights(vec({1, -2, 3}), {"pillar_gov", {"a", "b", "c"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("node 'pillar_gov'"), std::string::npos) << m;
    EXPECT_NE(m.find("child 'b'"), std::string::npos) << m;
    EXPECT_NE(m.find(">= 0"), std::string::npos) << m;
  }
}

TEST(explicit_weights, zero_sum_and_nan_rejected) {
  EXPECT_THROW(explicit_weights(vec({0, 0})), chiso::framework_error);
  EXPECT_THROW(explicit_weights(vec({1, std::numeric_limits<double>::quiet_NaN()})),
               chiso::framework_error);
  EXPECT_THROW(explicit_weights(Eigen::VectorXd()), chiso::usage_error);
  EXPECT_THROW(explicit_weights(vec({1, 2}), {"n", {"only_one"}}), chiso::usage_error);
}

} // namespace chiso_test::explicit_weights_test
