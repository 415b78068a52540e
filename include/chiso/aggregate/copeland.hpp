#pragma once
/// \file aggregate/copeland.hpp

#include "chiso/aggregate/node_view.hpp"
#include "chiso/detail/column_stats.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::detail {

/// Whether each unit takes part: some child present with w > 0 and coverage ≥ min_coverage
/// (recording `below_coverage` when a sink is given). Uses ws.den for the weight present and
/// ws.bad as the flag (1 = takes part).
inline void copeland_eligible(const aggregate::node_view& v, aggregate::workspace& ws,
                              diagnostics_sink* sink) {
  const std::size_t n = v.n;
  ws.resize(n);
  double* den = ws.den.data();
  std::fill(den, den + n, 0.0);
  double total = 0;
  for (std::size_t j = 0; j < v.children.size(); ++j) {
    const double w = v.weights[j];
    total += w;
    if (w == 0) continue;
    const double* c = v.children[j];
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(c[i])) den[i] += w;
  }
  const double need = v.min_coverage * total;
  for (std::size_t i = 0; i < n; ++i) {
    ws.bad[i] = den[i] > 0 && den[i] >= need;
    if (den[i] > 0 && den[i] < need && sink)
      sink->cell(i, diagnostic_code::below_coverage,
                 "weight share present " + num(den[i] / total) + " is below the minimum coverage " +
                     num(v.min_coverage));
  }
}

/// Weight of the children where a beats b (`win`), loses (`loss`), ties (`tie`), over the
/// children present for both with w > 0.
struct copeland_duel {
  double win = 0, loss = 0, tie = 0;
  double total() const noexcept { return win + loss + tie; }
  /// +1 when a beats b on a weight majority (win > loss, beyond rounding), −1 when it loses,
  /// 0 for a draw or when they share no child.
  int outcome() const noexcept {
    const double eps = 1e-12 * total();
    return win - loss > eps ? 1 : loss - win > eps ? -1 : 0;
  }
};

inline copeland_duel copeland_compare(const aggregate::node_view& v, std::size_t a, std::size_t b) {
  copeland_duel d;
  for (std::size_t j = 0; j < v.children.size(); ++j) {
    const double w = v.weights[j];
    if (w == 0) continue;
    const double xa = v.children[j][a], xb = v.children[j][b];
    if (std::isnan(xa) || std::isnan(xb)) continue;
    if (xa > xb)
      d.win += w;
    else if (xa < xb)
      d.loss += w;
    else
      d.tie += w;
  }
  return d;
}

} // namespace chiso::detail

namespace chiso::aggregate {

/// Copeland aggregation: a non-compensatory outranking across all units of the node (Munda &
/// Nardo 2009, "Noncompensatory/nonlinear composite indicators for ranking countries: a
/// defensible setting", *Applied Economics* 41(12), 1513–1523; Handbook 2008 §6.2, "non-
/// compensatory multi-criteria approach"). For units a ≠ b, over the children present for both
/// with w_j > 0 (weights renormalised over them):
///   e_ab = Σ_j w_j ([x_aj > x_bj] + ½ [x_aj = x_bj]) / Σ_j w_j   (e_ab + e_ba = 1),
///   score(a) = Σ_{b ≠ a} ([e_ab > ½] − [e_ab < ½]),
/// an integer in [−(m − 1), m − 1] for m units taking part: wins minus defeats in pairwise
/// weighted majority contests (ties count 0). e_ab > ½ is decided as "weight of wins exceeds
/// weight of losses" beyond a relative 1e-12, so weights such as 0.1 + 0.4 vs 0.2 + 0.3 draw.
/// The parent is relative: it depends on the other units, and only ranks matter (a child's
/// margin does not). Missing data: a unit with no child present (w > 0), or below the node's
/// `min_coverage` (`below_coverage` diagnostic), gets a missing parent and is no one's
/// opponent; a pair sharing no child draws. Cost O(n² · children) time, no extra memory
/// (workspace only): fine for provinces and ministries, ~10⁸ child comparisons for 3,300
/// communes × 20 children. COINr's `a_copeland` fails through its standard call (PEERS.md).
struct copeland {
  static constexpr std::string_view name = "copeland";
  static constexpr bool across_units = true;
  static constexpr std::string_view summary =
      "Copeland outranking: weighted pairwise wins minus losses";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    detail::copeland_eligible(v, ws, &sink);
    const std::size_t n = v.n;
    const unsigned char* in = ws.bad.data();
    for (std::size_t i = 0; i < n; ++i)
      out[i] = in[i] ? 0.0 : chiso::detail::nan;
    for (std::size_t a = 0; a < n; ++a) {
      if (!in[a]) continue;
      for (std::size_t b = a + 1; b < n; ++b) {
        if (!in[b]) continue;
        const int s = detail::copeland_compare(v, a, b).outcome();
        out[a] += s;
        out[b] -= s;
      }
    }
  }
};

/// The outranking matrix of `copeland`: e(a, b) = e_ab as defined there (the weight share of
/// children on which a beats b, ties counted half). The diagonal is 0 (as COINr's
/// `outrankMatrix`); e(a, b) is NaN when a or b does not take part (no child present, below
/// `min_coverage`) or they share no child. Otherwise e(a, b) + e(b, a) = 1.
inline Eigen::MatrixXd outranking_matrix(const node_view& v) {
  workspace ws;
  detail::copeland_eligible(v, ws, nullptr);
  const auto n = static_cast<Eigen::Index>(v.n);
  Eigen::MatrixXd e = Eigen::MatrixXd::Constant(n, n, chiso::detail::nan);
  for (Eigen::Index a = 0; a < n; ++a) {
    if (!ws.bad[static_cast<std::size_t>(a)]) continue;
    e(a, a) = 0;
    for (Eigen::Index b = a + 1; b < n; ++b) {
      if (!ws.bad[static_cast<std::size_t>(b)]) continue;
      const auto d =
          detail::copeland_compare(v, static_cast<std::size_t>(a), static_cast<std::size_t>(b));
      const double t = d.total();
      if (!(t > 0)) continue;
      e(a, b) = (d.win + 0.5 * d.tie) / t;
      e(b, a) = (d.loss + 0.5 * d.tie) / t;
    }
  }
  return e;
}

/// `outranking_matrix` of the columns of X (units × children, NaN = missing) with weights w
/// (≥ 0), every unit taking part when it has a child present. Throws usage_error when w's size
/// differs from X's columns.
inline Eigen::MatrixXd outranking_matrix(Eigen::Ref<const Eigen::MatrixXd> x,
                                         Eigen::Ref<const Eigen::VectorXd> w) {
  if (w.size() != x.cols())
    throw usage_error("outranking_matrix: " + std::to_string(w.size()) + " weights for " +
                      std::to_string(x.cols()) + " children");
  const Eigen::MatrixXd xc = x; // column-major, contiguous columns
  const Eigen::VectorXd wc = w;
  std::vector<const double*> cols;
  for (Eigen::Index j = 0; j < xc.cols(); ++j)
    cols.push_back(xc.col(j).data());
  const node_view v{cols, std::span<const double>(wc.data(), static_cast<std::size_t>(wc.size())),
                    static_cast<std::size_t>(xc.rows()), 0.0};
  return outranking_matrix(v);
}

} // namespace chiso::aggregate
