// Tests of time/trend.hpp: score and rank changes, consecutive and between two periods, with
// missing periods handled explicitly (status, last-observed base).
#include <chiso/time/trend.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "support/values.hpp"

namespace chiso_test::trend_test {

using chiso_test::NA;

namespace {

using chiso::time::change_status;

// Four units over four periods (scores, and their descending competition ranks per period):
//            p0          p1          p2          p3
//   P   0.50 (3)    0.55 (1)    0.60 (2)    0.58 (3)
//   Q   0.60 (1)     NA         0.65 (1)    0.70 (1)
//   R   0.55 (2)    0.52 (2)     NA         0.62 (2)
//   S    NA          NA          NA         0.40 (4)
Eigen::MatrixXd scores() {
  Eigen::MatrixXd s(4, 4);
  s << 0.50, 0.55, 0.60, 0.58, //
      0.60, NA, 0.65, 0.70,    //
      0.55, 0.52, NA, 0.62,    //
      NA, NA, NA, 0.40;
  return s;
}
Eigen::MatrixXd ranks() {
  Eigen::MatrixXd r(4, 4);
  r << 3, 1, 2, 3, //
      1, NA, 1, 1, //
      2, 2, NA, 2, //
      NA, NA, NA, 4;
  return r;
}
enum { P, Q, R, S };

} // namespace

TEST(trend, consecutive_changes_sign_conventions) {
  const auto t = chiso::time::consecutive_changes(scores(), ranks());
  ASSERT_EQ(t.score_change.rows(), 4);
  ASSERT_EQ(t.score_change.cols(), 3);
  // P p0 → p1: score 0.55 − 0.50 = +0.05; rank 3rd → 1st: 3 − 1 = +2 (moved up)
  EXPECT_NEAR(t.score_change(P, 0), 0.05, 1e-15);
  EXPECT_EQ(t.rank_change(P, 0), 2.0);
  // P p1 → p2: +0.05, rank 1st → 2nd: 1 − 2 = −1 (moved down although the score rose)
  EXPECT_NEAR(t.score_change(P, 1), 0.05, 1e-15);
  EXPECT_EQ(t.rank_change(P, 1), -1.0);
  // P p2 → p3: 0.58 − 0.60 = −0.02; 2 − 3 = −1
  EXPECT_NEAR(t.score_change(P, 2), -0.02, 1e-15);
  EXPECT_EQ(t.rank_change(P, 2), -1.0);
  // R p0 → p1: 0.52 − 0.55 = −0.03, rank 2 → 2: 0
  EXPECT_NEAR(t.score_change(R, 0), -0.03, 1e-15);
  EXPECT_EQ(t.rank_change(R, 0), 0.0);
  EXPECT_EQ(t.status_at(P, 0), change_status::observed);
  EXPECT_EQ(t.base_period(P, 2), 2);
}

TEST(trend, missing_ends_are_reported) {
  const auto t = chiso::time::consecutive_changes(scores(), ranks());
  EXPECT_EQ(t.status_at(Q, 0), change_status::missing_after);  // 0.60 → NA
  EXPECT_EQ(t.status_at(Q, 1), change_status::missing_before); // NA → 0.65
  EXPECT_EQ(t.status_at(R, 1), change_status::missing_after);
  EXPECT_EQ(t.status_at(R, 2), change_status::missing_before);
  EXPECT_EQ(t.status_at(S, 0), change_status::missing_both);
  EXPECT_EQ(t.status_at(S, 2), change_status::missing_before); // enters at p3
  for (auto [i, c] : {std::pair{Q, 0}, {Q, 1}, {R, 1}, {R, 2}, {S, 0}, {S, 2}}) {
    EXPECT_TRUE(std::isnan(t.score_change(i, c)));
    EXPECT_TRUE(std::isnan(t.rank_change(i, c)));
  }
  EXPECT_EQ(t.base_period(Q, 1), -1);
  // Q p2 → p3: 0.70 − 0.65 = 0.05, rank 1 → 1
  EXPECT_NEAR(t.score_change(Q, 2), 0.05, 1e-15);
  EXPECT_EQ(t.rank_change(Q, 2), 0.0);
}

TEST(trend, last_observed_bridges_gaps) {
  chiso::time::trend_options o;
  o.base = chiso::time::base_policy::last_observed;
  const auto t = chiso::time::consecutive_changes(scores(), ranks(), o);
  // Q p1 → p2 measured from p0 (its last observation): 0.65 − 0.60 = 0.05, rank 1 − 1 = 0
  EXPECT_EQ(t.status_at(Q, 1), change_status::observed);
  EXPECT_EQ(t.base_period(Q, 1), 0);
  EXPECT_NEAR(t.score_change(Q, 1), 0.05, 1e-15);
  EXPECT_EQ(t.rank_change(Q, 1), 0.0);
  // R p2 → p3 measured from p1: 0.62 − 0.52 = 0.10, rank 2 − 2 = 0
  EXPECT_EQ(t.base_period(R, 2), 1);
  EXPECT_NEAR(t.score_change(R, 2), 0.10, 1e-15);
  // a missing later end stays missing: R p1 → p2
  EXPECT_EQ(t.status_at(R, 1), change_status::missing_after);
  EXPECT_TRUE(std::isnan(t.score_change(R, 1)));
  // S never observed before p3: nothing to bridge
  EXPECT_EQ(t.status_at(S, 2), change_status::missing_before);
  EXPECT_EQ(t.base_period(S, 2), -1);
}

TEST(trend, changes_between_any_two_periods) {
  const auto t = chiso::time::changes_between(scores(), ranks(), 0, 3);
  ASSERT_EQ(t.score_change.cols(), 1);
  // p0 → p3: P 0.58 − 0.50 = 0.08, rank 3 − 3 = 0; Q 0.70 − 0.60 = 0.10; R 0.62 − 0.55 = 0.07
  EXPECT_NEAR(t.score_change(P, 0), 0.08, 1e-15);
  EXPECT_EQ(t.rank_change(P, 0), 0.0);
  EXPECT_NEAR(t.score_change(Q, 0), 0.10, 1e-15);
  EXPECT_NEAR(t.score_change(R, 0), 0.07, 1e-15);
  EXPECT_EQ(t.status_at(S, 0), change_status::missing_before);
  // p1 → p2: Q missing at p1; with last_observed measured from p0
  EXPECT_EQ(chiso::time::changes_between(scores(), ranks(), 1, 2).status_at(Q, 0),
            change_status::missing_before);
  chiso::time::trend_options o;
  o.base = chiso::time::base_policy::last_observed;
  const auto b = chiso::time::changes_between(scores(), ranks(), 1, 2, o);
  EXPECT_EQ(b.base_period(Q, 0), 0);
  EXPECT_NEAR(b.score_change(Q, 0), 0.05, 1e-15);
  // P 1st at p1 → 2nd at p2: −1
  EXPECT_EQ(b.rank_change(P, 0), -1.0);
}

TEST(trend, consecutive_equals_pairwise) {
  const auto all = chiso::time::consecutive_changes(scores(), ranks());
  for (Eigen::Index c = 0; c < 3; ++c) {
    const auto one = chiso::time::changes_between(scores(), ranks(), c, c + 1);
    for (Eigen::Index i = 0; i < 4; ++i) {
      EXPECT_EQ(all.status_at(i, c), one.status_at(i, 0));
      if (all.status_at(i, c) == change_status::observed) {
        EXPECT_EQ(all.score_change(i, c), one.score_change(i, 0));
        EXPECT_EQ(all.rank_change(i, c), one.rank_change(i, 0));
      }
    }
  }
}

TEST(trend, bad_input_throws) {
  Eigen::MatrixXd r = ranks();
  r(P, 1) = NA; // score present, rank missing
  try {
    chiso::time::consecutive_changes(scores(), r);
    FAIL() << "no exception";
  } catch (const chiso::usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("unit 0, period 1: the score is present but the rank "
                                         "is missing"),
              std::string::npos);
  }
  r = ranks();
  r(P, 0) = 0; // ranks start at 1
  EXPECT_THROW(chiso::time::consecutive_changes(scores(), r), chiso::usage_error);
  EXPECT_THROW(chiso::time::consecutive_changes(scores(), ranks().leftCols(3)), chiso::usage_error);
  EXPECT_THROW(chiso::time::changes_between(scores(), ranks(), 2, 2), chiso::usage_error);
  EXPECT_THROW(chiso::time::changes_between(scores(), ranks(), 3, 1), chiso::usage_error);
  EXPECT_THROW(chiso::time::changes_between(scores(), ranks(), 0, 4), chiso::usage_error);
  // a single period has no consecutive change
  EXPECT_EQ(chiso::time::consecutive_changes(scores().leftCols(1), ranks().leftCols(1))
                .score_change.cols(),
            0);
}

} // namespace chiso_test::trend_test
