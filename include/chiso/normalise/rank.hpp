#pragma once
/// \file normalise/rank.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <string_view>

namespace chiso::normalise {

/// Rank (Handbook 2008 §5.3 "ranking"; COINr `n_rank`, R's rank(ties.method = "min")): y = rank
/// of d·x in ascending order, ties sharing the lowest rank, so the worst unit scores 1 and the
/// best n (the count of observed values) unless it is tied. Example: x = {3, 1, 3, 2} →
/// {3, 1, 3, 2}; with d = −1 → {1, 4, 1, 3}.
struct rank {
  static constexpr std::string_view name = "rank";
  static constexpr std::string_view summary = "rank (ties share the lowest rank)";

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    if (detail::min_ranks_ascending(x, c.direction, out) == 0) detail::mark_empty(out, sink, name);
  }
};

/// Which percentile-rank formula to use.
enum class percentile_formula {
  coinr,   ///< (r − 1) / (n − 1), in [0, 1]  (COINr `n_prank`)
  handbook ///< r / n · 100, in (0, 100]     (Handbook 2008 §5.3)
};

/// Percentile rank of d·x, r the ascending rank with ties sharing the lowest rank and n the
/// count of observed values; see `percentile_formula`. With the COINr formula a single observed
/// value has no spread (`constant_column`, scores missing); a constant column of n ≥ 2 values
/// scores 0 everywhere (all tied at rank 1, as COINr). Example: x = {2, 4, 6, 10} →
/// {0, 1/3, 2/3, 1} (coinr), {25, 50, 75, 100} (handbook).
struct percentile_rank {
  static constexpr std::string_view name = "percentile_rank";
  percentile_formula formula = percentile_formula::coinr;
  static constexpr std::string_view summary = "percentile rank";
  static constexpr auto parameters() {
    return std::tuple{param::field{
        "formula",
        &percentile_rank::formula,
        "coinr: (r - 1)/(n - 1); handbook: r/n",
        {{"coinr", percentile_formula::coinr}, {"handbook", percentile_formula::handbook}}}};
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    const auto n = static_cast<double>(detail::min_ranks_ascending(x, c.direction, out));
    if (n == 0) return detail::mark_empty(out, sink, name);
    if (formula == percentile_formula::handbook) {
      out *= 100.0 / n;
    } else if (n < 2) {
      detail::mark_undefined(out, sink, diagnostic_code::constant_column,
                             "percentile_rank: one observed value only, no spread");
    } else {
      out = (out.array() - 1.0) / (n - 1.0);
    }
  }
};

} // namespace chiso::normalise
