/// \file tools/chiso/score.cpp
/// `chiso score`: every unit's score at every aggregate node, its rank and band, as CSV,
/// JSON or an aligned table.

#include "commands.hpp"
#include "periods.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/overrides.hpp>

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
      "             [--mapping FILE] [--out FILE] [--format csv|json|table] [--table] [--all]\n"
      "             [--ranks] [--digits N] [--normalise METHOD[:P...]] [--aggregate METHOD[:P]]",
      "Score and rank every unit of a data file.",
      {
          {"framework", "SPEC", "framework spec file (YAML or JSON)"},
          {"preset", "NAME", "a bundled framework (see 'chiso presets')"},
          {"coinr-meta", "META", "a COINr iMeta CSV file as the framework (needs --data)"},
          {"data", "DATA",
           "data file, wide (one row per unit) or long (unit, [period,] indicator,\n"
           "value); or one wide file per period: PERIOD=FILE,PERIOD=FILE,...\n"
           "(default: the preset's sample)"},
          {"mapping", "FILE", "restate the data on new units first (CSV: old,new; docs/time.md)"},
          {"out", "FILE", "write the result to FILE (atomically) instead of stdout"},
          {"prepared", "FILE",
           "also write every cell the framework's imputation and outlier treatment\n"
           "changed (CSV: unit, indicator, step, method, before, after)"},
          {"format", "FMT", "csv (default), json or table"},
          {"table", "", "same as --format table: aligned text sorted by rank"},
          {"all", "", "also every indicator's normalised score"},
          {"ranks", "", "also every other node's rank (with --all, every indicator's too)"},
          {"digits", "N", "round scores to N decimals (0-15) for display only"},
          {"normalise", "METHOD", "use METHOD for every indicator (forms below)"},
          {"aggregate", "METHOD", "use METHOD for every aggregate node (forms below)"},
          {"presets-dir", "DIR", "where presets live (default: found next to the program)"},
      },
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
      "  (JSON null). Warnings (e.g. an indicator without spread) go to stderr.\n\n"
      "--normalise forms:\n" +
          io::normalise_forms() + "\n--aggregate forms:\n" + io::aggregate_forms() +
          "\nExamples:\n"
          "  chiso score --preset dti-province-922 --digits 4 --table\n"
          "  chiso score --framework dti.yaml --data dti-2023.csv --out scores.csv\n"
          "  chiso score --framework dti.yaml --data 2023=dti-2023.csv,2024=dti-2024.csv\n"
          "  chiso score --framework dti.yaml --data dti-2024.csv --mapping provinces-2025.csv\n"
          "  chiso score --framework dti.yaml --data d.csv --normalise minmax:0:100 "
          "--aggregate gmean\n",
  };
  return s;
}

namespace {

enum class format { csv, json, table };

format parse_format(const parsed_args& a, const std::string& cmd, bool allow_table) {
  format f = format::csv;
  if (auto v = a.get("format")) {
    if (*v == "csv")
      f = format::csv;
    else if (*v == "json")
      f = format::json;
    else if (*v == "table" && allow_table)
      f = format::table;
    else
      throw usage(cmd, "chiso " + cmd + ": --format must be csv, json" +
                           std::string(allow_table ? " or table" : "") + ", got '" + *v + "'");
  }
  if (a.has("table")) {
    if (a.has("format") && f != format::table)
      throw usage(cmd, "chiso " + cmd + ": --table conflicts with --format " + *a.get("format"));
    f = format::table;
  }
  return f;
}

/// Ranks of the columns other than the root, for --ranks: (plan index, ranks per unit).
using ranked_columns = std::vector<std::pair<std::size_t, Eigen::VectorXd>>;

ranked_columns rank_columns(const session& s, const std::vector<std::size_t>& cols,
                            const std::vector<std::size_t>& extra) {
  ranked_columns out;
  for (const auto& list : {cols, extra})
    for (auto k : list) {
      if (k == s.plan.root()) continue;
      Eigen::VectorXd r(s.result.scores.rows());
      chiso::rank(s.result.scores.col(static_cast<Eigen::Index>(k)), s.f().ranking.options,
                  s.groups, r);
      out.emplace_back(k, std::move(r));
    }
  return out;
}

std::string band_label(const session& s, std::size_t unit) {
  const int b = s.result.band[unit];
  return b < 0 ? std::string() : s.f().bands[static_cast<std::size_t>(b)].label;
}

/// One period's rows; `period` (when not null) fills a first `period` column; `names`: whether
/// the name column is written (the data of some period has names).
void write_csv(std::ostream& out, const session& s, const std::vector<std::size_t>& cols,
               const std::vector<std::size_t>& extra, const ranked_columns& ranks,
               std::optional<int> digits, const std::string* period, bool header, bool names) {
  const auto& d = s.data.data;
  const auto& ids = s.plan.ids();
  const bool bands = !s.f().bands.empty();
  const std::string lead = period ? io::csv_escape(*period) + "," : std::string();
  std::string line = period ? "period,unit" : "unit";
  if (names) line += ",name";
  if (!s.group_by.empty()) line += "," + io::csv_escape(s.group_by);
  for (auto k : cols)
    line += "," + io::csv_escape(ids[k]);
  for (auto k : extra)
    line += "," + io::csv_escape(ids[k]);
  line += ",rank";
  for (const auto& [k, r] : ranks)
    line += "," + io::csv_escape("rank_" + ids[k]);
  if (bands) line += ",band";
  if (header) out << line << '\n';
  for (std::size_t i = 0; i < d.n_units(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    line = lead + io::csv_escape(d.unit_ids[i]);
    if (names) line += "," + io::csv_escape(d.unit_names.empty() ? "" : d.unit_names[i]);
    if (!s.group_by.empty()) line += "," + io::csv_escape(s.group_label(i));
    for (auto k : cols)
      line += "," + show_number(s.result.scores(ii, static_cast<Eigen::Index>(k)), digits);
    for (auto k : extra)
      line += "," + show_number(s.result.scores(ii, static_cast<Eigen::Index>(k)), digits);
    line += "," + io::format_double(s.result.rank[ii]);
    for (const auto& [k, r] : ranks)
      line += "," + io::format_double(r[ii]);
    if (bands) line += "," + io::csv_escape(band_label(s, i));
    out << line << '\n';
  }
}

/// The whole document. With periods (`p.has_periods`) a `periods` list comes after `digits`,
/// and every unit and diagnostic carries its `period`.
void write_json(std::ostream& out, const scored_periods& p, const std::vector<std::size_t>& cols,
                const std::vector<std::size_t>& extra,
                const std::vector<ranked_columns>& period_ranks, std::optional<int> digits) {
  const session& s0 = p.periods.front();
  const auto& f = s0.f();
  const auto& ids = s0.plan.ids();
  const bool names = !p.unit_names.empty();
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
  out << "],\n  \"units\": [";
  bool first = true;
  for (std::size_t t = 0; t < p.periods.size(); ++t) {
    const session& s = p.periods[t];
    const auto& d = s.data.data;
    const auto& ranks = period_ranks[t];
    for (std::size_t i = 0; i < d.n_units(); ++i) {
      const auto ii = static_cast<Eigen::Index>(i);
      out << (first ? "\n" : ",\n") << "    {";
      first = false;
      if (p.has_periods) out << "\"period\": " << io::json_escape(p.labels[t]) << ", ";
      out << "\"unit\": " << io::json_escape(d.unit_ids[i]);
      if (names)
        out << ", \"name\": " << io::json_escape(d.unit_names.empty() ? "" : d.unit_names[i]);
      if (!s.group_by.empty()) out << ", \"group\": " << io::json_escape(s.group_label(i));
      out << ", \"scores\": {";
      for (std::size_t c = 0; c < cols.size(); ++c)
        out << (c ? ", " : "") << io::json_escape(ids[cols[c]]) << ": "
            << json_value(s.result.scores(ii, static_cast<Eigen::Index>(cols[c])), digits);
      out << "}";
      if (!extra.empty()) {
        out << ", \"indicators\": {";
        for (std::size_t c = 0; c < extra.size(); ++c)
          out << (c ? ", " : "") << io::json_escape(ids[extra[c]]) << ": "
              << json_value(s.result.scores(ii, static_cast<Eigen::Index>(extra[c])), digits);
        out << "}";
      }
      out << ", \"rank\": " << io::json_number(s.result.rank[ii]);
      if (!ranks.empty()) {
        out << ", \"ranks\": {";
        for (std::size_t c = 0; c < ranks.size(); ++c)
          out << (c ? ", " : "") << io::json_escape(ids[ranks[c].first]) << ": "
              << io::json_number(ranks[c].second[ii]);
        out << "}";
      }
      if (!f.bands.empty()) {
        const auto b = band_label(s, i);
        out << ", \"band\": " << (b.empty() ? "null" : io::json_escape(b));
      }
      out << "}";
    }
  }
  out << (first ? "],\n" : "\n  ],\n");
  out << "  \"diagnostics\": [";
  first = true;
  for (std::size_t t = 0; t < p.periods.size(); ++t) {
    const auto& d = p.periods[t].data.data;
    for (const auto& g : p.periods[t].result.diagnostics) {
      out << (first ? "\n" : ",\n") << "    {";
      first = false;
      if (p.has_periods) out << "\"period\": " << io::json_escape(p.labels[t]) << ", ";
      out << "\"code\": " << io::json_escape(to_string(g.code))
          << ", \"node\": " << io::json_escape(ids[g.node]) << ", \"unit\": "
          << (g.unit == diagnostic::npos ? "null" : io::json_escape(d.unit_ids[g.unit]))
          << ", \"message\": " << io::json_escape(g.message) << "}";
    }
  }
  out << (first ? "]\n}\n" : "\n  ]\n}\n");
}

void write_table(std::ostream& out, const session& s, const std::vector<std::size_t>& cols,
                 const std::vector<std::size_t>& extra, std::optional<int> digits) {
  const auto& d = s.data.data;
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  const bool names = !d.unit_names.empty();
  const bool bands = !f.bands.empty();
  const int dig = digits ? *digits : f.display_decimals.value_or(4);
  std::vector<std::string> header{"rank", "unit"};
  std::vector<bool> right{true, false};
  if (names) header.push_back("name"), right.push_back(false);
  if (!s.group_by.empty()) header.push_back(s.group_by), right.push_back(false);
  for (auto k : cols)
    header.push_back(ids[k]), right.push_back(true);
  for (auto k : extra)
    header.push_back(ids[k]), right.push_back(true);
  if (bands) header.push_back("band"), right.push_back(false);

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
  std::vector<std::vector<std::string>> rows;
  rows.reserve(order.size());
  for (auto i : order) {
    const auto ii = static_cast<Eigen::Index>(i);
    std::vector<std::string> r;
    const double rk = s.result.rank[ii];
    r.push_back(std::isnan(rk) ? "-" : io::format_double(rk));
    r.push_back(d.unit_ids[i]);
    if (names) r.push_back(d.unit_names[i]);
    if (!s.group_by.empty()) r.push_back(s.group_label(i));
    for (const auto& list : {cols, extra})
      for (auto k : list) {
        const double v = s.result.scores(ii, static_cast<Eigen::Index>(k));
        r.push_back(std::isnan(v) ? "-" : show_number(v, dig));
      }
    if (bands) r.push_back(band_label(s, i));
    rows.push_back(std::move(r));
  }
  out << (f.name.empty() ? f.id : f.name) << " (" << f.id << "): " << d.n_units()
      << " units, ranked by '" << ids[s.plan.root()] << "'"
      << (s.group_by.empty() ? "" : " within each '" + s.group_by + "'") << "\n\n";
  out << render_table(header, rows, right);
}

} // namespace

int run_score(const parsed_args& a) {
  const auto& cmd = score_spec();
  const format fmt = parse_format(a, cmd.name, true);
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  const overrides o = parse_overrides(a, cmd);
  output out(a.get("out")); // before any work: a bad output path is reported first
  std::unique_ptr<io::atomic_file> prepared;
  if (auto f = a.get("prepared")) prepared = std::make_unique<io::atomic_file>(*f);
  if (a.has("ranks") && fmt == format::table)
    throw usage(cmd.name, "chiso score: --ranks applies to CSV and JSON output, not --table");
  const scored_periods p = run_periods(a, cmd, o);
  report_diagnostics(p);
  if (prepared)
    for (std::size_t t = 0; t < p.periods.size(); ++t)
      write_preparation(prepared->stream(), p.periods[t], p.has_periods ? &p.labels[t] : nullptr,
                        t == 0);
  const session& s0 = p.periods.front();
  const auto cols = s0.node_columns();
  std::vector<std::size_t> extra;
  if (a.has("all") && s0.plan.n_nodes() > s0.plan.n_indicators())
    for (std::size_t k = 0; k < s0.plan.n_indicators(); ++k)
      extra.push_back(k);
  std::vector<ranked_columns> ranks;
  for (const auto& s : p.periods)
    ranks.push_back(a.has("ranks") ? rank_columns(s, cols, extra) : ranked_columns{});
  const bool names = !p.unit_names.empty();
  for (std::size_t t = 0; t < p.periods.size(); ++t) {
    const std::string* period = p.has_periods ? &p.labels[t] : nullptr;
    switch (fmt) {
    case format::csv:
      write_csv(out.stream(), p.periods[t], cols, extra, ranks[t], digits, period, t == 0, names);
      break;
    case format::json: break;
    case format::table:
      if (period) out.stream() << (t ? "\n" : "") << "period " << *period << ": ";
      write_table(out.stream(), p.periods[t], cols, extra, digits);
      break;
    }
  }
  if (fmt == format::json) write_json(out.stream(), p, cols, extra, ranks, digits);
  if (prepared) prepared->commit();
  out.commit();
  return exit_ok;
}

} // namespace chiso::cli
