// Tests of plan.hpp: compiling a framework against data columns, effective weights, topological
// order, and (through evaluate) the preparation of raw values: denominator, scale, transform and
// the empty-denominator policies.
#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::plan_test {

using chiso_test::NA;

namespace {

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

chiso::indicator identity(const std::string& id) {
  chiso::indicator i;
  i.id = id;
  i.method = chiso::normalise::identity{};
  return i;
}

// DTI 922 province (DOMAIN.md §2): nine main indicators, the index and three pillars sharing the
// five foundations.
chiso::framework dti_922_province() {
  chiso::framework f;
  f.id = "dti_922_province";
  const char* ids[] = {"awareness",       "institutions",  "infrastructure",
                       "human_resources", "cybersecurity", "smart_city",
                       "gov_activity",    "econ_activity", "society_activity"};
  for (const char* id : ids)
    f.indicators.push_back(identity(id));
  const std::vector<chiso::child> foundations{{"awareness", 100},
                                              {"institutions", 100},
                                              {"infrastructure", 100},
                                              {"human_resources", 100},
                                              {"cybersecurity", 100}};
  chiso::node dti;
  dti.id = "dti";
  dti.children = foundations;
  dti.children.insert(dti.children.end(), {{"smart_city", 0},
                                           {"gov_activity", 200},
                                           {"econ_activity", 150},
                                           {"society_activity", 150}});
  auto pillar = [&](const std::string& id, const std::string& activity, double w) {
    chiso::node n;
    n.id = id;
    n.children = foundations;
    n.children.push_back({activity, w});
    return n;
  };
  f.nodes = {dti, pillar("pillar_gov", "gov_activity", 200),
             pillar("pillar_econ", "econ_activity", 150),
             pillar("pillar_society", "society_activity", 150)};
  f.root = "dti";
  return f;
}

std::vector<std::string> columns_of(const chiso::framework& f) {
  std::vector<std::string> c;
  for (const auto& i : f.indicators)
    c.push_back(i.source());
  return c;
}

} // namespace

TEST(plan, missing_data_columns_are_all_listed) {
  chiso::framework f;
  auto a = identity("a");
  a.column = "col_a";
  auto b = identity("b");
  b.denominator = "population";
  auto c = identity("c");
  f.indicators = {a, b, c};
  chiso::node top;
  top.id = "top";
  top.children = {{"a", 1}, {"b", 1}, {"c", 1}};
  f.nodes = {top};
  const std::vector<std::string> cols{"col_a", "c", "unused"};
  try {
    (void)chiso::plan::compile(f, cols);
    FAIL() << "expected input_error";
  } catch (const chiso::input_error& e) {
    const std::string m = e.what();
    EXPECT_TRUE(has(m, "the data lacks columns 'b' (indicator 'b'), 'population' (indicator 'b')"))
        << m;
    EXPECT_FALSE(has(m, "'c'")) << m;
  }
  const std::vector<std::string> one_missing{"col_a", "b", "population"};
  try {
    (void)chiso::plan::compile(f, one_missing);
    FAIL() << "expected input_error";
  } catch (const chiso::input_error& e) {
    EXPECT_TRUE(has(e.what(), "the data lacks column 'c' (indicator 'c')")) << e.what();
  }
}

TEST(plan, invalid_framework_is_a_framework_error) {
  auto f = dti_922_province();
  f.nodes[1].children[0].weight = -1;
  EXPECT_THROW((void)chiso::plan::compile(f, columns_of(f)), chiso::framework_error);
}

TEST(plan, indices_ids_and_binding) {
  const auto f = dti_922_province();
  // data columns in another order than the indicators
  std::vector<std::string> cols = columns_of(f);
  std::reverse(cols.begin(), cols.end());
  const auto p = chiso::plan::compile(f, cols);
  EXPECT_EQ(p.n_indicators(), 9u);
  EXPECT_EQ(p.n_nodes(), 13u);
  EXPECT_EQ(p.index("awareness"), 0u);
  EXPECT_EQ(p.index("dti"), 9u);
  EXPECT_EQ(p.index("pillar_society"), 12u);
  EXPECT_EQ(p.root(), 9u);
  EXPECT_TRUE(p.is_indicator(8));
  EXPECT_FALSE(p.is_indicator(9));
  EXPECT_EQ(p.indicator_steps()[0].column, 8u); // awareness is the last data column
  EXPECT_EQ(p.indicator_steps()[8].column, 0u);
  EXPECT_TRUE(p.contains("pillar_gov"));
  EXPECT_FALSE(p.contains("pillar_x"));
  try {
    (void)p.index("pillar_x");
    FAIL();
  } catch (const chiso::usage_error& e) {
    EXPECT_TRUE(has(e.what(), "unknown node or indicator 'pillar_x'"));
  }
}

TEST(plan, effective_weights_of_dti_922) {
  const auto f = dti_922_province();
  const auto p = chiso::plan::compile(f, columns_of(f));
  const auto& E = p.effective_weights();
  ASSERT_EQ(E.rows(), 13);
  ASSERT_EQ(E.cols(), 9);
  auto e = [&](const char* node, const char* ind) {
    return E(static_cast<Eigen::Index>(p.index(node)), static_cast<Eigen::Index>(p.index(ind)));
  };
  // dti: 100 / 1000 = 0.1; 200 / 1000 = 0.2; 150 / 1000 = 0.15; smart city 0
  EXPECT_NEAR(e("dti", "awareness"), 0.1, 1e-15);
  EXPECT_NEAR(e("dti", "gov_activity"), 0.2, 1e-15);
  EXPECT_NEAR(e("dti", "society_activity"), 0.15, 1e-15);
  EXPECT_EQ(e("dti", "smart_city"), 0.0);
  // pillar_gov: 100 / 700 and 200 / 700; pillar_econ: 150 / 650; no weight on other activities
  EXPECT_NEAR(e("pillar_gov", "awareness"), 100.0 / 700.0, 1e-15);
  EXPECT_NEAR(e("pillar_gov", "gov_activity"), 200.0 / 700.0, 1e-15);
  EXPECT_EQ(e("pillar_gov", "econ_activity"), 0.0);
  EXPECT_NEAR(e("pillar_econ", "econ_activity"), 150.0 / 650.0, 1e-15);
  // an indicator's row is its unit vector; a mean's row sums to 1
  EXPECT_EQ(e("cybersecurity", "cybersecurity"), 1.0);
  EXPECT_EQ(e("cybersecurity", "awareness"), 0.0);
  for (const char* n : {"dti", "pillar_gov", "pillar_econ", "pillar_society"})
    EXPECT_NEAR(E.row(static_cast<Eigen::Index>(p.index(n))).sum(), 1.0, 1e-15) << n;
}

TEST(plan, effective_weights_through_levels_and_sums) {
  // top = mean(mid ×1, c ×3); mid = mean(a ×1, b ×1) → E(top, a) = 1/4 · 1/2 = 0.125,
  // E(top, c) = 3/4. pts = sum(a ×6, b ×4): E = the weights themselves, 6 and 4.
  chiso::framework f;
  f.indicators = {identity("a"), identity("b"), identity("c")};
  chiso::node top, mid, pts;
  top.id = "top";
  top.children = {{"mid", 1}, {"c", 3}};
  mid.id = "mid";
  mid.children = {{"a", 1}, {"b", 1}};
  pts.id = "pts";
  pts.children = {{"a", 6}, {"b", 4}};
  pts.aggregation = chiso::aggregate::weighted_sum{};
  f.nodes = {top, mid, pts};
  f.root = "top";
  const auto p = chiso::plan::compile(f, columns_of(f));
  const auto& E = p.effective_weights();
  const auto t = static_cast<Eigen::Index>(p.index("top"));
  const auto s = static_cast<Eigen::Index>(p.index("pts"));
  EXPECT_NEAR(E(t, 0), 0.125, 1e-15);
  EXPECT_NEAR(E(t, 1), 0.125, 1e-15);
  EXPECT_NEAR(E(t, 2), 0.75, 1e-15);
  EXPECT_EQ(E(s, 0), 6.0);
  EXPECT_EQ(E(s, 1), 4.0);
  EXPECT_EQ(E(s, 2), 0.0);
}

TEST(plan, topological_order_puts_children_first) {
  // Nodes listed parents first: index ← (p1, p2); p1 ← (s1, s2); p2 ← (s2, s3); s* ← indicators.
  chiso::framework f;
  f.indicators = {identity("a"), identity("b"), identity("c")};
  auto mk = [](const std::string& id, std::vector<chiso::child> ch) {
    chiso::node n;
    n.id = id;
    n.children = std::move(ch);
    return n;
  };
  f.nodes = {mk("index", {{"p1", 1}, {"p2", 1}}), mk("p1", {{"s1", 1}, {"s2", 1}}),
             mk("p2", {{"s2", 1}, {"s3", 1}}),    mk("s1", {{"a", 1}}),
             mk("s2", {{"a", 1}, {"b", 1}}),      mk("s3", {{"c", 1}})};
  const auto p = chiso::plan::compile(f, columns_of(f));
  const auto& order = p.order();
  ASSERT_EQ(order.size(), 6u);
  std::vector<int> seen(p.n_nodes(), 0);
  for (std::size_t k = 0; k < p.n_indicators(); ++k)
    seen[k] = 1;
  for (auto pos : order) {
    const auto& s = p.node_steps()[pos];
    for (auto c : s.children)
      EXPECT_TRUE(seen[c]) << p.ids()[c] << " after " << p.ids()[s.index];
    seen[s.index] = 1;
  }
  EXPECT_EQ(p.ids()[p.node_steps()[order.back()].index], "index");
  EXPECT_EQ(p.root(), p.index("index"));
}

TEST(plan, denominator_scale_and_transform_preparation) {
  // internet users per 1000 people, logged: value = ln(users / population · 1000)
  chiso::framework f;
  auto i = identity("users_per_1000");
  i.column = "users";
  i.denominator = "population";
  i.scale = 1000;
  i.transform = chiso::transform::log;
  i.lower = 1;    // transformed to ln 1 = 0
  i.upper = 1000; // ln 1000
  f.indicators = {i};
  chiso::node top;
  top.id = "top";
  top.children = {{"users_per_1000", 1}};
  f.nodes = {top};
  chiso::dataset d;
  d.unit_ids = {"u1", "u2", "u3"};
  d.columns = {"population", "users"};
  d.values.resize(3, 2);
  // u1: 5000 / 100000 · 1000 = 50 → ln 50; u2: 2 / 2000 · 1000 = 1 → ln 1 = 0;
  // u3: 0 users → ln 0 undefined → missing + invalid_value
  d.values << 100000, 5000, 2000, 2, 1000, 0;
  const auto p = chiso::plan::compile(f, d.columns);
  EXPECT_EQ(p.indicator_steps()[0].column, 1u);
  EXPECT_EQ(p.indicator_steps()[0].denominator, 0u);
  EXPECT_EQ(*p.indicator_steps()[0].context.lower, 0.0);
  EXPECT_NEAR(*p.indicator_steps()[0].context.upper, std::log(1000.0), 1e-15);
  const auto r = chiso::evaluate(p, d);
  EXPECT_NEAR(r.scores(0, 0), std::log(50.0), 1e-14);
  EXPECT_NEAR(r.scores(1, 0), 0.0, 1e-15);
  EXPECT_TRUE(std::isnan(r.scores(2, 0)));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diagnostics[0].unit, 2u);
  EXPECT_TRUE(has(r.diagnostics[0].message, "indicator 'users_per_1000'"));
  EXPECT_TRUE(has(r.diagnostics[0].message, "transform log"));
}

namespace {

// Decision 766 (DOMAIN.md §3): petitions handled on time (6 points, full marks when there were no
// petitions), procedure satisfaction (6 points, 0 when there were no dossiers, full marks at
// ≥ 90%), and a third ratio indicator whose empty denominator leaves the score missing.
chiso::framework petitions_framework() {
  chiso::framework f;
  chiso::indicator on_time;
  on_time.id = "petitions_on_time";
  on_time.denominator = "petitions_received";
  on_time.points = 6;
  on_time.method = chiso::points::ratio{};
  on_time.if_zero_denominator = chiso::empty_policy::full;
  on_time.if_missing_denominator = chiso::empty_policy::missing;
  chiso::indicator satisfaction;
  satisfaction.id = "satisfied";
  satisfaction.denominator = "dossiers";
  satisfaction.points = 6;
  satisfaction.method = chiso::points::ratio{0.9};
  satisfaction.if_zero_denominator = chiso::empty_policy::zero;
  satisfaction.if_missing_denominator = chiso::empty_policy::zero;
  chiso::indicator synced;
  synced.id = "synced";
  synced.denominator = "dossiers";
  synced.points = 6;
  synced.method = chiso::points::ratio{};
  f.indicators = {on_time, satisfaction, synced};
  chiso::node total;
  total.id = "total";
  total.aggregation = chiso::aggregate::weighted_sum{};
  total.children = {{"petitions_on_time", 1}, {"satisfied", 1}, {"synced", 1}};
  f.nodes = {total};
  return f;
}

} // namespace

TEST(plan, empty_denominator_policies_on_a_point_rule) {
  const auto f = petitions_framework();
  chiso::dataset d;
  d.unit_ids = {"A", "B", "C", "D", "E"};
  d.columns = {"petitions_on_time", "petitions_received", "satisfied", "dossiers", "synced"};
  d.values.resize(5, 5);
  d.values << 8, 10, 45, 50, 25, // A
      0, 0, 0, 0, 0,             // B: no petitions, no dossiers
      5, NA, NA, NA, 3,          // C: petitions received unknown, dossiers unknown
      NA, NA, 10, 100, 100,      // D: petition data absent altogether
      12, 10, 50, 50, NA;        // E: more on time than received (capped), synced absent
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  // petitions_on_time = 6 · min(1, on_time / received)
  EXPECT_NEAR(r.scores(0, 0), 4.8, 1e-14); // A: 6 · 8/10
  EXPECT_EQ(r.scores(1, 0), 6.0);          // B: 0 / 0 → policy full → 6 (no petitions)
  EXPECT_TRUE(std::isnan(r.scores(2, 0))); // C: 5 / NA → policy missing (+ diagnostic)
  EXPECT_TRUE(std::isnan(r.scores(3, 0))); // D: NA / NA → nothing observed: missing, no diagnostic
  EXPECT_EQ(r.scores(4, 0), 6.0);          // E: 12/10 capped at 1 → 6
  // satisfied = 6 · min(1, (satisfied / dossiers) / 0.9)
  EXPECT_EQ(r.scores(0, 1), 6.0);                    // A: 0.9 / 0.9 = 1 → 6
  EXPECT_EQ(r.scores(1, 1), 0.0);                    // B: 0 / 0 → policy zero (no dossiers)
  EXPECT_TRUE(std::isnan(r.scores(2, 1)));           // C: NA / NA: nothing observed
  EXPECT_NEAR(r.scores(3, 1), 6 * 0.1 / 0.9, 1e-14); // D: 10/100 = 0.1 → 6 · 0.1 / 0.9
  EXPECT_EQ(r.scores(4, 1), 6.0);
  // synced = 6 · min(1, synced / dossiers), policies left at 'missing'
  EXPECT_NEAR(r.scores(0, 2), 3.0, 1e-14); // A: 25 / 50 → 3
  EXPECT_TRUE(std::isnan(r.scores(1, 2))); // B: 0 / 0 → missing + zero_denominator
  EXPECT_TRUE(std::isnan(r.scores(2, 2))); // C: 3 / NA → missing + missing_denominator
  EXPECT_EQ(r.scores(3, 2), 6.0);          // D: 100 / 100
  EXPECT_TRUE(std::isnan(r.scores(4, 2))); // E: NA / 50: plain missing value

  // Exactly three diagnostics: the 'missing' policy applied to C's petitions, B's and C's sync.
  ASSERT_EQ(r.diagnostics.size(), 3u);
  const auto& d0 = r.diagnostics[0];
  EXPECT_EQ(d0.code, chiso::diagnostic_code::missing_denominator);
  EXPECT_EQ(d0.node, 0u);
  EXPECT_EQ(d0.unit, 2u);
  EXPECT_TRUE(has(d0.message, "indicator 'petitions_on_time': denominator is missing"))
      << d0.message;
  const auto& d1 = r.diagnostics[1];
  EXPECT_EQ(d1.code, chiso::diagnostic_code::zero_denominator);
  EXPECT_EQ(d1.node, 2u);
  EXPECT_EQ(d1.unit, 1u);
  EXPECT_TRUE(has(d1.message, "indicator 'synced': denominator is 0")) << d1.message;
  const auto& d2 = r.diagnostics[2];
  EXPECT_EQ(d2.code, chiso::diagnostic_code::missing_denominator);
  EXPECT_EQ(d2.node, 2u);
  EXPECT_EQ(d2.unit, 2u);
}

TEST(plan, full_marks_policy_needs_a_point_rule) {
  chiso::framework f;
  chiso::indicator i;
  i.id = "share";
  i.denominator = "total";
  i.method = chiso::normalise::min_max{};
  i.if_zero_denominator = chiso::empty_policy::full;
  f.indicators = {i};
  chiso::node top;
  top.id = "top";
  top.children = {{"share", 1}};
  f.nodes = {top};
  try {
    (void)chiso::plan::compile(f, std::vector<std::string>{"share", "total"});
    FAIL() << "expected framework_error";
  } catch (const chiso::framework_error& e) {
    EXPECT_TRUE(
        has(e.what(), "indicator 'share': empty-denominator policy 'full' needs a point rule"))
        << e.what();
  }
}

TEST(plan, check_reports_values_outside_the_valid_range) {
  chiso::framework f;
  auto a = identity("share");
  a.valid_min = 0;
  a.valid_max = 100;
  f.indicators = {a, identity("free")};
  chiso::node top;
  top.id = "top";
  top.children = {{"share", 1}, {"free", 1}};
  f.nodes = {top};
  const std::vector<std::string> cols{"free", "share"};
  const auto p = chiso::plan::compile(f, cols);
  Eigen::MatrixXd v(3, 2);
  v << -5, 50, 1e9, 101, 0, NA;
  const auto probs = p.check(v);
  ASSERT_EQ(probs.size(), 1u);
  EXPECT_EQ(probs[0].unit, 1u);
  EXPECT_EQ(probs[0].column, 1u);
  EXPECT_EQ(probs[0].value, 101.0);
  EXPECT_TRUE(has(probs[0].rule, "indicator 'share' must lie in [0, 100]")) << probs[0].rule;
}

} // namespace chiso_test::plan_test
