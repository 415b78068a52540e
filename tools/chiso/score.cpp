/// \file tools/chiso/score.cpp
/// `chiso score`: every unit's score at every aggregate node, its rank and band, as CSV,
/// JSON or an aligned table.

#include "commands.hpp"
#include "options.hpp"
#include "periods.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/overrides.hpp>
#include <chiso/io/table.hpp>
#include <chiso/io/workbooks.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <ostream>

namespace chiso::cli {

const command_spec& score_spec() {
  static const command_spec s = {
      "score",
      "score (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             [--mapping FILE] [--out FILE] [--format csv|json|table|xlsx] [--table] "
      "[--all]\n"
      "             [--ranks] [--digits N] [--normalise METHOD[:P...]] [--aggregate METHOD[:P]]",
      "Score and rank every unit of a data file.",
      options({
          input_options("data file, wide (one row per unit) or long (unit, [period,] indicator,\n"
                        "value); or one wide file per period: PERIOD=FILE,PERIOD=FILE,...\n"
                        "(default: the preset's sample)"),
          {mapping_option(),
           {"prepared", "FILE",
            "also write every cell the framework's imputation and outlier treatment\n"
            "changed (CSV: unit, indicator, step, method, before, after)"},
           {"table", "", "same as --format table: aligned text sorted by rank"},
           {"all", "", "also every indicator's normalised score"},
           {"ranks", "", "also every other node's rank (with --all, every indicator's too)"}},
          output_options({"csv", "json", "table", "xlsx"},
                         "csv (default), json, table, or xlsx (an Excel workbook; needs --out)"),
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "Output (CSV and JSON: units in data order; table: by rank):\n"
      "  unit, name (when the data has names), the ranking group column (when the framework\n"
      "  ranks within groups), one column per aggregate node (root first, then spec order),\n"
      "  with --all one per indicator, then rank (of the root), with --ranks one rank_<id>\n"
      "  per other column (ranked like the root: same method, order, rounding and groups),\n"
      "  and band (when the framework defines bands; --ranks: CSV and JSON only). With\n"
      "  several periods (a long file with a period column, or PERIOD=FILE,...), every\n"
      "  period is scored (the spec's periods.scaling) and a first column 'period' is\n"
      "  written; periods sort by value when all are numbers. Scores are "
      "printed in full precision (shortest text that reads back\n"
      "  to the same number) unless --digits is given; a missing value is an empty cell\n"
      "  (JSON null). Warnings (e.g. an indicator without spread) go to stderr.\n"
      "xlsx (with --out FILE.xlsx): sheets scores (as CSV, node names in a second header\n"
      "  row), ranks (every node and indicator), indicators (normalised scores),\n"
      "  diagnostics and methods (the framework tree with weights and methods); numbers\n"
      "  unrounded, shown with --digits decimals, else the framework's display_decimals.\n\n"
      "--normalise forms:\n" +
          io::normalise_forms() + "\n--aggregate forms:\n" + io::aggregate_forms() +
          "\nExamples:\n"
          "  chiso score --preset dti-province-922 --digits 4 --table\n"
          "  chiso score --framework dti.yaml --data dti-2023.csv --out scores.csv\n"
          "  chiso score --preset dti-province-922 --format xlsx --out dti.xlsx\n"
          "  chiso score --framework dti.yaml --data 2023=dti-2023.csv,2024=dti-2024.csv\n"
          "  chiso score --framework dti.yaml --data dti-2024.csv --mapping provinces-2025.csv\n"
          "  chiso score --framework dti.yaml --data d.csv --normalise minmax:0:100 "
          "--aggregate gmean\n",
  };
  return s;
}

namespace {

enum class format { csv, json, table, xlsx };

format parse_format(const parsed_args& a, const std::string& cmd) {
  const std::string v = a.get_or("format", "csv");
  format f = v == "json"    ? format::json
             : v == "table" ? format::table
             : v == "xlsx"  ? format::xlsx
                            : format::csv;
  if (a.has("table")) {
    if (a.has("format") && f != format::table)
      throw usage(cmd, "chiso " + cmd + ": --table conflicts with --format " + v);
    f = format::table;
  }
  return f;
}

io::ranked_columns rank_columns(const session& s, const std::vector<std::size_t>& ranked) {
  io::ranked_columns out;
  for (auto k : ranked) {
    Eigen::VectorXd r(s.result.scores.rows());
    chiso::rank(s.result.node(k), s.f().ranking.options, s.groups, r);
    out.emplace_back(k, std::move(r));
  }
  return out;
}

/// The whole document. With periods (`p.has_periods`) a `periods` list comes after `digits`,
/// and every unit and diagnostic carries its `period`.
void write_json(std::ostream& out, const scored_periods& p, const std::vector<std::size_t>& cols,
                const io::table& units, std::optional<int> digits) {
  const session& s0 = p.periods.front();
  const auto& f = s0.f();
  const auto& ids = s0.plan.ids();
  out << "{\n  \"framework\": {\"id\": " << io::json_escape(f.id)
      << ", \"name\": " << io::json_escape(f.name)
      << ", \"root\": " << io::json_escape(ids[s0.plan.root()]) << "},\n";
  out << "  \"group_by\": " << (s0.group_by.empty() ? "null" : io::json_escape(s0.group_by))
      << ",\n";
  out << "  \"digits\": " << (digits ? std::to_string(*digits) : "null") << ",\n";
  if (p.has_periods) {
    out << "  \"periods\": [";
    for (std::size_t k = 0; k < p.labels.size(); ++k)
      out << (k ? ", " : "") << io::json_escape(p.labels[k]);
    out << "],\n";
  }
  out << "  \"nodes\": [";
  for (std::size_t c = 0; c < cols.size(); ++c)
    out << (c ? ", " : "") << io::json_escape(ids[cols[c]]);
  out << "],\n  \"units\": ";
  io::write_json(out, units);
  out << ",\n";
  io::table diagnostics;
  if (p.has_periods) diagnostics.add_column({"period"});
  for (const char* c : {"code", "node", "unit", "message"})
    diagnostics.add_column({c});
  for (std::size_t t = 0; t < p.periods.size(); ++t) {
    const auto& d = p.periods[t].data.data;
    for (const auto& g : p.periods[t].result.diagnostics) {
      diagnostics.row();
      if (p.has_periods) diagnostics.text(p.labels[t]);
      diagnostics.text(to_string(g.code)).text(ids[g.node]);
      if (g.unit == diagnostic::npos)
        diagnostics.missing();
      else
        diagnostics.text(d.unit_ids[g.unit]);
      diagnostics.text(g.message);
    }
  }
  out << "  \"diagnostics\": ";
  io::write_json(out, diagnostics);
  out << "\n}\n";
}

/// One period as an aligned table sorted by rank (within each ranking group), after a title.
void write_table(std::ostream& out, const session& s, io::score_layout l,
                 std::optional<int> digits) {
  const auto& d = s.data.data;
  const auto& f = s.f();
  l.period = false;
  l.rank_first = true;
  l.ranked.clear();
  l.digits = digits ? *digits : f.display_decimals.value_or(4);
  const auto units = s.unit_rows(!d.unit_names.empty());
  io::table t = io::score_table(s.plan.ids(), units, !f.bands.empty(), l);
  io::add_score_rows(t, units, s.result, s.band_labels(), l);
  std::vector<std::size_t> order(d.n_units());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto grp = [&](std::size_t i) { return s.groups.empty() ? 0u : s.groups[i]; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (grp(x) != grp(y)) return grp(x) < grp(y);
    const double rx = s.result.rank[static_cast<Eigen::Index>(x)];
    const double ry = s.result.rank[static_cast<Eigen::Index>(y)];
    if (std::isnan(rx) || std::isnan(ry)) return !std::isnan(rx) && std::isnan(ry);
    return rx < ry;
  });
  out << (f.name.empty() ? f.id : f.name) << " (" << f.id << "): " << d.n_units()
      << " units, ranked by '" << s.plan.ids()[s.plan.root()] << "'"
      << (s.group_by.empty() ? "" : " within each '" + s.group_by + "'") << "\n\n";
  out << io::format_text(t.select_rows(order));
}

/// The score workbook (io::score_workbook) of every period.
void write_workbook(const std::string& path, const scored_periods& p, std::optional<int> digits) {
  const session& s0 = p.periods.front();
  const bool names = !p.unit_names.empty();
  std::vector<io::scored_view> views;
  for (std::size_t t = 0; t < p.periods.size(); ++t) {
    const session& s = p.periods[t];
    views.push_back({&s.result, s.unit_rows(names), s.groups, p.has_periods ? p.labels[t] : ""});
  }
  io::score_workbook_options o;
  o.digits = digits;
  o.period = p.has_periods;
  o.band_labels = s0.band_labels();
  io::score_workbook(s0.plan, views, o).write(path);
}

} // namespace

int run_score(const parsed_args& a) {
  const auto& cmd = score_spec();
  const format fmt = parse_format(a, cmd.name);
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  const overrides o = parse_overrides(a, cmd);
  // Before any work: a bad output path is reported first.
  std::optional<std::string> xlsx;
  if (fmt == format::xlsx) xlsx = xlsx_target(a, cmd.name);
  std::optional<output> out;
  if (!xlsx) out.emplace(a.get("out"));
  std::unique_ptr<io::atomic_file> prepared;
  if (auto f = a.get("prepared")) prepared = std::make_unique<io::atomic_file>(*f);
  if (a.has("ranks") && fmt == format::table)
    throw usage(cmd.name, "chiso score: --ranks applies to CSV and JSON output, not --table");
  if ((a.has("ranks") || a.has("all")) && fmt == format::xlsx)
    throw usage(cmd.name, "chiso score: the workbook always has every rank and indicator "
                          "score (sheets ranks and indicators): drop --ranks and --all");
  // Only the aggregates are written unless --all or --prepared: indicator scores (and the input
  // matrix, once scored) need not stay in memory.
  const scored_periods p =
      run_periods(a, cmd, o, a.has("all") || prepared || xlsx ? keep::all : keep::aggregates);
  report_diagnostics(p);
  if (prepared)
    for (std::size_t t = 0; t < p.periods.size(); ++t)
      write_preparation(prepared->stream(), p.periods[t], p.has_periods ? &p.labels[t] : nullptr,
                        t == 0);
  if (xlsx) {
    write_workbook(*xlsx, p, digits);
    if (prepared) prepared->commit();
    return exit_ok;
  }
  const session& s0 = p.periods.front();
  io::score_layout l;
  l.nodes = s0.node_columns();
  if (a.has("all") && s0.plan.n_nodes() > s0.plan.n_indicators())
    for (std::size_t k = 0; k < s0.plan.n_indicators(); ++k)
      l.indicators.push_back(k);
  if (a.has("ranks"))
    for (const auto& list : {l.nodes, l.indicators})
      for (auto k : list)
        if (k != s0.plan.root()) l.ranked.push_back(k);
  l.period = p.has_periods;
  const bool names = !p.unit_names.empty();
  l.digits = digits;
  if (fmt == format::table) {
    for (std::size_t t = 0; t < p.periods.size(); ++t) {
      if (p.has_periods) out->stream() << (t ? "\n" : "") << "period " << p.labels[t] << ": ";
      write_table(out->stream(), p.periods[t], l, digits);
    }
  } else {
    io::table units = io::score_table(s0.plan.ids(), s0.unit_rows(names), !s0.f().bands.empty(), l);
    for (std::size_t t = 0; t < p.periods.size(); ++t) {
      const session& s = p.periods[t];
      io::add_score_rows(units, s.unit_rows(names), s.result, s.band_labels(), l,
                         rank_columns(s, l.ranked), p.has_periods ? p.labels[t] : "");
    }
    if (fmt == format::csv)
      io::write_csv(out->stream(), units);
    else
      write_json(out->stream(), p, l.nodes, units, digits);
  }
  if (prepared) prepared->commit();
  out->commit();
  return exit_ok;
}

} // namespace chiso::cli
