// Tests of round.hpp: decimal rounding half away from zero on the shortest decimal text, as
// published tables (DTI values to 4 decimals) and Excel's ROUND do it.
#include <chiso/round.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace chiso_test::round_test {

using chiso::round_decimal;

TEST(round, half_up_on_the_digits_shown) {
  // 0.50045 is stored as 0.50044999999999995044… and 0.50045·1e4 evaluates to
  // 5004.499999999999, so rounding the binary value gives 0.5004; the text "0.50045" gives
  // 0.5005. Likewise 1.005 (stored 1.00499999999999989…) → 1.01, where std::round gives 1.00.
  EXPECT_EQ(std::round(0.50045 * 1e4) / 1e4, 0.5004); // why round_decimal exists
  EXPECT_EQ(round_decimal(0.50045, 4), 0.5005);
  EXPECT_EQ(std::round(1.005 * 100) / 100, 1.0);
  EXPECT_EQ(round_decimal(1.005, 2), 1.01);
  // 0.12345 (stored 0.12345000000000000417…) → 0.1235; 2.675 (stored 2.67499999…) → 2.68
  EXPECT_EQ(round_decimal(0.12345, 4), 0.1235);
  EXPECT_EQ(round_decimal(2.675, 2), 2.68);
  // below half goes down, above half goes up
  EXPECT_EQ(round_decimal(0.12344, 4), 0.1234);
  EXPECT_EQ(round_decimal(0.123451, 4), 0.1235);
  EXPECT_EQ(round_decimal(0.56785, 4), 0.5679);
}

TEST(round, negatives_away_from_zero) {
  EXPECT_EQ(round_decimal(-0.12345, 4), -0.1235);
  EXPECT_EQ(round_decimal(-2.5, 0), -3.0);
  EXPECT_EQ(round_decimal(-1.25, 1), -1.3);
  EXPECT_EQ(round_decimal(-1.24, 1), -1.2);
}

TEST(round, carries) {
  EXPECT_EQ(round_decimal(0.99995, 4), 1.0); // 0.9999|5 → 1.0000
  EXPECT_EQ(round_decimal(9.9995, 3), 10.0); // carry into a new leading digit
  EXPECT_EQ(round_decimal(99.5, 0), 100.0);
  EXPECT_EQ(round_decimal(0.0995, 3), 0.1); // 0.099|5 → 0.100
  EXPECT_EQ(round_decimal(-0.99995, 4), -1.0);
  EXPECT_EQ(round_decimal(199.96, 1), 200.0); // 199.9|6 → 200.0
}

TEST(round, zero_digits) {
  EXPECT_EQ(round_decimal(2.5, 0), 3.0);
  EXPECT_EQ(round_decimal(2.4999, 0), 2.0);
  EXPECT_EQ(round_decimal(0.5, 0), 1.0);
  EXPECT_EQ(round_decimal(0.4, 0), 0.0);
  EXPECT_EQ(round_decimal(7.0, 0), 7.0);
}

TEST(round, values_already_short_come_back_unchanged) {
  EXPECT_EQ(round_decimal(0.5, 4), 0.5);
  EXPECT_EQ(round_decimal(0.1, 4), 0.1);
  EXPECT_EQ(round_decimal(123.0, 2), 123.0);
  EXPECT_EQ(round_decimal(0.1234, 4), 0.1234);
  // 0.1 + 0.2 prints as 0.30000000000000004 (17 decimals): 16 rounds it, 17 leaves it
  EXPECT_EQ(round_decimal(0.1 + 0.2, 16), 0.3);
  EXPECT_EQ(round_decimal(0.1 + 0.2, 17), 0.1 + 0.2);
  EXPECT_EQ(round_decimal(0.1 + 0.2, 40), 0.1 + 0.2); // beyond 17 significant digits: no-op
}

TEST(round, non_finite_and_tiny) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(std::isnan(round_decimal(std::numeric_limits<double>::quiet_NaN(), 4)));
  EXPECT_EQ(round_decimal(inf, 4), inf);
  EXPECT_EQ(round_decimal(-inf, 4), -inf);
  EXPECT_EQ(round_decimal(1e-20, 4), 0.0);
  // a negative value rounding to zero gives +0, so it never prints as "-0"
  EXPECT_EQ(round_decimal(-1e-20, 4), 0.0);
  EXPECT_FALSE(std::signbit(round_decimal(-1e-20, 4)));
  EXPECT_FALSE(std::signbit(round_decimal(-0.00004, 4)));
  EXPECT_EQ(round_decimal(-0.00005, 4), -0.0001);
  // the smallest subnormal fits the buffer: 4.9e-324 → 0; kept at 400 decimals
  EXPECT_EQ(round_decimal(std::numeric_limits<double>::denorm_min(), 4), 0.0);
  EXPECT_EQ(round_decimal(std::numeric_limits<double>::denorm_min(), 400),
            std::numeric_limits<double>::denorm_min());
}

TEST(round, large_values) {
  EXPECT_EQ(round_decimal(1e20, 4), 1e20);
  EXPECT_EQ(round_decimal(123456789.123456, 2), 123456789.12);
  EXPECT_EQ(round_decimal(1e15 + 0.5, 0), 1e15 + 1); // 1000000000000000.5 → …001
  EXPECT_EQ(round_decimal(std::numeric_limits<double>::max(), 2),
            std::numeric_limits<double>::max());
  EXPECT_EQ(round_decimal(-std::numeric_limits<double>::max(), 0),
            -std::numeric_limits<double>::max());
}

TEST(round, negative_digits_is_misuse) {
  try {
    (void)round_decimal(1.5, -1);
    FAIL() << "no usage_error";
  } catch (const chiso::usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("digits must be >= 0, got -1"), std::string::npos)
        << e.what();
  }
}

} // namespace chiso_test::round_test
