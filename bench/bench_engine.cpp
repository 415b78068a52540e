/// \file bench/bench_engine.cpp
/// Bulk recalculation benchmarks (Google Benchmark), units × indicators:
///   full/UxI       min-max [0, 100] + weighted arithmetic mean (missing skipped, weights
///                  renormalised) + competition ranks of the root: chiso::evaluate into a reused
///                  chiso::result, plan compiled once outside the timed loop
///   full2t/UxI     the full recompute with `threads = 2` (indicators scored on two threads,
///                  bit-identical to one; wall time, not CPU time, shows the gain)
///   lean/UxI       the full recompute keeping only the aggregates' scores
///   (chiso::keep::aggregates:
///                  indicator scores go to scratch columns, not the result)
///   geometric/UxI  min-max [1, 100] + weighted geometric mean + ranks (min-max to [1, 100],
///                  not z-scores: z-scores can be <= 0, which the geometric mean refuses)
///   zscore/UxI     z-score (mean 10, sd 2, the ASEM set-up) + arithmetic mean + ranks
///   compile/UxI    chiso::plan::compile alone (depends on the indicators only)
///   rank/UxI       chiso::rank of the root column alone (competition, descending), taking
///                  in turn 16 shuffles of the root column
///   read_csv/UxI   chiso::io::read_wide_csv of the same data as CSV (file in the page cache)
///   floor/UxI      a STREAM-like pass over the same input matrix: the sum of all cells
///   floor_copy/UxI read the input matrix once and write a copy (what a pass that writes a
///                  result of the same size cannot beat)
/// Bytes processed = the input matrix (units × indicators × 8 bytes) per iteration, for every
/// case, so the GB/s columns compare directly with the floor.
///
/// Memory (Linux): counters peak_MB (VmHWM of the process while the case ran: the high-water
/// mark is reset through /proc/self/clear_refs just before the case, so each case gets its own),
/// extra_MB (peak minus the resident size just before the case, which already holds the
/// input), input_MB, and mem_x_input = (input + extra) / input.
///
/// Own flags (before Google Benchmark's): --sizes=1000x50,10000x200 (default: all nine of
/// {1000, 10000, 100000} × {50, 200, 1000}), --reps=N (default 5), --min-time=S (default 0.1),
/// --data-dir=DIR (where read_csv finds or writes <DIR>/<U>x<I>/data.csv; default bench-data),
/// --csv-max-cells=N (read_csv only up to N cells; default 20,000,000).

#include "generate.hpp"

#include <benchmark/benchmark.h>
#include <chiso/io/csv.hpp>

#if defined(__GLIBC__)
#include <malloc.h> // malloc_trim
#endif

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

using chiso::bench::synthetic;

/// The problem of one size, generated once and kept while benchmarks of that size run
/// (benchmarks are registered size by size, so only one problem is resident at a time).
const synthetic& problem(std::size_t units, std::size_t indicators) {
  static std::unique_ptr<synthetic> current;
  if (!current || current->units != units || current->indicators != indicators) {
    current.reset();
    current = std::make_unique<synthetic>(chiso::bench::generate(units, indicators));
  }
  return *current;
}

/// A field of /proc/self/status in kB, or -1.
long status_kb(const char* key) {
  std::ifstream f("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(f, line))
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
      return std::stol(line.substr(n + 1));
  return -1;
}

/// Returns free heap pages to the system where the C library can (glibc).
void trim_heap() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

/// Peak memory of one case: hands free heap pages back to the system (so that what the case
/// allocates shows in the peak even when malloc reuses memory an earlier run freed), then
/// resets the high-water mark.
struct memory_probe {
  long before_kb = (trim_heap(), status_kb("VmRSS"));
  bool reset = [] {
    std::ofstream f("/proc/self/clear_refs");
    f << "5";
    f.flush();
    return static_cast<bool>(f);
  }();

  void report(benchmark::State& state, std::size_t input_bytes) const {
    const long peak_kb = status_kb("VmHWM");
    const double input_mb = static_cast<double>(input_bytes) / 1e6;
    const double extra_mb = static_cast<double>(peak_kb - before_kb) * 1024 / 1e6;
    state.counters["peak_MB"] = static_cast<double>(peak_kb) * 1024 / 1e6;
    state.counters["extra_MB"] = extra_mb;
    state.counters["input_MB"] = input_mb;
    state.counters["mem_x_input"] = (input_mb + extra_mb) / input_mb;
    if (!reset) state.SetLabel("VmHWM not reset: peak is the process's");
  }
};

void set_bytes(benchmark::State& state, const synthetic& s) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(s.bytes()));
}

chiso::framework framework_for(const synthetic& s, const std::string& which) {
  if (which == "geometric")
    return chiso::bench::make_framework(s, chiso::normalise::min_max{1.0, 100.0, false},
                                        chiso::aggregate::geometric_mean{});
  if (which == "zscore")
    return chiso::bench::make_framework(s, chiso::normalise::z_score{10.0, 2.0},
                                        chiso::aggregate::arithmetic_mean{});
  return chiso::bench::minmax_arithmetic(s);
}

void bm_evaluate(benchmark::State& state, std::size_t u, std::size_t i, std::string which) {
  const auto& s = problem(u, i);
  const memory_probe mem;
  const unsigned threads = which == "full2t" ? 2 : 1;
  const auto p = chiso::plan::compile(framework_for(s, threads == 2 ? "full" : which), s.columns);
  chiso::result r;
  const auto keep = which == "lean" ? chiso::keep::aggregates : chiso::keep::all;
  chiso::evaluate(p, s.values, {}, r, keep, threads); // sizes the reused result (in the peak)
  for (auto _ : state) {
    chiso::evaluate(p, s.values, {}, r, keep, threads);
    benchmark::DoNotOptimize(r.rank.data());
    benchmark::ClobberMemory();
  }
  if (!r.diagnostics.empty())
    state.SkipWithError(("unexpected diagnostics: " + r.diagnostics.front().message).c_str());
  set_bytes(state, s);
  mem.report(state, s.bytes());
}

void bm_compile(benchmark::State& state, std::size_t u, std::size_t i) {
  const auto& s = problem(u, i);
  const memory_probe mem;
  const auto f = chiso::bench::minmax_arithmetic(s);
  for (auto _ : state) {
    auto p = chiso::plan::compile(f, s.columns);
    benchmark::DoNotOptimize(p);
  }
  set_bytes(state, s);
  mem.report(state, s.bytes());
}

void bm_rank(benchmark::State& state, std::size_t u, std::size_t i) {
  const auto& s = problem(u, i);
  const memory_probe mem;
  const auto p = chiso::plan::compile(chiso::bench::minmax_arithmetic(s), s.columns);
  chiso::result r;
  chiso::evaluate(p, s.values, {}, r);
  // Sixteen shuffles of the root column, used in turn: sorting the very same column again and
  // again lets the branch predictor learn its comparisons (rank of 1,000 units measured 5×
  // faster that way), which no real recalculation enjoys.
  std::vector<Eigen::VectorXd> roots(16, r.scores.col(static_cast<Eigen::Index>(p.root())));
  std::mt19937_64 g(chiso::bench::default_seed);
  for (auto& x : roots)
    std::shuffle(x.begin(), x.end(), g);
  Eigen::VectorXd out(roots[0].size());
  const chiso::rank_options opt; // competition, descending
  std::size_t k = 0;
  for (auto _ : state) {
    chiso::rank(roots[k++ % roots.size()], opt, {}, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, s);
  mem.report(state, s.bytes());
}

std::string data_dir = "bench-data";

void bm_read_csv(benchmark::State& state, std::size_t u, std::size_t i) {
  const auto& s = problem(u, i);
  const auto dir = std::filesystem::path(data_dir) / (std::to_string(u) + "x" + std::to_string(i));
  const auto path = dir / "data.csv";
  if (!std::filesystem::exists(path)) {
    std::filesystem::create_directories(dir);
    chiso::bench::write_data_csv(s, path);
  }
  const memory_probe mem;
  std::size_t rows = 0;
  for (auto _ : state) {
    auto d = chiso::io::read_wide_csv(path);
    rows = d.n_units();
    benchmark::DoNotOptimize(d.values.data());
  }
  if (rows != u) state.SkipWithError("read_csv: wrong number of rows");
  set_bytes(state, s);
  state.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  mem.report(state, s.bytes());
}

void bm_floor(benchmark::State& state, std::size_t u, std::size_t i) {
  const auto& s = problem(u, i);
  const memory_probe mem;
  const double* x = s.values.data();
  const auto n = static_cast<std::size_t>(s.values.size());
  for (auto _ : state) {
    // Eight independent sums so the pass is limited by memory, not by the latency of one
    // chain of additions (no fast-math: the compiler may not reassociate a single sum).
    double a[8] = {};
    std::size_t k = 0;
    for (; k + 8 <= n; k += 8)
      for (int t = 0; t < 8; ++t)
        a[t] += x[k + static_cast<std::size_t>(t)];
    for (; k < n; ++k)
      a[0] += x[k];
    double sum = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
    benchmark::DoNotOptimize(sum);
  }
  set_bytes(state, s);
  mem.report(state, s.bytes());
}

void bm_floor_copy(benchmark::State& state, std::size_t u, std::size_t i) {
  const auto& s = problem(u, i);
  const memory_probe mem;
  Eigen::MatrixXd out = s.values; // first touch of the output outside the timed loop
  for (auto _ : state) {
    out = s.values;
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, s);
  mem.report(state, s.bytes());
}

struct options {
  std::vector<std::pair<std::size_t, std::size_t>> sizes;
  int reps = 5;
  double min_time = 0.1;
  std::size_t csv_max_cells = 20'000'000;
};

std::vector<std::pair<std::size_t, std::size_t>> parse_sizes(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto item = text.substr(start, end - start);
    const auto x = item.find('x');
    if (x == std::string::npos) throw std::invalid_argument("--sizes: '" + item + "' is not UxI");
    out.emplace_back(std::stoull(item.substr(0, x)), std::stoull(item.substr(x + 1)));
    start = end + 1;
  }
  return out;
}

/// Removes our own flags from argv, leaving Google Benchmark's.
options parse(int& argc, char** argv) {
  options o;
  for (std::size_t u : {1000u, 10000u, 100000u})
    for (std::size_t i : {50u, 200u, 1000u})
      o.sizes.emplace_back(u, i);
  int w = 1;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto value = [&](const char* flag) -> const char* {
      const auto n = std::strlen(flag);
      return a.compare(0, n, flag) == 0 ? argv[k] + n : nullptr;
    };
    if (auto v = value("--sizes="))
      o.sizes = parse_sizes(v);
    else if (auto v = value("--reps="))
      o.reps = std::stoi(v);
    else if (auto v = value("--min-time="))
      o.min_time = std::stod(v);
    else if (auto v = value("--data-dir="))
      data_dir = v;
    else if (auto v = value("--csv-max-cells="))
      o.csv_max_cells = std::stoull(v);
    else
      argv[w++] = argv[k];
  }
  argc = w;
  return o;
}

} // namespace

int main(int argc, char** argv) {
  options o;
  try {
    o = parse(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_engine: %s\n", e.what());
    return 2;
  }
  for (const auto& [u, i] : o.sizes) {
    const std::string tag = "/" + std::to_string(u) + "x" + std::to_string(i);
    std::vector<benchmark::internal::Benchmark*> b;
    for (const char* which : {"full", "full2t", "lean", "geometric", "zscore"})
      b.push_back(benchmark::RegisterBenchmark((which + tag).c_str(), bm_evaluate, u, i,
                                               std::string(which)));
    b.push_back(benchmark::RegisterBenchmark(("compile" + tag).c_str(), bm_compile, u, i));
    b.push_back(benchmark::RegisterBenchmark(("rank" + tag).c_str(), bm_rank, u, i));
    if (u * i <= o.csv_max_cells)
      b.push_back(benchmark::RegisterBenchmark(("read_csv" + tag).c_str(), bm_read_csv, u, i));
    b.push_back(benchmark::RegisterBenchmark(("floor" + tag).c_str(), bm_floor, u, i));
    b.push_back(benchmark::RegisterBenchmark(("floor_copy" + tag).c_str(), bm_floor_copy, u, i));
    for (auto* x : b)
      x->UseRealTime()
          ->MinTime(o.min_time)
          ->Repetitions(o.reps)
          ->ReportAggregatesOnly(true)
          ->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
