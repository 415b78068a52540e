// Tests of weights/critic.hpp: CRITIC (Diakoulaki et al. 1995) contrast × conflict weights.
#include <chiso/weights/critic.hpp>

#include <gtest/gtest.h>

#include <string>

namespace chiso_test::critic_test {

using chiso::weights::critic;

namespace {
// a = (0, 0.5, 1), b = (0, 1, 0.5), c = (1, 0.5, 0): already on [0, 1] (min 0, max 1).
// Deviations from the means (0.5 each): a (−.5, 0, .5), b (−.5, .5, 0), c (.5, 0, −.5);
// each Σd² = 0.5, so σ = √(0.5 / 2) = 0.5 for all three.
// r_ab = 0.25 / 0.5 = 0.5; r_ac = −0.5 / 0.5 = −1; r_bc = −0.25 / 0.5 = −0.5.
// C_a = 0.5·(0 + 0.5 + 2) = 1.25; C_b = 0.5·(0.5 + 0 + 1.5) = 1; C_c = 0.5·(2 + 1.5 + 0) = 1.75;
// Σ C = 4 → w = (0.3125, 0.25, 0.4375).
Eigen::MatrixXd three() {
  Eigen::MatrixXd x(3, 3);
  x << 0, 0, 1, 0.5, 1, 0.5, 1, 0.5, 0;
  return x;
}
} // namespace

TEST(critic, hand_worked) {
  const auto r = critic(three());
  EXPECT_NEAR(r.sd[0], 0.5, 1e-15);
  EXPECT_NEAR(r.correlation(0, 1), 0.5, 1e-15);
  EXPECT_NEAR(r.correlation(0, 2), -1.0, 1e-15);
  EXPECT_NEAR(r.correlation(1, 2), -0.5, 1e-15);
  EXPECT_NEAR(r.information[0], 1.25, 1e-15);
  EXPECT_NEAR(r.information[1], 1.0, 1e-15);
  EXPECT_NEAR(r.information[2], 1.75, 1e-15);
  EXPECT_NEAR(r.w[0], 0.3125, 1e-15);
  EXPECT_NEAR(r.w[1], 0.25, 1e-15);
  EXPECT_NEAR(r.w[2], 0.4375, 1e-15);
}

TEST(critic, rescaling_makes_units_irrelevant) {
  // b → 10·b + 3: rescaled to [0, 1] first, the weights do not move; without rescaling
  // σ_b = 5, C_b = 5·(0.5 + 0 + 1.5) = 10 → w = (1.25, 10, 1.75) / 13.
  Eigen::MatrixXd x = three();
  x.col(1) = x.col(1) * 10.0 + Eigen::VectorXd::Constant(3, 3.0);
  const auto r = critic(x);
  EXPECT_NEAR(r.w[1], 0.25, 1e-14);
  const auto raw = critic(x, {false});
  EXPECT_NEAR(raw.w[0], 1.25 / 13, 1e-14);
  EXPECT_NEAR(raw.w[1], 10.0 / 13, 1e-14);
  EXPECT_NEAR(raw.w[2], 1.75 / 13, 1e-14);
}

TEST(critic, constant_child_or_perfect_correlation_throws) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 5, 2, 5, 3, 5;
  try {
    critic(x, {}, {"p", {"a", "flat"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    EXPECT_NE(std::string(e.what()).find("child 'flat' is constant"), std::string::npos)
        << e.what();
  }
  Eigen::MatrixXd same(3, 2);
  same << 1, 2, 2, 4, 3, 6;
  EXPECT_THROW(critic(same), chiso::framework_error); // Σ C = 0
}

TEST(critic, one_child_gets_everything) {
  Eigen::MatrixXd x(3, 1);
  x << 1, 2, 4;
  EXPECT_EQ(critic(x).w[0], 1.0);
}

} // namespace chiso_test::critic_test
