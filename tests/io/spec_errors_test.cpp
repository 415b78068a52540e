// Spec file errors: every class with its exact position. Positions in expected messages were
// counted by hand on the text of each test (1-based line:column, columns in characters).

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

namespace chiso_test::spec_errors_test {

namespace {

using namespace chiso;
using namespace chiso_test::spec_support;
using ::testing::HasSubstr;
using ::testing::StartsWith;

} // namespace

TEST(spec_errors, unknown_key_names_position_allowed_keys_and_hint) {
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators:\n  - id: awareness\n    directon: 1\n"),
            "t.yaml:5:5: indicator 'awareness': unknown key 'directon' (allowed: id, name, unit, "
            "direction, method, bounds, target, points, column, denominator, scale, transform, "
            "valid, if_zero_denominator, if_missing_denominator, impute, treat, targets, merge); "
            "did you mean "
            "'direction'?");
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

// yaml-cpp 0.7's LoadAll never returns on a ',' after the document (jbeder/yaml-cpp#1040):
// the reader must answer, at the comma. "{\n}," : the ',' is line 2, column 2; in the JSON
// spec `{"chiso": 1, "id": "x", "indicators": [{"id": "a"}]},` it is column 53 (counted by hand).
TEST(spec_errors, a_comma_after_the_document_is_an_error_not_a_hang) {
  EXPECT_EQ(error_of("{\n},"), "t.yaml:2:2: YAML syntax error: unexpected ',' after the end of "
                               "the document (a trailing comma after the last '}' or ']'?)");
  EXPECT_THAT(error_of(R"({"chiso": 1, "id": "x", "indicators": [{"id": "a"}]},)"),
              StartsWith("t.yaml:1:53: YAML syntax error: unexpected ','"));
  // A real second document is still named as one.
  EXPECT_EQ(error_of("chiso: 1\nid: x\nindicators: [{id: a}]\n---\nb: 1\n"),
            "t.yaml:5:1: a spec file holds one YAML document; found a second one ('---')");
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

} // namespace chiso_test::spec_errors_test
