/// \file tools/chiso/trend.cpp
/// `chiso trend`: score and rank changes of every unit between periods, for the root and the
/// other aggregate nodes (time/trend.hpp, docs/time.md §2).

#include "commands.hpp"
#include "options.hpp"
#include "periods.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/overrides.hpp>
#include <chiso/io/result_tables.hpp>
#include <chiso/io/table.hpp>
#include <chiso/io/workbooks.hpp>
#include <chiso/time/trend.hpp>

#include <ostream>

namespace chiso::cli {

const command_spec& trend_spec() {
  static const command_spec s = {
      "trend",
      "trend (--framework SPEC | --preset NAME | --coinr-meta META) --data DATA\n"
      "             [--mapping FILE] [--nodes ID,...] [--from P --to P]\n"
      "             [--base exact|last_observed] [--format csv|json|xlsx] [--out FILE] [--digits "
      "N]",
      "Score and rank changes of every unit between periods.",
      options({
          input_options("data of two or more periods: a long file with a 'period' column, or\n"
                        "PERIOD=FILE,PERIOD=FILE,... (one wide file per period)"),
          {mapping_option(),
           {"nodes", "IDS",
            "nodes (or indicators) to report, comma-separated (default: the\n"
            "root, then the other aggregate nodes in spec order)"},
           {"from", "P", "compare period P ... (with --to; default: consecutive periods)"},
           {"to", "P", "... with period P"},
           {"base",
            "POLICY",
            "exact (default): a change needs the earlier period observed;\n"
            "last_observed: from the unit's latest observed period up to it",
            {"exact", "last_observed"}}},
          output_options({"csv", "json", "xlsx"},
                         "csv (default), json, or xlsx (an Excel workbook; needs --out)"),
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "Every period is scored as 'chiso score' does (the spec's periods.scaling); ranks are\n"
      "within each period (and ranking group). One row per node, comparison and unit (units\n"
      "of all periods, in order of first appearance):\n"
      "  node, unit, name (when the data has names), the ranking group column (when the\n"
      "  framework ranks within groups), from, to, base (the period actually compared from:\n"
      "  'from' itself under --base exact, empty when none), score_from, score_to,\n"
      "  score_change = score_to - score_from, rank_from, rank_to,\n"
      "  rank_change = rank_from - rank_to (> 0: moved up, 27th -> 20th is +7), and status:\n"
      "  observed, missing_before (entered or came back), missing_after (dropped out),\n"
      "  missing_both. A change is empty unless the status is 'observed'.\n"
      "JSON: {\"framework\", \"periods\", \"base\", \"changes\": [one object per row]}.\n\n"
      "Examples:\n"
      "  chiso trend --framework dti.yaml --data dti-panel.csv\n"
      "  chiso trend --framework dti.yaml --data 2022=a.csv,2023=b.csv,2024=c.csv \\\n"
      "              --from 2022 --to 2024 --nodes dti,gov --format json --out trend.json\n",
  };
  return s;
}

int run_trend(const parsed_args& a) {
  const auto& cmd = trend_spec();
  const std::string fmt = a.get_or("format", "csv");
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  time::trend_options opt;
  if (a.get_or("base", "exact") == "last_observed") opt.base = time::base_policy::last_observed;
  if (a.has("from") != a.has("to"))
    throw usage(cmd.name, "chiso trend: give both --from and --to, or neither (consecutive "
                          "periods)");
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
  if (p.periods.size() < 2)
    throw input_error("chiso trend: the data has one period; a trend needs two or more (a long "
                      "file with a 'period' column, or --data P=FILE,P=FILE,...)");
  const auto nodes = chosen_nodes(a, p, cmd);
  Eigen::Index from = -1, to = -1;
  if (a.has("from")) {
    from = static_cast<Eigen::Index>(period_index(p, *a.get("from"), cmd, "from"));
    to = static_cast<Eigen::Index>(period_index(p, *a.get("to"), cmd, "to"));
    if (!(from < to))
      throw usage(cmd.name, "chiso trend: --from '" + *a.get("from") + "' must come before --to '" +
                                *a.get("to") + "' (periods in order: the earlier first)");
  }

  const auto& ids = p.plan().ids();
  const io::unit_rows units = p.unit_rows();
  io::table r = io::trend_table(units, digits);
  for (const auto k : nodes) {
    const Eigen::MatrixXd sc = p.scores(k);
    const Eigen::MatrixXd rk = p.ranks(k);
    const auto ch = from >= 0 ? time::changes_between(sc, rk, from, to, opt)
                              : time::consecutive_changes(sc, rk, opt);
    io::add_trend_rows(r, units, ids[k], sc, rk, ch, p.labels, from, to);
  }

  if (xlsx) {
    // The node's name beside its id; numbers unrounded, shown with --digits decimals, else
    // the framework's.
    io::xlsx_options xo;
    xo.digits = digits ? digits : p.f().display_decimals;
    xo.title = p.f().name.empty() ? p.f().id : p.f().name;
    io::workbook w(xo);
    w.add({"changes", io::with_node_names(p.plan(), r, 0, "node_name"), {}, 3});
    w.add({"methods", io::framework_table(p.plan()), {}, 3, false});
    w.write(*xlsx);
    return exit_ok;
  }
  auto& os = out->stream();
  if (fmt == "csv") {
    io::write_csv(os, r);
  } else {
    const auto& f = p.f();
    os << "{\n  \"framework\": {\"id\": " << io::json_escape(f.id)
       << ", \"name\": " << io::json_escape(f.name)
       << ", \"root\": " << io::json_escape(ids[p.plan().root()]) << "},\n";
    os << "  \"periods\": [";
    for (std::size_t k = 0; k < p.labels.size(); ++k)
      os << (k ? ", " : "") << io::json_escape(p.labels[k]);
    os << "],\n  \"base\": "
       << io::json_escape(opt.base == time::base_policy::exact ? "exact" : "last_observed")
       << ",\n  \"changes\": ";
    io::write_json(os, r);
    os << "\n}\n";
  }
  out->commit();
  return exit_ok;
}

} // namespace chiso::cli
