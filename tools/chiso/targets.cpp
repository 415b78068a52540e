/// \file tools/chiso/targets.cpp
/// `chiso targets`: every unit against every target declared in the spec (`targets` on
/// indicators and nodes): attainment, gap, required growth, projections, status; or with
/// --summary the number of units per status (time/targets.hpp, docs/time.md §1).

#include "commands.hpp"
#include "options.hpp"
#include "periods.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/overrides.hpp>
#include <chiso/io/result_tables.hpp>
#include <chiso/io/table.hpp>
#include <chiso/io/workbooks.hpp>
#include <chiso/time/series.hpp>
#include <chiso/time/targets.hpp>

#include <ostream>

namespace chiso::cli {

const command_spec& targets_spec() {
  static const command_spec s = {
      "targets",
      "targets (--framework SPEC | --preset NAME | --coinr-meta META) --data DATA\n"
      "             [--mapping FILE] [--summary] [--format csv|json|xlsx] [--out FILE] [--digits "
      "N]",
      "Track every unit against the targets (with deadlines) of the spec.",
      options({
          input_options("data file (long with a 'period' column, or wide for one period), or\n"
                        "PERIOD=FILE,PERIOD=FILE,...; periods must be numbers (years or indices)"),
          {mapping_option(),
           {"summary", "", "count units per status for each target, period and group"}},
          output_options({"csv", "json", "xlsx"},
                         "csv (default), json, or xlsx (an Excel workbook; needs --out)"),
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "Every period is scored as 'chiso score' does. A target tracks an indicator's value\n"
      "(column [/ denominator] x scale, before any transform; 'of: value', the default) or\n"
      "score ('of: score'), or a node's score. Each judgement at period t uses only periods\n"
      "up to t. One row per target, period and unit present in that period:\n"
      "  id, kind (indicator or node), of, target, deadline, period, unit, name (when the\n"
      "  data has names), the ranking group column (when grouped), value, attainment,\n"
      "  gap, progress (needs a baseline), required_growth, growth_case,\n"
      "  historical_growth, projection_least_squares, projection_last_two,\n"
      "  projection_compound, observations, projection (the method the status uses),\n"
      "  status: achieved, on_track, off_track or no_data.\n"
      "--summary: id, kind, of, target, deadline, period, the group column (when grouped),\n"
      "  achieved, on_track, off_track, no_data, total (units present in the period).\n"
      "JSON: {\"framework\", \"periods\", \"targets\" (or \"summary\"): [one object per row]}.\n"
      "Formulas: docs/time.md section 1.\n\n"
      "Examples:\n"
      "  chiso targets --framework dti.yaml --data dti-panel.csv\n"
      "  chiso targets --framework dti.yaml --data dti-panel.csv --summary --format json\n",
  };
  return s;
}

int run_targets(const parsed_args& a) {
  const auto& cmd = targets_spec();
  const std::string fmt = a.get_or("format", "csv");
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  const bool summary = a.has("summary");
  const overrides o = parse_overrides(a, cmd);
  // Before any work: a bad output path is reported first.
  std::optional<std::string> xlsx;
  std::optional<output> out;
  if (fmt == "xlsx")
    xlsx = xlsx_target(a, cmd.name);
  else
    out.emplace(a.get("out"));
  const scored_periods p = run_periods(a, cmd, o);
  report_diagnostics(p);

  const auto& f = p.f();
  const auto& plan = p.plan();
  const auto declared = time::declared_targets(plan);
  if (declared.empty())
    throw input_error("chiso targets: " + p.periods.front().fw.label +
                      " declares no targets (add 'targets: [{value: ..., deadline: ...}]' to "
                      "an indicator or node; docs/spec.md)");
  const Eigen::VectorXd times = p.times(cmd.name);

  const io::unit_rows units = p.unit_rows();
  io::table r = io::targets_table(units, summary, digits);
  for (const auto& x : declared) {
    Eigen::MatrixXd values;
    if (x.tracks_value()) {
      std::vector<Eigen::VectorXd> v;
      for (const auto& s : p.periods)
        v.push_back(time::indicator_values(plan, x.index, s.data.data.values));
      values = p.units.gather(
          [&](std::size_t k, std::size_t i) { return v[k][static_cast<Eigen::Index>(i)]; });
    } else {
      values = p.scores(x.index);
    }
    const auto res = time::track_target(values, times, x.target.goal, x.target.options);
    io::add_target_rows(r, units, x, values, res, p.units, p.labels, summary);
  }

  if (xlsx) {
    // The name of the indicator or node beside its id; numbers unrounded.
    io::xlsx_options xo;
    xo.digits = digits ? digits : f.display_decimals;
    xo.title = f.name.empty() ? f.id : f.name;
    io::workbook w(xo);
    w.add({summary ? "summary" : "targets", io::with_node_names(plan, r, 0), {}, 2});
    w.add({"methods", io::framework_table(plan), {}, 3, false});
    w.write(*xlsx);
    return exit_ok;
  }
  auto& os = out->stream();
  if (fmt == "csv") {
    io::write_csv(os, r);
  } else {
    os << "{\n  \"framework\": {\"id\": " << io::json_escape(f.id)
       << ", \"name\": " << io::json_escape(f.name) << "},\n";
    os << "  \"periods\": [";
    for (std::size_t k = 0; k < p.labels.size(); ++k)
      os << (k ? ", " : "") << io::json_escape(p.labels[k]);
    os << "],\n  " << io::json_escape(summary ? "summary" : "targets") << ": ";
    io::write_json(os, r);
    os << "\n}\n";
  }
  out->commit();
  return exit_ok;
}

} // namespace chiso::cli
