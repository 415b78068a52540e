// Spec files: reading (YAML and JSON), every error class with its exact position, and the
// write -> read round trip. Positions in expected messages were counted by hand on the text
// of each test (1-based line:column, columns in characters).

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

namespace chiso_test::spec_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::filesystem::path data_dir = std::filesystem::path(CHISO_SOURCE_DIR) / "tests/data/spec";

/// The message of the input_error thrown by parsing `text` as "t.yaml".
std::string error_of(std::string_view text) {
  try {
    (void)io::parse_spec(text, "t.yaml");
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

std::string file_error_of(const std::filesystem::path& p) {
  try {
    (void)io::read_spec(p);
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

// ---- framework equality (every field, every method parameter; origins ignored) ----------

template <class Variant> bool same_alternative(const Variant& a, const Variant& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return param::equal(x, std::get<T>(b));
      },
      a);
}

void expect_same_targets(const std::vector<time::tracked_target>& a,
                         const std::vector<time::tracked_target>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].goal.value, b[k].goal.value);
    EXPECT_EQ(a[k].goal.deadline, b[k].goal.deadline);
    EXPECT_EQ(a[k].goal.baseline, b[k].goal.baseline);
    EXPECT_EQ(a[k].of, b[k].of);
    EXPECT_EQ(a[k].options.direction, b[k].options.direction);
    EXPECT_EQ(a[k].options.cap, b[k].options.cap);
    EXPECT_EQ(a[k].options.projection, b[k].options.projection);
    EXPECT_EQ(a[k].options.min_observations, b[k].options.min_observations);
  }
}

void expect_same(const framework& a, const framework& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.root, b.root);
  EXPECT_EQ(a.display_decimals, b.display_decimals);
  EXPECT_EQ(a.scaling, b.scaling);
  EXPECT_EQ(a.ranking.options.method, b.ranking.options.method);
  EXPECT_EQ(a.ranking.options.order, b.ranking.options.order);
  EXPECT_EQ(a.ranking.options.round_to, b.ranking.options.round_to);
  EXPECT_EQ(a.ranking.group_by, b.ranking.group_by);
  ASSERT_EQ(a.bands.size(), b.bands.size());
  for (std::size_t k = 0; k < a.bands.size(); ++k) {
    EXPECT_EQ(a.bands[k].label, b.bands[k].label);
    EXPECT_EQ(a.bands[k].min, b.bands[k].min);
  }
  ASSERT_EQ(a.indicators.size(), b.indicators.size());
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto &x = a.indicators[k], &y = b.indicators[k];
    SCOPED_TRACE("indicator " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.unit, y.unit);
    EXPECT_EQ(x.direction, y.direction);
    EXPECT_EQ(x.lower, y.lower);
    EXPECT_EQ(x.upper, y.upper);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.points, y.points);
    EXPECT_EQ(x.column, y.column);
    EXPECT_EQ(x.denominator, y.denominator);
    EXPECT_EQ(x.scale, y.scale);
    EXPECT_EQ(x.transform, y.transform);
    EXPECT_EQ(x.if_zero_denominator, y.if_zero_denominator);
    EXPECT_EQ(x.if_missing_denominator, y.if_missing_denominator);
    EXPECT_EQ(x.valid_min, y.valid_min);
    EXPECT_EQ(x.valid_max, y.valid_max);
    EXPECT_TRUE(x.merge == y.merge);
    expect_same_targets(x.targets, y.targets);
    EXPECT_TRUE(same_alternative(x.method, y.method))
        << name_of(x.method) << " vs " << name_of(y.method);
  }
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (std::size_t k = 0; k < a.nodes.size(); ++k) {
    const auto &x = a.nodes[k], &y = b.nodes[k];
    SCOPED_TRACE("node " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.min_coverage, y.min_coverage);
    EXPECT_EQ(x.cap, y.cap);
    expect_same_targets(x.targets, y.targets);
    EXPECT_TRUE(same_alternative(x.aggregation, y.aggregation));
    ASSERT_EQ(x.weights_from.has_value(), y.weights_from.has_value());
    if (x.weights_from) {
      EXPECT_TRUE(same_alternative(*x.weights_from, *y.weights_from));
    }
    ASSERT_EQ(x.children.size(), y.children.size());
    for (std::size_t c = 0; c < x.children.size(); ++c) {
      EXPECT_EQ(x.children[c].id, y.children[c].id);
      EXPECT_EQ(x.children[c].weight, y.children[c].weight);
    }
  }
}

framework round_trip(const framework& f, std::string* text = nullptr) {
  std::ostringstream out;
  io::write_spec(out, f);
  if (text) *text = out.str();
  return io::parse_spec(out.str(), "written.yaml");
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

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

TEST(spec_errors, unknown_key_names_position_allowed_keys_and_hint) {
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - id: awareness\n    directon: 1\n"),
            "t.yaml:5:5: indicator 'awareness': unknown key 'directon' (allowed: id, name, unit, "
            "direction, method, bounds, target, points, column, denominator, scale, transform, "
            "valid, if_zero_denominator, if_missing_denominator, impute, treat, targets, merge); "
            "did you mean "
            "'direction'?");
}

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

TEST(spec_errors, targets) {
  const std::string head = "chiso: 1\nid: x\nnodes: [{id: n, children: [a]}]\nindicators:\n";
  // line 5 "  - {id: a, targets: [{value: 80}]}": the target map starts at column 23
  EXPECT_EQ(error_of(head + "  - {id: a, targets: [{value: 80}]}\n"),
            "t.yaml:5:23: indicator 'a': 'targets'[0]: missing required key 'deadline'");
  // "  - {id: a, targets: [{value: 80, deadline: 2030, of: raw}]}": 'raw' at column 55
  EXPECT_EQ(error_of(head + "  - {id: a, targets: [{value: 80, deadline: 2030, of: raw}]}\n"),
            "t.yaml:5:55: indicator 'a': 'targets'[0]: 'of': unknown value 'raw' (allowed: "
            "value, score)");
  // "  - {id: a, targets: [{value: 80, dealine: 2030}]}": the key at column 35
  EXPECT_THAT(error_of(head + "  - {id: a, targets: [{value: 80, dealine: 2030}]}\n"),
              HasSubstr("t.yaml:5:35: indicator 'a': 'targets'[0]: unknown key 'dealine' "
                        "(allowed: value, deadline, baseline, of, direction, cap, projection, "
                        "min_observations); did you mean 'deadline'?"));
  // "  - {id: a, targets: [{value: 1, deadline: 9, min_observations: 1}]}": 1 at column 65
  EXPECT_EQ(
      error_of(head + "  - {id: a, targets: [{value: 1, deadline: 9, min_observations: 1}]}\n"),
      "t.yaml:5:65: indicator 'a': 'targets'[0]: 'min_observations': must be at least 2 "
      "(a projection needs two points), got '1'");
  EXPECT_EQ(error_of(head + "  - {id: a, targets: {value: 1, deadline: 9}}\n"),
            "t.yaml:5:22: indicator 'a': 'targets': expected a list, got a map");
  // Semantic: the value must be > 0 (attainment divides by it); origin = the indicator's line.
  EXPECT_EQ(error_of(head + "  - {id: a, targets: [{value: 0, deadline: 2030}]}\n"),
            "t.yaml:5: indicator 'a': targets[0]: value must be a finite number > 0, got 0");
  EXPECT_EQ(error_of(head + "  - {id: a, targets: [{value: 5, deadline: 2030, baseline: 5}]}\n"),
            "t.yaml:5: indicator 'a': targets[0]: baseline 5 equals the target value (progress "
            "would divide by 0)");
  // 'of' is an indicator key only.
  EXPECT_THAT(error_of("chiso: 1\nid: x\nindicators: [{id: a}]\n"
                       "nodes: [{id: n, children: [a], targets: [{value: 1, deadline: 2, of: "
                       "score}]}]\n"),
              HasSubstr("node 'n': 'targets'[0]: unknown key 'of'"));
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

TEST(spec_errors, merge_rules) {
  const std::string head = "chiso: 1\nid: x\nnodes: [{id: n, children: [a]}]\nindicators:\n";
  // "  - {id: a, merge: median}": 'median' at column 20
  EXPECT_EQ(error_of(head + "  - {id: a, merge: median}\n"),
            "t.yaml:5:20: indicator 'a': 'merge': unknown value 'median' (allowed: mean, sum, "
            "weighted_mean, min, max, first); did you mean 'mean'?");
  EXPECT_EQ(error_of(head + "  - {id: a, merge: weighted_mean}\n"),
            "t.yaml:5:20: indicator 'a': 'merge': weighted_mean needs its weight column: write "
            "{weighted_mean: COLUMN} (e.g. {weighted_mean: population})");
  // "  - {id: a, merge: {rule: sum, wieght: p}}": the key at column 32
  EXPECT_THAT(error_of(head + "  - {id: a, merge: {rule: sum, wieght: p}}\n"),
              StartsWith("t.yaml:5:32: indicator 'a': 'merge': unknown key 'wieght' (allowed: "
                         "rule, weight, missing, weighted_mean); did you mean 'weight'?"));
  EXPECT_EQ(error_of(head + "  - {id: a, merge: {rule: sum, weight: p}}\n"),
            "t.yaml:5:20: indicator 'a': 'merge': 'weight' is for weighted_mean only (rule sum)");
  EXPECT_EQ(error_of(head + "  - {id: a, merge: {rule: weighted_mean}}\n"),
            "t.yaml:5:20: indicator 'a': 'merge': weighted_mean needs its weight column "
            "('weight: COLUMN')");
  // "  - {id: a, merge: {rule: mean, missing: some}}": 'some' at column 42
  EXPECT_EQ(error_of(head + "  - {id: a, merge: {rule: mean, missing: some}}\n"),
            "t.yaml:5:42: indicator 'a': 'merge': 'missing': unknown value 'some' (allowed: "
            "missing_if_any, skip)");
}

TEST(spec_errors, wrong_type_integer) {
  // line 3 "display_decimals: four": the value starts at column 19
  EXPECT_EQ(error_of("chiso: 1\nid: x\ndisplay_decimals: four\nindicators: [{id: a}]\n"),
            "t.yaml:3:19: 'display_decimals': expected an integer, got 'four'");
  EXPECT_EQ(error_of("chiso: 1\nid: x\ndisplay_decimals: 2.5\nindicators: [{id: a}]\n"),
            "t.yaml:3:19: 'display_decimals': expected an integer, got '2.5'");
}

TEST(spec_errors, wrong_type_number_list_map_and_quoted_number) {
  // "  - {id: a, points: abc}": 'abc' at column 21
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, points: abc}\n"),
            "t.yaml:4:21: indicator 'a': 'points': expected a number, got 'abc'");
  // "  - {id: a, target: \"0.8\"}": the quoted text at column 21
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, target: \"0.8\"}\n"),
            "t.yaml:4:21: indicator 'a': 'target': expected a number, got the quoted text "
            "'0.8' (write numbers without quotes)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators: {a: 1}\n"),
            "t.yaml:3:13: 'indicators': expected a list, got a map");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, bounds: [0]}\n"),
            "t.yaml:4:21: indicator 'a': 'bounds': expected a list [lower, upper] (null for an "
            "open end), got a list of 1 items");
}

TEST(spec_errors, yaml_syntax_errors_with_position) {
  // "id: x: y": the second ':' is at column 6
  EXPECT_EQ(error_of("chiso: 1\nid: x: y\n"), "t.yaml:2:6: YAML syntax error: illegal map value");
  // "id: [a, b}": '}' at column 10
  EXPECT_EQ(error_of("chiso: 1\nid: [a, b}\n"), "t.yaml:2:10: YAML syntax error: illegal flow end");
  // A file cut inside a quoted name: line 5 is `    name: "unterminated`, the quote at column 11
  const auto p = data_dir / "syntax_error.yaml";
  EXPECT_EQ(file_error_of(p), p.string() + ":5:11: YAML syntax error: quoted text is never "
                                           "closed (is the file truncated?)");
}

TEST(spec_errors, missing_required_keys) {
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - name: \"no id\"\n"),
            "t.yaml:4:5: indicator #1: missing required key 'id'");
  // both top-level keys missing: reported together, at the start of the top map
  EXPECT_EQ(error_of("chiso: 1\nname: y\n"), "t.yaml: 2 errors in the spec:\n"
                                             "  t.yaml:1:1: missing required key 'id'\n"
                                             "  t.yaml:1:1: missing required key 'indicators'");
  EXPECT_EQ(error_of("id: x\nindicators: [{id: a}]\n"), "t.yaml:1:1: missing required key 'chiso'");
  // a node without children; a graded rule without grades
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators: [{id: a}]\nnodes:\n  - id: n\n"),
            "t.yaml:5:5: node 'n': missing required key 'children'");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, method: {type: graded}}\n"),
            "t.yaml:4:21: indicator 'a': method 'graded': missing required key 'grades': the "
            "recorded codes and the share of points each earns");
}

TEST(spec_errors, unknown_method_lists_known_ones) {
  // "    method: minmax": the value at column 13
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - id: a\n    method: minmax\n"),
            "t.yaml:5:13: indicator 'a': unknown method 'minmax' (known: min_max, identity, "
            "z_score, goalposts, distance_to_target, ratio_to, difference_from, fraction_of_max, "
            "rank, percentile_rank, categorical, above_below_mean, binary, graded, ratio, "
            "step_table, not_scored); did you mean 'min_max'?");
  // "  - {id: n, method: {type: mean}, children: [a]}": 'mean' at column 28
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators: [{id: a}]\nnodes:\n"
                     "  - {id: n, method: {type: mean}, children: [a]}\n"),
            "t.yaml:5:28: node 'n': unknown aggregation 'mean' (known: arithmetic_mean, sum, "
            "geometric_mean, harmonic_mean, generalised_mean, minimum, copeland, mazziotta_pareto, "
            "adjusted_mazziotta_pareto, benefit_of_the_doubt)");
}

TEST(spec_errors, unknown_method_parameter) {
  // "    method: {type: min_max, low: 0}": 'low' at column 29
  EXPECT_EQ(
      error_of("chiso: 1\nid: x\nindicators:\n  - id: a\n    method: {type: min_max, low: 0}\n"),
      "t.yaml:5:29: indicator 'a': method 'min_max': unknown parameter 'low' (allowed: "
      "type, lo, hi, clamp); did you mean 'lo'?");
  // a parameter of the wrong type inside a step table: `      - {at_least: x, points: 5}`
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - id: a\n    points: 5\n"
                     "    method:\n      type: step_table\n      steps:\n"
                     "        - {at_least: x, points: 5}\n"),
            "t.yaml:9:22: indicator 'a': method 'step_table': 'steps'[0]: 'at_least': expected "
            "a number, got 'x'");
}

TEST(spec_errors, bad_enum_values) {
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, transform: ln}\n"),
            "t.yaml:4:24: indicator 'a': 'transform': unknown value 'ln' (allowed: none, log, "
            "log10, log1p)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nranking: {method: olympic}\nindicators: [{id: a}]\n"),
            "t.yaml:3:19: ranking: 'method': unknown value 'olympic' (allowed: competition, "
            "dense, average, ordinal)");
  // difference_from takes mean or worst only
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n"
                     "  - {id: a, method: {type: difference_from, reference: best}}\n"),
            "t.yaml:4:56: indicator 'a': method 'difference_from': 'reference': unknown value "
            "'best' (allowed: mean, worst)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, direction: 2}\n"),
            "t.yaml:4:24: indicator 'a': 'direction': expected 1, -1, higher_is_better or "
            "lower_is_better, got '2'");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, if_zero_denominator: skip}\n"),
            "t.yaml:4:34: indicator 'a': 'if_zero_denominator': unknown value 'skip' "
            "(allowed: missing, zero, full)");
}

TEST(spec_errors, many_structural_errors_gathered_in_file_order) {
  const std::string text = R"(chiso: 1
id: x
indicators:
  - id: a
    nmae: "A"
  - id: b
    method: {type: z_score, sd: wide}
  - id: "bad id"
nodes:
  - id: n
    children: {a: 1, ghost: 1}
display_decimals: 99
)";
  // nmae at 5:5; 'wide' at 7:33; "bad id" at 8:9; ghost at 11:22; 99 at 12:19
  EXPECT_EQ(error_of(text),
            "t.yaml: 5 errors in the spec:\n"
            "  t.yaml:5:5: indicator 'a': unknown key 'nmae' (allowed: id, name, unit, "
            "direction, method, bounds, target, points, column, denominator, scale, transform, "
            "valid, if_zero_denominator, if_missing_denominator, impute, treat, targets, merge); "
            "did you mean 'name'?\n"
            "  t.yaml:7:33: indicator 'b': method 'z_score': 'sd': expected a number, got 'wide'\n"
            "  t.yaml:8:9: indicator #3: 'id': id 'bad id' may only hold letters A-Z a-z, "
            "digits, '_', '.' and '-'\n"
            "  t.yaml:11:22: node 'n': 'children': unknown child 'ghost' (not an indicator or "
            "node id)\n"
            "  t.yaml:12:19: 'display_decimals': must be in [0, 15], got '99'");
}

TEST(spec_errors, semantic_problems_all_listed_with_origins) {
  const auto p = data_dir / "problems.yaml";
  const auto msg = file_error_of(p);
  const auto src = p.string();
  EXPECT_THAT(msg, StartsWith(src + ": invalid framework (3 problems):\n"));
  // indicator 'b' is declared on line 6, node 'loop1' on line 11
  EXPECT_THAT(msg, HasSubstr("\n  " + src +
                             ":6: indicator 'b': goalposts needs fixed bounds (lower and upper)"));
  EXPECT_THAT(msg, HasSubstr("\n  " + src +
                             ":11: node 'loop1': weight of child 'b' must be "
                             "finite and >= 0, got -2"));
  EXPECT_THAT(msg, HasSubstr("\n  " + src + ": cycle: loop1 -> loop2 -> loop1"));
  // (a single problem is the message itself; the rule's wording belongs to points/rule.hpp)
  const auto one =
      error_of("chiso: 1\nid: x\nindicators:\n  - {id: a}\n  - {id: b, method: binary}\n"
               "nodes: [{id: n, children: [a, b]}]\n");
  EXPECT_THAT(one, StartsWith("t.yaml:5: indicator 'b': point rule 'binary' needs 'points'"));
  EXPECT_EQ(one.find('\n'), std::string::npos);
}

TEST(spec_errors, duplicates_and_references) {
  EXPECT_EQ(error_of("chiso: 1\nid: x\nid: y\nindicators: [{id: a}]\n"),
            "t.yaml:3:1: key 'id' given twice (first on line 2)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - {id: a}\n  - {id: a}\n"),
            "t.yaml:5:10: indicator 'a': duplicate id 'a' (first declared on line 4)");
  EXPECT_EQ(
      error_of(
          "chiso: 1\nid: x\nroot: top\nindicators: [{id: a}]\nnodes: [{id: n, children: [a]}]\n"),
      "t.yaml:3:7: 'root': 'top' is not the id of a node");
  // "    children: [a, b]": 'b' at column 19
  EXPECT_EQ(
      error_of("chiso: 1\nid: x\nindicators: [{id: a}]\nnodes:\n  - id: n\n    children: [a, b]\n"),
      "t.yaml:6:19: node 'n': 'children'[1]: unknown child 'b' (not an indicator or node id)");
}

TEST(spec_errors, bands_order_and_catch_all) {
  // second band's min (0.5) is not below 0.4: its value at 5:23
  EXPECT_EQ(
      error_of("chiso: 1\nid: x\nbands:\n  - {label: hi, min: 0.4}\n  - {label: mid, min: 0.5}\n"
               "  - {label: low}\nindicators: [{id: a}]\n"),
      "t.yaml:5:23: bands[1]: 'min': bands must be listed by strictly decreasing min "
      "('0.5' is not below the previous band's min)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nbands:\n  - {label: hi}\n  - {label: low, min: 0}\n"
                     "indicators: [{id: a}]\n"),
            "t.yaml:4:5: bands[0]: missing required key 'min' (only the last band may omit it)");
}

TEST(spec_errors, schema_version_and_sample) {
  EXPECT_EQ(error_of("chiso: 2\nid: x\nindicators: [{id: a}]\n"),
            "t.yaml:1:8: 'chiso': unsupported schema version 2 (this reader knows version 1)");
  EXPECT_EQ(error_of("chiso: 1\nid: x\nsample: {file: s.csv}\nindicators: [{id: a}]\n"),
            "t.yaml:3:9: sample: missing required key 'synthetic'");
  EXPECT_EQ(
      error_of("chiso: 1\nid: x\nsample: {file: s.csv, synthetic: maybe}\nindicators: [{id: a}]\n"),
      "t.yaml:3:34: sample: 'synthetic': expected true or false, got 'maybe'");
}

TEST(spec_errors, columns_count_characters_not_bytes) {
  // "  - {id: a, name: \"Nhận thức\", directon: 1}": 'ậ' and 'ứ' are 3 bytes each but one
  // character; 'directon' is at character 32 (byte 36).
  EXPECT_THAT(
      error_of("chiso: 1\nid: x\nindicators:\n  - {id: a, name: \"Nhận thức\", directon: 1}\n"),
      StartsWith("t.yaml:4:32: indicator 'a': unknown key 'directon'"));
}

TEST(spec_errors, unreadable_empty_and_not_utf8_files) {
  const auto missing = data_dir / "no_such_spec.yaml";
  EXPECT_EQ(file_error_of(missing),
            missing.string() + ": cannot open the spec file: No such file or directory");
  EXPECT_EQ(file_error_of(data_dir),
            data_dir.string() + ": cannot read the spec file: it is a directory");
  const auto empty = data_dir / "empty.yaml";
  EXPECT_THAT(file_error_of(empty), StartsWith(empty.string() + ": the spec file is empty"));
  // "name: \"ab\xFF": the bad byte is byte 24 of the text (9 + 6 + 9), line 3, column 10
  EXPECT_EQ(error_of("chiso: 1\nid: x\nname: \"ab\xFF\"\nindicators: [{id: a}]\n"),
            "t.yaml:3:10: the spec file is not valid UTF-8 (byte 24); save it as UTF-8");
  EXPECT_EQ(error_of("---\nchiso: 1\n---\nid: x\n"),
            "t.yaml:4:1: a spec file holds one YAML document; found a second one ('---')");
  EXPECT_EQ(error_of("- a\n- b\n"), "t.yaml:1:1: expected a map (key: value), got a list");
}

// ---------------------------------------------------------------------------------------------
// Writing and the round trip
// ---------------------------------------------------------------------------------------------

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

} // namespace

} // namespace chiso_test::spec_test
