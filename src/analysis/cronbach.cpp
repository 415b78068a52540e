// Cronbach's alpha (declared in include/chiso/analysis/cronbach.hpp), compiled once into
// libchiso.
#include "chiso/analysis/cronbach.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace chiso::analysis {

cronbach_result cronbach_alpha(Eigen::Ref<const Eigen::MatrixXd> items, missing_rows rows) {
  cronbach_result res;
  const Eigen::Index k = items.cols(), n = items.rows();
  res.k = static_cast<std::size_t>(k);
  if (k < 2) return res;
  std::vector<unsigned char> keep(static_cast<std::size_t>(n), 1);
  if (rows == missing_rows::complete)
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < k; ++j)
        if (std::isnan(items(i, j))) keep[static_cast<std::size_t>(i)] = 0;
  double diag = 0, total = 0;
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  bool defined = true;
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = a; b < k; ++b) {
      // Covariance of items a and b over the rows both observe (and `keep`), two passes.
      std::size_t m = 0;
      double sa = 0, sb = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double x = items(i, a), y = items(i, b);
        if (!keep[static_cast<std::size_t>(i)] || std::isnan(x) || std::isnan(y)) continue;
        ++m;
        sa += x;
        sb += y;
      }
      fewest = std::min(fewest, m);
      if (m < 2) {
        defined = false;
        continue;
      }
      const double ma = sa / static_cast<double>(m), mb = sb / static_cast<double>(m);
      double s = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double x = items(i, a), y = items(i, b);
        if (!keep[static_cast<std::size_t>(i)] || std::isnan(x) || std::isnan(y)) continue;
        s += (x - ma) * (y - mb);
      }
      const double c = s / static_cast<double>(m - 1);
      if (a == b) {
        diag += c;
        total += c;
      } else {
        total += 2 * c;
      }
    }
  res.n = fewest;
  if (!defined || total == 0) return res;
  const double kk = static_cast<double>(k);
  res.alpha = kk / (kk - 1) * (1 - diag / total);
  return res;
}

} // namespace chiso::analysis
