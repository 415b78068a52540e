#pragma once
/// \file panel.hpp
/// Scoring several periods at once (a panel: the same columns observed each period), with
/// normalisation statistics taken per period or from the whole panel.

#include "chiso/score.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chiso {

/// Evaluates `p` on every period of a panel (`data[t]`: period t, columns as compiled). Ranks
/// and bands are always within a period (and within the framework's ranking groups, whose
/// codes come from each period's data). Fixed bounds, targets and point rules do not depend
/// on the data, so the two scalings differ only for data-driven normalisations.
///
/// `pooled`: the periods' rows are stacked into one matrix (Σ units rows), evaluated once, and
/// split back: every score is the one a single evaluation of the stacked panel gives, with
/// ranking groups (period, group). A diagnostic about one unit goes to that unit's period;
/// one about a whole column (a constant column…) to every period. Data preparation
/// (prepare.hpp) follows the scaling: per period, or once over the stacked panel (imputation
/// statistics and treatment decisions from all periods; each period's `preparation` holds its
/// rows and cells, and the panel's column treatments).
inline std::vector<result> evaluate_periods(const plan& p, std::span<const dataset> data,
                                            period_scaling scaling, keep what = keep::all) {
  std::vector<result> out(data.size());
  if (scaling == period_scaling::per_period || data.size() <= 1) {
    for (std::size_t t = 0; t < data.size(); ++t) {
      data[t].check();
      evaluate(p, data[t].values, ranking_groups(p, data[t]), imputation_groups(p, data[t]), out[t],
               what);
    }
    return out;
  }
  Eigen::Index rows = 0;
  for (const auto& d : data) {
    d.check();
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
  result all;
  evaluate(p, stacked, groups, imputation_groups(p, data), all, what);
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
