#pragma once
/// \file bench/generate.hpp
/// Seeded synthetic data for the benchmarks: units × indicators with mixed distributions,
/// ~1% missing cells, ~20% of indicators with direction −1, unequal weights, and a 4-level
/// framework (indicators → sub-pillars of 10 → pillars of 5 sub-pillars → index).
///
/// The same (units, indicators, seed) always gives bit-identical data (std::mt19937_64 and
/// distributions written out here, not std::*_distribution, whose algorithms the standard
/// leaves to the library). `write_data_csv` and `write_framework_csv` put exactly that data
/// and structure on disk for the numpy peer (bench/peers/numpy_pipeline.py).

#include <chiso/chiso.hpp>

#include <Eigen/Core>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace chiso::bench {

inline constexpr std::uint64_t default_seed = 20240601;

/// One synthetic problem: the raw matrix and the tree above it.
struct synthetic {
  std::size_t units = 0, indicators = 0;
  std::vector<std::string> unit_ids;
  std::vector<std::string> columns; ///< indicator ids = data column names
  Eigen::MatrixXd values;           ///< units × indicators, column-major, NaN = missing
  std::vector<int> direction;       ///< per indicator, +1 or −1
  std::vector<std::string> kind;    ///< per indicator: normal, lognormal, uniform, count
  /// Tree: every indicator and node has one parent (the root has none) and a weight in it.
  struct item {
    std::string id, kind, parent; ///< kind: indicator, sub_pillar, pillar, index
    double weight = 1.0;
    int direction = 1;
  };
  std::vector<item> items; ///< indicators first, then sub-pillars, pillars, the index

  std::size_t bytes() const noexcept {
    return static_cast<std::size_t>(values.size()) * sizeof(double);
  }
};

namespace detail {

/// Uniform double in [0, 1) from the top 53 bits.
inline double uniform01(std::mt19937_64& g) {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}
/// Standard normal by Box–Muller (one value per call; deterministic across libraries).
inline double std_normal(std::mt19937_64& g) {
  double u = uniform01(g);
  while (u <= 0.0)
    u = uniform01(g);
  const double v = uniform01(g);
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}
/// Poisson by inversion (small means only).
inline double poisson(std::mt19937_64& g, double mean) {
  const double limit = std::exp(-mean);
  double p = uniform01(g);
  int k = 0;
  while (p > limit) {
    p *= uniform01(g);
    ++k;
  }
  return k;
}
/// Weight in {0.5, 0.75, ..., 2}: unequal, exact in binary.
inline double weight(std::mt19937_64& g) {
  return 0.5 + 0.25 * static_cast<double>(g() % 7);
}
/// `prefix` then k zero-padded to `width` digits ("x0007").
inline std::string padded(const char* prefix, std::size_t k, std::size_t width) {
  const std::string digits = std::to_string(k);
  return prefix + std::string(digits.size() < width ? width - digits.size() : 0, '0') + digits;
}

} // namespace detail

/// Generates `units` × `indicators` values and the tree (sub-pillars of 10 indicators, pillars
/// of 5 sub-pillars, one index; the last group of a level may be smaller).
inline synthetic generate(std::size_t units, std::size_t indicators,
                          std::uint64_t seed = default_seed) {
  synthetic s;
  s.units = units;
  s.indicators = indicators;
  std::mt19937_64 g(seed ^ (units * 0x9E3779B97F4A7C15ull) ^ (indicators << 32));
  s.unit_ids.reserve(units);
  for (std::size_t i = 0; i < units; ++i)
    s.unit_ids.push_back(detail::padded("u", i, 6));
  s.values.resize(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(indicators));
  const char* kinds[] = {"normal", "lognormal", "uniform", "count"};
  for (std::size_t j = 0; j < indicators; ++j) {
    s.columns.push_back(detail::padded("x", j, 4));
    s.direction.push_back(detail::uniform01(g) < 0.2 ? -1 : 1);
    const auto k = static_cast<int>(g() % 4);
    s.kind.push_back(kinds[k]);
    // Per-indicator parameters so columns differ in location and spread.
    const double a = 1.0 + 99.0 * detail::uniform01(g);
    const double b = 0.2 + 0.8 * detail::uniform01(g);
    double* col = s.values.col(static_cast<Eigen::Index>(j)).data();
    for (std::size_t i = 0; i < units; ++i) {
      double v = 0;
      switch (k) {
      case 0: v = a + a * 0.3 * detail::std_normal(g); break;
      case 1: v = std::exp(std::log(a) + b * detail::std_normal(g)); break;
      case 2: v = a * detail::uniform01(g); break;
      default: v = detail::poisson(g, 2.0 + 0.3 * a); break;
      }
      col[i] = detail::uniform01(g) < 0.01 ? std::numeric_limits<double>::quiet_NaN() : v;
    }
  }
  // Tree.
  const std::size_t n_sub = (indicators + 9) / 10, n_pil = (n_sub + 4) / 5;
  for (std::size_t j = 0; j < indicators; ++j)
    s.items.push_back({s.columns[j], "indicator", detail::padded("sp", j / 10, 3),
                       detail::weight(g), s.direction[j]});
  for (std::size_t k = 0; k < n_sub; ++k)
    s.items.push_back({detail::padded("sp", k, 3), "sub_pillar", detail::padded("p", k / 5, 2),
                       detail::weight(g), 1});
  for (std::size_t k = 0; k < n_pil; ++k)
    s.items.push_back({detail::padded("p", k, 2), "pillar", "index", detail::weight(g), 1});
  s.items.push_back({"index", "index", "", 1.0, 1});
  return s;
}

/// The tree as a chiso framework: every indicator scored by `method`, every node aggregated by
/// `aggregation`, competition ranks (descending) of the root.
inline chiso::framework make_framework(const synthetic& s, const chiso::method& method,
                                       const chiso::aggregation& aggregation) {
  chiso::framework f;
  f.id = "synthetic";
  f.root = "index";
  std::vector<std::size_t> node_of; // item -> position in f.nodes (npos for indicators)
  for (const auto& it : s.items) {
    if (it.kind == "indicator") {
      chiso::indicator ind;
      ind.id = it.id;
      ind.direction = it.direction;
      ind.method = method;
      f.indicators.push_back(std::move(ind));
    } else {
      chiso::node n;
      n.id = it.id;
      n.aggregation = aggregation;
      f.nodes.push_back(std::move(n));
    }
  }
  // Children in item order (indicators of a sub-pillar are contiguous, and so on).
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < f.nodes.size(); ++k)
    pos.emplace(f.nodes[k].id, k);
  for (const auto& it : s.items)
    if (!it.parent.empty()) f.nodes[pos.at(it.parent)].children.push_back({it.id, it.weight});
  return f;
}

/// The benchmarks' main set-up: min-max to [0, 100] and the weighted arithmetic mean.
inline chiso::framework minmax_arithmetic(const synthetic& s) {
  return make_framework(s, chiso::normalise::min_max{0.0, 100.0, false},
                        chiso::aggregate::arithmetic_mean{});
}

/// Shortest text that reads back to the same double ("" for NaN).
inline void append_double(std::string& out, double v) {
  if (std::isnan(v)) return;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

/// Writes the data as a wide CSV: `unit`, then one column per indicator; missing = empty cell.
inline void write_data_csv(const synthetic& s, const std::filesystem::path& path) {
  std::ofstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot write " + path.string());
  std::string line = "unit";
  for (const auto& c : s.columns)
    line += "," + c;
  line += '\n';
  f << line;
  for (std::size_t i = 0; i < s.units; ++i) {
    line = s.unit_ids[i];
    for (std::size_t j = 0; j < s.indicators; ++j) {
      line += ',';
      append_double(line, s.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    }
    line += '\n';
    f << line;
  }
  if (!f) throw std::runtime_error("error writing " + path.string());
}

/// Writes the tree: `id,kind,parent,weight,direction`, one row per indicator and node.
inline void write_framework_csv(const synthetic& s, const std::filesystem::path& path) {
  std::ofstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot write " + path.string());
  f << "id,kind,parent,weight,direction\n";
  for (const auto& it : s.items) {
    std::string w;
    append_double(w, it.weight);
    f << it.id << ',' << it.kind << ',' << it.parent << ',' << w << ',' << it.direction << '\n';
  }
  if (!f) throw std::runtime_error("error writing " + path.string());
}

} // namespace chiso::bench
