// Monte Carlo uncertainty runs: zero perturbation collapses every interval onto the nominal
// rank, runs are bit-identical for any thread count, any replication re-runs alone, and the
// summaries of a two-outcome case match a hand calculation.

#include "robust/fixture.hpp"

#include <chiso/robust/uncertainty.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

namespace chiso_test::uncertainty_test {

namespace {

using namespace chiso;
using namespace chiso::robust;

template <class A, class B> bool same_bits(const A& a, const B& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

TEST(uncertainty, zero_perturbation_collapses_onto_the_nominal) {
  // Weights ×(1 ± 0), the nominal normalisation and aggregation as the only alternatives, the
  // nominal data as the only data alternative: every replication is the nominal model, so
  // every interval (and mean and median) is the nominal rank and score, bit for bit.
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(30);
  choices c;
  c.add("weights", weight_choice{{}, uniform_factor{0.0}});
  c.add("norm", normalisation_choice{{}, {normalise::min_max{0.0, 100.0, false}}, {}});
  c.add("agg", aggregation_choice{{}, {aggregate::arithmetic_mean{}}, {}});
  c.add("data", data_choice{{d.values}, {}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  uncertainty_options o;
  o.replications = 50;
  o.track = {"p1", "a"};
  const auto r = run_uncertainty(m, o);
  ASSERT_EQ(r.nodes.size(), 3u);
  EXPECT_EQ(r.nodes[0].id, "root");
  EXPECT_EQ(r.nodes[1].id, "p1");
  EXPECT_EQ(r.nodes[2].id, "a");
  for (const auto& t : r.nodes) {
    for (const auto* s : {&t.rank.mean, &t.rank.median, &t.rank.lower, &t.rank.upper})
      EXPECT_TRUE(same_bits(*s, t.nominal_rank)) << t.id;
    for (const auto* s : {&t.score.median, &t.score.lower, &t.score.upper})
      EXPECT_TRUE(same_bits(*s, t.nominal_score)) << t.id;
  }
  EXPECT_TRUE(r.mean_abs_rank_shift.isZero());
  // Unit 3 lacks b: its indicator score b is missing, p1 and the root are not.
  EXPECT_EQ(r.nodes[2].missing[3], 0u); // indicator a is present
  EXPECT_EQ(r.nodes[1].missing[3], 0u);
}

choices mixed(const dataset& d) {
  choices c;
  c.add("weights", weight_choice{{{"root"}, {}}, dirichlet{4.0}});
  c.add("sub", weight_choice{{{"p1", "p2"}, {}}, uniform_factor{0.4}});
  c.add("norm",
        normalisation_choice{
            {}, {normalise::min_max{1.0, 100.0, false}, normalise::z_score{10.0, 2.0}}, {}});
  c.add("agg", aggregation_choice{
                   {{}, {2}}, {aggregate::arithmetic_mean{}, aggregate::geometric_mean{}}, {}});
  c.add("leave", leave_out_choice{{"a", "c"}, leave_out_mode::one_at_a_time, 1, true});
  Eigen::MatrixXd other = d.values;
  other.col(2) = other.col(2).array().sqrt();
  c.add("data", data_choice{{d.values, other}, {}});
  return c;
}

TEST(uncertainty, bit_identical_on_one_and_two_threads) {
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(60);
  const auto m = model::compile(plan::compile(f, d.columns), d, mixed(d));
  uncertainty_options o;
  o.replications = 301; // not a multiple of the chunk size
  o.seed = 77;
  o.track = {"p2"};
  o.threads = 1;
  const auto one = run_uncertainty(m, o);
  o.threads = 2;
  const auto two = run_uncertainty(m, o);
  EXPECT_EQ(one.threads, 1u);
  EXPECT_EQ(two.threads, 2u);
  EXPECT_EQ(one.draws, two.draws);
  EXPECT_TRUE(same_bits(one.mean_abs_rank_shift, two.mean_abs_rank_shift));
  for (std::size_t t = 0; t < one.nodes.size(); ++t) {
    const auto &x = one.nodes[t], &y = two.nodes[t];
    EXPECT_TRUE(same_bits(x.ranks, y.ranks));
    EXPECT_TRUE(same_bits(x.scores, y.scores));
    for (auto [p, q] : {std::pair{&x.rank, &y.rank}, std::pair{&x.score, &y.score}}) {
      EXPECT_TRUE(same_bits(p->mean, q->mean));
      EXPECT_TRUE(same_bits(p->median, q->median));
      EXPECT_TRUE(same_bits(p->lower, q->lower));
      EXPECT_TRUE(same_bits(p->upper, q->upper));
    }
    EXPECT_EQ(x.missing, y.missing);
  }
  // The run did vary: some unit's interval is wider than a point.
  EXPECT_GT((one.nodes[0].rank.upper - one.nodes[0].rank.lower).maxCoeff(), 0.0);
}

// Progress reports come from the calling thread, never decrease, end with (N, N), and do not
// change the result.
TEST(uncertainty, progress_is_reported_without_changing_results) {
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(60);
  const auto m = model::compile(plan::compile(f, d.columns), d, mixed(d));
  uncertainty_options o;
  o.replications = 101;
  o.seed = 9;
  o.threads = 2;
  const auto plain = run_uncertainty(m, o);
  std::vector<std::pair<std::size_t, std::size_t>> seen;
  const auto caller = std::this_thread::get_id();
  bool other_thread = false;
  o.progress = [&](std::size_t done, std::size_t total) {
    other_thread = other_thread || std::this_thread::get_id() != caller;
    seen.emplace_back(done, total);
  };
  const auto reported = run_uncertainty(m, o);
  EXPECT_FALSE(other_thread);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), (std::pair<std::size_t, std::size_t>{101, 101}));
  for (std::size_t k = 1; k < seen.size(); ++k)
    EXPECT_LE(seen[k - 1].first, seen[k].first);
  EXPECT_TRUE(same_bits(plain.nodes[0].ranks, reported.nodes[0].ranks));
}

TEST(uncertainty, replicate_gives_the_kth_replication) {
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(60);
  const auto m = model::compile(plan::compile(f, d.columns), d, mixed(d));
  uncertainty_options o;
  o.replications = 40;
  o.seed = 5;
  o.track = {"p1", "b"};
  o.threads = 2;
  const auto run = run_uncertainty(m, o);
  for (std::size_t k : {0u, 13u, 39u}) {
    const auto rep = replicate(m, o, k);
    const auto kk = static_cast<Eigen::Index>(k);
    EXPECT_EQ(rep.draws, run.draws[k]);
    for (const auto& t : run.nodes) {
      const Eigen::VectorXd s = rep.full.node(t.node);
      EXPECT_TRUE(same_bits(s, Eigen::VectorXd(t.scores.col(kk)))) << t.id << " " << k;
    }
    EXPECT_TRUE(same_bits(rep.full.rank, Eigen::VectorXd(run.nodes[0].ranks.col(kk))));
    // Ranks of a tracked node: the framework's ranking of its scores.
    Eigen::VectorXd r1(rep.full.rank.size());
    rank(rep.full.node(m.plan().index("p1")), {}, {}, r1);
    EXPECT_TRUE(same_bits(r1, Eigen::VectorXd(run.nodes[1].ranks.col(kk))));
  }
}

TEST(uncertainty, two_outcome_summaries_by_hand) {
  // x1 = {0, 5, 10}, x2 = {10, 0, 5} → min-max [0, 100]: s1 = {0, 50, 100}, s2 = {100, 0, 50}.
  // The root is the arithmetic mean {50, 25, 75} (ranks {2, 3, 1}) or the minimum
  // {0, 0, 50} (ranks {2, 2, 1}). With m replications drawing the minimum out of N:
  //   unit 1: rank 3 (N − m times) or 2 (m times): mean = 3 − m/N;
  //   mean absolute rank shift per replication: 0 (mean) or |2 − 3|/3 = 1/3 (minimum);
  //   unit 0's score: 50 or 0, median = type-7 quantile of the sorted scores.
  const chiso_test::tiny model_data;
  const auto& f = model_data.f;
  const auto& d = model_data.d;
  choices c;
  c.add("agg", aggregation_choice{{}, {aggregate::arithmetic_mean{}, aggregate::minimum{}}, {}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  uncertainty_options o;
  o.replications = 200;
  o.seed = 3;
  const auto r = run_uncertainty(m, o);
  std::size_t mins = 0;
  for (std::size_t k = 0; k < o.replications; ++k) {
    mins += r.draws[k][0].pick;
    EXPECT_DOUBLE_EQ(r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)],
                     r.draws[k][0].pick ? 1.0 / 3.0 : 0.0);
  }
  ASSERT_GT(mins, 0u);
  ASSERT_LT(mins, o.replications);
  const double N = 200, share = static_cast<double>(mins) / N;
  const auto& t = r.nodes[0];
  EXPECT_EQ(t.nominal_rank, (Eigen::Vector3d(2, 3, 1)));
  EXPECT_DOUBLE_EQ(t.rank.mean[1], 3.0 - share);
  EXPECT_DOUBLE_EQ(t.rank.mean[0], 2.0);
  EXPECT_DOUBLE_EQ(t.score.mean[0], 50.0 * (1.0 - share));
  // Type 7: the p-quantile of 200 sorted values is at h = 199·p (0-based); the first `mins`
  // sorted scores of unit 0 are 0, the rest 50.
  auto q7 = [&](double p) {
    const double h = 199.0 * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    auto at = [&](std::size_t i) { return i < mins ? 0.0 : 50.0; };
    return at(lo) + (h - std::floor(h)) * (at(std::min<std::size_t>(lo + 1, 199)) - at(lo));
  };
  EXPECT_DOUBLE_EQ(t.score.lower[0], q7(0.05));
  EXPECT_DOUBLE_EQ(t.score.median[0], q7(0.5));
  EXPECT_DOUBLE_EQ(t.score.upper[0], q7(0.95));
  EXPECT_EQ(t.rank.lower[2], 1.0);
  EXPECT_EQ(t.rank.upper[2], 1.0);
}

TEST(uncertainty, samples_can_be_dropped) {
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(10);
  choices c;
  c.add("w", weight_choice{{}, uniform_factor{0.2}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  uncertainty_options o;
  o.replications = 20;
  o.keep_samples = false;
  const auto r = run_uncertainty(m, o);
  EXPECT_EQ(r.nodes[0].ranks.size(), 0);
  EXPECT_EQ(r.nodes[0].rank.median.size(), 10);
  EXPECT_EQ(r.draws.size(), 20u);
}

TEST(uncertainty, bad_options_are_refused) {
  const auto f = chiso_test::two_level();
  const auto d = chiso_test::seeded_data(10);
  const auto m = model::compile(plan::compile(f, d.columns), d, choices{});
  uncertainty_options o;
  o.track = {"nope"};
  EXPECT_THROW((void)run_uncertainty(m, o), usage_error);
  o.track = {};
  o.lower = 0.9;
  o.upper = 0.1;
  EXPECT_THROW((void)run_uncertainty(m, o), usage_error);
}

} // namespace

} // namespace chiso_test::uncertainty_test
