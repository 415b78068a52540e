// The uncertain-choices file reader: a full file, and errors with file:line:column, field and
// rule.

#include "robust/fixture.hpp"

#include <chiso/io/robust_spec.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chiso_test::robust_spec_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;

io::robust_spec read(std::string_view text) {
  return io::parse_robust_spec(text, "r.yaml", chiso_test::two_level());
}

std::string error_of(std::string_view text) {
  try {
    (void)read(text);
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(robust_spec, reads_every_kind_and_the_run_settings) {
  const auto s = read(R"(chiso_robustness: 1
replications: 250
seed: 18446744073709551615
track: [p1, a]
interval: [0.1, 0.9]
sensitivity: {n: 64, bootstrap: 20, confidence: 0.9, units: false}
inputs:
  - id: weights
    type: weights
    levels: [3]
    uniform: 0.25
  - {id: shares, type: weights, nodes: [p1, p2], dirichlet: 30}
  - id: norm
    type: normalisation
    indicators: all
    alternatives:
      - minmax:1:100
      - {type: z_score, mean: 10, sd: 2}
      - rank
  - id: agg
    type: aggregation
    nodes: [p1]
    alternatives: [amean, {type: generalised_mean, p: 0.5}]
    labels: [arithmetic, power 0.5]
  - {id: out, type: leave_out, indicators: [a, c], mode: random, count: 1}
)");
  EXPECT_EQ(s.uncertainty.replications, 250u);
  EXPECT_EQ(s.uncertainty.seed, 18446744073709551615ull);
  EXPECT_EQ(s.sensitivity.seed, 18446744073709551615ull);
  EXPECT_EQ(s.uncertainty.track, (std::vector<std::string>{"p1", "a"}));
  EXPECT_EQ(s.uncertainty.lower, 0.1);
  EXPECT_EQ(s.uncertainty.upper, 0.9);
  EXPECT_EQ(s.sensitivity.n, 64u);
  EXPECT_EQ(s.sensitivity.bootstrap, 20u);
  EXPECT_EQ(s.sensitivity.confidence, 0.9);
  EXPECT_FALSE(s.sensitivity.units);
  const auto& in = s.choices.inputs;
  ASSERT_EQ(in.size(), 5u);
  EXPECT_EQ(in[0].origin, "r.yaml:8:5"); // the input's map starts at "id"
  const auto& w = std::get<robust::weight_choice>(in[0].choice);
  EXPECT_EQ(w.nodes.levels, (std::vector<int>{3}));
  EXPECT_EQ(std::get<robust::uniform_factor>(w.distribution).f, 0.25);
  const auto& sh = std::get<robust::weight_choice>(in[1].choice);
  EXPECT_EQ(sh.nodes.ids, (std::vector<std::string>{"p1", "p2"}));
  EXPECT_EQ(std::get<robust::dirichlet>(sh.distribution).concentration, 30.0);
  const auto& n = std::get<robust::normalisation_choice>(in[2].choice);
  EXPECT_TRUE(n.indicators.empty());
  ASSERT_EQ(n.alternatives.size(), 3u);
  const auto& mm = std::get<normalise::min_max>(n.alternatives[0]);
  EXPECT_EQ(mm.lo, 1.0);
  EXPECT_EQ(mm.hi, 100.0);
  const auto& z = std::get<normalise::z_score>(n.alternatives[1]);
  EXPECT_EQ(z.mean, 10.0);
  EXPECT_EQ(z.sd, 2.0);
  EXPECT_TRUE(std::holds_alternative<normalise::rank>(n.alternatives[2]));
  EXPECT_EQ(n.labels[0], "minmax:1:100");
  EXPECT_EQ(n.labels[1], "{type: z_score, mean: 10, sd: 2}");
  const auto& g = std::get<robust::aggregation_choice>(in[3].choice);
  EXPECT_EQ(std::get<aggregate::generalised_mean>(g.alternatives[1]).p, 0.5);
  EXPECT_EQ(g.labels, (std::vector<std::string>{"arithmetic", "power 0.5"}));
  const auto& o = std::get<robust::leave_out_choice>(in[4].choice);
  EXPECT_EQ(o.mode, robust::leave_out_mode::random);
  EXPECT_EQ(o.indicators, (std::vector<std::string>{"a", "c"}));
}

TEST(robust_spec, defaults_when_only_inputs_are_given) {
  const auto s = read("chiso_robustness: 1\ninputs:\n  - {id: w, type: weights, uniform: 0.1}\n");
  EXPECT_EQ(s.uncertainty.replications, 1000u);
  EXPECT_EQ(s.uncertainty.lower, 0.05);
  EXPECT_EQ(s.sensitivity.n, 500u);
  const auto& w = std::get<robust::weight_choice>(s.choices.inputs[0].choice);
  EXPECT_TRUE(w.nodes.ids.empty());
  EXPECT_TRUE(w.nodes.levels.empty());
}

TEST(robust_spec, unknown_key_with_hint_and_position) {
  EXPECT_EQ(error_of("chiso_robustness: 1\nreplicatons: 5\ninputs: []\n"),
            "r.yaml: 2 errors in the uncertain-choices file:\n"
            "  r.yaml:2:1: unknown key 'replicatons' (allowed: chiso_robustness, replications, "
            "seed, track, interval, sensitivity, inputs); did you mean 'replications'?\n"
            "  r.yaml:3:9: 'inputs': the list is empty: declare at least one uncertain input");
}

TEST(robust_spec, unknown_node_points_at_the_item) {
  // Line 3, column 54 is where 'Root' starts.
  EXPECT_EQ(error_of("chiso_robustness: 1\n"
                     "inputs:\n"
                     "  - {id: w, type: weights, uniform: 0.1, nodes: [p1, Root]}\n"),
            "r.yaml:3:54: input 'w': nodes[1]: unknown node 'Root'");
}

TEST(robust_spec, key_not_allowed_for_the_type) {
  EXPECT_EQ(error_of("chiso_robustness: 1\n"
                     "inputs:\n"
                     "  - id: n\n"
                     "    type: normalisation\n"
                     "    alternatives: [rank]\n"
                     "    nodes: [p1]\n"),
            "r.yaml:6:5: input 'n': unknown key 'nodes' for a normalisation input (allowed: id, "
            "type, indicators, alternatives, labels)");
}

TEST(robust_spec, type_missing_or_unknown) {
  EXPECT_EQ(error_of("chiso_robustness: 1\ninputs:\n  - {id: w, uniform: 0.1}\n"),
            "r.yaml:3:5: input 'w': missing required key 'type' (one of: weights, normalisation, "
            "aggregation, leave_out, preparation)");
  EXPECT_EQ(error_of("chiso_robustness: 1\ninputs:\n  - {id: w, type: weight}\n"),
            "r.yaml:3:19: input 'w': 'type': unknown type 'weight' (allowed: weights, "
            "normalisation, aggregation, leave_out, preparation); did you mean 'weights'?");
}

TEST(robust_spec, bad_shorthand_alternative) {
  const auto e = error_of("chiso_robustness: 1\n"
                          "inputs:\n"
                          "  - id: n\n"
                          "    type: normalisation\n"
                          "    alternatives: [minmax:1:x, zscore]\n");
  EXPECT_THAT(e, HasSubstr("r.yaml:5:20: input 'n': alternatives[0]: hi must be a finite number, "
                           "got 'x'"));
}

TEST(robust_spec, bad_map_alternative_points_at_the_parameter) {
  const auto e = error_of("chiso_robustness: 1\n"
                          "inputs:\n"
                          "  - id: n\n"
                          "    type: normalisation\n"
                          "    alternatives:\n"
                          "      - {type: z_score, mean: ten, sd: 2}\n");
  EXPECT_THAT(e, HasSubstr("r.yaml:6:31: input 'n': alternatives[0]: "));
  EXPECT_THAT(e, HasSubstr("'mean': expected a number, got 'ten'"));
  EXPECT_THAT(e, ::testing::Not(HasSubstr("<alternative>")));
}

TEST(robust_spec, alternative_unusable_for_an_indicator) {
  // goalposts needs bounds, which the indicators of two_level lack.
  const auto e = error_of("chiso_robustness: 1\n"
                          "inputs:\n"
                          "  - id: n\n"
                          "    type: normalisation\n"
                          "    alternatives: [rank, goalposts]\n");
  EXPECT_EQ(e, "r.yaml:5:26: input 'n': alternatives[1]: indicator 'a': goalposts needs fixed "
               "bounds (lower and upper)");
}

TEST(robust_spec, problems_against_the_framework_are_all_listed) {
  const auto e =
      error_of("chiso_robustness: 1\n"
               "track: [p3]\n"
               "inputs:\n"
               "  - {id: w, type: weights, levels: [5], uniform: 1.5}\n"
               "  - {id: o, type: leave_out, indicators: [a, b], count: 2, mode: random}\n");
  EXPECT_THAT(e, HasSubstr("r.yaml: 4 errors in the uncertain-choices file:"));
  EXPECT_THAT(e, HasSubstr("\n  r.yaml:2:9: 'track'[0]: unknown node or indicator 'p3'"));
  EXPECT_THAT(e, HasSubstr("\n  r.yaml:4:37: input 'w': levels[0]: no aggregate node has level 5"));
  EXPECT_THAT(e, HasSubstr("\n  r.yaml:4:50: input 'w': uniform: the relative perturbation f "
                           "must be in [0, 1)"));
  EXPECT_THAT(e, HasSubstr("\n  r.yaml:5:42: input 'o': indicators: leaving out indicators can "
                           "leave node 'p1' without any child"));
}

TEST(robust_spec, values_out_of_range) {
  const auto e = error_of("chiso_robustness: 1\n"
                          "replications: 0\n"
                          "interval: [0.9, 0.1]\n"
                          "sensitivity: {n: 1, confidence: 1}\n"
                          "inputs:\n"
                          "  - {id: w, type: weights, uniform: 0.1, dirichlet: 3}\n");
  EXPECT_THAT(e, HasSubstr("r.yaml:2:15: 'replications': must be in [1, 100000000], got '0'"));
  EXPECT_THAT(e, HasSubstr("r.yaml:3:11: 'interval': needs 0 <= lower <= upper <= 1"));
  EXPECT_THAT(e, HasSubstr("r.yaml:4:18: sensitivity: 'n': must be in [2, 100000000], got '1'"));
  EXPECT_THAT(e, HasSubstr("r.yaml:4:33: sensitivity: 'confidence': must be in (0, 1), got '1'"));
  EXPECT_THAT(e,
              HasSubstr("r.yaml:6:42: input 'w': give one of 'uniform' and 'dirichlet', not both"));
}

TEST(robust_spec, schema_version_and_empty_file) {
  EXPECT_EQ(error_of("chiso_robustness: 2\ninputs: []\n"),
            "r.yaml:1:19: 'chiso_robustness': unsupported schema version 2 (this reader knows "
            "version 1)");
  EXPECT_THAT(error_of(""), HasSubstr("r.yaml: the uncertain-choices file is empty"));
  EXPECT_THAT(error_of("inputs: [\n"), HasSubstr("YAML syntax error"));
}

TEST(robust_spec, loads_a_file_and_names_a_missing_one) {
  EXPECT_THROW((void)io::load_robust_spec("/nonexistent/r.yaml", chiso_test::two_level()),
               input_error);
}

} // namespace

namespace {

// A preparation input: alternatives with the spec file's `impute` and `treat` values.
TEST(robust_spec, preparation_alternatives) {
  const auto s = read("chiso_robustness: 1\n"
                      "inputs:\n"
                      "  - id: prep\n"
                      "    type: preparation\n"
                      "    alternatives:\n"
                      "      - {impute: column_median}\n"
                      "      - {impute: {method: group_mean, group: region}, treat: winmax}\n"
                      "      - {impute: none, treat: none}\n"
                      "    labels: [median, group, raw]\n");
  ASSERT_EQ(s.choices.inputs.size(), 1u);
  const auto& pc = std::get<robust::preparation_choice>(s.choices.inputs[0].choice);
  ASSERT_EQ(pc.alternatives.size(), 3u);
  EXPECT_EQ(std::get<impute_by_column>(pc.alternatives[0].impute->method).centre,
            impute::centre::median);
  EXPECT_FALSE(pc.alternatives[0].treat);
  EXPECT_EQ(std::get<impute_by_group>(pc.alternatives[1].impute->method).group, "region");
  EXPECT_TRUE(std::holds_alternative<treat::winmax_options>(*pc.alternatives[1].treat));
  EXPECT_FALSE(pc.alternatives[2].impute);
  EXPECT_FALSE(pc.alternatives[2].treat);
  EXPECT_EQ(pc.labels, (std::vector<std::string>{"median", "group", "raw"}));
}

TEST(robust_spec, bad_preparation_alternative_points_at_its_key) {
  // Line 6: "      - {impute: column_mean, treat: {method: box_cox}}": the treat map starts at
  // column 38.
  const auto e = error_of("chiso_robustness: 1\n"
                          "inputs:\n"
                          "  - id: prep\n"
                          "    type: preparation\n"
                          "    alternatives:\n"
                          "      - {impute: column_mean, treat: {method: box_cox}}\n"
                          "      - {impute: column_mean, sort: no}\n");
  EXPECT_THAT(e, HasSubstr("r.yaml:6:38: input 'prep': alternatives[0]: treat: method "
                           "'box_cox': missing required key 'lambda'"));
  EXPECT_THAT(e, HasSubstr("r.yaml:7:31: input 'prep': alternatives[1]: unknown key 'sort'"));
}

} // namespace

} // namespace chiso_test::robust_spec_test
