// Variance-based sensitivity analysis (declared in include/chiso/robust/sensitivity.hpp),
// compiled once into libchiso.
#include "chiso/robust/sensitivity.hpp"

#include "robust/detail.hpp"

#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace chiso::robust {

namespace detail {

void fill_indices(const jansen_estimate& e, const jansen_interval& ci, sensitivity_indices& out) {
  out.first = e.first;
  out.total = e.total;
  out.mean = e.mean;
  out.variance = e.variance;
  out.first_lower = ci.first_lower;
  out.first_upper = ci.first_upper;
  out.total_lower = ci.total_lower;
  out.total_upper = ci.total_upper;
}

} // namespace detail

sensitivity_result run_sensitivity(const model& m, const sensitivity_options& o) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t d = m.n_inputs();
  const std::size_t N = o.n;
  if (d == 0) throw usage_error("run_sensitivity: the model has no uncertain input");
  if (N < 2) throw usage_error("run_sensitivity: the base sample size N must be at least 2");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw usage_error("run_sensitivity: confidence must be in (0, 1), got " +
                      chiso::detail::num(o.confidence));
  const auto n = static_cast<Eigen::Index>(m.n_units());
  const std::size_t per_row = d + 2;

  sensitivity_result out;
  out.inputs = m.input_ids();
  out.n = N;
  out.runs = N * per_row;
  out.seed = o.seed;
  out.threads = worker_count(o.threads);
  out.y_a.resize(static_cast<Eigen::Index>(N));
  out.y_b.resize(static_cast<Eigen::Index>(N));
  out.y_ab.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(d));
  // Each unit's root rank in every run: column k·(d + 2) + r, r = 0 A, 1 B, 2 + i A_B^(i).
  // Ranks are whole numbers or halves, exact in float.
  Eigen::MatrixXf unit_y;
  if (o.units) unit_y.resize(n, static_cast<Eigen::Index>(out.runs));
  const Eigen::VectorXd& nominal = m.nominal().rank;

  struct scratch {
    model::workspace ws;
    std::vector<draw> a, b, mix;
  };
  std::vector<scratch> sc(out.threads);
  progress_counter progress(o.progress, N + (o.units ? static_cast<std::size_t>(n) : 0));
  parallel_for(
      N, out.threads,
      [&](std::size_t k, unsigned w) {
        auto& s = sc[w];
        m.sample(o.seed, k, s.a);
        m.sample(o.seed, N + k, s.b);
        const auto kk = static_cast<Eigen::Index>(k);
        auto run = [&](const std::vector<draw>& draws, std::size_t r) {
          m.evaluate(draws, s.ws);
          const auto& rank = s.ws.r.rank;
          if (o.units) unit_y.col(static_cast<Eigen::Index>(k * per_row + r)) = rank.cast<float>();
          return detail::mean_abs_shift(rank.data(), nominal.data(), n);
        };
        out.y_a[kk] = run(s.a, 0);
        out.y_b[kk] = run(s.b, 1);
        for (std::size_t i = 0; i < d; ++i) {
          s.mix = s.a;
          s.mix[i] = s.b[i];
          out.y_ab(kk, static_cast<Eigen::Index>(i)) = run(s.mix, 2 + i);
        }
        progress.tick(w);
      },
      1);

  const auto resamples = bootstrap_resamples(N, o.bootstrap, o.seed);
  {
    const auto e = jansen(out.y_a, out.y_b, out.y_ab);
    const auto ci = jansen_bootstrap(out.y_a, out.y_b, out.y_ab, resamples, o.confidence);
    detail::fill_indices(e, ci, out.mean_abs_rank_shift);
  }
  if (o.units) {
    auto& u = out.units;
    for (auto* x :
         {&u.first, &u.total, &u.first_lower, &u.first_upper, &u.total_lower, &u.total_upper})
      x->resize(n, static_cast<Eigen::Index>(d));
    u.variance.resize(n);
    struct unit_scratch {
      Eigen::VectorXd ya, yb;
      Eigen::MatrixXd yab;
    };
    std::vector<unit_scratch> us(out.threads);
    parallel_for(
        static_cast<std::size_t>(n), out.threads,
        [&](std::size_t unit, unsigned w) {
          auto& s = us[w];
          const auto i = static_cast<Eigen::Index>(unit);
          s.ya.resize(static_cast<Eigen::Index>(N));
          s.yb.resize(static_cast<Eigen::Index>(N));
          s.yab.resize(static_cast<Eigen::Index>(N), static_cast<Eigen::Index>(d));
          for (std::size_t k = 0; k < N; ++k) {
            const auto kk = static_cast<Eigen::Index>(k);
            const auto base = static_cast<Eigen::Index>(k * per_row);
            s.ya[kk] = unit_y(i, base);
            s.yb[kk] = unit_y(i, base + 1);
            for (std::size_t r = 0; r < d; ++r)
              s.yab(kk, static_cast<Eigen::Index>(r)) =
                  unit_y(i, base + 2 + static_cast<Eigen::Index>(r));
          }
          const auto e = jansen(s.ya, s.yb, s.yab);
          const auto ci = jansen_bootstrap(s.ya, s.yb, s.yab, resamples, o.confidence);
          u.first.row(i) = e.first.transpose();
          u.total.row(i) = e.total.transpose();
          u.first_lower.row(i) = ci.first_lower.transpose();
          u.first_upper.row(i) = ci.first_upper.transpose();
          u.total_lower.row(i) = ci.total_lower.transpose();
          u.total_upper.row(i) = ci.total_upper.transpose();
          u.variance[i] = e.variance;
          progress.tick(w);
        },
        4);
  }
  progress.finish();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

} // namespace chiso::robust
