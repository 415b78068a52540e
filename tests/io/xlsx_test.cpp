// Tests for chiso/io/xlsx.hpp: sheet rules, number formats, atomic and reproducible files.
// The cells themselves are read back by an independent reader (openpyxl) in
// python/tests/test_xlsx.py.

#include "chiso/io/xlsx.hpp"

#include "chiso/error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace chiso_test::xlsx_test {

namespace {

namespace fs = std::filesystem;
using chiso::io::column_type;
using chiso::io::table;
using chiso::io::workbook;
using chiso::io::xlsx_sheet;
using ::testing::HasSubstr;

table small_table() {
  table t({{"unit"}, {"score", column_type::number, 2}});
  t.row().text("ha-noi").number(0.1 + 0.2);
  t.row().text("cao-bang").missing();
  return t;
}

std::string usage_message(workbook& w, xlsx_sheet s) {
  try {
    w.add(std::move(s));
  } catch (const chiso::usage_error& e) {
    return e.what();
  }
  return "";
}

std::string bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class xlsx_files : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chiso_xlsx_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::size_t n_files() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }
  fs::path dir_;
};

TEST(xlsx, number_formats_show_the_digits) {
  EXPECT_EQ(chiso::io::xlsx_number_format(0), "0");
  EXPECT_EQ(chiso::io::xlsx_number_format(2), "0.00");
  EXPECT_EQ(chiso::io::xlsx_number_format(4), "0.0000");
  EXPECT_THROW(chiso::io::xlsx_number_format(-1), chiso::usage_error);
}

TEST(xlsx, sheet_names_follow_excels_rules) {
  workbook w;
  w.add({"scores", small_table()});
  EXPECT_THAT(usage_message(w, {"Scores", small_table()}), HasSubstr("already taken"));
  EXPECT_THAT(usage_message(w, {"", small_table()}), HasSubstr("empty"));
  EXPECT_THAT(usage_message(w, {"a/b", small_table()}), HasSubstr("[ ] : * ? / \\"));
  EXPECT_THAT(usage_message(w, {"'quoted'", small_table()}), HasSubstr("apostrophe"));
  EXPECT_THAT(usage_message(w, {std::string(32, 'x'), small_table()}), HasSubstr("31"));
  // 31 characters of Vietnamese text are fine (counted in characters, not bytes).
  EXPECT_EQ(usage_message(w, {"Chỉ số chuyển đổi số cấp tỉnh 3", small_table()}), "");
  EXPECT_EQ(w.sheets().size(), 2u);
}

TEST(xlsx, labels_must_match_the_columns_and_rows_be_complete) {
  workbook w;
  EXPECT_THAT(usage_message(w, {"s", small_table(), {"only one"}}), HasSubstr("1 labels for 2"));
  table t({{"a"}, {"b"}});
  t.row().text("x");
  EXPECT_THAT(usage_message(w, {"t", t}), HasSubstr("incomplete"));
  EXPECT_TRUE(w.sheets().empty());
}

TEST_F(xlsx_files, writes_the_same_bytes_for_the_same_tables) {
  workbook w({3, "Bảng"});
  w.add({"scores", small_table(), {"", "Điểm"}, 1});
  w.write(dir_ / "a.xlsx");
  w.write(dir_ / "b.xlsx");
  const auto a = bytes(dir_ / "a.xlsx");
  EXPECT_EQ(a.substr(0, 2), "PK"); // a zip container
  EXPECT_EQ(a, bytes(dir_ / "b.xlsx"));
  EXPECT_EQ(n_files(), 2u); // no temporary file left
}

TEST_F(xlsx_files, a_failure_leaves_no_file_and_the_old_one_untouched) {
  { std::ofstream(dir_ / "out.xlsx") << "old"; }
  table t({{"text"}});
  t.row().text(std::string(32768, 'x')); // beyond Excel's 32,767 characters per cell
  workbook w;
  w.add({"s", t});
  try {
    w.write(dir_ / "out.xlsx");
    FAIL() << "expected chiso::error";
  } catch (const chiso::error& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("sheet 's' cell A2"));
    EXPECT_THAT(std::string(e.what()), HasSubstr("32768 characters"));
  }
  EXPECT_EQ(bytes(dir_ / "out.xlsx"), "old");
  EXPECT_EQ(n_files(), 1u);
}

TEST_F(xlsx_files, a_missing_directory_is_named_before_writing) {
  workbook w;
  w.add({"s", small_table()});
  try {
    w.write(dir_ / "missing" / "x.xlsx");
    FAIL() << "expected chiso::error";
  } catch (const chiso::error& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("does not exist"));
  }
  EXPECT_THROW(workbook::check_target(dir_), chiso::error); // a directory, not a file
  EXPECT_THROW(workbook().write(dir_ / "empty.xlsx"), chiso::usage_error); // no sheet
  EXPECT_EQ(n_files(), 0u);
}

} // namespace chiso_test::xlsx_test
