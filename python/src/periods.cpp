/// \file python/src/periods.cpp
/// Several periods for Python (docs/time.md): a framework scored on every period of a panel
/// (chiso/panel.hpp, the spec's `periods.scaling`), the units aligned across periods and any
/// node's scores and ranks as units × periods matrices (time/series.hpp), score and rank
/// changes (time/trend.hpp) and the targets the framework declares (time/targets.hpp) — the
/// very functions `chiso score`, `chiso trend` and `chiso targets` call.

#include "bindings.hpp"

#include <chiso/io/framework_data.hpp>
#include <chiso/panel.hpp>
#include <chiso/time/series.hpp>
#include <chiso/time/targets.hpp>
#include <chiso/time/trend.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace chiso::python {

namespace {

using group_list = std::vector<std::pair<std::string, std::vector<std::string>>>;
/// One period as Python passes it: values (units × the plan's columns), unit ids, group
/// columns [(name, labels)], source (for messages).
using period_in = std::tuple<Eigen::MatrixXd, std::vector<std::string>, group_list, std::string>;

/// Every period of a panel scored, and the units aligned across periods.
struct panel_holder {
  chiso::plan plan_{};
  std::vector<std::string> labels_{};
  std::vector<dataset> data_{};
  std::vector<result> results_{};
  std::vector<std::vector<std::uint32_t>> groups_{}; ///< ranking group codes per period
  time::panel_units units_{};
};

std::vector<std::string> status_names(std::size_t n, auto&& name_of) {
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.emplace_back(name_of(i));
  return out;
}

panel_holder make_panel(const plan_holder& p, const std::vector<std::string>& labels,
                        std::vector<period_in>& periods) {
  if (labels.size() != periods.size())
    throw_usage("Panel: " + std::to_string(labels.size()) + " labels for " +
                std::to_string(periods.size()) + " periods");
  if (periods.empty()) throw_usage("Panel: no period given");
  panel_holder h;
  h.plan_ = p.plan_;
  h.labels_ = labels;
  std::size_t needed = 0; // columns the plan reads: every period must have them
  for (const auto& st : p.plan_.indicator_steps())
    for (auto j : {st.column, st.denominator})
      if (j != plan::npos && j + 1 > needed) needed = j + 1;
  for (auto& [values, units, groups, source] : periods) {
    if (static_cast<std::size_t>(values.cols()) < needed)
      throw_usage("Panel: " + source + " has " + std::to_string(values.cols()) +
                  " columns but the plan reads column " + std::to_string(needed - 1));
    dataset d;
    d.unit_ids = std::move(units);
    d.values = std::move(values);
    d.source = std::move(source);
    for (auto& [name, lab] : groups)
      d.groups.push_back({std::move(name), std::move(lab)});
    d.columns.resize(static_cast<std::size_t>(d.values.cols()));
    for (std::size_t j = 0; j < d.columns.size(); ++j)
      d.columns[j] = "#" + std::to_string(j);
    d.check();
    h.data_.push_back(std::move(d));
  }
  const auto positions = io::period_positions(h.labels_);
  {
    py::gil_scoped_release release;
    h.results_ =
        evaluate_periods(h.plan_, h.data_, h.plan_.framework().scaling, keep::all, positions);
    h.units_ = time::align_units(h.data_);
    for (const auto& d : h.data_)
      h.groups_.push_back(ranking_groups(h.plan_, d));
  }
  return h;
}

/// Node k's ranks over the panel, units × periods.
Eigen::MatrixXd panel_ranks(const panel_holder& h, std::size_t k) {
  std::vector<Eigen::VectorXd> r;
  for (std::size_t t = 0; t < h.results_.size(); ++t)
    r.push_back(time::node_ranks(h.plan_, h.results_[t], h.groups_[t], k));
  return h.units_.gather(
      [&](std::size_t t, std::size_t i) { return r[t][static_cast<Eigen::Index>(i)]; });
}

Eigen::MatrixXd panel_scores(const panel_holder& h, std::size_t k) {
  return h.units_.gather([&](std::size_t t, std::size_t i) {
    return h.results_[t].scores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
  });
}

std::size_t node_of(const panel_holder& h, std::size_t k) {
  if (k >= h.plan_.n_nodes())
    throw_usage("Panel: node index " + std::to_string(k) + " out of range (" +
                std::to_string(h.plan_.n_nodes()) + " nodes and indicators)");
  return k;
}

py::dict trend(const panel_holder& h, std::size_t k, int from, int to, const std::string& base,
               const std::optional<unit_rows_arg>& rows) {
  node_of(h, k);
  if (rows && rows->rows().size() != h.units_.n_units())
    throw_usage("trend: rows name " + std::to_string(rows->rows().size()) +
                " units, the panel "
                "has " +
                std::to_string(h.units_.n_units()));
  time::trend_options opt;
  if (base == "last_observed")
    opt.base = time::base_policy::last_observed;
  else if (base != "exact")
    throw_usage("trend: base must be 'exact' or 'last_observed', got '" + base + "'");
  if ((from < 0) != (to < 0))
    throw_usage("trend: give both periods to compare, or neither (consecutive periods)");
  Eigen::MatrixXd sc, rk;
  time::trend_result ch;
  {
    py::gil_scoped_release release;
    sc = panel_scores(h, k);
    rk = panel_ranks(h, k);
    ch = from >= 0 ? time::changes_between(sc, rk, from, to, opt)
                   : time::consecutive_changes(sc, rk, opt);
  }
  py::dict d;
  d["table"] = py::none();
  if (rows) {
    const auto u = rows->rows();
    auto t = io::trend_table(u, {});
    io::add_trend_rows(t, u, h.plan_.ids()[k], sc, rk, ch, h.labels_, from, to);
    d["table"] = table_dict(t);
  }
  d["status"] = status_names(
      ch.status.size(), [&](std::size_t i) { return std::string(time::to_string(ch.status[i])); });
  d["scores"] = py::cast(std::move(sc));
  d["ranks"] = py::cast(std::move(rk));
  d["score_change"] = py::cast(std::move(ch.score_change));
  d["rank_change"] = py::cast(std::move(ch.rank_change));
  d["base_period"] = py::cast(std::move(ch.base_period));
  return d;
}

/// `chiso targets`' table (chiso/io/result_tables.hpp) as {column: values}; None when the
/// framework declares no targets.
py::object targets_table(const panel_holder& h, const unit_rows_arg& rows, bool summary) {
  const auto declared = time::declared_targets(h.plan_);
  if (declared.empty()) return py::none();
  const auto u = rows.rows();
  if (u.size() != h.units_.n_units())
    throw_usage("targets: rows name " + std::to_string(u.size()) + " units, the panel has " +
                std::to_string(h.units_.n_units()));
  io::table t;
  {
    py::gil_scoped_release release;
    const auto times_v = io::period_times(h.labels_);
    const Eigen::VectorXd times = Eigen::Map<const Eigen::VectorXd>(
        times_v.data(), static_cast<Eigen::Index>(times_v.size()));
    t = io::targets_table(u, summary, {});
    for (const auto& x : declared) {
      Eigen::MatrixXd values;
      if (x.tracks_value()) {
        std::vector<Eigen::VectorXd> v;
        for (const auto& d : h.data_)
          v.push_back(time::indicator_values(h.plan_, x.index, d.values));
        values = h.units_.gather(
            [&](std::size_t k, std::size_t i) { return v[k][static_cast<Eigen::Index>(i)]; });
      } else {
        values = panel_scores(h, x.index);
      }
      const auto r = time::track_target(values, times, x.target.goal, x.target.options);
      io::add_target_rows(t, u, x, values, r, h.units_, h.labels_, summary);
    }
  }
  return table_dict(t);
}

/// A data file of one or more periods read for a framework as the CLI reads it.
py::dict read_panel(const std::filesystem::path& path, const spec_holder& s) {
  io::framework_panel p;
  {
    py::gil_scoped_release release;
    p = io::read_framework_panel(path, s.spec_.data, s.spec_.fw, s.coinr_ ? "_group" : "");
    io::throw_if_problems(p.problems);
    for (const auto& d : p.data)
      d.check();
  }
  py::list periods;
  for (auto& ds : p.data)
    periods.append(dataset_dict(std::move(ds)));
  py::dict out;
  out["labels"] = std::move(p.periods);
  out["has_periods"] = p.has_periods;
  out["data"] = periods;
  return out;
}

} // namespace

void bind_periods(py::module_& m) {
  m.def("period_order", &io::period_order, py::arg("labels"),
        "Positions of the period labels in time order: by value when every label is a number, "
        "else as given. Raises InputError when two labels are the same number.");
  m.def("period_times", &io::period_times, py::arg("labels"),
        "The period labels as numbers (the deadlines' scale); InputError naming the first "
        "label that is not a number.");
  m.def("read_panel", &read_panel, py::arg("path"), py::arg("spec"),
        "Reads a data file of one or more periods for a framework as `chiso score` does: wide "
        "(one period labelled '') or long (unit, [period,] indicator, value). Every problem "
        "is reported at once as InputError (file:line:column). Returns {labels, has_periods, "
        "data: one dict per period as read_data returns}, periods in order of first "
        "appearance.");

  py::class_<panel_holder>(m, "Panel",
                           "A framework scored on every period of a panel "
                           "(evaluate_periods, with the spec's periods.scaling), the units of "
                           "all periods aligned on one list.")
      .def(py::init(&make_panel), py::arg("plan"), py::arg("labels"), py::arg("periods"),
           "Scores every period: `periods` holds one (values, unit ids, group columns [(name, "
           "labels)], source) per label, values being units x the columns the plan was "
           "compiled against, in time order. The GIL is released while the library computes.")
      .def_readonly("labels", &panel_holder::labels_)
      .def_property_readonly(
          "units", [](const panel_holder& h) { return h.units_.ids; },
          "Units of all periods in order of first appearance.")
      .def_property_readonly(
          "rows",
          [](const panel_holder& h) {
            Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic> m(
                static_cast<Eigen::Index>(h.units_.n_periods()),
                static_cast<Eigen::Index>(h.units_.n_units()));
            for (std::size_t t = 0; t < h.units_.n_periods(); ++t)
              for (std::size_t u = 0; u < h.units_.n_units(); ++u)
                m(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(u)) =
                    h.units_.row[t][u] == time::panel_units::npos
                        ? -1
                        : static_cast<std::int64_t>(h.units_.row[t][u]);
            return m;
          },
          "periods x units: each unit's row in each period, -1 where it is absent.")
      .def(
          "evaluation",
          [](const panel_holder& h, std::size_t t) {
            if (t >= h.results_.size())
              throw_usage("Panel: period " + std::to_string(t) + " out of range");
            result_holder r;
            r.result_ = h.results_[t];
            return r;
          },
          py::arg("period"), "Period t's result as an Evaluation (a copy).")
      .def(
          "scores",
          [](const panel_holder& h, std::size_t k) { return panel_scores(h, node_of(h, k)); },
          py::arg("node"), "Node (or indicator) k's scores, units x periods, NaN where absent.")
      .def(
          "ranks",
          [](const panel_holder& h, std::size_t k) { return panel_ranks(h, node_of(h, k)); },
          py::arg("node"),
          "Node k's ranks, units x periods: the root's as scored, any other node ranked like "
          "the root within each period (time::node_ranks).")
      .def("trend", &trend, py::arg("node"), py::arg("start") = -1, py::arg("end") = -1,
           py::arg("base") = "exact", py::arg("rows") = py::none(),
           "Score changes s_to - s_from and rank changes r_from - r_to (> 0: moved up) of node "
           "k between consecutive periods, or from period `start` to `end` (indices): a dict "
           "of units x comparisons matrices score_change, rank_change, base_period (-1: none) "
           "and status (column-major names), plus the scores and ranks matrices; with `rows` (the "
           "units' UnitRows) table: node k's rows of `chiso trend` as {column: values} "
           "(chiso/io/result_tables.hpp), else None.")
      .def("targets_table", &targets_table, py::arg("rows"), py::arg("summary") = false,
           "The table of `chiso targets` (or its --summary) as {column: values} "
           "(chiso/io/result_tables.hpp): every declared target tracked over the panel; None "
           "when the framework declares none.");
}

} // namespace chiso::python
