/// \file tools/chiso/uncertainty.cpp
/// `chiso uncertainty`: Monte Carlo rank and score intervals of a framework under the uncertain
/// choices of a choices file (docs/robustness.md), with a progress bar on a terminal and a short
/// text summary.

#include "commands.hpp"
#include "robust_run.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/workbooks.hpp>

#include <chiso/io/result_tables.hpp>
#include <chiso/io/table.hpp>
#include <chiso/robust/uncertainty.hpp>
#include <iostream>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace chiso::cli {

namespace {

struct uncertainty_outputs {
  std::unique_ptr<output> main;
  std::unique_ptr<io::atomic_file> draws, samples;
};

/// The main table (io::uncertainty_table); with `node`, that node's rows alone and no node
/// column (the JSON document's `nodes[].units`).
io::table summary_table(const session& s, const robust::uncertainty_result& r,
                        std::optional<int> digits, std::optional<std::size_t> node = {}) {
  return io::uncertainty_table(s.unit_rows(!s.data.data.unit_names.empty()), r, digits, node);
}

/// --samples: every replication's score and rank of every tracked node and unit, written one
/// replication at a time (the whole run can be large).
void write_samples_csv(std::ostream& out, const session& s, const robust::uncertainty_result& r,
                       std::optional<int> digits) {
  const auto& ids = s.data.data.unit_ids;
  for (std::size_t k = 0; k < r.replications; ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    io::table t({{"replication", io::column_type::integer},
                 {"unit"},
                 {"node"},
                 {"score", io::column_type::number, digits},
                 {"rank", io::column_type::rank}});
    for (const auto& x : r.nodes)
      for (std::size_t u = 0; u < ids.size(); ++u) {
        const auto i = static_cast<Eigen::Index>(u);
        t.row().count(k).text(ids[u]).text(x.id).number(x.scores(i, kk)).number(x.ranks(i, kk));
      }
    io::write_csv(out, t, k == 0);
  }
  if (r.replications == 0) out << "replication,unit,node,score,rank\n";
}

void write_uncertainty_json(std::ostream& out, const session& s, const robust::model& m,
                            const robust::uncertainty_result& r,
                            const robust::uncertainty_options& o, std::optional<int> digits) {
  const auto& f = s.f();
  out << "{\n  \"command\": \"uncertainty\",\n  \"framework\": {\"id\": " << io::json_escape(f.id)
      << ", \"root\": " << io::json_escape(s.plan.ids()[s.plan.root()]) << "},\n"
      << "  \"seed\": " << r.seed << ",\n  \"replications\": " << r.replications
      << ",\n  \"threads\": " << r.threads << ",\n  \"seconds\": " << io::json_number(r.seconds)
      << ",\n  \"interval\": [" << io::json_number(o.lower) << ", " << io::json_number(o.upper)
      << "],\n  \"group_by\": " << (s.group_by.empty() ? "null" : io::json_escape(s.group_by))
      << ",\n  \"inputs\": [";
  for (std::size_t i = 0; i < r.inputs.size(); ++i)
    out << (i ? ", " : "") << io::json_escape(r.inputs[i]);
  out << "],\n  \"nodes\": [";
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    out << (c ? "," : "") << "\n    {\"id\": " << io::json_escape(r.nodes[c].id) << ", \"units\": ";
    io::write_json(out, summary_table(s, r, digits, c), 4);
    out << "}";
  }
  out << "\n  ],\n  \"draws\": ";
  io::write_json(out, io::uncertainty_draws_table(m, r, digits));
  out << "\n}\n";
}

/// Correlation ratio η² = Σ_g n_g (ȳ_g − ȳ)² / Σ (y − ȳ)² of `y` over the categories of
/// input i (its drawn alternative): the first-order sensitivity index of a discrete input
/// estimated from a plain Monte Carlo sample. NaN when y does not vary, the input is continuous
/// (weights), or it has more than N/10 categories (too few draws per category).
double correlation_ratio(const robust::model& m, const robust::uncertainty_result& r,
                         std::size_t i) {
  if (std::holds_alternative<robust::weight_choice>(m.uncertain().inputs[i].choice))
    return chiso::detail::nan;
  std::map<std::string, std::pair<double, std::size_t>> groups;
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t k = 0; k < r.replications; ++k) {
    const double y = r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)];
    if (std::isnan(y)) continue;
    auto& g = groups[m.describe(i, r.draws[k][i])];
    g.first += y;
    ++g.second;
    sum += y;
    ++n;
  }
  if (n < 2 || groups.size() * 10 > n) return chiso::detail::nan;
  const double mean = sum / static_cast<double>(n);
  double total = 0;
  for (std::size_t k = 0; k < r.replications; ++k) {
    const double y = r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)];
    if (!std::isnan(y)) total += (y - mean) * (y - mean);
  }
  if (!(total > 0)) return chiso::detail::nan;
  double between = 0;
  for (const auto& [label, g] : groups) {
    const double d = g.first / static_cast<double>(g.second) - mean;
    between += static_cast<double>(g.second) * d * d;
  }
  return between / total;
}

std::string uncertainty_summary(const session& s, const robust::model& m,
                                const robust::uncertainty_result& r,
                                const robust::uncertainty_options& o) {
  std::ostringstream out;
  const auto& root = r.nodes[0];
  const auto n = s.data.data.n_units();
  out << "chiso uncertainty: " << r.replications << " replications of " << r.inputs.size()
      << " uncertain input" << (r.inputs.size() == 1 ? "" : "s") << " (seed " << r.seed << ", "
      << r.threads << " thread" << (r.threads == 1 ? "" : "s") << ") in " << fixed(r.seconds, 3)
      << " s\n";
  std::vector<double> shift;
  for (Eigen::Index k = 0; k < r.mean_abs_rank_shift.size(); ++k)
    if (!std::isnan(r.mean_abs_rank_shift[k])) shift.push_back(r.mean_abs_rank_shift[k]);
  std::sort(shift.begin(), shift.end());
  if (!shift.empty()) {
    const double mean =
        std::accumulate(shift.begin(), shift.end(), 0.0) / static_cast<double>(shift.size());
    out << "Mean absolute rank shift of '" << root.id << "' per replication: mean "
        << fixed(mean, 2) << ", median " << fixed(chiso::detail::quantile7(shift, 0.5), 2) << ", "
        << fixed(o.lower * 100, 0) << "-" << fixed(o.upper * 100, 0) << "% ["
        << fixed(chiso::detail::quantile7(shift, o.lower), 2) << ", "
        << fixed(chiso::detail::quantile7(shift, o.upper), 2) << "]\n";
  }
  // Which choice moves ranks most: η² of each discrete input, largest first ('-' last).
  std::vector<std::pair<double, std::size_t>> etas;
  for (std::size_t i = 0; i < r.inputs.size(); ++i)
    etas.emplace_back(correlation_ratio(m, r, i), i);
  std::stable_sort(etas.begin(), etas.end(), [](const auto& x, const auto& y) {
    return !std::isnan(x.first) && (std::isnan(y.first) || x.first > y.first);
  });
  std::vector<std::vector<std::string>> rows;
  for (const auto& [eta, i] : etas)
    rows.push_back({r.inputs[i], fixed(eta, 2)});
  out << "\nShare of the rank shift's variance explained by each input's alternative (eta^2;\n"
         "'-' for weights and inputs with many alternatives: see 'chiso sensitivity'):\n"
      << render_table({"input", "eta^2"}, rows, {false, true});

  // Least stable units: widest rank interval of the root.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto width = [&](std::size_t u) {
    const auto i = static_cast<Eigen::Index>(u);
    const double w = root.rank.upper[i] - root.rank.lower[i];
    return std::isnan(w) ? -1.0 : w;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return width(x) > width(y); });
  std::size_t stable = 0;
  for (std::size_t u = 0; u < n; ++u)
    if (width(u) == 0) ++stable;
  rows.clear();
  for (std::size_t j = 0; j < std::min<std::size_t>(10, n) && width(order[j]) > 0; ++j) {
    const auto u = order[j];
    const auto i = static_cast<Eigen::Index>(u);
    rows.push_back(
        {s.data.data.unit_ids[u], io::format_double(root.nominal_rank[i]),
         fixed(root.rank.median[i], 1),
         "[" + fixed(root.rank.lower[i], 1) + ", " + fixed(root.rank.upper[i], 1) + "]"});
  }
  out << "\n";
  if (!rows.empty())
    out << "Least stable units (widest " << fixed(o.lower * 100, 0) << "-"
        << fixed(o.upper * 100, 0) << "% interval of their rank of '" << root.id << "'):\n"
        << render_table({"unit", "nominal", "median", "interval"}, rows,
                        {false, true, true, false});
  out << stable << " of " << n << " units keep an interval of zero width (the same rank in "
      << "the central " << fixed((o.upper - o.lower) * 100, 0) << "% of replications).\n";
  return out.str();
}

/// `--replicate K`: replication K's full result, as `chiso score` writes it (CSV: unit, every
/// node, rank, band; JSON: the replication's draws, then the units).
void write_replication(std::ostream& out, const session& s, const robust::model& m,
                       const robust::replication& rep, std::size_t k, bool json,
                       std::optional<int> digits) {
  io::score_layout l;
  l.nodes = s.node_columns();
  l.digits = digits;
  const auto units = s.unit_rows(!s.data.data.unit_names.empty());
  io::table t = io::score_table(s.plan.ids(), units, !s.f().bands.empty(), l);
  io::add_score_rows(t, units, rep.full, s.band_labels(), l);
  if (!json) {
    io::write_csv(out, t);
    return;
  }
  out << "{\n  \"command\": \"uncertainty\",\n  \"replication\": " << k << ",\n  \"choices\": {";
  for (std::size_t i = 0; i < rep.draws.size(); ++i)
    out << (i ? ", " : "") << io::json_escape(m.input_ids()[i]) << ": "
        << io::json_escape(m.describe(i, rep.draws[i]));
  out << "},\n  \"units\": ";
  io::write_json(out, t);
  out << "\n}\n";
}

} // namespace

const command_spec& uncertainty_spec() {
  static const command_spec s = {
      "uncertainty",
      "uncertainty (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             --choices FILE [--replications N] [--seed S] [--threads T] [--track IDS]\n"
      "             [--out FILE] [--format csv|json|xlsx] [--draws FILE] [--samples FILE]\n"
      "             [--replicate K] [--digits N] [--quiet]",
      "Monte Carlo rank and score intervals under uncertain choices.",
      robust_options({
          {"replications", "N", "number of replications (default: the file's, else 1000)"},
          {"track", "IDS",
           "comma-separated nodes or indicators summarised besides the root\n"
           "(default: the file's 'track')"},
          {"draws", "FILE", "write each replication's draws and rank shift (CSV) to FILE"},
          {"samples", "FILE",
           "write every replication's score and rank of every tracked node and unit\n"
           "(long CSV: replication, unit, node, score, rank) to FILE"},
          {"replicate", "K",
           "re-run replication K (0-based, as --draws numbers them) alone and write\n"
           "its full result (as 'chiso score' does) instead of the summary"},
      }),
      {},
      "Main table (CSV; JSON adds the run's settings and every replication's draws), one row\n"
      "per tracked node (root first) and unit: unit, name, group (as 'chiso score'), node,\n"
      "nominal_score, nominal_rank, rank_mean, rank_median, rank_lower, rank_upper,\n"
      "score_mean, score_median, score_lower, score_upper, missing. lower/upper are the type-7\n"
      "quantiles at the file's 'interval' (default 5% and 95%); 'missing' counts replications\n"
      "in which the unit's score was missing (left out of its summaries).\n"
      "The summary (stdout when --out is given, else stderr; none with --quiet) gives the\n"
      "time, the mean absolute rank shift, the share of its variance each discrete input\n"
      "explains, and the units with the widest rank intervals. Same seed -> the same output\n"
      "on any number of threads.\n\n"
      "Examples:\n"
      "  chiso uncertainty --framework index.yaml --data d.csv --choices robust.yaml "
      "--out ranks.csv\n"
      "  chiso uncertainty --framework index.yaml --data d.csv --choices robust.yaml "
      "--replicate 17\n",
  };
  return s;
}

int run_uncertainty(const parsed_args& a) {
  const auto& cmd = uncertainty_spec();
  const std::string& name = cmd.name;
  const bool json = a.get_or("format", "csv") == "json";
  const bool to_xlsx = a.get_or("format", "csv") == "xlsx";
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, name);
  std::optional<std::size_t> replicate;
  if (a.has("replicate")) {
    replicate = whole(a, "replicate", name, 0, 100000000);
    for (const char* o : {"draws", "samples"})
      if (a.has(o))
        throw usage(name, "chiso uncertainty: --replicate writes one replication's result; "
                          "--" +
                              std::string(o) + " belongs to a full run");
  }
  // Outputs first: a bad output path is reported before any input is read.
  uncertainty_outputs outs;
  std::optional<std::string> xlsx;
  if (to_xlsx) {
    if (replicate)
      throw usage(name, "chiso uncertainty: --replicate writes CSV or JSON, not --format xlsx");
    xlsx = xlsx_target(a, name);
  } else {
    outs.main = std::make_unique<output>(a.get("out"));
  }
  if (auto p = a.get("draws")) outs.draws = std::make_unique<io::atomic_file>(*p);
  if (auto p = a.get("samples")) outs.samples = std::make_unique<io::atomic_file>(*p);

  auto r = load_robust(a, cmd);
  auto o = r.spec.uncertainty;
  if (a.has("replications")) o.replications = whole(a, "replications", name, 1, 100000000);
  if (a.has("seed")) o.seed = whole(a, "seed", name, 0, UINT64_MAX);
  if (a.has("threads")) o.threads = static_cast<unsigned>(whole(a, "threads", name, 0, 1024));
  if (auto t = a.get("track")) {
    o.track.clear();
    std::stringstream list(*t);
    for (std::string id; std::getline(list, id, ',');)
      if (!id.empty()) {
        if (!r.s.f().find_node(id) && !r.s.f().find_indicator(id))
          throw usage(name, "chiso uncertainty: --track: unknown node or indicator '" + id + "'");
        o.track.push_back(id);
      }
  }
  if (replicate) {
    if (*replicate >= o.replications)
      throw usage(name, "chiso uncertainty: --replicate " + std::to_string(*replicate) +
                            ": a run of " + std::to_string(o.replications) +
                            " replications numbers them 0 to " +
                            std::to_string(o.replications - 1));
    const auto rep = robust::replicate(r.m, o, *replicate);
    write_replication(outs.main->stream(), r.s, r.m, rep, *replicate, json, digits);
    outs.main->commit();
    if (!a.has("quiet")) {
      std::string text = "chiso uncertainty: replication " + std::to_string(*replicate) +
                         " of the run seeded " + std::to_string(o.seed) + " drew:\n";
      for (std::size_t i = 0; i < rep.draws.size(); ++i)
        text += "  " + r.m.input_ids()[i] + ": " + r.m.describe(i, rep.draws[i]) + "\n";
      finish(a, text, *outs.main);
    }
    return exit_ok;
  }
  o.keep_samples = outs.samples != nullptr;
  progress_bar bar(!a.has("quiet"), "replications");
  o.progress = bar.callback();
  // Per-replication draws are needed for the summary's eta^2 and for --draws / JSON.
  const auto res = robust::run_uncertainty(r.m, o);
  bar.clear();

  if (xlsx) {
    // Sheets units (the summary, with the node's name), draws and methods; numbers unrounded,
    // shown with --digits decimals, else the framework's.
    const auto& f = r.s.f();
    io::xlsx_options xo;
    xo.digits = digits ? digits : f.display_decimals;
    xo.title = f.name.empty() ? f.id : f.name;
    io::workbook w(xo);
    io::table t = summary_table(r.s, res, digits);
    std::size_t node_col = 0;
    while (node_col + 1 < t.n_columns() && t.columns()[node_col].name != "node")
      ++node_col;
    const std::size_t units_cols = node_col;
    if (t.columns()[node_col].name == "node")
      t = io::with_node_names(r.s.plan, t, node_col, "node_name");
    w.add({"units", std::move(t), {}, units_cols});
    w.add({"draws", io::uncertainty_draws_table(r.m, res, digits), {}, 1});
    w.add({"methods", io::framework_table(r.s.plan), {}, 3, false});
    w.write(*xlsx);
  } else if (json) {
    write_uncertainty_json(outs.main->stream(), r.s, r.m, res, o, digits);
  } else {
    io::write_csv(outs.main->stream(), summary_table(r.s, res, digits));
  }
  if (outs.draws)
    io::write_csv(outs.draws->stream(), io::uncertainty_draws_table(r.m, res, digits));
  if (outs.samples) write_samples_csv(outs.samples->stream(), r.s, res, digits);
  // Commit the files only once every one is written.
  if (outs.draws) outs.draws->commit();
  if (outs.samples) outs.samples->commit();
  if (xlsx) {
    if (!a.has("quiet")) std::cout << uncertainty_summary(r.s, r.m, res, o) << std::flush;
    return exit_ok;
  }
  outs.main->commit();
  finish(a, uncertainty_summary(r.s, r.m, res, o), *outs.main);
  return exit_ok;
}

} // namespace chiso::cli
