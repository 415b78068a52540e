// What moves a unit up (declared in include/chiso/whatif/gap.hpp), compiled once into libchiso.
#include "chiso/whatif/gap.hpp"

#include "gap_solver.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace chiso::whatif {

std::string_view to_string(gap_status s) noexcept {
  switch (s) {
  case gap_status::reachable: return "reachable";
  case gap_status::already: return "already";
  case gap_status::unreachable: return "unreachable";
  case gap_status::not_applicable: return "not_applicable";
  }
  return "not_applicable";
}

double rank_of_unit(Eigen::Ref<const Eigen::VectorXd> scores, const rank_options& opt,
                    std::span<const std::uint32_t> groups, std::size_t u) {
  const auto n = static_cast<std::size_t>(scores.size());
  if (u >= n)
    throw usage_error("rank_of_unit: unit " + std::to_string(u) + " out of range (" +
                      std::to_string(n) + " units)");
  if (!groups.empty() && groups.size() != n)
    throw usage_error("rank_of_unit: " + std::to_string(groups.size()) + " group codes for " +
                      std::to_string(n) + " scores");
  const double su = scores[static_cast<Eigen::Index>(u)];
  if (std::isnan(su)) return su;
  const double sign = opt.order == rank_order::descending ? -1.0 : 1.0;
  auto key = [&](double s) { return sign * (opt.round_to ? round_decimal(s, *opt.round_to) : s); };
  const double ku = key(su);
  std::size_t less = 0, equal = 0, equal_before = 0;
  std::vector<double> less_keys;
  for (std::size_t i = 0; i < n; ++i) {
    if (i == u || (!groups.empty() && groups[i] != groups[u])) continue;
    const double s = scores[static_cast<Eigen::Index>(i)];
    if (std::isnan(s)) continue;
    const double k = key(s);
    if (k < ku) {
      ++less;
      if (opt.method == rank_method::dense) less_keys.push_back(k);
    } else if (k == ku) {
      ++equal;
      if (i < u) ++equal_before;
    }
  }
  switch (opt.method) {
  case rank_method::competition: return static_cast<double>(1 + less);
  case rank_method::dense: {
    std::sort(less_keys.begin(), less_keys.end());
    const auto d = std::unique(less_keys.begin(), less_keys.end()) - less_keys.begin();
    return static_cast<double>(1 + d);
  }
  case rank_method::average:
    return static_cast<double>(less) + 1.0 + static_cast<double>(equal) / 2;
  case rank_method::ordinal: return static_cast<double>(1 + less + equal_before);
  }
  return static_cast<double>(1 + less);
}

namespace {

using search::gap_solver;

} // namespace

gap_report gap(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
               std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
               std::size_t unit, const goal& target, const gap_options& o) {
  if (unit >= static_cast<std::size_t>(values.rows()))
    throw usage_error("gap: unit " + std::to_string(unit) + " out of range (" +
                      std::to_string(values.rows()) + " units)");
  if (p.n_nodes() == 0) throw usage_error("gap: the plan has no indicators");
  const auto& f = p.framework();
  gap_solver s(p, values, groups, impute_groups, unit, o);
  const auto& b = s.base();
  gap_report g;
  g.unit = unit;
  g.target = target;
  const auto uu = static_cast<Eigen::Index>(unit);
  g.score_now = b.node(p.root())[uu];
  g.rank_now = b.rank[uu];
  g.band_now = b.band[unit];
  for (std::size_t i = 0; i < static_cast<std::size_t>(values.rows()); ++i)
    if ((groups.empty() || groups[i] == groups[unit]) &&
        !std::isnan(b.node(p.root())[static_cast<Eigen::Index>(i)]))
      ++g.group_size;
  const bool descending = f.ranking.options.order == rank_order::descending;
  if (const auto* r = std::get_if<to_rank>(&target)) {
    double K = r->rank;
    if (K == 0)
      K = std::isnan(g.rank_now) ? static_cast<double>(g.group_size + 1)
                                 : std::max(1.0, g.rank_now - 1);
    if (!(K >= 1))
      throw usage_error("gap: the target rank must be 1 or more, got " + detail::num(r->rank));
    g.target_rank = K;
    s.set_target(true, K, 0, descending ? 1.0 : -1.0);
    s.score_needed(g);
    s.set_threshold(g.score_needed);
  } else if (const auto* sc = std::get_if<to_score>(&target)) {
    if (!std::isfinite(sc->score))
      throw usage_error("gap: the target score must be a finite number");
    s.set_target(false, 0, sc->score, descending ? 1.0 : -1.0);
    s.set_threshold(sc->score);
    g.score_needed = sc->score;
  } else {
    const auto& label = std::get<to_band>(target).label;
    std::size_t bi = f.bands.size();
    std::string names;
    for (std::size_t k = 0; k < f.bands.size(); ++k) {
      if (f.bands[k].label == label) bi = k;
      names += (names.empty() ? "'" : ", '") + f.bands[k].label + "'";
    }
    if (f.bands.empty()) throw usage_error("gap: the framework has no bands");
    if (bi == f.bands.size())
      throw usage_error("gap: unknown band '" + label + "' (bands: " + names + ")");
    const double m = f.bands[bi].min;
    s.set_target(false, 0, m, 1.0);
    s.set_threshold(m);
    g.score_needed = m;
  }
  g.already = s.reaches(g.score_now, g.rank_now);
  g.indicators.resize(p.n_indicators());
  for (std::size_t k = 0; k < p.n_indicators(); ++k) {
    auto& out = g.indicators[k];
    if (g.already) {
      const auto& st = p.indicator_steps()[k];
      out.indicator = k;
      out.column = st.column;
      out.denominator = st.denominator;
      out.value_now = values(uu, static_cast<Eigen::Index>(st.column));
      out.status = gap_status::already;
      continue;
    }
    s.solve(k, out);
  }
  return g;
}

gap_report gap(const plan& p, const dataset& d, std::size_t unit, const goal& target,
               const gap_options& o) {
  d.check();
  const auto groups = ranking_groups(p, d);
  const auto impute = imputation_groups(p, d);
  return gap(p, d.values, groups, impute, unit, target, o);
}

} // namespace chiso::whatif
