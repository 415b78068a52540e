/// \file tools/chiso/stats.cpp
/// `chiso stats`: per-indicator statistics (coverage, min, max, mean, SD, skew, kurtosis,
/// outliers, flags), the correlation matrix, and per aggregate node Cronbach's alpha, a PCA
/// summary and the structure flags (children correlating negatively with their parent, sibling
/// pairs correlating too strongly). Formulas: docs/methods.md (Part III).

#include "commands.hpp"
#include "options.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/analysis/correlation.hpp>
#include <chiso/analysis/flags.hpp>
#include <chiso/analysis/pca.hpp>
#include <chiso/analysis/statistics.hpp>
#include <chiso/io/output.hpp>

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
      "             [--format text|csv|json] [--out FILE | --out-dir DIR] [--digits N]\n"
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
          output_options({"text", "csv", "json"},
                         "text (default on stdout): a summary; csv (default with --out or\n"
                         "--out-dir): the per-indicator table; json: everything"),
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
      "A missing or undefined value is an empty cell (JSON null, '-' in text).\n\n"
      "Examples:\n"
      "  chiso stats --preset dti-province-922\n"
      "  chiso stats --coinr-meta iMeta.csv --data iData.csv --out-dir analysis/\n"
      "  chiso stats --framework dti.yaml --data d.csv --level all --format json --out s.json\n",
  };
  return s;
}

namespace {

enum class stats_format { text, csv, json };
enum class level { raw, prepared, normalised, all };

const char* level_name(level l) {
  switch (l) {
  case level::raw: return "raw";
  case level::prepared: return "prepared";
  case level::normalised: return "normalised";
  case level::all: return "all";
  }
  return "?";
}

/// The columns `stats` describes, their ids, and the statistics of each.
struct stats_run {
  level lv = level::raw;
  analysis::correlation_method method = analysis::correlation_method::pearson;
  std::vector<std::size_t> nodes; ///< plan index of each column
  Eigen::MatrixXd values;         ///< units × columns
  std::vector<analysis::column_summary> summary;
  analysis::correlations corr;
  analysis::pca_result pca;
  analysis::flag_report flags;
  std::vector<int> levels; ///< per plan node
};

stats_run compute(const session& s, level lv, analysis::correlation_method method) {
  stats_run r;
  r.lv = lv;
  r.method = method;
  const auto& p = s.plan;
  const std::size_t ni = p.n_indicators();
  const std::size_t count = lv == level::all ? p.n_nodes() : ni;
  const auto n = static_cast<Eigen::Index>(s.data.data.n_units());
  r.values.resize(n, static_cast<Eigen::Index>(count));
  // Prepared: the values the methods normalise (÷ denominator, × scale, transform, then the
  // framework's imputation and outlier treatment).
  Eigen::MatrixXd prepared;
  if (lv == level::prepared) {
    if (p.prepares())
      prepared = s.result.preparation.values;
    else
      (void)detail::prepared_columns(p, s.data.data.values, prepared);
  }
  for (std::size_t k = 0; k < count; ++k) {
    r.nodes.push_back(k);
    const auto kk = static_cast<Eigen::Index>(k);
    if (lv == level::raw)
      r.values.col(kk) =
          s.data.data.values.col(static_cast<Eigen::Index>(p.indicator_steps()[k].column));
    else if (lv == level::prepared)
      r.values.col(kk) = prepared.col(kk);
    else
      r.values.col(kk) = s.result.scores.col(kk);
  }
  r.summary = analysis::summarise_columns(r.values);
  r.corr = analysis::correlation_matrix(r.values, method);
  r.pca = analysis::pca(r.values);
  analysis::flag_options o;
  o.method = method;
  r.flags = analysis::correlation_flags(p, s.result, o);
  r.levels = analysis::node_levels(p);
  return r;
}

/// Every flag of column `c`: its statistics' flags, then the structure flags naming it.
std::vector<std::string> row_flags(const session& s, const stats_run& r, std::size_t c) {
  auto out = analysis::flag_names(r.summary[c].flags);
  const std::size_t node = r.nodes[c];
  const auto& ids = s.plan.ids();
  for (const auto& f : r.flags.flags) {
    if (f.kind == analysis::flag_kind::negative_with_parent) {
      if (f.a == node) out.push_back("negative_with:" + ids[f.node]);
    } else if (f.a == node) {
      out.push_back("collinear_with:" + ids[f.b]);
    } else if (f.b == node) {
      out.push_back("collinear_with:" + ids[f.a]);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v)
    out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string count_text(std::size_t n) {
  return std::to_string(n);
}

// ----- CSV -----------------------------------------------------------------------------------

void write_stats_csv(std::ostream& out, const session& s, const stats_run& r,
                     std::optional<int> digits) {
  out << "id,coverage,n,min,max,mean,sd,skew,kurtosis,n_outliers,flags\n";
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    const auto& m = r.summary[c];
    out << io::csv_escape(s.plan.ids()[r.nodes[c]]) << ',' << show_number(m.coverage, digits) << ','
        << m.n << ',' << show_number(m.min, digits) << ',' << show_number(m.max, digits) << ','
        << show_number(m.mean, digits) << ',' << show_number(m.sd, digits) << ','
        << show_number(m.skew, digits) << ',' << show_number(m.kurtosis, digits) << ','
        << m.n_outliers << ',' << io::csv_escape(joined(row_flags(s, r, c), ";")) << '\n';
  }
}

void write_corr_csv(std::ostream& out, const session& s, const stats_run& r,
                    std::optional<int> digits) {
  const auto& ids = s.plan.ids();
  out << "id";
  for (auto k : r.nodes)
    out << ',' << io::csv_escape(ids[k]);
  out << '\n';
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    out << io::csv_escape(ids[r.nodes[i]]);
    for (std::size_t j = 0; j < r.nodes.size(); ++j)
      out << ','
          << show_number(r.corr.r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                         digits);
    out << '\n';
  }
}

double pc1_share(const analysis::pca_result& p) {
  return p.ok() ? p.explained[0] : detail::nan;
}

void write_nodes_csv(std::ostream& out, const session& s, const stats_run& r,
                     std::optional<int> digits) {
  out << "node,level,children,alpha,alpha_n,pc1_explained,pca_n\n";
  for (const auto& nr : r.flags.nodes)
    out << io::csv_escape(s.plan.ids()[nr.node]) << ',' << nr.level << ',' << nr.children.size()
        << ',' << show_number(nr.alpha.alpha, digits) << ',' << nr.alpha.n << ','
        << show_number(pc1_share(nr.pca), digits) << ',' << nr.pca.n << '\n';
}

void write_flags_csv(std::ostream& out, const session& s, const stats_run& r,
                     std::optional<int> digits) {
  const auto& ids = s.plan.ids();
  out << "kind,node,child,sibling,r,n\n";
  for (const auto& f : r.flags.flags)
    out << to_string(f.kind) << ',' << io::csv_escape(ids[f.node]) << ','
        << io::csv_escape(ids[f.a]) << ','
        << (f.b == analysis::correlation_flag::npos ? std::string() : io::csv_escape(ids[f.b]))
        << ',' << show_number(f.r, digits) << ',' << f.n << '\n';
}

// ----- JSON ----------------------------------------------------------------------------------

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t k = 0; k < v.size(); ++k)
    out += (k ? ", " : "") + io::json_escape(v[k]);
  return out + "]";
}

std::string json_numbers(const Eigen::VectorXd& v, std::optional<int> digits) {
  std::string out = "[";
  for (Eigen::Index k = 0; k < v.size(); ++k)
    out += (k ? ", " : "") + json_value(v[k], digits);
  return out + "]";
}

void write_pca_json(std::ostream& out, const analysis::pca_result& p, std::optional<int> digits,
                    const std::vector<std::string>& ids) {
  out << "{\"status\": " << io::json_escape(std::string(to_string(p.status))) << ", \"n\": " << p.n;
  if (p.ok()) {
    out << ", \"eigenvalues\": " << json_numbers(p.eigenvalues, digits)
        << ", \"explained\": " << json_numbers(p.explained, digits) << ", \"pc1\": {";
    for (std::size_t k = 0; k < ids.size(); ++k)
      out << (k ? ", " : "") << io::json_escape(ids[k]) << ": "
          << json_value(p.pc1[static_cast<Eigen::Index>(k)], digits);
    out << "}";
  } else if (p.status == analysis::pca_status::no_spread && p.column < ids.size()) {
    out << ", \"column\": " << io::json_escape(ids[p.column]);
  }
  out << "}";
}

void write_json(std::ostream& out, const session& s, const stats_run& r,
                std::optional<int> digits) {
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  const auto& d = s.data.data;
  std::vector<std::string> col_ids;
  for (auto k : r.nodes)
    col_ids.push_back(ids[k]);
  out << "{\n  \"framework\": {\"id\": " << io::json_escape(f.id)
      << ", \"name\": " << io::json_escape(f.name)
      << ", \"root\": " << io::json_escape(ids[s.plan.root()]) << "},\n";
  out << "  \"level\": \"" << level_name(r.lv) << "\",\n  \"correlation_method\": \""
      << to_string(r.method) << "\",\n  \"units\": " << d.n_units()
      << ",\n  \"digits\": " << (digits ? std::to_string(*digits) : "null") << ",\n";
  out << "  \"indicators\": [";
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    const auto& m = r.summary[c];
    const auto k = r.nodes[c];
    std::vector<std::string> outliers;
    for (auto row : analysis::outlier_rows(r.values.col(static_cast<Eigen::Index>(c))))
      outliers.push_back(d.unit_ids[static_cast<std::size_t>(row)]);
    out << (c ? ",\n" : "\n") << "    {\"id\": " << io::json_escape(ids[k])
        << ", \"level\": " << r.levels[k] << ", \"coverage\": " << json_value(m.coverage, digits)
        << ", \"n\": " << m.n << ", \"min\": " << json_value(m.min, digits)
        << ", \"max\": " << json_value(m.max, digits)
        << ", \"mean\": " << json_value(m.mean, digits)
        << ", \"median\": " << json_value(m.median, digits)
        << ", \"sd\": " << json_value(m.sd, digits) << ", \"skew\": " << json_value(m.skew, digits)
        << ", \"kurtosis\": " << json_value(m.kurtosis, digits)
        << ", \"q1\": " << json_value(m.q1, digits) << ", \"q3\": " << json_value(m.q3, digits)
        << ", \"n_outliers\": " << m.n_outliers << ", \"outliers\": " << json_list(outliers)
        << ", \"n_nonzero\": " << m.n_nonzero << ", \"n_unique\": " << m.n_unique
        << ", \"flags\": " << json_list(row_flags(s, r, c)) << "}";
  }
  out << (r.nodes.empty() ? "],\n" : "\n  ],\n");
  out << "  \"correlation\": {\"ids\": " << json_list(col_ids) << ", \"r\": [";
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    out << (i ? ",\n    [" : "\n    [");
    for (std::size_t j = 0; j < r.nodes.size(); ++j)
      out << (j ? ", " : "")
          << json_value(r.corr.r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                        digits);
    out << "]";
  }
  out << "],\n    \"n\": [";
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    out << (i ? ", [" : "[");
    for (std::size_t j = 0; j < r.nodes.size(); ++j)
      out << (j ? ", " : "")
          << r.corr.n(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    out << "]";
  }
  out << "]},\n  \"pca\": ";
  write_pca_json(out, r.pca, digits, col_ids);
  out << ",\n  \"nodes\": [";
  for (std::size_t t = 0; t < r.flags.nodes.size(); ++t) {
    const auto& nr = r.flags.nodes[t];
    std::vector<std::string> kids;
    for (auto c : nr.children)
      kids.push_back(ids[c]);
    out << (t ? ",\n" : "\n") << "    {\"node\": " << io::json_escape(ids[nr.node])
        << ", \"level\": " << nr.level << ", \"children\": [";
    for (std::size_t j = 0; j < nr.children.size(); ++j)
      out << (j ? ", " : "") << "{\"id\": " << io::json_escape(kids[j])
          << ", \"r_with_parent\": " << json_value(nr.with_parent[j].r, digits)
          << ", \"n\": " << nr.with_parent[j].n << "}";
    out << "], \"alpha\": " << json_value(nr.alpha.alpha, digits) << ", \"alpha_n\": " << nr.alpha.n
        << ", \"pca\": ";
    write_pca_json(out, nr.pca, digits, kids);
    out << "}";
  }
  out << (r.flags.nodes.empty() ? "],\n" : "\n  ],\n");
  out << "  \"flags\": [";
  for (std::size_t t = 0; t < r.flags.flags.size(); ++t) {
    const auto& g = r.flags.flags[t];
    out << (t ? ",\n" : "\n") << "    {\"kind\": \"" << to_string(g.kind)
        << "\", \"node\": " << io::json_escape(ids[g.node])
        << ", \"child\": " << io::json_escape(ids[g.a]) << ", \"sibling\": "
        << (g.b == analysis::correlation_flag::npos ? std::string("null")
                                                    : io::json_escape(ids[g.b]))
        << ", \"r\": " << json_value(g.r, digits) << ", \"n\": " << g.n
        << ", \"message\": " << io::json_escape(g.message) << "}";
  }
  out << (r.flags.flags.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

// ----- text summary ----------------------------------------------------------------------------

std::string cell(double x, int digits) {
  return std::isnan(x) ? std::string("-") : show_number(x, digits);
}

std::string percent(double share) {
  return std::isnan(share) ? std::string("-") : show_number(100 * share, 1) + "%";
}

void write_text(std::ostream& out, const session& s, const stats_run& r,
                std::optional<int> digits) {
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  const int dig = digits.value_or(3);
  const char* what = r.lv == level::raw          ? "raw values of the indicators"
                     : r.lv == level::prepared   ? "prepared values of the indicators"
                     : r.lv == level::normalised ? "normalised indicator scores"
                                                 : "scores of every indicator and node";
  out << (f.name.empty() ? f.id : f.name) << " (" << f.id << "): " << s.data.data.n_units()
      << " units; statistics of the " << what << "; " << to_string(r.method) << " correlations\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    const auto& m = r.summary[c];
    rows.push_back({ids[r.nodes[c]], cell(m.coverage, dig), count_text(m.n), cell(m.mean, dig),
                    cell(m.sd, dig), cell(m.skew, dig), cell(m.kurtosis, dig),
                    count_text(m.n_outliers), joined(row_flags(s, r, c), " ")});
  }
  out << render_table({r.lv == level::all ? "node" : "indicator", "coverage", "n", "mean", "sd",
                       "skew", "kurtosis", "outliers", "flags"},
                      rows, {false, true, true, true, true, true, true, true, false});
  out << "\nAggregate nodes (children's scores):\n";
  rows.clear();
  for (const auto& nr : r.flags.nodes) {
    double lowest = detail::nan;
    for (const auto& c : nr.with_parent)
      if (!std::isnan(c.r) && !(c.r >= lowest)) lowest = c.r;
    rows.push_back({ids[nr.node], std::to_string(nr.level), std::to_string(nr.children.size()),
                    cell(nr.alpha.alpha, dig), percent(pc1_share(nr.pca)), cell(lowest, dig)});
  }
  out << render_table({"node", "level", "children", "alpha", "PC1", "lowest r with node"}, rows,
                      {false, true, true, true, true, true});
  out << "\nStructure flags: "
      << (r.flags.flags.empty() ? "none" : std::to_string(r.flags.flags.size())) << "\n";
  for (const auto& g : r.flags.flags)
    out << "  " << g.message << "\n";
  out << "\nPCA of the " << r.nodes.size() << " columns: ";
  if (r.pca.ok()) {
    out << r.pca.n << " complete units; variance explained:";
    for (Eigen::Index j = 0; j < std::min<Eigen::Index>(3, r.pca.explained.size()); ++j)
      out << " PC" << (j + 1) << " " << percent(r.pca.explained[j]);
    out << "\n";
  } else if (r.pca.status == analysis::pca_status::too_few_rows) {
    out << "not computed: only " << r.pca.n << " unit(s) have every value\n";
  } else if (r.pca.status == analysis::pca_status::no_spread) {
    out << "not computed: '" << ids[r.nodes[r.pca.column]]
        << "' has no spread over the complete units\n";
  } else {
    out << "not computed (" << to_string(r.pca.status) << ")\n";
  }
  out << "\nFull tables: --format csv or json, or --out-dir DIR.\n";
}

/// The files of --out-dir, opened (each written atomically) before any work is done.
struct out_dir_files {
  std::unique_ptr<io::atomic_file> stats, corr, nodes, flags;
};

} // namespace

int run_stats(const parsed_args& a) {
  const auto& cmd = stats_spec();
  const std::string& name = cmd.name;
  const std::string lv_name = a.get_or("level", "raw");
  const level lv = lv_name == "prepared"     ? level::prepared
                   : lv_name == "normalised" ? level::normalised
                   : lv_name == "all"        ? level::all
                                             : level::raw;
  const auto method = a.get_or("corr", "pearson") == "spearman"
                          ? analysis::correlation_method::spearman
                          : analysis::correlation_method::pearson;
  if (a.has("out") && a.has("out-dir"))
    throw usage(name, "chiso stats: give --out FILE or --out-dir DIR, not both");
  const std::string fmt_name =
      a.get_or("format", a.has("out") || a.has("out-dir") ? "csv" : "text");
  const stats_format fmt = fmt_name == "json"  ? stats_format::json
                           : fmt_name == "csv" ? stats_format::csv
                                               : stats_format::text;
  if (a.has("out-dir") && fmt != stats_format::csv)
    throw usage(name, "chiso stats: --out-dir writes CSV files; for " +
                          std::string(fmt == stats_format::json ? "JSON" : "text") +
                          " use --out FILE or stdout");
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, name);
  const overrides o = parse_overrides(a, cmd);

  // Outputs first: a bad output path is reported before any input is read.
  std::unique_ptr<output> out;
  out_dir_files files;
  if (auto dir = a.get("out-dir")) {
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
  const stats_run r = compute(s, lv, method);

  if (files.stats) {
    write_stats_csv(files.stats->stream(), s, r, digits);
    write_corr_csv(files.corr->stream(), s, r, digits);
    write_nodes_csv(files.nodes->stream(), s, r, digits);
    write_flags_csv(files.flags->stream(), s, r, digits);
    files.stats->commit();
    files.corr->commit();
    files.nodes->commit();
    files.flags->commit();
    return exit_ok;
  }
  // Built in memory, so that nothing reaches stdout if anything fails.
  std::ostringstream text;
  switch (fmt) {
  case stats_format::text: write_text(text, s, r, digits); break;
  case stats_format::csv: write_stats_csv(text, s, r, digits); break;
  case stats_format::json: write_json(text, s, r, digits); break;
  }
  out->stream() << text.str();
  out->commit();
  return exit_ok;
}

} // namespace chiso::cli
