// `chiso uncertainty` and `chiso sensitivity` through the real program: the laws of issue 6
// (zero perturbation collapses every interval; same seed gives identical files on 1 and 2
// threads; an input without effect has total index 0, the only input that moves ranks has
// total index near 1), a replication re-run by index, hand-worked scores, and bad input.

#include "cli/cli_fixture.hpp"

#include <map>
#include <string>
#include <vector>

namespace chiso_cli_test {
namespace {

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

/// Rows of a CSV text as maps header → cell (no quoted fields in these tests).
std::vector<std::map<std::string, std::string>> table(const std::string& text) {
  const auto ls = lines(text);
  std::vector<std::map<std::string, std::string>> out;
  if (ls.empty()) return out;
  const auto head = cells(ls[0]);
  for (std::size_t k = 1; k < ls.size(); ++k) {
    const auto c = cells(ls[k]);
    EXPECT_EQ(c.size(), head.size()) << ls[k];
    std::map<std::string, std::string> row;
    for (std::size_t j = 0; j < head.size() && j < c.size(); ++j)
      row[head[j]] = c[j];
    out.push_back(std::move(row));
  }
  return out;
}

class robust_cli : public cli {
protected:
  void SetUp() override {
    cli::SetUp();
    if (IsSkipped()) return;
    write("tiny.yaml", tiny_spec);
    write("data.csv", tiny_data);
  }
};

// Nominal tiny scores (cli_fixture.hpp): top = 0, 0.9375, 0.5625 → ranks u1 3, u2 1, u3 2.
// Weights × U(1 − 0, 1 + 0) are the nominal weights: every replication is the nominal model.
TEST_F(robust_cli, zero_perturbation_collapses_every_interval) {
  write("zero.yaml", "chiso_robustness: 1\nreplications: 50\nseed: 7\ntrack: [p]\n"
                     "inputs:\n  - {id: w, type: weights, nodes: all, uniform: 0}\n");
  const auto r = run({"uncertainty", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                      "zero.yaml", "--out", "u.csv", "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, ""); // --quiet: no summary
  const auto rows = table(read("u.csv"));
  ASSERT_EQ(rows.size(), 6u); // top and p, 3 units each
  const std::map<std::string, std::string> top_rank = {{"u1", "3"}, {"u2", "1"}, {"u3", "2"}};
  const std::map<std::string, std::string> top_score = {
      {"u1", "0"}, {"u2", "0.9375"}, {"u3", "0.5625"}};
  // p = (a + 3b)/4 = 0, 0.875, 0.625 → ranks 3, 1, 2.
  const std::map<std::string, std::string> p_score = {
      {"u1", "0"}, {"u2", "0.875"}, {"u3", "0.625"}};
  for (const auto& row : rows) {
    const auto& u = row.at("unit");
    const bool top = row.at("node") == "top";
    EXPECT_TRUE(top || row.at("node") == "p");
    EXPECT_EQ(row.at("nominal_rank"), top_rank.at(u)); // p ranks the units the same way
    EXPECT_EQ(row.at("nominal_score"), top ? top_score.at(u) : p_score.at(u));
    for (const char* k : {"rank_mean", "rank_median", "rank_lower", "rank_upper"})
      EXPECT_EQ(row.at(k), top_rank.at(u)) << k << " of " << u;
    for (const char* k : {"score_mean", "score_median", "score_lower", "score_upper"})
      EXPECT_EQ(row.at(k), row.at("nominal_score")) << k << " of " << u;
    EXPECT_EQ(row.at("missing"), "0");
  }
}

const char* moving_choices = "chiso_robustness: 1\nreplications: 200\nseed: 11\n"
                             "inputs:\n"
                             "  - {id: w, type: weights, nodes: all, uniform: 0.9}\n"
                             "  - {id: norm, type: normalisation,\n"
                             "     alternatives: [minmax:0:1, zscore:0:1]}\n"
                             "  - {id: drop, type: leave_out, indicators: [a, b, c],\n"
                             "     include_none: true}\n";

TEST_F(robust_cli, same_seed_same_files_on_one_and_two_threads) {
  write("m.yaml", moving_choices);
  for (const char* t : {"1", "2"}) {
    const std::string s = t;
    const auto r = run({"uncertainty", "--framework", "tiny.yaml", "--data", "data.csv",
                        "--choices", "m.yaml", "--threads", s, "--out", "u" + s + ".csv", "--draws",
                        "d" + s + ".csv", "--samples", "s" + s + ".csv"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("200 replications of 3 uncertain inputs (seed 11, " + s + " thread"),
              std::string::npos)
        << r.out;
  }
  EXPECT_EQ(read("u1.csv"), read("u2.csv"));
  EXPECT_EQ(read("d1.csv"), read("d2.csv"));
  EXPECT_EQ(read("s1.csv"), read("s2.csv"));
  EXPECT_EQ(lines(read("d1.csv")).size(), 201u); // header + 200 replications
  EXPECT_EQ(lines(read("s1.csv")).size(), 601u); // header + 200 × 3 units (root only)
  // The ranks do move: some replication ranks a unit away from its nominal rank.
  bool moved = false;
  for (const auto& row : table(read("u1.csv")))
    moved = moved || row.at("rank_lower") != row.at("rank_upper");
  EXPECT_TRUE(moved);
}

// Replication K re-run alone equals what the full run recorded for it, and its scores are the
// hand calculation for the draws it reports.
TEST_F(robust_cli, replicate_reproduces_a_replication) {
  write("drop.yaml", "chiso_robustness: 1\nreplications: 40\nseed: 3\n"
                     "inputs:\n  - {id: drop, type: leave_out, indicators: [b, c]}\n");
  ASSERT_EQ(run({"uncertainty", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                 "drop.yaml", "--draws", "d.csv", "--samples", "s.csv", "--out", "u.csv"})
                .code,
            0);
  // Find a replication that left out b: then p = a, top = (a + c)/2 = 0, 0.75, 0.75 →
  // u2 and u3 tie at rank 1 (competition ranks 1-1-3), u1 3.
  std::string k;
  for (const auto& row : table(read("d.csv")))
    if (row.at("drop") == "b") {
      k = row.at("replication");
      break;
    }
  ASSERT_FALSE(k.empty()) << "no replication of 40 left out b:\n" << read("d.csv");
  const auto r = run({"uncertainty", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                      "drop.yaml", "--replicate", k});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("replication " + k + " of the run seeded 3 drew:\n  drop: b"),
            std::string::npos)
      << r.err;
  const auto rows = table(r.out);
  ASSERT_EQ(rows.size(), 3u);
  const std::map<std::string, std::pair<std::string, std::string>> want = {
      {"u1", {"0", "3"}}, {"u2", {"0.75", "1"}}, {"u3", {"0.75", "1"}}};
  std::map<std::string, std::string> rank_in_run;
  for (const auto& row : table(read("s.csv")))
    if (row.at("replication") == k) rank_in_run[row.at("unit")] = row.at("rank");
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("top"), want.at(row.at("unit")).first);
    EXPECT_EQ(row.at("rank"), want.at(row.at("unit")).second);
    EXPECT_EQ(row.at("rank"), rank_in_run.at(row.at("unit")));
  }
}

// Weights perturbed by ±90% move the ranking (u3 overtakes u2 when
// w_p·(w_a − w_b)/(w_a + w_b) > w_c, e.g. w_a = 1.9, w_b = 0.3, w_p = 1.9, w_c = 0.1); rescaling
// every indicator to [0, 100] instead of [0, 1] scales every score by 100 and moves no rank. With
// y_AB^(norm) = y_A exactly, Jansen's total index of the rescaling is ½·mean((y_A − y_AB)²)/V = 0,
// and y_AB^(w) = y_B exactly (the normalisation drawn in A does not matter), so the weights' total
// index ½·mean((y_A − y_B)²)/V estimates V/V = 1.
TEST_F(robust_cli, sensitivity_dominant_and_idle_inputs) {
  write("sa.yaml", "chiso_robustness: 1\nseed: 5\nsensitivity: {n: 400, bootstrap: 200}\n"
                   "inputs:\n"
                   "  - {id: w, type: weights, nodes: all, uniform: 0.9}\n"
                   "  - {id: scale, type: normalisation, alternatives: [minmax:0:1, "
                   "minmax:0:100]}\n");
  const auto r = run({"sensitivity", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                      "sa.yaml", "--out", "sa.csv", "--units", "units.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("N = 400, 2 uncertain inputs: 1600 model runs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Moves ranks most: 'w'"), std::string::npos) << r.out;
  const auto rows = table(read("sa.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("input"), "w");
  EXPECT_GT(std::stod(rows[0].at("total")), 0.8);
  EXPECT_LE(std::stod(rows[0].at("total_lower")), std::stod(rows[0].at("total")));
  EXPECT_GE(std::stod(rows[0].at("total_upper")), std::stod(rows[0].at("total")));
  EXPECT_EQ(rows[1].at("input"), "scale");
  EXPECT_EQ(rows[1].at("total"), "0");
  EXPECT_LT(std::abs(std::stod(rows[1].at("first"))), 0.2);
  EXPECT_EQ(lines(read("units.csv")).size(), 7u); // header + 3 units × 2 inputs
  // Same seed, two threads: the same bytes.
  ASSERT_EQ(run({"sensitivity", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                 "sa.yaml", "--out", "sa2.csv", "--threads", "2", "--quiet"})
                .code,
            0);
  EXPECT_EQ(read("sa.csv"), read("sa2.csv"));
}

TEST_F(robust_cli, json_output_parses_to_the_same_numbers) {
  write("zero.yaml", "chiso_robustness: 1\nreplications: 5\n"
                     "inputs:\n  - {id: w, type: weights, uniform: 0}\n");
  const auto r = run({"uncertainty", "--framework", "tiny.yaml", "--data", "data.csv", "--choices",
                      "zero.yaml", "--format", "json", "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"replications\": 5"), std::string::npos);
  EXPECT_NE(r.out.find("{\"unit\": \"u2\", \"name\": \"Huế\", \"nominal_score\": 0.9375, "
                       "\"nominal_rank\": 1, \"rank\": {\"mean\": 1, \"median\": 1, "
                       "\"lower\": 1, \"upper\": 1}"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("{\"replication\": 4, \"choices\": {\"w\": "), std::string::npos);
}

TEST_F(robust_cli, bad_input_fails_cleanly) {
  write("bad.yaml", "chiso_robustness: 1\ninputs:\n"
                    "  - {id: w, type: weights, nodes: [top, nope], uniform: 0.2}\n");
  write("ok.yaml", "chiso_robustness: 1\nreplications: 10\n"
                   "inputs:\n  - {id: w, type: weights, uniform: 0.2}\n");
  const std::vector<std::string> base = {"--framework", "tiny.yaml", "--data", "data.csv"};
  auto with = [&](std::string cmd, std::vector<std::string> more) {
    std::vector<std::string> a{std::move(cmd)};
    a.insert(a.end(), base.begin(), base.end());
    a.insert(a.end(), more.begin(), more.end());
    return a;
  };
  expect_failure(with("uncertainty", {"--out", "u.csv"}), 1, {"--choices FILE is required"});
  expect_failure(with("uncertainty", {"--choices", "bad.yaml", "--out", "u.csv"}), 2,
                 {"bad.yaml:3:", "unknown node 'nope'"});
  expect_failure(with("uncertainty", {"--choices", "ok.yaml", "--replicate", "10"}), 1,
                 {"numbers them 0 to 9"});
  expect_failure(with("uncertainty", {"--choices", "ok.yaml", "--replications", "0"}), 1,
                 {"--replications must be a whole number from 1"});
  expect_failure(with("uncertainty", {"--choices", "ok.yaml", "--track", "zz"}), 1,
                 {"unknown node or indicator 'zz'"});
  expect_failure(with("uncertainty", {"--choices", "ok.yaml", "--out", "no/such/dir/u.csv"}), 2,
                 {"no/such/dir"});
  expect_failure(with("sensitivity", {"--choices", "ok.yaml", "--confidence", "1"}), 1,
                 {"--confidence must be a number between 0 and 1"});
  expect_failure(with("sensitivity", {"--choices", "missing.yaml", "--out", "s.csv"}), 2,
                 {"missing.yaml"});
}

} // namespace
} // namespace chiso_cli_test
