#pragma once
/// \file whatif/gap.hpp
/// What moves a unit up: for every scored indicator, the value that alone (everything else
/// unchanged) brings a unit to a target rank, score or band, under the framework's real
/// evaluation.
///
/// **The one-dimensional problem.** Fix unit u and the data column c an indicator reads (its
/// numerator when it has a denominator). Let R(t) be the evaluation of the whole framework with
/// u's value in c set to t: every indicator reading c rescored (data-dependent statistics such
/// as observed min-max bounds recomputed, so other units' scores move too), the aggregates
/// (caps, coverage rules) recomputed, the root rounded as the ranking rounds it, and u ranked
/// within its group (ties share a rank). The target is a predicate P(t) on R(t):
///   to_rank K    rank_u(t) ≤ K                         (K or better; ties count)
///   to_score S   σ · round(root_u(t)) ≥ σ · S          (σ = +1 when higher ranks better)
///   to_band b    round(root_u(t)) ≥ min of band b       (band b or a better one)
/// For the monotone methods of chiso (every normalisation, point rule and aggregation is
/// non-decreasing in a unit's value in its better direction, and observed min-max bounds that
/// move with t only lower the other units) P is monotone in t, so the answer is the boundary
/// t* = min {t better than now : P(t)}, found with the engine itself: bracketing (the column's
/// best observed value, then the limit, or doubling steps when there is none), then narrowing
/// to adjacent doubles (t* reaches, the double just before does not) — or to adjacent whole
/// numbers when the column holds counts. Narrowing first interpolates where the root score
/// crosses the score needed (it is piecewise linear in t under fixed bounds: regula falsi lands
/// within a few ulps) and probes a bracket a few ulps wide around that estimate, then bisects;
/// every probe is the engine's and keeps P(lo) false, P(hi) true, so the interpolation only
/// chooses where to look: no linear approximation enters the answer.
///
/// **Limits.** The search never goes beyond: the indicator's declared valid bound in the better
/// direction (`valid`), else for a share of counts (numerator column of whole numbers, every
/// observed numerator ≤ its denominator) the unit's denominator, else 0 for a lower-is-better
/// column whose observed values are all ≥ 0, else 2^60 × the column's scale (max(|now|, the
/// observed range — or the declared bounds' span when every reader of the column is
/// elementwise)); then "not reachable" means "at no finite value tried".
///
/// **Cost.** A probe of an elementwise indicator (fixed bounds, goalposts, point rules,
/// identity), or of a min-max with observed bounds that t leaves in place, rescores u alone
/// along the indicator's ancestors and ranks u by binary search among the other units'
/// rounded scores: O(depth + log n). Any other probe updates a live scoreboard
/// (live/scoreboard.hpp; O(n) per indicator column that moves), or evaluates everything when
/// the framework prepares its data. `evaluation::full` evaluates everything at every probe
/// (the reference; results are identical bit for bit — tested).

#include "chiso/plan.hpp"
#include "chiso/score.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace chiso::whatif {

/// Reach rank `rank` or better within the unit's ranking group; 0 means one rank up.
struct to_rank {
  double rank = 0;
};
/// Reach root score `score` or better (rounded as the ranking rounds).
struct to_score {
  double score = 0;
};
/// Reach band `label` or a better one.
struct to_band {
  std::string label{};
};
/// What the unit is to reach.
using goal = std::variant<to_rank, to_score, to_band>;

/// How each probe value is evaluated.
enum class evaluation {
  automatic, ///< one unit where the methods allow, a live scoreboard elsewhere
  full,      ///< the whole framework evaluated again at every probe (the reference)
};

/// The outcome for one indicator.
enum class gap_status {
  reachable,      ///< value_needed brings the unit there
  already,        ///< the unit is there now
  unreachable,    ///< even the limit (the best value tried) is not enough
  not_applicable, ///< not searched (`reason` says why: not scored, missing value...)
};

/// Names used in JSON and tables: "reachable", "already", "unreachable", "not_applicable".
std::string_view to_string(gap_status s) noexcept;

/// One indicator's answer.
struct indicator_gap {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t indicator = 0;      ///< plan index
  std::size_t column = npos;      ///< data column to change (the numerator)
  std::size_t denominator = npos; ///< its denominator column, or npos
  gap_status status = gap_status::not_applicable;
  std::string reason{}; ///< why unreachable or not applicable
  double value_now = std::numeric_limits<double>::quiet_NaN();
  /// The minimal value reaching the target (NaN unless reachable): the value just before it in
  /// the better direction (the previous double, or one less for counts) does not reach.
  double value_needed = std::numeric_limits<double>::quiet_NaN();
  double limit = std::numeric_limits<double>::quiet_NaN(); ///< the best value the search may try
  bool whole = false; ///< the column holds counts: values are whole numbers
  int better = 1;     ///< +1: larger values are better for this target, −1 smaller
  double denominator_value = std::numeric_limits<double>::quiet_NaN();
  double rate_now = std::numeric_limits<double>::quiet_NaN();    ///< value / denominator · scale
  double rate_needed = std::numeric_limits<double>::quiet_NaN(); ///< at value_needed
  double score_after = std::numeric_limits<double>::quiet_NaN(); ///< root score at value_needed
  double rank_after = std::numeric_limits<double>::quiet_NaN();  ///< rank at value_needed
  std::size_t probes = 0;                                        ///< evaluations made
};

/// The answer for one unit and one goal.
struct gap_report {
  std::size_t unit = 0;
  goal target{};
  double score_now = std::numeric_limits<double>::quiet_NaN(); ///< root score (unrounded)
  double rank_now = std::numeric_limits<double>::quiet_NaN();
  int band_now = -1;
  std::size_t group_size = 0; ///< ranked units in the unit's group
  /// Rank targets: K (0 resolved to one rank up); NaN for score and band targets.
  double target_rank = std::numeric_limits<double>::quiet_NaN();
  /// The root score (as the ranking rounds it) that reaches the target with every other unit's
  /// score as it is now; `score_needed_strict`: strictly more (no rounding, a tie not enough).
  double score_needed = std::numeric_limits<double>::quiet_NaN();
  bool score_needed_strict = false;
  bool already = false;                    ///< the target is met now
  std::vector<indicator_gap> indicators{}; ///< plan order, every indicator
};

/// Options of `gap`.
struct gap_options {
  evaluation mode = evaluation::automatic;
  /// Steer the search by interpolation on the root score (regula falsi, then a bracket a few
  /// ulps wide around the estimate) before bisecting; false = bisection alone. The answers are
  /// the same (the engine's predicate keeps the bracket either way; tested): only the number
  /// of probes differs (~10 instead of ~54 per indicator under fixed bounds).
  bool interpolate = true;
  /// The evaluation of these values already made (same plan, values and groups, as `evaluate`
  /// gives it; keep::all when the framework prepares its data): the search starts from it
  /// instead of evaluating everything again (`chiso explain` has it). Not owned; must outlive
  /// the call. Throws usage_error when its shape does not fit.
  const result* evaluated = nullptr;
};

/// Solves the one-dimensional problem above for every indicator of `p` for unit `unit` of
/// `values` (units × the columns `p` was compiled against), ranked within `groups` (codes per
/// unit, empty = one group); `impute_groups` as `evaluate` takes them. Throws usage_error for a
/// unit out of range, a rank target below 1, an unknown band label (naming the bands), a
/// framework without aggregate nodes or bands when a band is asked.
gap_report gap(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
               std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
               std::size_t unit, const goal& target, const gap_options& o = {});

/// Same on a dataset (its ranking and imputation groups).
gap_report gap(const plan& p, const dataset& d, std::size_t unit, const goal& target,
               const gap_options& o = {});

/// Rank of unit `u` on `scores` within its group, exactly as `chiso::rank` ranks it (same
/// options, rounding and groups); NaN when its score is missing. O(n).
double rank_of_unit(Eigen::Ref<const Eigen::VectorXd> scores, const rank_options& opt,
                    std::span<const std::uint32_t> groups, std::size_t u);

} // namespace chiso::whatif
