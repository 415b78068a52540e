// A scored panel seen as series (declared in include/chiso/time/series.hpp), compiled once into
// libchiso.
#include "chiso/time/series.hpp"

#include "chiso/error.hpp"
#include "chiso/plan.hpp"
#include "chiso/rank.hpp"
#include "chiso/score.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chiso::time {

namespace {

/// `align_units` over `periods` periods whose ids `ids_of(t)` gives (a vector of strings that
/// stays put during the call): ids are looked up as views, without copying them twice.
template <class IdsOf> panel_units align_periods(std::size_t periods, IdsOf ids_of) {
  panel_units out;
  std::size_t total = 0;
  for (std::size_t t = 0; t < periods; ++t)
    total += ids_of(t).size();
  std::unordered_map<std::string_view, std::size_t> unit_of;
  unit_of.reserve(total);
  for (std::size_t t = 0; t < periods; ++t) {
    const std::vector<std::string>& ids = ids_of(t);
    out.row.emplace_back(out.ids.size(), panel_units::npos);
    if (t == 0) out.row[0].reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::string& id = ids[i];
      auto [it, fresh] = unit_of.emplace(id, out.ids.size());
      if (fresh) {
        out.ids.push_back(id);
        for (auto& r : out.row)
          r.push_back(panel_units::npos);
      }
      auto& cell = out.row[t][it->second];
      if (cell != panel_units::npos)
        throw usage_error("align_units: unit '" + id + "' appears twice in period " +
                          std::to_string(t + 1));
      cell = i;
    }
  }
  return out;
}

} // namespace

panel_units align_units(std::span<const std::vector<std::string>> unit_ids) {
  return align_periods(unit_ids.size(), [&](std::size_t t) -> const std::vector<std::string>& {
    return unit_ids[t];
  });
}

panel_units align_units(std::span<const dataset> data) {
  return align_periods(data.size(), [&](std::size_t t) -> const std::vector<std::string>& {
    return data[t].unit_ids;
  });
}

Eigen::VectorXd node_ranks(const plan& p, const result& r, std::span<const std::uint32_t> groups,
                           std::size_t k) {
  if (k == p.root()) return r.rank;
  Eigen::VectorXd out(r.scores.rows());
  chiso::rank(r.node(k), p.framework().ranking.options, groups, out);
  return out;
}

Eigen::VectorXd indicator_values(const plan& p, std::size_t k,
                                 Eigen::Ref<const Eigen::MatrixXd> values) {
  if (k >= p.n_indicators())
    throw usage_error("indicator_values: plan index " + std::to_string(k) + " is not an indicator");
  const auto& s = p.indicator_steps()[k];
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const auto x = values.col(static_cast<Eigen::Index>(s.column));
  Eigen::VectorXd out(values.rows());
  for (Eigen::Index i = 0; i < values.rows(); ++i) {
    double v = x[i];
    if (s.denominator != plan::npos) {
      const double d = values(i, static_cast<Eigen::Index>(s.denominator));
      v = std::isnan(d) || d == 0 ? nan : v / d;
    }
    out[i] = v * s.scale;
  }
  return out;
}

std::vector<declared_target> declared_targets(const plan& p) {
  std::vector<declared_target> out;
  const auto& f = p.framework();
  for (const auto& ind : f.indicators)
    for (const auto& t : ind.targets)
      out.push_back({ind.id, false, p.index(ind.id), t});
  for (const auto& n : f.nodes)
    for (const auto& t : n.targets)
      out.push_back({n.id, true, p.index(n.id), t});
  return out;
}

status_table count_present(const target_result& r, const panel_units& units, std::size_t t,
                           std::span<const std::uint32_t> groups) {
  if (t >= units.n_periods())
    throw usage_error("count_present: period " + std::to_string(t) + " out of range (" +
                      std::to_string(units.n_periods()) + " periods)");
  if (!groups.empty() && groups.size() != units.n_units())
    throw usage_error("count_present: " + std::to_string(groups.size()) + " group codes for " +
                      std::to_string(units.n_units()) + " units");
  std::uint32_t n_groups = groups.empty() ? 1 : 0;
  for (auto g : groups)
    n_groups = g + 1 > n_groups ? g + 1 : n_groups;
  std::vector<std::uint32_t> g(units.n_units(), 0);
  for (std::size_t u = 0; u < g.size(); ++u)
    g[u] = !units.present(t, u) ? n_groups : groups.empty() ? 0u : groups[u];
  auto out = count_status(r, static_cast<Eigen::Index>(t), g);
  out.counts.resize(n_groups);
  return out;
}

} // namespace chiso::time
