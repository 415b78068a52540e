// The engine's panel (declared in include/chiso/panel.hpp), compiled once into libchiso.
#include "chiso/panel.hpp"

namespace chiso {
namespace detail {

std::vector<std::vector<impute::changed_cell>>
impute_along_periods(const plan& p, std::span<const dataset> data,
                     std::span<const double> positions) {
  constexpr auto none = static_cast<std::size_t>(-1);
  const auto& f = p.framework();
  const std::size_t T = data.size();
  std::vector<std::vector<impute::changed_cell>> out(T);
  if (!f.impute_periods || T < 2) return out;
  const std::size_t ni = p.n_indicators();
  std::vector<std::size_t> cols;
  for (std::size_t k = 0; k < ni; ++k)
    if (f.indicators[k].impute) cols.push_back(k);
  // Union of the periods' units, in order of first appearance.
  std::unordered_map<std::string_view, std::size_t> row_of;
  std::vector<std::vector<std::size_t>> row(T);
  std::vector<std::size_t> seen_in; // per union row: 1 + the last period it was seen in
  for (std::size_t t = 0; t < T; ++t) {
    for (const auto& id : data[t].unit_ids) {
      const auto r = row_of.emplace(id, row_of.size()).first->second;
      seen_in.resize(row_of.size(), 0);
      if (std::exchange(seen_in[r], t + 1) == t + 1)
        throw input_error(
            (data[t].source.empty() ? "period " + std::to_string(t) : data[t].source) + ": unit '" +
            id + "' appears twice, so it cannot be followed along the periods");
      row[t].push_back(r);
    }
  }
  const auto N = static_cast<Eigen::Index>(row_of.size());
  std::vector<Eigen::MatrixXd> panel(
      T, Eigen::MatrixXd::Constant(N, static_cast<Eigen::Index>(ni), nan));
  std::vector<std::vector<cell_index>> policy(T);
  std::vector<std::vector<std::size_t>> period_row(T,
                                                   std::vector<std::size_t>(row_of.size(), none));
  Eigen::MatrixXd x;
  for (std::size_t t = 0; t < T; ++t) {
    policy[t] = prepared_columns(p, data[t].values, x);
    for (std::size_t i = 0; i < row[t].size(); ++i) {
      period_row[t][row[t][i]] = i;
      for (auto k : cols)
        if (!std::binary_search(policy[t].begin(), policy[t].end(), cell_index{i, k}))
          panel[t](static_cast<Eigen::Index>(row[t][i]), static_cast<Eigen::Index>(k)) =
              x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
    }
  }
  std::vector<impute::changed_cell> cells;
  if (f.impute_periods->method == panel_imputation::kind::interpolate)
    impute::interpolate(panel, cols, cells, positions);
  else
    impute::carry_forward(panel, cols, f.impute_periods->max_gap, cells, positions);
  for (auto c : cells) {
    const auto i = period_row[c.period][c.unit];
    if (i == none || std::binary_search(policy[c.period].begin(), policy[c.period].end(),
                                        cell_index{i, c.column}))
      continue; // the unit is not in that period, or its cell belongs to a policy
    c.unit = i;
    out[c.period].push_back(c);
  }
  return out;
}

} // namespace detail

std::vector<result> evaluate_periods(const plan& p, std::span<const dataset> data,
                                     period_scaling scaling, keep what,
                                     std::span<const double> positions) {
  std::vector<result> out(data.size());
  for (const auto& d : data)
    d.check();
  const auto along = detail::impute_along_periods(p, data, positions);
  if (scaling == period_scaling::per_period || data.size() <= 1) {
    for (std::size_t t = 0; t < data.size(); ++t)
      evaluate(p, data[t].values, ranking_groups(p, data[t]), imputation_groups(p, data[t]), out[t],
               what, along[t]);
    return out;
  }
  Eigen::Index rows = 0;
  for (const auto& d : data) {
    if (d.columns != data[0].columns)
      throw usage_error("evaluate_periods: every period must have the same columns in the same "
                        "order (period 0 and '" +
                        (d.source.empty() ? std::string("a later period") : d.source) +
                        "' differ)");
    rows += d.values.rows();
  }
  Eigen::MatrixXd stacked(rows, data[0].values.cols());
  std::vector<std::uint32_t> groups(static_cast<std::size_t>(rows));
  std::vector<Eigen::Index> first(data.size() + 1, 0);
  std::uint32_t offset = 0;
  for (std::size_t t = 0; t < data.size(); ++t) {
    const auto n = data[t].values.rows();
    first[t + 1] = first[t] + n;
    stacked.middleRows(first[t], n) = data[t].values;
    const auto g = ranking_groups(p, data[t]);
    std::uint32_t most = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const std::uint32_t code = g.empty() ? 0u : g[static_cast<std::size_t>(i)];
      groups[static_cast<std::size_t>(first[t] + i)] = offset + code;
      most = std::max(most, code);
    }
    offset += most + 1;
  }
  std::vector<impute::changed_cell> stacked_along;
  for (std::size_t t = 0; t < data.size(); ++t)
    for (auto c : along[t]) {
      c.unit += static_cast<std::size_t>(first[t]);
      stacked_along.push_back(c);
    }
  result all;
  evaluate(p, stacked, groups, imputation_groups(p, data), all, what, stacked_along);
  for (std::size_t t = 0; t < data.size(); ++t) {
    const auto n = first[t + 1] - first[t];
    auto& r = out[t];
    r.first_node = all.first_node;
    r.scores = all.scores.middleRows(first[t], n);
    r.rank = all.rank.segment(first[t], n);
    r.band.assign(all.band.begin() + first[t], all.band.begin() + first[t + 1]);
    if (p.prepares()) {
      const auto& a = all.preparation;
      r.preparation.values = a.values.middleRows(first[t], n);
      r.preparation.treatments = a.treatments;
      r.preparation.em = a.em;
      for (auto [from, to] : {std::pair{&a.imputed, &r.preparation.imputed},
                              std::pair{&a.treated, &r.preparation.treated}})
        for (const auto& c : *from)
          if (static_cast<Eigen::Index>(c.unit) >= first[t] &&
              static_cast<Eigen::Index>(c.unit) < first[t + 1]) {
            to->push_back(c);
            to->back().unit = c.unit - static_cast<std::size_t>(first[t]);
          }
    }
    for (const auto& d : all.diagnostics) {
      if (d.unit == diagnostic::npos) {
        r.diagnostics.push_back(d);
      } else if (static_cast<Eigen::Index>(d.unit) >= first[t] &&
                 static_cast<Eigen::Index>(d.unit) < first[t + 1]) {
        r.diagnostics.push_back(d);
        r.diagnostics.back().unit = d.unit - static_cast<std::size_t>(first[t]);
      }
    }
  }
  return out;
}

} // namespace chiso
