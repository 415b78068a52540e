/// \file bench/bench_robust.cpp
/// Robustness benchmarks (Google Benchmark), wall time (the runs use several threads):
///   asem/compile                 robust::model::compile of the ASEM set-up below (nominal
///                                model + indicator pool: 49 indicators × 2 normalisations ×
///                                5 winsorised data sets, shared where a column is unchanged)
///   asem/uncertainty/threads:T   run_uncertainty, 1,000 replications, root + Conn + Sust
///                                tracked (summaries included)
///   asem/sensitivity/threads:T   run_sensitivity, N = 100, d = 4 → 600 runs, 1,000 bootstrap
///                                resamples, per-unit indices (COINr's ASEM case in PEERS.md)
///   synthetic/compile/UxI        model::compile on bench/generate.hpp data (2 normalisations)
///   synthetic/replication/UxI/threads:T
///                                run_uncertainty with 20 replications; the counter
///                                s_per_replication is the wall time per replication
///
/// The ASEM set-up is COINr's (PEERS.md): denominate as iMeta says, impute by the mean within
/// EurAsia_group, then four uncertain inputs: winsorisation limit 1–5 (`treat::winmax`, the
/// nominal 5), normalisation min-max [1, 100] or z-score (mean 10, sd 2), the weights of the
/// pillars and sub-indices (children of levels 3 and 4) × U(0.75, 1.25), and the arithmetic or
/// geometric mean at every node.
///
/// The synthetic set-up (10,000 units × 200 indicators → 20 sub-pillars → 4 pillars → index):
/// weights at every node × U(0.75, 1.25), min-max [1, 100] or z-score (10, 2) for every
/// indicator, arithmetic or geometric mean at every node, one indicator (or none) left out.
///
/// Own flags (before Google Benchmark's): --asem-dir=DIR (default: tests/data/spec/coinr next to
/// this file's directory), --sizes=10000x200 (synthetic sizes, comma-separated).

#include "generate.hpp"

#include <benchmark/benchmark.h>
#include <chiso/impute/by_group.hpp>
#include <chiso/io/coinr.hpp>
#include <chiso/robust/sensitivity.hpp>
#include <chiso/robust/uncertainty.hpp>
#include <chiso/treat/winmax.hpp>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace robust = chiso::robust;

std::filesystem::path asem_dir =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "tests/data/spec/coinr";

/// The ASEM problem: plan, nominal data (winmax 5) and the four uncertain inputs.
struct asem_setup {
  chiso::plan plan;
  chiso::dataset data;
  robust::choices choices;
};

asem_setup make_asem() {
  auto f = chiso::io::read_coinr_meta(asem_dir / "asem_iMeta.csv");
  const auto raw = chiso::io::read_coinr_data(asem_dir / "asem_iData.csv", f);
  // Denominate: one column per indicator, value / denominator (missing when either is missing
  // or the denominator is 0).
  chiso::dataset d;
  d.unit_ids = raw.unit_ids;
  const auto n = static_cast<Eigen::Index>(raw.n_units());
  d.values.resize(n, static_cast<Eigen::Index>(f.indicators.size()));
  for (std::size_t k = 0; k < f.indicators.size(); ++k) {
    auto& ind = f.indicators[k];
    const auto x = raw.values.col(static_cast<Eigen::Index>(raw.column_index(ind.source())));
    auto out = d.values.col(static_cast<Eigen::Index>(k));
    out = x;
    if (!ind.denominator.empty()) {
      const auto den = raw.values.col(static_cast<Eigen::Index>(raw.column_index(ind.denominator)));
      for (Eigen::Index i = 0; i < n; ++i)
        out[i] = den[i] == 0 ? std::nan("") : x[i] / den[i];
    }
    d.columns.push_back(ind.id);
    ind.column.clear();
    ind.denominator.clear();
    ind.method = chiso::normalise::min_max{1.0, 100.0, false};
  }
  // Impute by the mean within EurAsia_group.
  std::vector<std::size_t> cols(f.indicators.size());
  for (std::size_t k = 0; k < cols.size(); ++k)
    cols[k] = k;
  const auto groups = chiso::group_codes(raw.group("EurAsia_group")->labels);
  std::vector<chiso::impute::changed_cell> changed;
  chiso::impute::by_group(d.values, cols, groups, chiso::impute::centre::mean, changed);
  // Winsorisation limit 1 … 5.
  robust::data_choice winsorised;
  for (std::size_t limit = 1; limit <= 5; ++limit) {
    Eigen::MatrixXd m = d.values;
    chiso::treat::winmax_options o;
    o.winmax = limit;
    (void)chiso::treat::winmax(m, cols, o, changed);
    winsorised.values.push_back(std::move(m));
    winsorised.labels.push_back("winmax " + std::to_string(limit));
  }
  d.values = winsorised.values.back();
  asem_setup s{chiso::plan::compile(f, d.columns), d, {}};
  s.choices.add("winsorisation", std::move(winsorised));
  s.choices.add("normalisation",
                robust::normalisation_choice{{},
                                             {chiso::normalise::min_max{1.0, 100.0, false},
                                              chiso::normalise::z_score{10.0, 2.0}},
                                             {"minmax:1:100", "zscore:10:2"}});
  s.choices.add("weights", robust::weight_choice{{{}, {3, 4}}, robust::uniform_factor{0.25}});
  s.choices.add(
      "aggregation",
      robust::aggregation_choice{
          {}, {chiso::aggregate::arithmetic_mean{}, chiso::aggregate::geometric_mean{}}, {}});
  return s;
}

const asem_setup& asem() {
  static const asem_setup s = make_asem();
  return s;
}

const robust::model& asem_model() {
  static const robust::model m = robust::model::compile(asem().plan, asem().data, asem().choices);
  return m;
}

void bm_asem_compile(benchmark::State& state) {
  const auto& s = asem();
  for (auto _ : state) {
    auto m = robust::model::compile(s.plan, s.data, s.choices);
    benchmark::DoNotOptimize(m);
  }
  state.counters["pool_columns"] =
      static_cast<double>(robust::model::compile(s.plan, s.data, s.choices).pool_columns());
}

void bm_asem_uncertainty(benchmark::State& state) {
  const auto& m = asem_model();
  robust::uncertainty_options o;
  o.replications = 1000;
  o.seed = 20240601;
  o.track = {"Conn", "Sust"};
  o.threads = static_cast<unsigned>(state.range(0));
  double shift = 0;
  for (auto _ : state) {
    const auto r = robust::run_uncertainty(m, o);
    shift = r.mean_abs_rank_shift.mean();
    benchmark::DoNotOptimize(r);
  }
  state.counters["mean_abs_rank_shift"] = shift;
}

void bm_asem_sensitivity(benchmark::State& state) {
  const auto& m = asem_model();
  robust::sensitivity_options o;
  o.n = 100;
  o.seed = 20240601;
  o.bootstrap = 1000;
  o.threads = static_cast<unsigned>(state.range(0));
  robust::sensitivity_result r;
  for (auto _ : state) {
    r = robust::run_sensitivity(m, o);
    benchmark::DoNotOptimize(r);
  }
  state.counters["runs"] = static_cast<double>(r.runs);
  for (std::size_t i = 0; i < r.inputs.size(); ++i) {
    state.counters["S_" + r.inputs[i]] = r.mean_abs_rank_shift.first[static_cast<Eigen::Index>(i)];
    state.counters["ST_" + r.inputs[i]] = r.mean_abs_rank_shift.total[static_cast<Eigen::Index>(i)];
  }
}

/// The synthetic problem of one size and its robustness choices, built once per size.
struct synthetic_setup {
  std::size_t units = 0, indicators = 0;
  chiso::plan plan;
  chiso::dataset data;
  robust::choices choices;
  std::unique_ptr<robust::model> model;
};

synthetic_setup& synthetic(std::size_t units, std::size_t indicators) {
  static std::unique_ptr<synthetic_setup> current;
  if (!current || current->units != units || current->indicators != indicators) {
    current.reset();
    auto s = std::make_unique<synthetic_setup>();
    const auto g = chiso::bench::generate(units, indicators);
    const auto f = chiso::bench::make_framework(g, chiso::normalise::min_max{1.0, 100.0, false},
                                                chiso::aggregate::arithmetic_mean{});
    s->units = units;
    s->indicators = indicators;
    s->data.unit_ids = g.unit_ids;
    s->data.columns = g.columns;
    s->data.values = g.values;
    s->plan = chiso::plan::compile(f, s->data.columns);
    s->choices.add("weights", robust::weight_choice{{}, robust::uniform_factor{0.25}});
    s->choices.add("normalisation",
                   robust::normalisation_choice{{},
                                                {chiso::normalise::min_max{1.0, 100.0, false},
                                                 chiso::normalise::z_score{10.0, 2.0}},
                                                {}});
    s->choices.add(
        "aggregation",
        robust::aggregation_choice{
            {}, {chiso::aggregate::arithmetic_mean{}, chiso::aggregate::geometric_mean{}}, {}});
    s->choices.add("leave_out",
                   robust::leave_out_choice{{}, robust::leave_out_mode::one_at_a_time, 1, true});
    s->model =
        std::make_unique<robust::model>(robust::model::compile(s->plan, s->data, s->choices));
    current = std::move(s);
  }
  return *current;
}

void bm_synthetic_compile(benchmark::State& state, std::size_t u, std::size_t i) {
  auto& s = synthetic(u, i);
  for (auto _ : state) {
    auto m = robust::model::compile(s.plan, s.data, s.choices);
    benchmark::DoNotOptimize(m);
  }
}

void bm_synthetic_replication(benchmark::State& state, std::size_t u, std::size_t i,
                              unsigned threads) {
  auto& s = synthetic(u, i);
  robust::uncertainty_options o;
  o.replications = 20;
  o.threads = threads;
  for (auto _ : state) {
    const auto r = robust::run_uncertainty(*s.model, o);
    benchmark::DoNotOptimize(r);
  }
  state.counters["s_per_replication"] = benchmark::Counter(
      static_cast<double>(o.replications),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::pair<std::size_t, std::size_t>> sizes = {{10000, 200}};
  std::vector<char*> rest;
  for (int k = 0; k < argc; ++k) {
    const std::string a = argv[k];
    if (a.rfind("--asem-dir=", 0) == 0) {
      asem_dir = a.substr(11);
    } else if (a.rfind("--sizes=", 0) == 0) {
      sizes.clear();
      std::string list = a.substr(8);
      std::size_t start = 0;
      while (start < list.size()) {
        auto end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        const auto item = list.substr(start, end - start);
        const auto x = item.find('x');
        sizes.emplace_back(std::stoul(item.substr(0, x)), std::stoul(item.substr(x + 1)));
        start = end + 1;
      }
    } else {
      rest.push_back(argv[k]);
    }
  }
  int rest_argc = static_cast<int>(rest.size());
  benchmark::RegisterBenchmark("asem/compile", bm_asem_compile)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("asem/uncertainty", bm_asem_uncertainty)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("asem/sensitivity", bm_asem_sensitivity)
      ->ArgName("threads")
      ->Arg(1)
      ->Arg(2)
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
  for (auto [u, i] : sizes) {
    const std::string tag = "/" + std::to_string(u) + "x" + std::to_string(i);
    benchmark::RegisterBenchmark(("synthetic/compile" + tag).c_str(), bm_synthetic_compile, u, i)
        ->Unit(benchmark::kMillisecond);
    for (unsigned t : {1u, 2u})
      benchmark::RegisterBenchmark(
          ("synthetic/replication" + tag + "/threads:" + std::to_string(t)).c_str(),
          bm_synthetic_replication, u, i, t)
          ->UseRealTime()
          ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&rest_argc, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_argc, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
