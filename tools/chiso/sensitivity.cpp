/// \file tools/chiso/sensitivity.cpp
/// `chiso sensitivity`: variance-based sensitivity indices (Saltelli sample, Jansen estimators)
/// of the ranking under the uncertain choices of a choices file (docs/robustness.md), with a
/// progress bar on a terminal and a short text summary.

#include "commands.hpp"
#include "robust_run.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/workbooks.hpp>

#include <chiso/io/result_tables.hpp>
#include <chiso/io/table.hpp>
#include <chiso/robust/sensitivity.hpp>
#include <iostream>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace chiso::cli {

namespace {

/// The indices of every input (io::sensitivity_table); with `per_unit` (--units), of each
/// unit's rank.
io::table indices_table(const session& s, const robust::sensitivity_result& r,
                        std::optional<int> digits, bool per_unit) {
  return io::sensitivity_table(s.unit_rows(!s.data.data.unit_names.empty()), r, digits, per_unit);
}

void write_sensitivity_json(std::ostream& out, const session& s,
                            const robust::sensitivity_result& r,
                            const robust::sensitivity_options& o, std::optional<int> digits) {
  const auto& x = r.mean_abs_rank_shift;
  out << "{\n  \"command\": \"sensitivity\",\n  \"framework\": {\"id\": "
      << io::json_escape(s.f().id) << ", \"root\": " << io::json_escape(s.plan.ids()[s.plan.root()])
      << "},\n"
      << "  \"seed\": " << r.seed << ",\n  \"n\": " << r.n << ",\n  \"runs\": " << r.runs
      << ",\n  \"threads\": " << r.threads << ",\n  \"seconds\": " << io::json_number(r.seconds)
      << ",\n  \"bootstrap\": " << o.bootstrap
      << ",\n  \"confidence\": " << io::json_number(o.confidence)
      << ",\n  \"output\": \"mean_abs_rank_shift\",\n  \"mean\": " << json_value(x.mean, digits)
      << ",\n  \"variance\": " << json_value(x.variance, digits) << ",\n  \"indices\": ";
  io::write_json(out, indices_table(s, r, digits, false));
  out << "\n}\n";
}

std::string sensitivity_summary(const session& s, const robust::sensitivity_result& r,
                                const robust::sensitivity_options& o) {
  std::ostringstream out;
  const auto d = r.inputs.size();
  out << "chiso sensitivity: N = " << r.n << ", " << d << " uncertain input" << (d == 1 ? "" : "s")
      << ": " << r.runs << " model runs (N x (d + 2)), " << o.bootstrap << " bootstrap resamples, "
      << r.threads << " thread" << (r.threads == 1 ? "" : "s") << ", " << fixed(r.seconds, 3)
      << " s\n";
  const auto& x = r.mean_abs_rank_shift;
  out << "Output: mean absolute rank shift of '" << s.plan.ids()[s.plan.root()] << "' (mean "
      << fixed(x.mean, 2) << ", variance " << fixed(x.variance, 2) << ")\n";
  if (!(x.variance > 0)) {
    out << "The ranking never moves: every index is undefined.\n";
    return out.str();
  }
  std::vector<std::size_t> order(d);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto total = [&](std::size_t i) {
    const double t = x.total[static_cast<Eigen::Index>(i)];
    return std::isnan(t) ? -1.0 : t;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return total(a) > total(b); });
  const std::string level = fixed(o.confidence * 100, 0) + "%";
  std::vector<std::vector<std::string>> rows;
  auto with_ci = [&](double v, double lo, double hi) {
    return fixed(v, 2) + (o.bootstrap ? " [" + fixed(lo, 2) + ", " + fixed(hi, 2) + "]" : "");
  };
  double sum_first = 0;
  for (auto i : order) {
    const auto j = static_cast<Eigen::Index>(i);
    if (!std::isnan(x.first[j])) sum_first += x.first[j];
    rows.push_back({r.inputs[i], with_ci(x.first[j], x.first_lower[j], x.first_upper[j]),
                    with_ci(x.total[j], x.total_lower[j], x.total_upper[j])});
  }
  out << "\nFirst-order (S) and total (S_T) indices"
      << (o.bootstrap ? ", " + level + " bootstrap intervals" : "") << ":\n"
      << render_table({"input", "S", "S_T"}, rows, {false, false, false});
  out << "\nMoves ranks most: '" << r.inputs[order[0]]
      << "' (S_T = " << fixed(x.total[static_cast<Eigen::Index>(order[0])], 2)
      << "). Sum of S = " << fixed(sum_first, 2)
      << (sum_first < 0.9 ? ": the inputs interact (or N is too small)." : ".") << '\n';
  return out.str();
}

} // namespace

const command_spec& sensitivity_spec() {
  static const command_spec s = {
      "sensitivity",
      "sensitivity (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             --choices FILE [--n N] [--bootstrap B] [--confidence C] [--seed S]\n"
      "             [--threads T] [--out FILE] [--format csv|json|xlsx] [--units FILE]\n"
      "             [--digits N] [--quiet]",
      "Variance-based sensitivity indices (Saltelli sample, Jansen estimators).",
      robust_options({
          {"n", "N", "base sample size N: N x (d + 2) model runs (default: the file's, else 500)"},
          {"bootstrap", "B",
           "bootstrap resamples for the intervals (default: the file's, else 1000;\n"
           "0: no intervals)"},
          {"confidence", "C", "level of the bootstrap intervals (default 0.95)"},
          {"units", "FILE",
           "also each unit's rank indices (long CSV: unit, input, first, ..., rank_variance)"},
      }),
      {},
      "Main table (CSV; JSON adds the settings, the output's mean and variance): one row per\n"
      "uncertain input: input, first, first_lower, first_upper, total, total_lower,\n"
      "total_upper: Jansen's first-order and total indices of the mean absolute rank shift of\n"
      "the root, with percentile bootstrap intervals (empty with --bootstrap 0). An index is\n"
      "empty (null) when the output never varies. The summary (stdout when --out is given,\n"
      "else stderr) ranks the inputs by total index. Same seed -> same output on any number\n"
      "of threads.\n\n"
      "Example:\n"
      "  chiso sensitivity --framework index.yaml --data d.csv --choices robust.yaml "
      "--n 200 --out sa.csv\n",
  };
  return s;
}

int run_sensitivity(const parsed_args& a) {
  const auto& cmd = sensitivity_spec();
  const std::string& name = cmd.name;
  const bool json = a.get_or("format", "csv") == "json";
  const bool to_xlsx = a.get_or("format", "csv") == "xlsx";
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, name);
  std::optional<std::string> xlsx;
  std::optional<output> main;
  if (to_xlsx)
    xlsx = xlsx_target(a, name);
  else
    main.emplace(a.get("out"));
  std::unique_ptr<io::atomic_file> units;
  if (auto p = a.get("units")) units = std::make_unique<io::atomic_file>(*p);

  auto r = load_robust(a, cmd);
  auto o = r.spec.sensitivity;
  if (a.has("n")) o.n = whole(a, "n", name, 2, 100000000);
  if (a.has("bootstrap")) o.bootstrap = whole(a, "bootstrap", name, 0, 1000000);
  if (a.has("confidence")) o.confidence = fraction(a, "confidence", name, 0, 1);
  if (a.has("seed")) o.seed = whole(a, "seed", name, 0, UINT64_MAX);
  if (a.has("threads")) o.threads = static_cast<unsigned>(whole(a, "threads", name, 0, 1024));
  o.units = units != nullptr || xlsx;
  progress_bar bar(!a.has("quiet"), "steps");
  o.progress = bar.callback();
  const auto res = robust::run_sensitivity(r.m, o);
  bar.clear();

  if (xlsx) {
    // Sheets indices, units (each unit's rank) and methods; numbers unrounded, shown with
    // --digits decimals, else the framework's.
    const auto& f = r.s.f();
    io::xlsx_options xo;
    xo.digits = digits ? digits : f.display_decimals;
    xo.title = f.name.empty() ? f.id : f.name;
    io::workbook w(xo);
    w.add({"indices", indices_table(r.s, res, digits, false), {}, 1});
    io::table per_unit = indices_table(r.s, res, digits, true);
    std::size_t unit_cols = 0;
    while (unit_cols < per_unit.n_columns() && per_unit.columns()[unit_cols].name != "input")
      ++unit_cols;
    w.add({"units", std::move(per_unit), {}, unit_cols + 1});
    w.add({"methods", io::framework_table(r.s.plan), {}, 3, false});
    w.write(*xlsx);
  } else if (json) {
    write_sensitivity_json(main->stream(), r.s, res, o, digits);
  } else {
    io::write_csv(main->stream(), indices_table(r.s, res, digits, false));
  }
  if (units) {
    io::write_csv(units->stream(), indices_table(r.s, res, digits, true));
    units->commit();
  }
  if (xlsx) {
    if (!a.has("quiet")) std::cout << sensitivity_summary(r.s, res, o) << std::flush;
    return exit_ok;
  }
  main->commit();
  finish(a, sensitivity_summary(r.s, res, o), *main);
  return exit_ok;
}

} // namespace chiso::cli
