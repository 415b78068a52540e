// What chiso::core alone (the headers and Eigen, no libchiso) offers: the methods one column or
// one node at a time, ranking and rounding. This program links chiso::core only, so it fails to
// link if any of these needs the compiled library; the ctest `core_only` runs it. Expected
// values are worked out by hand in the comments. Prints "chiso core ok" on success.
#include <chiso/aggregate/arithmetic_mean.hpp>
#include <chiso/normalise/min_max.hpp>
#include <chiso/points/ratio.hpp>
#include <chiso/rank.hpp>
#include <chiso/round.hpp>

#include <cmath>
#include <iostream>
#include <string>
#include <vector>

namespace {

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

  if (!diags.empty()) {
    std::cerr << "unexpected diagnostic: " << diags.front().message << '\n';
    ++failures;
  }
  if (failures != 0) return 1;
  std::cout << "chiso core ok\n";
  return 0;
}
