/// \file bench/bench_gap.cpp
/// What moves a unit up (whatif/gap.hpp): every single-indicator gap for one unit, 10,000
/// units × 200 indicators (bench/generate.hpp, min-max to [0, 100] + weighted arithmetic mean +
/// competition ranks), the unit ranked in the middle, target one rank up:
///   gap_observed   min-max on observed bounds (data-dependent: a probe that moves a bound
///                  rescores the column through a live scoreboard)
///   gap_fixed      every min-max with fixed bounds (the observed range, declared)
///   gap_top_100    observed bounds, target rank 100 (most indicators need values beyond the
///                  column's maximum or are unreachable: the slow path's cost)
///   *_evaluated    the same, starting from an evaluation already made (gap_options::evaluated,
///                  as `chiso explain` has one): the gaps alone
///   bm_gap_base    one evaluation of the framework (the floor every search starts from)
///   *_bisection    the same with gap_options::interpolate = false (bisection alone: the
///                  search before interpolation, for a before/after ratio within one run)
/// Each includes the base evaluation of the whole framework the search starts from, except
/// *_evaluated.
/// Run: build-bench/bench/bench_gap (any Google Benchmark flag).

#include "generate.hpp"

#include <benchmark/benchmark.h>
#include <chiso/whatif/gap.hpp>

#include <algorithm>
#include <numeric>
#include <vector>

namespace {

using chiso::bench::synthetic;

const synthetic& problem() {
  static const synthetic s = chiso::bench::generate(10000, 200);
  return s;
}

chiso::framework framework(bool fixed) {
  const auto& s = problem();
  auto f = chiso::bench::minmax_arithmetic(s);
  if (fixed)
    for (std::size_t k = 0; k < f.indicators.size(); ++k) {
      const auto col = s.values.col(static_cast<Eigen::Index>(k));
      f.indicators[k].lower = col.minCoeff<Eigen::PropagateNumbers>();
      f.indicators[k].upper = col.maxCoeff<Eigen::PropagateNumbers>();
    }
  return f;
}

/// The unit ranked in the middle.
std::size_t middle_unit(const chiso::plan& p) {
  chiso::result r;
  chiso::evaluate(p, problem().values, {}, r);
  for (Eigen::Index i = 0; i < r.rank.size(); ++i)
    if (r.rank[i] == 5000) return static_cast<std::size_t>(i);
  return 0;
}

void bm_gap(benchmark::State& state, bool fixed, double to_rank, bool interpolate = true,
            bool evaluated = false) {
  const auto& s = problem();
  const auto p = chiso::plan::compile(framework(fixed), s.columns);
  const auto u = middle_unit(p);
  std::size_t reachable = 0, probes = 0;
  chiso::result base;
  chiso::evaluate(p, s.values, {}, {}, base, chiso::keep::aggregates);
  for (auto _ : state) {
    chiso::whatif::gap_options o;
    o.interpolate = interpolate;
    if (evaluated) o.evaluated = &base;
    const auto g = chiso::whatif::gap(p, s.values, {}, {}, u, chiso::whatif::to_rank{to_rank}, o);
    reachable = 0;
    probes = 0;
    for (const auto& x : g.indicators) {
      reachable += x.status == chiso::whatif::gap_status::reachable;
      probes += x.probes;
    }
    benchmark::DoNotOptimize(g.indicators.data());
  }
  state.counters["reachable"] = static_cast<double>(reachable);
  state.counters["probes"] = static_cast<double>(probes);
}

/// The floor: one evaluation of the whole framework (aggregates kept), which every gap search
/// starts from.
void bm_gap_base(benchmark::State& state) {
  const auto& s = problem();
  const auto p = chiso::plan::compile(framework(true), s.columns);
  chiso::result r;
  for (auto _ : state) {
    chiso::evaluate(p, s.values, {}, {}, r, chiso::keep::aggregates);
    benchmark::DoNotOptimize(r.scores.data());
  }
}

BENCHMARK(bm_gap_base)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_observed, false, 0.0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_fixed, true, 0.0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_observed_evaluated, false, 0.0, true, true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_fixed_evaluated, true, 0.0, true, true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_observed_bisection, false, 0.0, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_fixed_bisection, true, 0.0, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_gap, gap_top_100, false, 100.0)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace
