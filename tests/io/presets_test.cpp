// Presets (io/presets.hpp): the directory search order and its errors, listing, lookup.

#include "chiso/io/presets.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace chiso_test::presets_test {

namespace {

namespace fs = std::filesystem;
using namespace chiso;

const char* tiny = "chiso: 1\nid: tiny\nindicators: [{id: a}]\nnodes: [{id: r, children: [a]}]\n";

class presets_dir : public ::testing::Test {
protected:
  void SetUp() override {
    // One directory per process and test: ctest runs tests in parallel processes.
    dir_ = fs::temp_directory_path() /
           ("chiso-presets-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "p");
    std::ofstream(dir_ / "p" / "b.yaml") << tiny;
    std::ofstream(dir_ / "p" / "a.json")
        << "{\"chiso\": 1, \"id\": \"aa\"}"; // invalid: no indicators
    std::ofstream(dir_ / "p" / "notes.txt") << "ignored";
    if (const char* e = std::getenv("CHISO_PRESETS")) saved_ = e;
    ::unsetenv("CHISO_PRESETS");
  }
  void TearDown() override {
    if (saved_.empty())
      ::unsetenv("CHISO_PRESETS");
    else
      ::setenv("CHISO_PRESETS", saved_.c_str(), 1);
    fs::remove_all(dir_);
  }
  std::string error_of(const io::presets_search& s) {
    try {
      (void)io::find_presets_dir(s);
    } catch (const input_error& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
  std::string saved_;
};

TEST_F(presets_dir, search_order) {
  io::presets_search s;
  s.candidates = {dir_ / "missing", dir_ / "p", dir_};
  EXPECT_EQ(io::find_presets_dir(s), dir_ / "p"); // the first candidate that exists
  ::setenv("CHISO_PRESETS", (dir_ / "p").c_str(), 1);
  s.candidates = {dir_};
  EXPECT_EQ(io::find_presets_dir(s), dir_ / "p"); // the environment before the candidates
  s.dir = dir_;
  EXPECT_EQ(io::find_presets_dir(s), dir_); // an explicit directory before the environment
}

TEST_F(presets_dir, errors_name_what_was_given) {
  io::presets_search s;
  s.dir = dir_ / "nowhere";
  s.dir_name = "--presets-dir";
  EXPECT_EQ(error_of(s), "--presets-dir '" + (dir_ / "nowhere").string() + "': no such directory");
  s.dir.reset();
  ::setenv("CHISO_PRESETS", "nowhere", 1);
  EXPECT_EQ(error_of(s), "CHISO_PRESETS='nowhere': no such directory");
  ::unsetenv("CHISO_PRESETS");
  s.candidates = {dir_ / "c1", dir_ / "c2"};
  EXPECT_EQ(error_of(s), "cannot find the presets directory (give --presets-dir or set "
                         "CHISO_PRESETS); searched:\n  " +
                             (dir_ / "c1").string() + "\n  " + (dir_ / "c2").string());
}

TEST_F(presets_dir, list_and_find) {
  const auto list = io::list_presets(dir_ / "p");
  ASSERT_EQ(list.size(), 2u); // notes.txt is not a spec file
  EXPECT_EQ(list[0].id, "a");
  EXPECT_FALSE(list[0].spec);
  EXPECT_NE(list[0].error.find("a.json"), std::string::npos) << list[0].error;
  EXPECT_EQ(list[1].id, "b");
  ASSERT_TRUE(list[1].spec);
  EXPECT_EQ(list[1].spec->fw.id, "tiny");
  EXPECT_EQ(io::preset_ids(dir_ / "p"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(io::find_preset(dir_ / "p", "b"), dir_ / "p" / "b.yaml");
  try {
    (void)io::find_preset(dir_ / "p", "../p/b");
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "unknown preset '../p/b' in " + (dir_ / "p").string() + " (presets: 'a', 'b')");
  }
}

} // namespace

} // namespace chiso_test::presets_test
