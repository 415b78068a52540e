#pragma once
/// \file src/robust/detail.hpp
/// Internals shared by the sources of the robustness layer (src/robust/): resolving the node
/// sets and indicator lists of choices against a framework, and the mean absolute rank shift.

#include "chiso/framework.hpp"
#include "chiso/robust/choices.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace chiso::robust::detail {

/// Positions in `f.nodes` of a node set (framework order, each once); unknown ids and levels
/// are reported through `bad_id(k)` / `bad_level(k)` (item index in the list).
template <class BadId, class BadLevel>
std::vector<std::size_t> resolve_nodes(const framework& f, const node_set& s,
                                       const std::unordered_map<std::string, int>& level,
                                       BadId&& bad_id, BadLevel&& bad_level) {
  std::vector<unsigned char> in(f.nodes.size(), 0);
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < f.nodes.size(); ++k)
    pos[f.nodes[k].id] = k;
  if (s.ids.empty() && s.levels.empty()) std::fill(in.begin(), in.end(), 1);
  for (std::size_t k = 0; k < s.ids.size(); ++k) {
    auto it = pos.find(s.ids[k]);
    if (it == pos.end())
      bad_id(k);
    else
      in[it->second] = 1;
  }
  for (std::size_t k = 0; k < s.levels.size(); ++k) {
    bool any = false;
    for (std::size_t t = 0; t < f.nodes.size(); ++t)
      if (level.at(f.nodes[t].id) == s.levels[k]) {
        in[t] = 1;
        any = true;
      }
    if (!any) bad_level(k);
  }
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < in.size(); ++t)
    if (in[t]) out.push_back(t);
  return out;
}

/// Positions in `f.indicators` of a list of indicator ids (empty: all), in framework order.
template <class BadId>
std::vector<std::size_t> resolve_indicators(const framework& f, const std::vector<std::string>& ids,
                                            BadId&& bad_id) {
  std::vector<std::size_t> out;
  if (ids.empty()) {
    for (std::size_t k = 0; k < f.indicators.size(); ++k)
      out.push_back(k);
    return out;
  }
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < f.indicators.size(); ++k)
    pos[f.indicators[k].id] = k;
  std::vector<unsigned char> in(f.indicators.size(), 0);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto it = pos.find(ids[k]);
    if (it == pos.end())
      bad_id(k);
    else
      in[it->second] = 1;
  }
  for (std::size_t t = 0; t < in.size(); ++t)
    if (in[t]) out.push_back(t);
  return out;
}

/// Mean over units of |rank − nominal| (both present); NaN when no unit has both.
double mean_abs_shift(const double* rank, const double* nominal, Eigen::Index n);

} // namespace chiso::robust::detail
