// The engine's prepare (declared in include/chiso/prepare.hpp), compiled once into libchiso.
#include "chiso/prepare.hpp"

#include "chiso/impute/by_column.hpp"
#include "chiso/impute/by_row.hpp"

namespace chiso {
namespace detail {

double prepared_value(const plan::indicator_step& s, double raw, double den, bool has_den,
                      bool& zero_den, bool& missing_den) {
  zero_den = missing_den = false;
  double v = raw;
  if (has_den) {
    if (std::isnan(den)) {
      missing_den = true;
      v = nan;
    } else if (den == 0) {
      zero_den = true;
      v = nan;
    } else {
      v /= den;
    }
  }
  v *= s.scale;
  if (s.transform != transform::none && !std::isnan(v)) v = apply(s.transform, v);
  return v;
}

namespace {

std::vector<treat::column_treatment> apply_treatment(Eigen::MatrixXd& m,
                                                     std::span<const std::size_t> cols,
                                                     const treat::winmax_options& o,
                                                     std::vector<impute::changed_cell>& out) {
  return treat::winmax(m, cols, o, out);
}

std::vector<treat::column_treatment> apply_treatment(Eigen::MatrixXd& m,
                                                     std::span<const std::size_t> cols,
                                                     const treat::box_cox_options& o,
                                                     std::vector<impute::changed_cell>& out) {
  return treat::box_cox(m, cols, o, out);
}

std::vector<treat::column_treatment> apply_treatment(Eigen::MatrixXd& m,
                                                     std::span<const std::size_t> cols,
                                                     const treat::quantile_options& o,
                                                     std::vector<impute::changed_cell>& out) {
  return treat::winsorise_quantiles(m, cols, o, out);
}

std::vector<std::vector<std::size_t>> row_groups(const plan& p,
                                                 const std::vector<unsigned char>& on) {
  const std::size_t ni = p.n_indicators();
  std::vector<unsigned char> placed(ni, 0);
  std::vector<std::vector<std::size_t>> out;
  for (const auto& s : p.node_steps()) {
    std::vector<std::size_t> g;
    for (auto c : s.children)
      if (c < ni && on[c] && !placed[c]) {
        placed[c] = 1;
        g.push_back(c);
      }
    if (!g.empty()) out.push_back(std::move(g));
  }
  return out;
}

} // namespace

std::vector<cell_index> prepared_columns(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                                         Eigen::MatrixXd& x) {
  const auto n = values.rows();
  const std::size_t ni = p.n_indicators();
  x.resize(n, static_cast<Eigen::Index>(ni));
  std::vector<cell_index> policy_cells;
  for (std::size_t k = 0; k < ni; ++k) {
    const auto& s = p.indicator_steps()[k];
    const bool has_den = s.denominator != plan::npos;
    const auto raw = values.col(static_cast<Eigen::Index>(s.column));
    const auto den = values.col(static_cast<Eigen::Index>(has_den ? s.denominator : s.column));
    auto col = x.col(static_cast<Eigen::Index>(k));
    for (Eigen::Index i = 0; i < n; ++i) {
      bool zero = false, missing = false;
      col[i] = detail::prepared_value(s, raw[i], den[i], has_den, zero, missing);
      if (zero || (!std::isnan(raw[i]) && std::isnan(col[i])))
        policy_cells.emplace_back(static_cast<std::size_t>(i), k);
    }
  }
  std::sort(policy_cells.begin(), policy_cells.end());
  return policy_cells;
}

namespace {

void prepare_columns(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                     std::span<const std::uint32_t> impute_groups, preparation& out,
                     std::span<const impute::changed_cell> along_periods) {
  const auto n = values.rows();
  const std::size_t ni = p.n_indicators();
  const auto& f = p.framework();
  out.imputed.clear();
  out.treated.clear();
  out.treatments.clear();
  out.em.reset();
  const auto policy_cells = prepared_columns(p, values, out.values);
  auto is_policy_cell = [&](std::size_t u, std::size_t k) {
    return std::binary_search(policy_cells.begin(), policy_cells.end(), cell_index{u, k});
  };

  // Cells imputed along the periods come first: the period's own imputation takes them as data.
  // A cell they left missing is reported here only when no other imputation follows.
  for (const auto& c : along_periods) {
    if (c.unit >= static_cast<std::size_t>(n) || c.column >= ni)
      throw usage_error("prepare: a cell imputed along the periods is outside the data (unit " +
                        std::to_string(c.unit) + ", indicator " + std::to_string(c.column) + ")");
    double& cell =
        out.values(static_cast<Eigen::Index>(c.unit), static_cast<Eigen::Index>(c.column));
    if (!std::isnan(cell) || is_policy_cell(c.unit, c.column)) continue;
    if (c.filled()) cell = c.after;
    if (c.filled() || !f.impute) out.imputed.push_back(c);
  }

  if (f.impute) {
    std::vector<std::size_t> cols;
    std::vector<unsigned char> on(ni, 0);
    for (std::size_t k = 0; k < ni; ++k)
      if (f.indicators[k].impute) {
        cols.push_back(k);
        on[k] = 1;
      }
    auto& m = out.values;
    // The fallback's statistics come from the observed values, not from imputed ones.
    Eigen::MatrixXd observed;
    if (f.impute->fallback) observed = m;
    std::visit(
        [&](const auto& rule) {
          using R = std::decay_t<decltype(rule)>;
          if constexpr (std::is_same_v<R, impute_by_column>) {
            impute::by_column(m, cols, rule.centre, out.imputed);
          } else if constexpr (std::is_same_v<R, impute_by_group>) {
            if (impute_groups.size() != static_cast<std::size_t>(n))
              throw usage_error("prepare: imputation by group '" + rule.group +
                                "' needs one group code per unit (" + std::to_string(n) +
                                "), got " + std::to_string(impute_groups.size()) +
                                "; evaluate with the dataset, or pass imputation_groups()");
            impute::by_group(m, cols, impute_groups, rule.centre, out.imputed);
          } else if constexpr (std::is_same_v<R, impute_by_row>) {
            std::vector<int> dirs(ni, 1);
            for (std::size_t k = 0; k < ni; ++k)
              dirs[k] = p.indicator_steps()[k].context.direction;
            impute::by_row(m, detail::row_groups(p, on), dirs, rule.centre, out.imputed);
          } else {
            out.em = impute::em(m, cols, rule.options, out.imputed);
          }
        },
        f.impute->method);
    if (f.impute->fallback) {
      std::vector<impute::changed_cell> fb;
      impute::by_column(observed, cols, *f.impute->fallback, fb);
      std::vector<std::pair<std::size_t, std::size_t>> filled;
      for (const auto& c : fb) {
        auto& cell = m(static_cast<Eigen::Index>(c.unit), static_cast<Eigen::Index>(c.column));
        if (!std::isnan(cell) || !c.filled()) continue;
        cell = c.after;
        filled.emplace_back(c.unit, c.column);
      }
      // A cell the fallback filled is reported once, by the fallback.
      std::sort(filled.begin(), filled.end());
      std::erase_if(out.imputed, [&](const impute::changed_cell& c) {
        return std::binary_search(filled.begin(), filled.end(), std::pair{c.unit, c.column});
      });
      for (const auto& c : fb)
        if (std::binary_search(filled.begin(), filled.end(), std::pair{c.unit, c.column}))
          out.imputed.push_back(c);
    }
    // Empty-denominator cells belong to their policies: back to missing, not reported.
    if (!policy_cells.empty()) {
      for (auto [u, k] : policy_cells)
        m(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(k)) = detail::nan;
      std::erase_if(out.imputed, [&](const impute::changed_cell& c) {
        return is_policy_cell(c.unit, c.column);
      });
    }
  }

  // Treatments: the framework's for every indicator without its own, then each own one.
  std::vector<std::size_t> shared;
  for (std::size_t k = 0; k < ni; ++k) {
    const auto& ind = f.indicators[k];
    if (!ind.treat) continue;
    if (ind.treatment) {
      const std::size_t one[] = {k};
      auto r = std::visit(
          [&](const auto& o) { return detail::apply_treatment(out.values, one, o, out.treated); },
          *ind.treatment);
      out.treatments.insert(out.treatments.end(), r.begin(), r.end());
    } else if (f.treat) {
      shared.push_back(k);
    }
  }
  if (!shared.empty()) {
    auto r = std::visit(
        [&](const auto& o) { return detail::apply_treatment(out.values, shared, o, out.treated); },
        *f.treat);
    out.treatments.insert(out.treatments.end(), r.begin(), r.end());
    std::stable_sort(out.treatments.begin(), out.treatments.end(),
                     [](const auto& a, const auto& b) { return a.column < b.column; });
  }
}

} // namespace

} // namespace detail

void prepare(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
             std::span<const std::uint32_t> impute_groups, preparation& out,
             std::span<const impute::changed_cell> along_periods) {
  try {
    detail::prepare_columns(p, values, impute_groups, out, along_periods);
  } catch (const impute::cell_error& e) {
    const std::string id = e.column() < p.n_indicators() ? p.ids()[e.column()] : "?";
    throw impute::cell_error("indicator '" + id + "': " + e.what(), e.unit(), e.column());
  }
}

std::vector<std::uint32_t> imputation_groups(const plan& p, std::span<const dataset> data) {
  if (!p.needs_imputation_groups()) return {};
  const auto& by = std::get<impute_by_group>(p.framework().impute->method).group;
  std::vector<std::string> labels;
  for (const auto& d : data) {
    const auto* g = d.group(by);
    if (!g)
      throw input_error((d.source.empty() ? std::string("data") : d.source) +
                        ": imputation is by group column '" + by + "', which the data lacks");
    labels.insert(labels.end(), g->labels.begin(), g->labels.end());
  }
  auto codes = group_codes(labels);
  for (std::size_t u = 0; u < codes.size(); ++u)
    if (labels[u].empty()) codes[u] = impute::no_group;
  return codes;
}

std::vector<std::uint32_t> imputation_groups(const plan& p, const dataset& d) {
  return imputation_groups(p, std::span<const dataset>(&d, 1));
}

std::vector<std::uint32_t> imputation_groups(const plan& p, std::span<const group_column> columns) {
  dataset d;
  d.groups.assign(columns.begin(), columns.end());
  return imputation_groups(p, d);
}

} // namespace chiso
