// COINr import: the ASEM example of COINr (tests/data/spec/coinr/asem_*.csv, copied from
// COINr's ASEM data set: 49 indicators in 8 sub-pillars, 2 pillars and an index, 51
// countries), and the errors of a bad iMeta, each with file, line and column.

#include "chiso/io/coinr.hpp"
#include "chiso/io/csv.hpp"
#include "chiso/score.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace chiso_test::coinr_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;

const std::filesystem::path dir = std::filesystem::path(CHISO_SOURCE_DIR) / "tests/data/spec/coinr";
const auto meta_path = dir / "asem_iMeta.csv";
const auto data_path = dir / "asem_iData.csv";

std::string meta_error(std::string_view text) {
  try {
    (void)io::parse_coinr_meta(text, "m.csv");
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

const node& node_of(const framework& f, const std::string& id) {
  const auto* n = f.find_node(id);
  if (!n) throw std::runtime_error("no node " + id);
  return *n;
}

std::vector<std::string> child_ids(const node& n) {
  std::vector<std::string> out;
  for (const auto& c : n.children)
    out.push_back(c.id);
  return out;
}

// ---- an independent reference: raw columns, min-max to [0, 100] by loops, means ----------

/// Raw column `name` of the iData file, one value per unit (NaN when missing), read through
/// the CSV table reader only.
std::vector<double> raw(const std::string& name) {
  const auto t = io::read_csv_table(data_path);
  const auto c = t.column_index(name);
  if (c == io::csv_table::npos) throw std::runtime_error("no column " + name);
  std::vector<double> v;
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string cell(t.cell(r, c));
    v.push_back(cell.empty() || cell == "NA" ? std::nan("") : std::stod(cell));
  }
  return v;
}

std::size_t unit_row(const std::string& code) {
  const auto t = io::read_csv_table(data_path);
  const auto c = t.column_index("uCode");
  for (std::size_t r = 0; r < t.n_rows(); ++r)
    if (t.cell(r, c) == code) return r;
  throw std::runtime_error("no unit " + code);
}

/// 100 · (d·x − min d·x) / (max d·x − min d·x) for unit `row`, over the observed values;
/// x = value / denominator when a denominator is named.
double minmax100(const std::string& ind, const std::string& den, int d, std::size_t row) {
  auto x = raw(ind);
  if (!den.empty()) {
    const auto q = raw(den);
    for (std::size_t i = 0; i < x.size(); ++i)
      x[i] /= q[i];
  }
  double lo = INFINITY, hi = -INFINITY;
  for (double v : x)
    if (!std::isnan(v)) {
      lo = std::min(lo, d * v);
      hi = std::max(hi, d * v);
    }
  return 100 * (d * x[row] - lo) / (hi - lo);
}

struct part {
  std::string ind, den;
  int d;
};

/// Equal-weight mean over the indicators the unit has (COINr's default: missing skipped).
double mean_of(const std::vector<part>& parts, std::size_t row) {
  double s = 0;
  int n = 0;
  for (const auto& p : parts) {
    const double v = minmax100(p.ind, p.den, p.d, row);
    if (!std::isnan(v)) {
      s += v;
      ++n;
    }
  }
  return s / n;
}

// ---------------------------------------------------------------------------------------------

TEST(coinr_meta, asem_structure) {
  const auto f = io::read_coinr_meta(meta_path);
  EXPECT_EQ(f.indicators.size(), 49u);
  EXPECT_EQ(f.nodes.size(), 11u); // 8 sub-pillars + 2 pillars + the index
  EXPECT_EQ(f.root, "Index");
  EXPECT_EQ(f.root_id(), "Index");
  EXPECT_EQ(f.id, "Index");
  EXPECT_EQ(f.name, "Sustainable Connectivity");
  EXPECT_TRUE(f.problems().empty());

  EXPECT_EQ(child_ids(node_of(f, "Index")), (std::vector<std::string>{"Conn", "Sust"}));
  EXPECT_EQ(child_ids(node_of(f, "Conn")),
            (std::vector<std::string>{"Physical", "ConEcFin", "Political", "Instit", "P2P"}));
  EXPECT_EQ(child_ids(node_of(f, "Sust")),
            (std::vector<std::string>{"Environ", "Social", "SusEcFin"}));
  EXPECT_EQ(child_ids(node_of(f, "Physical")),
            (std::vector<std::string>{"LPI", "Flights", "Ship", "Bord", "Elec", "Gas", "ConSpeed",
                                      "Cov4G"}));
  EXPECT_EQ(child_ids(node_of(f, "Political")),
            (std::vector<std::string>{"Embs", "IGOs", "UNVote"}));
  EXPECT_EQ(child_ids(node_of(f, "Social")),
            (std::vector<std::string>{"Poverty", "Palma", "TertGrad", "FreePress", "TolMin", "NGOs",
                                      "CPI", "FemLab", "WomParl"}));
  for (const auto& n : f.nodes) {
    EXPECT_TRUE(std::holds_alternative<aggregate::arithmetic_mean>(n.aggregation));
    for (const auto& c : n.children)
      EXPECT_EQ(c.weight, 1.0) << n.id << "/" << c.id;
  }

  const auto* lpi = f.find_indicator("LPI");
  ASSERT_NE(lpi, nullptr);
  EXPECT_EQ(lpi->name, "Logistics Performance Index");
  EXPECT_EQ(lpi->unit, "Score 1-5");
  EXPECT_EQ(lpi->target, 4.11803135);
  EXPECT_EQ(lpi->denominator, "");
  EXPECT_EQ(lpi->origin, meta_path.string() + ":2");
  const auto& mm = std::get<normalise::min_max>(lpi->method);
  EXPECT_EQ(mm.lo, 0.0);
  EXPECT_EQ(mm.hi, 100.0);
  EXPECT_EQ(f.find_indicator("Flights")->denominator, "Population");
  EXPECT_EQ(f.find_indicator("Goods")->denominator, "GDP");
  EXPECT_EQ(f.find_indicator("CostImpEx")->direction, -1);
  EXPECT_EQ(f.find_indicator("TIRcon")->direction, 1);
  EXPECT_EQ(f.find_indicator("NEET")->direction, -1);
  // Group and Denominator rows are not part of the framework
  EXPECT_EQ(f.find_indicator("GDP"), nullptr);
  EXPECT_EQ(f.find_node("GDP_group"), nullptr);
}

TEST(coinr_data, asem_units_groups_columns) {
  const auto f = io::read_coinr_meta(meta_path);
  const auto d = io::read_coinr_data(data_path, f);
  EXPECT_EQ(d.n_units(), 51u);
  EXPECT_EQ(d.unit_ids.front(), "AUT");
  EXPECT_EQ(d.unit_names.front(), "Austria");
  ASSERT_EQ(d.groups.size(), 4u);
  EXPECT_EQ(d.groups[0].name, "GDP_group");
  EXPECT_EQ(d.groups[3].name, "EurAsia_group");
  EXPECT_EQ(d.groups[3].labels[0], "Europe");
  // 60 columns - uName, uCode, 4 groups, Time = 53 numeric: 49 indicators + 4 denominators
  EXPECT_EQ(d.columns.size(), 53u);
  EXPECT_EQ(d.column_index("Time"), static_cast<std::size_t>(-1));
  EXPECT_NE(d.column_index("Population"), static_cast<std::size_t>(-1));
}

TEST(coinr_data, asem_scores_match_a_hand_computation) {
  const auto f = io::read_coinr_meta(meta_path);
  const auto d = io::read_coinr_data(data_path, f);
  const auto p = plan::compile(f, d.columns);
  result r;
  ASSERT_NO_THROW(r = evaluate(p, d));
  auto score = [&](const std::string& unit, const std::string& node) {
    return r.scores(static_cast<Eigen::Index>(unit_row(unit)),
                    static_cast<Eigen::Index>(p.index(node)));
  };

  // Political for Austria, all by hand from the raw file (Embs 88, IGOs 227,
  // UNVote 42.6391988182863; column ranges Embs [28, 100], IGOs [82, 329],
  // UNVote [35.7557197463119, 43.1860466576031]):
  //   Embs   100·(88 − 28)/(100 − 28)   = 83.333...
  //   IGOs   100·(227 − 82)/(329 − 82)  = 58.704...
  //   UNVote 100·(42.639... − 35.755...)/(43.186... − 35.755...) = 92.640...
  //   Political = (83.333 + 58.704 + 92.640) / 3 = 78.226...
  const double political_aut =
      (100 * (88.0 - 28) / (100 - 28) + 100 * (227.0 - 82) / (329 - 82) +
       100 * (42.6391988182863 - 35.7557197463119) / (43.1860466576031 - 35.7557197463119)) /
      3;
  EXPECT_NEAR(score("AUT", "Political"), political_aut, 1e-9);
  EXPECT_NEAR(political_aut, 78.226, 1e-3);

  // Institutional for Mongolia: three lower-is-better indicators, Tariff missing (mean of 5).
  const std::vector<part> instit{{"CostImpEx", "", -1}, {"Tariff", "", -1}, {"TBTs", "", -1},
                                 {"TIRcon", "", 1},     {"RTAs", "", 1},    {"Visa", "", 1}};
  EXPECT_TRUE(std::isnan(raw("Tariff")[unit_row("MNG")]));
  EXPECT_NEAR(score("MNG", "Instit"), mean_of(instit, unit_row("MNG")), 1e-9);
  EXPECT_NEAR(score("AUT", "Instit"), mean_of(instit, unit_row("AUT")), 1e-9);

  // Economic and financial connectivity: every indicator divided by GDP first.
  const std::vector<part> conecfin{{"Goods", "GDP", 1},
                                   {"Services", "GDP", 1},
                                   {"FDI", "GDP", 1},
                                   {"PRemit", "GDP", 1},
                                   {"ForPort", "GDP", 1}};
  EXPECT_NEAR(score("VNM", "ConEcFin"), mean_of(conecfin, unit_row("VNM")), 1e-9);
  EXPECT_NEAR(score("BRN", "ConEcFin"), mean_of(conecfin, unit_row("BRN")), 1e-9); // ForPort NA

  // The index is the mean of the two pillars, each the mean of its sub-pillars.
  const double conn = (score("AUT", "Physical") + score("AUT", "ConEcFin") +
                       score("AUT", "Political") + score("AUT", "Instit") + score("AUT", "P2P")) /
                      5;
  const double sust =
      (score("AUT", "Environ") + score("AUT", "Social") + score("AUT", "SusEcFin")) / 3;
  EXPECT_NEAR(score("AUT", "Index"), (conn + sust) / 2, 1e-9);
}

TEST(coinr_meta, errors_gathered_with_positions) {
  const std::string text = "iCode,iName,Level,Direction,Weight,Type,Parent\n"
                           "a,A,1,1,1,Indicator,P\n"
                           "b,B,1,2,1,Indicator,P\n"  // line 3: Direction (field 4) is 2
                           "c,C,1,1,1,Indikator,P\n"  // line 4: Type (field 6) is misspelt
                           "d,D,1,1,NA,Indicator,P\n" // line 5: Weight (field 5) missing
                           "e,E,1,1,1,Indicator,Q\n"  // line 6: Parent (field 7) unknown
                           "P,Pillar,2,1,1,Aggregate,NA\n";
  EXPECT_EQ(meta_error(text),
            "m.csv: 4 errors in the COINr iMeta:\n"
            "  m.csv:3:4: column 'Direction': Direction must be 1 or -1, got '2'\n"
            "  m.csv:4:6: column 'Type': unknown type 'Indikator' (allowed: Indicator, Aggregate, "
            "Group, Denominator, Other)\n"
            "  m.csv:5:5: column 'Weight': 'd' needs a weight (empty or NA)\n"
            "  m.csv:6:7: column 'Parent': parent 'Q' is not an iCode of this file");
}

TEST(coinr_meta, structure_errors) {
  // a parent two levels up
  EXPECT_EQ(
      meta_error("iCode,iName,Level,Direction,Weight,Type,Parent\n"
                 "a,A,1,1,1,Indicator,Idx\n"
                 "b,B,1,1,1,Indicator,P\n"
                 "P,Pillar,2,1,1,Aggregate,Idx\n"
                 "Idx,Index,3,1,NA,Aggregate,NA\n"),
      "m.csv:2:7: column 'Parent': parent 'Idx' is at Level 3, expected Level 2 (one above 'a')");
  // two aggregates at the top level
  EXPECT_EQ(meta_error("iCode,iName,Level,Direction,Weight,Type,Parent\n"
                       "a,A,1,1,1,Indicator,P\n"
                       "b,B,1,1,1,Indicator,Q\n"
                       "P,Pillar,2,1,1,Aggregate,NA\n"
                       "Q,Pillar,2,1,1,Aggregate,NA\n"),
            "m.csv: several aggregates share the highest level 2 ('P' (line 4), 'Q' (line 5)): "
            "COINr needs a single index at the top");
  // a required column missing
  EXPECT_EQ(meta_error("iCode,iName,Level,Direction,Weight,Type\na,A,1,1,1,Indicator\n"),
            "m.csv:1: not a COINr iMeta file: missing column 'Parent' (columns seen: iCode, iName, "
            "Level, Direction, Weight, Type)");
  // a denominator that no row declares
  EXPECT_EQ(meta_error("iCode,iName,Level,Direction,Weight,Type,Parent,Denominator\n"
                       "a,A,1,1,1,Indicator,P,Pop\n"
                       "P,Pillar,2,1,1,Aggregate,NA,NA\n"),
            "m.csv:2:8: column 'Denominator': denominator 'Pop' is not an iCode of this file "
            "(declare it as a Denominator row)");
  // semantic problems keep the line of the node
  EXPECT_EQ(meta_error("iCode,iName,Level,Direction,Weight,Type,Parent\n"
                       "a,A,1,1,0,Indicator,P\n"
                       "P,Pillar,2,1,1,Aggregate,NA\n"),
            "m.csv:3: node 'P': weights of its children sum to 0");
}

TEST(coinr_data, missing_columns_named_together) {
  const auto f = io::parse_coinr_meta("iCode,iName,Level,Direction,Weight,Type,Parent,Denominator\n"
                                      "a,A,1,1,1,Indicator,P,Pop\n"
                                      "b,B,1,1,1,Indicator,P,NA\n"
                                      "Pop,Population,NA,NA,NA,Denominator,NA,NA\n"
                                      "P,Pillar,2,1,1,Aggregate,NA,NA\n",
                                      "m.csv");
  try {
    (void)io::parse_coinr_data("uCode,uName,Time,a,x_group\nU1,One,2020,1,g\n", "d.csv", f);
    FAIL() << "expected input_error";
  } catch (const input_error& e) {
    EXPECT_STREQ(e.what(), "d.csv:1: the data lacks columns 'Pop' (denominator of indicator 'a'), "
                           "'b' (value of indicator 'b')");
  }
  const auto d =
      io::parse_coinr_data("uCode,uName,Time,a,b,Pop,x_group\nU1,One,2020,1,2,10,g\n", "d.csv", f);
  EXPECT_EQ(d.columns, (std::vector<std::string>{"a", "b", "Pop"}));
  ASSERT_EQ(d.groups.size(), 1u);
  EXPECT_EQ(d.groups[0].labels[0], "g");
  EXPECT_THROW((void)io::read_coinr_meta(dir / "no_such_iMeta.csv"), input_error);
}

} // namespace

} // namespace chiso_test::coinr_test
