/// \file bench/dump_scores.cpp
/// Writes one synthetic benchmark problem to disk, for the numpy peer:
///   <dir>/data.csv        wide data (unit, x0000, x0001, ...; missing = empty cell)
///   <dir>/framework.csv   the tree (id, kind, parent, weight, direction)
///   <dir>/chiso_root.csv  chiso's root score and competition rank per unit
///                         (min-max [0, 100] + weighted arithmetic mean, missing skipped)
/// and checks that chiso::io::read_wide_csv reads data.csv back bit for bit, so the numpy
/// peer and the in-memory benchmarks work on exactly the same numbers.
///
/// Usage: dump_scores <units> <indicators> <dir>

#include "generate.hpp"

#include <chiso/io/csv.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " <units> <indicators> <dir>\n";
    return 2;
  }
  try {
    const auto units = static_cast<std::size_t>(std::stoull(argv[1]));
    const auto indicators = static_cast<std::size_t>(std::stoull(argv[2]));
    const std::filesystem::path dir = argv[3];
    std::filesystem::create_directories(dir);
    const auto s = chiso::bench::generate(units, indicators);
    chiso::bench::write_data_csv(s, dir / "data.csv");
    chiso::bench::write_framework_csv(s, dir / "framework.csv");

    // The CSV must read back to the very same matrix (NaN where missing).
    const auto d = chiso::io::read_wide_csv(dir / "data.csv");
    if (d.values.rows() != s.values.rows() || d.values.cols() != s.values.cols() ||
        d.columns != s.columns)
      throw std::runtime_error("data.csv reads back with another shape or other columns");
    if (std::memcmp(d.values.data(), s.values.data(), s.bytes()) != 0) {
      // NaN payloads may differ; compare cell by cell.
      for (Eigen::Index k = 0; k < s.values.size(); ++k) {
        const double a = s.values.data()[k], b = d.values.data()[k];
        if (!(a == b || (std::isnan(a) && std::isnan(b))))
          throw std::runtime_error("data.csv does not read back exactly at cell " +
                                   std::to_string(k));
      }
    }

    const auto p = chiso::plan::compile(chiso::bench::minmax_arithmetic(s), s.columns);
    chiso::result r;
    chiso::evaluate(p, s.values, {}, r);
    const auto root = r.scores.col(static_cast<Eigen::Index>(p.root()));
    std::ofstream out(dir / "chiso_root.csv", std::ios::binary);
    out << "unit,score,rank\n";
    std::string line;
    for (std::size_t i = 0; i < units; ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      line = s.unit_ids[i] + ",";
      chiso::bench::append_double(line, root[ii]);
      line += ",";
      chiso::bench::append_double(line, r.rank[ii]);
      out << line << '\n';
    }
    if (!out) throw std::runtime_error("error writing chiso_root.csv");
    std::size_t missing = 0;
    for (Eigen::Index k = 0; k < s.values.size(); ++k)
      missing += std::isnan(s.values.data()[k]);
    std::printf("%zu x %zu: %.1f MB matrix, %.2f%% missing, %zu diagnostics -> %s\n", units,
                indicators, static_cast<double>(s.bytes()) / 1e6,
                100.0 * static_cast<double>(missing) / static_cast<double>(s.values.size()),
                r.diagnostics.size(), dir.c_str());
  } catch (const std::exception& e) {
    std::cerr << "dump_scores: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
