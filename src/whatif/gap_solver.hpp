#pragma once
// src/whatif/gap_solver.hpp -- private to src/whatif/gap.cpp: the search behind whatif::gap
// for one unit — the target, the one-dimensional search per indicator (interpolation, bracket,
// bisection) and the probes (one-unit rescoring along a column's readers, or the live
// scoreboard). Split from gap.cpp, which keeps the public functions.

#include "chiso/whatif/gap.hpp"

#include "chiso/live/scoreboard.hpp"
#include "chiso/round.hpp"
#include "engine/locality.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace chiso::whatif::search {

/// What a probe found.
struct gap_probe {
  bool reach = false;
  double root = detail::nan;
  double rank = detail::nan;
};

/// How indicator k is rescored for unit u alone in a fast probe.
struct gap_reader {
  std::size_t k = 0;
  bool frozen = false; ///< min-max with observed bounds frozen at the column's (else elementwise)
  column_context ctx{};
  double x_lo = 0, x_hi = 0; ///< prepared values keeping the observed bounds in place
};

class gap_solver {
public:
  gap_solver(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
             std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
             std::size_t u, const gap_options& o)
      : p_(p), values_(values), groups_(groups), impute_groups_(impute_groups), u_(u), opt_(o) {
    // Only the aggregates of every unit are needed (the others' root scores); u's indicator
    // scores are computed below for u alone (elementwise methods) or from their column (the
    // others): the same operations as a full evaluation, without writing every indicator score.
    // An evaluation without indicator scores will do when u's can be computed from the raw
    // values (no preparation) and the root is an aggregate; the search makes its own that way
    // when every indicator is elementwise (a column statistic would be computed twice).
    const bool enough = !p_.prepares() && p_.n_nodes() > p_.n_indicators();
    bool lean = enough;
    for (std::size_t k = 0; k < p_.n_indicators() && lean; ++k) {
      const auto& st = p_.indicator_steps()[k];
      lean = chiso::detail::scores_units_alone(st);
    }
    if (const auto* e = opt_.evaluated) {
      if (e->scores.rows() != values_.rows() || e->rank.size() != values_.rows() ||
          e->first_node + static_cast<std::size_t>(e->scores.cols()) != p_.n_nodes() ||
          (e->first_node != 0 && !enough))
        throw usage_error(
            "gap: the evaluation given (gap_options::evaluated) is not one of these " +
            std::to_string(values_.rows()) + " units on this plan" +
            (enough ? "" : " with every indicator's score kept (keep::all)"));
      b_ = e;
    } else {
      evaluate(p_, values_, groups_, impute_groups_, base_, lean ? keep::aggregates : keep::all);
    }
    const result& b = *b_;
    ro_ = p_.framework().ranking.options;
    raw_ = values_.row(static_cast<Eigen::Index>(u_));
    probe_raw_ = values_.middleRows(static_cast<Eigen::Index>(u_), 1);
    const auto uu = static_cast<Eigen::Index>(u_);
    base_row_.resize(static_cast<Eigen::Index>(p_.n_nodes()));
    for (std::size_t k = 0; k < p_.n_nodes(); ++k) {
      const auto kk = static_cast<Eigen::Index>(k);
      if (k >= b.first_node) {
        base_row_[kk] = b.node(k)[uu];
        continue;
      }
      const auto& st = p_.indicator_steps()[k];
      discarded_.clear();
      if (chiso::detail::scores_units_alone(st)) {
        Eigen::Map<Eigen::VectorXd> one(&base_row_[kk], 1);
        detail::score_indicator(p_, k, probe_raw_, one, discarded_, scratch_.workspace);
      } else {
        column_scores_.resize(values_.rows());
        detail::score_indicator(p_, k, values_, column_scores_, discarded_, scratch_.workspace);
        base_row_[kk] = column_scores_[uu];
      }
    }
    row_ = base_row_;
    // Parents of every node, for ancestors.
    parents_.resize(p_.n_nodes());
    topo_.assign(p_.n_nodes(), 0);
    for (std::size_t t = 0; t < p_.order().size(); ++t) {
      const auto& s = p_.node_steps()[p_.order()[t]];
      topo_[s.index] = t;
      for (auto c : s.children)
        parents_[c].push_back(p_.order()[t]);
    }
  }

  const result& base() const noexcept { return *b_; }

  /// Sets the target (after the base evaluation): σ, the threshold, others' keys.
  void set_target(bool by_rank, double K, double S, double sigma) {
    by_rank_ = by_rank;
    K_ = K;
    S_ = S;
    sigma_ = sigma;
    const double sign = ro_.order == rank_order::descending ? -1.0 : 1.0;
    const auto root = b_->node(p_.root());
    others_.clear();
    for (std::size_t i = 0; i < static_cast<std::size_t>(root.size()); ++i) {
      if (i == u_ || (!groups_.empty() && groups_[i] != groups_[u_])) continue;
      const double s = root[static_cast<Eigen::Index>(i)];
      if (std::isnan(s)) continue;
      others_.push_back({sign * (ro_.round_to ? round_decimal(s, *ro_.round_to) : s), i});
    }
    std::sort(others_.begin(), others_.end());
    distinct_before_.assign(others_.size() + 1, 0);
    for (std::size_t j = 0; j < others_.size(); ++j)
      distinct_before_[j + 1] =
          distinct_before_[j] + (j == 0 || others_[j].first != others_[j - 1].first ? 1 : 0);
  }

  /// Rank of u with ranking key `ku` among the other units as they are now.
  double rank_with_key(double ku) const {
    const auto lo =
        std::lower_bound(others_.begin(), others_.end(), std::pair<double, std::size_t>{ku, 0});
    auto hi = lo;
    std::size_t before = 0;
    while (hi != others_.end() && hi->first == ku) {
      before += hi->second < u_ ? 1 : 0;
      ++hi;
    }
    const auto less = static_cast<std::size_t>(lo - others_.begin());
    const auto equal = static_cast<std::size_t>(hi - lo);
    switch (ro_.method) {
    case rank_method::competition: return static_cast<double>(1 + less);
    case rank_method::dense: return static_cast<double>(1 + distinct_before_[less]);
    case rank_method::average:
      return static_cast<double>(less) + 1.0 + static_cast<double>(equal) / 2;
    case rank_method::ordinal: return static_cast<double>(1 + less + before);
    }
    return static_cast<double>(1 + less);
  }

  double key_of(double s) const {
    const double sign = ro_.order == rank_order::descending ? -1.0 : 1.0;
    return sign * (ro_.round_to ? round_decimal(s, *ro_.round_to) : s);
  }

  /// The root score at which the target flips with the other units as they are (the score
  /// needed, less half a unit of the last decimal when the ranking rounds); NaN: unknown. Only
  /// steers the search (interpolation); the predicate decides.
  void set_threshold(double score_needed) {
    threshold_ =
        ro_.round_to ? score_needed - sigma_ * 0.5 * std::pow(10.0, -*ro_.round_to) : score_needed;
  }

  bool reaches(double root, double rank) const {
    if (by_rank_) return !std::isnan(rank) && rank <= K_;
    if (std::isnan(root)) return false;
    const double r = ro_.round_to ? round_decimal(root, *ro_.round_to) : root;
    return sigma_ * r >= sigma_ * S_;
  }

  /// The root score (ranking-rounded) that reaches the rank target with the others as they are.
  void score_needed(gap_report& g) const {
    const double sign = ro_.order == rank_order::descending ? -1.0 : 1.0;
    // Candidates from the worst: below everyone, then for each distinct key from the worst, a
    // tie with it, then just better than it.
    if (others_.empty() || rank_with_key(std::numeric_limits<double>::infinity()) <= K_) return;
    for (std::size_t j = others_.size(); j-- > 0;) {
      if (j + 1 < others_.size() && others_[j].first == others_[j + 1].first) continue;
      const double k = others_[j].first;
      if (rank_with_key(k) <= K_) {
        g.score_needed = sign * k;
        return;
      }
      const double better = std::nextafter(k, -std::numeric_limits<double>::infinity());
      if (rank_with_key(better) <= K_) {
        if (ro_.round_to) {
          const double step = std::pow(10.0, -*ro_.round_to);
          g.score_needed = round_decimal(sign * k - sign * step, *ro_.round_to);
        } else {
          g.score_needed = sign * k;
          g.score_needed_strict = true;
        }
        return;
      }
    }
  }

  /// Solves indicator k (reading data column c).
  void solve(std::size_t k, indicator_gap& out) {
    const auto& st = p_.indicator_steps()[k];
    const auto c = st.column;
    out.indicator = k;
    out.column = c;
    out.denominator = st.denominator;
    const double now = raw_[static_cast<Eigen::Index>(c)];
    out.value_now = now;
    const bool has_den = st.denominator != plan::npos;
    if (has_den) {
      out.denominator_value = raw_[static_cast<Eigen::Index>(st.denominator)];
      out.rate_now = now / out.denominator_value * st.scale;
    }
    out.better = static_cast<int>(sigma_) * st.context.direction;
    const double sgn = out.better;
    if (std::holds_alternative<points::not_scored>(st.method)) {
      out.reason = "not scored";
      return;
    }
    if (!under_root(k)) {
      out.reason = "does not weigh in '" + p_.ids()[p_.root()] + "'";
      return;
    }
    if (std::isnan(now)) {
      out.reason = "the unit's value is missing";
      return;
    }
    if (has_den && (std::isnan(out.denominator_value) || out.denominator_value == 0)) {
      out.reason = std::isnan(out.denominator_value) ? "the unit's denominator is missing"
                                                     : "the unit's denominator is 0";
      return;
    }
    prepare_column(c);
    // Counts: a share of whole numbers searched over whole numbers.
    const auto col = values_.col(static_cast<Eigen::Index>(c));
    bool whole = has_den, share = has_den, non_negative = true;
    double lo_obs = detail::nan, hi_obs = detail::nan;
    const auto& bound = sgn > 0 ? st.valid_max : st.valid_min;
    // The observed range steers the bracket (the best observed value, the doubling width) and
    // decides the limit of a lower-is-better column. Scanning it reads the whole column: when
    // every reader is elementwise it is skipped unless the limit needs it, and the declared
    // bounds' span (else |now|) is the width.
    const bool scan = !elementwise_ || (sgn < 0 && !bound);
    if (!has_den && scan) { // the observed range only (vectorised): counts matter for shares
      lo_obs = col.minCoeff<Eigen::PropagateNumbers>();
      hi_obs = col.maxCoeff<Eigen::PropagateNumbers>();
      non_negative = !(lo_obs < 0);
    }
    for (Eigen::Index i = 0; has_den && i < col.size(); ++i) {
      const double v = col[i];
      if (std::isnan(v)) continue;
      lo_obs = std::isnan(lo_obs) ? v : std::min(lo_obs, v);
      hi_obs = std::isnan(hi_obs) ? v : std::max(hi_obs, v);
      non_negative = non_negative && v >= 0;
      whole = whole && v >= 0 && std::floor(v) == v;
      if (has_den) {
        const double d = values_(i, static_cast<Eigen::Index>(st.denominator));
        share = share && !(v > d);
      }
    }
    out.whole = whole;
    double limit = sgn * std::numeric_limits<double>::infinity();
    if (bound)
      limit = *bound;
    else if (whole && share && sgn > 0)
      limit = out.denominator_value;
    else if (sgn < 0 && non_negative)
      limit = 0;
    if (whole && std::isfinite(limit)) limit = sgn > 0 ? std::floor(limit) : std::ceil(limit);
    out.limit = limit;
    if (!(sgn * (limit - now) > 0)) {
      out.status = gap_status::unreachable;
      out.reason = "the value is already at its limit";
      return;
    }
    // Bracket: [lo, hi] with P(lo) false (lo = now) and P(hi) true; r_lo, r_hi their roots.
    double lo = now, hi = detail::nan;
    double r_lo = b_->node(p_.root())[static_cast<Eigen::Index>(u_)], r_hi = detail::nan;
    gap_probe at_hi;
    auto try_at = [&](double t) {
      const auto r = probe(k, c, t);
      ++out.probes;

      if (r.reach) {
        at_hi = r;
        r_hi = r.root;
      } else {
        r_lo = r.root;
      }
      return r.reach;
    };
    // First the column's best observed value: inside the observed range one-unit probes apply
    // (observed bounds stay in place), and most answers lie there.
    const double best = sgn > 0 ? hi_obs : lo_obs;
    if (!has_den && sgn * (best - now) > 0 && sgn * (limit - best) > 0) {
      if (try_at(best))
        hi = best;
      else
        lo = best;
    }
    if (std::isnan(hi) && std::isfinite(limit)) {
      if (try_at(limit)) hi = limit;
    } else if (std::isnan(hi)) {
      double span = std::isnan(hi_obs) ? 0.0 : hi_obs - lo_obs;
      if (!has_den && !scan && st.context.lower && st.context.upper)
        span = std::abs(*st.context.upper - *st.context.lower);
      double w = std::max(std::abs(now), span);
      if (!(w > 0)) w = 1;
      if (whole) w = std::max(1.0, std::ceil(w));
      const double from = lo;
      for (int j = 0; j <= 60; ++j) {
        const double t = from + sgn * std::ldexp(w, j);
        if (!std::isfinite(t)) break;
        if (try_at(t)) {
          hi = t;
          break;
        }
        lo = t;
      }
    }
    if (std::isnan(hi)) {
      if (!std::isfinite(limit)) out.limit = lo; // the last value tried
      out.status = gap_status::unreachable;
      out.reason =
          std::isfinite(limit) ? "not enough even at the limit" : "not enough at any value tried";
      restore(c);
      return;
    }
    narrow(whole, sgn, lo, hi, r_lo, r_hi, try_at);
    if (whole) {
      while (std::abs(hi - lo) > 1) {
        const double mid = lo + sgn * std::floor(std::abs(hi - lo) / 2);
        if (try_at(mid))
          hi = mid;
        else
          lo = mid;
      }
    } else {
      for (;;) {
        const double mid = lo + (hi - lo) / 2;
        if (mid == lo || mid == hi) break;
        if (try_at(mid))
          hi = mid;
        else
          lo = mid;
      }
    }
    // The answer's own evaluation (the last reaching probe may have been a larger value).
    at_hi = probe(k, c, hi);
    ++out.probes;
    out.status = gap_status::reachable;
    out.value_needed = hi;
    if (has_den) out.rate_needed = hi / out.denominator_value * st.scale;
    out.score_after = at_hi.root;
    out.rank_after = at_hi.rank;
    restore(c);
  }

private:
  /// Narrows [lo, hi] (P(lo) false, P(hi) true; roots r_lo, r_hi) before bisection. Under
  /// fixed bounds the root is piecewise linear in the value, so the value where it crosses the
  /// threshold is found by interpolation (regula falsi, Illinois variant: at most 3 probes,
  /// while the estimate falls strictly inside the bracket). The root is computed in floating
  /// point, so near the crossing it is a staircase: one ulp of the root spans
  /// ulp(root) / slope of the value (thousands of ulps of the value when the indicator weighs
  /// little). From the last estimate, probes step away by about that width, growing 8-fold,
  /// until one lands on the other side: bisection then works in a bracket of a few staircase
  /// steps (~12 probes) instead of the whole range (~54). Every step keeps the bracket's
  /// invariant with the engine's own predicate, so the answer is the boundary bisection alone
  /// finds; interpolation only chooses where to probe.
  template <class Try>
  void narrow(bool whole, double sgn, double& lo, double& hi, double& r_lo, double& r_hi,
              Try& try_at) const {
    auto adjacent = [&] {
      if (whole) return std::abs(hi - lo) <= 1;
      const double mid = lo + (hi - lo) / 2;
      return mid == lo || mid == hi;
    };
    auto inside = [&](double t) { return sgn * (t - lo) > 0 && sgn * (hi - t) > 0; };
    if (std::isnan(threshold_) || !opt_.interpolate) return;
    double last = detail::nan, slope = detail::nan;
    bool last_reach = false;
    int side = 0;
    for (int it = 0; it < 3 && !adjacent(); ++it) {
      const double a = sigma_ * (r_lo - threshold_), b = sigma_ * (r_hi - threshold_);
      if (!(a < 0) || !(b >= 0) || !(b > a)) break;
      slope = std::abs((r_hi - r_lo) / (hi - lo));
      double t = lo + (hi - lo) * (-a / (b - a));
      if (whole) t = sgn > 0 ? std::ceil(t) : std::floor(t);
      if (!inside(t)) break;
      const double fa = r_lo, fb = r_hi;
      last_reach = try_at(t);
      last = t;
      (last_reach ? hi : lo) = t;
      // Illinois: the end kept twice in a row has its distance to the threshold halved.
      if (last_reach) {
        if (side == 1) r_lo = threshold_ + (fa - threshold_) / 2;
        side = 1;
      } else {
        if (side == -1) r_hi = threshold_ + (fb - threshold_) / 2;
        side = -1;
      }
      if (std::isnan(last_reach ? r_hi : r_lo)) return;
    }
    if (std::isnan(last)) return;
    // The staircase's step in the value, at least 2 ulps (1 for counts).
    const double ulp = std::abs(std::nextafter(last, last + sgn) - last);
    double step = whole ? 1.0 : 2 * ulp;
    if (slope > 0) {
      const double rise = std::abs(std::nextafter(threshold_, 2 * threshold_ + 1) - threshold_);
      step = std::max(step, rise / slope);
      if (whole) step = std::ceil(step);
    }
    for (int j = 0; j < 8 && !adjacent(); ++j, step *= 8) {
      const double t = last_reach ? hi - sgn * step : lo + sgn * step;
      if (!inside(t)) return;
      const bool r = try_at(t);
      (r ? hi : lo) = t;
      if (r != last_reach) return; // the boundary is between t and the estimate
    }
  }

  const plan& p_;
  Eigen::Ref<const Eigen::MatrixXd> values_;
  std::span<const std::uint32_t> groups_, impute_groups_;
  std::size_t u_;
  gap_options opt_;
  result base_, scratch_;
  const result* b_ = &base_; // the base evaluation: base_, or the one given
  rank_options ro_;
  bool by_rank_ = true;
  double K_ = 0, S_ = 0, sigma_ = 1, threshold_ = detail::nan;
  std::vector<std::pair<double, std::size_t>> others_;
  std::vector<std::size_t> distinct_before_;
  Eigen::VectorXd row_;      // u's score of every node (kept at the base between probes)
  Eigen::VectorXd base_row_; // u's score of every node in the base evaluation
  Eigen::VectorXd column_scores_;
  Eigen::RowVectorXd raw_;    // u's values
  Eigen::MatrixXd probe_raw_; // u's values with the probed one (1 × columns, column-major)
  std::vector<std::vector<std::size_t>> parents_;
  std::vector<std::size_t> topo_;
  std::unique_ptr<live::scoreboard> board_;
  Eigen::MatrixXd work_;
  // The column being solved: its readers and their ancestors.
  std::size_t column_ = plan::npos;
  bool fast_ = false;
  bool elementwise_ = false; ///< every reader of the column scores each unit from its own value
  std::vector<gap_reader> readers_;
  std::vector<std::size_t> ancestors_; // node-step positions, topological order
  std::vector<diagnostic> discarded_;

  bool under_root(std::size_t k) const {
    std::vector<std::size_t> stack{k};
    std::vector<unsigned char> seen(p_.n_nodes(), 0);
    while (!stack.empty()) {
      const auto x = stack.back();
      stack.pop_back();
      if (x == p_.root()) return true;
      if (seen[x]) continue;
      seen[x] = 1;
      for (auto pos : parents_[x])
        stack.push_back(p_.node_steps()[pos].index);
    }
    return p_.n_nodes() == p_.n_indicators() && k == p_.root();
  }

  /// The readers of column c and their ancestors, and whether fast probes are possible.
  void prepare_column(std::size_t c) {
    if (column_ == c) return;
    column_ = c;
    readers_.clear();
    ancestors_.clear();
    fast_ = opt_.mode == evaluation::automatic && !p_.prepares();
    elementwise_ = !p_.prepares();
    const auto n = values_.rows();
    std::vector<unsigned char> is_anc(p_.node_steps().size(), 0);
    std::vector<std::size_t> stack;
    for (std::size_t k = 0; k < p_.n_indicators(); ++k) {
      const auto& s = p_.indicator_steps()[k];
      if (s.column != c && s.denominator != c) continue;
      gap_reader r;
      r.k = k;
      r.ctx = s.context;
      const bool elem = chiso::detail::scores_units_alone(s);
      elementwise_ = elementwise_ && elem;
      if (!elem) {
        if (!std::holds_alternative<normalise::min_max>(s.method)) {
          fast_ = false;
        } else {
          // Observed bounds stay in place while u's prepared value stays within them and some
          // other unit holds each of them.
          const bool has_den = s.denominator != plan::npos;
          double lo = detail::nan, hi = detail::nan, lo_o = detail::nan, hi_o = detail::nan;
          for (Eigen::Index i = 0; i < n; ++i) {
            bool z = false, m = false;
            const double x = detail::prepared_value(
                s, values_(i, static_cast<Eigen::Index>(s.column)),
                has_den ? values_(i, static_cast<Eigen::Index>(s.denominator)) : 0.0, has_den, z,
                m);
            if (std::isnan(x)) continue;
            lo = std::isnan(lo) ? x : std::min(lo, x);
            hi = std::isnan(hi) ? x : std::max(hi, x);
            if (static_cast<std::size_t>(i) == u_) continue;
            lo_o = std::isnan(lo_o) ? x : std::min(lo_o, x);
            hi_o = std::isnan(hi_o) ? x : std::max(hi_o, x);
          }
          if (std::isnan(lo_o) || lo_o != lo || hi_o != hi) {
            fast_ = false;
          } else {
            r.frozen = true;
            r.x_lo = lo;
            r.x_hi = hi;
            if (!r.ctx.lower) r.ctx.lower = lo;
            if (!r.ctx.upper) r.ctx.upper = hi;
          }
        }
      }
      readers_.push_back(r);
      stack.push_back(k);
    }
    while (!stack.empty()) {
      const auto x = stack.back();
      stack.pop_back();
      for (auto pos : parents_[x])
        if (!is_anc[pos]) {
          is_anc[pos] = 1;
          stack.push_back(p_.node_steps()[pos].index);
        }
    }
    for (auto pos : p_.order())
      if (is_anc[pos]) {
        const auto& s = p_.node_steps()[pos];
        const bool one = !s.weights_from && chiso::detail::aggregates_units_alone(s.aggregation);
        fast_ = fast_ && one;
        ancestors_.push_back(pos);
      }
  }

  void restore(std::size_t c) {
    row_ = base_row_;
    probe_raw_(0, static_cast<Eigen::Index>(c)) = raw_[static_cast<Eigen::Index>(c)];
    if (board_) board_->set(u_, c, raw_[static_cast<Eigen::Index>(c)]);
    if (work_.size() != 0)
      work_(static_cast<Eigen::Index>(u_), static_cast<Eigen::Index>(c)) =
          raw_[static_cast<Eigen::Index>(c)];
  }

  gap_probe probe(std::size_t k, std::size_t c, double t) {
    (void)k;
    if (fast_) {
      if (auto r = fast_probe(c, t)) return *r;
    }
    gap_probe r;
    if (opt_.mode == evaluation::automatic && !p_.prepares() &&
        ro_.method != rank_method::ordinal) {
      if (!board_)
        board_ = std::make_unique<live::scoreboard>(
            p_, Eigen::MatrixXd(values_),
            std::vector<std::uint32_t>(groups_.begin(), groups_.end()));
      board_->set(u_, c, t);
      r.root = board_->score(u_, p_.root());
      r.rank = board_->rank(u_);
    } else {
      if (work_.size() == 0) work_ = values_;
      work_(static_cast<Eigen::Index>(u_), static_cast<Eigen::Index>(c)) = t;
      evaluate(p_, work_, groups_, impute_groups_, scratch_, keep::aggregates);
      r.root = scratch_.node(p_.root())[static_cast<Eigen::Index>(u_)];
      r.rank = scratch_.rank[static_cast<Eigen::Index>(u_)];
    }
    r.reach = reaches(r.root, r.rank);
    return r;
  }

  /// u alone rescored along the column's readers and their ancestors, the others as they are;
  /// nothing when t moves an observed bound.
  std::optional<gap_probe> fast_probe(std::size_t c, double t) {
    probe_raw_(0, static_cast<Eigen::Index>(c)) = t;
    for (const auto& r : readers_) {
      if (!r.frozen) continue;
      const auto& s = p_.indicator_steps()[r.k];
      const bool has_den = s.denominator != plan::npos;
      bool z = false, m = false;
      const double x = detail::prepared_value(
          s, probe_raw_(0, static_cast<Eigen::Index>(s.column)),
          has_den ? probe_raw_(0, static_cast<Eigen::Index>(s.denominator)) : 0.0, has_den, z, m);
      if (!(x >= r.x_lo && x <= r.x_hi)) return std::nullopt;
    }
    for (const auto& r : readers_) {
      double y = 0;
      Eigen::Map<Eigen::VectorXd> out(&y, 1);
      discarded_.clear();
      if (!r.frozen) {
        detail::score_indicator(p_, r.k, probe_raw_, out, discarded_, scratch_.workspace);
      } else {
        const auto& s = p_.indicator_steps()[r.k];
        const bool has_den = s.denominator != plan::npos;
        bool z = false, m = false;
        double x = detail::prepared_value(
            s, probe_raw_(0, static_cast<Eigen::Index>(s.column)),
            has_den ? probe_raw_(0, static_cast<Eigen::Index>(s.denominator)) : 0.0, has_den, z, m);
        Eigen::Map<const Eigen::VectorXd> in(&x, 1);
        diagnostics_sink sink(discarded_, r.k, p_.ids()[r.k], "indicator");
        std::get<normalise::min_max>(s.method)(in, r.ctx, out, sink);
      }
      row_[static_cast<Eigen::Index>(r.k)] = y;
    }
    auto& ws = scratch_.workspace;
    for (auto pos : ancestors_) {
      const auto& s = p_.node_steps()[pos];
      ws.child_ptrs.resize(s.children.size());
      for (std::size_t j = 0; j < s.children.size(); ++j)
        ws.child_ptrs[j] = &row_[static_cast<Eigen::Index>(s.children[j])];
      double y = 0;
      scratch_.diagnostics.clear();
      detail::aggregate_node(p_, s, s.weights, s.aggregation, 1, &y, scratch_);
      row_[static_cast<Eigen::Index>(s.index)] = y;
    }
    gap_probe g;
    g.root = row_[static_cast<Eigen::Index>(p_.root())];
    g.rank = std::isnan(g.root) ? g.root : rank_with_key(key_of(g.root));
    g.reach = reaches(g.root, g.rank);
    return g;
  }
};

} // namespace chiso::whatif::search
