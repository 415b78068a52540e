// The engine's score (declared in include/chiso/score.hpp), compiled once into libchiso.
#include "chiso/score.hpp"

#include "chiso/robust/parallel.hpp"

namespace chiso {
namespace detail {

void score_indicator(const plan& p, std::size_t k, Eigen::Ref<const Eigen::MatrixXd> values,
                     Eigen::Ref<Eigen::VectorXd> out, std::vector<diagnostic>& diagnostics,
                     result::workspace_t& ws, const double* prepared) {
  const auto& s = p.indicator_steps()[k];
  diagnostics_sink sink(diagnostics, k, p.ids()[k], "indicator");
  const auto n = values.rows();
  auto raw = values.col(static_cast<Eigen::Index>(s.column));
  const bool has_den = s.denominator != plan::npos;
  auto run = [&](const auto& input) {
    std::visit([&](const auto& m) { m(input, s.context, out, sink); }, s.method);
  };
  if (!has_den && s.transform == transform::none && s.scale == 1.0 && !prepared) {
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
    bool zero = false, missing = false;
    const double v = prepared_value(s, raw[i], den[i], has_den, zero, missing);
    if (has_den) {
      ws.zero_den[static_cast<std::size_t>(i)] = zero;
      ws.missing_den[static_cast<std::size_t>(i)] = missing;
    }
    if (std::isnan(v) && s.transform != transform::none && !zero && !missing && !std::isnan(raw[i]))
      sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                "value " + detail::num(raw[i] / (has_den ? den[i] : 1.0) * s.scale) +
                    " is outside the domain of transform " + std::string(to_string(s.transform)));
    ws.x[i] = prepared ? prepared[i] : v;
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

void aggregate_node(const plan& p, const plan::node_step& s, std::span<const double> weights,
                    const aggregation& agg, Eigen::Index n, double* out, result& r) {
  auto& ws = r.workspace;
  aggregate::node_view v{ws.child_ptrs, weights, static_cast<std::size_t>(n), s.min_coverage};
  diagnostics_sink sink(r.diagnostics, s.index, p.ids()[s.index]);
  std::visit([&](const auto& a) { a(v, out, ws.agg, sink); }, agg);
  if (s.cap) {
    const double c = *s.cap;
    for (Eigen::Index i = 0; i < n; ++i)
      out[i] = out[i] > c ? c : out[i];
  }
}

namespace {

/// The weights node step `pos` aggregates with: the plan's, or (with `weights_from`) those its
/// rule computes from the children's columns (`ws.child_ptrs`), kept in r.node_weights[pos]
/// with the rule's warnings recorded as `weights_warning` diagnostics of the node.
std::span<const double> weights_for(const plan& p, std::size_t pos, Eigen::Index n, result& r) {
  const auto& s = p.node_steps()[pos];
  if (!s.weights_from) return s.weights;
  auto& ws = r.workspace;
  const auto k = static_cast<Eigen::Index>(s.children.size());
  ws.children.resize(n, k);
  weights::labels l{p.ids()[s.index], {}};
  for (Eigen::Index j = 0; j < k; ++j) {
    ws.children.col(j) =
        Eigen::Map<const Eigen::VectorXd>(ws.child_ptrs[static_cast<std::size_t>(j)], n);
    l.children.push_back(p.ids()[s.children[static_cast<std::size_t>(j)]]);
  }
  const auto res =
      std::visit([&](const auto& rule) { return rule(ws.children, l); }, *s.weights_from);
  auto& w = r.node_weights[pos];
  w.assign(res.w.data(), res.w.data() + res.w.size());
  diagnostics_sink sink(r.diagnostics, s.index, p.ids()[s.index]);
  for (const auto& m : res.warnings)
    sink.column(diagnostic_code::weights_warning, m);
  return w;
}

/// Ranks and bands the root (column `root` of the result) within `groups`.
void rank_and_band(const plan& p, Eigen::Ref<const Eigen::VectorXd> root,
                   std::span<const std::uint32_t> groups, result& r) {
  const auto& f = p.framework();
  const auto n = root.size();
  r.rank.resize(n);
  r.band.assign(static_cast<std::size_t>(n), -1);
  rank(root, f.ranking.options, groups, r.rank);
  if (!f.bands.empty())
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = f.ranking.options.round_to
                           ? round_decimal(root[i], *f.ranking.options.round_to)
                           : root[i];
      r.band[static_cast<std::size_t>(i)] = classify(f.bands, v);
    }
}

} // namespace

} // namespace detail

void evaluate(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
              std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
              result& r, keep what, std::span<const impute::changed_cell> along_periods,
              unsigned threads) {
  const auto n = values.rows();
  for (std::size_t k = 0; k < p.n_indicators(); ++k) {
    const auto& st = p.indicator_steps()[k];
    const std::size_t need = std::max(st.column, st.denominator == plan::npos ? 0 : st.denominator);
    if (need >= static_cast<std::size_t>(values.cols()))
      throw usage_error("evaluate: values has " + std::to_string(values.cols()) +
                        " columns but indicator '" + p.ids()[k] + "' reads column " +
                        std::to_string(need) + "; pass the columns the plan was compiled against");
  }
  const std::size_t ni = p.n_indicators();
  const bool lean = what == keep::aggregates;
  const bool prepared = p.prepares();
  if (prepared) {
    prepare(p, values, impute_groups, r.preparation, along_periods);
  } else {
    r.preparation = {};
  }
  r.first_node = lean ? ni : 0;
  r.scores.resize(n, static_cast<Eigen::Index>(p.n_nodes() - r.first_node));
  r.diagnostics.clear();
  r.node_weights.resize(p.node_steps().size());
  for (auto& w : r.node_weights)
    w.clear();
  auto& ws = r.workspace;
  auto column = [&](std::size_t k) {
    return r.scores.col(static_cast<Eigen::Index>(k - r.first_node));
  };
  // Each indicator is scored just before the first aggregate that reads it, so that its
  // column is still in cache when aggregated (10 columns of 10,000 units fit in L2): one
  // trip through memory per score column instead of two (−4% at 10,000 × 200, −8% at
  // 10,000 × 1,000; docs/PERFORMANCE.md). Indicators no aggregate reads are scored at the
  // end. Under keep::aggregates indicator scores go to scratch columns, and an indicator read
  // by several aggregates is scored again for each (its diagnostics recorded once). The
  // diagnostics are put back in the documented order below.
  ws.scored.assign(ni, 0);
  if (lean) {
    Eigen::Index most = 1;
    for (const auto& s : p.node_steps())
      most = std::max(
          most, static_cast<Eigen::Index>(std::count_if(s.children.begin(), s.children.end(),
                                                        [&](std::size_t c) { return c < ni; })));
    ws.scratch.resize(n, most);
  }
  auto column_of_prepared = [&](std::size_t k) -> const double* {
    return prepared ? r.preparation.values.col(static_cast<Eigen::Index>(k)).data() : nullptr;
  };
  auto score_into = [&](std::size_t k, Eigen::Ref<Eigen::VectorXd> out) {
    if (!ws.scored[k]) {
      ws.scored[k] = 1;
      detail::score_indicator(p, k, values, out, r.diagnostics, ws, column_of_prepared(k));
    } else {
      ws.discarded.clear();
      detail::score_indicator(p, k, values, out, ws.discarded, ws, column_of_prepared(k));
    }
  };
  if (!lean && ni > 1 && robust::worker_count(threads) > 1 &&
      static_cast<std::size_t>(n) * ni >= parallel_min_cells) {
    // Indicators are independent columns: all of them first, on several threads, each with
    // its own workspace and diagnostics (appended in plan order, as the sort below wants).
    const unsigned workers =
        static_cast<unsigned>(std::min<std::size_t>(robust::worker_count(threads), ni));
    std::vector<std::vector<diagnostic>> found(ni);
    std::vector<result::workspace_t> spaces(workers);
    robust::parallel_for(ni, workers, [&](std::size_t k, unsigned w) {
      detail::score_indicator(p, k, values, column(k), found[k], spaces[w], column_of_prepared(k));
    });
    for (std::size_t k = 0; k < ni; ++k) {
      ws.scored[k] = 1;
      r.diagnostics.insert(r.diagnostics.end(), found[k].begin(), found[k].end());
    }
  }
  for (auto pos : p.order()) {
    const auto& s = p.node_steps()[pos];
    ws.child_ptrs.resize(s.children.size());
    Eigen::Index next_scratch = 0;
    for (std::size_t j = 0; j < s.children.size(); ++j) {
      const auto c = s.children[j];
      if (c >= ni) {
        ws.child_ptrs[j] = column(c).data();
      } else if (lean) {
        auto out = ws.scratch.col(next_scratch++);
        score_into(c, out);
        ws.child_ptrs[j] = out.data();
      } else {
        if (!ws.scored[c]) score_into(c, column(c));
        ws.child_ptrs[j] = column(c).data();
      }
    }
    detail::aggregate_node(p, s, detail::weights_for(p, pos, n, r), s.aggregation, n,
                           column(s.index).data(), r);
  }
  for (std::size_t k = 0; k < ni; ++k)
    if (!ws.scored[k]) score_into(k, lean ? ws.scratch.col(0) : column(k));
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
  if (p.n_nodes() != 0) detail::rank_and_band(p, column(p.root()), groups, r);
}

void evaluate(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
              std::span<const std::uint32_t> groups, result& r, keep what, unsigned threads) {
  evaluate(p, values, groups, {}, r, what, {}, threads);
}

void evaluate_aggregates(const plan& p, std::span<const double* const> indicator_scores,
                         Eigen::Index n, std::span<const std::vector<double>> weights,
                         std::span<const aggregation* const> aggregations,
                         std::span<const std::uint32_t> groups, result& r) {
  const std::size_t ni = p.n_indicators();
  const auto& steps = p.node_steps();
  if (indicator_scores.size() != ni)
    throw usage_error("evaluate_aggregates: " + std::to_string(indicator_scores.size()) +
                      " indicator columns for a plan of " + std::to_string(ni) + " indicators");
  if (!weights.empty() && weights.size() != steps.size())
    throw usage_error("evaluate_aggregates: weights for " + std::to_string(weights.size()) +
                      " nodes, the plan has " + std::to_string(steps.size()));
  if (!aggregations.empty() && aggregations.size() != steps.size())
    throw usage_error("evaluate_aggregates: aggregations for " +
                      std::to_string(aggregations.size()) + " nodes, the plan has " +
                      std::to_string(steps.size()));
  for (std::size_t t = 0; t < weights.size(); ++t)
    if (!weights[t].empty() && weights[t].size() != steps[t].children.size())
      throw usage_error("evaluate_aggregates: node '" + p.ids()[steps[t].index] + "' has " +
                        std::to_string(steps[t].children.size()) + " children, got " +
                        std::to_string(weights[t].size()) + " weights");
  r.first_node = ni;
  r.scores.resize(n, static_cast<Eigen::Index>(p.n_nodes() - ni));
  r.diagnostics.clear();
  r.node_weights.resize(p.node_steps().size());
  for (auto& w : r.node_weights)
    w.clear();
  auto& ws = r.workspace;
  for (auto pos : p.order()) {
    const auto& s = steps[pos];
    ws.child_ptrs.resize(s.children.size());
    for (std::size_t j = 0; j < s.children.size(); ++j) {
      const auto c = s.children[j];
      ws.child_ptrs[j] =
          c < ni ? indicator_scores[c] : r.scores.col(static_cast<Eigen::Index>(c - ni)).data();
    }
    const bool own_w = !weights.empty() && !weights[pos].empty();
    const aggregation* a = aggregations.empty() ? nullptr : aggregations[pos];
    detail::aggregate_node(
        p, s, own_w ? std::span<const double>(weights[pos]) : detail::weights_for(p, pos, n, r),
        a ? *a : s.aggregation, n, r.scores.col(static_cast<Eigen::Index>(s.index - ni)).data(), r);
  }
  detail::rank_and_band(p, r.scores.col(static_cast<Eigen::Index>(p.root() - ni)), groups, r);
}

std::vector<std::uint32_t> ranking_groups(const plan& p, const dataset& d) {
  const auto& by = p.framework().ranking.group_by;
  if (by.empty()) return {};
  const auto* g = d.group(by);
  if (!g)
    throw input_error((d.source.empty() ? std::string("data") : d.source) +
                      ": ranking is by group column '" + by + "', which the data lacks");
  return group_codes(g->labels);
}

result evaluate(const plan& p, const dataset& d) {
  d.check();
  result r;
  const auto groups = ranking_groups(p, d);
  const auto impute_groups = imputation_groups(p, d);
  evaluate(p, d.values, groups, impute_groups, r);
  return r;
}

result score(const framework& f, const dataset& d) {
  return evaluate(plan::compile(f, d.columns), d);
}

Eigen::MatrixXd contributions(const plan& p, const result& r, std::size_t node) {
  const auto n = r.scores.rows();
  const std::size_t ni = p.n_indicators();
  if (node >= p.n_nodes())
    throw usage_error("contributions: node index " + std::to_string(node) + " is out of range (" +
                      std::to_string(p.n_nodes()) + " nodes)");
  if (static_cast<std::size_t>(r.scores.cols()) != p.n_nodes() || r.first_node != 0)
    throw usage_error("contributions: the result was not evaluated with this plan and keep::all");
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
    // The weights the evaluation used (data-driven ones when the node has a rule).
    const auto& weights = *it < r.node_weights.size() && !r.node_weights[*it].empty()
                              ? r.node_weights[*it]
                              : s.weights;
    double total = 0;
    for (double w : weights)
      total += w;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double up = path(i, static_cast<Eigen::Index>(s.index));
      if (up == 0 || std::isnan(r.scores(i, static_cast<Eigen::Index>(s.index)))) continue;
      double avail = 0;
      for (std::size_t j = 0; j < s.children.size(); ++j)
        if (!std::isnan(r.scores(i, static_cast<Eigen::Index>(s.children[j])))) avail += weights[j];
      if (avail == 0) continue;
      double f = up * (sum ? total : 1.0) / avail;
      if (s.cap) {
        double uncapped = 0;
        for (std::size_t j = 0; j < s.children.size(); ++j) {
          const double x = r.scores(i, static_cast<Eigen::Index>(s.children[j]));
          if (!std::isnan(x)) uncapped += weights[j] * x;
        }
        uncapped *= (sum ? total : 1.0) / avail;
        const double capped = r.scores(i, static_cast<Eigen::Index>(s.index));
        if (capped < uncapped) f *= capped / uncapped;
      }
      for (std::size_t j = 0; j < s.children.size(); ++j)
        if (!std::isnan(r.scores(i, static_cast<Eigen::Index>(s.children[j]))))
          path(i, static_cast<Eigen::Index>(s.children[j])) += f * weights[j];
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
