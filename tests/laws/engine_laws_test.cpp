// Engine laws (STYLE.md): permuting units permutes every node's scores and the ranks; evaluating
// twice is bit-identical; the engine equals a straightforward per-unit reference implementation
// written here; and the semantics of the numpy peer (PEERS.md) hold.
#include <chiso/chiso.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::engine_laws_test {

using chiso_test::NA;

namespace {

enum class kind { mean, sum, geometric, harmonic, power2, minimum };

struct ref_node {
  std::string id;
  std::vector<chiso::child> children;
  kind k;
  double coverage;
};

// A 3-level framework on seeded random data: 24 indicators (directions ±1, min-max to [1, 100]),
// 6 sub-pillars of 4 + 1 shared indicator (a DAG), each with another aggregation and unequal
// weights; 2 pillars (arithmetic, geometric); an index weighting them 0.6 / 0.4. ~5% of the
// cells missing. Nodes are listed root first, so the engine has to order them.
struct model {
  static constexpr int n_ind = 24;
  std::vector<int> direction;
  std::vector<ref_node> nodes;
  chiso::framework f;
  chiso::dataset d;

  model(unsigned seed, Eigen::Index n_units) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    auto id = [](int k) { return std::string(k < 10 ? "i0" : "i") + std::to_string(k); };
    for (int k = 0; k < n_ind; ++k) {
      chiso::indicator ind;
      ind.id = id(k);
      ind.direction = u(rng) < 0.5 ? 1 : -1;
      ind.method = chiso::normalise::min_max{1.0, 100.0};
      direction.push_back(ind.direction);
      f.indicators.push_back(ind);
      d.columns.push_back(ind.id);
    }
    const kind kinds[] = {kind::mean,    kind::geometric, kind::harmonic,
                          kind::minimum, kind::power2,    kind::sum};
    std::vector<ref_node> subs;
    for (int s = 0; s < 6; ++s) {
      ref_node n{"s" + std::to_string(s), {}, kinds[s], s == 0 ? 0.6 : 0.0};
      for (int k = 4 * s; k < 4 * s + 4; ++k)
        n.children.push_back({id(k), 0.5 + 2.5 * u(rng)});
      n.children.push_back({id((4 * s + 5) % n_ind), 0.5 + 2.5 * u(rng)}); // shared
      subs.push_back(n);
    }
    nodes.push_back({"index", {{"p0", 0.6}, {"p1", 0.4}}, kind::mean, 0.0});
    nodes.push_back({"p0", {{"s0", 1.0}, {"s1", 2.0}, {"s2", 1.5}}, kind::mean, 0.0});
    nodes.push_back({"p1", {{"s3", 0.7}, {"s4", 1.3}, {"s5", 1.0}}, kind::geometric, 0.0});
    nodes.insert(nodes.end(), subs.begin(), subs.end());
    for (const auto& rn : nodes) {
      chiso::node n;
      n.id = rn.id;
      n.children = rn.children;
      n.min_coverage = rn.coverage;
      switch (rn.k) {
      case kind::mean: n.aggregation = chiso::aggregate::arithmetic_mean{}; break;
      case kind::sum: n.aggregation = chiso::aggregate::weighted_sum{}; break;
      case kind::geometric: n.aggregation = chiso::aggregate::geometric_mean{}; break;
      case kind::harmonic: n.aggregation = chiso::aggregate::harmonic_mean{}; break;
      case kind::power2: n.aggregation = chiso::aggregate::generalised_mean{2.0}; break;
      case kind::minimum: n.aggregation = chiso::aggregate::minimum{}; break;
      }
      f.nodes.push_back(n);
    }
    d.values.resize(n_units, n_ind);
    for (Eigen::Index j = 0; j < n_ind; ++j)
      for (Eigen::Index i = 0; i < n_units; ++i)
        d.values(i, j) = u(rng) < 0.05 ? NA : -50 + 550 * u(rng) * u(rng);
    for (Eigen::Index i = 0; i < n_units; ++i)
      d.unit_ids.push_back("u" + std::to_string(i));
  }

  // Reference: every node for unit i, by recursion over the definition, one unit at a time.
  std::map<std::string, double> reference(Eigen::Index i) const {
    std::map<std::string, double> v;
    for (int k = 0; k < n_ind; ++k) {
      const double dk = direction[static_cast<std::size_t>(k)];
      double lo = INFINITY, hi = -INFINITY;
      for (Eigen::Index t = 0; t < d.values.rows(); ++t) {
        const double x = d.values(t, k);
        if (std::isnan(x)) continue;
        lo = std::min(lo, dk * x);
        hi = std::max(hi, dk * x);
      }
      const double x = d.values(i, k);
      v[f.indicators[static_cast<std::size_t>(k)].id] =
          std::isnan(x) ? NA : 1.0 + (dk * x - lo) / (hi - lo) * 99.0;
    }
    std::function<double(const std::string&)> value = [&](const std::string& id) -> double {
      if (auto it = v.find(id); it != v.end()) return it->second;
      const ref_node* n = nullptr;
      for (const auto& c : nodes)
        if (c.id == id) n = &c;
      double total = 0, avail = 0, acc = 0, lowest = INFINITY;
      bool non_positive = false;
      for (const auto& c : n->children) {
        total += c.weight;
        const double x = value(c.id);
        if (std::isnan(x) || c.weight == 0) continue;
        avail += c.weight;
        lowest = std::min(lowest, x);
        non_positive = non_positive || x <= 0;
        switch (n->k) {
        case kind::mean:
        case kind::sum: acc += c.weight * x; break;
        case kind::geometric: acc += c.weight * std::log(x); break;
        case kind::harmonic: acc += c.weight / x; break;
        case kind::power2: acc += c.weight * x * x; break;
        case kind::minimum: break;
        }
      }
      double y = NA;
      if (avail > 0 && avail >= n->coverage * total) {
        switch (n->k) {
        case kind::mean: y = acc / avail; break;
        case kind::sum: y = acc / avail * total; break;
        case kind::geometric: y = non_positive ? NA : std::exp(acc / avail); break;
        case kind::harmonic: y = non_positive ? NA : avail / acc; break;
        case kind::power2: y = std::sqrt(acc / avail); break;
        case kind::minimum: y = lowest; break;
        }
      }
      v[id] = y;
      return y;
    };
    for (const auto& n : nodes)
      value(n.id);
    return v;
  }
};

bool bit_equal(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

TEST(engine_laws, matches_a_per_unit_reference_implementation) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const model m(seed, 150);
    const auto p = chiso::plan::compile(m.f, m.d.columns);
    const auto r = chiso::evaluate(p, m.d);
    std::size_t missing = 0, compared = 0;
    for (Eigen::Index i = 0; i < m.d.values.rows(); ++i) {
      const auto ref = m.reference(i);
      for (const auto& [id, expected] : ref) {
        const double got = r.scores(i, static_cast<Eigen::Index>(p.index(id)));
        if (std::isnan(expected)) {
          ++missing;
          EXPECT_TRUE(std::isnan(got)) << "seed " << seed << " unit " << i << " node " << id;
        } else {
          ++compared;
          EXPECT_NEAR(got, expected, 1e-12 * std::max(1.0, std::abs(expected)))
              << "seed " << seed << " unit " << i << " node " << id;
        }
      }
    }
    EXPECT_GT(missing, 100u); // the data do exercise missing cells and s0's coverage rule
    EXPECT_GT(compared, 4000u);
    EXPECT_TRUE(
        std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                    [](const auto& x) { return x.code == chiso::diagnostic_code::below_coverage; }))
        << "seed " << seed;
    // competition ranks of the root = 1 + number of units strictly higher
    const auto root = r.scores.col(static_cast<Eigen::Index>(p.root()));
    for (Eigen::Index i = 0; i < root.size(); ++i) {
      if (std::isnan(root[i])) {
        EXPECT_TRUE(std::isnan(r.rank[i]));
        continue;
      }
      int higher = 0;
      for (Eigen::Index t = 0; t < root.size(); ++t)
        higher += root[t] > root[i];
      EXPECT_EQ(r.rank[i], 1 + higher) << "unit " << i;
    }
  }
}

TEST(engine_laws, permuting_units_permutes_every_nodes_scores_and_ranks) {
  const model m(7, 120);
  auto shuffled = m.d;
  std::vector<Eigen::Index> perm(static_cast<std::size_t>(m.d.values.rows()));
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), std::mt19937_64(77));
  for (std::size_t i = 0; i < perm.size(); ++i) {
    shuffled.values.row(static_cast<Eigen::Index>(i)) = m.d.values.row(perm[i]);
    shuffled.unit_ids[i] = m.d.unit_ids[static_cast<std::size_t>(perm[i])];
  }
  const auto p = chiso::plan::compile(m.f, m.d.columns);
  const auto a = chiso::evaluate(p, m.d);
  const auto b = chiso::evaluate(p, shuffled);
  for (std::size_t i = 0; i < perm.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    for (Eigen::Index k = 0; k < a.scores.cols(); ++k)
      EXPECT_TRUE(bit_equal(b.scores(ii, k), a.scores(perm[i], k)))
          << "unit " << i << " node " << p.ids()[static_cast<std::size_t>(k)];
    EXPECT_TRUE(bit_equal(b.rank[ii], a.rank[perm[i]])) << "unit " << i;
  }
  EXPECT_EQ(a.diagnostics.size(), b.diagnostics.size());
}

TEST(engine_laws, evaluating_twice_is_bit_identical) {
  const model m(8, 100);
  const auto p = chiso::plan::compile(m.f, m.d.columns);
  const auto a = chiso::evaluate(p, m.d);
  chiso::result reused;
  chiso::evaluate(p, m.d.values, {}, reused);
  chiso::evaluate(p, m.d.values, {}, reused); // into a result already holding scores
  const auto again = chiso::evaluate(chiso::plan::compile(m.f, m.d.columns), m.d);
  for (const chiso::result* b : {static_cast<const chiso::result*>(&reused), &again}) {
    ASSERT_EQ(a.scores.size(), b->scores.size());
    EXPECT_EQ(std::memcmp(a.scores.data(), b->scores.data(),
                          sizeof(double) * static_cast<std::size_t>(a.scores.size())),
              0);
    EXPECT_EQ(std::memcmp(a.rank.data(), b->rank.data(),
                          sizeof(double) * static_cast<std::size_t>(a.rank.size())),
              0);
    EXPECT_EQ(a.band, b->band);
    ASSERT_EQ(a.diagnostics.size(), b->diagnostics.size());
    for (std::size_t k = 0; k < a.diagnostics.size(); ++k)
      EXPECT_EQ(a.diagnostics[k].message, b->diagnostics[k].message);
  }
}

TEST(engine_laws, numpy_peer_semantics) {
  // PEERS.md: x' = (d·x − min)/(max − min)·100; parent = Σ_avail w·x' / Σ_avail w (missing
  // children skipped); rank = 1 + number of units with a strictly higher score; missing stays
  // missing. Re-implemented here the numpy way: one masked matrix product per level.
  const Eigen::Index n = 200, n_ind = 40, n_sub = 8, n_pil = 2;
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> u(0, 1);
  chiso::framework f;
  chiso::dataset d;
  Eigen::VectorXd dir(n_ind);
  for (Eigen::Index k = 0; k < n_ind; ++k) {
    chiso::indicator ind;
    ind.id = "x" + std::to_string(k);
    ind.direction = u(rng) < 0.3 ? -1 : 1;
    ind.method = chiso::normalise::min_max{0.0, 100.0};
    dir[k] = ind.direction;
    f.indicators.push_back(ind);
    d.columns.push_back(ind.id);
  }
  // weight matrices: W1 (indicators → sub-pillars), W2 (sub-pillars → pillars), w3 (→ index)
  Eigen::MatrixXd W1 = Eigen::MatrixXd::Zero(n_ind, n_sub),
                  W2 = Eigen::MatrixXd::Zero(n_sub, n_pil);
  Eigen::VectorXd w3(n_pil);
  for (Eigen::Index s = 0; s < n_sub; ++s) {
    chiso::node nd;
    nd.id = "sub" + std::to_string(s);
    for (Eigen::Index k = 5 * s; k < 5 * s + 5; ++k) {
      W1(k, s) = 1 + std::floor(4 * u(rng));
      nd.children.push_back({"x" + std::to_string(k), W1(k, s)});
    }
    f.nodes.push_back(nd);
  }
  for (Eigen::Index q = 0; q < n_pil; ++q) {
    chiso::node nd;
    nd.id = "pillar" + std::to_string(q);
    for (Eigen::Index s = 4 * q; s < 4 * q + 4; ++s) {
      W2(s, q) = 0.5 + u(rng);
      nd.children.push_back({"sub" + std::to_string(s), W2(s, q)});
    }
    f.nodes.push_back(nd);
  }
  w3 << 0.55, 0.45;
  f.nodes.push_back({"index", "", {{"pillar0", w3[0]}, {"pillar1", w3[1]}}});
  d.values.resize(n, n_ind);
  for (Eigen::Index i = 0; i < n; ++i) {
    d.unit_ids.push_back("u" + std::to_string(i));
    for (Eigen::Index k = 0; k < n_ind; ++k)
      d.values(i, k) = u(rng) < 0.05 ? NA : 1000 * u(rng);
  }
  // a unit missing a whole sub-pillar, to exercise skipping at the next level
  for (Eigen::Index k = 0; k < 5; ++k)
    d.values(0, k) = NA;

  // numpy-style: normalise columns, then per level P = (X₀ W) ./ (M W), X₀ = X with NaN → 0,
  // M = 1 where present; rows with no child present are missing.
  auto level = [](const Eigen::MatrixXd& X, const Eigen::MatrixXd& W) {
    const Eigen::MatrixXd M = X.unaryExpr([](double x) { return std::isnan(x) ? 0.0 : 1.0; });
    const Eigen::MatrixXd X0 = X.unaryExpr([](double x) { return std::isnan(x) ? 0.0 : x; });
    Eigen::MatrixXd P = (X0 * W).array() / (M * W).array();
    const Eigen::MatrixXd den = M * W;
    for (Eigen::Index i = 0; i < P.rows(); ++i)
      for (Eigen::Index j = 0; j < P.cols(); ++j)
        if (den(i, j) == 0) P(i, j) = NA;
    return P;
  };
  Eigen::MatrixXd Xn(n, n_ind);
  for (Eigen::Index k = 0; k < n_ind; ++k) {
    double lo = INFINITY, hi = -INFINITY;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isnan(d.values(i, k))) {
        lo = std::min(lo, dir[k] * d.values(i, k));
        hi = std::max(hi, dir[k] * d.values(i, k));
      }
    for (Eigen::Index i = 0; i < n; ++i)
      Xn(i, k) = (dir[k] * d.values(i, k) - lo) / (hi - lo) * 100;
  }
  const Eigen::MatrixXd S = level(Xn, W1), P = level(S, W2), I = level(P, w3);

  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  auto check = [&](const Eigen::MatrixXd& expected, const std::string& prefix) {
    for (Eigen::Index j = 0; j < expected.cols(); ++j) {
      const std::string id = prefix.empty() ? "index" : prefix + std::to_string(j);
      const auto k = static_cast<Eigen::Index>(p.index(id));
      for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isnan(expected(i, j)))
          EXPECT_TRUE(std::isnan(r.scores(i, k))) << id << " unit " << i;
        else
          EXPECT_NEAR(r.scores(i, k), expected(i, j), 1e-11) << id << " unit " << i;
      }
    }
  };
  check(Xn, "x");
  check(S, "sub");
  check(P, "pillar");
  check(I, "");
  EXPECT_TRUE(std::isnan(r.scores(0, static_cast<Eigen::Index>(p.index("sub0")))));
  EXPECT_FALSE(std::isnan(r.scores(0, static_cast<Eigen::Index>(p.index("index")))));
  // the normalised columns span exactly [0, 100]
  EXPECT_EQ(Xn.col(3).unaryExpr([](double x) { return std::isnan(x) ? -1.0 : x; }).maxCoeff(),
            100.0);
  for (Eigen::Index i = 0; i < n; ++i) {
    int higher = 0;
    for (Eigen::Index t = 0; t < n; ++t)
      higher += I(t, 0) > I(i, 0);
    EXPECT_EQ(r.rank[i], 1 + higher) << "unit " << i;
  }
}

// keep::aggregates scores indicators into scratch columns (again for each aggregate reading a
// shared one): the aggregates, ranks, bands and diagnostics must be those of keep::all.
TEST(engine_laws, keeping_only_aggregates_changes_nothing_but_what_is_kept) {
  model m(9, 300);
  m.d.values.col(5).setConstant(3.0); // i05, read by s1 and shared into s0: a diagnostic each time
  const auto p = chiso::plan::compile(m.f, m.d.columns);
  const auto all = chiso::evaluate(p, m.d);
  ASSERT_EQ(std::count_if(all.diagnostics.begin(), all.diagnostics.end(),
                          [](const chiso::diagnostic& d) {
                            return d.code == chiso::diagnostic_code::constant_column;
                          }),
            1);
  chiso::result lean;
  for (int pass = 0; pass < 2; ++pass) { // the second into a result already holding scores
    chiso::evaluate(p, m.d.values, {}, lean, chiso::keep::aggregates);
    ASSERT_EQ(lean.first_node, p.n_indicators());
    ASSERT_EQ(static_cast<std::size_t>(lean.scores.cols()), p.n_nodes() - p.n_indicators());
    for (std::size_t k = p.n_indicators(); k < p.n_nodes(); ++k)
      for (Eigen::Index i = 0; i < all.scores.rows(); ++i)
        ASSERT_TRUE(bit_equal(lean.node(k)[i], all.node(k)[i])) << p.ids()[k] << " unit " << i;
    for (Eigen::Index i = 0; i < all.rank.size(); ++i)
      ASSERT_TRUE(bit_equal(lean.rank[i], all.rank[i]));
    EXPECT_EQ(lean.band, all.band);
    ASSERT_EQ(lean.diagnostics.size(), all.diagnostics.size());
    for (std::size_t k = 0; k < all.diagnostics.size(); ++k) {
      EXPECT_EQ(lean.diagnostics[k].node, all.diagnostics[k].node);
      EXPECT_EQ(lean.diagnostics[k].unit, all.diagnostics[k].unit);
      EXPECT_EQ(lean.diagnostics[k].message, all.diagnostics[k].message);
    }
  }
  EXPECT_THROW((void)lean.node(0), chiso::usage_error);
  EXPECT_THROW((void)chiso::contributions(p, lean, p.root()), chiso::usage_error);
}

// evaluate_aggregates on the indicator scores of a full evaluation gives that evaluation's
// aggregates; with weights or aggregations replaced, those of the framework edited that way.
TEST(engine_laws, evaluate_aggregates_equals_evaluating_the_edited_framework) {
  const model m(10, 200);
  const auto p = chiso::plan::compile(m.f, m.d.columns);
  const auto all = chiso::evaluate(p, m.d);
  std::vector<const double*> cols;
  for (std::size_t k = 0; k < p.n_indicators(); ++k)
    cols.push_back(all.node(k).data());
  auto same_aggregates = [&](const chiso::result& want, const chiso::result& got) {
    for (std::size_t k = p.n_indicators(); k < p.n_nodes(); ++k)
      for (Eigen::Index i = 0; i < want.scores.rows(); ++i)
        ASSERT_TRUE(bit_equal(got.node(k)[i], want.node(k)[i])) << p.ids()[k] << " unit " << i;
    for (Eigen::Index i = 0; i < want.rank.size(); ++i)
      ASSERT_TRUE(bit_equal(got.rank[i], want.rank[i])) << "rank of unit " << i;
  };
  chiso::result r;
  chiso::evaluate_aggregates(p, cols, m.d.values.rows(), {}, {}, {}, r);
  same_aggregates(all, r);

  // Node steps follow the framework's node order: index, p0, p1, s0 … s5.
  ASSERT_EQ(p.ids()[p.node_steps()[2].index], "p1");
  ASSERT_EQ(p.ids()[p.node_steps()[3].index], "s0");
  auto edited = m.f;
  edited.nodes[2].aggregation = chiso::aggregate::harmonic_mean{};
  edited.nodes[3].children[0].weight = 0; // i00 left out of s0
  edited.nodes[3].children[4].weight = 7.5;
  const auto want = chiso::evaluate(chiso::plan::compile(edited, m.d.columns), m.d);
  std::vector<std::vector<double>> w(p.node_steps().size());
  for (const auto& c : edited.nodes[3].children)
    w[3].push_back(c.weight);
  const chiso::aggregation harmonic = chiso::aggregate::harmonic_mean{};
  std::vector<const chiso::aggregation*> a(p.node_steps().size(), nullptr);
  a[2] = &harmonic;
  chiso::evaluate_aggregates(p, cols, m.d.values.rows(), w, a, {}, r);
  same_aggregates(want, r);

  w.pop_back();
  EXPECT_THROW(chiso::evaluate_aggregates(p, cols, m.d.values.rows(), w, {}, {}, r),
               chiso::usage_error);
  cols.pop_back();
  EXPECT_THROW(chiso::evaluate_aggregates(p, cols, m.d.values.rows(), {}, {}, {}, r),
               chiso::usage_error);
}

} // namespace chiso_test::engine_laws_test
