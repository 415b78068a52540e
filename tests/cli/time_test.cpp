// The chiso program over several periods: `score` on a long file with periods and on one wide
// file per period, pooled scaling, `trend`, `targets` (rows and --summary), `--mapping` (merged
// units), and bad input (file:line, exit codes, no output file). Every expected value is worked
// out by hand in the comments.

#include "cli/cli_fixture.hpp"

namespace chiso_cli_test {
namespace {

using time_cli = cli;

// Two identity indicators (score = value) and their mean. Targets: a's value 1 by 2027, the
// root's score 0.75 by 2026 (both least squares, the default).
const char* panel_spec = R"(chiso: 1
id: panel
indicators:
  - {id: a, method: identity, targets: [{value: 1, deadline: 2027}]}
  - {id: b, method: identity}
nodes:
  - id: top
    children: {a: 1, b: 1}
    targets: [{value: 0.75, deadline: 2026}]
)";

// Periods written 2024 first (they sort by value); u2 has no row in 2025.
//   2023: u1 a .5  b .25 -> top .375   u2 a .25 b .75 -> .5   u3 a 1  b .75 -> .875
//   2024: u1 a .75 b .75 -> .75        u2 a .5  b .5  -> .5   u3 a .5 b .5  -> .5
//   2025: u1 a .875 b .875 -> .875                            u3 a .625 b .375 -> .5
// Ranks (descending, competition): 2023 u3 1, u2 2, u1 3; 2024 u1 1, u2 2, u3 2 (tie);
// 2025 u1 1, u3 2.
const char* panel_data = "unit,period,indicator,value\n"
                         "u1,2024,a,0.75\n"
                         "u1,2024,b,0.75\n"
                         "u2,2024,a,0.5\n"
                         "u2,2024,b,0.5\n"
                         "u3,2024,a,0.5\n"
                         "u3,2024,b,0.5\n"
                         "u1,2023,a,0.5\n"
                         "u1,2023,b,0.25\n"
                         "u2,2023,a,0.25\n"
                         "u2,2023,b,0.75\n"
                         "u3,2023,a,1\n"
                         "u3,2023,b,0.75\n"
                         "u1,2025,a,0.875\n"
                         "u1,2025,b,0.875\n"
                         "u3,2025,a,0.625\n"
                         "u3,2025,b,0.375\n";

const char* panel_scores = "period,unit,top,rank\n"
                           "2023,u1,0.375,3\n"
                           "2023,u2,0.5,2\n"
                           "2023,u3,0.875,1\n"
                           "2024,u1,0.75,1\n"
                           "2024,u2,0.5,2\n"
                           "2024,u3,0.5,2\n"
                           "2025,u1,0.875,1\n"
                           "2025,u3,0.5,2\n";

/// The line of `text` starting with `prefix` ("" when none).
std::string line_starting(const std::string& text, const std::string& prefix) {
  for (const auto& l : lines(text))
    if (l.rfind(prefix, 0) == 0) return l;
  return "";
}

TEST_F(time_cli, score_long_file_every_period) {
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r = run({"score", "--framework", "panel.yaml", "--data", "panel.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, panel_scores);
}

TEST_F(time_cli, score_one_wide_file_per_period_equals_the_long_file) {
  write("panel.yaml", panel_spec);
  write("y23.csv", "unit,a,b\nu1,0.5,0.25\nu2,0.25,0.75\nu3,1,0.75\n");
  write("y24.csv", "unit,a,b\nu1,0.75,0.75\nu2,0.5,0.5\nu3,0.5,0.5\n");
  write("y25.csv", "unit,a,b\nu1,0.875,0.875\nu3,0.625,0.375\n");
  const auto r = run({"score", "--framework", "panel.yaml", "--data",
                      "2025=y25.csv,2023=y23.csv,2024=y24.csv", "--out", "s.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read("s.csv"), panel_scores);
}

TEST_F(time_cli, score_json_carries_periods) {
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r =
      run({"score", "--framework", "panel.yaml", "--data", "panel.csv", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"periods\": [\"2023\", \"2024\", \"2025\"],"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"period\": \"2025\", \"unit\": \"u3\", \"scores\": {\"top\": 0.5}, "
                       "\"rank\": 2}"),
            std::string::npos)
      << r.out;
}

TEST_F(time_cli, single_period_output_is_unchanged) {
  // A long file without a period column is one period: no period column, as a wide file.
  write("tiny.yaml", tiny_spec);
  write("long.csv", "unit,indicator,value\nu1,a,0\nu1,b,10\nu1,c,5\nu2,a,32\nu2,b,26\nu2,c,1\n"
                    "u3,a,64\nu3,b,18\nu3,c,3\n");
  write("wide.csv", "unit,a,b,c\nu1,0,10,5\nu2,32,26,1\nu3,64,18,3\n");
  const auto l = run({"score", "--framework", "tiny.yaml", "--data", "long.csv"});
  const auto w = run({"score", "--framework", "tiny.yaml", "--data", "wide.csv"});
  ASSERT_EQ(l.code, 0) << l.err;
  ASSERT_EQ(w.code, 0) << w.err;
  // tiny (cli_fixture.hpp) without names: top u1 0, u2 0.9375, u3 0.5625; p 0, 0.875, 0.625.
  EXPECT_EQ(w.out, "unit,top,p,rank,band\nu1,0,0,3,low\nu2,0.9375,0.875,1,high\n"
                   "u3,0.5625,0.625,2,high\n");
  EXPECT_EQ(l.out, w.out);
}

TEST_F(time_cli, pooled_scaling_takes_statistics_over_all_periods) {
  // min_max on x: per period 2023 {0, 10} -> A 0, B 1 and 2024 {10, 20} -> A 0, B 1;
  // pooled over {0, 10, 10, 20}: (x - 0) / 20 -> 2023 A 0, B 0.5; 2024 A 0.5, B 1.
  const std::string spec = "chiso: 1\nid: p\nindicators: [{id: x}]\nnodes: [{id: n, children: "
                           "[x]}]\n";
  write("per.yaml", spec);
  write("pooled.yaml", spec + "periods: {scaling: pooled}\n");
  write("d.csv", "unit,period,indicator,value\nA,2023,x,0\nB,2023,x,10\nA,2024,x,10\n"
                 "B,2024,x,20\n");
  const auto per = run({"score", "--framework", "per.yaml", "--data", "d.csv"});
  const auto pooled = run({"score", "--framework", "pooled.yaml", "--data", "d.csv"});
  ASSERT_EQ(per.code, 0) << per.err;
  ASSERT_EQ(pooled.code, 0) << pooled.err;
  EXPECT_EQ(per.out, "period,unit,n,rank\n2023,A,0,2\n2023,B,1,1\n2024,A,0,2\n2024,B,1,1\n");
  EXPECT_EQ(pooled.out, "period,unit,n,rank\n2023,A,0,2\n2023,B,0.5,1\n2024,A,0.5,2\n2024,B,1,1\n");
}

TEST_F(time_cli, validate_reads_periods_too) {
  // 3 + 3 + 2 units over 2023-2025.
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r = run({"validate", "--framework", "panel.yaml", "--data", "panel.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 2 indicators, 1 nodes, 8 unit-periods in 3 periods\n");
  // Every problem of every file of a PERIOD=FILE list: y23.csv line 2 and y24.csv line 3.
  write("y23.csv", "unit,a,b\nu1,abc,0.25\n");
  write("y24.csv", "unit,a,b\nu1,0.75,0.75\nu1,0.5,0.5\n");
  expect_failure(
      {"validate", "--framework", "panel.yaml", "--data", "2023=y23.csv,2024=y24.csv"}, 2,
      {"y23.csv:2:2: column 'a': 'abc'", "y24.csv:3:1: column 'unit': duplicate unit id 'u1'"});
}

// ---- trend -------------------------------------------------------------------------------

TEST_F(time_cli, trend_consecutive_periods) {
  // score_change = to - from, rank_change = rank_from - rank_to (> 0: moved up):
  //   u1 2023->2024: .75 - .375 = .375, 3 - 1 = 2;  u2: .5 - .5 = 0, 2 - 2 = 0;
  //   u3: .5 - .875 = -.375, 1 - 2 = -1;
  //   u1 2024->2025: .875 - .75 = .125, 1 - 1 = 0;  u2 absent in 2025: missing_after;
  //   u3: .5 - .5 = 0, 2 - 2 = 0.
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r = run({"trend", "--framework", "panel.yaml", "--data", "panel.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "node,unit,from,to,base,score_from,score_to,score_change,rank_from,rank_to,"
                   "rank_change,status\n"
                   "top,u1,2023,2024,2023,0.375,0.75,0.375,3,1,2,observed\n"
                   "top,u2,2023,2024,2023,0.5,0.5,0,2,2,0,observed\n"
                   "top,u3,2023,2024,2023,0.875,0.5,-0.375,1,2,-1,observed\n"
                   "top,u1,2024,2025,2024,0.75,0.875,0.125,1,1,0,observed\n"
                   "top,u2,2024,2025,2024,0.5,,,2,,,missing_after\n"
                   "top,u3,2024,2025,2024,0.5,0.5,0,2,2,0,observed\n");
}

TEST_F(time_cli, trend_between_two_periods_for_chosen_nodes_as_json) {
  // 2023 -> 2025: u1 .875 - .375 = .5, 3 - 1 = 2; u2 missing_after; u3 .5 - .875 = -.375,
  // 1 - 2 = -1. Indicator a, ranked like the root: 2023 a = .5, .25, 1 -> ranks 2, 3, 1;
  // 2025 a = .875 (u1), .625 (u3) -> 1, 2: u1 .875 - .5 = .375, 2 - 1 = 1.
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r = run({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--from", "2023",
                      "--to", "2025", "--nodes", "top,a", "--format", "json", "--out", "t.json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = read("t.json");
  EXPECT_NE(j.find("\"periods\": [\"2023\", \"2024\", \"2025\"],\n  \"base\": \"exact\",\n"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("{\"node\": \"top\", \"unit\": \"u1\", \"from\": \"2023\", \"to\": \"2025\", "
                   "\"base\": \"2023\", \"score_from\": 0.375, \"score_to\": 0.875, "
                   "\"score_change\": 0.5, \"rank_from\": 3, \"rank_to\": 1, \"rank_change\": 2, "
                   "\"status\": \"observed\"}"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("\"node\": \"top\", \"unit\": \"u2\", \"from\": \"2023\", \"to\": \"2025\", "
                   "\"base\": \"2023\", \"score_from\": 0.5, \"score_to\": null, \"score_change\": "
                   "null, \"rank_from\": 2, \"rank_to\": null, \"rank_change\": null, "
                   "\"status\": \"missing_after\"}"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("{\"node\": \"a\", \"unit\": \"u1\", \"from\": \"2023\", \"to\": \"2025\", "
                   "\"base\": \"2023\", \"score_from\": 0.5, \"score_to\": 0.875, "
                   "\"score_change\": 0.375, \"rank_from\": 2, \"rank_to\": 1, \"rank_change\": 1, "
                   "\"status\": \"observed\"}"),
            std::string::npos)
      << j;
}

TEST_F(time_cli, trend_base_last_observed_bridges_a_gap) {
  // A: .25, .5, .75 in 2023-2025; B: .5 in 2023 and 2025, absent in 2024.
  // Ranks: 2023 B 1, A 2; 2024 A 1; 2025 A 1, B 2.
  // exact:         B 2024 -> 2025 missing_before (no base).
  // last_observed: B 2024 -> 2025 from 2023: .5 - .5 = 0, rank 1 - 2 = -1.
  write("x.yaml", "chiso: 1\nid: x\nindicators: [{id: x, method: identity}]\n"
                  "nodes: [{id: n, children: [x]}]\n");
  write("d.csv", "unit,period,indicator,value\nA,2023,x,0.25\nB,2023,x,0.5\nA,2024,x,0.5\n"
                 "A,2025,x,0.75\nB,2025,x,0.5\n");
  const auto exact = run({"trend", "--framework", "x.yaml", "--data", "d.csv"});
  ASSERT_EQ(exact.code, 0) << exact.err;
  EXPECT_EQ(line_starting(exact.out, "n,B,2024,2025,"), "n,B,2024,2025,,,0.5,,,2,,missing_before");
  const auto last =
      run({"trend", "--framework", "x.yaml", "--data", "d.csv", "--base", "last_observed"});
  ASSERT_EQ(last.code, 0) << last.err;
  EXPECT_EQ(last.out, "node,unit,from,to,base,score_from,score_to,score_change,rank_from,rank_to,"
                      "rank_change,status\n"
                      "n,A,2023,2024,2023,0.25,0.5,0.25,2,1,1,observed\n"
                      "n,B,2023,2024,2023,0.5,,,1,,,missing_after\n"
                      "n,A,2024,2025,2024,0.5,0.75,0.25,1,1,0,observed\n"
                      "n,B,2024,2025,2023,0.5,0.5,0,1,2,-1,observed\n");
}

// ---- targets -----------------------------------------------------------------------------

TEST_F(time_cli, targets_rows_for_one_unit) {
  // Indicator a's value against T = 1 by D = 2027; u1: .5 (2023), .75 (2024), .875 (2025).
  //   2023: attainment .5, gap .5, g = 2^(1/4) - 1 = 0.189207; one observation: no
  //         projection, status no_data.
  //   2024: attainment .75, gap .25, g = (4/3)^(1/3) - 1 = 0.100642; line through (2023, .5),
  //         (2024, .75): slope .25, at 2027 .75 + 3 * .25 = 1.5 (least squares = last two);
  //         compound r = .75 / .5 - 1 = .5, .75 * 1.5^3 = 2.53125; 1.5 >= 1: on_track.
  //   2025: attainment .875, gap .125, g = (8/7)^(1/2) - 1 = 0.069045; least squares: mean t
  //         2024, mean v 2.125 / 3 = .708333, slope (.208333 + .166667) / 2 = .1875, at 2027
  //         .708333 + 3 * .1875 = 1.270833; last two: .875 + 2 * .125 = 1.125; compound
  //         r = 1.75^(1/2) - 1 = 0.322876, .875 * 1.75^(2/2) = 1.53125: on_track.
  // u3 in 2023 (a = 1): achieved, gap 0, g 0.
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r =
      run({"targets", "--framework", "panel.yaml", "--data", "panel.csv", "--digits", "6"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_FALSE(l.empty());
  EXPECT_EQ(l[0], "id,kind,of,target,deadline,period,unit,value,attainment,gap,progress,"
                  "required_growth,growth_case,historical_growth,projection_least_squares,"
                  "projection_last_two,projection_compound,observations,projection,status");
  EXPECT_EQ(l[1], "a,indicator,value,1,2027,2023,u1,0.500000,0.500000,0.500000,,0.189207,"
                  "computed,,,,,1,least_squares,no_data");
  EXPECT_EQ(line_starting(r.out, "a,indicator,value,1,2027,2024,u1,"),
            "a,indicator,value,1,2027,2024,u1,0.750000,0.750000,0.250000,,0.100642,computed,"
            "0.500000,1.500000,1.500000,2.531250,2,least_squares,on_track");
  EXPECT_EQ(line_starting(r.out, "a,indicator,value,1,2027,2025,u1,"),
            "a,indicator,value,1,2027,2025,u1,0.875000,0.875000,0.125000,,0.069045,computed,"
            "0.322876,1.270833,1.125000,1.531250,3,least_squares,on_track");
  EXPECT_EQ(line_starting(r.out, "a,indicator,value,1,2027,2023,u3,"),
            "a,indicator,value,1,2027,2023,u3,1.000000,1.000000,0.000000,,0.000000,achieved,"
            ",,,,1,least_squares,achieved");
  // u2 has no row in 2025: no line for it (it is not a unit of that period).
  EXPECT_EQ(line_starting(r.out, "a,indicator,value,1,2027,2025,u2,"), "");
  // Node targets follow the indicators': the root's score .75 (u1, 2024) reaches 0.75.
  EXPECT_NE(line_starting(r.out, "top,node,score,0.75,2026,2024,u1,0.750000,1.000000,"), "");
}

TEST_F(time_cli, targets_summary_counts_units_per_status) {
  // a (T = 1 by 2027), least squares from each unit's history:
  //   2023: u3 achieved (a = 1); u1, u2 one observation -> no_data.
  //   2024: u1 1.5 and u2 .5 + 3 * .25 = 1.25 on_track; u3 .5 + 3 * (-.5) = -1 off_track.
  //   2025: u1 on_track (1.270833); u3: mean 2.125 / 3 = .708333, slope
  //         (-(1 - .708333) + (.625 - .708333)) / 2 = -.1875, at 2027 .145833: off_track;
  //         u2 absent (total 2).
  // top (T = .75 by 2026):
  //   2023: u3 .875 achieved; u1, u2 no_data.  2024: u1 .75 achieved; u2 flat .5 -> .5 and
  //   u3 .875 -> .5 falling: off_track.  2025: u1 achieved; u3 .625 - 2 * .1875 = .25
  //   (mean .625, slope -.1875): off_track.
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  const auto r = run({"targets", "--framework", "panel.yaml", "--data", "panel.csv", "--summary",
                      "--out", "sum.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(read("sum.csv"),
            "id,kind,of,target,deadline,period,achieved,on_track,off_track,no_data,total\n"
            "a,indicator,value,1,2027,2023,1,0,0,2,3\n"
            "a,indicator,value,1,2027,2024,0,2,1,0,3\n"
            "a,indicator,value,1,2027,2025,0,1,1,0,2\n"
            "top,node,score,0.75,2026,2023,1,0,0,2,3\n"
            "top,node,score,0.75,2026,2024,1,0,2,0,3\n"
            "top,node,score,0.75,2026,2025,1,0,1,0,2\n");
}

TEST_F(time_cli, targets_summary_per_group_as_json) {
  // Ranking groups g1 = {u1, u2}, g2 = {u3}; a in 2024: u1, u2 on_track (g1), u3 off_track (g2).
  write("g.yaml", std::string(panel_spec) + "ranking: {group_by: region}\n");
  std::string data = "unit,region,period,indicator,value\n";
  for (const auto& l : lines(panel_data)) {
    if (l.rfind("unit,", 0) == 0) continue;
    data += l.substr(0, 2) + (l[1] == '3' ? ",g2" : ",g1") + l.substr(2) + "\n"; // u1,g1,...
  }
  write("g.csv", data);
  const auto r =
      run({"targets", "--framework", "g.yaml", "--data", "g.csv", "--summary", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("{\"id\": \"a\", \"kind\": \"indicator\", \"of\": \"value\", \"target\": 1, "
                       "\"deadline\": 2027, \"period\": \"2024\", \"region\": \"g1\", "
                       "\"achieved\": 0, \"on_track\": 2, \"off_track\": 0, \"no_data\": 0, "
                       "\"total\": 2}"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"period\": \"2024\", \"region\": \"g2\", \"achieved\": 0, \"on_track\": "
                       "0, \"off_track\": 1, \"no_data\": 0, \"total\": 1}"),
            std::string::npos)
      << r.out;
}

// ---- merged units ------------------------------------------------------------------------

// a merges by the mean (the default), b by the population-weighted mean.
const char* merge_spec = R"(chiso: 1
id: merge
indicators:
  - {id: a, method: identity}
  - {id: b, method: identity, merge: {weighted_mean: pop}}
nodes:
  - {id: top, children: {a: 1, b: 1}}
)";
const char* merge_data = "unit,a,b,pop\np1,0.25,0.5,1\np2,0.75,0.25,3\np3,0.5,1,2\n";
const char* merge_map = "old,new\np1,m\np2,m\np3,p3\n";

TEST_F(time_cli, merged_unit_is_the_declared_combination_of_its_predecessors) {
  // m = p1 + p2: a = (.25 + .75) / 2 = .5; b = (1 * .5 + 3 * .25) / (1 + 3) = 1.25 / 4 = .3125;
  // top = (.5 + .3125) / 2 = .40625. p3 maps to itself: a .5, b 1, top .75. Ranks p3 1, m 2.
  write("m.yaml", merge_spec);
  write("d.csv", merge_data);
  write("map.csv", merge_map);
  const auto r =
      run({"score", "--framework", "m.yaml", "--data", "d.csv", "--mapping", "map.csv", "--all"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,top,a,b,rank\nm,0.40625,0.5,0.3125,2\np3,0.75,0.5,1,1\n");
}

TEST_F(time_cli, mapping_applies_to_every_period_of_trend) {
  // 2023 as merge_data; 2024: p1 a .75 b .5, p2 a .75 b .5 -> m a .75, b (.5 + 1.5) / 4 = .5,
  // top .625; p3 a .5 b .5 -> top .5. m: .40625 -> .625 (+.21875), rank 2 -> 1 (+1).
  write("m.yaml", merge_spec);
  write("y23.csv", merge_data);
  write("y24.csv", "unit,a,b,pop\np1,0.75,0.5,1\np2,0.75,0.5,3\np3,0.5,0.5,2\n");
  write("map.csv", merge_map);
  const auto r = run({"trend", "--framework", "m.yaml", "--data", "2023=y23.csv,2024=y24.csv",
                      "--mapping", "map.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "node,unit,from,to,base,score_from,score_to,score_change,rank_from,rank_to,"
                   "rank_change,status\n"
                   "top,m,2023,2024,2023,0.40625,0.625,0.21875,2,1,1,observed\n"
                   "top,p3,2023,2024,2023,0.75,0.5,-0.25,1,2,-1,observed\n");
}

// ---- bad input ---------------------------------------------------------------------------

TEST_F(time_cli, bad_value_in_a_long_file) {
  write("panel.yaml", panel_spec);
  std::string bad = panel_data;
  bad.replace(bad.find("u2,2024,b,0.5"), 13, "u2,2024,b,x.5"); // line 5
  write("panel.csv", bad);
  expect_failure({"score", "--framework", "panel.yaml", "--data", "panel.csv", "--out", "o.csv"}, 2,
                 {"panel.csv:5:4: column 'value': 'x.5'"});
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--out", "o.csv"}, 2,
                 {"panel.csv:5:4"});
}

TEST_F(time_cli, repeated_observation_in_a_long_file) {
  write("panel.yaml", panel_spec);
  write("panel.csv", std::string(panel_data) + "u1,2023,a,0.5\n"); // line 18 repeats line 8
  expect_failure({"targets", "--framework", "panel.yaml", "--data", "panel.csv", "--out", "o.csv"},
                 2, {"panel.csv:18:1", "unit 'u1', indicator 'a', period '2023' repeats line 8"});
}

TEST_F(time_cli, bad_mapping_file) {
  write("m.yaml", merge_spec);
  write("d.csv", merge_data);
  write("map.csv", "old,new\np1,m\np2,\np3,p3\n");
  expect_failure({"score", "--framework", "m.yaml", "--data", "d.csv", "--mapping", "map.csv",
                  "--out", "o.csv"},
                 2, {"map.csv:3:2: column 'new': empty unit id"});
  write("map.csv", "old,new\np1,m\np2,m\np1,p3\n");
  expect_failure({"score", "--framework", "m.yaml", "--data", "d.csv", "--mapping", "map.csv",
                  "--out", "o.csv"},
                 2, {"map.csv:4:1", "old unit 'p1' is mapped to 'p3' here but to 'm' on line 2"});
}

TEST_F(time_cli, data_unit_missing_from_the_mapping) {
  write("m.yaml", merge_spec);
  write("d.csv", std::string(merge_data) + "p4,0.5,0.5,1\n");
  write("map.csv", merge_map);
  expect_failure({"score", "--framework", "m.yaml", "--data", "d.csv", "--mapping", "map.csv",
                  "--out", "o.csv"},
                 2, {"d.csv:5: unit 'p4' of the data is not in the mapping (map.csv)"});
}

TEST_F(time_cli, merge_weight_column_missing_from_the_data) {
  write("m.yaml", merge_spec);
  write("d.csv", "unit,a,b\np1,0.25,0.5\np2,0.75,0.25\np3,0.5,1\n");
  write("map.csv", merge_map);
  expect_failure({"score", "--framework", "m.yaml", "--data", "d.csv", "--mapping", "map.csv",
                  "--out", "o.csv"},
                 2, {"d.csv:1: no column 'pop' (the weight column of a merge rule)"});
  // Without --mapping the weight column is not needed.
  const auto r = run({"score", "--framework", "m.yaml", "--data", "d.csv"});
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(time_cli, command_line_errors_exit_1) {
  write("panel.yaml", panel_spec);
  write("panel.csv", panel_data);
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--from", "2023"}, 1,
                 {"give both --from and --to"});
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--from", "2025",
                  "--to", "2023"},
                 1, {"--from '2025' must come before --to '2023'"});
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--from", "2019",
                  "--to", "2023"},
                 1,
                 {"--from '2019' is not a period of the data (periods: '2023', '2024', '2025')"});
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "panel.csv", "--nodes", "ghost"},
                 1, {"--nodes: 'ghost' is not a node or indicator"});
  expect_failure({"score", "--framework", "panel.yaml", "--data", "2023=a.csv,2023=b.csv"}, 1,
                 {"period '2023' is given twice"});
  expect_failure({"score", "--framework", "panel.yaml", "--data", "2023=a.csv,b.csv"}, 1,
                 {"'b.csv' is not PERIOD=FILE"});
}

TEST_F(time_cli, trend_and_targets_need_what_they_track) {
  write("panel.yaml", panel_spec);
  write("wide.csv", "unit,a,b\nu1,0.5,0.25\nu2,0.25,0.75\n");
  expect_failure({"trend", "--framework", "panel.yaml", "--data", "wide.csv", "--out", "o.csv"}, 2,
                 {"the data has one period; a trend needs two or more"});
  expect_failure({"targets", "--framework", "panel.yaml", "--data", "wide.csv", "--out", "o.csv"},
                 2, {"period (none: the data has one period) is not a number"});
  write("q.csv", "unit,period,indicator,value\nu1,Q1,a,1\nu1,Q1,b,1\nu1,Q2,a,1\nu1,Q2,b,1\n");
  expect_failure({"targets", "--framework", "panel.yaml", "--data", "q.csv", "--out", "o.csv"}, 2,
                 {"period 'Q1' is not a number"});
  write("none.yaml", "chiso: 1\nid: none\nindicators: [{id: a}, {id: b}]\nnodes: [{id: n, "
                     "children: [a, b]}]\n");
  write("panel.csv", panel_data);
  expect_failure({"targets", "--framework", "none.yaml", "--data", "panel.csv", "--out", "o.csv"},
                 2, {"none.yaml declares no targets"});
}

} // namespace
} // namespace chiso_cli_test
