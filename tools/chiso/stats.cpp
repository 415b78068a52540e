/// \file tools/chiso/stats.cpp
/// `chiso stats`: per-indicator statistics (coverage, min, max, mean, SD, skew, kurtosis,
/// outliers, flags), the correlation matrix, and per aggregate node Cronbach's alpha, a PCA
/// summary and the structure flags (children correlating negatively with their parent, sibling
/// pairs correlating too strongly). Formulas: docs/methods.md (Part III).

#include "commands.hpp"
#include "options.hpp"
#include "session.hpp"
#include "stats_output.hpp"
#include "text.hpp"

#include <chiso/analysis/stats_report.hpp>
#include <chiso/io/output.hpp>
#include <chiso/io/stats_tables.hpp>
#include <chiso/io/workbooks.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace chiso::cli {

const command_spec& stats_spec() {
  static const command_spec s = {
      "stats",
      "stats (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             [--level raw|prepared|normalised|all] [--corr pearson|spearman]\n"
      "             [--format text|csv|json|xlsx] [--out FILE | --out-dir DIR] [--digits N]\n"
      "             [--normalise METHOD[:P...]] [--aggregate METHOD[:P]]",
      "Indicator statistics, correlations, Cronbach's alpha, PCA and structure flags.",
      options({
          input_options("wide CSV data file, one row per unit (default: the preset's sample)"),
          {{"level",
            "LEVEL",
            "raw (default): the indicators' data columns as read; prepared: the values\n"
            "the methods normalise (after denominators, transforms, imputation and\n"
            "outlier treatment); normalised (or normalized): the indicators' scores;\n"
            "all: the scores of every indicator and aggregate node",
            {"raw", "prepared", "normalised", "all"},
            {{"normalized", "normalised"}}},
           {"corr", "METHOD", "pearson (default) or spearman", {"pearson", "spearman"}}},
          output_options({"text", "csv", "json", "xlsx"},
                         "text (default on stdout): a summary; csv (default with --out or\n"
                         "--out-dir): the per-indicator table; json: everything; xlsx (with\n"
                         "--out FILE.xlsx): every table as a sheet of one Excel workbook"),
          {{"out-dir", "DIR",
            "write stats.csv, correlation.csv, nodes.csv and flags.csv into DIR\n"
            "(an existing directory)"}},
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "Per-indicator table (CSV, stats.csv): id, coverage, n, min, max, mean, sd, skew,\n"
      "kurtosis, n_outliers, flags. Skew and kurtosis are the bias-corrected sample skewness\n"
      "and excess kurtosis (Excel SKEW and KURT, COINr); outliers lie beyond Q1 - 1.5 IQR or\n"
      "Q3 + 1.5 IQR. Flags (separated by ';'): no_data, no_spread, low_coverage (< 0.65),\n"
      "skew_kurtosis (|skew| > 2 and kurtosis > 3.5), low_nonzero, low_unique, outliers,\n"
      "negative_with:PARENT (r <= -0.4 with a parent node), collinear_with:SIBLING (r >= 0.9\n"
      "with another child of the same node). The structure checks always use the scores\n"
      "(normalised indicators and aggregates), whatever --level says.\n"
      "correlation.csv: the correlation matrix of the level's columns (pairwise-complete).\n"
      "nodes.csv: node, level, children, alpha (Cronbach, of the children's scores), alpha_n,\n"
      "pc1_explained (share of variance of the first principal component), pca_n.\n"
      "flags.csv: kind, node, child, sibling, r, n.\n"
      "xlsx: sheets indicators (stats.csv with level, median, q1, q3, n_nonzero, n_unique\n"
      "and the indicators' names), correlation (names in a second header row), nodes,\n"
      "children (each child's r with its node), flags (with messages) and methods (the\n"
      "framework tree); numbers unrounded, shown with --digits decimals, else the\n"
      "framework's display_decimals.\n"
      "A missing or undefined value is an empty cell (JSON null, '-' in text).\n\n"
      "Examples:\n"
      "  chiso stats --preset dti-province-922\n"
      "  chiso stats --coinr-meta iMeta.csv --data iData.csv --out-dir analysis/\n"
      "  chiso stats --framework dti.yaml --data d.csv --level all --format json --out s.json\n",
  };
  return s;
}
namespace {

enum class stats_format { text, csv, json, xlsx };

/// The files of --out-dir, opened (each written atomically) before any work is done.
struct out_dir_files {
  std::unique_ptr<io::atomic_file> stats, corr, nodes, flags;
};

} // namespace

int run_stats(const parsed_args& a) {
  const auto& cmd = stats_spec();
  const std::string& name = cmd.name;
  const std::string lv_name = a.get_or("level", "raw");
  using analysis::stats_level;
  const stats_level lv = lv_name == "prepared"     ? stats_level::prepared
                         : lv_name == "normalised" ? stats_level::normalised
                         : lv_name == "all"        ? stats_level::all
                                                   : stats_level::raw;
  const auto method = a.get_or("corr", "pearson") == "spearman"
                          ? analysis::correlation_method::spearman
                          : analysis::correlation_method::pearson;
  if (a.has("out") && a.has("out-dir"))
    throw usage(name, "chiso stats: give --out FILE or --out-dir DIR, not both");
  const std::string fmt_name =
      a.get_or("format", a.has("out") || a.has("out-dir") ? "csv" : "text");
  const stats_format fmt = fmt_name == "json"   ? stats_format::json
                           : fmt_name == "csv"  ? stats_format::csv
                           : fmt_name == "xlsx" ? stats_format::xlsx
                                                : stats_format::text;
  if (a.has("out-dir") && fmt != stats_format::csv)
    throw usage(name, "chiso stats: --out-dir writes CSV files; for " +
                          std::string(fmt == stats_format::json   ? "JSON"
                                      : fmt == stats_format::xlsx ? "xlsx"
                                                                  : "text") +
                          " use --out FILE" + (fmt == stats_format::xlsx ? "" : " or stdout"));
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, name);
  const overrides o = parse_overrides(a, cmd);

  // Outputs first: a bad output path is reported before any input is read.
  std::unique_ptr<output> out;
  out_dir_files files;
  std::optional<std::string> xlsx;
  if (fmt == stats_format::xlsx) {
    xlsx = xlsx_target(a, name);
  } else if (auto dir = a.get("out-dir")) {
    if (dir->empty()) throw input_error("--out-dir: the directory path is empty");
    std::error_code ec;
    if (!std::filesystem::is_directory(*dir, ec))
      throw input_error("--out-dir: '" + *dir + "' is not an existing directory");
    const std::filesystem::path d(*dir);
    files.stats = std::make_unique<io::atomic_file>(d / "stats.csv");
    files.corr = std::make_unique<io::atomic_file>(d / "correlation.csv");
    files.nodes = std::make_unique<io::atomic_file>(d / "nodes.csv");
    files.flags = std::make_unique<io::atomic_file>(d / "flags.csv");
  } else {
    out = std::make_unique<output>(a.get("out"));
  }

  const session s = run_session(a, cmd, o);
  report_diagnostics(s);
  const auto r = analysis::compute_stats(s.plan, s.data.data.values, s.result, lv, method);
  const auto& ids = s.plan.ids();

  if (xlsx) {
    io::stats_workbook(s.plan, r, digits).write(*xlsx);
    return exit_ok;
  }
  if (files.stats) {
    io::write_csv(files.stats->stream(), io::stats_table(r, ids, digits));
    io::write_csv(files.corr->stream(), io::correlation_table(r, ids, digits));
    io::write_csv(files.nodes->stream(), io::nodes_table(r, ids, digits));
    io::write_csv(files.flags->stream(), io::flags_table(r, ids, digits, false));
    files.stats->commit();
    files.corr->commit();
    files.nodes->commit();
    files.flags->commit();
    return exit_ok;
  }
  // Built in memory, so that nothing reaches stdout if anything fails.
  std::ostringstream text;
  switch (fmt) {
  case stats_format::text: write_stats_text(text, s, r, digits); break;
  case stats_format::csv: io::write_csv(text, io::stats_table(r, ids, digits)); break;
  case stats_format::json: write_stats_json(text, s, r, digits); break;
  case stats_format::xlsx: break; // written above
  }
  out->stream() << text.str();
  out->commit();
  return exit_ok;
}

} // namespace chiso::cli
