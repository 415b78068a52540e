// Jansen's sensitivity estimators and their bootstrap (declared in
// include/chiso/robust/jansen.hpp), compiled once into libchiso.
#include "chiso/robust/jansen.hpp"

#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace chiso::robust {

namespace detail {

/// The estimators on rows row(0), …, row(N − 1) (a resample, or the identity).
/// ya(j), yb(j), yab(j, i) read the runs.
template <class YA, class YB, class YAB, class Row>
void jansen_on(std::size_t N, std::size_t d, YA&& ya, YB&& yb, YAB&& yab, Row&& row, double* first,
               double* total, double& mean, double& variance) {
  constexpr double nan = chiso::detail::nan;
  double sum = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const auto r = row(j);
    sum += ya(r);
    sum += yb(r);
  }
  const double twice = 2.0 * static_cast<double>(N);
  mean = sum / twice;
  double ss = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const auto r = row(j);
    ss += (ya(r) - mean) * (ya(r) - mean);
    ss += (yb(r) - mean) * (yb(r) - mean);
  }
  variance = N > 0 ? ss / (twice - 1.0) : nan;
  const bool defined = variance > 0 && std::isfinite(variance);
  for (std::size_t i = 0; i < d; ++i) {
    double t = 0, f = 0;
    for (std::size_t j = 0; j < N; ++j) {
      const auto r = row(j);
      const double x = yab(r, i);
      t += (ya(r) - x) * (ya(r) - x);
      f += (yb(r) - x) * (yb(r) - x);
    }
    total[i] = defined ? (t / twice) / variance : nan;
    first[i] = defined ? (variance - f / twice) / variance : nan;
  }
}

} // namespace detail

jansen_estimate jansen(Eigen::Ref<const Eigen::VectorXd> y_a, Eigen::Ref<const Eigen::VectorXd> y_b,
                       Eigen::Ref<const Eigen::MatrixXd> y_ab) {
  const auto N = static_cast<std::size_t>(y_a.size());
  if (static_cast<std::size_t>(y_b.size()) != N || static_cast<std::size_t>(y_ab.rows()) != N)
    throw usage_error("jansen: y_A has " + std::to_string(N) + " runs, y_B " +
                      std::to_string(y_b.size()) + ", y_AB " + std::to_string(y_ab.rows()));
  const auto d = static_cast<std::size_t>(y_ab.cols());
  jansen_estimate e;
  e.first.resize(y_ab.cols());
  e.total.resize(y_ab.cols());
  using I = Eigen::Index;
  detail::jansen_on(
      N, d, [&](std::size_t r) { return y_a[static_cast<I>(r)]; },
      [&](std::size_t r) { return y_b[static_cast<I>(r)]; },
      [&](std::size_t r, std::size_t i) { return y_ab(static_cast<I>(r), static_cast<I>(i)); },
      [](std::size_t j) { return j; }, e.first.data(), e.total.data(), e.mean, e.variance);
  return e;
}

std::vector<std::uint32_t> bootstrap_resamples(std::size_t N, std::size_t B, std::uint64_t seed) {
  std::vector<std::uint32_t> out(N * B);
  for (std::size_t b = 0; b < B; ++b) {
    generator g(stream_seed(seed, b, ~std::uint64_t{0}));
    for (std::size_t j = 0; j < N; ++j)
      out[b * N + j] = static_cast<std::uint32_t>(uniform_below(g, N));
  }
  return out;
}

jansen_interval jansen_bootstrap(Eigen::Ref<const Eigen::VectorXd> y_a,
                                 Eigen::Ref<const Eigen::VectorXd> y_b,
                                 Eigen::Ref<const Eigen::MatrixXd> y_ab,
                                 std::span<const std::uint32_t> resamples, double confidence) {
  const auto N = static_cast<std::size_t>(y_a.size());
  const auto d = static_cast<std::size_t>(y_ab.cols());
  if (!(confidence > 0 && confidence < 1))
    throw usage_error("jansen_bootstrap: confidence must be in (0, 1), got " +
                      chiso::detail::num(confidence));
  if (static_cast<std::size_t>(y_b.size()) != N || static_cast<std::size_t>(y_ab.rows()) != N ||
      (N > 0 && resamples.size() % N != 0))
    throw usage_error("jansen_bootstrap: sizes disagree");
  const std::size_t B = N == 0 ? 0 : resamples.size() / N;
  jansen_interval out;
  for (auto* v : {&out.first_lower, &out.first_upper, &out.total_lower, &out.total_upper})
    v->setConstant(static_cast<Eigen::Index>(d), chiso::detail::nan);
  if (B == 0) return out;
  std::vector<std::vector<double>> first(d), total(d);
  std::vector<double> f(d), t(d);
  using I = Eigen::Index;
  for (std::size_t b = 0; b < B; ++b) {
    const std::uint32_t* rows = resamples.data() + b * N;
    double mean = 0, variance = 0;
    detail::jansen_on(
        N, d, [&](std::size_t r) { return y_a[static_cast<I>(r)]; },
        [&](std::size_t r) { return y_b[static_cast<I>(r)]; },
        [&](std::size_t r, std::size_t i) { return y_ab(static_cast<I>(r), static_cast<I>(i)); },
        [&](std::size_t j) { return static_cast<std::size_t>(rows[j]); }, f.data(), t.data(), mean,
        variance);
    for (std::size_t i = 0; i < d; ++i) {
      if (!std::isnan(f[i])) first[i].push_back(f[i]);
      if (!std::isnan(t[i])) total[i].push_back(t[i]);
    }
  }
  const double lo = (1.0 - confidence) / 2.0, hi = (1.0 + confidence) / 2.0;
  for (std::size_t i = 0; i < d; ++i) {
    std::sort(first[i].begin(), first[i].end());
    std::sort(total[i].begin(), total[i].end());
    const auto k = static_cast<I>(i);
    out.first_lower[k] = chiso::detail::quantile7(first[i], lo);
    out.first_upper[k] = chiso::detail::quantile7(first[i], hi);
    out.total_lower[k] = chiso::detail::quantile7(total[i], lo);
    out.total_upper[k] = chiso::detail::quantile7(total[i], hi);
  }
  return out;
}

} // namespace chiso::robust
