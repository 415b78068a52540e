// Bodies of include/chiso/impute/panel.hpp (imputation along the periods of a panel).
#include "chiso/impute/panel.hpp"

#include "chiso/error.hpp"

namespace chiso::impute {

std::vector<double> detail::panel_positions(std::string_view who,
                                            std::span<const Eigen::MatrixXd> periods,
                                            std::span<const std::size_t> columns,
                                            std::span<const double> positions) {
  const std::string w(who);
  if (periods.empty()) return {};
  for (std::size_t t = 1; t < periods.size(); ++t)
    if (periods[t].rows() != periods[0].rows() || periods[t].cols() != periods[0].cols())
      throw usage_error(w + ": period " + std::to_string(t) + " is " +
                        std::to_string(periods[t].rows()) + " × " +
                        std::to_string(periods[t].cols()) + " but period 0 is " +
                        std::to_string(periods[0].rows()) + " × " +
                        std::to_string(periods[0].cols()) + " (same units × columns needed)");
  check_columns(who, static_cast<std::size_t>(periods[0].cols()), columns);
  if (positions.empty()) {
    std::vector<double> p(periods.size());
    for (std::size_t t = 0; t < p.size(); ++t)
      p[t] = static_cast<double>(t);
    return p;
  }
  if (positions.size() != periods.size())
    throw usage_error(w + ": " + std::to_string(positions.size()) + " positions for " +
                      std::to_string(periods.size()) + " periods");
  for (std::size_t t = 0; t < positions.size(); ++t) {
    if (!std::isfinite(positions[t]))
      throw framework_error(w + ": position of period " + std::to_string(t) + " is not finite");
    if (t > 0 && !(positions[t] > positions[t - 1]))
      throw framework_error(w + ": positions must increase strictly (period " + std::to_string(t) +
                            " at " + chiso::detail::num(positions[t]) + " after " +
                            chiso::detail::num(positions[t - 1]) + ")");
  }
  return {positions.begin(), positions.end()};
}

void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                   double max_gap, std::vector<changed_cell>& out,
                   std::span<const double> positions) {
  if (std::isnan(max_gap) || max_gap < 0)
    throw framework_error("impute::carry_forward: max_gap must be >= 0 (got " +
                          chiso::detail::num(max_gap) + ")");
  const auto p = detail::panel_positions("impute::carry_forward", periods, columns, positions);
  if (periods.empty()) return;
  const Eigen::Index n = periods[0].rows();
  for (std::size_t j : columns) {
    const auto jj = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < n; ++i) {
      std::size_t last = periods.size(); // none yet
      for (std::size_t t = 0; t < periods.size(); ++t) {
        double& cell = periods[t](i, jj);
        if (!std::isnan(cell)) {
          last = t;
          continue;
        }
        double v = chiso::detail::nan;
        if (last < periods.size() && p[t] - p[last] <= max_gap) v = periods[last](i, jj);
        cell = v;
        out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, v, "carry_forward", t});
      }
    }
  }
}

void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                   std::vector<changed_cell>& out) {
  carry_forward(periods, columns, std::numeric_limits<double>::infinity(), out);
}

void interpolate(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                 std::vector<changed_cell>& out, std::span<const double> positions) {
  const auto p = detail::panel_positions("impute::interpolate", periods, columns, positions);
  if (periods.empty()) return;
  const Eigen::Index n = periods[0].rows();
  const std::size_t T = periods.size();
  for (std::size_t j : columns) {
    const auto jj = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < n; ++i) {
      std::size_t prev = T; // last observed period so far
      for (std::size_t t = 0; t < T; ++t) {
        if (!std::isnan(periods[t](i, jj))) {
          prev = t;
          continue;
        }
        std::size_t next = t + 1;
        while (next < T && std::isnan(periods[next](i, jj)))
          ++next;
        // Fill the whole run t .. next − 1 at once.
        for (std::size_t u = t; u < next; ++u) {
          double v = chiso::detail::nan;
          if (prev < T && next < T) {
            const double a = periods[prev](i, jj), b = periods[next](i, jj);
            v = a + (p[u] - p[prev]) / (p[next] - p[prev]) * (b - a);
          }
          periods[u](i, jj) = v;
          out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, v, "interpolate", u});
        }
        t = next; // next is observed (or T): the loop's ++t moves past it
        prev = next;
      }
    }
  }
}

} // namespace chiso::impute
