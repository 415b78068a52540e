#pragma once
/// \file score.hpp
/// Evaluating a compiled plan for all units at once, and what the result holds.

#include "chiso/plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace chiso {

/// Scores of every node for every unit, the root's ranks and bands, and diagnostics.
/// Reuse one `result` across evaluations to avoid reallocating (Monte Carlo loops).
struct result {
  Eigen::MatrixXd scores; ///< units × nodes (plan node order), NaN = missing
  Eigen::VectorXd rank;   ///< rank of the root per unit (NaN when missing)
  std::vector<int> band;  ///< band index of the root per unit, −1 when none
  std::vector<diagnostic> diagnostics;

  /// Scratch space reused by `evaluate` (no promises).
  struct workspace_t {
    Eigen::VectorXd x;
    std::vector<unsigned char> zero_den, missing_den;
    std::vector<const double*> child_ptrs;
    std::vector<unsigned char> scored; ///< per indicator: scored in this evaluation
    std::vector<std::size_t> position; ///< per node: rank in the diagnostics order
    aggregate::workspace agg;
  } workspace;
};

namespace detail {

/// Prepares indicator k's raw column (denominator, scale, transform) into `x` and applies the
/// method into `out`, then the empty-denominator policies.
inline void score_indicator(const plan& p, std::size_t k, Eigen::Ref<const Eigen::MatrixXd> values,
                            Eigen::Ref<Eigen::VectorXd> out, result& r) {
  const auto& s = p.indicator_steps()[k];
  diagnostics_sink sink(r.diagnostics, k, p.ids()[k], "indicator");
  const auto n = values.rows();
  auto raw = values.col(static_cast<Eigen::Index>(s.column));
  const bool has_den = s.denominator != plan::npos;
  auto& ws = r.workspace;
  auto run = [&](const auto& input) {
    std::visit([&](const auto& m) { m(input, s.context, out, sink); }, s.method);
  };
  if (!has_den && s.transform == transform::none && s.scale == 1.0) {
    run(raw);
    return;
  }
  ws.x.resize(n);
  if (has_den) {
    ws.zero_den.assign(static_cast<std::size_t>(n), 0);
    ws.missing_den.assign(static_cast<std::size_t>(n), 0);
  }
  auto den = values.col(static_cast<Eigen::Index>(has_den ? s.denominator : s.column));
  for (Eigen::Index i = 0; i < n; ++i) {
    double v = raw[i];
    if (has_den) {
      const double d = den[i];
      if (std::isnan(d)) {
        ws.missing_den[static_cast<std::size_t>(i)] = 1;
        v = nan;
      } else if (d == 0) {
        ws.zero_den[static_cast<std::size_t>(i)] = 1;
        v = nan;
      } else {
        v /= d;
      }
    }
    v *= s.scale;
    if (s.transform != transform::none && !std::isnan(v)) {
      const double t = apply(s.transform, v);
      if (std::isnan(t))
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                  "value " + detail::num(v) + " is outside the domain of transform " +
                      std::string(to_string(s.transform)));
      v = t;
    }
    ws.x[i] = v;
  }
  run(ws.x);
  if (!has_den) return;
  const double full = s.context.max_points.value_or(nan);
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto u = static_cast<std::size_t>(i);
    if (!ws.zero_den[u] && !ws.missing_den[u]) continue;
    if (ws.missing_den[u] && std::isnan(raw[i])) continue; // nothing observed at all
    const empty_policy pol = ws.zero_den[u] ? s.if_zero : s.if_missing;
    switch (pol) {
    case empty_policy::zero: out[i] = 0.0; break;
    case empty_policy::full: out[i] = full; break;
    case empty_policy::missing:
      out[i] = nan;
      sink.cell(u,
                ws.zero_den[u] ? diagnostic_code::zero_denominator
                               : diagnostic_code::missing_denominator,
                ws.zero_den[u] ? "denominator is 0; policy: missing"
                               : "denominator is missing; policy: missing");
      break;
    }
  }
}

} // namespace detail

/// Evaluates `p` on `values` (units × data columns, the columns the plan was compiled against)
/// into `r`: every indicator's score, then every aggregate in topological order, then the root's
/// rank within `groups` (codes per unit, empty = one group) and band. `r.diagnostics` lists
/// indicators' diagnostics in plan order, then aggregates' in topological order.
inline void evaluate(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                     std::span<const std::uint32_t> groups, result& r) {
  const auto n = values.rows();
  const auto& f = p.framework();
  for (std::size_t k = 0; k < p.n_indicators(); ++k) {
    const auto& st = p.indicator_steps()[k];
    const std::size_t need = std::max(st.column, st.denominator == plan::npos ? 0 : st.denominator);
    if (need >= static_cast<std::size_t>(values.cols()))
      throw usage_error("evaluate: values has " + std::to_string(values.cols()) +
                        " columns but indicator '" + p.ids()[k] + "' reads column " +
                        std::to_string(need) + "; pass the columns the plan was compiled against");
  }
  r.scores.resize(n, static_cast<Eigen::Index>(p.n_nodes()));
  r.diagnostics.clear();
  auto& ws = r.workspace;
  // Each indicator is scored just before the first aggregate that reads it, so that its
  // column is still in cache when aggregated (10 columns of 10,000 units fit in L2): one
  // trip through memory per score column instead of two (−4% at 10,000 × 200, −8% at
  // 10,000 × 1,000; docs/PERFORMANCE.md). Indicators no aggregate reads are scored at the
  // end. The diagnostics are put back in the documented order below.
  const std::size_t ni = p.n_indicators();
  ws.scored.assign(ni, 0);
  auto score_once = [&](std::size_t k) {
    if (ws.scored[k]) return;
    ws.scored[k] = 1;
    detail::score_indicator(p, k, values, r.scores.col(static_cast<Eigen::Index>(k)), r);
  };
  for (auto pos : p.order()) {
    const auto& s = p.node_steps()[pos];
    for (auto c : s.children)
      if (c < ni) score_once(c);
    ws.child_ptrs.resize(s.children.size());
    for (std::size_t j = 0; j < s.children.size(); ++j)
      ws.child_ptrs[j] = r.scores.col(static_cast<Eigen::Index>(s.children[j])).data();
    aggregate::node_view v{ws.child_ptrs, s.weights, static_cast<std::size_t>(n), s.min_coverage};
    double* out = r.scores.col(static_cast<Eigen::Index>(s.index)).data();
    diagnostics_sink sink(r.diagnostics, s.index, p.ids()[s.index]);
    std::visit([&](const auto& a) { a(v, out, ws.agg, sink); }, s.aggregation);
    if (s.cap) {
      const double c = *s.cap;
      for (Eigen::Index i = 0; i < n; ++i)
        out[i] = out[i] > c ? c : out[i];
    }
  }
  for (std::size_t k = 0; k < ni; ++k)
    score_once(k);
  if (!r.diagnostics.empty()) {
    // Indicators in plan order, then aggregates in evaluation order; each node's own
    // diagnostics keep the order they were recorded in.
    ws.position.resize(p.n_nodes());
    for (std::size_t k = 0; k < ni; ++k)
      ws.position[k] = k;
    for (std::size_t t = 0; t < p.order().size(); ++t)
      ws.position[p.node_steps()[p.order()[t]].index] = ni + t;
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                     [&](const diagnostic& a, const diagnostic& b) {
                       return ws.position[a.node] < ws.position[b.node];
                     });
  }
  r.rank.resize(n);
  r.band.assign(static_cast<std::size_t>(n), -1);
  if (p.n_nodes() == 0) return;
  const auto root = r.scores.col(static_cast<Eigen::Index>(p.root()));
  rank(root, f.ranking.options, groups, r.rank);
  if (!f.bands.empty())
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = f.ranking.options.round_to
                           ? round_decimal(root[i], *f.ranking.options.round_to)
                           : root[i];
      r.band[static_cast<std::size_t>(i)] = classify(f.bands, v);
    }
}

/// Group codes of the units for the plan's ranking (`ranking.group_by`), or empty for one
/// group. Throws input_error when the dataset lacks that group column.
inline std::vector<std::uint32_t> ranking_groups(const plan& p, const dataset& d) {
  const auto& by = p.framework().ranking.group_by;
  if (by.empty()) return {};
  const auto* g = d.group(by);
  if (!g)
    throw input_error((d.source.empty() ? std::string("data") : d.source) +
                      ": ranking is by group column '" + by + "', which the data lacks");
  return group_codes(g->labels);
}

/// Compiles nothing: evaluates `p` on a dataset whose columns the plan was compiled against.
inline result evaluate(const plan& p, const dataset& d) {
  d.check();
  result r;
  const auto groups = ranking_groups(p, d);
  evaluate(p, d.values, groups, r);
  return r;
}

/// Compiles `f` against `d`'s columns and evaluates it.
inline result score(const framework& f, const dataset& d) {
  return evaluate(plan::compile(f, d.columns), d);
}

/// Each indicator's contribution to every unit's score at `node` (units × indicators):
/// c_i(node) = Σ_paths Π share_j(i) · score_i(indicator), with share_j(i) = w_j / Σ_avail w
/// (× Σ_all w for sums) over the children present for unit i, so a unit's contributions add up
/// to its score. Defined when every aggregate under `node` is additive (arithmetic mean, sum);
/// throws usage_error otherwise. Missing indicators contribute 0. Where a node's cap lowered a
/// unit's score, its children's shares are scaled by capped / uncapped score, so the
/// contributions still add up to the (capped) score.
inline Eigen::MatrixXd contributions(const plan& p, const result& r, std::size_t node) {
  const auto n = r.scores.rows();
  const std::size_t ni = p.n_indicators();
  if (node >= p.n_nodes())
    throw usage_error("contributions: node index " + std::to_string(node) + " is out of range (" +
                      std::to_string(p.n_nodes()) + " nodes)");
  if (static_cast<std::size_t>(r.scores.cols()) != p.n_nodes())
    throw usage_error("contributions: the result was not evaluated with this plan");
  Eigen::MatrixXd path = Eigen::MatrixXd::Zero(n, static_cast<Eigen::Index>(p.n_nodes()));
  path.col(static_cast<Eigen::Index>(node)).setOnes();
  // Reverse topological order: parents before children.
  const auto& order = p.order();
  std::vector<unsigned char> reach(p.n_nodes(), 0);
  reach[node] = 1;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const auto& s = p.node_steps()[*it];
    if (!reach[s.index]) continue;
    if (!std::visit(
            [](const auto& a) { return detail::additive_aggregation<std::decay_t<decltype(a)>>; },
            s.aggregation))
      throw usage_error("contributions: node '" + p.ids()[s.index] + "' is not additive (" +
                        std::string(name_of(s.aggregation)) + ")");
    const bool sum = std::holds_alternative<aggregate::weighted_sum>(s.aggregation);
    double total = 0;
    for (double w : s.weights)
      total += w;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double up = path(i, static_cast<Eigen::Index>(s.index));
      if (up == 0 || std::isnan(r.scores(i, static_cast<Eigen::Index>(s.index)))) continue;
      double avail = 0;
      for (std::size_t j = 0; j < s.children.size(); ++j)
        if (!std::isnan(r.scores(i, static_cast<Eigen::Index>(s.children[j]))))
          avail += s.weights[j];
      if (avail == 0) continue;
      double f = up * (sum ? total : 1.0) / avail;
      if (s.cap) {
        double uncapped = 0;
        for (std::size_t j = 0; j < s.children.size(); ++j) {
          const double x = r.scores(i, static_cast<Eigen::Index>(s.children[j]));
          if (!std::isnan(x)) uncapped += s.weights[j] * x;
        }
        uncapped *= (sum ? total : 1.0) / avail;
        const double capped = r.scores(i, static_cast<Eigen::Index>(s.index));
        if (capped < uncapped) f *= capped / uncapped;
      }
      for (std::size_t j = 0; j < s.children.size(); ++j)
        if (!std::isnan(r.scores(i, static_cast<Eigen::Index>(s.children[j]))))
          path(i, static_cast<Eigen::Index>(s.children[j])) += f * s.weights[j];
    }
    for (auto c : s.children)
      reach[c] = 1;
  }
  Eigen::MatrixXd out(n, static_cast<Eigen::Index>(ni));
  for (std::size_t k = 0; k < ni; ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double x = r.scores(i, kk);
      out(i, kk) = std::isnan(x) ? 0.0 : path(i, kk) * x;
    }
  }
  return out;
}

} // namespace chiso
