/// \file tools/chiso/explain.cpp
/// `chiso explain`: one unit's score and rank at every node, each indicator's contribution to
/// the root, and its strengths and weaknesses.

#include "commands.hpp"
#include "gap_report.hpp"
#include "options.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/quote.hpp>
#include <chiso/io/workbooks.hpp>
#include <chiso/rank.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
#include <sstream>

namespace chiso::cli {

const command_spec& explain_spec() {
  static const command_spec s = {
      "explain",
      "explain (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "               --unit ID [--to-rank K | --to-score S | --to-band LABEL]\n"
      "               [--cost FILE|equal]\n"
      "               [--format text|json|xlsx] [--out FILE] [--digits N]\n"
      "               [--normalise METHOD[:P...]] [--aggregate METHOD[:P]]",
      "Explain one unit: ranks, contributions, strengths, weaknesses.",
      options({
          input_options("wide CSV data file (default: the preset's sample)"),
          {{"unit", "ID", "the unit to explain (its id in the data's unit column)"},
           format_option({"text", "json", "xlsx"},
                         "text (default), json, or xlsx (an Excel workbook; needs --out)"),
           out_option(),
           digits_option()},
          gap_options(),
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "Ranks are computed as the framework ranks the root (method, order, groups), at every\n"
      "node and for every indicator's normalised score. Contributions: how much of the root's\n"
      "score each indicator brings (they add up to the score); defined only when every\n"
      "aggregate under the root is additive (arithmetic mean, sum), otherwise the reason is\n"
      "printed instead. Strengths and weaknesses: the 3 indicators where the unit ranks best\n"
      "and worst (indicators without weight in the root or without spread are skipped).\n"
      "What it takes: for every scored indicator, the value that alone (everything else\n"
      "unchanged) brings the unit to the target (default: one rank up within its group),\n"
      "found with the framework's own evaluation (observed bounds recomputed, rounding\n"
      "before ranking, caps, ties); for a share of counts, the whole count in the\n"
      "numerator's column and the rate; 'not reachable' when even the limit is not enough\n"
      "(docs/methods.md, 'What moves a unit up').\n"
      "With --cost: the least-cost set of changes across indicators reaching the target\n"
      "(a linear programme, then re-scored with the framework's own evaluation; needs\n"
      "arithmetic means or weighted sums at every node under the root).\n"
      "Numbers are rounded to --digits decimals, else to the spec's display_decimals, else\n"
      "shown in full precision.\n"
      "xlsx (with --out FILE.xlsx): sheets unit (score, rank, contributions' total,\n"
      "strengths, weaknesses), nodes, indicators (raw, score, rank, of, contribution) and\n"
      "methods (the framework tree); numbers unrounded, shown with those decimals. What it\n"
      "takes (and --cost) is in the text and JSON output only.\n\n"
      "Example:\n"
      "  chiso explain --preset dti-province-922 --unit ha-noi\n",
  };
  return s;
}

namespace {

struct ranked {
  std::size_t node;
  double rank;
  std::size_t of;
};

std::string rank_text(double r, std::size_t of) {
  if (std::isnan(r)) return "-";
  return io::format_double(r) + " of " + std::to_string(of);
}

} // namespace

int run_explain(const parsed_args& a) {
  const auto& cmd = explain_spec();
  const std::string fmt = a.get_or("format", "text");
  const bool json = fmt == "json";
  if (!a.has("unit")) throw usage(cmd.name, "chiso explain: --unit ID is required");
  // Before any work: a bad output path is reported first.
  std::optional<std::string> xlsx;
  std::optional<output> out_file;
  if (fmt == "xlsx")
    xlsx = xlsx_target(a, cmd.name);
  else
    out_file.emplace(a.get("out"));
  const std::string unit_id = *a.get("unit");
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  const whatif::goal goal = parse_goal(a, cmd);
  const overrides o = parse_overrides(a, cmd);
  session s = run_session(a, cmd, o);
  report_diagnostics(s);

  const auto& d = s.data.data;
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  if (!digits) digits = f.display_decimals;
  std::size_t u = d.n_units();
  for (std::size_t i = 0; i < d.n_units(); ++i)
    if (d.unit_ids[i] == unit_id) u = i;
  if (u == d.n_units())
    throw input_error("unit '" + unit_id + "' is not in " + d.source + " (" +
                      std::to_string(d.n_units()) + " units: " + io::quote_list(d.unit_ids, 8) +
                      ")");
  const auto uu = static_cast<Eigen::Index>(u);

  // Ranks of every node and indicator, as the framework ranks its root.
  const auto n = static_cast<Eigen::Index>(d.n_units());
  const std::size_t nn = s.plan.n_nodes(), ni = s.plan.n_indicators();
  std::vector<double> rank(nn);
  std::vector<std::size_t> of(nn, 0);
  Eigen::VectorXd tmp(n);
  const auto grp = [&](std::size_t i) { return s.groups.empty() ? 0u : s.groups[i]; };
  for (std::size_t k = 0; k < nn; ++k) {
    const auto col = s.result.scores.col(static_cast<Eigen::Index>(k));
    chiso::rank(col, f.ranking.options, s.groups, tmp);
    rank[k] = tmp[uu];
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isnan(col[i]) && grp(static_cast<std::size_t>(i)) == grp(u)) ++of[k];
  }

  // Contributions to the root.
  const std::size_t root = s.plan.root();
  std::optional<Eigen::VectorXd> contrib;
  std::string no_contrib; // why there are none
  const double root_score = s.result.scores(uu, static_cast<Eigen::Index>(root));
  if (nn == ni) {
    no_contrib = "the framework has no aggregate nodes";
  } else if (std::isnan(root_score)) {
    no_contrib = "the unit's score at '" + ids[root] + "' is missing";
  } else {
    try {
      contrib = contributions(s.plan, s.result, root).row(uu).transpose();
    } catch (const std::exception& e) {
      no_contrib = e.what();
      if (no_contrib.rfind("contributions: ", 0) == 0) no_contrib.erase(0, 15);
      no_contrib += " (contributions need additive aggregations: arithmetic mean or sum)";
    }
  }
  double contrib_sum = 0;
  if (contrib) contrib_sum = contrib->sum();

  // Strengths and weaknesses among indicators that weigh in the root and have spread.
  std::vector<std::size_t> eligible;
  for (std::size_t k = 0; k < ni; ++k) {
    const auto col = s.result.scores.col(static_cast<Eigen::Index>(k));
    if (std::isnan(col[uu]) || std::isnan(rank[k])) continue;
    if (nn > ni && !(s.plan.effective_weights()(static_cast<Eigen::Index>(root),
                                                static_cast<Eigen::Index>(k)) > 0))
      continue;
    bool spread = false;
    for (Eigen::Index i = 0; i < n && !spread; ++i)
      spread =
          !std::isnan(col[i]) && grp(static_cast<std::size_t>(i)) == grp(u) && col[i] != col[uu];
    if (spread) eligible.push_back(k);
  }
  std::vector<std::size_t> by_rank = eligible;
  std::stable_sort(by_rank.begin(), by_rank.end(),
                   [&](std::size_t x, std::size_t y) { return rank[x] < rank[y]; });
  std::vector<std::size_t> strengths, weaknesses;
  const std::size_t m = by_rank.size();
  const std::size_t ns = std::min<std::size_t>(3, (m + 1) / 2);
  const std::size_t nw = std::min<std::size_t>(3, m - ns);
  for (std::size_t k = 0; k < ns; ++k)
    strengths.push_back(by_rank[k]);
  for (std::size_t k = 0; k < nw; ++k)
    weaknesses.push_back(by_rank[m - 1 - k]);

  const auto name_of_node = [&](std::size_t k) -> std::string {
    if (k < ni) return f.indicators[k].name;
    return f.nodes[k - ni].name;
  };
  const auto raw_of = [&](std::size_t k) {
    const auto c = d.column_index(f.indicators[k].source());
    return c == static_cast<std::size_t>(-1) ? std::nan("")
                                             : d.values(uu, static_cast<Eigen::Index>(c));
  };
  const auto score_of = [&](std::size_t k) {
    return s.result.scores(uu, static_cast<Eigen::Index>(k));
  };
  std::vector<std::size_t> node_list;
  if (nn > ni) node_list = s.node_columns();
  const std::string unit_name = d.unit_names.empty() ? std::string() : d.unit_names[u];
  const std::size_t group_n = static_cast<std::size_t>(
      std::count_if(s.groups.begin(), s.groups.end(), [&](auto g) { return g == grp(u); }));
  if (xlsx) {
    io::xlsx_options xo;
    xo.digits = digits;
    xo.title = f.name.empty() ? f.id : f.name;
    io::workbook w(xo);
    const auto name_or_missing = [](io::table& t, const std::string& v) -> io::table& {
      return v.empty() ? t.missing() : t.text(v);
    };
    io::table unit({{"unit"},
                    {"name"},
                    {s.group_by.empty() ? std::string("group") : s.group_by},
                    {"node"},
                    {"node_name"},
                    {"score", io::column_type::number},
                    {"rank", io::column_type::rank},
                    {"of", io::column_type::integer},
                    {"contributions", io::column_type::number},
                    {"contributions_note"},
                    {"strengths"},
                    {"weaknesses"}});
    const auto id_list = [&](const std::vector<std::size_t>& v) {
      std::string t;
      for (auto k : v)
        t += (t.empty() ? "" : ", ") + ids[k];
      return t;
    };
    unit.row().text(unit_id);
    name_or_missing(unit, unit_name);
    name_or_missing(unit, s.group_label(u)).text(ids[root]);
    name_or_missing(unit, name_of_node(root)).number(root_score).number(rank[root]);
    unit.count(of[root]).number(contrib ? contrib_sum : std::nan(""));
    name_or_missing(unit, contrib ? std::string() : no_contrib);
    name_or_missing(unit, id_list(strengths));
    name_or_missing(unit, id_list(weaknesses));
    w.add({"unit", std::move(unit), {}, 1});
    io::table nodes({{"node"},
                     {"name"},
                     {"score", io::column_type::number},
                     {"rank", io::column_type::rank},
                     {"of", io::column_type::integer}});
    for (auto k : node_list) {
      nodes.row().text(ids[k]);
      name_or_missing(nodes, name_of_node(k)).number(score_of(k)).number(rank[k]).count(of[k]);
    }
    w.add({"nodes", std::move(nodes), {}, 2});
    io::table inds({{"indicator"},
                    {"name"},
                    {"raw", io::column_type::number},
                    {"score", io::column_type::number},
                    {"rank", io::column_type::rank},
                    {"of", io::column_type::integer},
                    {"contribution", io::column_type::number}});
    for (std::size_t k = 0; k < ni; ++k) {
      inds.row().text(ids[k]);
      name_or_missing(inds, name_of_node(k)).number(raw_of(k)).number(score_of(k));
      inds.number(rank[k]).count(of[k]);
      inds.number(contrib ? (*contrib)[static_cast<Eigen::Index>(k)] : std::nan(""));
    }
    w.add({"indicators", std::move(inds), {}, 2});
    w.add({"methods", io::framework_table(s.plan), {}, 3, false});
    w.write(*xlsx);
    return exit_ok;
  }
  std::optional<whatif::cheapest_options> costs;
  if (auto file = a.get("cost")) costs = read_cost_file(s, *file);
  whatif::gap_options gap_opt;
  gap_opt.evaluated = &s.result; // the session's evaluation: the search starts from it
  const auto gap = whatif::gap(s.plan, d.values, s.groups, s.impute_groups, u, goal, gap_opt);
  std::optional<whatif::cheapest_report> cheap;
  if (costs) cheap = whatif::cheapest(s.plan, d.values, s.groups, s.impute_groups, gap, *costs);

  if (json) {
    std::ostringstream out;
    auto node_json = [&](std::size_t k, bool indicator) {
      out << "{\"id\": " << io::json_escape(ids[k])
          << ", \"name\": " << io::json_escape(name_of_node(k));
      if (indicator) out << ", \"raw\": " << io::json_number(raw_of(k));
      out << ", \"score\": " << json_value(score_of(k), digits)
          << ", \"rank\": " << io::json_number(rank[k]) << ", \"of\": " << of[k];
      if (indicator)
        out << ", \"contribution\": "
            << (contrib ? json_value((*contrib)[static_cast<Eigen::Index>(k)], digits) : "null");
      out << "}";
    };
    out << "{\n  \"unit\": " << io::json_escape(unit_id)
        << ",\n  \"name\": " << (d.unit_names.empty() ? "null" : io::json_escape(unit_name))
        << ",\n  \"group\": " << (s.group_by.empty() ? "null" : io::json_escape(s.group_label(u)))
        << ",\n  \"framework\": {\"id\": " << io::json_escape(f.id)
        << ", \"name\": " << io::json_escape(f.name) << ", \"root\": " << io::json_escape(ids[root])
        << "},\n  \"units\": " << d.n_units() << ",\n  \"nodes\": [";
    for (std::size_t c = 0; c < node_list.size(); ++c) {
      out << (c ? ",\n    " : "\n    ");
      node_json(node_list[c], false);
    }
    out << (node_list.empty() ? "],\n" : "\n  ],\n") << "  \"indicators\": [";
    for (std::size_t k = 0; k < ni; ++k) {
      out << (k ? ",\n    " : "\n    ");
      node_json(k, true);
    }
    out << (ni ? "\n  ],\n" : "],\n")
        << "  \"contributions\": {\"node\": " << io::json_escape(ids[root])
        << ", \"available\": " << (contrib ? "true" : "false")
        << ", \"total\": " << (contrib ? json_value(contrib_sum, digits) : "null")
        << ", \"reason\": " << (contrib ? "null" : io::json_escape(no_contrib)) << "},\n";
    auto list = [&](const char* key, const std::vector<std::size_t>& v, bool last) {
      out << "  \"" << key << "\": [";
      for (std::size_t c = 0; c < v.size(); ++c)
        out << (c ? ", " : "") << "{\"id\": " << io::json_escape(ids[v[c]])
            << ", \"rank\": " << io::json_number(rank[v[c]]) << ", \"of\": " << of[v[c]] << "}";
      out << "]" << (last ? "\n" : ",\n");
    };
    list("strengths", strengths, false);
    list("weaknesses", weaknesses, false);
    std::string key;
    const std::string g = gap_json(s, gap, key);
    out << "  \"" << key << "\": " << g;
    if (cheap) out << ",\n  \"cheapest\": " << cheapest_json(s, *cheap);
    out << "\n}\n";
    out_file->stream() << out.str();
    out_file->commit();
    return exit_ok;
  }

  std::ostringstream out;
  out << "Unit " << unit_id << (unit_name.empty() ? "" : " (" + unit_name + ")") << "\n";
  out << "Framework " << f.id << (f.name.empty() ? "" : ": " + f.name) << "\n";
  out << "Data " << d.source << ", " << d.n_units() << " units";
  if (!s.group_by.empty())
    out << "; ranked within " << s.group_by << " '" << s.group_label(u) << "' (" << group_n
        << " units)";
  out << "\n";

  // The name column is left out when nothing has a name.
  bool any_name = false;
  for (std::size_t k = 0; k < nn; ++k)
    any_name = any_name || !name_of_node(k).empty();
  const auto missing = [](std::string t) { return t.empty() ? std::string("-") : t; };
  if (!node_list.empty()) {
    std::vector<std::vector<std::string>> rows;
    for (auto k : node_list) {
      std::vector<std::string> r{ids[k]};
      if (any_name) r.push_back(name_of_node(k));
      r.push_back(missing(show_number(score_of(k), digits)));
      r.push_back(rank_text(rank[k], of[k]));
      rows.push_back(std::move(r));
    }
    std::vector<std::string> header{"node"};
    std::vector<bool> right{false};
    if (any_name) header.push_back("name"), right.push_back(false);
    header.insert(header.end(), {"score", "rank"});
    right.insert(right.end(), {true, true});
    out << "\nScore and rank at every node (root first):\n" << render_table(header, rows, right);
  }
  {
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < ni; ++k) {
      std::vector<std::string> r{ids[k]};
      if (any_name) r.push_back(name_of_node(k));
      r.push_back(missing(show_number(raw_of(k), std::nullopt)));
      r.push_back(missing(show_number(score_of(k), digits)));
      r.push_back(rank_text(rank[k], of[k]));
      if (contrib)
        r.push_back(missing(show_number((*contrib)[static_cast<Eigen::Index>(k)], digits)));
      rows.push_back(std::move(r));
    }
    std::vector<std::string> header{"indicator"};
    std::vector<bool> right{false};
    if (any_name) header.push_back("name"), right.push_back(false);
    header.insert(header.end(), {"raw", "score", "rank"});
    right.insert(right.end(), {true, true, true});
    if (contrib) header.push_back("contribution"), right.push_back(true);
    out << "\nIndicators (raw value, normalised score, rank"
        << (contrib ? ", contribution to '" + ids[root] + "'" : std::string()) << "):\n"
        << render_table(header, rows, right);
  }
  if (contrib)
    out << "\nContributions to '" << ids[root] << "' add up to " << show_number(contrib_sum, digits)
        << "; the unit's score is " << show_number(root_score, digits) << ".\n";
  else
    out << "\nContributions to '" << ids[root] << "' are not shown: " << no_contrib << ".\n";
  auto list = [&](const std::vector<std::size_t>& v) {
    std::string t;
    for (auto k : v)
      t += (t.empty() ? "" : ", ") + ids[k] + " (rank " + rank_text(rank[k], of[k]) + ")";
    return t.empty() ? std::string("none") : t;
  };
  out << "\nStrengths (best ranks): " << list(strengths) << "\n";
  out << "Weaknesses (worst ranks): " << list(weaknesses) << "\n";
  out << gap_text(s, gap, digits);
  if (cheap) out << cheapest_text(s, *cheap, digits);
  out_file->stream() << out.str();
  out_file->commit();
  return exit_ok;
}

} // namespace chiso::cli
