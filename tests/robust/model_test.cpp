// robust::model: replications by hand, the fast path against a rebuilt model, the indicator
// pool, and the documented sampling of every choice kind.

#include "robust/fixture.hpp"

#include <chiso/robust/model.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>

namespace chiso_test::model_test {

namespace {

using namespace chiso;
using namespace chiso::robust;

/// Bitwise equality of two matrices (NaN equal to NaN with the same bits).
bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

using chiso_test::tiny;

choices tiny_choices() {
  choices c;
  c.add("w", weight_choice{{{"root"}, {}}, uniform_factor{0.5}});
  c.add("norm", normalisation_choice{
                    {}, {normalise::min_max{0.0, 100.0, false}, normalise::identity{}}, {}});
  c.add("agg", aggregation_choice{
                   {{"root"}, {}}, {aggregate::arithmetic_mean{}, aggregate::minimum{}}, {}});
  c.add("out", leave_out_choice{{"x1", "x2"}, leave_out_mode::one_at_a_time, 1, true});
  return c;
}

TEST(model, hand_worked_replications) {
  tiny t;
  const auto p = plan::compile(t.f, t.d.columns);
  const auto m = model::compile(p, t.d, tiny_choices());

  // Weights 3, 1; min-max; arithmetic mean; nothing left out.
  // s1 = {0, 50, 100}, s2 = {100, 0, 50}; root = (3·s1 + s2) / 4 = {25, 37.5, 87.5};
  // ranks (descending, competition) {3, 2, 1}.
  std::vector<draw> d(4);
  d[0].weights = {3.0, 1.0};
  auto r = m.evaluate_full(d);
  EXPECT_DOUBLE_EQ(r.scores(0, 2), 25.0);
  EXPECT_DOUBLE_EQ(r.scores(1, 2), 37.5);
  EXPECT_DOUBLE_EQ(r.scores(2, 2), 87.5);
  EXPECT_EQ(r.rank, (Eigen::Vector3d(3, 2, 1)));
  EXPECT_DOUBLE_EQ(r.scores(1, 0), 50.0); // indicator x1 of u1, from the pool

  // Weights 1, 1; identity; minimum: root = min(x1, x2) = {0, 0, 5}; ranks {2, 2, 1}.
  d[0].weights = {1.0, 1.0};
  d[1].pick = 1;
  d[2].pick = 1;
  r = m.evaluate_full(d);
  EXPECT_EQ(r.scores.col(2), (Eigen::Vector3d(0, 0, 5)));
  EXPECT_EQ(r.rank, (Eigen::Vector3d(2, 2, 1)));

  // x1 left out (weight 0 whatever the weight draw): root = s2 = {100, 0, 50}; ranks {1, 3, 2}.
  d[0].weights = {3.0, 1.0};
  d[1].pick = 0;
  d[2].pick = 0;
  d[3].left_out = {0};
  r = m.evaluate_full(d);
  EXPECT_EQ(r.scores.col(2), (Eigen::Vector3d(100, 0, 50)));
  EXPECT_EQ(r.rank, (Eigen::Vector3d(1, 3, 2)));
  const auto f = m.framework_of(d);
  EXPECT_EQ(f.nodes[0].children[0].weight, 0.0);
  EXPECT_EQ(f.nodes[0].children[1].weight, 1.0);

  EXPECT_EQ(m.describe(0, d[0]), "root=[3, 1]");
  EXPECT_EQ(m.describe(1, d[1]), "min_max");
  EXPECT_EQ(m.describe(2, d[2]), "arithmetic_mean");
  EXPECT_EQ(m.describe(3, d[3]), "x1");
  EXPECT_EQ(m.describe(3, draw{}), "none");
}

TEST(model, nominal_is_the_framework_as_compiled) {
  tiny t;
  const auto p = plan::compile(t.f, t.d.columns);
  const auto m = model::compile(p, t.d, tiny_choices());
  // (s1 + s2) / 2 = {50, 25, 75}.
  EXPECT_EQ(m.nominal().scores.col(2), (Eigen::Vector3d(50, 25, 75)));
  EXPECT_EQ(m.nominal().rank, (Eigen::Vector3d(2, 3, 1)));
}

/// Every choice kind, including a data alternative equal to the nominal data and one with
/// column `a` squared.
choices all_kinds(const dataset& d, weight_distribution wd) {
  choices c;
  c.add("weights", weight_choice{{{}, {3}}, wd});
  c.add("sub_weights", weight_choice{{{"p1"}, {}}, uniform_factor{0.3}});
  c.add("norm", normalisation_choice{{},
                                     {normalise::min_max{1.0, 100.0, false},
                                      normalise::z_score{0.0, 1.0}, normalise::rank{}},
                                     {}});
  c.add("agg", aggregation_choice{{{}, {2}},
                                  {aggregate::arithmetic_mean{}, aggregate::geometric_mean{},
                                   aggregate::minimum{}},
                                  {}});
  c.add("leave", leave_out_choice{{"a", "c", "d"}, leave_out_mode::random, 1, false});
  Eigen::MatrixXd squared = d.values;
  squared.col(0) = squared.col(0).array().square();
  c.add("data", data_choice{{d.values, squared}, {"as is", "a squared"}});
  return c;
}

TEST(model, fast_path_equals_the_rebuilt_model) {
  // The replication computed from the pool equals compiling the framework with the draws
  // applied and evaluating it on the data drawn: scores of every node and indicator, ranks,
  // diagnostics.
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(40);
  const auto p = plan::compile(f, d.columns);
  for (weight_distribution wd :
       {weight_distribution{uniform_factor{0.5}}, weight_distribution{dirichlet{5.0}}}) {
    const auto m = model::compile(p, d, all_kinds(d, wd));
    for (std::size_t k = 0; k < 25; ++k) {
      const auto rep = m.replicate(99, k);
      const auto g = m.framework_of(rep.draws);
      result slow;
      evaluate(plan::compile(g, d.columns), m.data_of(rep.draws), {}, slow, keep::all);
      ASSERT_TRUE(same_bits(slow.scores, rep.full.scores)) << "replication " << k;
      ASSERT_TRUE(same_bits(slow.rank, rep.full.rank)) << "replication " << k;
      ASSERT_EQ(slow.diagnostics.size(), rep.full.diagnostics.size()) << "replication " << k;
      for (std::size_t j = 0; j < slow.diagnostics.size(); ++j) {
        EXPECT_EQ(slow.diagnostics[j].node, rep.full.diagnostics[j].node);
        EXPECT_EQ(slow.diagnostics[j].unit, rep.full.diagnostics[j].unit);
        EXPECT_EQ(slow.diagnostics[j].code, rep.full.diagnostics[j].code);
      }
    }
  }
}

TEST(model, some_replications_hit_aggregation_diagnostics) {
  // z-scores can be <= 0, which the geometric mean refuses: the fast path must report it too
  // (guards the test above against comparing only diagnostic-free replications).
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(40);
  const auto m = model::compile(plan::compile(f, d.columns), d, all_kinds(d, uniform_factor{0.5}));
  std::size_t with = 0;
  for (std::size_t k = 0; k < 60; ++k) {
    const auto rep = m.replicate(3, k);
    for (const auto& x : rep.full.diagnostics)
      if (x.code == diagnostic_code::non_positive_input) {
        ++with;
        break;
      }
  }
  EXPECT_GT(with, 0u);
}

TEST(model, pool_scores_each_indicator_once_per_alternative_and_distinct_data) {
  // 4 indicators × 3 normalisation alternatives = 12 slots on the nominal data; the first data
  // alternative equals the nominal data (shared), the second changes column a only (3 more).
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(20);
  const auto m = model::compile(plan::compile(f, d.columns), d, all_kinds(d, uniform_factor{0.1}));
  EXPECT_EQ(m.pool_columns(), 12u + 3u);
}

TEST(model, uniform_weights_follow_the_documented_stream) {
  // Input i of replication k draws from generator(stream_seed(seed, k, i)):
  // w'_j = w_j · (1 + f·(2u_j − 1)), children in order.
  tiny t;
  const auto m = model::compile(plan::compile(t.f, t.d.columns), t.d, tiny_choices());
  for (std::size_t k : {0u, 1u, 17u}) {
    const auto d = m.sample(2024, k);
    generator g(stream_seed(2024, k, 0));
    for (std::size_t j = 0; j < 2; ++j) {
      const double u = uniform01(g);
      EXPECT_EQ(d[0].weights[j], 1.0 * (1.0 + 0.5 * (2.0 * u - 1.0)));
      EXPECT_GE(d[0].weights[j], 0.5);
      EXPECT_LT(d[0].weights[j], 1.5);
    }
    // A discrete input: one draw below 2.
    generator h(stream_seed(2024, k, 1));
    EXPECT_EQ(d[1].pick, uniform_below(h, 2));
  }
}

TEST(model, leave_out_one_at_a_time_is_uniform_over_the_list_and_none) {
  // 3 outcomes (x1, x2, none), M = 6000 draws: each count ~ Binomial(6000, 1/3), sd = 36.5;
  // allow 5 sd.
  tiny t;
  const auto m = model::compile(plan::compile(t.f, t.d.columns), t.d, tiny_choices());
  std::map<std::string, int> count;
  for (std::size_t k = 0; k < 6000; ++k)
    ++count[m.describe(3, m.sample(5, k)[3])];
  ASSERT_EQ(count.size(), 3u);
  for (const auto& [what, c] : count)
    EXPECT_NEAR(c, 2000, 5 * 36.5) << what;
}

TEST(model, leave_out_random_picks_distinct_listed_indicators) {
  // root = mean(x1, …, x5); 2 of x1 … x4 left out: 6 pairs, each with probability 1/6; over
  // M = 6000 draws each count has sd √(6000 · 1/6 · 5/6) = 28.9: allow 5 sd.
  framework f;
  dataset d;
  node root;
  root.id = "root";
  d.values = Eigen::MatrixXd::Random(4, 5);
  for (int j = 1; j <= 5; ++j) {
    indicator i;
    i.id = "x" + std::to_string(j);
    f.indicators.push_back(i);
    root.children.push_back({i.id, 1.0});
    d.columns.push_back(i.id);
  }
  f.nodes = {root};
  d.unit_ids = {"a", "b", "c", "d"};
  choices c;
  c.add("leave", leave_out_choice{{"x1", "x2", "x3", "x4"}, leave_out_mode::random, 2, false});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  std::map<std::vector<std::size_t>, int> count;
  for (std::size_t k = 0; k < 6000; ++k) {
    const auto x = m.sample(11, k)[0].left_out;
    ASSERT_EQ(x.size(), 2u);
    EXPECT_LT(x[0], x[1]);
    EXPECT_LT(x[1], 4u); // x5 (plan index 4) is not listed
    ++count[x];
  }
  ASSERT_EQ(count.size(), 6u);
  for (const auto& [pair, n] : count)
    EXPECT_NEAR(n, 1000, 5 * 28.9);
}

TEST(model, dirichlet_shares_are_centred_on_the_nominal_shares) {
  // Weights {1, 3} under Dir(c·p), c = 20, p = {0.25, 0.75}: E[s_1] = 0.25,
  // Var[s_1] = 0.25·0.75 / 21 = 0.0089286; over M = 4000 draws the mean has sd
  // √(0.0089286 / 4000) = 0.001494: allow 5 sd. The total 4 is kept.
  tiny t;
  t.f.nodes[0].children[0].weight = 1.0;
  t.f.nodes[0].children[1].weight = 3.0;
  choices c;
  c.add("w", weight_choice{{}, dirichlet{20.0}});
  const auto m = model::compile(plan::compile(t.f, t.d.columns), t.d, c);
  double sum = 0, sum2 = 0;
  const int M = 4000;
  for (int k = 0; k < M; ++k) {
    const auto w = m.sample(8, static_cast<std::size_t>(k))[0].weights;
    ASSERT_EQ(w.size(), 2u);
    EXPECT_NEAR(w[0] + w[1], 4.0, 1e-12);
    const double s = w[0] / 4.0;
    sum += s;
    sum2 += s * s;
  }
  const double mean = sum / M;
  EXPECT_NEAR(mean, 0.25, 5 * 0.001494);
  // Variance within 15% of 0.0089286 (its relative sd at M = 4000 is about 2.5%).
  EXPECT_NEAR(sum2 / M - mean * mean, 0.0089286, 0.15 * 0.0089286);
}

TEST(model, zero_uniform_perturbation_keeps_the_weights_bit_for_bit) {
  tiny t;
  t.f.nodes[0].children[0].weight = 0.1;
  t.f.nodes[0].children[1].weight = 0.7;
  choices c;
  c.add("w", weight_choice{{}, uniform_factor{0.0}});
  const auto m = model::compile(plan::compile(t.f, t.d.columns), t.d, c);
  const auto d = m.sample(1, 0);
  EXPECT_EQ(d[0].weights, (std::vector<double>{0.1, 0.7}));
}

TEST(model, data_alternatives_must_have_the_nominal_shape) {
  tiny t;
  choices c;
  c.add("data", data_choice{{Eigen::MatrixXd::Zero(2, 2)}, {}});
  try {
    (void)model::compile(plan::compile(t.f, t.d.columns), t.d, c);
    FAIL() << "no error";
  } catch (const input_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "input 'data': data alternative 0 is 2 × 2, the nominal data 3 × 2");
  }
}

TEST(model, evaluate_refuses_draws_of_another_model) {
  tiny t;
  const auto m = model::compile(plan::compile(t.f, t.d.columns), t.d, tiny_choices());
  model::workspace ws;
  EXPECT_THROW(m.evaluate(std::vector<draw>(2), ws), usage_error);
  std::vector<draw> d(4);
  d[0].weights = {1.0};
  EXPECT_THROW(m.evaluate(d, ws), usage_error);
  d[0].weights = {1.0, 1.0};
  d[1].pick = 2; // 2 normalisation alternatives
  EXPECT_THROW(m.evaluate(d, ws), usage_error);
}

TEST(model, invalid_choices_are_refused_at_compile) {
  tiny t;
  choices c;
  c.add("w", weight_choice{{{"nope"}, {}}, uniform_factor{0.2}});
  EXPECT_THROW((void)model::compile(plan::compile(t.f, t.d.columns), t.d, c), input_error);
}

} // namespace

} // namespace chiso_test::model_test
