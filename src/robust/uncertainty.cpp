// Monte Carlo uncertainty analysis (declared in include/chiso/robust/uncertainty.hpp), compiled
// once into libchiso.
#include "chiso/robust/uncertainty.hpp"

#include "robust/detail.hpp"

#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"
#include "chiso/rank.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace chiso::robust {

namespace detail {

/// Mean over units of |rank − nominal| (both present); NaN when no unit has both.
double mean_abs_shift(const double* rank, const double* nominal, Eigen::Index n) {
  double sum = 0;
  std::size_t count = 0;
  for (Eigen::Index u = 0; u < n; ++u) {
    if (std::isnan(rank[u]) || std::isnan(nominal[u])) continue;
    sum += std::abs(rank[u] - nominal[u]);
    ++count;
  }
  return count ? sum / static_cast<double>(count) : chiso::detail::nan;
}

/// Mean (in replication order), median and the [lo, hi] type-7 quantiles of the observed values
/// in `row` (scratch: `buf`); returns the number of missing values.
std::size_t summarise_row(const Eigen::Ref<const Eigen::RowVectorXd>& row, double lo, double hi,
                          std::vector<double>& buf, double& mean, double& median, double& lower,
                          double& upper) {
  buf.clear();
  double sum = 0;
  for (Eigen::Index k = 0; k < row.size(); ++k)
    if (!std::isnan(row[k])) {
      buf.push_back(row[k]);
      sum += row[k];
    }
  const auto missing = static_cast<std::size_t>(row.size()) - buf.size();
  mean = buf.empty() ? chiso::detail::nan : sum / static_cast<double>(buf.size());
  std::sort(buf.begin(), buf.end());
  median = chiso::detail::quantile7(buf, 0.5);
  lower = chiso::detail::quantile7(buf, lo);
  upper = chiso::detail::quantile7(buf, hi);
  return missing;
}

} // namespace detail

uncertainty_result run_uncertainty(const model& m, const uncertainty_options& o) {
  const auto start = std::chrono::steady_clock::now();
  if (!(o.lower >= 0 && o.lower <= o.upper && o.upper <= 1))
    throw usage_error("run_uncertainty: the interval needs 0 <= lower <= upper <= 1, got [" +
                      chiso::detail::num(o.lower) + ", " + chiso::detail::num(o.upper) + "]");
  const auto& p = m.plan();
  const auto n = static_cast<Eigen::Index>(m.n_units());
  const auto N = o.replications;
  const std::size_t ni = p.n_indicators();
  const auto& opts = p.framework().ranking.options;

  uncertainty_result out;
  out.seed = o.seed;
  out.replications = N;
  out.threads = worker_count(o.threads);
  out.inputs = m.input_ids();
  out.draws.resize(N);
  out.mean_abs_rank_shift.resize(static_cast<Eigen::Index>(N));

  std::vector<std::size_t> ids{p.root()};
  for (const auto& id : o.track) {
    const auto k = p.index(id); // throws usage_error when unknown
    if (std::find(ids.begin(), ids.end(), k) == ids.end()) ids.push_back(k);
  }
  for (auto k : ids) {
    tracked_node t;
    t.id = p.ids()[k];
    t.node = k;
    t.nominal_score = m.nominal().node(k);
    if (k == p.root()) {
      t.nominal_rank = m.nominal().rank;
    } else {
      t.nominal_rank.resize(n);
      rank(t.nominal_score, opts, m.groups(), t.nominal_rank);
    }
    t.ranks.resize(n, static_cast<Eigen::Index>(N));
    t.scores.resize(n, static_cast<Eigen::Index>(N));
    out.nodes.push_back(std::move(t));
  }

  std::vector<model::workspace> ws(out.threads);
  progress_counter progress(o.progress, N);
  parallel_for(
      N, out.threads,
      [&](std::size_t k, unsigned w) {
        auto& draws = out.draws[k];
        m.sample(o.seed, k, draws);
        m.evaluate(draws, ws[w]);
        const auto& r = ws[w].r;
        const auto kk = static_cast<Eigen::Index>(k);
        for (auto& t : out.nodes) {
          auto score = t.scores.col(kk);
          if (t.node < ni)
            score = Eigen::Map<const Eigen::VectorXd>(m.indicator_scores(ws[w], t.node), n);
          else
            score = r.node(t.node);
          if (t.node == p.root())
            t.ranks.col(kk) = r.rank;
          else
            rank(score, opts, m.groups(), t.ranks.col(kk));
        }
        out.mean_abs_rank_shift[kk] = detail::mean_abs_shift(out.nodes[0].ranks.col(kk).data(),
                                                             out.nodes[0].nominal_rank.data(), n);
        progress.tick(w);
      },
      4);
  progress.finish();

  for (auto& t : out.nodes) {
    for (auto* s : {&t.rank, &t.score})
      for (auto* v : {&s->mean, &s->median, &s->lower, &s->upper})
        v->resize(n);
    t.missing.assign(static_cast<std::size_t>(n), 0);
    std::vector<std::vector<double>> buf(out.threads);
    parallel_for(
        static_cast<std::size_t>(n), out.threads,
        [&](std::size_t u, unsigned w) {
          const auto i = static_cast<Eigen::Index>(u);
          detail::summarise_row(t.ranks.row(i), o.lower, o.upper, buf[w], t.rank.mean[i],
                                t.rank.median[i], t.rank.lower[i], t.rank.upper[i]);
          t.missing[u] =
              detail::summarise_row(t.scores.row(i), o.lower, o.upper, buf[w], t.score.mean[i],
                                    t.score.median[i], t.score.lower[i], t.score.upper[i]);
        },
        64);
    if (!o.keep_samples) {
      t.ranks.resize(0, 0);
      t.scores.resize(0, 0);
    }
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

} // namespace chiso::robust
