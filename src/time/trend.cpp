// Score and rank changes over periods (declared in include/chiso/time/trend.hpp), compiled once
// into libchiso.
#include "chiso/time/trend.hpp"

#include "time/detail.hpp"

#include "chiso/error.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso::time {

namespace detail {

void check_trend_input(const Eigen::Ref<const Eigen::MatrixXd>& scores,
                       const Eigen::Ref<const Eigen::MatrixXd>& ranks, const char* fn) {
  if (scores.rows() != ranks.rows() || scores.cols() != ranks.cols())
    throw usage_error(std::string(fn) + ": scores are " + std::to_string(scores.rows()) + " × " +
                      std::to_string(scores.cols()) + " but ranks are " +
                      std::to_string(ranks.rows()) + " × " + std::to_string(ranks.cols()));
  for (Eigen::Index k = 0; k < scores.cols(); ++k)
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
      const double s = scores(i, k), r = ranks(i, k);
      if (std::isnan(s) != std::isnan(r))
        throw usage_error(std::string(fn) + ": unit " + std::to_string(i) + ", period " +
                          std::to_string(k) + ": the score is " +
                          (std::isnan(s) ? "missing" : "present") + " but the rank is " +
                          (std::isnan(r) ? "missing" : "present") +
                          " (a rank is missing exactly when its score is)");
      if (!std::isnan(r) && !(r >= 1))
        throw usage_error(std::string(fn) + ": unit " + std::to_string(i) + ", period " +
                          std::to_string(k) + ": rank " + num(r) + " is below 1");
    }
}

// One comparison column c: from period `from` (or the last observed at or before it) to `to`.
// `last_seen[i]` is unit i's latest observed period at or before `from` (−1 if none).
void fill_change(const Eigen::Ref<const Eigen::MatrixXd>& scores,
                 const Eigen::Ref<const Eigen::MatrixXd>& ranks, Eigen::Index from, Eigen::Index to,
                 const std::vector<Eigen::Index>* last_seen, trend_result& out, Eigen::Index c) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::Index n = scores.rows();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index base = last_seen ? (*last_seen)[static_cast<std::size_t>(i)]
                                        : (std::isnan(scores(i, from)) ? Eigen::Index{-1} : from);
    const bool before = base >= 0;
    const bool after = !std::isnan(scores(i, to));
    change_status st = before && after ? change_status::observed
                       : after         ? change_status::missing_before
                       : before        ? change_status::missing_after
                                       : change_status::missing_both;
    out.status[static_cast<std::size_t>(c * n + i)] = st;
    out.base_period(i, c) = static_cast<int>(base);
    if (st == change_status::observed) {
      out.score_change(i, c) = scores(i, to) - scores(i, base);
      out.rank_change(i, c) = ranks(i, base) - ranks(i, to);
    } else {
      out.score_change(i, c) = nan;
      out.rank_change(i, c) = nan;
    }
  }
}

trend_result make_trend(Eigen::Index n, Eigen::Index cols) {
  trend_result r;
  r.score_change.resize(n, cols);
  r.rank_change.resize(n, cols);
  r.base_period.resize(n, cols);
  r.status.resize(static_cast<std::size_t>(n * cols));
  return r;
}

} // namespace detail

trend_result consecutive_changes(Eigen::Ref<const Eigen::MatrixXd> scores,
                                 Eigen::Ref<const Eigen::MatrixXd> ranks,
                                 const trend_options& opt) {
  detail::check_trend_input(scores, ranks, "consecutive_changes");
  const Eigen::Index n = scores.rows();
  const Eigen::Index m = scores.cols() > 0 ? scores.cols() - 1 : 0;
  auto out = detail::make_trend(n, m);
  std::vector<Eigen::Index> last(static_cast<std::size_t>(n), -1);
  const bool carry = opt.base == base_policy::last_observed;
  for (Eigen::Index c = 0; c < m; ++c) {
    if (carry)
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(scores(i, c))) last[static_cast<std::size_t>(i)] = c;
    detail::fill_change(scores, ranks, c, c + 1, carry ? &last : nullptr, out, c);
  }
  return out;
}

trend_result changes_between(Eigen::Ref<const Eigen::MatrixXd> scores,
                             Eigen::Ref<const Eigen::MatrixXd> ranks, Eigen::Index from,
                             Eigen::Index to, const trend_options& opt) {
  detail::check_trend_input(scores, ranks, "changes_between");
  if (from < 0 || to >= scores.cols() || !(from < to))
    throw usage_error("changes_between: need 0 <= from < to < " + std::to_string(scores.cols()) +
                      " (periods), got from = " + std::to_string(from) +
                      ", to = " + std::to_string(to));
  const Eigen::Index n = scores.rows();
  auto out = detail::make_trend(n, 1);
  if (opt.base == base_policy::last_observed) {
    std::vector<Eigen::Index> last(static_cast<std::size_t>(n), -1);
    for (Eigen::Index k = 0; k <= from; ++k)
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(scores(i, k))) last[static_cast<std::size_t>(i)] = k;
    detail::fill_change(scores, ranks, from, to, &last, out, 0);
  } else {
    detail::fill_change(scores, ranks, from, to, nullptr, out, 0);
  }
  return out;
}

} // namespace chiso::time
