/// \file tools/chiso/robust.cpp
/// `chiso uncertainty` and `chiso sensitivity`: Monte Carlo rank intervals and variance-based
/// sensitivity indices of a framework under the uncertain choices of a choices file
/// (docs/robustness.md), with a progress bar on a terminal and a short text summary.

#include "commands.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/robust_spec.hpp>
#include <chiso/robust/sensitivity.hpp>
#include <chiso/robust/uncertainty.hpp>

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
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

const std::vector<option_spec>& common_options() {
  static const std::vector<option_spec> o = {
      {"framework", "SPEC", "framework spec file (YAML or JSON)"},
      {"preset", "NAME", "a bundled framework (see 'chiso presets')"},
      {"coinr-meta", "META", "a COINr iMeta CSV file as the framework (needs --data)"},
      {"data", "DATA", "wide CSV data file, one row per unit (default: the preset's sample)"},
      {"choices", "FILE", "the uncertain-choices file (YAML or JSON; docs/robustness.md)"},
      {"seed", "S", "random seed, a whole number (default: the file's 'seed', else 1)"},
      {"threads", "T", "worker threads (default 0: every core); results do not depend on it"},
      {"format", "FMT", "csv (default) or json, for --out"},
      {"out", "FILE", "write the main table to FILE (atomically) instead of stdout"},
      {"digits", "N", "round numbers to N decimals (0-15) for display only"},
      {"quiet", "", "no progress bar and no summary"},
      {"normalise", "METHOD", "nominal method of every indicator (see 'chiso score --help')"},
      {"aggregate", "METHOD", "nominal method of every aggregate node"},
      {"presets-dir", "DIR", "where presets live (default: found next to the program)"},
  };
  return o;
}

std::vector<option_spec> with_common(std::vector<option_spec> own) {
  auto all = common_options();
  all.insert(all.begin() + 5, own.begin(), own.end());
  return all;
}

/// A whole number option in [lo, hi], else `usage`.
std::uint64_t whole(const parsed_args& a, const std::string& option, const std::string& cmd,
                    std::uint64_t lo, std::uint64_t hi) {
  const std::string text = *a.get(option);
  std::uint64_t v = 0;
  const auto* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || v < lo || v > hi)
    throw usage(cmd, "chiso " + cmd + ": --" + option + " must be a whole number from " +
                         std::to_string(lo) + " to " + std::to_string(hi) + ", got '" + text + "'");
  return v;
}

/// A number option in the open interval (lo, hi), else `usage`.
double fraction(const parsed_args& a, const std::string& option, const std::string& cmd, double lo,
                double hi) {
  const std::string text = *a.get(option);
  double v = 0;
  const auto* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || !(v > lo && v < hi))
    throw usage(cmd, "chiso " + cmd + ": --" + option + " must be a number between " +
                         io::format_double(lo) + " and " + io::format_double(hi) +
                         " (exclusive), got '" + text + "'");
  return v;
}

bool json_format(const parsed_args& a, const std::string& cmd) {
  const auto v = a.get("format");
  if (!v || *v == "csv") return false;
  if (*v == "json") return true;
  throw usage(cmd, "chiso " + cmd + ": --format must be csv or json, got '" + *v + "'");
}

/// A progress bar on stderr, drawn only when stderr is a terminal and not `--quiet`; redrawn
/// at most every 0.1 s, erased when done.
class progress_bar {
public:
  progress_bar(bool enabled, std::string what) : enabled_(enabled), what_(std::move(what)) {}
  ~progress_bar() { clear(); }
  robust::progress_callback callback() {
    if (!enabled_) return {};
    return [this](std::size_t done, std::size_t total) { draw(done, total); };
  }
  void clear() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

private:
  void draw(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int width = 30;
    const double f = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const int fill = static_cast<int>(f * width);
    std::cerr << "\r[" << std::string(static_cast<std::size_t>(fill), '#')
              << std::string(static_cast<std::size_t>(width - fill), ' ') << "] "
              << static_cast<int>(f * 100) << "% " << done << "/" << total << ' ' << what_
              << std::flush;
    drawn_ = true;
  }
  bool enabled_;
  std::string what_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

/// What both commands read: the scored session, the choices file and the compiled model.
struct robust_session {
  session s;
  io::robust_spec spec;
  robust::model m;
};

robust_session load(const parsed_args& a, const command_spec& cmd) {
  const auto choices = a.get("choices");
  if (!choices)
    throw usage(cmd.name, "chiso " + cmd.name +
                              ": --choices FILE is required (the uncertain choices; see "
                              "docs/robustness.md)");
  const overrides o = parse_overrides(a, cmd);
  robust_session r{run_session(a, cmd, o), {}, {}};
  report_diagnostics(r.s);
  r.spec = io::load_robust_spec(*choices, r.s.f());
  r.m = robust::model::compile(r.s.plan, r.s.data.data.values, r.s.groups, r.spec.choices,
                               r.s.data.data.groups);
  return r;
}

/// "unit[,name][,group]" header cells and a unit's cells, as `chiso score` writes them.
std::string unit_header(const session& s) {
  std::string h = "unit";
  if (!s.data.data.unit_names.empty()) h += ",name";
  if (!s.group_by.empty()) h += "," + io::csv_escape(s.group_by);
  return h;
}
std::string unit_cells(const session& s, std::size_t u) {
  const auto& d = s.data.data;
  std::string c = io::csv_escape(d.unit_ids[u]);
  if (!d.unit_names.empty()) c += "," + io::csv_escape(d.unit_names[u]);
  if (!s.group_by.empty()) c += "," + io::csv_escape(s.group_label(u));
  return c;
}
std::string unit_json(const session& s, std::size_t u) {
  const auto& d = s.data.data;
  std::string c = "\"unit\": " + io::json_escape(d.unit_ids[u]);
  if (!d.unit_names.empty()) c += ", \"name\": " + io::json_escape(d.unit_names[u]);
  if (!s.group_by.empty()) c += ", \"group\": " + io::json_escape(s.group_label(u));
  return c;
}

std::string fixed(double x, int digits) {
  return std::isnan(x) ? "-" : show_number(x, digits);
}

// ---------------------------------------------------------------------------------------------
// uncertainty

struct uncertainty_outputs {
  std::unique_ptr<output> main;
  std::unique_ptr<io::atomic_file> draws, samples;
};

void write_summary_csv(std::ostream& out, const session& s, const robust::uncertainty_result& r,
                       std::optional<int> digits) {
  out << unit_header(s)
      << ",node,nominal_score,nominal_rank,rank_mean,rank_median,rank_lower,rank_upper,"
         "score_mean,score_median,score_lower,score_upper,missing\n";
  for (const auto& t : r.nodes)
    for (std::size_t u = 0; u < s.data.data.n_units(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      out << unit_cells(s, u) << ',' << io::csv_escape(t.id) << ','
          << show_number(t.nominal_score[i], digits) << ',' << io::format_double(t.nominal_rank[i])
          << ',' << show_number(t.rank.mean[i], digits) << ','
          << show_number(t.rank.median[i], digits) << ',' << show_number(t.rank.lower[i], digits)
          << ',' << show_number(t.rank.upper[i], digits) << ','
          << show_number(t.score.mean[i], digits) << ',' << show_number(t.score.median[i], digits)
          << ',' << show_number(t.score.lower[i], digits) << ','
          << show_number(t.score.upper[i], digits) << ',' << t.missing[u] << '\n';
    }
}

void write_draws_csv(std::ostream& out, const robust::model& m, const robust::uncertainty_result& r,
                     std::optional<int> digits) {
  out << "replication";
  for (const auto& id : r.inputs)
    out << ',' << io::csv_escape(id);
  out << ",mean_abs_rank_shift\n";
  for (std::size_t k = 0; k < r.replications; ++k) {
    out << k;
    for (std::size_t i = 0; i < r.inputs.size(); ++i)
      out << ',' << io::csv_escape(m.describe(i, r.draws[k][i]));
    out << ',' << show_number(r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)], digits) << '\n';
  }
}

void write_samples_csv(std::ostream& out, const session& s, const robust::uncertainty_result& r,
                       std::optional<int> digits) {
  out << "replication,unit,node,score,rank\n";
  const auto& ids = s.data.data.unit_ids;
  for (std::size_t k = 0; k < r.replications; ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    for (const auto& t : r.nodes)
      for (std::size_t u = 0; u < ids.size(); ++u) {
        const auto i = static_cast<Eigen::Index>(u);
        out << k << ',' << io::csv_escape(ids[u]) << ',' << io::csv_escape(t.id) << ','
            << show_number(t.scores(i, kk), digits) << ',' << io::format_double(t.ranks(i, kk))
            << '\n';
      }
  }
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
    const auto& t = r.nodes[c];
    out << (c ? "," : "") << "\n    {\"id\": " << io::json_escape(t.id) << ", \"units\": [";
    for (std::size_t u = 0; u < s.data.data.n_units(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      auto dist = [&](const robust::distribution_summary& d) {
        return "{\"mean\": " + json_value(d.mean[i], digits) +
               ", \"median\": " + json_value(d.median[i], digits) +
               ", \"lower\": " + json_value(d.lower[i], digits) +
               ", \"upper\": " + json_value(d.upper[i], digits) + "}";
      };
      out << (u ? "," : "") << "\n      {" << unit_json(s, u)
          << ", \"nominal_score\": " << json_value(t.nominal_score[i], digits)
          << ", \"nominal_rank\": " << io::json_number(t.nominal_rank[i])
          << ", \"rank\": " << dist(t.rank) << ", \"score\": " << dist(t.score)
          << ", \"missing\": " << t.missing[u] << "}";
    }
    out << "\n    ]}";
  }
  out << "\n  ],\n  \"draws\": [";
  for (std::size_t k = 0; k < r.replications; ++k) {
    out << (k ? "," : "") << "\n    {\"replication\": " << k << ", \"choices\": {";
    for (std::size_t i = 0; i < r.inputs.size(); ++i)
      out << (i ? ", " : "") << io::json_escape(r.inputs[i]) << ": "
          << io::json_escape(m.describe(i, r.draws[k][i]));
    out << "}, \"mean_abs_rank_shift\": "
        << json_value(r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)], digits) << "}";
  }
  out << (r.replications ? "\n  ]\n}\n" : "]\n}\n");
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

/// `--replicate K`: replication K's full result, as CSV (unit, every node, rank, band) or JSON,
/// and its draws in the summary.
void write_replication(std::ostream& out, const session& s, const robust::model& m,
                       const robust::replication& rep, std::size_t k, bool json,
                       std::optional<int> digits) {
  const auto cols = s.node_columns();
  const auto& ids = s.plan.ids();
  const auto& f = s.f();
  auto band = [&](std::size_t u) {
    const int b = rep.full.band[u];
    return b < 0 ? std::string() : f.bands[static_cast<std::size_t>(b)].label;
  };
  const auto n = s.data.data.n_units();
  if (!json) {
    out << unit_header(s);
    for (auto c : cols)
      out << ',' << io::csv_escape(ids[c]);
    out << ",rank" << (f.bands.empty() ? "" : ",band") << '\n';
    for (std::size_t u = 0; u < n; ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      out << unit_cells(s, u);
      for (auto c : cols)
        out << ',' << show_number(rep.full.scores(i, static_cast<Eigen::Index>(c)), digits);
      out << ',' << io::format_double(rep.full.rank[i]);
      if (!f.bands.empty()) out << ',' << io::csv_escape(band(u));
      out << '\n';
    }
    return;
  }
  out << "{\n  \"command\": \"uncertainty\",\n  \"replication\": " << k << ",\n  \"choices\": {";
  for (std::size_t i = 0; i < rep.draws.size(); ++i)
    out << (i ? ", " : "") << io::json_escape(m.input_ids()[i]) << ": "
        << io::json_escape(m.describe(i, rep.draws[i]));
  out << "},\n  \"units\": [";
  for (std::size_t u = 0; u < n; ++u) {
    const auto i = static_cast<Eigen::Index>(u);
    out << (u ? "," : "") << "\n    {" << unit_json(s, u) << ", \"scores\": {";
    for (std::size_t c = 0; c < cols.size(); ++c)
      out << (c ? ", " : "") << io::json_escape(ids[cols[c]]) << ": "
          << json_value(rep.full.scores(i, static_cast<Eigen::Index>(cols[c])), digits);
    out << "}, \"rank\": " << io::json_number(rep.full.rank[i]);
    if (!f.bands.empty())
      out << ", \"band\": " << (band(u).empty() ? "null" : io::json_escape(band(u)));
    out << "}";
  }
  out << (n ? "\n  ]\n}\n" : "]\n}\n");
}

// ---------------------------------------------------------------------------------------------
// sensitivity

void write_indices_csv(std::ostream& out, const robust::sensitivity_result& r,
                       std::optional<int> digits) {
  const auto& x = r.mean_abs_rank_shift;
  out << "input,first,first_lower,first_upper,total,total_lower,total_upper\n";
  for (std::size_t i = 0; i < r.inputs.size(); ++i) {
    const auto j = static_cast<Eigen::Index>(i);
    out << io::csv_escape(r.inputs[i]) << ',' << show_number(x.first[j], digits) << ','
        << show_number(x.first_lower[j], digits) << ',' << show_number(x.first_upper[j], digits)
        << ',' << show_number(x.total[j], digits) << ',' << show_number(x.total_lower[j], digits)
        << ',' << show_number(x.total_upper[j], digits) << '\n';
  }
}

void write_unit_indices_csv(std::ostream& out, const session& s,
                            const robust::sensitivity_result& r, std::optional<int> digits) {
  const auto& u = r.units;
  out << unit_header(s)
      << ",input,first,first_lower,first_upper,total,total_lower,total_upper,rank_variance\n";
  for (std::size_t k = 0; k < s.data.data.n_units(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    for (std::size_t in = 0; in < r.inputs.size(); ++in) {
      const auto j = static_cast<Eigen::Index>(in);
      out << unit_cells(s, k) << ',' << io::csv_escape(r.inputs[in]) << ','
          << show_number(u.first(i, j), digits) << ',' << show_number(u.first_lower(i, j), digits)
          << ',' << show_number(u.first_upper(i, j), digits) << ','
          << show_number(u.total(i, j), digits) << ',' << show_number(u.total_lower(i, j), digits)
          << ',' << show_number(u.total_upper(i, j), digits) << ','
          << show_number(u.variance[i], digits) << '\n';
    }
  }
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
      << ",\n  \"variance\": " << json_value(x.variance, digits) << ",\n  \"indices\": [";
  for (std::size_t i = 0; i < r.inputs.size(); ++i) {
    const auto j = static_cast<Eigen::Index>(i);
    out << (i ? "," : "") << "\n    {\"input\": " << io::json_escape(r.inputs[i])
        << ", \"first\": " << json_value(x.first[j], digits)
        << ", \"first_lower\": " << json_value(x.first_lower[j], digits)
        << ", \"first_upper\": " << json_value(x.first_upper[j], digits)
        << ", \"total\": " << json_value(x.total[j], digits)
        << ", \"total_lower\": " << json_value(x.total_lower[j], digits)
        << ", \"total_upper\": " << json_value(x.total_upper[j], digits) << "}";
  }
  out << "\n  ]\n}\n";
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

void finish(const parsed_args& a, const std::string& summary, const output& main) {
  if (a.has("quiet")) return;
  // The summary is for people: on stdout when the table went to a file, else on stderr.
  (main.to_file() ? std::cout : std::cerr) << summary << std::flush;
}

} // namespace

const command_spec& uncertainty_spec() {
  static const command_spec s = {
      "uncertainty",
      "uncertainty (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             --choices FILE [--replications N] [--seed S] [--threads T] [--track IDS]\n"
      "             [--out FILE] [--format csv|json] [--draws FILE] [--samples FILE]\n"
      "             [--replicate K] [--digits N] [--quiet]",
      "Monte Carlo rank and score intervals under uncertain choices.",
      with_common({
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
  const bool json = json_format(a, name);
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
  outs.main = std::make_unique<output>(a.get("out"));
  if (auto p = a.get("draws")) outs.draws = std::make_unique<io::atomic_file>(*p);
  if (auto p = a.get("samples")) outs.samples = std::make_unique<io::atomic_file>(*p);

  auto r = load(a, cmd);
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
  progress_bar bar(!a.has("quiet") && stderr_is_terminal(), "replications");
  o.progress = bar.callback();
  // Per-replication draws are needed for the summary's eta^2 and for --draws / JSON.
  const auto res = robust::run_uncertainty(r.m, o);
  bar.clear();

  if (json)
    write_uncertainty_json(outs.main->stream(), r.s, r.m, res, o, digits);
  else
    write_summary_csv(outs.main->stream(), r.s, res, digits);
  if (outs.draws) write_draws_csv(outs.draws->stream(), r.m, res, digits);
  if (outs.samples) write_samples_csv(outs.samples->stream(), r.s, res, digits);
  // Commit the files only once every one is written.
  if (outs.draws) outs.draws->commit();
  if (outs.samples) outs.samples->commit();
  outs.main->commit();
  finish(a, uncertainty_summary(r.s, r.m, res, o), *outs.main);
  return exit_ok;
}

const command_spec& sensitivity_spec() {
  static const command_spec s = {
      "sensitivity",
      "sensitivity (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "             --choices FILE [--n N] [--bootstrap B] [--confidence C] [--seed S]\n"
      "             [--threads T] [--out FILE] [--format csv|json] [--units FILE]\n"
      "             [--digits N] [--quiet]",
      "Variance-based sensitivity indices (Saltelli sample, Jansen estimators).",
      with_common({
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
  const bool json = json_format(a, name);
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, name);
  output main(a.get("out"));
  std::unique_ptr<io::atomic_file> units;
  if (auto p = a.get("units")) units = std::make_unique<io::atomic_file>(*p);

  auto r = load(a, cmd);
  auto o = r.spec.sensitivity;
  if (a.has("n")) o.n = whole(a, "n", name, 2, 100000000);
  if (a.has("bootstrap")) o.bootstrap = whole(a, "bootstrap", name, 0, 1000000);
  if (a.has("confidence")) o.confidence = fraction(a, "confidence", name, 0, 1);
  if (a.has("seed")) o.seed = whole(a, "seed", name, 0, UINT64_MAX);
  if (a.has("threads")) o.threads = static_cast<unsigned>(whole(a, "threads", name, 0, 1024));
  o.units = units != nullptr;
  progress_bar bar(!a.has("quiet") && stderr_is_terminal(), "steps");
  o.progress = bar.callback();
  const auto res = robust::run_sensitivity(r.m, o);
  bar.clear();

  if (json)
    write_sensitivity_json(main.stream(), r.s, res, o, digits);
  else
    write_indices_csv(main.stream(), res, digits);
  if (units) {
    write_unit_indices_csv(units->stream(), r.s, res, digits);
    units->commit();
  }
  main.commit();
  finish(a, sensitivity_summary(r.s, res, o), main);
  return exit_ok;
}

} // namespace chiso::cli
