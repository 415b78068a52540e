// Tests of weights/benefit_of_the_doubt.hpp (GLPK): one LP per unit.
//
// Hand example, two children: A = (1, 0.2), B = (0.5, 0.5), C = (0.2, 1), D = (0.4, 0.4).
// A: max w1 + 0.2 w2 with its own row w1 + 0.2 w2 ≤ 1 → 1 (e.g. w = (1, 0); B then 0.5, C 0.2).
// C: symmetric → 1. B: max 0.5 (w1 + w2) s.t. w1 + 0.2 w2 ≤ 1 and 0.2 w1 + w2 ≤ 1 (B's and D's
// rows are looser): the vertex w1 = w2 = 1/1.2 gives w1 + w2 = 5/3, so s_B = 5/6, with unique
// multipliers (5/6, 5/6) and shares (½, ½). D = 0.8·B: s_D = 0.4·5/3 = 2/3.
#include <chiso/aggregate/benefit_of_the_doubt.hpp>
#include <chiso/io/spec.hpp>
#include <chiso/score.hpp>
#include <chiso/weights/benefit_of_the_doubt.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::benefit_of_the_doubt_test {

using chiso_test::NA;

using namespace chiso::weights;

namespace {

Eigen::MatrixXd four() {
  Eigen::MatrixXd x(4, 2);
  x << 1, 0.2, 0.5, 0.5, 0.2, 1, 0.4, 0.4;
  return x;
}
} // namespace

TEST(weights_benefit_of_the_doubt, hand_worked) {
  const auto r = benefit_of_the_doubt(four());
  EXPECT_EQ(r.rows_used, 4u);
  EXPECT_NEAR(r.score[0], 1.0, 1e-9);
  EXPECT_NEAR(r.score[1], 5.0 / 6, 1e-9);
  EXPECT_NEAR(r.score[2], 1.0, 1e-9);
  EXPECT_NEAR(r.score[3], 2.0 / 3, 1e-9);
  EXPECT_NEAR(r.multipliers(1, 0), 5.0 / 6, 1e-9);
  EXPECT_NEAR(r.multipliers(1, 1), 5.0 / 6, 1e-9);
  EXPECT_NEAR(r.shares(1, 0), 0.5, 1e-9);
  EXPECT_NEAR(r.shares(1, 1), 0.5, 1e-9);
  // A's multipliers are not unique, but they are feasible and reach A's score
  EXPECT_NEAR(r.multipliers.row(0).dot(four().row(0)), 1.0, 1e-9);
  EXPECT_LE((four() * r.multipliers.row(0).transpose()).maxCoeff(), 1.0 + 1e-9);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(weights_benefit_of_the_doubt, fixed_shares_are_a_weighted_sum_over_the_best) {
  // L = U = (0.8, 0.2) with the mean base: x̄ = (0.525, 0.525), so w1 x̄ / (w1 x̄ + w2 x̄) = 0.8
  // → w1 = 4 w2. Every unit is scored by 4 x1 + x2: A 4.2, B 2.5, C 1.8, D 2.0, scaled so the
  // best is 1: A 1, B 2.5/4.2 = 0.595238, C 1.8/4.2 = 0.428571, D 2/4.2 = 0.476190.
  bod_options o;
  o.lower = (Eigen::VectorXd(2) << 0.8, 0.2).finished();
  o.upper = o.lower;
  const auto r = benefit_of_the_doubt(four(), o);
  EXPECT_NEAR(r.score[0], 1.0, 1e-9);
  EXPECT_NEAR(r.score[1], 2.5 / 4.2, 1e-9);
  EXPECT_NEAR(r.score[2], 1.8 / 4.2, 1e-9);
  EXPECT_NEAR(r.score[3], 2.0 / 4.2, 1e-9);
  EXPECT_NEAR(r.multipliers(2, 0), 4 * r.multipliers(2, 1), 1e-9);
}

TEST(weights_benefit_of_the_doubt, own_share_bounds) {
  // Own pie shares within [0.4, 0.6] for both children. C = (0.2, 1): shares
  // 0.2 w1 / (0.2 w1 + w2) ≥ 0.4 → 0.2 w1 ≥ 0.4 (0.2 w1 + w2) → 0.12 w1 ≥ 0.4 w2 → w1 ≥ (10/3) w2.
  // On w1 = (10/3) w2: C = (2/3 + 1) w2 = (5/3) w2; rows: A (10/3 + 0.2) w2 = (53/15) w2 ≤ 1 binds
  // first (B (13/6) w2, D (26/15) w2), so w2 = 15/53 and s_C = (5/3)(15/53) = 25/53 = 0.471698.
  bod_options o;
  o.lower = (Eigen::VectorXd(2) << 0.4, 0.4).finished();
  o.upper = (Eigen::VectorXd(2) << 0.6, 0.6).finished();
  o.base = share_base::own;
  const auto r = benefit_of_the_doubt(four(), o);
  EXPECT_NEAR(r.score[2], 25.0 / 53, 1e-9);
  EXPECT_NEAR(r.shares(2, 0), 0.4, 1e-9);
}

TEST(weights_benefit_of_the_doubt, missing_units_are_left_out) {
  // Unit E = (5, NA) would dominate A on child 1 but is left out: the others keep their scores.
  Eigen::MatrixXd x(5, 2);
  x.topRows(4) = four();
  x.row(4) << 5, NA;
  const auto r = benefit_of_the_doubt(x);
  EXPECT_EQ(r.rows_used, 4u);
  EXPECT_TRUE(std::isnan(r.score[4]));
  EXPECT_TRUE(std::isnan(r.shares(4, 0)));
  EXPECT_NEAR(r.score[1], 5.0 / 6, 1e-9);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("1 of 5 units left out"), std::string::npos) << r.warnings[0];
}

TEST(weights_benefit_of_the_doubt, zero_unit_scores_zero) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 2, 0, 0, 2, 1;
  const auto r = benefit_of_the_doubt(x);
  EXPECT_EQ(r.score[1], 0.0);
  EXPECT_TRUE(std::isnan(r.shares(1, 0)));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("score 0"), std::string::npos);
}

TEST(weights_benefit_of_the_doubt, unusable_input_throws) {
  Eigen::MatrixXd x = four();
  x(2, 1) = -0.1;
  try {
    benefit_of_the_doubt(x, {}, {"pillar", {"a", "b"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("child 'b'"), std::string::npos) << m;
    EXPECT_NE(m.find("row 3"), std::string::npos) << m;
  }
  bod_options sum_above_one;
  sum_above_one.lower = (Eigen::VectorXd(2) << 0.7, 0.7).finished();
  EXPECT_THROW(benefit_of_the_doubt(four(), sum_above_one), chiso::framework_error);
  bod_options inverted;
  inverted.lower = (Eigen::VectorXd(2) << 0.5, 0.1).finished();
  inverted.upper = (Eigen::VectorXd(2) << 0.4, 1.0).finished();
  EXPECT_THROW(benefit_of_the_doubt(four(), inverted), chiso::framework_error);
  bod_options wrong_size;
  wrong_size.lower = Eigen::VectorXd::Zero(3);
  EXPECT_THROW(benefit_of_the_doubt(four(), wrong_size), chiso::usage_error);
  Eigen::MatrixXd all_missing = Eigen::MatrixXd::Constant(2, 2, NA);
  EXPECT_THROW(benefit_of_the_doubt(all_missing), chiso::framework_error);
}

// Benefit of the doubt as a node's aggregation, declared in a spec file: the same scores as the
// hand-worked example above (A 1, B 5/6, C 1, D 2/3) for the units taking part; a unit with a
// missing child or a child < 0 gets no score and a diagnostic and constrains no one; the
// zero-weight child z is not weighed (its missing value does not matter).
TEST(aggregate_benefit_of_the_doubt, node_in_a_spec_file) {
  const auto f = chiso::io::parse_spec(R"(chiso: 1
id: bod
indicators:
  - {id: a, method: identity}
  - {id: b, method: identity}
  - {id: z, method: identity}
nodes:
  - {id: top, method: benefit_of_the_doubt, children: {a: 1, b: 1, z: 0}}
)",
                                       "bod.yaml");
  ASSERT_TRUE(
      std::holds_alternative<chiso::aggregate::benefit_of_the_doubt>(f.nodes[0].aggregation));
  chiso::dataset d;
  d.columns = {"a", "b", "z"};
  d.unit_ids = {"A", "B", "C", "D", "E", "F"};
  d.values.resize(6, 3);
  d.values << 1, 0.2, NA, 0.5, 0.5, 1, 0.2, 1, 1, 0.4, 0.4, 1, //
      0.9, NA, 1, -0.1, 0.3, 1;
  const auto r = chiso::score(f, d);
  const auto top = static_cast<Eigen::Index>(r.scores.cols() - 1);
  EXPECT_NEAR(r.scores(0, top), 1.0, 1e-9);
  EXPECT_NEAR(r.scores(1, top), 5.0 / 6, 1e-9);
  EXPECT_NEAR(r.scores(2, top), 1.0, 1e-9);
  EXPECT_NEAR(r.scores(3, top), 2.0 / 3, 1e-9);
  EXPECT_TRUE(std::isnan(r.scores(4, top)));
  EXPECT_TRUE(std::isnan(r.scores(5, top)));
  int coverage = 0, invalid = 0;
  for (const auto& x : r.diagnostics) {
    if (x.message.find("benefit of the doubt") == std::string::npos) continue;
    coverage += x.code == chiso::diagnostic_code::below_coverage && x.unit == 4;
    invalid += x.code == chiso::diagnostic_code::invalid_value && x.unit == 5;
  }
  EXPECT_EQ(coverage, 1);
  EXPECT_EQ(invalid, 1);
  EXPECT_EQ(r.rank[0], 1); // A and C share the top
  EXPECT_EQ(r.rank[2], 1);
  EXPECT_EQ(r.rank[1], 3);
}

// The node evaluates on its own: no spec file read, nothing installed first (run alone, e.g.
// --gtest_filter=aggregate_benefit_of_the_doubt.node_evaluates_without_set_up). The units of the
// hand-worked example, children given directly as columns: a = (1, 0.5, 0.2, 0.4),
// b = (0.2, 0.5, 1, 0.4). Each unit maximises its weighted sum subject to no unit exceeding 1
// under its weights: A scores 1 (w = (1, 0)), C 1 (w = (0, 1)); B's binding rows are A's
// w1 + 0.2 w2 <= 1 and C's 0.2 w1 + w2 <= 1, so w1 = w2 = 1/1.2 and s_B = 0.5 · 5/3 = 5/6;
// D = 0.8 · B, so s_D = 0.8 · 5/6 = 2/3.
TEST(aggregate_benefit_of_the_doubt, node_evaluates_without_set_up) {
  const std::vector<double> a{1, 0.5, 0.2, 0.4}, b{0.2, 0.5, 1, 0.4}, w{1, 1};
  const std::vector<const double*> children{a.data(), b.data()};
  const chiso::aggregate::node_view v{children, w, a.size(), 0.0};
  chiso::aggregate::workspace ws;
  std::vector<chiso::diagnostic> diags;
  chiso::diagnostics_sink sink(diags, 0, "top");
  std::vector<double> out(a.size(), -1.0);
  chiso::aggregate::benefit_of_the_doubt{}(v, out.data(), ws, sink);
  EXPECT_NEAR(out[0], 1.0, 1e-9);
  EXPECT_NEAR(out[1], 5.0 / 6, 1e-9);
  EXPECT_NEAR(out[2], 1.0, 1e-9);
  EXPECT_NEAR(out[3], 2.0 / 3, 1e-9);
  EXPECT_TRUE(diags.empty());
}

TEST(aggregate_benefit_of_the_doubt, share_bounds_read_write_and_check) {
  const std::string head = "chiso: 1\nid: bod\nindicators:\n  - {id: a}\n  - {id: b}\nnodes:\n";
  const auto f = chiso::io::parse_spec(
      head + "  - {id: top, method: {type: benefit_of_the_doubt, lower: [0.2, 0.2], upper: "
             "[0.8, 0.8], shares: own}, children: [a, b]}\n",
      "bod.yaml");
  const auto& a = std::get<chiso::aggregate::benefit_of_the_doubt>(f.nodes[0].aggregation);
  EXPECT_EQ(a.lower, (std::vector<double>{0.2, 0.2}));
  EXPECT_TRUE(a.own_shares);
  std::ostringstream out;
  chiso::io::write_spec(out, f);
  const auto back = chiso::io::parse_spec(out.str(), "back.yaml");
  const auto& b = std::get<chiso::aggregate::benefit_of_the_doubt>(back.nodes[0].aggregation);
  EXPECT_EQ(b.upper, (std::vector<double>{0.8, 0.8}));
  EXPECT_TRUE(b.own_shares);
  auto error_of = [&](const std::string& node) {
    try {
      (void)chiso::io::parse_spec(head + node, "bod.yaml");
    } catch (const chiso::input_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // Lower bounds summing above 1 cannot be met; one bound per child.
  EXPECT_NE(error_of("  - {id: top, method: {type: benefit_of_the_doubt, lower: [0.6, 0.6]}, "
                     "children: [a, b]}\n")
                .find("lower share bounds sum to 1.2 > 1"),
            std::string::npos);
  EXPECT_NE(error_of("  - {id: top, method: {type: benefit_of_the_doubt, upper: [1]}, "
                     "children: [a, b]}\n")
                .find("has 1 upper share bounds for 2 children"),
            std::string::npos);
  EXPECT_NE(error_of("  - {id: top, method: {type: benefit_of_the_doubt, shares: both}, "
                     "children: [a, b]}\n")
                .find("'shares': unknown value 'both'"),
            std::string::npos);
}

} // namespace chiso_test::benefit_of_the_doubt_test
