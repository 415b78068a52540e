// Tests of weights/equal.hpp: equal weights 1/k.
#include <chiso/weights/equal.hpp>

#include <gtest/gtest.h>

#include <string>

namespace chiso_test::equal_test {

using chiso::weights::equal;

TEST(equal, one_over_k) {
  const auto r = equal(4);
  ASSERT_EQ(r.w.size(), 4);
  for (int j = 0; j < 4; ++j)
    EXPECT_DOUBLE_EQ(r.w[j], 0.25);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(equal, no_children_is_misuse) {
  try {
    equal(0, {"pillar_gov", {}});
    FAIL() << "no throw";
  } catch (const chiso::usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("node 'pillar_gov'"), std::string::npos) << e.what();
  }
}

} // namespace chiso_test::equal_test
