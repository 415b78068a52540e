/// \file tools/chiso/main.cpp
/// The `chiso` command-line program: dispatch to a subcommand, and the one place where
/// errors become messages and exit codes (docs/cli.md).

#include "args.hpp"
#include "commands.hpp"
#include "inputs.hpp"

#include <chiso/error.hpp>

#include <iostream>
#include <new>
#include <string>
#include <vector>

#ifndef CHISO_VERSION
#define CHISO_VERSION "unknown"
#endif

namespace {

using namespace chiso::cli;

const std::vector<std::pair<const char*, command>>& commands() {
  static const std::vector<std::pair<const char*, command>> list = {
      {"score", {score_spec, run_score}},
      {"validate", {validate_spec, run_validate}},
      {"explain", {explain_spec, run_explain}},
      {"whatif", {whatif_spec, run_whatif}},
      {"stats", {stats_spec, run_stats}},
      {"compare", {compare_spec, run_compare}},
      {"uncertainty", {uncertainty_spec, run_uncertainty}},
      {"sensitivity", {sensitivity_spec, run_sensitivity}},
      {"trend", {trend_spec, run_trend}},
      {"targets", {targets_spec, run_targets}},
      {"presets", {presets_spec, run_presets}},
      {"methods", {methods_spec, run_methods}},
      {"convert-coinr", {convert_coinr_spec, run_convert_coinr}},
  };
  return list;
}

std::string top_help() {
  std::string out =
      "Usage: chiso COMMAND [OPTIONS]\n"
      "       chiso COMMAND --help\n"
      "       chiso --version\n\n"
      "Composite indicators: score, rank and explain units (provinces, ministries...) on a\n"
      "framework of indicators (DTI, Decision 766, COINr-style indices).\n\nCommands:\n";
  for (const auto& [name, c] : commands()) {
    std::string n = name;
    out += "  " + n + std::string(15 - n.size(), ' ') + c.spec().summary + "\n";
  }
  out += "\nExit codes: 0 success, 1 usage error (bad command line), 2 input error (bad file,\n"
         "invalid framework or data).\n";
  return out;
}

} // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  set_program_path(argc > 0 ? argv[0] : nullptr);
  std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  if (args.empty()) {
    std::cerr << top_help();
    return exit_usage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (first == "help" && args.size() > 1) {
      for (const auto& [name, c] : commands())
        if (args[1] == name) {
          std::cout << help_text(c.spec());
          return exit_ok;
        }
      std::cerr << "chiso: unknown command '" << args[1] << "'\n";
      return exit_usage;
    }
    std::cout << top_help();
    return exit_ok;
  }
  if (first == "--version") {
    std::cout << "chiso " CHISO_VERSION "\n";
    return exit_ok;
  }
  const command* cmd = nullptr;
  for (const auto& [name, c] : commands())
    if (first == name) cmd = &c;
  if (!cmd) {
    std::string list;
    for (const auto& [name, c] : commands())
      list += (list.empty() ? "" : ", ") + std::string(name);
    std::cerr << "chiso: unknown command '" << first << "' (commands: " << list
              << "; see 'chiso --help')\n";
    return exit_usage;
  }
  const command_spec& spec = cmd->spec();
  try {
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    const parsed_args a = parse(spec, rest);
    if (a.help()) {
      std::cout << help_text(spec);
      return exit_ok;
    }
    return cmd->run(a);
  } catch (const usage& e) {
    std::cout.flush();
    std::cerr << e.what() << "\nTry 'chiso " << e.command() << " --help'.\n";
    return exit_usage;
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    std::cerr << "chiso: error: out of memory\n";
    return exit_input_error;
  } catch (const std::exception& e) {
    // input_error, framework_error, chiso::error, and the library's usage_error (an input
    // that leads the library into misuse, e.g. a spec naming one column in two roles).
    std::cout.flush();
    std::cerr << "chiso: error: " << e.what() << '\n';
    return exit_input_error;
  }
}
