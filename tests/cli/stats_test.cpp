// `chiso stats` on the tiny framework of cli_fixture.hpp, results worked by hand below.

#include "cli/cli_fixture.hpp"

#include <string>

namespace chiso_cli_test {
namespace {

class stats : public cli {
protected:
  void SetUp() override {
    cli::SetUp();
    if (IsSkipped()) return;
    write("tiny.yaml", tiny_spec);
    write("data.csv", tiny_data);
  }
};

// Raw columns of tiny_data (3 units):
//   a = 0, 32, 64:  mean 96/3 = 32, d = −32, 0, 32, Σd² = 2048, sd = √(2048/2) = 32;
//                   Σd³ = 0 → skew 0; kurtosis needs 4 values → empty;
//                   type-7 quartiles 16 and 48, fences −32 and 96 → no outlier.
//   b = 10, 26, 18: mean 18, d = −8, 8, 0, sd = √(128/2) = 8, skew 0.
//   c = 5, 1, 3:    mean 3, d = 2, −2, 0, sd = √(8/2) = 2, skew 0.
// Structure, on the scores (see commands_test.cpp): a = 0, .5, 1; b = 0, 1, .5;
// c = 0, 1, .5 (direction −1); p = (a + 3b)/4 = 0, .875, .625; top = (p + c)/2.
//   Under top: dp = −.5, .375, .125; dc = −.5, .5, 0; Σdpdc = .25 + .1875 = .4375,
//   Σdp² = .25 + .140625 + .015625 = .40625, Σdc² = .5,
//   r(p, c) = .4375/√(.203125) ≈ 0.970725 ≥ 0.9 → p and c flagged collinear.
//   Under p: r(a, b) = (.25 + 0 + 0)/√(.5·.5) = 0.5; r(a, p) ≈ 0.693, r(b, p) ≈ 0.971 > 0.
const char* tiny_stats_csv = "id,coverage,n,min,max,mean,sd,skew,kurtosis,n_outliers,flags\n"
                             "a,1,3,0,64,32,32,0,,0,\n"
                             "b,1,3,10,26,18,8,0,,0,\n"
                             "c,1,3,1,5,3,2,0,,0,collinear_with:p\n";

TEST_F(stats, csv_table_by_hand) {
  const auto r =
      run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, tiny_stats_csv);
  EXPECT_EQ(r.err, "");
}

TEST_F(stats, out_file_defaults_to_csv) {
  const auto r = run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--out", "s.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read("s.csv"), tiny_stats_csv);
}

// Per node (children's scores):
//   top: items p, c: σ²(p) = .40625/2 = .203125, σ²(c) = .25, cov = .4375/2 = .21875;
//        ΣC_ii = .453125, ΣC_ij = .453125 + 2·.21875 = .890625 = 57/64;
//        α = 2·(1 − .453125/.890625) = 2·(28/64)/(57/64) = 56/57 ≈ 0.9825;
//        PC1 explains (1 + r)/2 = (1 + 0.970725)/2 ≈ 0.9854. Level 3 (p is level 2).
//   p:   items a, b: σ² = .25 each, cov = .25/2 = .125; α = 2·(1 − .5/.75) = 2/3 ≈ 0.6667;
//        PC1 explains (1 + 0.5)/2 = 0.75.
TEST_F(stats, out_dir_writes_four_tables) {
  fs::create_directories(work_ / "res");
  const auto r = run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--out-dir", "res",
                      "--digits", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read("res/nodes.csv"), "node,level,children,alpha,alpha_n,pc1_explained,pca_n\n"
                                   "top,3,2,0.9825,3,0.9854,3\n"
                                   "p,2,2,0.6667,3,0.7500,3\n");
  EXPECT_EQ(read("res/flags.csv"), "kind,node,child,sibling,r,n\n"
                                   "collinear,top,p,c,0.9707,3\n");
  // Raw correlations: r(a, b) = 0.5 as above (same deviations up to scale);
  // r(a, c): d = −32, 0, 32 and 2, −2, 0 → Σ = −64, √(2048·8) = 128 → −0.5;
  // r(b, c): d = −8, 8, 0 and 2, −2, 0 → Σ = −32, √(128·8) = 32 → −1.
  EXPECT_EQ(read("res/correlation.csv"), "id,a,b,c\n"
                                         "a,1.0000,0.5000,-0.5000\n"
                                         "b,0.5000,1.0000,-1.0000\n"
                                         "c,-0.5000,-1.0000,1.0000\n");
  EXPECT_EQ(lines(read("res/stats.csv")).size(), 4u);
  EXPECT_EQ(files(), (std::set<std::string>{"tiny.yaml", "data.csv", "res"}));
}

TEST_F(stats, level_all_lists_every_node) {
  const auto r = run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--level", "all",
                      "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_EQ(l.size(), 6u); // header, a, b, c, top, p
  EXPECT_EQ(l[1].substr(0, 2), "a,");
  EXPECT_EQ(l[4].substr(0, 4), "top,");
  // p's scores 0, .875, .625: mean 1.5/3 = 0.5; it is top's child, collinear with c.
  EXPECT_EQ(l[5].substr(0, 4), "p,1,");
  EXPECT_NE(l[5].find(",0.5,"), std::string::npos) << l[5];
  EXPECT_EQ(l[5].substr(l[5].size() - 16), "collinear_with:c");
  EXPECT_EQ(l[3].substr(l[3].size() - 16), "collinear_with:p");
}

TEST_F(stats, text_summary_on_stdout) {
  const auto r = run({"stats", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Khung thử nghiệm (tiny): 3 units"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Structure flags: 1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("node 'p' and 'c' (children of 'top') correlate strongly: pearson r = "
                       "0.971 over 3 units (flagged at r >= 0.900)"),
            std::string::npos)
      << r.out;
}

TEST_F(stats, json_holds_everything) {
  const auto r = run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--format", "json",
                      "--corr", "spearman"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* s : {"\"level\": \"raw\"", "\"correlation_method\": \"spearman\"",
                        "\"units\": 3", "\"flags\": [\"collinear_with:p\"]",
                        "\"kind\": \"collinear\"", "\"pca\": {\"status\": \"ok\""})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << "\n" << r.out;
  // Spearman on ranks: p = 0, .875, .625 and c = 0, 1, .5 have the same ranks 1, 3, 2: ρ = 1.
  EXPECT_NE(r.out.find("\"r\": 1, \"n\": 3"), std::string::npos) << r.out;
}

TEST_F(stats, usage_errors) {
  const std::vector<std::string> base = {"stats", "--framework", "tiny.yaml", "--data", "data.csv"};
  auto with = [&](std::initializer_list<std::string> more) {
    auto v = base;
    v.insert(v.end(), more);
    return v;
  };
  expect_failure(with({"--level", "raws"}), 1,
                 {"--level must be raw, prepared, normalised or all"});
  expect_failure(with({"--corr", "kendall"}), 1, {"--corr must be pearson or spearman"});
  expect_failure(with({"--format", "table"}), 1, {"--format must be text, csv, json or xlsx"});
  expect_failure(with({"--out", "x.csv", "--out-dir", "."}), 1, {"not both"});
  expect_failure(with({"--out-dir", ".", "--format", "json"}), 1, {"--out-dir writes CSV files"});
}

TEST_F(stats, input_errors_leave_no_file) {
  expect_failure(
      {"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--out-dir", "nowhere"}, 2,
      {"'nowhere' is not an existing directory"});
  write("bad.csv", "unit,a,b,c\nu1,1,abc,3\n");
  expect_failure({"stats", "--framework", "tiny.yaml", "--data", "bad.csv", "--out", "s.csv"}, 2,
                 {"bad.csv:2:3", "'abc' is not a number"});
}

} // namespace
} // namespace chiso_cli_test
