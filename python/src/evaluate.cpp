/// \file python/src/evaluate.cpp
/// The compiled plan and its evaluation on numpy arrays: scores of every node for every unit,
/// ranks, bands, diagnostics, contributions. The GIL is released while the library computes.

#include "bindings.hpp"

#include <chiso/io/output.hpp>
#include <chiso/plan.hpp>
#include <chiso/rank.hpp>
#include <chiso/round.hpp>
#include <chiso/score.hpp>

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chiso::python {

namespace {

/// Group codes for labels (dense, in order of first appearance), or empty for one group.
std::vector<std::uint32_t> codes_of(const std::optional<std::vector<std::string>>& labels,
                                    Eigen::Index n, const char* what) {
  if (!labels) return {};
  if (static_cast<Eigen::Index>(labels->size()) != n)
    throw usage_error(std::string(what) + ": " + std::to_string(labels->size()) +
                      " group labels for " + std::to_string(n) + " units");
  return group_codes(*labels);
}

rank_method rank_method_of(const std::string& s) {
  if (s == "competition") return rank_method::competition;
  if (s == "dense") return rank_method::dense;
  if (s == "average") return rank_method::average;
  if (s == "ordinal") return rank_method::ordinal;
  throw usage_error("rank: method must be competition, dense, average or ordinal, got '" + s + "'");
}

rank_order rank_order_of(const std::string& s) {
  if (s == "descending") return rank_order::descending;
  if (s == "ascending") return rank_order::ascending;
  throw usage_error("rank: order must be descending or ascending, got '" + s + "'");
}

/// "unit 'x'" for messages.
std::string unit_name(const std::vector<std::string>& units, std::size_t i) {
  return i < units.size() ? "unit '" + units[i] + "'" : "row " + std::to_string(i + 1);
}

/// Checks the values the plan reads as the CLI checks a data file: every value finite (NaN =
/// missing is fine) and inside its indicator's valid range. Throws input_error listing the
/// problems (at most 20).
void check_values(const plan& p, matrix_in values, const std::vector<std::string>& units,
                  const std::vector<std::string>& columns, const std::string& source) {
  std::vector<std::string> problems;
  std::size_t count = 0;
  auto add = [&](std::string msg) {
    if (problems.size() < 20) problems.push_back(std::move(msg));
    ++count;
  };
  auto column_name = [&](std::size_t j) {
    return j < columns.size() ? columns[j] : "#" + std::to_string(j);
  };
  if (!units.empty() && static_cast<Eigen::Index>(units.size()) != values.rows())
    throw usage_error("check: " + std::to_string(units.size()) + " unit ids for " +
                      std::to_string(values.rows()) + " rows");
  std::vector<std::size_t> used;
  for (const auto& s : p.indicator_steps()) {
    for (auto j : {s.column, s.denominator})
      if (j != plan::npos && std::find(used.begin(), used.end(), j) == used.end())
        used.push_back(j);
  }
  std::sort(used.begin(), used.end());
  for (auto j : used)
    if (j >= static_cast<std::size_t>(values.cols()))
      throw usage_error("check: values has " + std::to_string(values.cols()) +
                        " columns but the plan reads column " + std::to_string(j));
  for (Eigen::Index i = 0; i < values.rows(); ++i)
    for (auto j : used) {
      const double v = values(i, static_cast<Eigen::Index>(j));
      if (std::isinf(v))
        add(source + ": " + unit_name(units, static_cast<std::size_t>(i)) + ": column '" +
            column_name(j) + "': " + io::format_double(v) +
            " is not a number chiso accepts (missing values are NaN)");
    }
  for (const auto& d : p.check(values))
    add(source + ": " + unit_name(units, d.unit) + ": column '" + column_name(d.column) +
        "': value " + io::format_double(d.value) + " is outside the valid range: " + d.rule);
  if (problems.empty()) return;
  std::string msg;
  for (std::size_t k = 0; k < problems.size(); ++k)
    msg += (k ? "\n" : "") + problems[k];
  if (count > problems.size())
    msg += "\n... and " + std::to_string(count - problems.size()) + " more problems";
  throw input_error(msg);
}

} // namespace

void bind_evaluate(py::module_& m) {
  py::class_<result_holder>(m, "Evaluation",
                            "One Plan.evaluate: scores of every node (plan order: indicators, "
                            "then aggregate nodes) for every unit, the root's rank and band, "
                            "diagnostics. Reusable: pass it as `out` to evaluate again in place.")
      .def(py::init<>(),
           "An empty evaluation, to be filled (and reused) by Plan.evaluate(out=...).")
      .def_property_readonly(
          "scores",
          [](const result_holder& r) -> const Eigen::MatrixXd& { return r.result_.scores; },
          py::return_value_policy::reference_internal,
          "units x nodes (plan order), NaN = missing: a read-only view, valid until the result "
          "is evaluated again.")
      .def_property_readonly(
          "rank", [](const result_holder& r) -> const Eigen::VectorXd& { return r.result_.rank; },
          py::return_value_policy::reference_internal,
          "Rank of the root per unit (NaN when missing): a read-only view.")
      .def_property_readonly(
          "prepared",
          [](const result_holder& r) -> py::object {
            if (r.result_.preparation.values.size() == 0) return py::none();
            return py::cast(r.result_.preparation.values);
          },
          "units x indicators (plan order): the values the methods normalised, after "
          "denominators, transforms, imputation and outlier treatment (a copy); None when the "
          "framework does not prepare (then Plan.prepared_columns gives them).")
      .def_property_readonly(
          "band", [](const result_holder& r) { return r.result_.band; },
          "Band index of the root per unit (-1: none), a new list.")
      .def_property_readonly(
          "diagnostics",
          [](const result_holder& r) {
            py::list out;
            for (const auto& d : r.result_.diagnostics)
              out.append(py::make_tuple(to_string(d.code), d.node,
                                        d.unit == diagnostic::npos ? py::object(py::none())
                                                                   : py::int_(d.unit),
                                        d.message));
            return out;
          },
          "Expected non-successes as (code, node index, unit index or None, message).")
      .def_readonly("_values_address", &result_holder::values_address_)
      .def_readonly("_gil_released", &result_holder::gil_released_);

  py::class_<plan_holder>(m, "Plan",
                          "A framework compiled once against the data's columns: evaluate it "
                          "on many value matrices (same columns) without recompiling.")
      .def(py::init([](const spec_holder& s, const std::vector<std::string>& columns) {
             return plan_holder{plan::compile(s.spec_.fw, columns)};
           }),
           py::arg("spec"), py::arg("columns"),
           "Validates the framework and binds its indicators to `columns` (the data's column "
           "names). Raises FrameworkError, or InputError naming every absent column.")
      .def_property_readonly(
          "ids", [](const plan_holder& h) { return h.plan_.ids(); },
          "Node ids in plan order: indicators (framework order), then aggregate nodes.")
      .def_property_readonly("n_indicators",
                             [](const plan_holder& h) { return h.plan_.n_indicators(); })
      .def_property_readonly(
          "root", [](const plan_holder& h) { return h.plan_.root(); },
          "Plan index of the root node.")
      .def_property_readonly(
          "imputation_group",
          [](const plan_holder& h) -> std::optional<std::string> {
            if (!h.plan_.needs_imputation_groups()) return std::nullopt;
            return std::get<impute_by_group>(h.plan_.framework().impute->method).group;
          },
          "The data's group column the framework imputes by (spec `impute: {group: ...}`), "
          "or None.")
      .def(
          "prepared_columns",
          [](const plan_holder& h, matrix_in values) {
            Eigen::MatrixXd x;
            (void)detail::prepared_columns(h.plan_, values, x);
            return x;
          },
          py::arg("values"),
          "Each indicator's value before normalisation, without imputation or treatment: "
          "x / denominator x scale, then the transform (NaN where the denominator is 0 or "
          "missing, or outside the transform's domain); units x indicators, plan order.")
      .def_property_readonly(
          "indicator_columns",
          [](const plan_holder& h) {
            std::vector<std::size_t> out;
            for (const auto& st : h.plan_.indicator_steps())
              out.push_back(st.column);
            return out;
          },
          "For each indicator (plan order), the index of the data column it reads among the "
          "columns the plan was compiled against.")
      .def_property_readonly(
          "effective_weights",
          [](const plan_holder& h) -> Eigen::MatrixXd { return h.plan_.effective_weights(); },
          "Nominal weight of each indicator (columns) in each node (rows, plan order): "
          "E(k) = sum_j w_j/sum(w) E(child_j) for means, w_j E(child_j) for sums; "
          "E(indicator i) = e_i.")
      .def(
          "check",
          [](const plan_holder& h, matrix_in values, const std::vector<std::string>& units,
             const std::vector<std::string>& columns, const std::string& source) {
            py::gil_scoped_release release;
            check_values(h.plan_, values, units, columns, source);
          },
          py::arg("values"), py::arg("units"), py::arg("columns"), py::arg("source") = "data",
          "Raises InputError listing infinite values and values outside an indicator's `valid` "
          "range, naming unit and column (NaN is missing and fine).")
      .def(
          "evaluate",
          [](const plan_holder& h, matrix_in values,
             const std::optional<std::vector<std::string>>& groups,
             std::optional<result_holder*> out,
             const std::optional<std::vector<std::string>>& impute_groups) -> py::object {
            const auto codes = codes_of(groups, values.rows(), "evaluate");
            auto icodes = codes_of(impute_groups, values.rows(), "evaluate");
            for (std::size_t u = 0; impute_groups && u < icodes.size(); ++u)
              if ((*impute_groups)[u].empty()) icodes[u] = impute::no_group;
            py::object owner = out ? py::cast(*out, py::return_value_policy::reference)
                                   : py::cast(result_holder{});
            auto& r = owner.cast<result_holder&>();
            {
              py::gil_scoped_release release;
              r.gil_released_ = PyGILState_Check() == 0;
              r.values_address_ = reinterpret_cast<std::uintptr_t>(values.data());
              evaluate(h.plan_, values, codes, icodes, r.result_);
            }
            return owner;
          },
          py::arg("values"), py::arg("groups") = py::none(), py::arg("out") = py::none(),
          py::arg("impute_groups") = py::none(),
          "Scores every unit (rows of `values`, the columns the plan was compiled against): "
          "every indicator, then every aggregate node in topological order, then the root's "
          "rank within `groups` (one label per unit; None = one group) and band. A "
          "Fortran-ordered float64 array is read in place (no copy); the GIL is released. "
          "Pass `out` (an Evaluation) to reuse its memory. When the framework imputes by "
          "group, `impute_groups` gives each unit's label in that group column (see "
          "`imputation_group`).")
      .def(
          "contributions",
          [](const plan_holder& h, const result_holder& r, std::size_t node) {
            Eigen::MatrixXd c;
            {
              py::gil_scoped_release release;
              c = contributions(h.plan_, r.result_, node);
            }
            return c;
          },
          py::arg("result"), py::arg("node"),
          "Each indicator's contribution to every unit's score at `node` (units x indicators): "
          "c_i = sum over paths of prod share_j * score_i, share_j = w_j / sum_avail w (x sum_all "
          "w for sums), so a unit's contributions add up to its score. Raises UsageError when "
          "an aggregate under `node` is not additive (arithmetic mean or sum).");

  m.def(
      "rank",
      [](const Eigen::Ref<const Eigen::VectorXd>& scores, const std::string& method,
         const std::string& order, std::optional<int> round_to,
         const std::optional<std::vector<std::string>>& groups) {
        rank_options opt;
        opt.method = rank_method_of(method);
        opt.order = rank_order_of(order);
        opt.round_to = round_to;
        const auto codes = codes_of(groups, scores.size(), "rank");
        Eigen::VectorXd out(scores.size());
        {
          py::gil_scoped_release release;
          chiso::rank(scores, opt, codes, out);
        }
        return out;
      },
      py::arg("scores"), py::arg("method") = "competition", py::arg("order") = "descending",
      py::arg("round_to") = py::none(), py::arg("groups") = py::none(),
      "Ranks scores within groups (NaN: missing rank). competition 1,2,2,4; dense 1,2,2,3; "
      "average 1,2.5,2.5,4; ordinal 1,2,3,4 (ties by unit order). With round_to, scores are "
      "compared rounded to that many decimals, as official tables rank published values.");
  m.def(
      "round_decimal",
      [](const Eigen::Ref<const Eigen::MatrixXd>& x, int digits) {
        Eigen::MatrixXd out(x.rows(), x.cols());
        for (Eigen::Index j = 0; j < x.cols(); ++j)
          for (Eigen::Index i = 0; i < x.rows(); ++i)
            out(i, j) = round_decimal(x(i, j), digits);
        return out;
      },
      py::arg("x"), py::arg("digits"),
      "Rounds to `digits` decimals half away from zero on the shortest decimal text of each "
      "value (0.50045 -> 0.5005 at 4 decimals, 1.005 -> 1.01 at 2), as published tables do.");
  m.def(
      "_borrowed_address",
      [](matrix_in values) { return reinterpret_cast<std::uintptr_t>(values.data()); },
      py::arg("values"),
      "Address of the memory the library would read for `values` (tests: equal to "
      "values.ctypes.data when no copy is made).");
}

} // namespace chiso::python
