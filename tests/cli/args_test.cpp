// The command-line parser's choices (tools/chiso/args.hpp), through the real program: a value
// outside an option's choices is a usage error (exit 1) naming the option, the value and the
// allowed values, with a "did you mean" when one is close; it is caught before any file is
// read; an alias stands for its choice; and every help line names every allowed value.

#include "cli/cli_fixture.hpp"

#include <string>
#include <vector>

namespace chiso_test::args_test {

namespace {

using chiso_cli_test::cli;
using chiso_cli_test::lines;
using chiso_cli_test::tiny_data;
using chiso_cli_test::tiny_spec;

using args = cli;

TEST_F(args, value_outside_the_choices_is_a_usage_error) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto r = expect_failure(
      {"score", "--framework", "tiny.yaml", "--data", "data.csv", "--format", "jsn", "--out", "o"},
      1, {});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "chiso score: --format must be csv, json, table or xlsx, got 'jsn'; did you mean "
            "'json'?\nTry 'chiso score --help'.\n");
}

TEST_F(args, no_hint_when_nothing_is_close) {
  const auto r = expect_failure({"explain", "--format=csv"}, 1, {});
  EXPECT_EQ(r.err, "chiso explain: --format must be text, json or xlsx, got 'csv'\n"
                   "Try 'chiso explain --help'.\n");
}

TEST_F(args, choices_are_checked_before_anything_is_read) {
  // No framework and a missing data file: the parser's error comes first.
  expect_failure({"stats", "--data", "missing.csv", "--level", "normalise"}, 1,
                 {"chiso stats: --level must be raw, prepared, normalised or all, got "
                  "'normalise'; did you mean 'normalised'?"});
  expect_failure({"trend", "--base", "exactly"}, 1,
                 {"chiso trend: --base must be exact or last_observed, got 'exactly'; did you "
                  "mean 'exact'?"});
  expect_failure({"uncertainty", "--format", "table"}, 1,
                 {"chiso uncertainty: --format must be csv, json or xlsx, got 'table'"});
}

TEST_F(args, an_alias_is_its_choice) {
  write("tiny.yaml", tiny_spec);
  write("data.csv", tiny_data);
  const auto british =
      run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--level", "normalised"});
  const auto american =
      run({"stats", "--framework", "tiny.yaml", "--data", "data.csv", "--level", "normalized"});
  ASSERT_EQ(british.code, 0) << british.err;
  EXPECT_EQ(american.code, 0) << american.err;
  EXPECT_EQ(american.out, british.out);
}

/// The allowed values named by "must be a, b or c, got" in a usage message.
std::vector<std::string> allowed_in(const std::string& message) {
  const auto from = message.find(" must be ");
  const auto to = message.find(", got '");
  std::vector<std::string> out;
  if (from == std::string::npos || to == std::string::npos) return out;
  std::string list = message.substr(from + 9, to - from - 9);
  for (std::size_t p; (p = list.find(" or ")) != std::string::npos;)
    list.replace(p, 4, ", ");
  for (std::size_t start = 0; start <= list.size();) {
    const auto end = std::min(list.find(", ", start), list.size());
    out.push_back(list.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

/// The help text of `--option`: its line and the continuation lines under it.
std::string help_of(const std::string& help, const std::string& option) {
  std::string out;
  bool in = false;
  for (const auto& l : lines(help)) {
    if (l.rfind("  --", 0) == 0)
      in = l.rfind("  --" + option + " ", 0) == 0;
    else if (l.rfind("      ", 0) != 0)
      in = false;
    if (in) out += l + "\n";
  }
  return out;
}

TEST_F(args, every_help_line_names_every_allowed_value) {
  const std::vector<std::pair<std::string, std::string>> options = {
      {"score", "format"},       {"explain", "format"},     {"compare", "format"},
      {"stats", "format"},       {"stats", "level"},        {"stats", "corr"},
      {"uncertainty", "format"}, {"sensitivity", "format"}, {"trend", "format"},
      {"trend", "base"},         {"targets", "format"},
  };
  for (const auto& [command, option] : options) {
    const auto bad = run({command, "--" + option, "zzzz"});
    EXPECT_EQ(bad.code, 1) << command << " --" << option;
    const auto allowed = allowed_in(bad.err);
    ASSERT_GE(allowed.size(), 2u) << bad.err;
    const auto help = run({command, "--help"});
    ASSERT_EQ(help.code, 0);
    const std::string text = help_of(help.out, option);
    ASSERT_FALSE(text.empty()) << command << " --" << option << " not in:\n" << help.out;
    for (const auto& v : allowed)
      EXPECT_NE(text.find(v), std::string::npos)
          << command << " --" << option << ": help does not name '" << v << "':\n"
          << text;
  }
}

} // namespace

} // namespace chiso_test::args_test
