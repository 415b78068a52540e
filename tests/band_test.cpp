// Tests of band.hpp: ordered thresholds → band index (HDI: UNDP Human Development Report
// technical notes, very high ≥ 0.800, high ≥ 0.700, medium ≥ 0.550, low below).
#include <chiso/band.hpp>

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace chiso_test::band_test {

namespace {
const std::vector<chiso::band> hdi{
    {"very high", 0.800}, {"high", 0.700}, {"medium", 0.550}, {"low"}}; // "low" catches the rest
}

TEST(band, hdi_thresholds_are_inclusive_lower_bounds) {
  EXPECT_EQ(chiso::classify(hdi, 0.961), 0);
  EXPECT_EQ(chiso::classify(hdi, 0.800), 0);
  EXPECT_EQ(chiso::classify(hdi, 0.7999), 1);
  EXPECT_EQ(chiso::classify(hdi, 0.700), 1);
  EXPECT_EQ(chiso::classify(hdi, 0.6999), 2);
  EXPECT_EQ(chiso::classify(hdi, 0.550), 2);
  EXPECT_EQ(chiso::classify(hdi, 0.5499), 3);
  EXPECT_EQ(chiso::classify(hdi, 0.0), 3);
}

TEST(band, catch_all_takes_everything_below_including_minus_infinity) {
  EXPECT_EQ(chiso::classify(hdi, -1e300), 3);
  EXPECT_EQ(chiso::classify(hdi, -std::numeric_limits<double>::infinity()), 3);
  EXPECT_EQ(hdi[3].min, -std::numeric_limits<double>::infinity());
}

TEST(band, without_catch_all_scores_below_every_band_have_none) {
  const std::vector<chiso::band> egdi{{"very high", 0.75}, {"high", 0.50}, {"middle", 0.25}};
  EXPECT_EQ(chiso::classify(egdi, 0.30), 2);
  EXPECT_EQ(chiso::classify(egdi, 0.2499), -1);
}

TEST(band, missing_score_has_no_band) {
  EXPECT_EQ(chiso::classify(hdi, std::numeric_limits<double>::quiet_NaN()), -1);
}

TEST(band, no_bands_gives_none) {
  EXPECT_EQ(chiso::classify({}, 0.5), -1);
}

} // namespace chiso_test::band_test
