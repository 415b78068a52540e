/// \file tools/chiso/validate.cpp
/// `chiso validate`: check a framework spec and, optionally, a data file against it, and
/// report every problem found, one per line.

#include "commands.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "periods.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <iostream>

namespace chiso::cli {

const command_spec& validate_spec() {
  static const command_spec s = {
      "validate",
      "validate (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]",
      "Check a framework and a data file; list every problem.",
      options({
          input_options("data file to check against the framework: wide, long (with or without\n"
                        "periods) or PERIOD=FILE,PERIOD=FILE,..."),
          {presets_dir_option()},
      }),
      {},
      "Checks the spec (unknown keys, wrong types, unknown children, cycles, weights, method\n"
      "parameters...) and, when there is data (--data, or the spec's sample file), the data:\n"
      "unit ids present and distinct, every column the indicators use present, every cell a\n"
      "number (or empty / NA for missing), every value inside its indicator's `valid` range.\n\n"
      "Output on stdout: every problem on its own line, as FILE:LINE:COLUMN: message, and exit\n"
      "code 2; or, when all is well,\n"
      "  ok: N indicators, M nodes, U units\n"
      "and exit code 0. Scoring warnings (an indicator without spread...) go to stderr and do\n"
      "not fail validation.\n\n"
      "Examples:\n"
      "  chiso validate --framework dti.yaml --data dti-2023.csv\n"
      "  chiso validate --preset psq-766\n",
  };
  return s;
}

namespace {

/// An exception message listing problems one per line → the lines, without list markers.
std::vector<std::string> lines_of(const std::string& msg) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= msg.size()) {
    auto e = msg.find('\n', start);
    std::string l = msg.substr(start, e == std::string::npos ? std::string::npos : e - start);
    std::size_t b = 0;
    while (b < l.size() && (l[b] == ' ' || l[b] == '\t'))
      ++b;
    if (l.compare(b, 2, "- ") == 0) b += 2;
    l.erase(0, b);
    if (!l.empty()) out.push_back(l);
    if (e == std::string::npos) break;
    start = e + 1;
  }
  // "spec.yaml: 3 errors in the spec:" introduces the list: not a problem itself.
  if (out.size() > 1 && out.front().back() == ':') out.erase(out.begin());
  return out;
}

int report(const std::vector<std::string>& problems) {
  for (const auto& p : problems)
    std::cout << p << '\n';
  std::cout.flush();
  std::cerr << "chiso validate: " << problems.size() << " problem"
            << (problems.size() == 1 ? "" : "s") << " found\n";
  return exit_input_error;
}

} // namespace

int run_validate(const parsed_args& a) {
  const auto& cmd = validate_spec();
  loaded_framework fw;
  try {
    fw = load_framework(a, cmd);
  } catch (const usage&) {
    throw;
  } catch (const std::exception& e) {
    return report(lines_of(e.what()));
  }
  const auto& f = fw.spec.fw;
  std::vector<std::string> problems;
  for (const auto& p : f.problems())
    problems.push_back(p); // a loaded spec has none; COINr may
  const bool has_data = a.has("data") || fw.spec.sample.has_value();
  const std::size_t n_ind = f.indicators.size(), n_nodes = f.nodes.size();
  if (!has_data) {
    if (!problems.empty()) return report(problems);
    std::cout << "ok: " << n_ind << " indicators, " << n_nodes << " nodes (no data checked)\n";
    return exit_ok;
  }
  io::framework_panel data;
  try {
    data = read_period_data(a, fw, cmd);
  } catch (const usage&) {
    throw;
  } catch (const std::exception& e) {
    for (auto& l : lines_of(e.what()))
      problems.push_back(std::move(l));
    return report(problems);
  }
  for (auto& p : data.problems)
    problems.push_back(std::move(p));
  if (!problems.empty()) return report(problems);
  // Clean: evaluate every period once, so that scoring warnings are shown too.
  try {
    std::size_t units = 0;
    const auto compiled = plan::compile(f, data.data.front().columns);
    for (std::size_t k = 0; k < data.data.size(); ++k) {
      session s;
      s.fw = fw;
      s.data.data = std::move(data.data[k]);
      s.plan = compiled;
      s.group_by = f.ranking.group_by;
      s.groups = ranking_groups(s.plan, s.data.data);
      s.impute_groups = imputation_groups(s.plan, s.data.data);
      try {
        evaluate(s.plan, s.data.data.values, s.groups, s.impute_groups, s.result);
      } catch (const impute::cell_error& e) {
        throw input_error(
            (data.has_periods ? "period '" + data.periods[k] + "': " : std::string()) +
            where_unit(s, e.unit()) + e.what());
      }
      if (data.has_periods) {
        warnings w;
        for (const auto& d : s.result.diagnostics)
          w.add("period " + data.periods[k] + ": " + describe(s, d));
        report_preparation(s, "period " + data.periods[k] + ": ");
      } else {
        report_diagnostics(s);
      }
      units += s.data.data.n_units();
    }
    std::cout << "ok: " << n_ind << " indicators, " << n_nodes << " nodes, " << units
              << (data.has_periods
                      ? " unit-periods in " + std::to_string(data.data.size()) + " periods\n"
                      : std::string(" units\n"));
  } catch (const std::exception& e) {
    return report(lines_of(e.what()));
  }
  return exit_ok;
}

} // namespace chiso::cli
