// The least-cost combination of changes (declared in include/chiso/whatif/cheapest.hpp): a GLPK
// linear programme, verified and stepped by the engine. Compiled once into libchiso.
#include "chiso/whatif/cheapest.hpp"

#include "chiso/round.hpp"
#include "engine/locality.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <type_traits>

namespace chiso::whatif {

namespace {

/// Owns a glp_prob; GLPK's terminal output off meanwhile (the caller's setting restored).
class cheap_lp {
public:
  cheap_lp() : was_(glp_term_out(GLP_OFF)), p_(glp_create_prob()) {}
  ~cheap_lp() {
    glp_delete_prob(p_);
    glp_term_out(was_);
  }
  cheap_lp(const cheap_lp&) = delete;
  cheap_lp& operator=(const cheap_lp&) = delete;
  glp_prob* get() const noexcept { return p_; }

private:
  int was_;
  glp_prob* p_;
};

/// The least t between `lo` (not reaching) and `hi` (reaching) with reach(t): to adjacent
/// doubles, or adjacent whole numbers.
double cheap_least(double lo, double hi, bool whole, const std::function<bool(double)>& reach) {
  if (whole) {
    const double sgn = hi > lo ? 1.0 : -1.0;
    while (std::abs(hi - lo) > 1) {
      const double mid = lo + sgn * std::floor(std::abs(hi - lo) / 2);
      (reach(mid) ? hi : lo) = mid;
    }
    return hi;
  }
  for (;;) {
    const double mid = lo + (hi - lo) / 2;
    if (mid == lo || mid == hi) break;
    (reach(mid) ? hi : lo) = mid;
  }
  return hi;
}

/// One indicator that may change.
struct cheap_candidate {
  std::size_t k = 0, column = 0;
  int better = 1;
  bool whole = false;
  double x0 = 0, limit = 0, x_sat = 0; ///< value now, limit, least value scoring y_lim
  double y0 = 0, y_lim = 0;            ///< score now, at the limit
  double cost = 1;                     ///< per unit of value (unit costs) or of score
  double lp_cost = 1;                  ///< per unit of score
  double x_lp = 0;                     ///< the optimum's value
};

} // namespace

cheapest_report cheapest(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                         std::span<const std::uint32_t> groups,
                         std::span<const std::uint32_t> impute_groups, const gap_report& g,
                         const cheapest_options& o) {
  const std::size_t ni = p.n_indicators(), nn = p.n_nodes(), u = g.unit;
  const auto uu = static_cast<Eigen::Index>(u);
  if (u >= static_cast<std::size_t>(values.rows()))
    throw usage_error("cheapest: unit " + std::to_string(u) + " out of range (" +
                      std::to_string(values.rows()) + " units)");
  if (g.indicators.size() != ni)
    throw usage_error("cheapest: the gap report has " + std::to_string(g.indicators.size()) +
                      " indicators, the plan " + std::to_string(ni));
  // Nodes under the root, and their aggregations.
  std::vector<std::size_t> pos_of(nn, plan::npos);
  for (std::size_t t = 0; t < p.node_steps().size(); ++t)
    pos_of[p.node_steps()[t].index] = t;
  std::vector<unsigned char> under(nn, 0);
  std::vector<std::size_t> stack{p.root()};
  while (!stack.empty()) {
    const auto x = stack.back();
    stack.pop_back();
    if (under[x]) continue;
    under[x] = 1;
    if (x < ni) continue;
    const auto& s = p.node_steps()[pos_of[x]];
    const bool linear = std::holds_alternative<aggregate::arithmetic_mean>(s.aggregation) ||
                        std::holds_alternative<aggregate::weighted_sum>(s.aggregation);
    if (!linear || s.weights_from)
      throw usage_error(
          "cheapest: node '" + p.ids()[x] + "' " +
          (s.weights_from ? std::string("takes its weights from the data")
                          : "aggregates with '" + std::string(name_of(s.aggregation)) + "'") +
          "; the least-cost combination is a linear programme and needs every aggregate under '" +
          p.ids()[p.root()] +
          "' to be an arithmetic mean or a weighted sum with fixed weights (the "
          "single-indicator gaps hold for any framework)");
    for (auto c : s.children)
      stack.push_back(c);
  }
  std::vector<double> unit_cost(ni, detail::nan);
  for (const auto& c : o.costs) {
    if (c.indicator >= ni)
      throw usage_error("cheapest: indicator " + std::to_string(c.indicator) + " out of range (" +
                        std::to_string(ni) + " indicators)");
    if (!(c.cost > 0) || !std::isfinite(c.cost))
      throw usage_error("cheapest: the cost of indicator '" + p.ids()[c.indicator] +
                        "' must be a finite number > 0, got " + detail::num(c.cost));
    if (!std::isnan(unit_cost[c.indicator]))
      throw usage_error("cheapest: indicator '" + p.ids()[c.indicator] + "' has two costs");
    unit_cost[c.indicator] = c.cost;
  }

  cheapest_report out;
  out.unit = u;
  out.unit_costs = !o.costs.empty();
  if (g.already) {
    out.already = out.reachable = true;
    out.score_after = g.score_now;
    out.rank_after = g.rank_now;
    out.step = 0;
    return out;
  }
  const auto& f = p.framework();
  const auto& ro = f.ranking.options;
  const bool by_rank = std::holds_alternative<to_rank>(g.target);
  const double sigma =
      std::holds_alternative<to_band>(g.target) || ro.order == rank_order::descending ? 1.0 : -1.0;
  const double S = g.score_needed;
  auto reaches = [&](double root, double rank) {
    if (by_rank) return !std::isnan(rank) && rank <= g.target_rank;
    if (std::isnan(root)) return false;
    const double r = ro.round_to ? round_decimal(root, *ro.round_to) : root;
    return sigma * r >= sigma * S;
  };

  result base;
  evaluate(p, values, groups, impute_groups, base, keep::all);
  const Eigen::VectorXd y_now = base.scores.row(uu).transpose();
  if (std::isnan(y_now[static_cast<Eigen::Index>(p.root())])) {
    out.reason = "the unit's score at '" + p.ids()[p.root()] + "' is missing";
    return out;
  }
  if (std::isnan(S)) {
    out.reason = "no score reaches the target";
    return out;
  }

  // An indicator's own score for u at value t (the other units as they are).
  std::vector<std::size_t> readers(static_cast<std::size_t>(values.cols()), 0);
  for (const auto& s : p.indicator_steps()) {
    ++readers[s.column];
    if (s.denominator != plan::npos && s.denominator != s.column) ++readers[s.denominator];
  }
  Eigen::MatrixXd row = values.middleRows(uu, 1), work;
  Eigen::VectorXd col;
  std::vector<diagnostic> discarded;
  auto score_at = [&](std::size_t k, double t) {
    const auto& s = p.indicator_steps()[k];
    const auto c = static_cast<Eigen::Index>(s.column);
    const bool elem = chiso::detail::scores_units_alone(s);
    discarded.clear();
    if (elem) {
      row(0, c) = t;
      double y = 0;
      Eigen::Map<Eigen::VectorXd> one(&y, 1);
      detail::score_indicator(p, k, row, one, discarded, base.workspace);
      row(0, c) = values(uu, c);
      return y;
    }
    if (work.size() == 0) work = values;
    work(uu, c) = t;
    col.resize(values.rows());
    detail::score_indicator(p, k, work, col, discarded, base.workspace);
    work(uu, c) = values(uu, c);
    return col[uu];
  };

  // The indicators that may change.
  std::vector<cheap_candidate> cand;
  for (std::size_t k = 0; k < ni; ++k) {
    const auto& x = g.indicators[k];
    if (x.status == gap_status::not_applicable) continue;
    if (x.status == gap_status::unreachable && !(x.better * (x.limit - x.value_now) > 0)) continue;
    if (!under[k] || readers[x.column] != 1) continue;
    if (out.unit_costs && std::isnan(unit_cost[k])) continue;
    cheap_candidate c;
    c.k = k;
    c.column = x.column;
    c.better = x.better;
    c.whole = x.whole;
    c.x0 = x.value_now;
    c.y0 = y_now[static_cast<Eigen::Index>(k)];
    if (std::isnan(c.y0)) continue;
    c.limit = x.limit;
    if (!std::isfinite(c.limit)) {
      // As the single-indicator search: 2^60 × the column's scale at most.
      const auto column = values.col(static_cast<Eigen::Index>(x.column));
      double lo = detail::nan, hi = detail::nan;
      for (Eigen::Index i = 0; i < column.size(); ++i)
        if (!std::isnan(column[i])) {
          lo = std::isnan(lo) ? column[i] : std::min(lo, column[i]);
          hi = std::isnan(hi) ? column[i] : std::max(hi, column[i]);
        }
      double w = std::max(std::abs(c.x0), std::isnan(hi) ? 0.0 : hi - lo);
      if (!(w > 0)) w = 1;
      c.limit = c.x0 + c.better * std::ldexp(w, 60);
      if (c.whole) c.limit = c.better > 0 ? std::ceil(c.limit) : std::floor(c.limit);
    }
    c.y_lim = score_at(k, c.limit);
    if (!(sigma * (c.y_lim - c.y0) > 0)) continue; // cannot improve
    const double y_lim = c.y_lim;
    c.x_sat = cheap_least(c.x0, c.limit, c.whole,
                          [&](double t) { return sigma * score_at(k, t) >= sigma * y_lim; });
    c.cost = out.unit_costs ? unit_cost[k] : 1.0;
    c.lp_cost = out.unit_costs ? c.cost * std::abs(c.x_sat - c.x0) / std::abs(c.y_lim - c.y0) : 1.0;
    c.x_lp = c.x0;
    cand.push_back(c);
  }

  // The linear programme: one column per node (score for u), one row per aggregate under the
  // root, one for the target.
  bool lp_ok = false;
  if (!cand.empty()) {
    cheap_lp prob;
    glp_prob* lp = prob.get();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, static_cast<int>(nn));
    for (std::size_t k = 0; k < nn; ++k) {
      const double y = y_now[static_cast<Eigen::Index>(k)];
      const int j = static_cast<int>(k + 1);
      if (std::isnan(y) || !under[k])
        glp_set_col_bnds(lp, j, GLP_FX, 0.0, 0.0);
      else if (k < ni)
        glp_set_col_bnds(lp, j, GLP_FX, y, y);
      else if (const auto& cap = p.node_steps()[pos_of[k]].cap; cap && sigma > 0)
        glp_set_col_bnds(lp, j, GLP_UP, 0.0, *cap);
      else
        glp_set_col_bnds(lp, j, GLP_FR, 0.0, 0.0);
    }
    for (const auto& c : cand) {
      const int j = static_cast<int>(c.k + 1);
      glp_set_col_bnds(lp, j, GLP_DB, std::min(c.y0, c.y_lim), std::max(c.y0, c.y_lim));
      glp_set_obj_coef(lp, j, sigma * c.lp_cost);
    }
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    for (std::size_t k = ni; k < nn; ++k) {
      if (!under[k] || std::isnan(y_now[static_cast<Eigen::Index>(k)])) continue;
      const auto& s = p.node_steps()[pos_of[k]];
      double all = 0, avail = 0;
      for (std::size_t j = 0; j < s.children.size(); ++j) {
        all += s.weights[j];
        if (!std::isnan(y_now[static_cast<Eigen::Index>(s.children[j])])) avail += s.weights[j];
      }
      ind.assign(1, 0);
      val.assign(1, 0.0);
      ind.push_back(static_cast<int>(k + 1));
      val.push_back(1.0);
      const bool sum = std::holds_alternative<aggregate::weighted_sum>(s.aggregation);
      for (std::size_t j = 0; j < s.children.size(); ++j) {
        if (std::isnan(y_now[static_cast<Eigen::Index>(s.children[j])]) || s.weights[j] == 0)
          continue;
        ind.push_back(static_cast<int>(s.children[j] + 1));
        val.push_back(-(sum ? s.weights[j] * all / avail : s.weights[j] / avail));
      }
      const int r = glp_add_rows(lp, 1);
      glp_set_mat_row(lp, r, static_cast<int>(ind.size() - 1), ind.data(), val.data());
      glp_set_row_bnds(lp, r, sigma > 0 ? GLP_UP : GLP_LO, 0.0, 0.0);
    }
    // The target: σ z_root ≥ σ T, T half a unit of the last decimal below S when rounded.
    const double T = ro.round_to ? S - sigma * 0.5 * std::pow(10.0, -*ro.round_to) : S;
    {
      const int r = glp_add_rows(lp, 1);
      int ri[2] = {0, static_cast<int>(p.root() + 1)};
      double rv[2] = {0, 1.0};
      glp_set_mat_row(lp, r, 1, ri, rv);
      glp_set_row_bnds(lp, r, sigma > 0 ? GLP_LO : GLP_UP, T, T);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_std_basis(lp);
    const int rc = glp_simplex(lp, &parm);
    const int status = rc == 0 ? glp_get_status(lp) : GLP_UNDEF;
    if (rc != 0 && rc != GLP_ENOPFS)
      throw error("cheapest: GLPK simplex failed (return code " + std::to_string(rc) + ")");
    if (status == GLP_OPT) {
      lp_ok = true;
      out.lp_cost = glp_get_obj_val(lp);
      for (const auto& c : cand)
        out.lp_cost -= sigma * c.lp_cost * c.y0;
      for (auto& c : cand) {
        const double y = glp_get_col_prim(lp, static_cast<int>(c.k + 1));
        const double room = std::abs(c.y_lim - c.y0);
        if (!(sigma * (y - c.y0) > 1e-12 * std::max(1.0, room))) continue;
        if (sigma * (y - c.y_lim) >= -1e-12 * std::max(1.0, room)) {
          c.x_lp = c.x_sat;
          continue;
        }
        c.x_lp = cheap_least(c.x0, c.x_sat, c.whole,
                             [&](double t) { return sigma * score_at(c.k, t) >= sigma * y; });
      }
    }
  }

  // Re-scoring along a direction: x(λ) = x0 + λ D, clipped at the limits, counts rounded up.
  Eigen::MatrixXd trial = values;
  std::vector<double> dir(cand.size(), 0.0);
  auto value_at = [&](const cheap_candidate& c, double d, double lambda) {
    double v = c.x0 + lambda * d;
    v = c.better > 0 ? std::min(v, c.limit) : std::max(v, c.limit);
    if (c.whole) v = c.better > 0 ? std::ceil(v) : std::floor(v);
    return v;
  };
  result r;
  auto eval_at = [&](double lambda, keep what) {
    for (std::size_t j = 0; j < cand.size(); ++j)
      trial(uu, static_cast<Eigen::Index>(cand[j].column)) =
          dir[j] == 0 ? cand[j].x0 : value_at(cand[j], dir[j], lambda);
    evaluate(p, trial, groups, impute_groups, r, what);
    ++out.evaluations;
    return reaches(r.node(p.root())[uu], r.rank[uu]);
  };
  // The least λ in (lo, hi] reaching: to adjacent doubles (relative).
  auto least_step = [&](double lo, double hi) {
    for (;;) {
      const double mid = lo + (hi - lo) / 2;
      if (mid == lo || mid == hi || hi - lo <= std::ldexp(hi, -52)) break;
      (eval_at(mid, keep::aggregates) ? hi : lo) = mid;
    }
    return hi;
  };
  double step = detail::nan;
  if (lp_ok) {
    double far = 1;
    bool any = false;
    for (std::size_t j = 0; j < cand.size(); ++j) {
      dir[j] = cand[j].x_lp - cand[j].x0;
      if (dir[j] == 0) continue;
      any = true;
      far = std::max(far, (cand[j].limit - cand[j].x0) / dir[j]);
    }
    if (any) {
      if (eval_at(1, keep::aggregates))
        step = least_step(0, 1);
      else if (far > 1 && eval_at(far, keep::aggregates))
        step = least_step(1, far);
    }
  }
  if (std::isnan(step)) {
    for (std::size_t j = 0; j < cand.size(); ++j)
      dir[j] = cand[j].limit - cand[j].x0;
    if (cand.empty() || !eval_at(1, keep::aggregates)) {
      out.reason = cand.empty() ? "no indicator may change"
                                : "not enough even with every indicator that may change at its "
                                  "limit";
      return out;
    }
    out.along_limits = true;
    step = least_step(0, 1);
  }
  out.step = step;
  out.reachable = eval_at(step, keep::all);
  if (!out.reachable) throw error("cheapest: the verified combination does not reach (a bug)");
  out.score_after = r.node(p.root())[uu];
  out.rank_after = r.rank[uu];
  for (std::size_t j = 0; j < cand.size(); ++j) {
    const auto& c = cand[j];
    const double v = trial(uu, static_cast<Eigen::Index>(c.column));
    if (v == c.x0) continue;
    cheapest_change ch;
    ch.indicator = c.k;
    ch.column = c.column;
    ch.value_now = c.x0;
    ch.value_needed = v;
    ch.score_now = c.y0;
    ch.score_after = r.node(c.k)[uu];
    ch.cost = out.unit_costs ? c.cost * std::abs(v - c.x0) : std::abs(ch.score_after - c.y0);
    ch.whole = c.whole;
    out.total_cost += ch.cost;
    out.changes.push_back(ch);
  }
  return out;
}

cheapest_report cheapest(const plan& p, const dataset& d, std::size_t unit, const goal& target,
                         const cheapest_options& o) {
  d.check();
  const auto groups = ranking_groups(p, d);
  const auto impute = imputation_groups(p, d);
  const auto g = gap(p, d.values, groups, impute, unit, target);
  return cheapest(p, d.values, groups, impute, g, o);
}

} // namespace chiso::whatif
