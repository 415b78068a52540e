#pragma once
/// \file band.hpp
/// Bands: ordered thresholds → labels (HDI: very high ≥ 0.800, high ≥ 0.700, medium ≥ 0.550,
/// low below; EGDI: 0.75 / 0.50 / 0.25; DTI 2020 maps: > 0.40, 0.325–0.40, 0.25–0.325, < 0.25).

#include "chiso/error.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso {

/// One band: scores ≥ `min` (and below the previous band's min) get `label`. The last band may
/// leave `min` at −∞ to catch every remaining score.
struct band {
  std::string label{};
  double min = -std::numeric_limits<double>::infinity();
};

/// Index of the band of `x` in `bands` (ordered by strictly decreasing `min`), or −1 when x is
/// missing or below every band.
inline int classify(const std::vector<band>& bands, double x) noexcept {
  if (std::isnan(x)) return -1;
  for (std::size_t k = 0; k < bands.size(); ++k)
    if (x >= bands[k].min) return static_cast<int>(k);
  return -1;
}

} // namespace chiso
