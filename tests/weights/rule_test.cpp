// Node weights from the data at evaluation time (weights/rule.hpp, node::weights_from).
#include <chiso/score.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace chiso_test::rule_test {

namespace {

chiso::indicator identity(const std::string& id) {
  chiso::indicator i;
  i.id = id;
  i.method = chiso::normalise::identity{};
  return i;
}

chiso::dataset data(const Eigen::MatrixXd& v) {
  chiso::dataset d;
  d.columns = {"a", "b", "c"};
  d.values = v;
  for (Eigen::Index i = 0; i < v.rows(); ++i)
    d.unit_ids.push_back("u" + std::to_string(i));
  return d;
}

} // namespace

// Entropy weights, worked by hand: b = {2, 2, 2} has p_i = 1/3 for every unit, entropy
// e = −Σ p ln p / ln 3 = 1, so d_b = 1 − e = 0 and its weight is 0; a = {1, 2, 3} has
// p = {1/6, 1/3, 1/2}, e_a = (ln 6 / 6 + ln 3 / 3 + ln 2 / 2) / ln 3 = 0.9206…, d_a = 0.0794 > 0,
// so w = (1, 0): the node equals a. The framework's own weights (5 and 1) are not used.
TEST(rule, entropy_weights_are_computed_at_evaluation) {
  chiso::framework f;
  f.indicators = {identity("a"), identity("b"), identity("c")};
  chiso::node n, top;
  n.id = "n";
  n.children = {{"a", 5}, {"b", 1}};
  n.weights_from = chiso::weights::entropy_rule_t{};
  top.id = "top";
  top.children = {{"n", 1}, {"c", 1}};
  f.nodes = {top, n};
  Eigen::MatrixXd v(3, 3);
  v << 1, 2, 10, //
      2, 2, 20,  //
      3, 2, 30;
  const auto p = chiso::plan::compile(f, std::vector<std::string>{"a", "b", "c"});
  const auto r = chiso::evaluate(p, data(v));
  const auto node = static_cast<Eigen::Index>(p.index("n"));
  for (Eigen::Index i = 0; i < 3; ++i)
    EXPECT_NEAR(r.scores(i, node), v(i, 0), 1e-12) << "unit " << i;
  // node step order = framework order: top (0), n (1)
  ASSERT_EQ(r.node_weights.size(), 2u);
  EXPECT_TRUE(r.node_weights[0].empty()); // top: the framework's weights
  ASSERT_EQ(r.node_weights[1].size(), 2u);
  EXPECT_NEAR(r.node_weights[1][0], 1.0, 1e-12);
  EXPECT_NEAR(r.node_weights[1][1], 0.0, 1e-12);
  // Contributions use the weights the evaluation used: b contributes nothing to n.
  const auto c = chiso::contributions(p, r, p.index("n"));
  for (Eigen::Index i = 0; i < 3; ++i) {
    EXPECT_NEAR(c(i, 0), v(i, 0), 1e-12);
    EXPECT_NEAR(c(i, 1), 0.0, 1e-12);
  }
}

// A rule's warnings become weights_warning diagnostics of the node: a missing cell drops its
// row from the complete rows the weights are computed from.
TEST(rule, warnings_become_diagnostics_of_the_node) {
  chiso::framework f;
  f.indicators = {identity("a"), identity("b"), identity("c")};
  chiso::node n;
  n.id = "n";
  n.children = {{"a", 1}, {"b", 1}, {"c", 1}};
  n.weights_from = chiso::weights::critic_rule_t{};
  f.nodes = {n};
  Eigen::MatrixXd v(5, 3);
  v << 1, 5, 2, //
      2, 3, 9,  //
      3, 4, 4,  //
      4, 1, 7,  //
      std::nan(""), 2, 1;
  const auto p = chiso::plan::compile(f, std::vector<std::string>{"a", "b", "c"});
  const auto r = chiso::evaluate(p, data(v));
  int warnings = 0;
  for (const auto& d : r.diagnostics)
    if (d.code == chiso::diagnostic_code::weights_warning) {
      ++warnings;
      EXPECT_EQ(d.node, p.index("n"));
      EXPECT_EQ(d.unit, chiso::diagnostic::npos);
    }
  EXPECT_GE(warnings, 1);
  double total = 0;
  for (double w : r.node_weights[0])
    total += w;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

} // namespace chiso_test::rule_test
