// Spec files read (YAML and JSON): every section, method and field.

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

namespace chiso_test::spec_read_test {

namespace {

using namespace chiso;
using namespace chiso_test::spec_support;
using ::testing::HasSubstr;
using ::testing::StartsWith;

} // namespace

TEST(spec_read, fixture_every_section) {
  const auto path = data_dir / "dti_mini.yaml";
  const auto s = io::load_spec(path);
  const auto& f = s.fw;
  EXPECT_EQ(f.id, "dti-mini");
  EXPECT_EQ(f.name, "Bộ chỉ số DTI (thử nghiệm)"); // UTF-8 kept byte for byte
  EXPECT_EQ(f.version, "2022");
  EXPECT_EQ(f.root, "dti");
  EXPECT_EQ(f.display_decimals, 4);
  EXPECT_EQ(f.ranking.options.method, rank_method::competition);
  EXPECT_EQ(f.ranking.options.order, rank_order::descending);
  EXPECT_EQ(f.ranking.options.round_to, 4);
  EXPECT_EQ(f.ranking.group_by, "region");
  ASSERT_EQ(f.bands.size(), 3u);
  EXPECT_EQ(f.bands[0].label, "above 0.40");
  EXPECT_EQ(f.bands[0].min, 0.40);
  EXPECT_EQ(f.bands[1].min, 0.25);
  EXPECT_EQ(f.bands[2].min, -std::numeric_limits<double>::infinity()); // catch-all

  // sample: resolved next to the spec file
  ASSERT_TRUE(s.sample);
  EXPECT_EQ(s.sample->file, data_dir / "dti_mini.sample.csv");
  EXPECT_TRUE(s.sample->synthetic);
  EXPECT_EQ(s.sample->note, "3 provinces, invented values");
  EXPECT_EQ(s.source, path);
  EXPECT_EQ(s.dir, data_dir);
  // data layout: the ranking group column is added to the groups to read
  EXPECT_EQ(s.data.unit_column, "province");
  EXPECT_EQ(s.data.name_column, "province_name");
  EXPECT_EQ(s.data.groups, (std::vector<std::string>{"kind", "region"}));
  const auto wo = io::wide_options_of(s.data);
  EXPECT_EQ(wo.unit_column, "province");
  EXPECT_EQ(wo.group_columns, s.data.groups);

  ASSERT_EQ(f.indicators.size(), 4u);
  const auto& aw = f.indicators[0];
  EXPECT_EQ(aw.name, "Nhận thức số");
  EXPECT_EQ(aw.unit, "share");
  EXPECT_TRUE(std::holds_alternative<normalise::identity>(aw.method)); // from defaults
  EXPECT_EQ(aw.valid_min, 0.0);                                        // from defaults
  EXPECT_EQ(aw.valid_max, 1.0);
  EXPECT_EQ(aw.origin, path.string() + ":31"); // "  - id: awareness" is line 31
  const auto& gov = f.indicators[2];
  ASSERT_TRUE(std::holds_alternative<points::ratio>(gov.method));
  EXPECT_EQ(std::get<points::ratio>(gov.method).threshold, 0.8);
  EXPECT_EQ(gov.points, 1.0);
  EXPECT_EQ(gov.column, "gov_done");
  EXPECT_EQ(gov.denominator, "gov_total");
  EXPECT_EQ(gov.if_zero_denominator, empty_policy::full);
  EXPECT_EQ(gov.if_missing_denominator, empty_policy::zero);
  EXPECT_EQ(gov.valid_min, 0.0);
  EXPECT_FALSE(gov.valid_max); // [0, null] overrides the default [0, 1]
  const auto& ec = f.indicators[3];
  EXPECT_EQ(ec.direction, -1); // lower_is_better
  EXPECT_EQ(ec.lower, 0.0);
  EXPECT_EQ(ec.upper, 10.0);
  EXPECT_EQ(ec.transform, transform::log1p);
  EXPECT_TRUE(std::get<normalise::min_max>(ec.method).clamp);

  ASSERT_EQ(f.nodes.size(), 3u);
  // the DAG: awareness and institutions are children of both pillars
  EXPECT_EQ(f.nodes[0].children[0].id, "awareness");
  EXPECT_EQ(f.nodes[1].children[0].id, "awareness");
  EXPECT_TRUE(std::holds_alternative<aggregate::weighted_sum>(f.nodes[0].aggregation)); // default
  EXPECT_EQ(f.nodes[0].min_coverage, 0.5);                                              // default
  EXPECT_TRUE(std::holds_alternative<aggregate::arithmetic_mean>(f.nodes[2].aggregation));
  EXPECT_EQ(f.nodes[2].min_coverage, 0.0); // overrides the default 0.5
  EXPECT_EQ(f.nodes[2].cap, 1.0);
  EXPECT_EQ(f.nodes[2].origin, path.string() + ":60");
}

TEST(spec_read, json_equals_yaml) {
  const auto y = io::load_spec(data_dir / "dti_mini.yaml");
  const auto j = io::load_spec(data_dir / "dti_mini.json");
  expect_same(y.fw, j.fw);
  EXPECT_EQ(j.data.groups, y.data.groups);
  ASSERT_TRUE(j.sample);
  EXPECT_EQ(j.sample->file, y.sample->file);
  EXPECT_EQ(j.fw.indicators[0].origin, (data_dir / "dti_mini.json").string() + ":22");
}

TEST(spec_read, children_three_forms_keep_order_and_weights) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators: [{id: a}, {id: b}, {id: c}]
nodes:
  - id: as_map
    children: {c: 3, a: 0.5}
  - id: as_ids
    children: [b, c]
  - id: as_maps
    children:
      - {id: b, weight: 2}
      - {id: a}
  - id: top
    children: [as_map, as_ids, as_maps]
)",
                                "t.yaml");
  const auto& n = f.nodes;
  ASSERT_EQ(n[0].children.size(), 2u);
  EXPECT_EQ(n[0].children[0].id, "c"); // file order, not sorted
  EXPECT_EQ(n[0].children[0].weight, 3.0);
  EXPECT_EQ(n[0].children[1].weight, 0.5);
  EXPECT_EQ(n[1].children[0].id, "b");
  EXPECT_EQ(n[1].children[0].weight, 1.0); // list of ids: weight 1 each
  EXPECT_EQ(n[1].children[1].weight, 1.0);
  EXPECT_EQ(n[2].children[0].weight, 2.0);
  EXPECT_EQ(n[2].children[1].id, "a");
  EXPECT_EQ(n[2].children[1].weight, 1.0); // weight omitted: 1
  EXPECT_EQ(f.root_id(), "top");
}

TEST(spec_read, short_method_names_give_default_parameters) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators:
  - {id: a}
  - {id: b, method: z_score}
  - {id: c, method: categorical}
  - {id: d, method: percentile_rank}
  - {id: e, method: ratio, points: 2}
nodes: [{id: n, method: generalised_mean, children: [a, b, c, d, e]}]
)",
                                "t.yaml");
  const auto& mm = std::get<normalise::min_max>(f.indicators[0].method); // no method: min_max
  EXPECT_EQ(mm.lo, 0.0);
  EXPECT_EQ(mm.hi, 1.0);
  EXPECT_FALSE(mm.clamp);
  EXPECT_EQ(std::get<normalise::z_score>(f.indicators[1].method).sd, 1.0);
  EXPECT_EQ(std::get<normalise::categorical>(f.indicators[2].method).cuts,
            (std::vector<double>{5, 15, 35, 65, 85, 95}));
  EXPECT_EQ(std::get<normalise::percentile_rank>(f.indicators[3].method).formula,
            normalise::percentile_formula::coinr);
  EXPECT_FALSE(std::get<points::ratio>(f.indicators[4].method).threshold);
  EXPECT_TRUE(std::get<points::ratio>(f.indicators[4].method).cap);
  EXPECT_EQ(std::get<aggregate::generalised_mean>(f.nodes[0].aggregation).p, 1.0);
}

TEST(spec_read, every_normalisation_with_parameters) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators:
  - {id: i1, method: identity}
  - {id: i2, method: {type: min_max, lo: 1, hi: 100, clamp: true}}
  - {id: i3, method: {type: z_score, mean: 10, sd: 2}}
  - {id: i4, method: {type: goalposts, scale: 100, log: true}, bounds: [100, 75000]}
  - {id: i5, method: {type: distance_to_target, cap: false}, target: 0.8}
  - {id: i6, method: {type: ratio_to, reference: worst}}
  - {id: i7, method: {type: difference_from, reference: worst}}
  - {id: i8, method: fraction_of_max}
  - {id: i9, method: rank}
  - {id: i10, method: {type: percentile_rank, formula: handbook}}
  - {id: i11, method: {type: categorical, cuts: [25, 75], values: [0, 50, 100]}}
  - {id: i12, method: {type: above_below_mean, p: 0.1}}
nodes: [{id: n, children: [i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12]}]
)",
                                "t.yaml");
  const auto& in = f.indicators;
  ASSERT_EQ(in.size(), 12u);
  EXPECT_TRUE(std::holds_alternative<normalise::identity>(in[0].method));
  const auto& mm = std::get<normalise::min_max>(in[1].method);
  EXPECT_EQ(std::make_tuple(mm.lo, mm.hi, mm.clamp), std::make_tuple(1.0, 100.0, true));
  const auto& z = std::get<normalise::z_score>(in[2].method);
  EXPECT_EQ(std::make_pair(z.mean, z.sd), std::make_pair(10.0, 2.0));
  const auto& g = std::get<normalise::goalposts>(in[3].method);
  EXPECT_EQ(g.scale, 100.0);
  EXPECT_TRUE(g.log);
  EXPECT_EQ(in[3].lower, 100.0);
  EXPECT_EQ(in[3].upper, 75000.0);
  EXPECT_FALSE(std::get<normalise::distance_to_target>(in[4].method).cap);
  EXPECT_EQ(in[4].target, 0.8);
  EXPECT_EQ(std::get<normalise::ratio_to>(in[5].method).reference, normalise::reference::worst);
  EXPECT_EQ(std::get<normalise::difference_from>(in[6].method).reference,
            normalise::reference::worst);
  EXPECT_TRUE(std::holds_alternative<normalise::fraction_of_max>(in[7].method));
  EXPECT_TRUE(std::holds_alternative<normalise::rank>(in[8].method));
  EXPECT_EQ(std::get<normalise::percentile_rank>(in[9].method).formula,
            normalise::percentile_formula::handbook);
  const auto& c = std::get<normalise::categorical>(in[10].method);
  EXPECT_EQ(c.cuts, (std::vector<double>{25, 75}));
  EXPECT_EQ(c.values, (std::vector<double>{0, 50, 100}));
  EXPECT_EQ(std::get<normalise::above_below_mean>(in[11].method).p, 0.1);
}

TEST(spec_read, every_point_rule_with_parameters) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators:
  - {id: p1, points: 10, method: {type: binary, threshold: 2}}
  - id: p2
    points: 20
    method:
      type: graded
      grades:
        - {code: 2, fraction: 1, label: "chủ tịch"}
        - {code: 1, fraction: 0.5}
        - {code: 0, fraction: 0, label: none}
  - {id: p3, points: 6, method: {type: ratio, threshold: 0.8, cap: false}}
  - id: p4
    points: 20
    method:
      type: step_table
      below: 1
      steps: [{at_least: 1, points: 5}, {at_least: 2, points: 10}, {at_least: 4, points: 20}]
  - {id: p5, points: 0, method: not_scored}
nodes: [{id: n, method: sum, children: [p1, p2, p3, p4, p5]}]
)",
                                "t.yaml");
  const auto& in = f.indicators;
  EXPECT_EQ(std::get<points::binary>(in[0].method).threshold, 2.0);
  EXPECT_EQ(in[0].points, 10.0);
  const auto& g = std::get<points::graded>(in[1].method).grades;
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].code, 2.0);
  EXPECT_EQ(g[0].fraction, 1.0);
  EXPECT_EQ(g[0].label, "chủ tịch");
  EXPECT_EQ(g[1].fraction, 0.5);
  EXPECT_EQ(g[1].label, "");
  EXPECT_EQ(g[2].label, "none");
  const auto& r = std::get<points::ratio>(in[2].method);
  EXPECT_EQ(r.threshold, 0.8);
  EXPECT_FALSE(r.cap);
  const auto& st = std::get<points::step_table>(in[3].method);
  ASSERT_EQ(st.steps.size(), 3u);
  EXPECT_EQ(st.steps[2].at_least, 4.0);
  EXPECT_EQ(st.steps[2].points, 20.0);
  EXPECT_EQ(st.below, 1.0);
  EXPECT_TRUE(std::holds_alternative<points::not_scored>(in[4].method));
}

TEST(spec_read, every_aggregation) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators: [{id: a}, {id: b}]
nodes:
  - {id: n1, method: arithmetic_mean, children: [a, b]}
  - {id: n2, method: sum, children: [a, b]}
  - {id: n3, method: geometric_mean, children: [a, b]}
  - {id: n4, method: harmonic_mean, children: [a, b]}
  - {id: n5, method: {type: generalised_mean, p: -2.5}, children: [a, b]}
  - {id: n6, method: {type: minimum}, children: [a, b]}
  - {id: n7, method: copeland, children: [a, b]}
  - {id: n8, method: {type: mazziotta_pareto, penalty_sign: 1, sample_sd: true}, children: [a, b]}
  - {id: n9, method: {type: adjusted_mazziotta_pareto, lower: [0, 1], upper: [10, 2]},
     children: [a, b]}
  - {id: top, children: [n1, n2, n3, n4, n5, n6, n7, n8, n9]}
)",
                                "t.yaml");
  const auto& n = f.nodes;
  EXPECT_TRUE(std::holds_alternative<aggregate::arithmetic_mean>(n[0].aggregation));
  EXPECT_TRUE(std::holds_alternative<aggregate::weighted_sum>(n[1].aggregation));
  EXPECT_TRUE(std::holds_alternative<aggregate::geometric_mean>(n[2].aggregation));
  EXPECT_TRUE(std::holds_alternative<aggregate::harmonic_mean>(n[3].aggregation));
  EXPECT_EQ(std::get<aggregate::generalised_mean>(n[4].aggregation).p, -2.5);
  EXPECT_TRUE(std::holds_alternative<aggregate::minimum>(n[5].aggregation));
  EXPECT_TRUE(std::holds_alternative<aggregate::copeland>(n[6].aggregation));
  EXPECT_EQ(std::get<aggregate::mazziotta_pareto>(n[7].aggregation).penalty_sign, 1.0);
  EXPECT_TRUE(std::get<aggregate::mazziotta_pareto>(n[7].aggregation).sample_sd);
  EXPECT_EQ(std::get<aggregate::adjusted_mazziotta_pareto>(n[8].aggregation).upper,
            (std::vector<double>{10, 2}));
  EXPECT_TRUE(std::holds_alternative<aggregate::arithmetic_mean>(n[9].aggregation)); // default
}

TEST(spec_read, indicator_fields_and_directions) {
  const auto s = io::parse_spec_text(R"(chiso: 1
id: flat
indicators:
  - {id: a, direction: -1, scale: 1000, denominator: pop, transform: log10, target: 5,
     valid: [null, 100], bounds: [null, 50]}
  - {id: b, direction: higher_is_better, column: b_raw}
  - {id: c, direction: +1}
nodes:
  - {id: idx, children: [a, b, c]}
)",
                                     "t.yaml");
  const auto& a = s.fw.indicators[0];
  EXPECT_EQ(a.direction, -1);
  EXPECT_EQ(a.scale, 1000.0);
  EXPECT_EQ(a.denominator, "pop");
  EXPECT_EQ(a.transform, transform::log10);
  EXPECT_EQ(a.target, 5.0);
  EXPECT_FALSE(a.valid_min);
  EXPECT_EQ(a.valid_max, 100.0);
  EXPECT_FALSE(a.lower);
  EXPECT_EQ(a.upper, 50.0);
  EXPECT_EQ(s.fw.indicators[1].direction, 1);
  EXPECT_EQ(s.fw.indicators[1].source(), "b_raw");
  EXPECT_EQ(s.fw.indicators[2].direction, 1);
  EXPECT_EQ(s.fw.nodes.size(), 1u);
  EXPECT_FALSE(s.sample);
  EXPECT_EQ(s.data.unit_column, "unit"); // defaults of the data section
  EXPECT_EQ(s.data.name_column, "name");
  EXPECT_TRUE(s.data.groups.empty());
}

// ---------------------------------------------------------------------------------------------
// Errors: each with its exact position
// ---------------------------------------------------------------------------------------------

TEST(spec_read, node_weights_from_data) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
root: top
defaults: {node: {weights: entropy}}
indicators: [{id: a}, {id: b}]
nodes:
  - {id: n1, weights: {type: pca, rule: loadings}, children: [a, b]}
  - {id: n2, weights: {type: correlation_balance, targets: [1, 3], objective: infomax}, children: [a, b]}
  - {id: top, weights: null, children: [n1, n2]}
  - {id: n3, children: [a, b]}
)",
                                "t.yaml");
  ASSERT_TRUE(f.nodes[0].weights_from);
  EXPECT_EQ(std::get<weights::pca_rule_t>(*f.nodes[0].weights_from).options.rule,
            weights::pca_rule::loadings);
  const auto& b = std::get<weights::balance_rule_t>(*f.nodes[1].weights_from);
  EXPECT_EQ(b.options.targets.size(), 2);
  EXPECT_EQ(b.options.objective, weights::balance_objective::infomax);
  EXPECT_FALSE(f.nodes[2].weights_from); // null overrides the default
  ASSERT_TRUE(f.nodes[3].weights_from);
  EXPECT_EQ(name_of(*f.nodes[3].weights_from), "entropy"); // the default
  // "  - {id: n, weights: equal, children: [a]}": 'equal' at column 22
  EXPECT_THAT(error_of("chiso: 1\nid: x\nindicators: [{id: a}]\nnodes:\n"
                       "  - {id: n, weights: equal, children: [a]}\n"),
              StartsWith("t.yaml:5:22: node 'n': unknown weights rule 'equal' (known: pca, "
                         "entropy, critic, correlation_balance)"));
}

TEST(spec_read, periods_scaling) {
  const char* head = "chiso: 1\nid: x\nindicators: [{id: a}]\nnodes: [{id: n, children: [a]}]\n";
  EXPECT_EQ(io::parse_spec(head, "t.yaml").scaling, period_scaling::per_period);
  EXPECT_EQ(io::parse_spec(std::string(head) + "periods: {scaling: pooled}\n", "t.yaml").scaling,
            period_scaling::pooled);
  // line 5 "periods: {scaling: pool}": the value starts at column 20
  EXPECT_THAT(error_of(std::string(head) + "periods: {scaling: pool}\n"),
              StartsWith("t.yaml:5:20: periods: 'scaling': "));
}

TEST(spec_read, targets_on_indicators_and_nodes) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
indicators:
  - id: online
    targets: [{value: 80, deadline: 2025}, {value: 100, deadline: 2030, baseline: 40, cap: true}]
  - id: days
    direction: lower_is_better
    targets:
      - {value: 5, deadline: 2026, projection: compound, min_observations: 3}
      - {value: 0.8, deadline: 2026, of: score}
nodes:
  - id: top
    children: [online, days]
    targets: [{value: 0.5, deadline: 2030, direction: -1, projection: last_two}]
)",
                                "t.yaml");
  const auto& on = f.indicators[0].targets;
  ASSERT_EQ(on.size(), 2u);
  EXPECT_EQ(on[0].goal.value, 80);
  EXPECT_EQ(on[0].goal.deadline, 2025);
  EXPECT_FALSE(on[0].goal.baseline);
  EXPECT_EQ(on[0].of, time::target_of::value);
  EXPECT_EQ(on[0].options.direction, 1);
  EXPECT_FALSE(on[0].options.cap);
  EXPECT_EQ(on[0].options.projection, time::projection_method::least_squares);
  EXPECT_EQ(on[0].options.min_observations, 2u);
  EXPECT_EQ(on[1].goal.baseline, 40.0);
  EXPECT_TRUE(on[1].options.cap);
  const auto& days = f.indicators[1].targets;
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].options.direction, -1); // the indicator's direction, for its value
  EXPECT_EQ(days[0].options.projection, time::projection_method::compound);
  EXPECT_EQ(days[0].options.min_observations, 3u);
  EXPECT_EQ(days[1].of, time::target_of::score);
  EXPECT_EQ(days[1].options.direction, 1); // scores are higher-is-better
  const auto& top = f.nodes[0].targets;
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].of, time::target_of::score);
  EXPECT_EQ(top[0].options.direction, -1);
  EXPECT_EQ(top[0].options.projection, time::projection_method::last_two);
  expect_same(f, round_trip(f));
}

TEST(spec_read, merge_rules_with_default) {
  const auto f = io::parse_spec(R"(chiso: 1
id: x
defaults: {indicator: {merge: sum}}
indicators:
  - {id: a}
  - {id: b, merge: mean}
  - {id: c, merge: {weighted_mean: population}}
  - {id: d, merge: {rule: max, missing: skip}}
  - {id: e, merge: {weighted_mean: pop, missing: skip}}
nodes: [{id: n, children: [a, b, c, d, e]}]
)",
                                "t.yaml");
  using time::combine_rule;
  EXPECT_EQ(f.indicators[0].merge.rule, combine_rule::sum); // the spec's default
  EXPECT_EQ(f.indicators[1].merge.rule, combine_rule::mean);
  EXPECT_EQ(f.indicators[2].merge.rule, combine_rule::weighted_mean);
  EXPECT_EQ(f.indicators[2].merge.weight, "population");
  EXPECT_EQ(f.indicators[2].merge.missing, time::missing_predecessors::missing_if_any);
  EXPECT_EQ(f.indicators[3].merge.rule, combine_rule::max);
  EXPECT_EQ(f.indicators[3].merge.missing, time::missing_predecessors::skip);
  EXPECT_EQ(f.indicators[4].merge.weight, "pop");
  EXPECT_EQ(f.indicators[4].merge.missing, time::missing_predecessors::skip);
  // Without any merge key: the mean (DTI 2024 practice).
  EXPECT_EQ(io::parse_spec("chiso: 1\nid: x\nindicators: [{id: a}]\nnodes: [{id: n, children: "
                           "[a]}]\n",
                           "t.yaml")
                .indicators[0]
                .merge.rule,
            combine_rule::mean);
  expect_same(f, round_trip(f));
}

} // namespace chiso_test::spec_read_test
