#pragma once
/// \file normalise/z_score.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <string_view>

namespace chiso::normalise {

/// Standardisation (Handbook 2008, §5.3; COINr `n_zscore`):
///   y = mean + sd · (d·x − μ) / σ,
/// μ and σ the mean and the *sample* standard deviation (n − 1, as the Handbook and R's sd()) of
/// d·x; `mean` and `sd` set the target location and scale (COINr's ASEM set-up uses mean 10,
/// sd 2). Fewer than two observed values or σ = 0: scores missing with a `constant_column`
/// diagnostic. Example: x = {2, 4, 6, 10}: μ = 5.5, σ = √(35/3) ≈ 3.41565, y(10) = 4.5/σ ≈ 1.31747.
struct z_score {
  static constexpr std::string_view name = "z_score";
  double mean = 0.0;
  double sd = 1.0;
  static constexpr std::string_view summary =
      "z-score rescaled to the given mean and sd (sample SD, n - 1)";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"mean", &z_score::mean, "mean of the scores"},
        param::field{"sd", &z_score::sd, "standard deviation of the scores", param::above(0)}};
  }

  void validate(const column_context& c) const {
    if (!(sd > 0) || !std::isfinite(mean))
      throw framework_error("indicator '" + c.id +
                            "': z_score needs sd > 0 and a finite mean (got mean=" +
                            detail::num(mean) + ", sd=" + detail::num(sd) + ")");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    const double d = c.direction;
    const auto s = detail::stats_of(x, d);
    if (s.n == 0) return detail::mark_empty(out, sink, name);
    if (s.n < 2 || !(s.sd > 0))
      return detail::mark_undefined(out, sink, diagnostic_code::constant_column,
                                    s.n < 2 ? "z_score: one observed value only, no spread"
                                            : "z_score: no spread (sd = 0), scores missing");
    const double f = sd / s.sd;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      out[i] = mean + (d * x[i] - s.mean) * f;
  }
};

} // namespace chiso::normalise
