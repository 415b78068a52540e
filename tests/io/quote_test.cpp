// Quoting for messages (io/quote.hpp).

#include "chiso/io/quote.hpp"

#include <gtest/gtest.h>

#include <string>

namespace chiso_test::quote_test {

namespace {

using chiso::io::quote_cell;
using chiso::io::quote_list;

TEST(quote, list_with_a_limit) {
  EXPECT_EQ(quote_list({}), "");
  EXPECT_EQ(quote_list({"a"}), "'a'");
  EXPECT_EQ(quote_list({"a", "b", "c"}), "'a', 'b', 'c'");
  EXPECT_EQ(quote_list({"a", "b", "c"}, 2), "'a', 'b', ... (3 in all)");
}

TEST(quote, cell_escapes_control_characters) {
  EXPECT_EQ(quote_cell("abc"), "'abc'");
  EXPECT_EQ(quote_cell("a\tb\nc\rd"), "'a\\tb\\nc\\rd'");
  EXPECT_EQ(quote_cell(std::string("a\x01z")), "'a?z'");
}

TEST(quote, long_cell_cut_at_a_character_boundary) {
  // 59 ASCII bytes then "ệ" (3 bytes: E1 BB 87): byte 60 falls inside it, so it is dropped.
  const std::string s = std::string(59, 'x') + "\xE1\xBB\x87" + "tail";
  EXPECT_EQ(quote_cell(s), "'" + std::string(59, 'x') + "...'");
  // Exactly 60 bytes: shown whole.
  EXPECT_EQ(quote_cell(std::string(60, 'y')), "'" + std::string(60, 'y') + "'");
}

} // namespace

} // namespace chiso_test::quote_test
