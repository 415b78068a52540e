// Bad input to the chiso program: every case must end with a clear message naming the file,
// line (and column where it applies) and the rule broken, exit code 2 (input) or 1 (usage),
// and leave no output file behind.

#include "cli/cli_fixture.hpp"

namespace chiso_cli_test {
namespace {

using bad_input = cli;

// `chiso score` of the tiny framework on `data` into out.csv, which must not appear.
std::vector<std::string> score_args(const std::string& data = "data.csv",
                                    const std::string& spec = "tiny.yaml") {
  return {"score", "--framework", spec, "--data", data, "--out", "out.csv"};
}

// ---- data files --------------------------------------------------------------------------

TEST_F(bad_input, empty_data_file) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "");
  expect_failure(score_args(), 2, {"data.csv", "empty"});
}

TEST_F(bad_input, header_only) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\n");
  expect_failure(score_args(), 2, {"data.csv:1", "no data rows"});
}

TEST_F(bad_input, duplicate_unit_id) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5\nu2,32,26,1\nu1,64,18,3\n");
  expect_failure(score_args(), 2, {"data.csv:4:1", "duplicate unit id 'u1'", "first on line 2"});
}

TEST_F(bad_input, empty_unit_id) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5\n,32,26,1\n");
  expect_failure(score_args(), 2, {"data.csv:3:1", "empty unit id"});
}

TEST_F(bad_input, duplicate_column) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c,b\nu1,0,10,5,1\n");
  expect_failure(score_args(), 2, {"data.csv:1:5", "'b'", "distinct"});
}

TEST_F(bad_input, non_numeric_cell) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5\nu2,32,abc,1\n");
  expect_failure(score_args(), 2, {"data.csv:3:3", "column 'b'", "'abc' is not a number"});
}

TEST_F(bad_input, inf_text) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5\nu2,32,26,inf\n");
  expect_failure(score_args(), 2, {"data.csv:3:4", "column 'c'", "not a finite number"});
}

TEST_F(bad_input, nan_text) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,NaN,10,5\n");
  expect_failure(score_args(), 2, {"data.csv:2:2", "column 'a'", "not a finite number"});
}

TEST_F(bad_input, decimal_comma) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,\"0,5\",10,5\n");
  expect_failure(score_args(), 2, {"data.csv:2:2", "comma"});
}

TEST_F(bad_input, ragged_row_short) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5\nu2,32,26\n");
  expect_failure(score_args(), 2, {"data.csv:3", "3 fields", "header (line 1) has 4"});
}

TEST_F(bad_input, ragged_row_long) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,10,5,7\n");
  expect_failure(score_args(), 2, {"data.csv:2:5", "more fields"});
}

TEST_F(bad_input, invalid_utf8_in_data) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,name,a,b,c\nu1,H\xe0 N\xf4i,0,10,5\n"); // Latin-1, not UTF-8
  expect_failure(score_args(), 2, {"data.csv:2:2", "UTF-8"});
}

TEST_F(bad_input, percentage_above_valid_range) {
  write("tiny.yaml", tiny_spec); // a: valid [0, 100]
  write("data.csv", "unit,a,b,c\nu1,0,10,5\nu2,100.5,26,1\n");
  expect_failure(
      score_args(), 2,
      {"data.csv:3:2", "column 'a'", "100.5", "valid range of indicator 'a'", "between 0 and 100"});
}

TEST_F(bad_input, spec_indicator_missing_from_data) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b\nu1,0,10\n");
  expect_failure(score_args(), 2, {"data.csv:1", "no column 'c'", "indicator 'c'"});
}

TEST_F(bad_input, no_unit_column) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "id,a,b,c\nu1,0,10,5\n");
  expect_failure(score_args(), 2, {"data.csv:1", "no unit id column 'unit'", "'id'"});
}

TEST_F(bad_input, unreadable_data_path) {
  write("tiny.yaml", tiny_spec);
  expect_failure(score_args("no-such-file.csv"), 2, {"no-such-file.csv", "cannot open"});
}

TEST_F(bad_input, data_path_is_a_directory) {
  write("tiny.yaml", tiny_spec);
  fs::create_directory(work_ / "sub");
  expect_failure(score_args("sub"), 2, {"sub", "cannot read"});
}

TEST_F(bad_input, ranking_group_column_missing) {
  write("g.yaml", std::string(tiny_spec) + "ranking: {group_by: region}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "g.yaml"), 2, {"data.csv:1", "group column 'region'"});
}

// ---- spec files --------------------------------------------------------------------------

TEST_F(bad_input, unknown_child_in_spec) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a}\nnodes:\n"
                  "  - {id: r, children: [a, zz]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:6", "unknown child 'zz'"});
}

TEST_F(bad_input, cycle_in_spec) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a}\n  - {id: b}\nnodes:\n"
                  "  - {id: r, children: [a, n1]}\n  - {id: n1, children: [b, n2]}\n"
                  "  - {id: n2, children: [n1]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml", "cycle", "n1 -> n2 -> n1"});
}

TEST_F(bad_input, negative_weight) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a}\n  - {id: b}\nnodes:\n"
                  "  - {id: r, children: {a: -1, b: 2}}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:7", "weight of child 'a'", ">= 0"});
}

TEST_F(bad_input, missing_weight_null) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a}\n  - {id: b}\nnodes:\n"
                  "  - id: r\n    children: {a: 1, b: null}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2,
                 {"s.yaml:8", "weight of 'b'", "expected a number"});
}

TEST_F(bad_input, unknown_method) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a, method: frobnicate}\nnodes:\n"
                  "  - {id: r, children: [a]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:4", "unknown method 'frobnicate'"});
}

TEST_F(bad_input, unknown_method_parameter) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a, method: {type: min_max, low: 0}}\n"
                  "nodes:\n  - {id: r, children: [a]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:4", "unknown parameter 'low'"});
}

TEST_F(bad_input, wrong_yaml_type) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a, direction: abc}\nnodes:\n"
                  "  - {id: r, children: [a]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:4", "'direction'", "'abc'"});
}

TEST_F(bad_input, truncated_spec) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n  - {id: a, name: \"x");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:", "YAML"});
}

TEST_F(bad_input, empty_spec) {
  write("s.yaml", "");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml", "empty"});
}

TEST_F(bad_input, duplicate_key_in_yaml) {
  write("s.yaml", "chiso: 1\nid: t\nid: u\nindicators:\n  - {id: a}\nnodes:\n"
                  "  - {id: r, children: [a]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:3", "'id' given twice"});
}

TEST_F(bad_input, json_spec_error) {
  write("s.json", "{\"chiso\": 1, \"id\": \"t\",\n"
                  " \"indicators\": [{\"id\": \"a\", \"bogus\": 2}],\n"
                  " \"nodes\": [{\"id\": \"r\", \"children\": [\"a\"]}]}\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.json"), 2, {"s.json:2:", "unknown key 'bogus'"});
}

TEST_F(bad_input, unsupported_schema_version) {
  write("s.yaml", "chiso: 2\nid: t\nindicators: [{id: a}]\n");
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "s.yaml"), 2, {"s.yaml:1", "version 2"});
}

TEST_F(bad_input, unreadable_spec_path) {
  write("data.csv", tiny_data);
  expect_failure(score_args("data.csv", "missing.yaml"), 2, {"missing.yaml"});
}

// ---- output ------------------------------------------------------------------------------

TEST_F(bad_input, output_in_missing_directory) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  expect_failure(
      {"score", "--framework", "tiny.yaml", "--data", "data.csv", "--out", "nodir/out.csv"}, 2,
      {"nodir", "does not exist"});
  EXPECT_FALSE(fs::exists(work_ / "nodir"));
}

TEST_F(bad_input, output_path_checked_before_computing) {
  // The data is bad too, but the bad output path must be what is reported: it is checked
  // before any file is read.
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,abc,10,5\n");
  const auto r = expect_failure(
      {"score", "--framework", "tiny.yaml", "--data", "data.csv", "--out", "nodir/out.csv"}, 2,
      {"nodir"});
  EXPECT_EQ(r.err.find("abc"), std::string::npos) << r.err;
}

TEST_F(bad_input, failed_run_keeps_previous_output) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,abc,10,5\n");
  write("out.csv", "previous\n");
  expect_failure(score_args(), 2, {"data.csv:2:2"});
  EXPECT_EQ(read("out.csv"), "previous\n");
}

// ---- command line ------------------------------------------------------------------------

TEST_F(bad_input, unknown_flag_is_usage_error) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.push_back("--bogus");
  expect_failure(a, 1, {"unknown option '--bogus'", "chiso score --help"});
}

TEST_F(bad_input, unknown_command) {
  expect_failure({"frobnicate"}, 1, {"unknown command 'frobnicate'"});
}

TEST_F(bad_input, option_without_value) {
  write("tiny.yaml", tiny_spec);
  expect_failure({"score", "--framework", "tiny.yaml", "--data"}, 1, {"'--data' needs a value"});
}

TEST_F(bad_input, option_given_twice) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--digits", "2", "--digits", "3"});
  expect_failure(a, 1, {"'--digits' given more than once"});
}

TEST_F(bad_input, missing_data_for_non_preset) {
  write("tiny.yaml", tiny_spec);
  expect_failure({"score", "--framework", "tiny.yaml", "--out", "out.csv"}, 1,
                 {"--data is required"});
}

TEST_F(bad_input, no_framework_given) {
  write("data.csv", tiny_data);
  expect_failure({"score", "--data", "data.csv", "--out", "out.csv"}, 1,
                 {"--framework", "--preset"});
}

TEST_F(bad_input, two_frameworks_given) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--preset", "dti-province-922"});
  expect_failure(a, 1, {"only one of"});
}

TEST_F(bad_input, unknown_preset_lists_presets) {
  expect_failure({"score", "--preset", "no-such", "--presets-dir", source_dir() + "/presets",
                  "--out", "out.csv"},
                 1, {"unknown preset 'no-such'", "dti-province-922"});
}

TEST_F(bad_input, bad_normalise_shorthand) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--normalise", "minmux:0:1"});
  expect_failure(
      a, 1,
      {"--normalise 'minmux:0:1'", "unknown normalisation", "minmax[:LO[:HI", "zscore", "prank"});
}

TEST_F(bad_input, bad_normalise_parameter) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--normalise", "zscore:10:x"});
  expect_failure(a, 1, {"sd must be a finite number, got 'x'"});
}

TEST_F(bad_input, bad_aggregate_shorthand) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--aggregate", "genmean"});
  expect_failure(a, 1, {"needs p", "genmean:P"});
}

TEST_F(bad_input, bad_digits) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  for (const char* d : {"abc", "16", "-1", "2.5", ""}) {
    SCOPED_TRACE(d);
    auto a = score_args();
    a.insert(a.end(), {std::string("--digits=") + d});
    expect_failure(a, 1, {"--digits must be a whole number from 0 to 15"});
  }
}

TEST_F(bad_input, bad_format) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--format", "xml"});
  expect_failure(a, 1, {"--format must be csv, json, table or xlsx"});
}

TEST_F(bad_input, table_conflicts_with_format) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--table", "--format", "json"});
  expect_failure(a, 1, {"--table conflicts with --format json"});
}

TEST_F(bad_input, explain_unknown_unit) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  expect_failure({"explain", "--framework", "tiny.yaml", "--data", "data.csv", "--unit", "u9"}, 2,
                 {"unit 'u9' is not in data.csv", "'u1'"});
}

TEST_F(bad_input, explain_without_unit) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  expect_failure({"explain", "--framework", "tiny.yaml", "--data", "data.csv"}, 1,
                 {"--unit ID is required"});
}

TEST_F(bad_input, override_making_framework_invalid) {
  // goalposts needs fixed bounds, which the tiny framework does not give.
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto a = score_args();
  a.insert(a.end(), {"--normalise", "goalposts"});
  expect_failure(a, 2, {"after the override", "goalposts needs fixed bounds"});
}

TEST_F(bad_input, compare_missing_rank_column) {
  write("a.csv", "unit,score\nx,1\n");
  write("b.csv", "unit,rank\nx,1\n");
  expect_failure({"compare", "a.csv", "b.csv", "--out", "out.csv"}, 2,
                 {"a.csv:1", "no rank column 'rank'", "--rank-column"});
}

TEST_F(bad_input, compare_bad_rank_cell) {
  write("a.csv", "unit,rank\nx,1\ny,first\n");
  write("b.csv", "unit,rank\nx,1\n");
  expect_failure({"compare", "a.csv", "b.csv"}, 2, {"a.csv:3:2", "'first'", "not a number"});
}

TEST_F(bad_input, compare_needs_two_files) {
  write("a.csv", "unit,rank\nx,1\n");
  expect_failure({"compare", "a.csv"}, 1, {"expected 2 arguments"});
}

TEST_F(bad_input, convert_coinr_bad_meta) {
  write("meta.csv", "iCode,Level\nx,1\n");
  expect_failure({"convert-coinr", "--meta", "meta.csv", "--out", "spec.yaml"}, 2, {"meta.csv"});
}

// ---- validate: every problem, one per line -----------------------------------------------

TEST_F(bad_input, validate_reports_every_problem) {
  write("tiny.yaml", tiny_spec);
  write("data.csv",
        "unit,a,b,c\n"
        "u1,abc,10,5\n"  // line 2: a not a number
        "u2,150,26,1\n"  // line 3: a above its valid range
        "u1,64,18,inf\n" // line 4: duplicate id, c not finite
        "u4,1,x,3\n");   // line 5: b not a number
  const auto r = run({"validate", "--framework", "tiny.yaml", "--data", "data.csv"});
  EXPECT_EQ(r.code, 2);
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 5u) << r.out;
  EXPECT_EQ(l[0].rfind("data.csv:2:2: column 'a': 'abc' is not a number", 0), 0u) << l[0];
  EXPECT_EQ(l[1].rfind("data.csv:3:2: column 'a': value 150 is outside the valid range", 0), 0u)
      << l[1];
  EXPECT_EQ(l[2].rfind("data.csv:4:1: column 'unit': duplicate unit id 'u1'", 0), 0u) << l[2];
  EXPECT_EQ(l[3].rfind("data.csv:4:4: column 'c': 'inf' is not a finite number", 0), 0u) << l[3];
  EXPECT_EQ(l[4].rfind("data.csv:5:3: column 'b': 'x' is not a number", 0), 0u) << l[4];
  EXPECT_NE(r.err.find("5 problems"), std::string::npos) << r.err;
}

TEST_F(bad_input, validate_reports_every_spec_problem) {
  write("s.yaml", "chiso: 1\nid: t\nindicators:\n"
                  "  - {id: a, directon: 1}\n"                    // line 4: unknown key
                  "  - {id: b, scale: x}\n"                       // line 5: wrong type
                  "nodes:\n  - {id: r, children: [a, b, zz]}\n"); // line 7: unknown child
  const auto r = run({"validate", "--framework", "s.yaml"});
  EXPECT_EQ(r.code, 2);
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 3u) << r.out;
  EXPECT_EQ(l[0].rfind("s.yaml:4:", 0), 0u) << l[0];
  EXPECT_NE(l[0].find("unknown key 'directon'"), std::string::npos) << l[0];
  EXPECT_EQ(l[1].rfind("s.yaml:5:", 0), 0u) << l[1];
  EXPECT_EQ(l[2].rfind("s.yaml:7:", 0), 0u) << l[2];
  EXPECT_NE(l[2].find("unknown child 'zz'"), std::string::npos) << l[2];
}

} // namespace
} // namespace chiso_cli_test
