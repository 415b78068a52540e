// Tests of framework.hpp: validation reports every rule broken, each message naming the node
// (or indicator) and the rule.
#include <chiso/framework.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::framework_test {

namespace {

chiso::indicator ind(const std::string& id) {
  chiso::indicator i;
  i.id = id;
  i.method = chiso::normalise::min_max{};
  return i;
}

chiso::node node(const std::string& id, std::vector<chiso::child> children) {
  chiso::node n;
  n.id = id;
  n.children = std::move(children);
  return n;
}

// a, b, c → mid = mean(a, b); top = mean(mid, c)
chiso::framework valid() {
  chiso::framework f;
  f.id = "test";
  f.indicators = {ind("a"), ind("b"), ind("c")};
  f.nodes = {node("top", {{"mid", 1}, {"c", 3}}), node("mid", {{"a", 1}, {"b", 1}})};
  return f;
}

// The single problem of `f` (fails the test if there is not exactly one).
std::string only_problem(const chiso::framework& f) {
  const auto p = f.problems();
  EXPECT_EQ(p.size(), 1u);
  if (p.size() > 1)
    for (const auto& s : p)
      ADD_FAILURE() << "problem: " << s;
  return p.empty() ? std::string() : p.front();
}

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

} // namespace

TEST(framework, valid_framework_has_no_problems) {
  const auto f = valid();
  EXPECT_TRUE(f.problems().empty());
  EXPECT_NO_THROW(f.validate());
  EXPECT_EQ(f.root_id(), "top");
  EXPECT_NE(f.find_node("mid"), nullptr);
  EXPECT_NE(f.find_indicator("c"), nullptr);
  EXPECT_EQ(f.find_node("c"), nullptr);
}

TEST(framework, shared_children_form_a_dag_not_a_tree) {
  // DTI 922: the pillars share the foundation indicators; that is allowed.
  auto f = valid();
  f.nodes.push_back(node("other", {{"a", 1}, {"mid", 1}}));
  f.nodes.push_back(node("index", {{"top", 1}, {"other", 1}}));
  EXPECT_TRUE(f.problems().empty());
  EXPECT_EQ(f.root_id(), "index");
}

TEST(framework, duplicate_id) {
  auto f = valid();
  f.indicators.push_back(ind("b"));
  const auto p = f.problems();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(has(p[0], "duplicate id 'b'")) << p[0];
  // a node may not reuse an indicator's id either
  auto g = valid();
  g.nodes.push_back(node("a", {{"b", 1}}));
  const auto q = g.problems();
  ASSERT_FALSE(q.empty());
  EXPECT_TRUE(has(q[0], "duplicate id 'a'")) << q[0];
}

TEST(framework, unknown_child) {
  auto f = valid();
  f.nodes[1].children.push_back({"zz", 1});
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'mid': unknown child 'zz'")) << p;
}

TEST(framework, child_listed_twice) {
  auto f = valid();
  f.nodes[1].children.push_back({"a", 2});
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'mid': child 'a' listed twice")) << p;
}

TEST(framework, two_node_cycle_lists_the_path) {
  // top → n1 → n2 → n1
  chiso::framework f;
  f.indicators = {ind("a"), ind("b")};
  f.nodes = {node("top", {{"n1", 1}}), node("n1", {{"n2", 1}, {"a", 1}}),
             node("n2", {{"n1", 1}, {"b", 1}})};
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "cycle: n1 -> n2 -> n1")) << p;
}

TEST(framework, longer_cycle_lists_the_path) {
  chiso::framework f;
  f.indicators = {ind("a")};
  f.nodes = {node("top", {{"n1", 1}}), node("n1", {{"n2", 1}, {"a", 1}}), node("n2", {{"n3", 1}}),
             node("n3", {{"n1", 1}})};
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "cycle: n1 -> n2 -> n3 -> n1")) << p;
}

TEST(framework, self_loop_is_a_cycle) {
  auto f = valid();
  f.nodes[1].children.push_back({"mid", 1});
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "cycle: mid -> mid")) << p;
}

TEST(framework, negative_weight) {
  auto f = valid();
  f.nodes[1].children[0].weight = -1;
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'mid': weight of child 'a' must be finite and >= 0, got -1")) << p;
}

TEST(framework, nan_and_infinite_weights) {
  auto f = valid();
  f.nodes[1].children[0].weight = std::numeric_limits<double>::quiet_NaN();
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'mid': weight of child 'a' must be finite and >= 0, got ")) << p;
  EXPECT_TRUE(has(p, "nan")) << p;
  f.nodes[1].children[0].weight = std::numeric_limits<double>::infinity();
  const auto q = only_problem(f);
  EXPECT_TRUE(has(q, "node 'mid': weight of child 'a' must be finite")) << q;
}

TEST(framework, all_zero_weights) {
  auto f = valid();
  f.nodes[1].children[0].weight = 0;
  f.nodes[1].children[1].weight = 0;
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'mid': weights of its children sum to 0")) << p;
  // one zero weight is fine (DTI smart city)
  f.nodes[1].children[1].weight = 2;
  EXPECT_TRUE(f.problems().empty());
}

TEST(framework, node_without_children) {
  auto f = valid();
  f.nodes.push_back(node("empty", {}));
  f.nodes[0].children.push_back({"empty", 1});
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "node 'empty': has no children")) << p;
}

TEST(framework, bad_direction) {
  auto f = valid();
  f.indicators[1].direction = 0;
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "indicator 'b': direction must be 1 or -1, got 0")) << p;
  f.indicators[1].direction = -1;
  EXPECT_TRUE(f.problems().empty());
}

TEST(framework, unknown_root) {
  auto f = valid();
  f.root = "nowhere";
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "root 'nowhere' is unknown")) << p;
  f.root = "a";
  const auto q = only_problem(f);
  EXPECT_TRUE(has(q, "root 'a' is an indicator: it must be an aggregate node")) << q;
  f.root = "mid"; // any aggregate node may be named the root
  EXPECT_TRUE(f.problems().empty());
  EXPECT_EQ(f.root_id(), "mid");
}

TEST(framework, ambiguous_root) {
  auto f = valid();
  f.nodes.push_back(node("other", {{"a", 1}}));
  const auto p = only_problem(f);
  EXPECT_TRUE(has(p, "several nodes could be the root ('top', 'other')")) << p;
  EXPECT_TRUE(has(p, "name it with 'root'")) << p;
  EXPECT_THROW((void)f.root_id(), chiso::framework_error);
  f.root = "top"; // naming it resolves the ambiguity
  EXPECT_TRUE(f.problems().empty());
}

TEST(framework, coverage_cap_and_method_parameters) {
  auto f = valid();
  f.nodes[1].min_coverage = 1.5;
  EXPECT_TRUE(has(only_problem(f), "node 'mid': min_coverage must be in [0, 1]"));
  f.nodes[1].min_coverage = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(has(only_problem(f), "node 'mid': min_coverage must be in [0, 1]"));
  f.nodes[1].min_coverage = 0.5;
  f.nodes[1].cap = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(has(only_problem(f), "node 'mid': cap must be finite"));
  f.nodes[1].cap.reset();
  f.nodes[1].aggregation = chiso::aggregate::generalised_mean{std::nan("")};
  EXPECT_TRUE(has(only_problem(f), "node 'mid': generalised_mean needs a finite order p"));
}

TEST(framework, bands_must_decrease) {
  auto f = valid();
  f.bands = {{"high", 0.7}, {"very high", 0.8}};
  EXPECT_TRUE(has(only_problem(f),
                  "bands must be listed by strictly decreasing min ('very high' after 'high')"));
}

TEST(framework, origin_is_prefixed_to_messages) {
  auto f = valid();
  f.nodes[1].origin = "dti.yaml:12";
  f.nodes[1].children[0].weight = -2;
  const auto p = only_problem(f);
  EXPECT_EQ(p.rfind("dti.yaml:12: node 'mid': weight of child 'a'", 0), 0u) << p;
}

TEST(framework, several_problems_reported_at_once) {
  auto f = valid();
  f.indicators[0].direction = 2;            // bad direction
  f.nodes[1].children[1].weight = -1;       // negative weight
  f.nodes[0].children.push_back({"zz", 1}); // unknown child
  const auto p = f.problems();
  ASSERT_EQ(p.size(), 3u);
  try {
    f.validate();
    FAIL() << "expected framework_error";
  } catch (const chiso::framework_error& e) {
    const std::string m = e.what();
    EXPECT_TRUE(has(m, "invalid framework (3 problems):")) << m;
    EXPECT_TRUE(has(m, "\n  - indicator 'a': direction must be 1 or -1, got 2")) << m;
    EXPECT_TRUE(has(m, "\n  - node 'mid': weight of child 'b' must be finite and >= 0")) << m;
    EXPECT_TRUE(has(m, "\n  - node 'top': unknown child 'zz'")) << m;
  }
}

TEST(framework, single_problem_message) {
  auto f = valid();
  f.nodes[1].children[0].weight = -1;
  try {
    f.validate();
    FAIL() << "expected framework_error";
  } catch (const chiso::framework_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("invalid framework: node 'mid': weight", 0), 0u)
        << e.what();
  }
}

TEST(framework, empty_framework) {
  chiso::framework f;
  const auto p = f.problems();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "the framework has no indicators");
  EXPECT_EQ(p[1],
            "the framework has no aggregate node: add a root node that combines the indicators");
}

TEST(framework, indicators_without_an_aggregate_node_are_rejected) {
  chiso::framework f;
  f.indicators = {ind("a")};
  EXPECT_TRUE(has(only_problem(f), "has no aggregate node"));
}

TEST(framework, context_of_transforms_bounds_and_target) {
  chiso::indicator i = ind("gdp");
  i.transform = chiso::transform::log10;
  i.lower = 100;
  i.upper = 100000;
  i.target = 1000;
  i.points = 5;
  i.direction = -1;
  const auto c = chiso::context_of(i);
  EXPECT_DOUBLE_EQ(*c.lower, 2.0);
  EXPECT_DOUBLE_EQ(*c.upper, 5.0);
  EXPECT_DOUBLE_EQ(*c.target, 3.0);
  EXPECT_EQ(*c.max_points, 5.0);
  EXPECT_EQ(c.direction, -1);
  EXPECT_EQ(c.id, "gdp");
}

} // namespace chiso_test::framework_test
