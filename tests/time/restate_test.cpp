// Tests of time/restate.hpp: each data column takes the merge rule of the indicators reading it,
// conflicts and missing weight columns are errors, and a restated dataset holds the declared
// combinations (hand-computed below).
#include <chiso/framework.hpp>
#include <chiso/time/restate.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chiso_test::restate_test {

namespace {

using namespace chiso;
using time::combine_rule;

framework two_indicators() {
  framework f;
  f.id = "f";
  indicator share;
  share.id = "share";
  share.denominator = "pop";
  share.merge.rule = combine_rule::sum;
  indicator score;
  score.id = "score";
  score.merge = {combine_rule::weighted_mean, "pop", time::missing_predecessors::skip};
  f.indicators = {share, score};
  node n;
  n.id = "n";
  n.children = {{"share", 1}, {"score", 1}};
  f.nodes = {n};
  return f;
}

TEST(restate, column_rules_follow_the_indicators) {
  // share reads 'share' and its denominator 'pop' (both summed); score is weighted by 'pop';
  // 'extra' is read by no indicator: summed.
  framework f = two_indicators();
  f.indicators[1].merge.rule = combine_rule::weighted_mean;
  const std::vector<std::string> cols{"share", "pop", "score", "extra"};
  const auto r = time::column_rules(f, cols);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].rule, combine_rule::sum);
  EXPECT_EQ(r[1].rule, combine_rule::sum);
  EXPECT_EQ(r[2].rule, combine_rule::weighted_mean);
  EXPECT_EQ(r[2].weight_column, 1u);
  EXPECT_EQ(r[2].missing, time::missing_predecessors::skip);
  EXPECT_EQ(r[3].rule, combine_rule::sum);
  EXPECT_EQ(time::merge_weight_columns(f), (std::vector<std::string>{"pop"}));
}

TEST(restate, two_rules_for_one_column_are_refused) {
  framework f = two_indicators();
  f.indicators[1].column = "share"; // score now reads 'share' too, with another rule
  f.indicators[1].origin = "f.yaml:9";
  const std::vector<std::string> cols{"share", "pop"};
  try {
    (void)time::column_rules(f, cols);
    FAIL() << "expected framework_error";
  } catch (const framework_error& e) {
    EXPECT_STREQ(e.what(), "f.yaml:9: indicator 'score' reads column 'share' with merge rule "
                           "weighted_mean, but indicator 'share' reads it with merge rule sum (a "
                           "column is merged one way: give both the same 'merge')");
  }
}

TEST(restate, weight_column_must_be_in_the_data) {
  const framework f = two_indicators();
  const std::vector<std::string> cols{"share", "score"};
  EXPECT_THROW((void)time::column_rules(f, cols), input_error);
}

TEST(restate, dataset_on_new_units) {
  // A + B -> X. share: sum 10 + 30 = 40; pop: sum 1 + 3 = 4; score: weighted by pop,
  // (1 * 0.25 + 3 * 0.75) / 4 = 2.5 / 4 = 0.625. C -> C unchanged.
  const framework f = two_indicators();
  dataset d;
  d.unit_ids = {"A", "B", "C"};
  d.columns = {"share", "pop", "score"};
  d.values.resize(3, 3);
  d.values << 10, 1, 0.25, 30, 3, 0.75, 5, 2, 0.9;
  time::unit_mapping m;
  m.add("A", "X");
  m.add("B", "X");
  m.add("C", "C");
  const auto r = time::restate(f, d, m);
  EXPECT_EQ(r.data.unit_ids, (std::vector<std::string>{"X", "C"}));
  EXPECT_EQ(r.data.values(0, 0), 40.0);
  EXPECT_EQ(r.data.values(0, 1), 4.0);
  EXPECT_EQ(r.data.values(0, 2), 0.625);
  EXPECT_EQ(r.data.values(1, 2), 0.9);
}

} // namespace

} // namespace chiso_test::restate_test
