// Spec files written: the write -> read round trip of every section and method.

#include "chiso/io/spec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/spec.hpp"

namespace chiso_test::spec_write_test {

namespace {

using namespace chiso;
using namespace chiso_test::spec_support;
using ::testing::HasSubstr;
using ::testing::StartsWith;

} // namespace

TEST(spec_write, fixture_round_trip_with_sections) {
  const auto s = io::load_spec(data_dir / "dti_mini.yaml");
  std::ostringstream out;
  io::write_spec(out, s);
  const auto back = io::parse_spec_text(out.str(), "written.yaml", s.dir);
  expect_same(s.fw, back.fw);
  ASSERT_TRUE(back.sample);
  EXPECT_EQ(back.sample->file, s.sample->file); // written relative to dir, resolved again
  EXPECT_THAT(out.str(), HasSubstr("file: \"dti_mini.sample.csv\""));
  EXPECT_EQ(back.sample->synthetic, true);
  EXPECT_EQ(back.sample->note, s.sample->note);
  EXPECT_EQ(back.data.unit_column, "province");
  EXPECT_EQ(back.data.name_column, "province_name");
  EXPECT_EQ(back.data.groups, s.data.groups);
}

framework every_method_framework() {
  framework f;
  f.id = "all-methods";
  f.name = "Tên có \"ngoặc\", \\ gạch, tab\tvà\nxuống dòng 🙂";
  f.description = "null"; // a YAML keyword as text
  f.version = "2024";
  f.display_decimals = 0;
  f.scaling = period_scaling::pooled;
  f.ranking.options.method = rank_method::dense;
  f.ranking.options.order = rank_order::ascending;
  f.ranking.options.round_to = 15;
  f.ranking.group_by = "kind";
  f.bands = {{"top: 1/3", 1.0 / 3}, {"\"mid\"", 1e-300}, {"rest"}};
  auto ind = [&](std::string id, method m) {
    indicator i;
    i.id = std::move(id);
    i.method = std::move(m);
    f.indicators.push_back(i);
    return &f.indicators.back();
  };
  ind("null", normalise::identity{}); // an id that YAML would read as null if unquoted
  ind("i2", normalise::min_max{0.1, 0.7, true})->lower = -0.0;
  ind("i3", normalise::z_score{10, 2.5});
  {
    auto* i = ind("i4", normalise::goalposts{100, true});
    i->lower = 100;
    i->upper = 75000;
  }
  ind("i5", normalise::distance_to_target{false})->target = 123456789.123456789;
  ind("i6", normalise::ratio_to{normalise::reference::mean});
  ind("i7", normalise::difference_from{normalise::reference::worst});
  ind("i8", normalise::fraction_of_max{});
  ind("i9", normalise::rank{});
  ind("i10", normalise::percentile_rank{normalise::percentile_formula::handbook});
  ind("i11", normalise::categorical{{10, 90}, {-1, 0, 1}});
  ind("i12", normalise::above_below_mean{0.05});
  ind("p1", points::binary{0.5})->points = 4;
  ind("p2", points::graded{{{2, 1, "chủ tịch"}, {1, 0.5, ""}, {0, 0, "none"}}})->points = 8;
  {
    auto* i = ind("p3", points::ratio{0.8, false});
    i->points = 6;
    i->denominator = "dossiers";
    i->if_zero_denominator = empty_policy::full;
    i->if_missing_denominator = empty_policy::zero;
  }
  ind("p4", points::ratio{std::nullopt, true})->points = 2;
  ind("p5", points::step_table{{{1, 5}, {2, 10}, {4, 20}}, 0.25})->points = 20;
  ind("p6", points::not_scored{})->points = 0;
  {
    auto* i = ind("x.y-z_1", normalise::min_max{});
    i->direction = -1;
    i->unit = "người/1.000 dân";
    i->column = "raw col, with comma";
    i->scale = 1000;
    i->transform = transform::log1p;
    i->valid_min = 0;
    i->target = 0.1 + 0.2; // 0.30000000000000004
  }
  auto nd = [&](std::string id, aggregation a, std::vector<child> ch) {
    node n;
    n.id = std::move(id);
    n.aggregation = std::move(a);
    n.children = std::move(ch);
    f.nodes.push_back(n);
    return &f.nodes.back();
  };
  nd("n1", aggregate::arithmetic_mean{}, {{"null", 1}, {"i2", 0.1}, {"i3", 0}})->min_coverage =
      2.0 / 3;
  nd("n2", aggregate::weighted_sum{},
     {{"p1", 4}, {"p2", 8}, {"p3", 6}, {"p4", 2}, {"p5", 20}, {"p6", 0}})
      ->cap = 18;
  nd("n3", aggregate::geometric_mean{}, {{"i4", 1}, {"i5", 1}});
  nd("n4", aggregate::harmonic_mean{}, {{"i6", 1}, {"i7", 1}});
  nd("n5", aggregate::generalised_mean{-0.5}, {{"i8", 1}, {"i9", 1}, {"i10", 1}});
  nd("n6", aggregate::minimum{}, {{"i11", 1}, {"i12", 1}, {"x.y-z_1", 1}});
  nd("n7", aggregate::copeland{}, {{"i4", 1}, {"i6", 2}})->weights_from =
      weights::critic_rule_t{{false}};
  nd("n10", aggregate::arithmetic_mean{}, {{"i4", 1}, {"i6", 1}})->weights_from = [] {
    weights::balance_rule_t b;
    b.options.targets = Eigen::Vector2d(0.25, 0.75);
    b.options.method = analysis::correlation_method::spearman;
    return b;
  }();
  nd("n8", aggregate::mazziotta_pareto{1.0, true}, {{"i4", 1}, {"i6", 2}});
  nd("n9", aggregate::adjusted_mazziotta_pareto{-1.0, {0.5, 1}, {1.5, 3}}, {{"i4", 1}, {"i6", 2}});
  nd("top", aggregate::arithmetic_mean{},
     {{"n1", 1e-3},
      {"n2", 1},
      {"n3", 1},
      {"n4", 1},
      {"n5", 1},
      {"n6", 1},
      {"i2", 1},
      {"n7", 1},
      {"n8", 1},
      {"n9", 1},
      {"n10", 1}});
  f.root = "top";
  return f;
}

TEST(spec_write, every_method_round_trips_exactly) {
  const auto f = every_method_framework();
  ASSERT_TRUE(f.problems().empty()) << f.problems().front();
  std::string text;
  const auto back = round_trip(f, &text);
  expect_same(f, back);
  // shortest round-trip text for doubles
  EXPECT_THAT(text, HasSubstr("target: 0.30000000000000004\n"));
  EXPECT_THAT(text, HasSubstr("min: 0.3333333333333333}"));
  EXPECT_THAT(text, HasSubstr("min_coverage: 0.6666666666666666\n"));
  EXPECT_THAT(text, HasSubstr("bounds: [-0, null]"));
  EXPECT_TRUE(std::signbit(*back.indicators[1].lower));
  // UTF-8 untouched, special characters escaped
  EXPECT_THAT(
      text,
      HasSubstr(
          "name: \"Tên có \\\"ngoặc\\\", \\\\ gạch, tab\\tvà\\nxuống dòng 🙂\"\n"));
  EXPECT_THAT(text, HasSubstr("- id: \"null\"\n"));
  // writing what was read gives the same text again
  std::ostringstream again;
  io::write_spec(again, back);
  EXPECT_EQ(again.str(), text);
}

TEST(spec_write, minimal_framework_round_trips) {
  framework f;
  f.id = "flat";
  indicator a;
  a.id = "a";
  f.indicators.push_back(a);
  node n;
  n.id = "n";
  n.children = {{"a", 1}};
  f.nodes.push_back(n);
  std::string text;
  const auto back = round_trip(f, &text);
  expect_same(f, back);
  EXPECT_EQ(text, "# chiso framework spec (schema: docs/spec.md)\n"
                  "chiso: 1\n"
                  "id: flat\n"
                  "indicators:\n"
                  "  - id: a\n"
                  "    method: min_max\n"
                  "nodes:\n"
                  "  - id: n\n"
                  "    method: arithmetic_mean\n"
                  "    children:\n"
                  "      a: 1\n");
}

TEST(spec_write, custom_methods_cannot_be_written) {
  framework f;
  f.id = "c";
  indicator a;
  a.id = "a";
  a.method = custom_method{};
  f.indicators.push_back(a);
  std::ostringstream out;
  EXPECT_THROW(io::write_spec(out, f), usage_error);
  EXPECT_TRUE(out.str().empty()); // nothing half-written
  f.indicators[0].method = normalise::identity{};
  node n;
  n.id = "n";
  n.children = {{"a", 1}};
  n.aggregation = custom_aggregation{};
  f.nodes.push_back(n);
  try {
    io::write_spec(out, f);
    FAIL() << "expected usage_error";
  } catch (const usage_error& e) {
    EXPECT_STREQ(
        e.what(),
        "write_spec: node 'n' uses a custom aggregation, which a spec file cannot express");
  }
}

} // namespace chiso_test::spec_write_test
