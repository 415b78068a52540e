// Correlation and reliability flags of a scored framework (declared in
// include/chiso/analysis/flags.hpp), compiled once into libchiso.
#include "chiso/analysis/flags.hpp"

#include "chiso/error.hpp"
#include "chiso/plan.hpp"
#include "chiso/score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace chiso::analysis {

std::vector<int> node_levels(const plan& p) {
  std::vector<int> level(p.n_nodes(), 1);
  for (auto pos : p.order()) {
    const auto& s = p.node_steps()[pos];
    int top = 0;
    for (auto c : s.children)
      top = std::max(top, level[c]);
    level[s.index] = top + 1;
  }
  return level;
}

namespace detail {

std::string fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

} // namespace detail

flag_report correlation_flags(const plan& p, const result& r, const flag_options& options) {
  if (static_cast<std::size_t>(r.scores.cols()) != p.n_nodes())
    throw usage_error("correlation_flags: the result has " + std::to_string(r.scores.cols()) +
                      " score columns but the plan has " + std::to_string(p.n_nodes()) +
                      " nodes; pass the result of evaluating this plan");
  const auto& ids = p.ids();
  const auto levels = node_levels(p);
  auto kind_of = [&](std::size_t k) { return p.is_indicator(k) ? "indicator '" : "node '"; };
  flag_report out;
  for (const auto& s : p.node_steps()) {
    node_report nr;
    nr.node = s.index;
    nr.level = levels[s.index];
    nr.children = s.children;
    const auto parent = r.scores.col(static_cast<Eigen::Index>(s.index));
    const auto m = static_cast<Eigen::Index>(s.children.size());
    Eigen::MatrixXd kids(r.scores.rows(), m);
    for (Eigen::Index j = 0; j < m; ++j)
      kids.col(j) =
          r.scores.col(static_cast<Eigen::Index>(s.children[static_cast<std::size_t>(j)]));
    for (Eigen::Index j = 0; j < m; ++j) {
      const auto c = correlation(kids.col(j), parent, options.method);
      nr.with_parent.push_back(c);
      if (!std::isnan(c.r) && c.r <= options.negative_with_parent) {
        const std::size_t child = s.children[static_cast<std::size_t>(j)];
        out.flags.push_back(
            {flag_kind::negative_with_parent, s.index, child, correlation_flag::npos, c.r, c.n,
             std::string(kind_of(child)) + ids[child] +
                 "' correlates negatively with its parent '" + ids[s.index] +
                 "': " + std::string(to_string(options.method)) + " r = " + detail::fixed3(c.r) +
                 " over " + std::to_string(c.n) +
                 " units (flagged at r <= " + detail::fixed3(options.negative_with_parent) + ")"});
      }
    }
    const auto sib = correlation_matrix(kids, options.method);
    for (Eigen::Index a = 0; a < m; ++a)
      for (Eigen::Index b = a + 1; b < m; ++b) {
        const double v = sib.r(a, b);
        if (std::isnan(v)) continue;
        if ((options.collinear_absolute ? std::abs(v) : v) < options.collinear) continue;
        const std::size_t ca = s.children[static_cast<std::size_t>(a)];
        const std::size_t cb = s.children[static_cast<std::size_t>(b)];
        const auto n = static_cast<std::size_t>(sib.n(a, b));
        out.flags.push_back(
            {flag_kind::collinear, s.index, ca, cb, v, n,
             std::string(kind_of(ca)) + ids[ca] + "' and '" + ids[cb] + "' (children of '" +
                 ids[s.index] + "') correlate strongly: " + std::string(to_string(options.method)) +
                 " r = " + detail::fixed3(v) + " over " + std::to_string(n) +
                 " units (flagged at " + (options.collinear_absolute ? "|r|" : "r") +
                 " >= " + detail::fixed3(options.collinear) + ")"});
      }
    nr.alpha = cronbach_alpha(kids, options.alpha_rows);
    nr.pca = pca(kids);
    out.nodes.push_back(std::move(nr));
  }
  return out;
}

} // namespace chiso::analysis
