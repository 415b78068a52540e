// `chiso score` on a framework that imputes and treats outliers: the scores use the prepared
// values (worked by hand), --prepared lists every changed cell, and a value a treatment cannot
// take is an input error naming the file, line, unit and indicator, with no output written.

#include "cli/cli_fixture.hpp"

#include <string>

namespace chiso_cli_test {
namespace {

// x imputed by the mean within its region; y Box-Cox with λ = 0.5 (2(√y − 1)); both min-max
// to [0, 1]; top = mean(x, y).
const char* prep_spec = R"(chiso: 1
id: prep
impute: {method: group_mean, group: region}
indicators:
  - {id: x, method: {type: min_max, lo: 0, hi: 1}}
  - {id: y, method: {type: min_max, lo: 0, hi: 1}, impute: false,
     treat: {method: box_cox, lambda: 0.5}}
nodes:
  - {id: top, children: [x, y]}
)";

class prepare_cli : public cli {};

TEST_F(prepare_cli, scores_use_the_prepared_values) {
  write("p.yaml", prep_spec);
  // x: u4 (north) ← mean of the observed north values (2 + 4)/2 = 3;
  //    min-max over 2, 6, 10, 3, 4 → 0, 0.5, 1, 0.125, 0.25.
  // y: 2(√y − 1) of 1, 9, 4, 1, 1 → 0, 4, 2, 0, 0; min-max → 0, 1, 0.5, 0, 0.
  // top = mean: 0, 0.75, 0.75, 0.0625, 0.125 → competition ranks 5, 1, 1, 4, 3.
  write("d.csv", "unit,region,x,y\nu1,north,2,1\nu2,south,6,9\nu3,south,10,4\n"
                 "u4,north,,1\nu5,north,4,1\n");
  const auto r =
      run({"score", "--framework", "p.yaml", "--data", "d.csv", "--all", "--prepared", "prep.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,top,x,y,rank\n"
                   "u1,0,0,0,5\n"
                   "u2,0.75,0.5,1,1\n"
                   "u3,0.75,1,0.5,1\n"
                   "u4,0.0625,0.125,0,4\n"
                   "u5,0.125,0.25,0,3\n");
  EXPECT_NE(r.err.find("note: data preparation: 1 cell imputed; box_cox: y"), std::string::npos)
      << r.err;
  EXPECT_EQ(read("prep.csv"), "unit,indicator,step,method,before,after\n"
                              "u4,x,impute,group_mean,,3\n"
                              "u1,y,treat,box_cox,1,0\n"
                              "u2,y,treat,box_cox,9,4\n"
                              "u3,y,treat,box_cox,4,2\n"
                              "u4,y,treat,box_cox,1,0\n"
                              "u5,y,treat,box_cox,1,0\n");
}

TEST_F(prepare_cli, a_value_the_treatment_cannot_take_is_an_input_error) {
  write("p.yaml", prep_spec);
  write("d.csv", "unit,region,x,y\nu1,north,2,1\nu2,south,6,-4\nu3,south,10,4\n");
  expect_failure({"score", "--framework", "p.yaml", "--data", "d.csv", "--out", "s.csv",
                  "--prepared", "prep.csv"},
                 2, {"d.csv:3: unit 'u2': indicator 'y': treat::box_cox", "-4 is not > 0"});
}

TEST_F(prepare_cli, the_imputation_group_column_must_exist) {
  write("p.yaml", prep_spec);
  write("d.csv", "unit,x,y\nu1,2,1\nu2,6,9\n");
  expect_failure({"score", "--framework", "p.yaml", "--data", "d.csv"}, 2,
                 {"no group column 'region' (the spec imputes by it"});
}

TEST_F(prepare_cli, carry_forward_along_the_periods_of_a_long_file) {
  // x carried forward at most 1 year; min-max to [0, 1] per period; top = x.
  // 2023: A 0, B 10. 2024: A missing ← 0 (2023), B 20 → A 0, B 1. 2026: A missing, its last
  // observation 3 years back → left missing; B 5 alone (a constant column: no score).
  write("p.yaml", "chiso: 1\nid: carry\nperiods: {impute: {method: carry_forward, max_gap: 1}}\n"
                  "indicators:\n  - {id: x, method: {type: min_max, lo: 0, hi: 1}}\n"
                  "nodes:\n  - {id: top, children: [x]}\n");
  write("d.csv", "unit,period,indicator,value\nA,2023,x,0\nB,2023,x,10\nA,2024,x,\nB,2024,x,20\n"
                 "A,2026,x,\nB,2026,x,5\n");
  const auto r =
      run({"score", "--framework", "p.yaml", "--data", "d.csv", "--prepared", "prep.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2024,A,0,2\n2024,B,1,1\n"), std::string::npos) << r.out;
  EXPECT_EQ(read("prep.csv"), "period,unit,indicator,step,method,before,after\n"
                              "2024,A,x,impute,carry_forward,,0\n"
                              "2026,A,x,impute,carry_forward,,\n");
}

TEST_F(prepare_cli, stats_of_the_prepared_values) {
  write("p.yaml", prep_spec);
  write("d.csv", "unit,region,x,y\nu1,north,2,1\nu2,south,6,9\nu3,south,10,4\n"
                 "u4,north,,1\nu5,north,4,1\n");
  // Prepared x = 2, 6, 10, 3 (u4 ← the north mean), 4: coverage 1, mean 25/5 = 5;
  // y = 2(√y − 1) = 0, 4, 2, 0, 0: mean 6/5 = 1.2. Raw x: 4 of 5 observed, mean 22/4 = 5.5.
  auto r = run({"stats", "--framework", "p.yaml", "--data", "d.csv", "--level", "prepared",
                "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nx,1,5,2,10,5,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ny,1,5,0,4,1.2,"), std::string::npos) << r.out;
  r = run({"stats", "--framework", "p.yaml", "--data", "d.csv", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nx,0.8,4,2,10,5.5,"), std::string::npos) << r.out;
}

} // namespace
} // namespace chiso_cli_test
