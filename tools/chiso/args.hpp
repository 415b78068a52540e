#pragma once
/// \file tools/chiso/args.hpp
/// A small, strict command-line parser for the `chiso` program: long options only
/// (`--name VALUE` or `--name=VALUE`, plus `-h` for `--help`), each given at most once,
/// values checked against the option's choices, positional arguments counted; anything
/// unexpected is a usage error (exit code 1).

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::cli {

/// Exit codes of every command.
enum exit_code : int {
  exit_ok = 0,          ///< success
  exit_usage = 1,       ///< bad command line: unknown flag, missing or malformed argument
  exit_input_error = 2, ///< bad input: unreadable or malformed file, invalid framework, ...
};

/// A bad command line (exit code 1). `command` names the subcommand whose help to point at.
class usage : public std::runtime_error {
public:
  usage(std::string command, const std::string& message)
      : std::runtime_error(message), command_(std::move(command)) {}
  const std::string& command() const noexcept { return command_; }

private:
  std::string command_;
};

/// One accepted option.
struct option_spec {
  std::string name;       ///< without the leading "--"
  std::string value_name; ///< empty: a flag without value
  std::string help;       ///< one line (wrapped by hand if longer); names every choice
  /// The values allowed (empty: any); the parser rejects any other with a usage error naming
  /// them (tests/cli/args_test.cpp checks that the help line names every one).
  std::vector<std::string> choices = {};
  /// Other spellings accepted for a choice, {alias, choice}: the parsed value is the choice.
  std::vector<std::pair<std::string, std::string>> aliases = {};
  /// May be given several times (`parsed_args::get_all`); otherwise at most once.
  bool repeatable = false;
};

/// What a subcommand accepts, and its help text.
struct command_spec {
  std::string name;     ///< e.g. "score"
  std::string synopsis; ///< usage line(s) after "chiso "
  std::string summary;  ///< one line, shown by `chiso --help`
  std::vector<option_spec> options;
  std::vector<std::string> positional; ///< names of the required positional arguments
  std::string details;                 ///< free text after the option list (output, examples)
};

/// The parsed command line of one subcommand.
class parsed_args {
public:
  bool has(std::string_view name) const { return values_.count(std::string(name)) != 0; }
  /// The value of an option, if given (flags hold "").
  std::optional<std::string> get(std::string_view name) const {
    auto it = values_.find(std::string(name));
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  /// The value of an option, or `fallback` when not given.
  std::string get_or(std::string_view name, std::string fallback) const {
    auto it = values_.find(std::string(name));
    return it == values_.end() ? fallback : it->second;
  }
  /// Every value of a repeatable option, in command-line order (empty when not given).
  std::vector<std::string> get_all(std::string_view name) const {
    auto it = all_.find(std::string(name));
    return it == all_.end() ? std::vector<std::string>{} : it->second;
  }
  const std::vector<std::string>& positional() const noexcept { return positional_; }
  bool help() const noexcept { return help_; }

private:
  friend parsed_args parse(const command_spec&, std::span<const std::string>);
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> all_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

/// Parses `args` (the words after the subcommand name). `--help`/`-h` anywhere before `--`
/// sets `help()` and skips every other check. Throws `usage` for an unknown option, an option
/// given twice, a missing value, a value given to a flag, a value outside the option's choices
/// ("--format must be csv, json or table, got 'jsn'; did you mean 'json'?"), or a wrong number
/// of positional arguments. A value may not start with "--" (so `--out --all` is caught); use
/// `--out=--x`.
parsed_args parse(const command_spec& spec, std::span<const std::string> args);

/// The `--help` text of a subcommand.
std::string help_text(const command_spec& spec);

} // namespace chiso::cli
