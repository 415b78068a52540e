/// \file bench/bench_live.cpp
/// Live updates (live/scoreboard.hpp) against a full recompute, 10,000 units × 200 indicators
/// (bench/generate.hpp, min-max to [0, 100] + weighted arithmetic mean + competition ranks):
///   live_fixed     one cell changes; every indicator's min-max has fixed bounds (the observed
///                  range of its column, declared), so one unit is rescored: new score + rank
///   live_observed  the same with observed bounds that the change does not move: the touched
///                  indicator's column is rescored (its statistics), the rest for one unit
///   full           chiso::evaluate of everything (what a live update replaces)
/// Each iteration sets a different unit's value in a different column (cycling through a fixed
/// seeded list of 4,096 changes that stay inside the observed range, and back), then reads the
/// unit's root score and rank. Run: build-bench/bench/bench_live (any Google Benchmark flag).

#include "generate.hpp"

#include <benchmark/benchmark.h>
#include <chiso/live/scoreboard.hpp>

#include <algorithm>
#include <random>
#include <vector>

namespace {

using chiso::bench::synthetic;

const synthetic& problem() {
  static const synthetic s = chiso::bench::generate(10000, 200);
  return s;
}

struct change {
  std::size_t unit, column;
  double value, original;
};

/// The value the k-th iteration sets: the change on even passes through the list, the
/// original value back on odd ones (so every iteration really changes a cell).
double value_at(const change& c, std::size_t k, std::size_t n) {
  return (k / n) % 2 == 0 ? c.value : c.original;
}

/// Changes that keep every column's observed minimum and maximum where they are: a value
/// strictly inside the range, set on a unit holding neither extreme.
const std::vector<change>& changes() {
  static const std::vector<change> c = [] {
    const auto& s = problem();
    std::mt19937_64 g(7);
    std::vector<change> out;
    while (out.size() < 4096) {
      const auto j = static_cast<Eigen::Index>(g() % s.indicators);
      const auto i = static_cast<Eigen::Index>(g() % s.units);
      const auto col = s.values.col(j);
      const double lo = col.minCoeff<Eigen::PropagateNumbers>();
      const double hi = col.maxCoeff<Eigen::PropagateNumbers>();
      const double x = col[i];
      if (std::isnan(x) || x == lo || x == hi) continue;
      const double t = chiso::bench::detail::uniform01(g);
      out.push_back({static_cast<std::size_t>(i), static_cast<std::size_t>(j),
                     lo + (0.05 + 0.9 * t) * (hi - lo), x});
    }
    return out;
  }();
  return c;
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

void bm_live(benchmark::State& state, bool fixed) {
  const auto& s = problem();
  chiso::live::scoreboard sb(chiso::plan::compile(framework(fixed), s.columns), s.values);
  const auto& c = changes();
  const auto root = sb.compiled().root();
  std::size_t k = 0;
  for (auto _ : state) {
    const auto& ch = c[k % c.size()];
    sb.set(ch.unit, ch.column, value_at(ch, k++, c.size()));
    benchmark::DoNotOptimize(sb.score(ch.unit, root));
    benchmark::DoNotOptimize(sb.rank(ch.unit));
  }
  state.counters["cells_per_update"] =
      static_cast<double>(sb.stats().cells) / static_cast<double>(state.iterations());
  state.counters["columns_per_update"] =
      static_cast<double>(sb.stats().columns) / static_cast<double>(state.iterations());
}

void bm_full(benchmark::State& state) {
  const auto& s = problem();
  const auto p = chiso::plan::compile(framework(false), s.columns);
  Eigen::MatrixXd values = s.values;
  chiso::result r;
  const auto& c = changes();
  std::size_t k = 0;
  for (auto _ : state) {
    const auto& ch = c[k % c.size()];
    values(static_cast<Eigen::Index>(ch.unit), static_cast<Eigen::Index>(ch.column)) =
        value_at(ch, k++, c.size());
    chiso::evaluate(p, values, {}, r);
    benchmark::DoNotOptimize(r.rank.data());
  }
}

BENCHMARK_CAPTURE(bm_live, live_fixed, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(bm_live, live_observed, false)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_full)->Name("full")->Unit(benchmark::kMicrosecond);

} // namespace
