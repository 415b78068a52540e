// What chiso::core alone (the headers and Eigen, no libchiso) offers: the model types built in
// code, the methods one column or one node at a time (a normalisation, a point rule, an
// aggregation, an imputation, an outlier treatment), ranking, bands and rounding. This program
// links chiso::core only, so it fails to link if any of these needs the compiled library; the
// ctest `core_only` runs it. Expected values are worked out by hand in the comments. Prints
// "chiso core ok" on success.
#include <chiso/aggregate/arithmetic_mean.hpp>
#include <chiso/band.hpp>
#include <chiso/framework.hpp>
#include <chiso/impute/by_column.hpp>
#include <chiso/normalise/min_max.hpp>
#include <chiso/points/ratio.hpp>
#include <chiso/rank.hpp>
#include <chiso/round.hpp>
#include <chiso/treat/winmax.hpp>

#include <cmath>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace {

constexpr double NA = std::numeric_limits<double>::quiet_NaN();
int failures = 0;

void expect_eq(const std::string& what, double got, double want) {
  if (!(std::abs(got - want) <= 1e-12)) {
    std::cerr << what << ": got " << got << ", want " << want << '\n';
    ++failures;
  }
}

} // namespace

int main() {
  std::vector<chiso::diagnostic> diags;
  chiso::column_context c;
  c.id = "online";

  // Min-max on the observed range [20, 80]: (x − 20) / 60.
  Eigen::VectorXd x(4), y(4);
  x << 20, 50, 80, 35;
  chiso::diagnostics_sink sink(diags, 0, "online", "indicator");
  chiso::normalise::min_max{}(x, c, y, sink);
  expect_eq("min_max 50", y[1], 0.5);
  expect_eq("min_max 35", y[3], 0.25);

  // Ratio point rule, 10 points, full marks from 0.8: 10 · min(1, x / 0.8).
  chiso::column_context pc = c;
  pc.max_points = 10;
  Eigen::VectorXd share(3), pts(3);
  share << 0.4, 0.8, 0.9;
  chiso::points::ratio{.threshold = 0.8}(share, pc, pts, sink);
  expect_eq("ratio 0.4", pts[0], 5.0);
  expect_eq("ratio 0.9", pts[2], 10.0);

  // Weighted mean of two children, weights 3 and 1: (3a + b) / 4.
  const double a[] = {0.8, 0.4}, b[] = {0.75, 0.9};
  const double* children[] = {a, b};
  const double weights[] = {3, 1};
  double mean[2];
  chiso::aggregate::workspace ws;
  chiso::diagnostics_sink node_sink(diags, 1, "service");
  chiso::aggregate::arithmetic_mean{}({children, weights, 2, 0.0}, mean, ws, node_sink);
  expect_eq("mean A", mean[0], 0.7875);
  expect_eq("mean B", mean[1], 0.525);

  // Competition ranks, descending, on values rounded to 2 decimals: 0.701 and 0.699 tie.
  Eigen::VectorXd s(4), r(4);
  s << 0.701, 0.9, 0.699, 0.5;
  chiso::rank(s, {.round_to = 2}, {}, r);
  expect_eq("rank 0.701", r[0], 2);
  expect_eq("rank 0.699", r[2], 2);
  expect_eq("rank 0.5", r[3], 4);
  expect_eq("round", chiso::round_decimal(0.12345, 4), 0.1235);

  // Bands on the root score: "A" from 0.8, "B" from 0.5, none below.
  const std::vector<chiso::band> bands{{"A", 0.8}, {"B", 0.5}};
  expect_eq("band 0.9", chiso::classify(bands, 0.9), 0);
  expect_eq("band 0.6", chiso::classify(bands, 0.6), 1);
  expect_eq("band 0.2", chiso::classify(bands, 0.2), -1);

  // Column-mean imputation: {1, NaN, 2, 6} → mean 3 fills the gap (one changed cell).
  Eigen::MatrixXd m(4, 1);
  m << 1, NA, 2, 6;
  std::vector<chiso::impute::changed_cell> cells;
  const std::size_t col0[] = {0};
  chiso::impute::by_column(m, col0, chiso::impute::centre::mean, cells);
  expect_eq("imputed", m(1, 0), 3.0);
  expect_eq("imputed cells", static_cast<double>(cells.size()), 1.0);

  // Winmax (COINr's winsorise example): {1, …, 10, 30, 100} fails the skew/kurtosis test; one
  // step sets 100 → 30 and then passes.
  Eigen::MatrixXd w(12, 1);
  w << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100;
  std::vector<chiso::impute::changed_cell> treated;
  const auto t = chiso::treat::winmax(w, col0, {}, treated);
  expect_eq("winmax 100", w(11, 0), 30.0);
  expect_eq("winmax n", static_cast<double>(t.at(0).n_winsorised), 1.0);

  // The model is plain data: a framework built in code, looked up without the engine.
  chiso::framework f;
  f.indicators.push_back({.id = "online", .lower = 0, .upper = 100});
  f.nodes.push_back({.id = "index", .children = {{"online", 1.0}}});
  expect_eq("framework upper", f.find_indicator("online")->upper.value_or(0), 100.0);
  expect_eq("framework node", f.find_node("index") != nullptr, 1.0);

  if (!diags.empty()) {
    std::cerr << "unexpected diagnostic: " << diags.front().message << '\n';
    ++failures;
  }
  if (failures != 0) return 1;
  std::cout << "chiso core ok\n";
  return 0;
}
