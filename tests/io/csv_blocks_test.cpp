// Tests of the bulk path of the wide CSV readers (src/csv/wide_rows.cpp): a text large enough
// to be split into several blocks of rows reads the same at 1 and 2 threads, bit for bit, and
// a problem far into the file is reported as the sequential reading would report it.
// Expected values come from the generator below (cell (r, j) holds r * 1000 + j, written
// exactly), not from the reader.

#include "chiso/io/csv.hpp"
#include "chiso/io/framework_data.hpp"
#include "support/values.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace chiso_test::csv_blocks_test {

namespace {

using chiso::input_error;
using chiso::io::parse_wide_csv;
using chiso::io::wide_options;

constexpr std::size_t n_rows = 40000; // ~10 MB of text: three blocks of 4 MB
constexpr std::size_t n_cols = 20;

/// unit,x00,...,x19 with cell (r, j) = r * 1000 + j; every 97th cell empty, every 89th NA.
std::string big_text() {
  std::string t = "unit";
  for (std::size_t j = 0; j < n_cols; ++j)
    t += ",x" + std::to_string(100 + j).substr(1);
  t += '\n';
  for (std::size_t r = 0; r < n_rows; ++r) {
    t += "u" + std::to_string(r);
    for (std::size_t j = 0; j < n_cols; ++j) {
      const std::size_t k = r * n_cols + j;
      t += ',';
      if (k % 97 == 0) continue;
      if (k % 89 == 0) {
        t += "NA";
        continue;
      }
      t += std::to_string(r * 1000 + j) + ".25";
    }
    t += '\n';
  }
  return t;
}

double expected(std::size_t r, std::size_t j) {
  const std::size_t k = r * n_cols + j;
  if (k % 97 == 0 || k % 89 == 0) return std::nan("");
  return static_cast<double>(r * 1000 + j) + 0.25;
}

chiso::dataset read_at(const std::string& text, unsigned threads) {
  wide_options o;
  o.threads = threads;
  return parse_wide_csv(text, "big.csv", o);
}

std::string error_at(const std::string& text, unsigned threads) {
  return error_of<input_error>([&] { read_at(text, threads); });
}

/// Line (1-based) of data row r: the header is line 1.
std::string line_of(std::size_t r) {
  return std::to_string(r + 2);
}

TEST(csv_blocks, many_blocks_read_every_cell_in_place) {
  const std::string text = big_text();
  ASSERT_GT(text.size(), std::size_t{8} << 20); // more than two blocks
  const auto d = read_at(text, 2);
  ASSERT_EQ(d.values.rows(), static_cast<Eigen::Index>(n_rows));
  ASSERT_EQ(d.values.cols(), static_cast<Eigen::Index>(n_cols));
  EXPECT_EQ(d.unit_ids.front(), "u0");
  EXPECT_EQ(d.unit_ids.back(), "u" + std::to_string(n_rows - 1));
  std::size_t wrong = 0;
  for (std::size_t r = 0; r < n_rows; ++r)
    for (std::size_t j = 0; j < n_cols; ++j) {
      const double want = expected(r, j);
      const double got = d.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j));
      wrong += !(got == want || (std::isnan(want) && std::isnan(got)));
    }
  EXPECT_EQ(wrong, 0u);
}

TEST(csv_blocks, one_and_two_threads_are_bit_identical) {
  const std::string text = big_text();
  const auto a = read_at(text, 1);
  const auto b = read_at(text, 2);
  EXPECT_EQ(a.unit_ids, b.unit_ids);
  EXPECT_EQ(a.columns, b.columns);
  ASSERT_EQ(a.values.size(), b.values.size());
  EXPECT_EQ(std::memcmp(a.values.data(), b.values.data(),
                        static_cast<std::size_t>(a.values.size()) * sizeof(double)),
            0);
}

TEST(csv_blocks, first_problem_in_reading_order_whatever_the_threads) {
  std::string text = big_text();
  // A duplicate unit in the last block and a bad number in the middle one: the bad number
  // comes first in the file.
  const std::size_t late = n_rows - 10, middle = n_rows / 2;
  auto row_start = [&](std::size_t r) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k <= r; ++k)
      pos = text.find('\n', pos) + 1;
    return pos;
  };
  {
    const std::size_t p = row_start(late);
    text.replace(p, text.find(',', p) - p, "u7");
  }
  const std::string dup = "big.csv:" + line_of(late) +
                          ":1: column 'unit': duplicate unit id 'u7' "
                          "(first on line " +
                          line_of(7) + ")";
  EXPECT_EQ(error_at(text, 1), dup);
  EXPECT_EQ(error_at(text, 2), dup);
  {
    const std::size_t p = row_start(middle);
    const std::size_t c = text.find(',', text.find(',', p) + 1) + 1; // field 3
    text.replace(c, text.find(',', c) - c, "1,5");
  }
  // "1,5" splits the cell in two: the row has one field too many, but its field 3 ('1') is a
  // number; the first problem is the extra field at the end of the row.
  const std::string more = "big.csv:" + line_of(middle) +
                           ":22: row has more fields than the 21 "
                           "columns of the header (line 1)";
  EXPECT_EQ(error_at(text, 1), more);
  EXPECT_EQ(error_at(text, 2), more);
  {
    const std::size_t p = row_start(middle - 5000);
    const std::size_t c = text.find(',', p) + 1; // field 2
    text.replace(c, text.find(',', c) - c, "12abc");
  }
  const std::string bad = "big.csv:" + line_of(middle - 5000) +
                          ":2: column 'x00': '12abc' is not "
                          "a number (expected a decimal number such as 12, -0.5 or 1.5e3; leave "
                          "the cell empty or write NA if the value is missing)";
  EXPECT_EQ(error_at(text, 1), bad);
  EXPECT_EQ(error_at(text, 2), bad);
}

TEST(csv_blocks, quotes_anywhere_take_the_sequential_path_with_the_same_values) {
  std::string text = big_text();
  const std::size_t p = text.find('\n', text.size() / 2) + 1; // a row in the middle
  const std::size_t c = text.find(',', p);
  text.insert(c, "\"");
  text.insert(p, "\"");
  const auto a = read_at(text, 2);
  const auto b = read_at(big_text(), 2);
  EXPECT_EQ(a.unit_ids, b.unit_ids);
  EXPECT_EQ(std::memcmp(a.values.data(), b.values.data(),
                        static_cast<std::size_t>(a.values.size()) * sizeof(double)),
            0);
}

TEST(csv_blocks, framework_data_problems_do_not_depend_on_threads) {
  std::string text = big_text();
  // Three bad cells and an empty unit id spread over the blocks.
  for (const std::size_t r : {std::size_t{3}, n_rows / 3, n_rows / 2, n_rows - 2}) {
    std::size_t pos = 0;
    for (std::size_t k = 0; k <= r; ++k)
      pos = text.find('\n', pos) + 1;
    const std::size_t c = text.find(',', pos);
    if (r == n_rows / 2)
      text.erase(pos, c - pos); // empty unit id
    else
      text.replace(c + 1, text.find(',', c + 1) - c - 1, "x");
  }
  const auto path = std::filesystem::temp_directory_path() / "chiso_csv_blocks_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  chiso::framework f;
  f.id = "f";
  for (const char* id : {"x00", "x05"}) {
    chiso::indicator ind;
    ind.id = id;
    f.indicators.push_back(ind);
  }
  const chiso::io::data_layout layout;
  const auto a = chiso::io::read_framework_data(path, layout, f, "", {}, 1);
  const auto b = chiso::io::read_framework_data(path, layout, f, "", {}, 2);
  std::filesystem::remove(path);
  EXPECT_EQ(a.problems, b.problems);
  ASSERT_EQ(a.problems.size(), 4u);
  EXPECT_THAT(a.problems[0], ::testing::HasSubstr(":5:2: column 'x00': 'x' is not a number"));
  EXPECT_THAT(a.problems[2],
              ::testing::HasSubstr(":" + line_of(n_rows / 2) + ":1: column 'unit': empty unit id"));
  EXPECT_EQ(a.data.unit_lines.size(), n_rows);
  EXPECT_EQ(a.data.unit_lines.back(), n_rows + 1);
  EXPECT_EQ(std::memcmp(a.data.values.data(), b.data.values.data(),
                        static_cast<std::size_t>(a.data.values.size()) * sizeof(double)),
            0);
}

} // namespace

} // namespace chiso_test::csv_blocks_test
