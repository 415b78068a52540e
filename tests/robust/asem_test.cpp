// End to end on COINr's ASEM example (tests/data/spec/coinr): an uncertain-choices file read
// against the imported framework, an uncertainty and a sensitivity run, and their invariants.

#include "robust/fixture.hpp"

#include <chiso/io/robust_spec.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace chiso_test::asem_test {

namespace {

using namespace chiso;

struct asem {
  framework f;
  dataset d;
  plan p;
  io::robust_spec rs;
  asem() {
    f = io::read_coinr_meta(chiso_test::asem_dir / "asem_iMeta.csv");
    for (auto& i : f.indicators)
      i.method = normalise::min_max{1.0, 100.0, false}; // positive scores for geometric means
    d = io::read_coinr_data(chiso_test::asem_dir / "asem_iData.csv", f);
    p = plan::compile(f, d.columns);
    rs = io::parse_robust_spec(R"(chiso_robustness: 1
replications: 300
seed: 2024
track: [Conn, Sust]
sensitivity: {n: 64, bootstrap: 100}
inputs:
  - {id: weights, type: weights, levels: [3, 4], uniform: 0.25}
  - id: normalisation
    type: normalisation
    alternatives: ["minmax:1:100", {type: z_score, mean: 10, sd: 2}]
  - {id: aggregation, type: aggregation, alternatives: [arithmetic_mean, geometric_mean]}
  - {id: leave_out, type: leave_out, indicators: [LPI, Flights, Ship], include_none: true}
)",
                               "asem_robust.yaml", f);
  }
};

TEST(asem, uncertainty_run_is_consistent) {
  const asem a;
  const auto m = robust::model::compile(a.p, a.d, a.rs.choices);
  const auto r = robust::run_uncertainty(m, a.rs.uncertainty);
  ASSERT_EQ(r.nodes.size(), 3u);
  EXPECT_EQ(r.nodes[1].id, "Conn");
  const auto nominal = evaluate(a.p, a.d);
  EXPECT_EQ(r.nodes[0].nominal_rank, nominal.rank);
  const auto n = static_cast<Eigen::Index>(a.d.n_units());
  for (const auto& t : r.nodes)
    for (Eigen::Index i = 0; i < n; ++i) {
      EXPECT_LE(t.rank.lower[i], t.rank.median[i]);
      EXPECT_LE(t.rank.median[i], t.rank.upper[i]);
      EXPECT_GE(t.rank.lower[i], 1.0);
      EXPECT_LE(t.rank.upper[i], static_cast<double>(n));
      EXPECT_LE(t.score.lower[i], t.score.upper[i]);
    }
  // 51 units: the ranks move (some interval is wider than 5 places) but not wildly on average.
  EXPECT_GT((r.nodes[0].rank.upper - r.nodes[0].rank.lower).maxCoeff(), 5.0);
  EXPECT_GT(r.mean_abs_rank_shift.mean(), 0.0);
  EXPECT_LT(r.mean_abs_rank_shift.mean(), 10.0);
  // Replication 123 re-run alone.
  const auto rep = m.replicate(a.rs.uncertainty.seed, 123);
  EXPECT_EQ(rep.draws, r.draws[123]);
  EXPECT_EQ(rep.full.rank, Eigen::VectorXd(r.nodes[0].ranks.col(123)));
}

TEST(asem, sensitivity_run_is_consistent) {
  const asem a;
  const auto m = robust::model::compile(a.p, a.d, a.rs.choices);
  const auto s = robust::run_sensitivity(m, a.rs.sensitivity);
  EXPECT_EQ(s.runs, 64u * 6u);
  const auto& x = s.mean_abs_rank_shift;
  ASSERT_EQ(x.total.size(), 4);
  for (Eigen::Index i = 0; i < 4; ++i) {
    EXPECT_GE(x.total[i], 0.0); // a mean of squares over V > 0
    EXPECT_LE(x.first[i], 1.0); // V_i = V − (a mean of squares)
    EXPECT_LE(x.total_lower[i], x.total_upper[i]);
  }
  EXPECT_GT(x.variance, 0.0);
  EXPECT_EQ(s.units.total.rows(), static_cast<Eigen::Index>(a.d.n_units()));
}

} // namespace

} // namespace chiso_test::asem_test
