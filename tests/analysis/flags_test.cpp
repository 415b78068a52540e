// Tests of analysis/flags.hpp: per aggregate node, children correlating negatively with it,
// sibling pairs correlating above the collinearity threshold, Cronbach's alpha and PCA of the
// children, and node levels. A tiny framework with identity scores, worked by hand.

#include <chiso/analysis/flags.hpp>
#include <chiso/dataset.hpp>
#include <chiso/framework.hpp>
#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace chiso_test::flags_test {

namespace {

using namespace chiso;
using namespace chiso::analysis;

// Indicators a, b, c, d scored as they are (identity); p = mean(a, b, c); top = mean(p, d).
//   a = 1, 2, 3, 4
//   b = 2, 4, 6, 8        = 2a: r(a, b) = 1            → collinear pair under p
//   c = 4, 3, 2, 1        = 5 − a: r(a, c) = r(b, c) = −1
//   p = (a + b + c)/3 = 7/3, 9/3, 11/3, 13/3 = (2a + 5)/3, increasing in a:
//       r(a, p) = r(b, p) = 1, r(c, p) = −1           → c flagged negative_with_parent
//   d = 1, 3, 2, 4;  r(p, d) = r(a, d) = 0.8 (see correlation_test) < 0.9: no pair under top.
//   top = (p + d)/2 = 5/3, 3, 17/6, 25/6, rising with both children: no negative flag there.
// Cronbach's alpha of p's children: σ²(a) = 5/3, σ²(b) = 4·5/3 = 20/3, σ²(c) = 5/3;
//   totals a + b + c = 7, 9, 11, 13 (mean 10), σ²_total = (9 + 1 + 1 + 9)/3 = 20/3;
//   α = 3/2 · (1 − (5/3 + 20/3 + 5/3)/(20/3)) = 3/2 · (1 − 30/20) = −0.75.
// PCA of p's children: R = [[1, 1, −1], [1, 1, −1], [−1, −1, 1]], λ = 3, 0, 0,
//   PC1 = (1, 1, −1)/√3 (loadings sum to 1/√3 > 0, so the sign stays).
struct fixture {
  framework f;
  dataset d;
  plan p;
  result r;

  fixture() {
    for (const char* id : {"a", "b", "c", "d"}) {
      indicator i;
      i.id = id;
      i.method = normalise::identity{};
      f.indicators.push_back(i);
    }
    node top, p_node;
    top.id = "top";
    top.children = {child{"p", 1}, child{"d", 1}};
    p_node.id = "p";
    p_node.children = {child{"a", 1}, child{"b", 1}, child{"c", 1}};
    f.nodes = {top, p_node};
    d.unit_ids = {"u1", "u2", "u3", "u4"};
    d.columns = {"a", "b", "c", "d"};
    d.values.resize(4, 4);
    d.values << 1, 2, 4, 1, //
        2, 4, 3, 3,         //
        3, 6, 2, 2,         //
        4, 8, 1, 4;
    p = plan::compile(f, d.columns);
    r = evaluate(p, d);
  }
};

TEST(flags, levels_count_from_the_indicators) {
  const fixture x;
  const auto lv = node_levels(x.p);
  ASSERT_EQ(lv.size(), 6u);
  for (const char* id : {"a", "b", "c", "d"})
    EXPECT_EQ(lv[x.p.index(id)], 1) << id;
  EXPECT_EQ(lv[x.p.index("p")], 2);
  EXPECT_EQ(lv[x.p.index("top")], 3);
}

TEST(flags, negative_child_and_collinear_pair_by_hand) {
  const fixture x;
  const auto rep = correlation_flags(x.p, x.r);
  ASSERT_EQ(rep.flags.size(), 2u);
  const auto& neg = rep.flags[0];
  EXPECT_EQ(neg.kind, flag_kind::negative_with_parent);
  EXPECT_EQ(neg.node, x.p.index("p"));
  EXPECT_EQ(neg.a, x.p.index("c"));
  EXPECT_EQ(neg.b, correlation_flag::npos);
  EXPECT_NEAR(neg.r, -1.0, 1e-12);
  EXPECT_EQ(neg.n, 4u);
  EXPECT_EQ(neg.message, "indicator 'c' correlates negatively with its parent 'p': pearson "
                         "r = -1.000 over 4 units (flagged at r <= -0.400)");
  const auto& col = rep.flags[1];
  EXPECT_EQ(col.kind, flag_kind::collinear);
  EXPECT_EQ(col.node, x.p.index("p"));
  EXPECT_EQ(col.a, x.p.index("a"));
  EXPECT_EQ(col.b, x.p.index("b"));
  EXPECT_NEAR(col.r, 1.0, 1e-12);
  EXPECT_EQ(to_string(col.kind), "collinear");
}

TEST(flags, node_reports_alpha_pca_and_parent_correlations) {
  const fixture x;
  const auto rep = correlation_flags(x.p, x.r);
  ASSERT_EQ(rep.nodes.size(), 2u); // framework order: top, p
  const auto& top = rep.nodes[0];
  const auto& p = rep.nodes[1];
  EXPECT_EQ(top.node, x.p.index("top"));
  EXPECT_EQ(top.level, 3);
  EXPECT_EQ(p.node, x.p.index("p"));
  ASSERT_EQ(p.with_parent.size(), 3u);
  EXPECT_NEAR(p.with_parent[0].r, 1.0, 1e-12);  // a
  EXPECT_NEAR(p.with_parent[1].r, 1.0, 1e-12);  // b
  EXPECT_NEAR(p.with_parent[2].r, -1.0, 1e-12); // c
  EXPECT_NEAR(p.alpha.alpha, -0.75, 1e-12);
  EXPECT_EQ(p.alpha.k, 3u);
  ASSERT_TRUE(p.pca.ok());
  EXPECT_NEAR(p.pca.eigenvalues[0], 3.0, 1e-12);
  EXPECT_NEAR(p.pca.explained[0], 1.0, 1e-12);
  EXPECT_NEAR(p.pca.pc1[2], -1 / std::sqrt(3.0), 1e-12);
  // top's children p and d: r(p, d) = 0.8 (p is linear in a), λ = 1.8, 0.2.
  ASSERT_TRUE(top.pca.ok());
  EXPECT_NEAR(top.pca.explained[0], 0.9, 1e-12);
  for (const auto& c : top.with_parent)
    EXPECT_GT(c.r, 0.0);
}

TEST(flags, thresholds_and_absolute_option) {
  const fixture x;
  flag_options o;
  o.collinear_absolute = true; // now (a, c) and (b, c) with r = −1 count too
  auto rep = correlation_flags(x.p, x.r, o);
  ASSERT_EQ(rep.flags.size(), 4u);
  EXPECT_EQ(rep.flags[1].a, x.p.index("a"));
  EXPECT_EQ(rep.flags[1].b, x.p.index("b"));
  EXPECT_EQ(rep.flags[2].b, x.p.index("c"));
  EXPECT_NEAR(rep.flags[3].r, -1.0, 1e-12);
  EXPECT_NE(rep.flags[3].message.find("|r| >= 0.900"), std::string::npos) << rep.flags[3].message;
  // r(p, d) = 0.8: flagged once the threshold drops to 0.75 (top's pair), not at 0.9.
  o = {};
  o.collinear = 0.75;
  rep = correlation_flags(x.p, x.r, o);
  ASSERT_EQ(rep.flags.size(), 3u);
  EXPECT_EQ(rep.flags[0].node, x.p.index("top"));
  EXPECT_NEAR(rep.flags[0].r, 0.8, 1e-12);
  // Spearman gives the same ranks-based picture here (every relation is monotone).
  o = {};
  o.method = correlation_method::spearman;
  EXPECT_EQ(correlation_flags(x.p, x.r, o).flags.size(), 2u);
}

TEST(flags, rejects_a_result_of_another_plan) {
  const fixture x;
  result other;
  other.scores.resize(4, 3);
  EXPECT_THROW((void)correlation_flags(x.p, other), usage_error);
}

} // namespace

} // namespace chiso_test::flags_test
