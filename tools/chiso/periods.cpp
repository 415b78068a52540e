#include "periods.hpp"

#include "text.hpp"

#include <chiso/io/framework_data.hpp>
#include <chiso/io/mapping.hpp>
#include <chiso/panel.hpp>
#include <chiso/time/restate.hpp>
#include <chiso/time/series.hpp>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace chiso::cli {

namespace fs = std::filesystem;

namespace {

/// `--data P=FILE,P=FILE,...` split into (label, file); empty when the value is one file.
std::vector<std::pair<std::string, std::string>> period_files(const std::string& value,
                                                              const command_spec& cmd) {
  std::error_code ec;
  if (value.find('=') == std::string::npos || fs::exists(value, ec)) return {};
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find(',', start), value.size());
    const std::string part = value.substr(start, end - start);
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == part.size())
      throw usage(cmd.name, "chiso " + cmd.name + ": --data '" + value + "': '" + part +
                                "' is not PERIOD=FILE (several periods: --data "
                                "2023=a.csv,2024=b.csv)");
    std::string label = part.substr(0, eq);
    for (const auto& [l, f] : out)
      if (l == label)
        throw usage(cmd.name,
                    "chiso " + cmd.name + ": --data: period '" + label + "' is given twice");
    out.emplace_back(std::move(label), part.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

} // namespace

io::framework_panel read_period_data(const parsed_args& a, const loaded_framework& fw,
                                     const command_spec& cmd,
                                     const std::vector<std::string>& extra) {
  const auto& f = fw.spec.fw;
  const std::string suffix = fw.source == framework_source::coinr_meta ? "_group" : "";
  io::framework_panel out;
  const auto files = a.get("data") ? period_files(*a.get("data"), cmd)
                                   : std::vector<std::pair<std::string, std::string>>{};
  if (files.empty()) {
    out = io::read_framework_panel(data_path(a, fw, cmd), fw.spec.data, f, suffix, extra);
  } else {
    out.has_periods = true;
    for (const auto& [label, file] : files) {
      auto panel = io::read_framework_panel(file, fw.spec.data, f, suffix, extra);
      if (panel.has_periods || panel.data.size() != 1)
        throw input_error(file + ": a file of a --data PERIOD=FILE list holds one period (wide "
                                 "layout, or long without a 'period' column)");
      out.problems.insert(out.problems.end(), panel.problems.begin(), panel.problems.end());
      out.periods.push_back(label);
      out.data.push_back(std::move(panel.data.front()));
    }
  }
  if (!out.problems.empty()) return out;
  const auto order = io::period_order(out.periods);
  std::vector<std::string> l;
  std::vector<dataset> d;
  for (auto k : order) {
    l.push_back(out.periods[k]);
    d.push_back(std::move(out.data[k]));
  }
  out.periods = std::move(l);
  out.data = std::move(d);
  return out;
}

scored_periods run_periods(const parsed_args& a, const command_spec& cmd, const overrides& o,
                           keep what) {
  loaded_framework fw = load_framework(a, cmd);
  auto& f = fw.spec.fw;
  apply_overrides(f, o);
  const auto mapping_file = a.get("mapping");
  const std::vector<std::string> extra =
      mapping_file ? time::merge_weight_columns(f) : std::vector<std::string>{};
  auto panel = read_period_data(a, fw, cmd, extra);
  throw_if_problems(panel.problems);
  std::vector<std::string> labels = std::move(panel.periods);
  std::vector<dataset> data = std::move(panel.data);
  const bool has_periods = panel.has_periods;

  if (mapping_file) {
    const auto mapping = io::read_unit_mapping(*mapping_file);
    for (std::size_t k = 0; k < data.size(); ++k) {
      try {
        data[k] = time::restate(f, data[k], mapping).data;
      } catch (const input_error& e) {
        if (!has_periods) throw;
        throw input_error("period '" + labels[k] + "': " + e.what());
      }
    }
  }

  const auto compiled = plan::compile(f, data.front().columns);
  if (compiled.n_nodes() == compiled.n_indicators()) what = keep::all; // nothing but indicators
  std::vector<result> results;
  try {
    results = evaluate_periods(compiled, data, f.scaling, what, io::period_positions(labels));
  } catch (const impute::cell_error& e) {
    // A value the data preparation cannot take: find its period and unit (on the error path
    // only, preparing each period alone; a pooled panel may fail only as a whole).
    for (std::size_t k = 0; k < data.size(); ++k) {
      preparation scratch;
      try {
        prepare(compiled, data[k].values, imputation_groups(compiled, data[k]), scratch);
      } catch (const impute::cell_error& one) {
        session s;
        s.data.data = data[k];
        throw input_error((has_periods ? "period '" + labels[k] + "': " : std::string()) +
                          where_unit(s, one.unit()) + one.what());
      }
    }
    throw;
  }

  if (what == keep::aggregates)
    for (auto& d : data)
      d.values = Eigen::MatrixXd(); // scored: the input matrix is not read again

  scored_periods out;
  out.labels = std::move(labels);
  out.has_periods = has_periods;
  out.units = time::align_units(data);
  out.periods.resize(data.size());
  bool names = false;
  for (const auto& d : data)
    names = names || !d.unit_names.empty();
  const std::string& by = f.ranking.group_by;
  const std::size_t n = out.units.n_units();
  if (names) out.unit_names.assign(n, "");
  if (!by.empty()) out.unit_groups.assign(n, "");
  for (std::size_t k = 0; k < data.size(); ++k) {
    auto& s = out.periods[k];
    s.fw = fw;
    s.plan = compiled;
    s.group_by = by;
    s.data.data = std::move(data[k]);
    s.result = std::move(results[k]);
    s.groups = ranking_groups(s.plan, s.data.data);
    const auto& d = s.data.data;
    for (std::size_t u = 0; u < n; ++u) {
      const std::size_t i = out.units.row[k][u];
      if (i == time::panel_units::npos) continue;
      if (names && out.unit_names[u].empty() && !d.unit_names.empty())
        out.unit_names[u] = d.unit_names[i];
      if (!by.empty()) out.unit_groups[u] = s.group_label(i); // the latest period's label
    }
  }
  return out;
}

Eigen::MatrixXd scored_periods::scores(std::size_t k) const {
  return units.gather([&](std::size_t t, std::size_t i) {
    return periods[t].result.node(k)[static_cast<Eigen::Index>(i)];
  });
}

Eigen::MatrixXd scored_periods::ranks(std::size_t k) const {
  std::vector<Eigen::VectorXd> r;
  for (const auto& s : periods)
    r.push_back(time::node_ranks(s.plan, s.result, s.groups, k));
  return units.gather(
      [&](std::size_t t, std::size_t i) { return r[t][static_cast<Eigen::Index>(i)]; });
}

Eigen::VectorXd scored_periods::times(const std::string& command) const {
  try {
    const auto t = io::period_times(labels);
    return Eigen::Map<const Eigen::VectorXd>(t.data(), static_cast<Eigen::Index>(t.size()));
  } catch (const input_error& e) {
    throw input_error("chiso " + command + ": " + e.what());
  }
}

void report_diagnostics(const scored_periods& p) {
  {
    warnings w;
    for (std::size_t k = 0; k < p.periods.size(); ++k)
      for (const auto& d : p.periods[k].result.diagnostics)
        w.add((p.has_periods ? "period " + p.labels[k] + ": " : std::string()) +
              describe(p.periods[k], d));
  }
  for (std::size_t k = 0; k < p.periods.size(); ++k)
    report_preparation(p.periods[k], p.has_periods ? "period " + p.labels[k] + ": " : "");
}

std::size_t period_index(const scored_periods& p, const std::string& label, const command_spec& cmd,
                         const std::string& option) {
  for (std::size_t k = 0; k < p.labels.size(); ++k)
    if (p.labels[k] == label) return k;
  std::string list;
  for (const auto& l : p.labels)
    list += (list.empty() ? "'" : ", '") + l + "'";
  throw usage(cmd.name, "chiso " + cmd.name + ": --" + option + " '" + label +
                            "' is not a period of the data (periods: " + list + ")");
}

std::vector<std::size_t> chosen_nodes(const parsed_args& a, const scored_periods& p,
                                      const command_spec& cmd) {
  const auto v = a.get("nodes");
  if (!v) return p.periods.front().node_columns();
  std::vector<std::size_t> out;
  std::size_t start = 0;
  while (start <= v->size()) {
    const std::size_t end = std::min(v->find(',', start), v->size());
    const std::string id = v->substr(start, end - start);
    if (!p.plan().contains(id))
      throw usage(cmd.name, "chiso " + cmd.name + ": --nodes: '" + id +
                                "' is not a node or indicator of the framework");
    const std::size_t k = p.plan().index(id);
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    start = end + 1;
  }
  return out;
}

} // namespace chiso::cli
