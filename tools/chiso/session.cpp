#include "session.hpp"

#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/overrides.hpp>

#include <iostream>
#include <map>
#include <ostream>

namespace chiso::cli {

overrides parse_overrides(const parsed_args& a, const command_spec& cmd) {
  overrides o;
  // The library's message in the CLI's terms: "chiso score: --normalise 'TEXT': REASON; ...".
  auto as_usage = [&](const io::shorthand_error& e, const char* option) {
    return usage(cmd.name, "chiso " + cmd.name + ": --" + option + " '" + e.text() +
                               "': " + e.reason() + "; accepted forms:\n" + e.forms());
  };
  if (auto n = a.get("normalise")) {
    try {
      o.normalise = io::parse_normalise(*n);
    } catch (const io::shorthand_error& e) {
      throw as_usage(e, "normalise");
    }
  }
  if (auto g = a.get("aggregate")) {
    try {
      o.aggregate = io::parse_aggregate(*g);
    } catch (const io::shorthand_error& e) {
      throw as_usage(e, "aggregate");
    }
  }
  return o;
}

std::vector<std::size_t> session::node_columns() const {
  std::vector<std::size_t> cols;
  const std::size_t ni = plan.n_indicators();
  if (plan.n_nodes() == ni) {
    for (std::size_t k = 0; k < ni; ++k)
      cols.push_back(k);
    return cols;
  }
  cols.push_back(plan.root());
  for (std::size_t k = ni; k < plan.n_nodes(); ++k)
    if (k != plan.root()) cols.push_back(k);
  return cols;
}

const std::string& session::group_label(std::size_t unit) const {
  static const std::string none;
  if (group_by.empty()) return none;
  const auto* g = data.data.group(group_by);
  return g ? g->labels[unit] : none;
}

io::unit_rows session::unit_rows(bool names) const {
  const auto& d = data.data;
  io::unit_rows u;
  u.ids = d.unit_ids;
  u.names = names;
  u.unit_names = d.unit_names;
  u.group_by = group_by;
  if (const auto* g = group_by.empty() ? nullptr : d.group(group_by)) u.groups = g->labels;
  return u;
}

std::vector<std::string> session::band_labels() const {
  std::vector<std::string> out;
  for (const auto& b : f().bands)
    out.push_back(b.label);
  return out;
}

void apply_overrides(framework& f, const overrides& o) {
  if (o.normalise) io::override_normalise(f, *o.normalise);
  if (o.aggregate) io::override_aggregate(f, *o.aggregate);
  if (o.normalise || o.aggregate) {
    // An override may make the framework invalid (goalposts without bounds...): say so, and
    // that the override caused it.
    const auto p = f.problems();
    if (!p.empty()) {
      std::string msg = "the framework is invalid after the override"
                        " (--normalise / --aggregate):";
      for (const auto& x : p)
        msg += "\n  " + x;
      throw framework_error(msg);
    }
  }
}

session run_session(const parsed_args& a, const command_spec& cmd, const overrides& o) {
  session s;
  s.fw = load_framework(a, cmd);
  auto& f = s.fw.spec.fw;
  apply_overrides(f, o);
  const auto path = data_path(a, s.fw, cmd);
  s.data = read_data_for(path, s.fw);
  throw_if_problems(s.data.problems);
  s.plan = plan::compile(f, s.data.data.columns);
  s.group_by = f.ranking.group_by;
  s.groups = ranking_groups(s.plan, s.data.data);
  s.data.data.check();
  s.impute_groups = imputation_groups(s.plan, s.data.data);
  try {
    evaluate(s.plan, s.data.data.values, s.groups, s.impute_groups, s.result);
  } catch (const impute::cell_error& e) {
    throw input_error(where_unit(s, e.unit()) + e.what());
  }
  return s;
}

std::string where_unit(const session& s, std::size_t unit) {
  const auto& data = s.data.data;
  if (unit >= data.n_units()) return data.source + ": ";
  std::string at = data.source;
  if (unit < data.unit_lines.size()) at += ":" + std::to_string(data.unit_lines[unit]);
  return at + ": unit '" + data.unit_ids[unit] + "': ";
}

std::string describe(const session& s, const diagnostic& d) {
  if (d.unit == diagnostic::npos) return d.message;
  const auto& data = s.data.data;
  std::string who = "unit '" + data.unit_ids[d.unit] + "'";
  if (d.unit < data.unit_lines.size())
    who += " (" + data.source + ":" + std::to_string(data.unit_lines[d.unit]) + ")";
  return who + ": " + d.message;
}

void report_diagnostics(const session& s) {
  warnings w;
  for (const auto& d : s.result.diagnostics)
    w.add(describe(s, d));
  report_preparation(s);
}

void report_preparation(const session& s, const std::string& prefix) {
  if (!s.plan.prepares()) return;
  const auto& p = s.result.preparation;
  std::size_t filled = 0;
  for (const auto& c : p.imputed)
    filled += c.filled() ? 1 : 0;
  std::string text = "note: " + prefix + "data preparation: " + std::to_string(filled) + " cell" +
                     (filled == 1 ? "" : "s") + " imputed";
  if (filled != p.imputed.size())
    text += ", " + std::to_string(p.imputed.size() - filled) + " left missing";
  std::map<std::string, std::vector<std::string>> by_branch;
  for (const auto& t : p.treatments)
    if (t.taken != treat::branch::untreated && t.taken != treat::branch::undefined)
      by_branch[std::string(to_string(t.taken))].push_back(s.plan.ids()[t.column]);
  for (const auto& [branch, ids] : by_branch) {
    text += "; " + branch + ":";
    for (const auto& id : ids)
      text += " " + id;
  }
  std::cerr << text << " (every cell: 'chiso score --prepared FILE')\n";
}

void write_preparation(std::ostream& out, const session& s, const std::string* period,
                       bool header) {
  const auto& d = s.data.data;
  const auto& p = s.result.preparation;
  if (header) out << (period ? "period," : "") << "unit,indicator,step,method,before,after\n";
  for (const auto* cells : {&p.imputed, &p.treated})
    for (const auto& c : *cells) {
      if (period) out << io::csv_escape(*period) << ',';
      out << io::csv_escape(d.unit_ids[c.unit]) << ',' << io::csv_escape(s.plan.ids()[c.column])
          << ',' << (cells == &p.imputed ? "impute" : "treat") << ',' << io::csv_escape(c.method)
          << ',' << io::format_double(c.before) << ',' << io::format_double(c.after) << '\n';
    }
}

} // namespace chiso::cli
