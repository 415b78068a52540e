// The chiso program's commands on small inputs whose results are computed by hand below.

#include "cli/cli_fixture.hpp"

#include <cmath>
#include <cstdlib>

namespace chiso_cli_test {
namespace {

using commands = cli;

// Hand calculation for tiny_spec / tiny_data (cli_fixture.hpp):
//   a = (x − 0)/64:        u1 0,  u2 0.5, u3 1
//   b = (x − 10)/16:       u1 0,  u2 1,   u3 0.5
//   c = (−x − (−5))/4:     u1 0,  u2 1,   u3 0.5
//   p = (a + 3b)/4:        u1 0,  u2 3.5/4 = 0.875,  u3 2.5/4 = 0.625
//   top = (p + c)/2:       u1 0,  u2 1.875/2 = 0.9375, u3 1.125/2 = 0.5625
//   rank (descending):     u2 1, u3 2, u1 3;  bands: ≥ 0.5 high, else low
// Every value is a binary fraction, so the shortest text is exact.
const char* tiny_csv = "unit,name,top,p,rank,band\n"
                       "u1,Hà Nội,0,0,3,low\n"
                       "u2,Huế,0.9375,0.875,1,high\n"
                       "u3,Đà Nẵng,0.5625,0.625,2,high\n";

TEST_F(commands, score_csv_bytes) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, tiny_csv);
  EXPECT_EQ(r.err, "");
}

TEST_F(commands, score_out_file_is_written_atomically) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  write("out.csv", "old\n");
  const auto r =
      run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--out", "out.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(read("out.csv"), tiny_csv);
  EXPECT_EQ(files(), (std::set<std::string>{"tiny.yaml", "data.csv", "out.csv"}));
}

TEST_F(commands, bom_and_crlf_are_accepted) {
  write("tiny.yaml", tiny_spec);
  std::string crlf;
  for (char ch : std::string(tiny_data))
    crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
  write("data.csv", "\xEF\xBB\xBF" + crlf);
  const auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, tiny_csv); // output lines end in LF and carry no BOM
}

TEST_F(commands, vietnamese_names_survive_byte_exact) {
  write("tiny.yaml", tiny_spec);
  // Precomposed (NFC) "Hà Nội" and decomposed (NFD) "Huế": no normalisation may happen.
  const std::string nfc = "H\xC3\xA0 N\xE1\xBB\x99i";
  const std::string nfd = "Hu\x65\xCC\x82\xCC\x81"; // e + combining circumflex + acute
  write("data.csv", "unit,name,a,b,c\nu1," + nfc + ",0,10,5\nu2," + nfd +
                        ",32,26,1\nu3,\"Đà Nẵng, TP\",64,18,3\n");
  auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nu1," + nfc + ",0,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nu2," + nfd + ",0.9375,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nu3,\"Đà Nẵng, TP\",0.5625,"), std::string::npos) << r.out; // quoted
  r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"name\": \"" + nfc + "\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"name\": \"" + nfd + "\""), std::string::npos) << r.out;
}

TEST_F(commands, score_json_structure) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r =
      run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto& j = r.out;
  EXPECT_EQ(j.front(), '{');
  EXPECT_EQ(j.substr(j.size() - 2), "}\n");
  EXPECT_NE(
      j.find(
          "\"framework\": {\"id\": \"tiny\", \"name\": \"Khung thử nghiệm\", \"root\": \"top\"}"),
      std::string::npos)
      << j;
  EXPECT_NE(j.find("\"nodes\": [\"top\", \"p\"]"), std::string::npos) << j;
  EXPECT_NE(j.find("{\"unit\": \"u2\", \"name\": \"Huế\", \"scores\": {\"top\": 0.9375, "
                   "\"p\": 0.875}, \"rank\": 1, \"band\": \"high\"}"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("{\"unit\": \"u1\", \"name\": \"Hà Nội\", \"scores\": {\"top\": 0, \"p\": 0}, "
                   "\"rank\": 3, \"band\": \"low\"}"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find("\"diagnostics\": []"), std::string::npos) << j;
  // Balanced brackets outside strings (a tiny well-formedness check).
  int depth = 0;
  bool in_string = false;
  for (std::size_t k = 0; k < j.size(); ++k) {
    const char ch = j[k];
    if (in_string) {
      if (ch == '\\')
        ++k;
      else if (ch == '"')
        in_string = false;
      continue;
    }
    if (ch == '"')
      in_string = true;
    else if (ch == '{' || ch == '[')
      ++depth;
    else if (ch == '}' || ch == ']')
      --depth;
    ASSERT_GE(depth, 0);
  }
  EXPECT_EQ(depth, 0);
  EXPECT_FALSE(in_string);
}

TEST_F(commands, missing_values_are_empty_cells_and_json_null) {
  // u1 lacks a: p = b alone (weights renormalised) = 0; u2 lacks c: top = p alone.
  // Without u1's a, a = (x − 32)/32 over 32, 64: u2 0, u3 1.
  //   p:   u1 (3·0)/3 = 0, u2 (0 + 3·1)/4 = 0.75, u3 (1 + 3·0.5)/4 = 0.625
  //   c over 5, 3 (u2 missing): −x − (−5) over [0, 2]: u1 0, u3 1
  //   top: u1 (0 + 0)/2 = 0, u2 0.75 (c missing), u3 (0.625 + 1)/2 = 0.8125
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,,10,5\nu2,32,26,NA\nu3,64,18,3\n");
  auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--all"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,top,p,a,b,c,rank,band\n"
                   "u1,0,0,,0,0,3,low\n"
                   "u2,0.75,0.75,0,1,,2,high\n"
                   "u3,0.8125,0.625,1,0.5,1,1,high\n");
  r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--all", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"indicators\": {\"a\": null, \"b\": 0, \"c\": 0}"), std::string::npos)
      << r.out;
}

TEST_F(commands, missing_root_has_no_rank_band_or_contributions) {
  // u1 has no value at all. Over u2, u3: a (32, 64) → 0, 1; b (26, 18) → 1, 0;
  // c (−1, −3) → 1, 0.  p: u2 (0 + 3)/4 = 0.75, u3 (1 + 0)/4 = 0.25;
  // top: u2 (0.75 + 1)/2 = 0.875, u3 (0.25 + 0)/2 = 0.125 → ranks 1, 2; bands high, low.
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,NA,,\nu2,32,26,1\nu3,64,18,3\n");
  auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,top,p,rank,band\nu1,,,,\nu2,0.875,0.75,1,high\nu3,0.125,0.25,2,low\n");
  r = run({"explain", "--framework", "tiny.yaml", "--data", "data.csv", "--unit", "u1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("are not shown: the unit's score at 'top' is missing"), std::string::npos)
      << r.out;
}

TEST_F(commands, all_adds_indicator_columns) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--all"});
  ASSERT_EQ(r.code, 0) << r.err;
  // a, b, c from the hand calculation above.
  EXPECT_EQ(r.out, "unit,name,top,p,a,b,c,rank,band\n"
                   "u1,Hà Nội,0,0,0,0,0,3,low\n"
                   "u2,Huế,0.9375,0.875,0.5,1,1,1,high\n"
                   "u3,Đà Nẵng,0.5625,0.625,1,0.5,0.5,2,high\n");
}

TEST_F(commands, digits_round_half_away_on_the_decimal_text) {
  // identity keeps the raw value; a one-child mean returns it (x·1/1 = x exactly).
  // 0.12345 is stored just below 0.12345 and 2.675 just below 2.675; chiso::round_decimal
  // rounds the shortest decimal text half away from zero, as published tables do:
  //   --digits 4: 0.1235 and 2.6750;   --digits 2: 0.12 and 2.68.
  write("id.yaml", "chiso: 1\nid: id\nindicators:\n  - {id: x, method: identity}\n"
                   "nodes:\n  - {id: r, children: [x]}\n");
  write("data.csv", "unit,x\nu1,0.12345\nu2,2.675\n");
  auto r = run({"score", "--framework", "id.yaml", "--data", "data.csv", "--digits", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,r,rank\nu1,0.1235,2\nu2,2.6750,1\n");
  r = run(
      {"score", "--framework", "id.yaml", "--data", "data.csv", "--digits=2", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"scores\": {\"r\": 0.12}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"scores\": {\"r\": 2.68}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"digits\": 2"), std::string::npos) << r.out;
}

TEST_F(commands, digits_on_repeating_fractions) {
  // p = (a + 2b)/3: u2 (0.5 + 2)/3 = 0.83333…, u3 (1 + 1)/3 = 0.66666…
  // top = (p + c)/2: u2 (0.8333… + 1)/2 = 0.91666…, u3 (0.6666… + 0.5)/2 = 0.58333…
  std::string spec = tiny_spec;
  spec.replace(spec.find("{a: 1, b: 3}"), 12, "{a: 1, b: 2}");
  write("t.yaml", spec);
  write("data.csv", tiny_data);
  const auto r = run({"score", "--framework", "t.yaml", "--data", "data.csv", "--digits", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,rank,band\n"
                   "u1,Hà Nội,0.0000,0.0000,3,low\n"
                   "u2,Huế,0.9167,0.8333,1,high\n"
                   "u3,Đà Nẵng,0.5833,0.6667,2,high\n");
}

TEST_F(commands, ranks_of_every_node_and_indicator) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  // From the hand calculation above, descending competition ranks:
  //   p: u1 0 → 3, u2 0.875 → 1, u3 0.625 → 2
  //   a: u1 0 → 3, u2 0.5 → 2, u3 1 → 1;  b and c: u1 0 → 3, u2 1 → 1, u3 0.5 → 2
  auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--all", "--ranks"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,a,b,c,rank,rank_p,rank_a,rank_b,rank_c,band\n"
                   "u1,Hà Nội,0,0,0,0,0,3,3,3,3,3,low\n"
                   "u2,Huế,0.9375,0.875,0.5,1,1,1,1,2,1,1,high\n"
                   "u3,Đà Nẵng,0.5625,0.625,1,0.5,0.5,2,2,1,2,2,high\n");
  r = run(
      {"score", "--framework", "tiny.yaml", "--data", "data.csv", "--ranks", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"rank\": 1, \"ranks\": {\"p\": 1}"), std::string::npos) << r.out;
  r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--ranks", "--table"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("--ranks applies to CSV and JSON output"), std::string::npos) << r.err;
}

TEST_F(commands, ranks_within_groups) {
  // One indicator, identity, root = x. Groups A: u1 0.3, u2 0.9, u4 0.9 → 3, 1, 1 (competition);
  // B: u3 0.5, u5 0.7 → 2, 1.
  write("g.yaml", "chiso: 1\nid: g\nranking: {group_by: region}\n"
                  "indicators:\n  - {id: x, method: identity}\n"
                  "nodes:\n  - {id: r, children: [x]}\n");
  write("data.csv", "unit,region,x\nu1,A,0.3\nu2,A,0.9\nu3,B,0.5\nu4,A,0.9\nu5,B,0.7\n");
  auto r = run({"score", "--framework", "g.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,region,r,rank\n"
                   "u1,A,0.3,3\n"
                   "u2,A,0.9,1\n"
                   "u3,B,0.5,2\n"
                   "u4,A,0.9,1\n"
                   "u5,B,0.7,1\n");
  // The table is sorted by group (first appearance), then rank, ties in data order.
  r = run({"score", "--framework", "g.yaml", "--data", "data.csv", "--table", "--digits", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> units;
  for (const auto& l : lines(r.out)) {
    const auto w = words(l);
    if (w.size() == 4 && w[1].size() == 2 && w[1][0] == 'u') units.push_back(w[1] + ":" + w[0]);
  }
  EXPECT_EQ(units, (std::vector<std::string>{"u2:1", "u4:1", "u1:3", "u5:1", "u3:2"})) << r.out;
}

TEST_F(commands, aggregate_override) {
  // --aggregate min: p = min(a, b): u1 0, u2 min(0.5, 1) = 0.5, u3 min(1, 0.5) = 0.5;
  // top = min(p, c): u1 0, u2 min(0.5, 1) = 0.5, u3 min(0.5, 0.5) = 0.5 → ranks 3, 1, 1.
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r =
      run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--aggregate", "min"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,rank,band\n"
                   "u1,Hà Nội,0,0,3,low\n"
                   "u2,Huế,0.5,0.5,1,high\n"
                   "u3,Đà Nẵng,0.5,0.5,1,high\n");
}

TEST_F(commands, aggregate_override_benefit_of_the_doubt) {
  // --aggregate bod (children normalised to [0, 1] as above: a 0, 0.5, 1; b 0, 1, 0.5;
  // c 0, 1, 0.5). p = BoD(a, b): u2 = (0.5, 1) reaches 1 with v = (0, 1) (u3 then scores 0.5),
  // u3 = (1, 0.5) reaches 1 with v = (1, 0); u1 = (0, 0) scores 0 whatever v.
  // top = BoD(p, c): u2 = (1, 1) reaches 1 with v = (1, 0); u3 = (1, 0.5) with v = (1, 0);
  // u1 0 → ranks 3, 1, 1.
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r =
      run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--aggregate", "bod"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,rank,band\n"
                   "u1,Hà Nội,0,0,3,low\n"
                   "u2,Huế,1,1,1,high\n"
                   "u3,Đà Nẵng,1,1,1,high\n");
}

TEST_F(commands, normalise_override) {
  // --normalise minmax:0:100: a 0, 50, 100; b 0, 100, 50; c 0, 100, 50.
  //   p = (a + 3b)/4: u2 350/4 = 87.5, u3 250/4 = 62.5
  //   top = (p + c)/2: u2 187.5/2 = 93.75, u3 112.5/2 = 56.25   (bands: all ≥ 0.5 are high)
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto r = run(
      {"score", "--framework", "tiny.yaml", "--data", "data.csv", "--normalise", "minmax:0:100"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,rank,band\n"
                   "u1,Hà Nội,0,0,3,low\n"
                   "u2,Huế,93.75,87.5,1,high\n"
                   "u3,Đà Nẵng,56.25,62.5,2,high\n");
  // --normalise rank (ties share the lowest rank, direction applied):
  //   a 1, 2, 3; b 1, 3, 2; c (−5, −1, −3) 1, 3, 2
  //   p: u1 (1 + 3)/4 = 1, u2 (2 + 9)/4 = 2.75, u3 (3 + 6)/4 = 2.25
  //   top: u1 1, u2 (2.75 + 3)/2 = 2.875, u3 (2.25 + 2)/2 = 2.125
  r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--normalise", "rank"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,top,p,rank,band\n"
                   "u1,Hà Nội,1,1,3,high\n"
                   "u2,Huế,2.875,2.75,1,high\n"
                   "u3,Đà Nẵng,2.125,2.25,2,high\n");
}

TEST_F(commands, score_table_sorted_by_rank) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r =
      run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--table", "--digits", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_GE(l.size(), 7u) << r.out;
  EXPECT_EQ(words(l[2]), (std::vector<std::string>{"rank", "unit", "name", "top", "p", "band"}));
  EXPECT_EQ(words(l[4]), (std::vector<std::string>{"1", "u2", "Huế", "0.9375", "0.8750", "high"}));
  EXPECT_EQ(words(l[5]),
            (std::vector<std::string>{"2", "u3", "Đà", "Nẵng", "0.5625", "0.6250", "high"}));
  EXPECT_EQ(words(l[6]),
            (std::vector<std::string>{"3", "u1", "Hà", "Nội", "0.0000", "0.0000", "low"}));
  // Columns align on screen: "0.9375" ends at the same display column on every row.
  auto end_col = [](const std::string& line, const std::string& what) {
    const auto pos = line.find(what);
    std::size_t cols = 0; // count code points before the end of `what`
    for (std::size_t k = 0; k < pos + what.size(); ++k)
      if ((static_cast<unsigned char>(line[k]) & 0xC0) != 0x80) ++cols;
    return cols;
  };
  EXPECT_EQ(end_col(l[4], "0.9375"), end_col(l[5], "0.5625"));
  EXPECT_EQ(end_col(l[4], "0.9375"), end_col(l[6], "0.0000"));
}

TEST_F(commands, explain_contributions_sum_to_the_score) {
  // u3: path shares top→p 1/2, top→c 1/2, p→a 1/4, p→b 3/4:
  //   a 1/8 · 1 = 0.125, b 3/8 · 0.5 = 0.1875, c 1/2 · 0.5 = 0.25; sum 0.5625 = top.
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = run({"explain", "--framework", "tiny.yaml", "--data", "data.csv", "--unit", "u3"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, std::string> contribution;
  // The indicators table only (the "What it takes" table below also starts rows with ids).
  for (const auto& l : lines(r.out.substr(0, r.out.find("What it takes")))) {
    const auto w = words(l);
    if (!w.empty() && (w[0] == "a" || w[0] == "b" || w[0] == "c")) contribution[w[0]] = w.back();
  }
  EXPECT_EQ(contribution["a"], "0.125") << r.out;
  EXPECT_EQ(contribution["b"], "0.1875") << r.out;
  EXPECT_EQ(contribution["c"], "0.25") << r.out;
  double sum = 0;
  for (const auto& [k, v] : contribution)
    sum += std::strtod(v.c_str(), nullptr);
  EXPECT_EQ(sum, 0.5625);
  EXPECT_NE(r.out.find("add up to 0.5625; the unit's score is 0.5625"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Unit u3 (Đà Nẵng)"), std::string::npos) << r.out;
  // u3 ranks: top 2 of 3, p 2 of 3; indicators a 1, b 2, c 2 (ties in spec order).
  EXPECT_NE(r.out.find("Strengths (best ranks): a (rank 1 of 3), b (rank 2 of 3)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Weaknesses (worst ranks): c (rank 2 of 3)"), std::string::npos) << r.out;
}

TEST_F(commands, explain_json) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = run({"explain", "--framework", "tiny.yaml", "--data", "data.csv", "--unit", "u2",
                      "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  // u2: a 0.5, b 1, c 1; contributions a 1/8·0.5 = 0.0625, b 3/8·1 = 0.375, c 1/2·1 = 0.5.
  EXPECT_NE(
      r.out.find("{\"id\": \"top\", \"name\": \"\", \"score\": 0.9375, \"rank\": 1, \"of\": 3}"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("{\"id\": \"a\", \"name\": \"Chỉ số A\", \"raw\": 32, \"score\": 0.5, "
                       "\"rank\": 2, \"of\": 3, \"contribution\": 0.0625}"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("\"contributions\": {\"node\": \"top\", \"available\": true, \"total\": 0.9375"),
      std::string::npos)
      << r.out;
}

TEST_F(commands, explain_non_additive_says_so) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = run({"explain", "--framework", "tiny.yaml", "--data", "data.csv", "--unit", "u2",
                      "--aggregate", "gmean"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("are not shown: node 'top' is not additive (geometric_mean)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("contribution to"), std::string::npos) << r.out;
}

TEST_F(commands, compare_rank_changes) {
  // change = rank A − rank B: x 1 − 2 = −1, y 2 − 1 = +1, z 3 − 4 = −1; w only in A, v only
  // in B. Sorted by change (desc), then rank B: y, x, z, then w, v.
  write("a.csv", "unit,name,rank\nx,Xã X,1\ny,Y,2\nz,Z,3\nw,W,4\n");
  write("b.csv", "unit,rank\ny,1\nx,2\nz,4\nv,3\n");
  auto r = run({"compare", "a.csv", "b.csv", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,rank_a,rank_b,change,status\n"
                   "y,Y,2,1,1,both\n"
                   "x,Xã X,1,2,-1,both\n"
                   "z,Z,3,4,-1,both\n"
                   "w,W,4,,,only_a\n"
                   "v,,,3,,only_b\n");
  r = run({"compare", "a.csv", "b.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto l = lines(r.out);
  ASSERT_GE(l.size(), 6u) << r.out;
  EXPECT_EQ(words(l[4]), (std::vector<std::string>{"y", "Y", "2", "1", "+1"})) << r.out;
  EXPECT_NE(r.out.find("Only in A (1): 'w'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Only in B (1): 'v'"), std::string::npos) << r.out;
}

TEST_F(commands, compare_outputs_of_score) {
  // Scores of the tiny framework: ranks u1 3, u2 1, u3 2; with --aggregate min: 3, 1, 1.
  // change: u3 2 − 1 = +1, u2 0, u1 0 (ties by rank B: u2 then u1).
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  ASSERT_EQ(run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--out", "a.csv"}).code,
            0);
  ASSERT_EQ(run({"score", "--framework", "tiny.yaml", "--data", "data.csv", "--aggregate", "min",
                 "--out", "b.csv"})
                .code,
            0);
  const auto r = run({"compare", "a.csv", "b.csv", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,rank_a,rank_b,change,status\n"
                   "u3,Đà Nẵng,2,1,1,both\n"
                   "u2,Huế,1,1,0,both\n"
                   "u1,Hà Nội,3,3,0,both\n");
}

TEST_F(commands, compare_key_and_rank_column) {
  write("a.csv", "code,pos\nx,1\ny,2\n");
  write("b.csv", "code,pos\nx,2\ny,1\n");
  const auto r = run(
      {"compare", "a.csv", "b.csv", "--key", "code", "--rank-column", "pos", "--format", "csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,rank_a,rank_b,change,status\ny,2,1,1,both\nx,1,2,-1,both\n");
}

TEST_F(commands, validate_ok) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  auto r = run({"validate", "--framework", "tiny.yaml", "--data", "data.csv"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "ok: 3 indicators, 2 nodes, 3 units\n");
  r = run({"validate", "--framework", "tiny.yaml"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "ok: 3 indicators, 2 nodes (no data checked)\n");
}

TEST_F(commands, unused_columns_are_ignored) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,note,a,b,c\nu1,free text,0,10,5\nu2,,32,26,1\nu3,x,64,18,3\n");
  const auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "unit,top,p,rank,band\nu1,0,0,3,low\nu2,0.9375,0.875,1,high\nu3,0.5625,0.625,2,high\n");
}

TEST_F(commands, diagnostics_name_units_on_stderr) {
  // b is constant: min-max has no spread → b missing for every unit (a column diagnostic);
  // p = a alone, the run still succeeds.
  write("tiny.yaml", tiny_spec);
  write("data.csv", "unit,a,b,c\nu1,0,7,5\nu2,32,7,1\nu3,64,7,3\n");
  auto r = run({"score", "--framework", "tiny.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: indicator 'b'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no spread"), std::string::npos) << r.err;
  // A cell diagnostic names the unit id and its data line: log of a non-positive value.
  write("l.yaml", "chiso: 1\nid: l\nindicators:\n  - {id: x, transform: log}\n"
                  "nodes:\n  - {id: r, children: [x]}\n");
  write("d2.csv", "unit,x\nk1,1\nk2,-3\nk3,4\n");
  r = run({"score", "--framework", "l.yaml", "--data", "d2.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: unit 'k2' (d2.csv:3): indicator 'x'"), std::string::npos) << r.err;
}

TEST_F(commands, presets_list) {
  const auto r = run({"presets"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* id : {"dti-province-922", "dti-ministry-922", "dti-province-1726", "psq-766"})
    EXPECT_NE(r.out.find(std::string(id) + " "), std::string::npos) << id << "\n" << r.out;
  EXPECT_NE(r.out.find("sample: synthetic"), std::string::npos) << r.out;
  EXPECT_GE(lines(r.out).size(), 4u) << r.out;
}

TEST_F(commands, presets_dir_option_and_environment) {
  fs::create_directory(work_ / "p");
  write("p/mine.yaml", tiny_spec);
  auto r = run({"presets", "--presets-dir", "p"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "mine  sample: none       Khung thử nghiệm\n");
  r = run({"presets"}, "CHISO_PRESETS=p");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "mine  sample: none       Khung thử nghiệm\n");
  write("data.csv", tiny_data);
  r = run({"score", "--preset", "mine", "--data", "data.csv"}, "CHISO_PRESETS=p");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, tiny_csv);
  r = run({"presets"}, "CHISO_PRESETS=nowhere");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("CHISO_PRESETS='nowhere': no such directory"), std::string::npos) << r.err;
  r = run({"presets", "--presets-dir", "nowhere"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--presets-dir 'nowhere': no such directory"), std::string::npos) << r.err;
}

TEST_F(commands, preset_with_sample_notes_synthetic) {
  const auto r = run({"score", "--preset", "dti-province-922", "--digits", "4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("SYNTHETIC"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.rfind("unit,name,dti,", 0), 0u) << r.out;
  EXPECT_EQ(lines(r.out).size(), 35u); // header + 34 provinces
}

TEST_F(commands, help_and_version) {
  auto r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("chiso ", 0), 0u) << r.out;
  r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* c : {"score", "validate", "explain", "compare", "presets", "convert-coinr"})
    EXPECT_NE(r.out.find(std::string("  ") + c + " "), std::string::npos) << c;
  for (const char* c : {"score", "validate", "explain", "compare", "presets", "convert-coinr"}) {
    r = run({c, "--help"});
    EXPECT_EQ(r.code, 0) << c;
    EXPECT_EQ(r.out.rfind(std::string("Usage: chiso ") + c, 0), 0u) << r.out;
  }
  r = run({});
  EXPECT_EQ(r.code, 1);
}

TEST_F(commands, convert_coinr_writes_a_spec_that_scores) {
  // iMeta: two indicators under one aggregate, weights 1 and 3; COINr defaults: min-max to
  // [0, 100], arithmetic mean. Data i1 0, 32, 64 → 0, 50, 100; i2 10, 26, 18 → 0, 100, 50.
  //   idx = (i1 + 3·i2)/4: u1 0, u2 350/4 = 87.5, u3 250/4 = 62.5
  write("meta.csv", "iCode,iName,Level,Direction,Weight,Type,Parent\n"
                    "i1,One,1,1,1,Indicator,idx\n"
                    "i2,Two,1,1,3,Indicator,idx\n"
                    "idx,Index,2,1,1,Aggregate,NA\n");
  write("idata.csv", "uCode,uName,i1,i2\nu1,A,0,10\nu2,B,32,26\nu3,C,64,18\n");
  auto r = run({"convert-coinr", "--meta", "meta.csv", "--out", "spec.yaml"});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_TRUE(exists("spec.yaml"));
  write("data.csv", "unit,i1,i2\nu1,0,10\nu2,32,26\nu3,64,18\n");
  r = run({"score", "--framework", "spec.yaml", "--data", "data.csv"});
  ASSERT_EQ(r.code, 0) << r.err << read("spec.yaml");
  EXPECT_EQ(r.out, "unit,idx,rank\nu1,0,3\nu2,87.5,1\nu3,62.5,2\n");
  r = run({"score", "--coinr-meta", "meta.csv", "--data", "idata.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "unit,name,idx,rank\nu1,A,0,3\nu2,B,87.5,1\nu3,C,62.5,2\n");
}

} // namespace
} // namespace chiso_cli_test
