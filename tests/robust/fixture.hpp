// Shared set-ups of the robustness tests: a small two-level framework over seeded data, and
// the ASEM example of COINr (tests/data/spec/coinr).
#pragma once

#include <chiso/io/coinr.hpp>
#include <chiso/robust/random.hpp>
#include <chiso/score.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace chiso_test {

/// x1, x2 → root (arithmetic mean, weights 1, 1), min-max [0, 100]; units x1 = {0, 5, 10},
/// x2 = {10, 0, 5}.
struct tiny {
  chiso::framework f;
  chiso::dataset d;
  tiny() {
    for (const char* id : {"x1", "x2"}) {
      chiso::indicator i;
      i.id = id;
      i.method = chiso::normalise::min_max{0.0, 100.0, false};
      f.indicators.push_back(i);
    }
    chiso::node root;
    root.id = "root";
    root.children = {{"x1", 1.0}, {"x2", 1.0}};
    f.nodes = {root};
    d.columns = {"x1", "x2"};
    d.unit_ids = {"u0", "u1", "u2"};
    d.values.resize(3, 2);
    d.values << 0, 10, 5, 0, 10, 5;
  }
};

/// Indicators a, b, c, d (min-max to [0, 100]); p1 = mean(a, b), p2 = mean(c, d),
/// root = mean(p1, p2), all weights 1.
inline chiso::framework two_level() {
  chiso::framework f;
  f.id = "two_level";
  for (const char* id : {"a", "b", "c", "d"}) {
    chiso::indicator i;
    i.id = id;
    i.method = chiso::normalise::min_max{0.0, 100.0, false};
    f.indicators.push_back(i);
  }
  chiso::node p1, p2, root;
  p1.id = "p1";
  p1.children = {{"a", 1.0}, {"b", 1.0}};
  p2.id = "p2";
  p2.children = {{"c", 1.0}, {"d", 1.0}};
  root.id = "root";
  root.children = {{"p1", 1.0}, {"p2", 1.0}};
  f.nodes = {p1, p2, root};
  f.root = "root";
  return f;
}

/// `units` units with columns a, b, c, d uniform in [1, 11) (seeded, so fixed), one cell missing.
inline chiso::dataset seeded_data(std::size_t units, std::uint64_t seed = 7) {
  chiso::dataset d;
  d.columns = {"a", "b", "c", "d"};
  d.values.resize(static_cast<Eigen::Index>(units), 4);
  chiso::robust::generator g(seed);
  for (std::size_t i = 0; i < units; ++i) {
    d.unit_ids.push_back("u" + std::to_string(i));
    for (Eigen::Index j = 0; j < 4; ++j)
      d.values(static_cast<Eigen::Index>(i), j) = 1.0 + 10.0 * chiso::robust::uniform01(g);
  }
  if (units > 3) d.values(3, 1) = std::nan("");
  return d;
}

inline const std::filesystem::path asem_dir =
    std::filesystem::path(CHISO_SOURCE_DIR) / "tests/data/spec/coinr";

} // namespace chiso_test
