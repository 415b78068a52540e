// AHP weights in a spec file: computed at read time from the pairwise comparison matrix
// (children order), Saaty's consistency ratio checked (reject or warn), errors with positions.

#include "chiso/io/spec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace chiso_test::spec_ahp_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;

std::string spec_with(const std::string& weights) {
  return "chiso: 1\nid: t\nindicators:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n"
         "nodes:\n  - id: r\n    children: [a, b, c]\n    weights: " +
         weights + "\n";
}

// The example of weights/ahp.hpp: a12 = 2, a13 = 4, a23 = 1 is nearly consistent; its
// principal eigenvector is proportional to the row geometric means (1·2·4)^(1/3) = 2,
// (1/2·1·1)^(1/3) = 2^(-1/3), (1/4·1·1)^(1/3) = 4^(-1/3) (for a 3 × 3 reciprocal matrix the
// two coincide), and CR ≈ 0.046 ≤ 0.1: no warning.
TEST(spec_ahp, weights_from_the_matrix) {
  const auto s = io::parse_spec_text(
      spec_with("{type: ahp, matrix: [[1, 2, 4], [0.5, 1, 1], [0.25, 1, 1]]}"), "t.yaml", {});
  const double g1 = 2, g2 = std::pow(2.0, -1.0 / 3), g3 = std::pow(4.0, -1.0 / 3);
  const double sum = g1 + g2 + g3;
  const auto& ch = s.fw.nodes[0].children;
  ASSERT_EQ(ch.size(), 3u);
  EXPECT_NEAR(ch[0].weight, g1 / sum, 1e-12);
  EXPECT_NEAR(ch[1].weight, g2 / sum, 1e-12);
  EXPECT_NEAR(ch[2].weight, g3 / sum, 1e-12);
  EXPECT_TRUE(s.warnings.empty());
  EXPECT_FALSE(s.fw.nodes[0].weights_from);
}

// a12 = 9, a23 = 9 but a13 = 1/9: a cycle of preferences, far above CR 0.1.
const char* cyclic = "[[1, 9, 0.1111], [0.1111, 1, 9], [9, 0.1111, 1]]";

TEST(spec_ahp, inconsistent_matrix_warns_or_is_rejected) {
  const auto s = io::parse_spec_text(spec_with(std::string("{type: ahp, matrix: ") + cyclic + "}"),
                                     "t.yaml", {});
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_THAT(s.warnings[0], HasSubstr("t.yaml:10: "));
  EXPECT_THAT(s.warnings[0], HasSubstr("consistency ratio"));
  try {
    (void)io::parse_spec(
        spec_with(std::string("{type: ahp, consistency: reject, matrix: ") + cyclic + "}"),
        "t.yaml");
    ADD_FAILURE() << "no error";
  } catch (const input_error& e) {
    // Line 10: "    weights: {type: ahp, consistency: reject, matrix: " is 54 characters.
    EXPECT_THAT(e.what(), HasSubstr("t.yaml:10:55: node 'r': 'weights' 'ahp': 'matrix': "));
    EXPECT_THAT(e.what(), HasSubstr("consistency ratio"));
  }
}

TEST(spec_ahp, matrix_shape_and_values_are_checked) {
  auto error_of = [](const std::string& w) {
    try {
      (void)io::parse_spec(spec_with(w), "t.yaml");
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(error_of("{type: ahp, matrix: [[1, 2], [0.5, 1]]}"),
              HasSubstr("expected 3 rows, one per child"));
  EXPECT_THAT(error_of("{type: ahp, matrix: [[1, 2, 4], [0.5, 1], [0.25, 1, 1]]}"),
              HasSubstr("'matrix'[1]: expected 3 numbers, got 2"));
  // Not reciprocal: a12 = 2 but a21 = 3.
  EXPECT_THAT(error_of("{type: ahp, matrix: [[1, 2, 4], [3, 1, 1], [0.25, 1, 1]]}"),
              HasSubstr("the matrix must be reciprocal"));
  EXPECT_THAT(error_of("{type: ahp}"), HasSubstr("missing required key 'matrix'"));
}

} // namespace

} // namespace chiso_test::spec_ahp_test
