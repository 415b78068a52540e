#pragma once
/// \file tests/cli/cli_fixture.hpp
/// Runs the real `chiso` program (CHISO_CLI_PATH) in a fresh temporary directory per test,
/// capturing its exit code, stdout and stderr.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace chiso_cli_test {

namespace fs = std::filesystem;

struct run_result {
  int code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

inline std::string source_dir() {
#ifdef CHISO_SOURCE_DIR
  return CHISO_SOURCE_DIR;
#else
  return ".";
#endif
}

/// A tiny framework whose scores are exact binary fractions (hand calculations in the tests).
///   a: min-max over 0, 32, 64 → 0, 0.5, 1 (valid range [0, 100])
///   b: min-max over 10, 26, 18 → 0, 1, 0.5
///   c: direction −1, min-max over −5, −1, −3 → 0, 1, 0.5
///   p = (1·a + 3·b) / 4,   top = (p + c) / 2
inline const char* tiny_spec = R"(chiso: 1
id: tiny
name: "Khung thử nghiệm"
bands:
  - {label: high, min: 0.5}
  - {label: low}
indicators:
  - {id: a, name: "Chỉ số A", valid: [0, 100]}
  - {id: b}
  - {id: c, direction: -1}
nodes:
  - {id: top, children: {p: 1, c: 1}}
  - {id: p, children: {a: 1, b: 3}}
)";

inline const char* tiny_data = "unit,name,a,b,c\n"
                               "u1,Hà Nội,0,10,5\n"
                               "u2,Huế,32,26,1\n"
                               "u3,Đà Nẵng,64,18,3\n";

class cli : public ::testing::Test {
protected:
  fs::path root_, work_;

  void SetUp() override {
#ifndef CHISO_CLI_PATH
    GTEST_SKIP() << "the chiso program is not built (CHISO_CLI_PATH undefined)";
#else
    std::random_device rd;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::temp_directory_path() /
            ("chiso-cli-" + std::string(info->name()) + "-" + std::to_string(rd()));
    work_ = root_ / "w";
    fs::create_directories(work_);
#endif
  }
  void TearDown() override {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }

  /// Writes a file of the working directory, bytes as given.
  void write(const std::string& name, const std::string& content) {
    std::ofstream f(work_ / name, std::ios::binary);
    f << content;
  }
  std::string read(const std::string& name) const {
    std::ifstream f(work_ / name, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  }
  bool exists(const std::string& name) const {
    return fs::exists(work_ / name);
  }
  /// Names of the files in the working directory.
  std::set<std::string> files() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(work_))
      out.insert(e.path().filename().string());
    return out;
  }

  /// Runs `chiso args...` in the working directory, with CHISO_PRESETS unset unless `env`
  /// (e.g. "CHISO_PRESETS=p") sets it.
  run_result run(const std::vector<std::string>& args, const std::string& env = "") {
    run_result r;
#ifdef CHISO_CLI_PATH
    std::string cmd = "cd " + shell_quote(work_.string()) + " && env -u CHISO_PRESETS " +
                      (env.empty() ? "" : shell_quote(env) + " ") + shell_quote(CHISO_CLI_PATH);
    for (const auto& a : args)
      cmd += " " + shell_quote(a);
    cmd += " >" + shell_quote((root_ / "stdout").string()) + " 2>" +
           shell_quote((root_ / "stderr").string()) + " </dev/null";
    const int st = std::system(cmd.c_str());
    r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    auto slurp = [](const fs::path& p) {
      std::ifstream f(p, std::ios::binary);
      std::ostringstream s;
      s << f.rdbuf();
      return s.str();
    };
    r.out = slurp(root_ / "stdout");
    r.err = slurp(root_ / "stderr");
#else
    (void)args;
    (void)env;
#endif
    return r;
  }

  /// Runs a command expected to fail: checks the exit code, that stderr+stdout contain every
  /// `needle`, and that the working directory holds exactly the files it held before (no
  /// output file, no temporary left behind).
  run_result expect_failure(const std::vector<std::string>& args, int code,
                            std::initializer_list<std::string> needles) {
    const auto before = files();
    run_result r = run(args);
    EXPECT_EQ(r.code, code) << "stdout:\n" << r.out << "\nstderr:\n" << r.err;
    const std::string all = r.out + r.err;
    for (const auto& n : needles)
      EXPECT_NE(all.find(n), std::string::npos) << "missing '" << n << "' in:\n" << all;
    EXPECT_EQ(files(), before) << "files appeared or vanished";
    return r;
  }
};

/// Lines of a text.
inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream s(text);
  for (std::string l; std::getline(s, l);)
    out.push_back(l);
  return out;
}

/// Whitespace-separated words of a line.
inline std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream s(line);
  for (std::string w; s >> w;)
    out.push_back(w);
  return out;
}

} // namespace chiso_cli_test
