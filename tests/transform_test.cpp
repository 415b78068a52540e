// Tests of transform.hpp: log / log10 / log1p of raw values, their domains, names, and that
// transforming values and goalposts alike reproduces the HDI log income index.
#include <chiso/column.hpp>
#include <chiso/normalise/goalposts.hpp>
#include <chiso/transform.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::transform_test {

using chiso_test::NA;

using chiso::apply;
using chiso::transform;

namespace {
constexpr transform all[] = {transform::none, transform::log, transform::log10, transform::log1p};
} // namespace

TEST(transform, names) {
  EXPECT_EQ(chiso::to_string(transform::none), "none");
  EXPECT_EQ(chiso::to_string(transform::log), "log");
  EXPECT_EQ(chiso::to_string(transform::log10), "log10");
  EXPECT_EQ(chiso::to_string(transform::log1p), "log1p");
}

TEST(transform, values) {
  EXPECT_EQ(apply(transform::none, -3.5), -3.5);
  EXPECT_EQ(apply(transform::log, 1.0), 0.0);
  EXPECT_NEAR(apply(transform::log, std::exp(2.0)), 2.0, 1e-15);
  EXPECT_NEAR(apply(transform::log, 100.0), 4.605170185988092, 1e-15); // ln 100
  EXPECT_EQ(apply(transform::log10, 1000.0), 3.0);
  EXPECT_EQ(apply(transform::log10, 0.01), -2.0);
  EXPECT_EQ(apply(transform::log1p, 0.0), 0.0);
  EXPECT_NEAR(apply(transform::log1p, std::exp(1.0) - 1), 1.0, 1e-15);
  // log1p keeps small values: ln(1 + 1e-17) = 1e-17, where log(1 + x) would give 0
  EXPECT_EQ(apply(transform::log1p, 1e-17), 1e-17);
  EXPECT_EQ(std::log(1.0 + 1e-17), 0.0);
  EXPECT_NEAR(apply(transform::log1p, -0.5), -0.6931471805599453, 1e-15); // ln 0.5
}

TEST(transform, outside_the_domain_is_nan_not_infinity) {
  for (double x : {0.0, -0.0, -1.0}) {
    EXPECT_TRUE(std::isnan(apply(transform::log, x))) << x; // ln 0 would be −inf
    EXPECT_TRUE(std::isnan(apply(transform::log10, x))) << x;
  }
  EXPECT_TRUE(std::isnan(apply(transform::log1p, -1.0)));
  EXPECT_TRUE(std::isnan(apply(transform::log1p, -2.0)));
  EXPECT_FALSE(std::isnan(apply(transform::log1p, 0.0)));
  EXPECT_FALSE(std::isnan(apply(transform::log1p, -0.999)));
}

TEST(transform, missing_stays_missing) {
  for (auto t : all)
    EXPECT_TRUE(std::isnan(apply(t, NA))) << chiso::to_string(t);
}

TEST(transform, strictly_increasing_on_its_domain) {
  // order is kept, so an indicator's direction means the same after the transform
  std::mt19937_64 gen(20240611);
  std::uniform_real_distribution<double> u(-0.999, 1e4);
  for (int k = 0; k < 300; ++k) {
    double a = u(gen), b = u(gen);
    if (a == b) continue;
    if (a > b) std::swap(a, b);
    EXPECT_LT(apply(transform::none, a), apply(transform::none, b));
    EXPECT_LT(apply(transform::log1p, a), apply(transform::log1p, b)) << a << " " << b;
    if (a > 0) {
      EXPECT_LT(apply(transform::log, a), apply(transform::log, b)) << a << " " << b;
      EXPECT_LT(apply(transform::log10, a), apply(transform::log10, b)) << a << " " << b;
    }
  }
}

TEST(transform, log_then_goalposts_is_the_hdi_income_index) {
  // Transforming the values and the goalposts (as the engine does for an indicator with
  // `transform: log`) then plain goalposts equals goalposts with log:
  // (ln 15000 − ln 100) / (ln 75000 − ln 100) = 0.756885179026952 (UNDP HDR technical notes).
  const std::vector<double> raw{15000, 100, 75000, 500};
  Eigen::VectorXd xt(4), direct(4), via(4);
  Eigen::VectorXd x(4);
  for (int i = 0; i < 4; ++i) {
    x[i] = raw[static_cast<std::size_t>(i)];
    xt[i] = apply(transform::log, raw[static_cast<std::size_t>(i)]);
  }
  chiso::column_context raw_ctx, log_ctx;
  raw_ctx.lower = 100;
  raw_ctx.upper = 75000;
  log_ctx.lower = apply(transform::log, 100);
  log_ctx.upper = apply(transform::log, 75000);
  std::vector<chiso::diagnostic> d;
  chiso::diagnostics_sink sink(d, 0, "income");
  chiso::normalise::goalposts{1.0, false}(xt, log_ctx, via, sink);
  chiso::normalise::goalposts{1.0, true}(x, raw_ctx, direct, sink);
  EXPECT_TRUE(d.empty());
  EXPECT_NEAR(via[0], 0.756885179026952, 1e-14);
  EXPECT_EQ(via[1], 0.0);
  EXPECT_EQ(via[2], 1.0);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(via[i], direct[i], 1e-15) << i;
}

} // namespace chiso_test::transform_test
