// Law suite for the imputation concept (impute/changed_cell.hpp), over every built-in
// imputation, on seeded random matrices (std::mt19937_64, fixed seeds) with ~25% missing cells:
//   1. observed cells are bit-identical afterwards (imputation never changes an observed value);
//   2. columns not listed are bit-identical (missing cells included);
//   3. every cell missing before, in a listed column, is reported exactly once, with `before`
//      NaN, and the report's `after` is what the matrix now holds (NaN = left missing);
//      no other cell is reported;
//   4. nothing is filled silently: a cell still missing afterwards is reported as not filled.
// Panel imputations are checked the same way on every period.

#include <chiso/impute/by_column.hpp>
#include <chiso/impute/by_group.hpp>
#include <chiso/impute/by_row.hpp>
#include <chiso/impute/em.hpp>
#include <chiso/impute/panel.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::impute_laws_test {

using chiso_test::NA;

namespace {

namespace im = chiso::impute;
using im::changed_cell;
constexpr int cases = 60;

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

Eigen::MatrixXd random_matrix(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols,
                              double p_missing = 0.25) {
  std::lognormal_distribution<double> value(1.0, 1.0);
  std::bernoulli_distribution missing(p_missing);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i)
      m(i, j) = missing(rng) ? NA : value(rng);
  // Column 0 keeps at least one observation, so that EM has something to estimate.
  if (std::isnan(m(0, 0))) m(0, 0) = 1.5;
  for (Eigen::Index j = 1; j < cols; ++j)
    if (std::isnan(m(j % rows, j))) m(j % rows, j) = 2.5;
  return m;
}

/// Checks laws 1–4 for one matrix (`period` is the report's period index to look for).
void check_laws(const Eigen::MatrixXd& before, const Eigen::MatrixXd& after,
                const std::vector<std::size_t>& listed, const std::vector<changed_cell>& cells,
                std::size_t period, const std::string& what) {
  std::vector<bool> is_listed(static_cast<std::size_t>(before.cols()), false);
  for (auto j : listed)
    is_listed[j] = true;
  std::vector<int> reported(static_cast<std::size_t>(before.size()), 0);
  for (const auto& c : cells) {
    if (c.period != period) continue;
    const auto i = static_cast<Eigen::Index>(c.unit), j = static_cast<Eigen::Index>(c.column);
    ASSERT_LT(i, before.rows()) << what;
    ASSERT_LT(j, before.cols()) << what;
    ++reported[static_cast<std::size_t>(j * before.rows() + i)];
    EXPECT_TRUE(std::isnan(c.before)) << what;
    EXPECT_TRUE(same_bits(c.after, after(i, j)) || (std::isnan(c.after) && std::isnan(after(i, j))))
        << what;
    EXPECT_FALSE(c.method.empty()) << what;
  }
  for (Eigen::Index j = 0; j < before.cols(); ++j)
    for (Eigen::Index i = 0; i < before.rows(); ++i) {
      const int r = reported[static_cast<std::size_t>(j * before.rows() + i)];
      const bool was_missing = std::isnan(before(i, j));
      if (!is_listed[static_cast<std::size_t>(j)]) {
        EXPECT_TRUE(same_bits(before(i, j), after(i, j))) << what << " unlisted " << i << "," << j;
        EXPECT_EQ(r, 0) << what;
      } else if (!was_missing) {
        EXPECT_TRUE(same_bits(before(i, j), after(i, j))) << what << " observed " << i << "," << j;
        EXPECT_EQ(r, 0) << what;
      } else {
        EXPECT_EQ(r, 1) << what << " missing cell " << i << "," << j << " reported " << r;
      }
    }
}

using single = std::function<void(Eigen::MatrixXd&, const std::vector<std::size_t>&,
                                  std::vector<changed_cell>&)>;

void run_single(const std::string& name, const single& f) {
  std::mt19937_64 rng(20240517);
  for (int k = 0; k < cases; ++k) {
    const Eigen::Index rows = 3 + static_cast<Eigen::Index>(rng() % 30);
    const Eigen::Index cols = 2 + static_cast<Eigen::Index>(rng() % 6);
    const auto before = random_matrix(rng, rows, cols);
    // List every other column, starting at 0.
    std::vector<std::size_t> listed;
    for (Eigen::Index j = 0; j < cols; j += 2)
      listed.push_back(static_cast<std::size_t>(j));
    auto after = before;
    std::vector<changed_cell> cells;
    f(after, listed, cells);
    check_laws(before, after, listed, cells, 0, name + " case " + std::to_string(k));
  }
}

std::vector<std::uint32_t> codes(Eigen::Index rows) {
  std::vector<std::uint32_t> g(static_cast<std::size_t>(rows));
  for (std::size_t i = 0; i < g.size(); ++i)
    g[i] = i % 7 == 6 ? im::no_group : static_cast<std::uint32_t>(i % 4) * 100;
  return g;
}

TEST(impute_laws, by_column) {
  for (auto c : {im::centre::mean, im::centre::median})
    run_single("by_column",
               [c](auto& m, const auto& cols, auto& cells) { im::by_column(m, cols, c, cells); });
}

TEST(impute_laws, by_group) {
  for (auto c : {im::centre::mean, im::centre::median})
    run_single("by_group", [c](auto& m, const auto& cols, auto& cells) {
      im::by_group(m, cols, codes(m.rows()), c, cells);
    });
}

TEST(impute_laws, by_row) {
  for (auto c : {im::centre::mean, im::centre::median})
    run_single("by_row", [c](auto& m, const auto& cols, auto& cells) {
      // Listed columns split into two groups; alternate directions.
      std::vector<std::vector<std::size_t>> groups(2);
      for (std::size_t t = 0; t < cols.size(); ++t)
        groups[t % 2].push_back(cols[t]);
      std::vector<int> dir(static_cast<std::size_t>(m.cols()));
      for (std::size_t j = 0; j < dir.size(); ++j)
        dir[j] = j % 4 == 0 ? -1 : 1;
      im::by_row(m, groups, dir, c, cells);
    });
}

TEST(impute_laws, em) {
  for (bool empty_rows : {false, true})
    run_single("em", [empty_rows](auto& m, const auto& cols, auto& cells) {
      im::em_options o;
      o.impute_empty_rows = empty_rows;
      const auto r = im::em(m, cols, o, cells);
      EXPECT_EQ(r.mean.size(), static_cast<Eigen::Index>(cols.size()));
      // With empty rows imputed (by μ), EM leaves nothing missing, and nothing non-finite.
      if (empty_rows) {
        for (const auto& c : cells)
          EXPECT_TRUE(std::isfinite(c.after));
      }
    });
}

TEST(impute_laws, em_is_deterministic) {
  std::mt19937_64 rng(7);
  const auto before = random_matrix(rng, 40, 5);
  const std::vector<std::size_t> cols{0, 1, 2, 3, 4};
  auto a = before, b = before;
  std::vector<changed_cell> ca, cb;
  im::em(a, cols, ca);
  im::em(b, cols, cb);
  for (Eigen::Index k = 0; k < a.size(); ++k)
    EXPECT_TRUE(same_bits(a.data()[k], b.data()[k]));
}

using panel_fn = std::function<void(std::vector<Eigen::MatrixXd>&, const std::vector<std::size_t>&,
                                    std::vector<changed_cell>&)>;

void run_panel(const std::string& name, const panel_fn& f) {
  std::mt19937_64 rng(99);
  for (int k = 0; k < cases; ++k) {
    const Eigen::Index rows = 2 + static_cast<Eigen::Index>(rng() % 10);
    const Eigen::Index cols = 2 + static_cast<Eigen::Index>(rng() % 4);
    const std::size_t T = 2 + rng() % 6;
    std::vector<Eigen::MatrixXd> before;
    for (std::size_t t = 0; t < T; ++t)
      before.push_back(random_matrix(rng, rows, cols, 0.4));
    std::vector<std::size_t> listed;
    for (Eigen::Index j = 1; j < cols; j += 2)
      listed.push_back(static_cast<std::size_t>(j));
    auto after = before;
    std::vector<changed_cell> cells;
    f(after, listed, cells);
    for (std::size_t t = 0; t < T; ++t)
      check_laws(before[t], after[t], listed, cells, t,
                 name + " case " + std::to_string(k) + " period " + std::to_string(t));
  }
}

TEST(impute_laws, carry_forward) {
  for (double gap : {0.0, 1.0, 2.0, std::numeric_limits<double>::infinity()})
    run_panel("carry_forward", [gap](auto& p, const auto& cols, auto& cells) {
      im::carry_forward(p, cols, gap, cells);
    });
}

TEST(impute_laws, interpolate) {
  run_panel("interpolate", [](auto& p, const auto& cols, auto& cells) {
    std::vector<double> pos(p.size());
    for (std::size_t t = 0; t < pos.size(); ++t)
      pos[t] = 2000.0 + static_cast<double>(t * t); // unequal spacing
    im::interpolate(p, cols, cells, pos);
  });
}

} // namespace

} // namespace chiso_test::impute_laws_test
