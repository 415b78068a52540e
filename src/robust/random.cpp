// The random variates of robustness runs (declared in include/chiso/robust/random.hpp),
// compiled once into libchiso.
#include "chiso/robust/random.hpp"

#include <cmath>

namespace chiso::robust {

double standard_normal(generator& g) {
  double u = uniform01(g);
  while (u <= 0.0)
    u = uniform01(g);
  const double v = uniform01(g);
  return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
}

double gamma(generator& g, double alpha) {
  if (alpha < 1.0) {
    const double x = gamma(g, alpha + 1.0);
    double u = uniform01(g);
    while (u <= 0.0)
      u = uniform01(g);
    return x * std::pow(u, 1.0 / alpha);
  }
  const double d = alpha - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = standard_normal(g);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform01(g);
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (u > 0.0 && std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

} // namespace chiso::robust
