// Law suite over every weighting method (STYLE.md: a law suite per concept): on random data the
// weights are ≥ 0 and sum to 1; permuting the children permutes the weights; permuting the units
// changes nothing; scale-free methods ignore a child's units. Benefit of the doubt: the best unit
// on any child is on the frontier (score 1), scores lie in [0, 1], each unit's shares sum to 1.
#include <chiso/weights/weights.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::weights_laws_test {

using namespace chiso::weights;

struct method {
  std::string name;
  std::function<Eigen::VectorXd(const Eigen::MatrixXd&)> weights;
  bool scale_free = false; // multiplying one child by c > 0 leaves the weights unchanged
};

// AHP needs a comparison matrix, not data: judge the children by their means,
// a_ij = exp(atan(10 (m_i − m_j))) — reciprocal (the exponent is antisymmetric), not of the
// consistent form v_i / v_j, and independent of the children's order.
Eigen::MatrixXd judgements(const Eigen::MatrixXd& x) {
  const Eigen::Index k = x.cols();
  Eigen::MatrixXd a(k, k);
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = 0; j < k; ++j)
      a(i, j) = std::exp(std::atan(10 * (x.col(i).mean() - x.col(j).mean())));
  return a;
}

std::vector<method> methods() {
  return {
      {"equal",
       [](const Eigen::MatrixXd& x) { return equal(static_cast<std::size_t>(x.cols())).w; }, true},
      {"explicit",
       [](const Eigen::MatrixXd& x) { return explicit_weights(x.colwise().sum().transpose()).w; }},
      {"pca_squared", [](const Eigen::MatrixXd& x) { return pca(x).w; }, true},
      {"entropy", [](const Eigen::MatrixXd& x) { return entropy(x).w; }, true},
      {"critic", [](const Eigen::MatrixXd& x) { return critic(x).w; }, true},
      {"critic_raw", [](const Eigen::MatrixXd& x) { return critic(x, {false}).w; }},
      {"ahp",
       [](const Eigen::MatrixXd& x) {
         ahp_options o;
         o.max_cr = 1e9;
         return ahp(judgements(x), o).w;
       }},
      {"correlation_balance", [](const Eigen::MatrixXd& x) { return correlation_balance(x).w; }},
      {"correlation_infomax",
       [](const Eigen::MatrixXd& x) {
         balance_options o;
         o.objective = balance_objective::infomax;
         return correlation_balance(x, o).w;
       }},
  };
}

// 30 units × 5 children in (0, 1], positively correlated through a common factor.
Eigen::MatrixXd sample(unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.05, 1.0);
  Eigen::MatrixXd x(30, 5);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double f = u(rng);
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      x(i, j) = 0.5 * f + 0.5 * u(rng) * static_cast<double>(j + 1) / 5.0;
  }
  return x;
}

class weight_laws : public ::testing::TestWithParam<method> {};

TEST_P(weight_laws, non_negative_and_sum_to_one) {
  const auto& m = GetParam();
  for (unsigned seed = 1; seed <= 10; ++seed) {
    const Eigen::VectorXd w = m.weights(sample(seed));
    ASSERT_EQ(w.size(), 5) << m.name;
    EXPECT_GE(w.minCoeff(), 0.0) << m.name << " seed " << seed;
    EXPECT_NEAR(w.sum(), 1.0, 1e-12) << m.name << " seed " << seed;
  }
}

TEST_P(weight_laws, permuting_children_permutes_weights) {
  const auto& m = GetParam();
  const Eigen::MatrixXd x = sample(21);
  const Eigen::VectorXd w = m.weights(x);
  const std::vector<Eigen::Index> perm{3, 0, 4, 2, 1};
  Eigen::MatrixXd xp(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < 5; ++j)
    xp.col(j) = x.col(perm[static_cast<std::size_t>(j)]);
  const Eigen::VectorXd wp = m.weights(xp);
  for (Eigen::Index j = 0; j < 5; ++j)
    EXPECT_NEAR(wp[j], w[perm[static_cast<std::size_t>(j)]], 1e-6) << m.name << " child " << j;
}

TEST_P(weight_laws, permuting_units_changes_nothing) {
  const auto& m = GetParam();
  const Eigen::MatrixXd x = sample(22);
  std::vector<Eigen::Index> perm(static_cast<std::size_t>(x.rows()));
  std::iota(perm.begin(), perm.end(), Eigen::Index{0});
  std::shuffle(perm.begin(), perm.end(), std::mt19937_64(5));
  Eigen::MatrixXd xp(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    xp.row(i) = x.row(perm[static_cast<std::size_t>(i)]);
  const Eigen::VectorXd w = m.weights(x), wp = m.weights(xp);
  for (Eigen::Index j = 0; j < 5; ++j)
    EXPECT_NEAR(wp[j], w[j], 1e-6) << m.name << " child " << j;
}

INSTANTIATE_TEST_SUITE_P(every_method, weight_laws, ::testing::ValuesIn(methods()),
                         [](const ::testing::TestParamInfo<method>& info) {
                           return info.param.name;
                         });

// Only the scale-free methods: multiplying one child by 1000 leaves their weights unchanged.
class scale_free_weight_laws : public ::testing::TestWithParam<method> {};

TEST_P(scale_free_weight_laws, ignore_units) {
  const auto& m = GetParam();
  Eigen::MatrixXd x = sample(23);
  const Eigen::VectorXd w = m.weights(x);
  x.col(2) *= 1000.0;
  const Eigen::VectorXd w2 = m.weights(x);
  for (Eigen::Index j = 0; j < 5; ++j)
    EXPECT_NEAR(w2[j], w[j], 1e-10) << m.name << " child " << j;
}

std::vector<method> scale_free_methods() {
  auto all = methods();
  all.erase(std::remove_if(all.begin(), all.end(), [](const method& m) { return !m.scale_free; }),
            all.end());
  return all;
}

INSTANTIATE_TEST_SUITE_P(scale_free, scale_free_weight_laws,
                         ::testing::ValuesIn(scale_free_methods()),
                         [](const ::testing::TestParamInfo<method>& info) {
                           return info.param.name;
                         });

TEST(weight_laws_benefit_of_the_doubt, frontier_scores_one_and_shares_sum_to_one) {
  for (unsigned seed = 1; seed <= 10; ++seed) {
    const Eigen::MatrixXd x = sample(seed);
    const auto r = benefit_of_the_doubt(x);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      Eigen::Index best = 0;
      x.col(j).maxCoeff(&best);
      // w = e_j / max_j x_kj is feasible and gives the best unit 1
      EXPECT_NEAR(r.score[best], 1.0, 1e-9) << "seed " << seed << " child " << j;
    }
    EXPECT_GE(r.score.minCoeff(), 0.0);
    EXPECT_LE(r.score.maxCoeff(), 1.0);
    EXPECT_GE(r.multipliers.minCoeff(), 0.0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      EXPECT_NEAR(r.shares.row(i).sum(), 1.0, 1e-9) << "seed " << seed << " unit " << i;
      // no unit scores above 1 with the weights chosen for unit i
      EXPECT_LE((x * r.multipliers.row(i).transpose()).maxCoeff(), 1.0 + 1e-9);
    }
  }
}

} // namespace chiso_test::weights_laws_test
