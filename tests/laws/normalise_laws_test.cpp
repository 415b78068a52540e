// Law suite for the normalisation concept (column.hpp), run over every built-in normaliser of
// chiso::method (STYLE.md: "a normaliser maps the best unit to the top of its range and respects
// direction"). Seeded random columns (std::mt19937_64, fixed seeds), a few hundred per law and
// configuration, both directions:
//   1. order: d·x_a > d·x_b ⇒ y_a ≥ y_b, and equal values get equal scores;
//   2. the best unit gets the maximum score among units (and the top of the range, where the
//      method has one and the best unit is unique);
//   3. permuting units permutes the scores (and the cell diagnostics);
//   4. missing in → missing out, and where the missing cells sit does not change other scores;
//   5. location/scale methods (min_max, z_score, rank, percentile_rank, categorical) are
//      invariant to positive affine maps of x;
//   6. an observed value never scores NaN unless a diagnostic (column or that cell) says why;
//   7. location/scale methods apply direction −1 by negating x (COINr): y(x, −1) = y(−x, +1);
//   8. a column without observed values scores all missing with exactly one `empty_column`.
// Data are positive so the ratio methods apply. A coverage test fails when a normaliser is
// added to chiso::method without a configuration here.
#include <chiso/method.hpp>
#include <chiso/param.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::normalise_laws_test {

using chiso_test::NA;

namespace {

namespace nm = chiso::normalise;
using Eigen::VectorXd;
constexpr int cases = 250; // per law, configuration and direction

// One built-in normaliser with its parameters and the indicator metadata it needs.
struct config {
  std::string label;
  chiso::method method;
  std::function<chiso::column_context(int direction)> context = [](int d) {
    chiso::column_context c;
    c.direction = d;
    c.id = "law";
    return c;
  };
  bool both_directions = true; // identity takes +1 only
  bool location_scale = false; // law 5 (and law 7)
  bool negation = false;       // law 7 only (direction applied by negating x)
  // Score of the unique best unit when there is no diagnostic (n = observed count), if fixed.
  std::function<std::optional<double>(std::size_t n)> top = [](std::size_t) {
    return std::optional<double>{};
  };
};

std::function<chiso::column_context(int)> with(std::optional<double> lower,
                                               std::optional<double> upper,
                                               std::optional<double> target_up = {},
                                               std::optional<double> target_down = {}) {
  return [=](int d) {
    chiso::column_context c;
    c.direction = d;
    c.id = "law";
    c.lower = lower;
    c.upper = upper;
    c.target = d > 0 ? target_up : target_down;
    return c;
  };
}

std::function<std::optional<double>(std::size_t)> top_is(double v) {
  return [v](std::size_t) { return std::optional<double>{v}; };
}

std::vector<config> configs() {
  std::vector<config> v;
  auto add = [&](std::string label, chiso::method m) -> config& {
    v.push_back({std::move(label), std::move(m)});
    return v.back();
  };
  {
    auto& c = add("min_max_observed", nm::min_max{});
    c.location_scale = true;
    c.top = top_is(1.0);
  }
  {
    auto& c = add("min_max_0_100", nm::min_max{0, 100});
    c.location_scale = true;
    c.top = top_is(100.0);
  }
  add("min_max_fixed_bounds_clamped", nm::min_max{0, 100, true}).context = with(10, 500);
  add("min_max_one_fixed_bound", nm::min_max{}).context = with(0, {});
  add("identity", nm::identity{}).both_directions = false;
  {
    auto& c = add("z_score", nm::z_score{});
    c.location_scale = true;
  }
  {
    auto& c = add("z_score_10_2", nm::z_score{10, 2});
    c.location_scale = true;
  }
  add("goalposts", nm::goalposts{}).context = with(10, 500);
  add("goalposts_log_scaled", nm::goalposts{100, true}).context = with(5, 800);
  add("distance_to_target", nm::distance_to_target{}).context = with({}, {}, 80, 20);
  add("distance_to_target_uncapped", nm::distance_to_target{false}).context = with({}, {}, 80, 20);
  add("distance_to_target_fixed_bad_side", nm::distance_to_target{}).context =
      with(0, 1000, 600, 30);
  add("ratio_to_best", nm::ratio_to{nm::reference::best}).top = top_is(1.0);
  add("ratio_to_mean", nm::ratio_to{nm::reference::mean});
  add("ratio_to_worst", nm::ratio_to{nm::reference::worst});
  add("difference_from_mean", nm::difference_from{nm::reference::mean});
  add("difference_from_worst", nm::difference_from{nm::reference::worst});
  add("fraction_of_max", nm::fraction_of_max{}).top = top_is(1.0);
  add("fraction_of_max_fixed", nm::fraction_of_max{}).context = with(1, 1000);
  {
    auto& c = add("rank", nm::rank{});
    c.location_scale = true;
    c.top = [](std::size_t n) { return std::optional<double>{static_cast<double>(n)}; };
  }
  {
    auto& c = add("percentile_rank_coinr", nm::percentile_rank{nm::percentile_formula::coinr});
    c.location_scale = true;
    c.top = top_is(1.0);
  }
  {
    auto& c =
        add("percentile_rank_handbook", nm::percentile_rank{nm::percentile_formula::handbook});
    c.location_scale = true;
    c.top = top_is(100.0);
  }
  {
    auto& c = add("categorical", nm::categorical{});
    c.location_scale = true;
    c.top = top_is(100.0);
  }
  {
    auto& c = add("categorical_quartiles", nm::categorical{{25, 50, 75}, {1, 2, 3, 4}});
    c.location_scale = true;
    c.top = top_is(4.0);
  }
  add("above_below_mean", nm::above_below_mean{0.2}).negation = true;
  add("above_below_mean_p0", nm::above_below_mean{0.0}).negation = true;
  // Every declared choice of a normaliser's parameters (chiso/param.hpp) is held to the laws:
  // a value no configuration above uses gets one, copied from the method's first configuration
  // (so a new choice is law-tested without editing this list).
  const std::size_t listed = v.size();
  for (std::size_t i = 0; i < listed; ++i)
    std::visit(
        [&](const auto& m) {
          using T = std::decay_t<decltype(m)>;
          for (std::size_t j = 0; j < i; ++j)
            if (std::holds_alternative<T>(v[j].method)) return; // first configuration only
          chiso::param::for_each<T>([&](const auto& f) {
            if constexpr (std::decay_t<decltype(f)>::choice_count > 0)
              for (const auto& choice : f.choices) {
                bool used = false;
                for (std::size_t j = 0; j < listed; ++j)
                  if (const auto* x = std::get_if<T>(&v[j].method))
                    used = used || f.of(*x) == choice.value;
                if (used) continue;
                config c = v[i];
                f.of(std::get<T>(c.method)) = choice.value;
                c.label += "_" + std::string(f.key) + "_" + std::string(choice.name);
                v.push_back(std::move(c));
              }
          });
        },
        v[i].method);
  for (auto& c : v)
    c.negation = c.negation || c.location_scale;
  return v;
}

std::vector<config> configs_where(bool config::*flag) {
  auto v = configs();
  std::erase_if(v, [&](const config& c) { return !(c.*flag); });
  return v;
}

struct outcome {
  VectorXd y;
  std::vector<chiso::diagnostic> diags;
};

outcome score(const config& c, const VectorXd& x, int direction) {
  outcome o;
  o.y = VectorXd::Constant(x.size(), -777.0);
  const auto ctx = c.context(direction);
  chiso::diagnostics_sink sink(o.diags, 0, "law");
  std::visit(
      [&](const auto& m) {
        if constexpr (requires { m.validate(ctx); }) m.validate(ctx);
        m(x, ctx, o.y, sink);
      },
      c.method);
  return o;
}

bool column_diag(const outcome& o) {
  return std::any_of(o.diags.begin(), o.diags.end(),
                     [](const auto& d) { return d.unit == chiso::diagnostic::npos; });
}

bool diag_for(const outcome& o, Eigen::Index i) {
  return std::any_of(o.diags.begin(), o.diags.end(), [&](const auto& d) {
    return d.unit == chiso::diagnostic::npos || d.unit == static_cast<std::size_t>(i);
  });
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}
bool close(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// A random positive column: 2–30 units; integer values 1–1000 (many ties) or reals in [1, 100];
// sometimes constant; each cell missing with probability p_missing.
VectorXd draw(std::mt19937_64& g, double p_missing = 0.15) {
  const auto n = std::uniform_int_distribution<int>(2, 30)(g);
  const bool integer = std::bernoulli_distribution(0.5)(g);
  const bool constant = std::bernoulli_distribution(0.04)(g);
  std::uniform_int_distribution<int> ui(1, 1000);
  std::uniform_real_distribution<double> ur(1.0, 100.0);
  std::bernoulli_distribution miss(p_missing);
  const double k = integer ? ui(g) : ur(g);
  VectorXd x(n);
  for (int i = 0; i < n; ++i)
    x[i] = miss(g) ? NA : constant ? k : integer ? static_cast<double>(ui(g)) : ur(g);
  return x;
}

std::vector<int> directions(const config& c) {
  return c.both_directions ? std::vector<int>{1, -1} : std::vector<int>{1};
}

std::string show(const VectorXd& x) {
  std::string s = "{";
  for (Eigen::Index i = 0; i < x.size(); ++i)
    s += (i ? ", " : "") + chiso::detail::num(x[i]);
  return s + "}";
}

class normalise_laws : public ::testing::TestWithParam<config> {};

// Law 1: order (weak monotonicity in d·x; equal values, equal scores). Units with a score are
// sorted by d·x; along that order scores must not decrease, and must repeat on equal values.
TEST_P(normalise_laws, respects_direction) {
  const auto& c = GetParam();
  std::mt19937_64 g(101);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      const auto x = draw(g);
      const auto o = score(c, x, d);
      std::vector<Eigen::Index> u;
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i]) && !std::isnan(o.y[i])) u.push_back(i);
      std::sort(u.begin(), u.end(), [&](auto a, auto b) { return d * x[a] < d * x[b]; });
      for (std::size_t k = 1; k < u.size(); ++k) {
        const auto a = u[k - 1], b = u[k];
        const bool ok = x[a] == x[b] ? o.y[a] == o.y[b] : o.y[a] <= o.y[b];
        ASSERT_TRUE(ok) << "d=" << d << " x=" << show(x) << " y=" << show(o.y) << " units " << a
                        << ", " << b;
      }
    }
}

// Law 2: the best unit has the highest score (and the top of the range when it is unique).
TEST_P(normalise_laws, best_unit_gets_the_top_score) {
  const auto& c = GetParam();
  std::mt19937_64 g(202);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      const auto x = draw(g);
      const auto o = score(c, x, d);
      Eigen::Index best = -1;
      std::size_t n = 0, n_best = 0;
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) continue;
        ++n;
        if (best < 0 || d * x[i] > d * x[best]) {
          best = i;
          n_best = 1;
        } else if (d * x[i] == d * x[best]) {
          ++n_best;
        }
      }
      if (best < 0) continue;
      if (std::isnan(o.y[best])) {
        ASSERT_TRUE(diag_for(o, best)) << "d=" << d << " x=" << show(x);
        continue;
      }
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (!std::isnan(o.y[i])) {
          ASSERT_LE(o.y[i], o.y[best]) << "d=" << d << " x=" << show(x) << " y=" << show(o.y);
        }
      }
      const auto top = c.top(n);
      if (top && n_best == 1 && o.diags.empty()) {
        ASSERT_NEAR(o.y[best], *top, 1e-12) << "d=" << d << " x=" << show(x);
      }
    }
}

// Law 3: permuting units permutes scores and cell diagnostics.
TEST_P(normalise_laws, permuting_units_permutes_scores) {
  const auto& c = GetParam();
  std::mt19937_64 g(303);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      const auto x = draw(g);
      std::vector<Eigen::Index> p(static_cast<std::size_t>(x.size()));
      std::iota(p.begin(), p.end(), Eigen::Index{0});
      std::shuffle(p.begin(), p.end(), g);
      VectorXd xp(x.size());
      for (Eigen::Index k = 0; k < x.size(); ++k)
        xp[k] = x[p[static_cast<std::size_t>(k)]];
      const auto o = score(c, x, d);
      const auto op = score(c, xp, d);
      for (Eigen::Index k = 0; k < x.size(); ++k)
        ASSERT_TRUE(close(op.y[k], o.y[p[static_cast<std::size_t>(k)]]))
            << "d=" << d << " x=" << show(x) << " unit " << k << ": " << op.y[k] << " vs "
            << o.y[p[static_cast<std::size_t>(k)]];
      ASSERT_EQ(op.diags.size(), o.diags.size());
      std::multiset<std::pair<int, std::size_t>> want, got;
      for (const auto& e : o.diags)
        want.insert({static_cast<int>(e.code), e.unit});
      for (const auto& e : op.diags)
        got.insert({static_cast<int>(e.code), e.unit == chiso::diagnostic::npos
                                                  ? e.unit
                                                  : static_cast<std::size_t>(p[e.unit])});
      ASSERT_EQ(got, want) << "d=" << d << " x=" << show(x);
    }
}

// Law 4: missing cells score missing; inserting them anywhere leaves the other scores as they
// were without them (bit for bit: the observed values are met in the same order).
TEST_P(normalise_laws, missing_cells_do_not_move_other_scores) {
  const auto& c = GetParam();
  std::mt19937_64 g(404);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      const auto obs = draw(g, 0.0);
      const auto extra = std::uniform_int_distribution<int>(1, 6)(g);
      std::vector<bool> hole(static_cast<std::size_t>(obs.size() + extra), false);
      for (int k = 0; k < extra; ++k)
        hole[static_cast<std::size_t>(k)] = true;
      std::shuffle(hole.begin(), hole.end(), g);
      VectorXd x(static_cast<Eigen::Index>(hole.size()));
      std::vector<Eigen::Index> where; // position in x of obs[k]
      for (Eigen::Index i = 0, k = 0; i < x.size(); ++i) {
        if (hole[static_cast<std::size_t>(i)]) {
          x[i] = NA;
        } else {
          x[i] = obs[k++];
          where.push_back(i);
        }
      }
      const auto o = score(c, obs, d);
      const auto oh = score(c, x, d);
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (hole[static_cast<std::size_t>(i)]) {
          ASSERT_TRUE(std::isnan(oh.y[i])) << "d=" << d << " x=" << show(x);
        }
      }
      for (Eigen::Index k = 0; k < obs.size(); ++k)
        ASSERT_TRUE(same(oh.y[where[static_cast<std::size_t>(k)]], o.y[k]))
            << "d=" << d << " x=" << show(x) << " unit " << k;
      ASSERT_EQ(oh.diags.size(), o.diags.size()) << "d=" << d << " x=" << show(x);
      for (std::size_t k = 0; k < o.diags.size(); ++k) {
        ASSERT_EQ(oh.diags[k].code, o.diags[k].code);
        ASSERT_EQ(oh.diags[k].unit, o.diags[k].unit == chiso::diagnostic::npos
                                        ? o.diags[k].unit
                                        : static_cast<std::size_t>(where[o.diags[k].unit]));
      }
    }
}

class normalise_affine_law : public ::testing::TestWithParam<config> {};
class normalise_negation_law : public ::testing::TestWithParam<config> {};

// Law 5: y(a·x + b) = y(x) for a > 0 (location/scale methods). Integer data and a = 2^k with
// integer b keep a·x + b exact, so rank-based methods must agree exactly.
TEST_P(normalise_affine_law, affine_invariance) {
  const auto& c = GetParam();
  std::mt19937_64 g(505);
  std::uniform_int_distribution<int> ui(1, 1000), shift(-500, 500), power(-3, 4);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      auto x = draw(g);
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) x[i] = std::round(x[i] * 7); // integer-valued, ties kept
      const double a = std::ldexp(1.0, power(g)), b = shift(g);
      const VectorXd xa = (a * x.array() + b).matrix();
      const auto o = score(c, x, d);
      const auto oa = score(c, xa, d);
      for (Eigen::Index i = 0; i < x.size(); ++i)
        ASSERT_TRUE(close(oa.y[i], o.y[i]))
            << "d=" << d << " a=" << a << " b=" << b << " x=" << show(x) << " unit " << i;
      ASSERT_EQ(oa.diags.size(), o.diags.size());
    }
}

// Law 6: an observed value scores NaN only with a diagnostic on its column or cell.
TEST_P(normalise_laws, no_silent_missing_scores) {
  const auto& c = GetParam();
  std::mt19937_64 g(606);
  for (int d : directions(c))
    for (int t = 0; t < cases; ++t) {
      const auto x = draw(g);
      const auto o = score(c, x, d);
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        ASSERT_NE(o.y[i], -777.0) << "unit " << i << " not written";
        if (!std::isnan(x[i]) && std::isnan(o.y[i])) {
          ASSERT_TRUE(diag_for(o, i)) << "d=" << d << " x=" << show(x) << " unit " << i;
        }
      }
    }
}

// Law 7: direction −1 is negation for location/scale methods: y(x, −1) = y(−x, +1).
TEST_P(normalise_negation_law, direction_is_negation) {
  const auto& c = GetParam();
  std::mt19937_64 g(707);
  for (int t = 0; t < cases; ++t) {
    const auto x = draw(g);
    const VectorXd neg = -x;
    const auto down = score(c, x, -1);
    const auto up = score(c, neg, 1);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      ASSERT_TRUE(same(down.y[i], up.y[i])) << "x=" << show(x) << " unit " << i;
  }
}

// Law 8: a column without observed values: all missing, one empty_column diagnostic.
TEST_P(normalise_laws, empty_column) {
  const auto& c = GetParam();
  for (int d : directions(c))
    for (Eigen::Index n = 0; n <= 5; ++n) {
      const auto o = score(c, VectorXd::Constant(n, NA), d);
      for (Eigen::Index i = 0; i < n; ++i) {
        ASSERT_TRUE(std::isnan(o.y[i]));
      }
      ASSERT_EQ(o.diags.size(), 1u) << "n=" << n;
      EXPECT_EQ(o.diags[0].code, chiso::diagnostic_code::empty_column);
      EXPECT_TRUE(column_diag(o));
    }
}

std::string label_of(const ::testing::TestParamInfo<config>& i) {
  return i.param.label;
}

INSTANTIATE_TEST_SUITE_P(built_ins, normalise_laws, ::testing::ValuesIn(configs()), label_of);
INSTANTIATE_TEST_SUITE_P(location_scale, normalise_affine_law,
                         ::testing::ValuesIn(configs_where(&config::location_scale)), label_of);
INSTANTIATE_TEST_SUITE_P(negating, normalise_negation_law,
                         ::testing::ValuesIn(configs_where(&config::negation)), label_of);

// Every alternative of chiso::method that is neither a point rule nor the custom hook is a
// built-in normaliser and must be in configs().
template <std::size_t... I> std::set<std::size_t> normaliser_indices(std::index_sequence<I...>) {
  std::set<std::size_t> s;
  auto one = [&]<std::size_t K>() {
    using T = std::variant_alternative_t<K, chiso::method>;
    if constexpr (!chiso::detail::point_rule<T> && !std::is_same_v<T, chiso::custom_method>)
      s.insert(K);
  };
  (one.template operator()<I>(), ...);
  return s;
}

TEST(normalise_laws_coverage, every_built_in_normaliser_is_covered) {
  const auto want =
      normaliser_indices(std::make_index_sequence<std::variant_size_v<chiso::method>>{});
  std::set<std::size_t> have;
  for (const auto& c : configs())
    have.insert(c.method.index());
  EXPECT_EQ(want.size(), 12u) << "normalisers in chiso::method changed: update this suite";
  for (auto k : want) {
    EXPECT_TRUE(have.count(k)) << "variant alternative " << k << " untested";
  }
}

} // namespace

} // namespace chiso_test::normalise_laws_test
