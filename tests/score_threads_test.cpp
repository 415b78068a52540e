// evaluate at 1 and 2 threads (score.hpp): scores, ranks, bands and diagnostics bit-identical.
// The expected values are those of the one-thread evaluation, which the other tests check
// against hand-worked values; this test checks only that threads change nothing.

#include <chiso/score.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::score_threads_test {

namespace {

/// 48 indicators (min-max, z-score, identity in turn; one constant column, one with a log of
/// negative values: both give diagnostics), 6 sub-pillars of 8, one index; 10,000 units with
/// 2% missing cells (480,000 cells: above parallel_min_cells).
struct problem {
  chiso::framework f;
  std::vector<std::string> columns;
  Eigen::MatrixXd values;
};

problem make_problem() {
  problem pr;
  constexpr std::size_t units = 10000, n_ind = 48;
  std::mt19937_64 g(20);
  std::uniform_real_distribution<double> u(-5.0, 50.0);
  pr.values.resize(units, n_ind);
  for (std::size_t j = 0; j < n_ind; ++j) {
    chiso::indicator ind;
    ind.id = "x" + std::to_string(j);
    if (j % 3 == 0)
      ind.method = chiso::normalise::min_max{0.0, 100.0, false};
    else if (j % 3 == 1)
      ind.method = chiso::normalise::z_score{};
    else
      ind.method = chiso::normalise::identity{};
    if (j == 7) ind.transform = chiso::transform::log;
    pr.f.indicators.push_back(ind);
    pr.columns.push_back(ind.id);
    for (std::size_t i = 0; i < units; ++i) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      pr.values(ii, jj) = j == 5 ? 1.0 : (g() % 50 == 0 ? std::nan("") : u(g));
    }
  }
  chiso::node top;
  top.id = "index";
  for (std::size_t s = 0; s < 6; ++s) {
    chiso::node sp;
    sp.id = "sp" + std::to_string(s);
    for (std::size_t k = 0; k < 8; ++k)
      sp.children.push_back({"x" + std::to_string(s * 8 + k), 1.0 + static_cast<double>(k % 3)});
    top.children.push_back({sp.id, 1.0});
    pr.f.nodes.push_back(sp);
  }
  pr.f.nodes.push_back(top);
  pr.f.bands = {{"high", 60}, {"mid", 30}, {"low"}};
  return pr;
}

bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

TEST(score_threads, one_and_two_threads_give_the_same_result) {
  const problem pr = make_problem();
  const auto p = chiso::plan::compile(pr.f, pr.columns);
  chiso::result one, two;
  chiso::evaluate(p, pr.values, {}, one, chiso::keep::all, 1);
  chiso::evaluate(p, pr.values, {}, two, chiso::keep::all, 2);
  EXPECT_TRUE(same_bits(one.scores, two.scores));
  ASSERT_EQ(one.rank.size(), two.rank.size());
  EXPECT_EQ(std::memcmp(one.rank.data(), two.rank.data(),
                        static_cast<std::size_t>(one.rank.size()) * sizeof(double)),
            0);
  EXPECT_EQ(one.band, two.band);
  ASSERT_FALSE(one.diagnostics.empty()); // the constant and the log columns
  ASSERT_EQ(one.diagnostics.size(), two.diagnostics.size());
  for (std::size_t k = 0; k < one.diagnostics.size(); ++k) {
    EXPECT_EQ(one.diagnostics[k].node, two.diagnostics[k].node) << k;
    EXPECT_EQ(one.diagnostics[k].unit, two.diagnostics[k].unit) << k;
    EXPECT_EQ(one.diagnostics[k].code, two.diagnostics[k].code) << k;
    EXPECT_EQ(one.diagnostics[k].message, two.diagnostics[k].message) << k;
  }
  // Reusing a result evaluated on two threads for one thread changes nothing either.
  chiso::evaluate(p, pr.values, {}, two, chiso::keep::all, 1);
  EXPECT_TRUE(same_bits(one.scores, two.scores));
}

} // namespace

} // namespace chiso_test::score_threads_test
