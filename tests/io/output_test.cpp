// Tests for chiso/io/output.hpp: number formatting, escaping, atomic files.

#include "chiso/io/output.hpp"

#include "chiso/io/csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

namespace chiso_test::output_test {

namespace {

namespace fs = std::filesystem;
using chiso::io::atomic_file;
using chiso::io::csv_escape;
using chiso::io::format_double;
using chiso::io::format_fixed;
using chiso::io::json_escape;
using chiso::io::json_number;
using ::testing::HasSubstr;

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

/// A fresh empty directory, removed with its contents at the end of the test.
struct temp_dir {
  fs::path path;
  temp_dir() {
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("chiso_output_test_" + std::to_string(rd()) + "_" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path))
      names.push_back(e.path().filename().string());
    return names;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// ------------------------------------------------------------------ numbers

TEST(format_double, shortest_text) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(1.0), "1");
  EXPECT_EQ(format_double(-2.5), "-2.5");
  EXPECT_EQ(format_double(0.8125), "0.8125");
  EXPECT_EQ(format_double(1e21), "1e+21");
  EXPECT_EQ(format_double(-0.0), "-0");
  EXPECT_EQ(format_double(0.1 + 0.2), "0.30000000000000004"); // 0.1+0.2 != 0.3 in binary
  EXPECT_EQ(format_double(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(format_double(std::numeric_limits<double>::infinity()), "inf");
}

TEST(format_double, round_trips_random_doubles_bit_exact) {
  std::mt19937_64 gen(20240917);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int checked = 0;
  for (int k = 0; k < 10000; ++k) {
    // Half uniform in [0, 1) (typical scores), half random bit patterns (every exponent).
    double x = unit(gen);
    if (k % 2 == 1) {
      const std::uint64_t b = gen();
      std::memcpy(&x, &b, sizeof x);
      if (!std::isfinite(x)) continue;
    }
    const std::string s = format_double(x);
    double back = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), back);
    ASSERT_EQ(ec, std::errc()) << s;
    ASSERT_EQ(ptr, s.data() + s.size()) << s;
    ASSERT_EQ(bits(back), bits(x)) << s;
    // chiso's own reader accepts every finite output too
    ASSERT_EQ(bits(chiso::io::parse_number(s).value), bits(x)) << s;
    ++checked;
  }
  EXPECT_GT(checked, 9900); // only NaN/inf bit patterns (~0.05%) are skipped
}

TEST(format_fixed, rounds_the_decimal_text_half_away_from_zero) {
  // Published tables round the decimal figure a reader sees, half away from zero (Excel ROUND):
  // 2.675 shows as "2.675", so it rounds to 2.68 although the double is 2.67499999...
  EXPECT_EQ(format_fixed(0.8123456, 4), "0.8123");
  EXPECT_EQ(format_fixed(0.81235, 4), "0.8124");
  EXPECT_EQ(format_fixed(0.12345, 4), "0.1235");
  EXPECT_EQ(format_fixed(1.005, 2),
            "1.01"); // the double is 1.00499999...: binary rounding gives 1.00
  EXPECT_EQ(format_fixed(0.125, 2), "0.13");
  EXPECT_EQ(format_fixed(0.375, 2), "0.38");
  EXPECT_EQ(format_fixed(2.675, 2), "2.68");
  EXPECT_EQ(format_fixed(1234.5, 0), "1235");
  EXPECT_EQ(format_fixed(1235.5, 0), "1236");
  EXPECT_EQ(format_fixed(0.99995, 4), "1.0000"); // carry through every digit
  EXPECT_EQ(format_fixed(3.0, 3), "3.000");
  EXPECT_EQ(format_fixed(-1.25, 1), "-1.3");  // half away from zero
  EXPECT_EQ(format_fixed(-0.001, 2), "0.00"); // no "-0.00"
  EXPECT_EQ(format_fixed(-0.0, 1), "0.0");
  EXPECT_EQ(format_fixed(std::numeric_limits<double>::quiet_NaN(), 2), "");
  EXPECT_EQ(format_fixed(1e300, 0).size(), 301u); // 1 followed by 300 digits
  EXPECT_THROW(format_fixed(1.0, -1), chiso::usage_error);
}

// ------------------------------------------------------------------ escaping

TEST(csv_escape, quotes_only_when_needed) {
  EXPECT_EQ(csv_escape("abc"), "abc");
  EXPECT_EQ(csv_escape(""), "");
  EXPECT_EQ(csv_escape("Hà Nội"), "Hà Nội");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_escape("a\nb"), "\"a\nb\"");
  EXPECT_EQ(csv_escape("a\rb"), "\"a\rb\"");
}

TEST(csv_escape, round_trips_through_the_reader) {
  const std::vector<std::string> fields = {"Bà Rịa – Vũng Tàu", "a,b", "\"", "x\r\ny",
                                           "Thừa Thiên Huế"};
  std::string text = "c0,c1,c2,c3,c4\n";
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (k > 0) text += ',';
    text += csv_escape(fields[k]);
  }
  text += "\n";
  const auto t = chiso::io::parse_csv_table(text, "out.csv");
  ASSERT_EQ(t.n_rows(), 1u);
  for (std::size_t k = 0; k < fields.size(); ++k)
    EXPECT_EQ(t.cell(0, k), fields[k]) << k;
}

TEST(json_escape, produces_a_valid_json_string_literal) {
  EXPECT_EQ(json_escape("abc"), "\"abc\"");
  EXPECT_EQ(json_escape(""), "\"\"");
  EXPECT_EQ(json_escape("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json_escape("l1\nl2\tx\r"), "\"l1\\nl2\\tx\\r\"");
  EXPECT_EQ(json_escape("\x01\x1F\x7F"), "\"\\u0001\\u001f\x7F\""); // DEL needs no escape
  EXPECT_EQ(json_escape(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(json_escape("Thừa Thiên Huế"), "\"Thừa Thiên Huế\"");
  EXPECT_EQ(json_escape("H\xE0 N"), "\"H\\ufffd N\""); // Latin-1 byte: replaced, output stays UTF-8
  EXPECT_EQ(json_escape("/"), "\"/\"");
}

TEST(json_number, nan_and_infinity_are_null) {
  EXPECT_EQ(json_number(0.25), "0.25");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(-std::numeric_limits<double>::infinity()), "null");
}

// ------------------------------------------------------------------ atomic files

TEST(atomic_file, commit_writes_target_and_leaves_no_temp) {
  temp_dir dir;
  const fs::path target = dir.path / "scores.csv";
  {
    atomic_file f(target);
    EXPECT_EQ(f.temp_path().parent_path(), dir.path);
    EXPECT_THAT(f.temp_path().filename().string(), ::testing::StartsWith("scores.csv.tmp."));
    f.stream() << "unit,score\nHN,0.5\n";
    EXPECT_FALSE(fs::exists(target)); // nothing visible before commit
    f.commit();
  }
  EXPECT_EQ(slurp(target), "unit,score\nHN,0.5\n");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"scores.csv"}));
}

TEST(atomic_file, without_commit_nothing_is_left) {
  temp_dir dir;
  {
    atomic_file f(dir.path / "scores.csv");
    f.stream() << "partial";
    EXPECT_TRUE(fs::exists(f.temp_path()));
  }
  EXPECT_TRUE(dir.entries().empty());
}

TEST(atomic_file, missing_directory_is_reported_before_writing) {
  temp_dir dir;
  const fs::path target = dir.path / "no_such_dir" / "scores.csv";
  try {
    atomic_file f(target);
    FAIL() << "no error";
  } catch (const chiso::error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot write '" + target.string() + "': directory '" +
                                         (dir.path / "no_such_dir").string() + "' does not exist");
  }
  EXPECT_TRUE(dir.entries().empty());
}

TEST(atomic_file, replaces_existing_file_and_failed_writer_keeps_it) {
  temp_dir dir;
  const fs::path target = dir.path / "out.json";
  std::ofstream(target) << "old";
  chiso::io::write_atomically(target, [](std::ostream& os) { os << "new"; });
  EXPECT_EQ(slurp(target), "new");
  EXPECT_THROW(chiso::io::write_atomically(target,
                                           [](std::ostream& os) {
                                             os << "half";
                                             throw std::runtime_error("boom");
                                           }),
               std::runtime_error);
  EXPECT_EQ(slurp(target), "new");
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"out.json"}));
}

TEST(atomic_file, commit_twice_is_misuse) {
  temp_dir dir;
  atomic_file f(dir.path / "x.txt");
  f.commit();
  EXPECT_THROW(f.commit(), chiso::usage_error);
  EXPECT_TRUE(fs::exists(dir.path / "x.txt"));
}

} // namespace

} // namespace chiso_test::output_test
