/// \file python/src/tables.cpp
/// The library's result tables (chiso/io/result_tables.hpp) as Python dicts of columns, and
/// the method catalogue (chiso/io/catalogue.hpp) as plain dicts.

#include "bindings.hpp"

#include <chiso/io/catalogue.hpp>
#include <chiso/io/result_tables.hpp>
#include <chiso/io/workbooks.hpp>
#include <chiso/round.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chiso::python {

py::dict table_dict(const io::table& t) {
  py::dict out;
  const auto n = static_cast<py::ssize_t>(t.n_rows());
  for (std::size_t k = 0; k < t.n_columns(); ++k) {
    const auto& c = t.columns()[k];
    const auto cells = t.column(k);
    if (c.type == io::column_type::text) {
      py::list v(n);
      for (py::ssize_t i = 0; i < n; ++i) {
        const auto* s = std::get_if<std::string>(&cells[static_cast<std::size_t>(i)]);
        v[static_cast<std::size_t>(i)] = s ? py::object(py::str(*s)) : py::object(py::none());
      }
      out[py::str(c.name)] = std::move(v);
      continue;
    }
    bool complete = true;
    for (const auto& x : cells) {
      const auto* d = std::get_if<double>(&x);
      complete = complete && d && !std::isnan(*d);
    }
    if (c.type == io::column_type::integer && complete) {
      py::array_t<std::int64_t> v(n);
      auto w = v.mutable_unchecked<1>();
      for (py::ssize_t i = 0; i < n; ++i)
        w(i) = static_cast<std::int64_t>(std::get<double>(cells[static_cast<std::size_t>(i)]));
      out[py::str(c.name)] = std::move(v);
      continue;
    }
    py::array_t<double> v(n);
    auto w = v.mutable_unchecked<1>();
    const bool round = c.type == io::column_type::number && c.digits;
    for (py::ssize_t i = 0; i < n; ++i) {
      const auto* d = std::get_if<double>(&cells[static_cast<std::size_t>(i)]);
      const double x = d ? *d : std::nan("");
      w(i) = round ? round_decimal(x, *c.digits) : x;
    }
    out[py::str(c.name)] = std::move(v);
  }
  return out;
}

unit_rows_arg::unit_rows_arg(std::vector<std::string> ids,
                             std::optional<std::vector<std::string>> names,
                             std::optional<std::string> group_by,
                             std::optional<std::vector<std::string>> groups)
    : ids_(std::move(ids)), names_(std::move(names)), group_by_(std::move(group_by)),
      groups_(std::move(groups)) {
  const auto n = ids_.size();
  if ((names_ && names_->size() != n) || (groups_ && groups_->size() != n))
    throw_usage("unit rows: " + std::to_string(n) + " units but " +
                std::to_string(names_ && names_->size() != n ? names_->size() : groups_->size()) +
                " names or group labels");
}

io::unit_rows unit_rows_arg::rows() const {
  io::unit_rows u;
  u.ids = ids_;
  u.names = names_.has_value();
  if (names_) u.unit_names = *names_;
  if (group_by_) u.group_by = *group_by_;
  if (groups_) u.groups = *groups_;
  return u;
}

namespace {

py::object default_object(const io::parameter_default& d) {
  return std::visit(
      [](const auto& v) -> py::object {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>)
          return py::none();
        else
          return py::cast(v);
      },
      d);
}

py::dict parameter_dict(const io::parameter_info& p) {
  py::dict d;
  d["key"] = p.key;
  d["type"] = p.type;
  d["default"] = default_object(p.default_value);
  d["default_text"] = p.default_text;
  d["range"] = p.range.empty() ? py::object(py::none()) : py::object(py::str(p.range));
  d["choices"] = p.choices.empty() ? py::object(py::none()) : py::cast(p.choices);
  d["allowed"] = p.allowed;
  d["doc"] = p.doc;
  d["required"] = p.required;
  if (p.fields.empty()) {
    d["fields"] = py::none();
  } else {
    py::list f;
    for (const auto& g : p.fields)
      f.append(parameter_dict(g));
    d["fields"] = f;
  }
  return d;
}

py::list methods_list(const std::vector<io::method_info>& list) {
  py::list out;
  for (const auto& m : list) {
    py::dict d;
    d["name"] = m.name;
    d["summary"] = m.summary;
    py::list ps;
    for (const auto& p : m.parameters)
      ps.append(parameter_dict(p));
    d["parameters"] = ps;
    out.append(d);
  }
  return out;
}

} // namespace

void bind_tables(py::module_& m) {
  py::class_<unit_rows_arg>(m, "UnitRows",
                            "The units of a per-unit table and the columns naming them: unit, "
                            "[name], [the ranking group column].")
      .def(py::init<std::vector<std::string>, std::optional<std::vector<std::string>>,
                    std::optional<std::string>, std::optional<std::vector<std::string>>>(),
           py::arg("units"), py::arg("names") = py::none(), py::arg("group_by") = py::none(),
           py::arg("groups") = py::none());
  m.def(
      "methods",
      []() {
        const auto& c = io::built_in_methods();
        py::dict out;
        out["normalisations"] = methods_list(c.normalisations);
        out["aggregations"] = methods_list(c.aggregations);
        out["weights"] = methods_list(c.weights);
        out["imputations"] = methods_list(c.imputations);
        py::list common;
        for (const auto& p : c.imputation_common)
          common.append(parameter_dict(p));
        out["imputation_common"] = common;
        out["treatments"] = methods_list(c.treatments);
        return out;
      },
      "The built-in methods by kind (normalisations incl. point rules, aggregations, weights "
      "rules, imputations, treatments): {kind: [{name, summary, parameters: [{key, type, "
      "default, default_text, range, choices, allowed, doc, required, fields}]}]}, from the "
      "methods' declarations; 'imputation_common' lists the parameters any imputation method "
      "takes besides its own (fallback).");
  m.def(
      "score_table",
      [](const plan_holder& p, const result_holder& r, const unit_rows_arg& units,
         const std::vector<std::string>& bands, const std::vector<std::size_t>& nodes,
         const std::vector<std::size_t>& indicators, std::optional<int> digits) {
        io::score_layout l;
        l.nodes = nodes;
        l.indicators = indicators;
        l.digits = digits;
        const auto u = units.rows();
        auto t = io::score_table(p.plan_.ids(), u, !bands.empty(), l);
        io::add_score_rows(t, u, r.result_, bands, l);
        return table_dict(t);
      },
      py::arg("plan"), py::arg("result"), py::arg("units"), py::arg("bands"), py::arg("nodes"),
      py::arg("indicators"), py::arg("digits") = py::none(),
      "The table of `chiso score` (chiso/io/result_tables.hpp) as {column: values}: unit, "
      "[name], [group column], each of `nodes` and `indicators` (plan indices), rank, [band "
      "when `bands` (labels, best first) is not empty]. Text columns are lists (None: missing), "
      "numbers float64 arrays (NaN: missing; rounded to `digits` as published), counts int64.");
  m.def(
      "write_score_workbook",
      [](const plan_holder& p, const result_holder& r, const unit_rows_arg& units,
         const std::vector<std::string>& bands, const std::string& path,
         std::optional<std::vector<std::string>> groups, std::optional<int> digits) {
        // Group labels as codes in order of first appearance: ranking compares codes only.
        std::vector<std::uint32_t> codes;
        if (groups) {
          std::map<std::string, std::uint32_t> seen;
          for (const auto& g : *groups)
            codes.push_back(seen.emplace(g, static_cast<std::uint32_t>(seen.size())).first->second);
        }
        const io::scored_view v{&r.result_, units.rows(), codes, ""};
        io::score_workbook_options o;
        o.digits = digits;
        o.band_labels = bands;
        io::score_workbook(p.plan_, std::span<const io::scored_view>(&v, 1), o).write(path);
      },
      py::arg("plan"), py::arg("result"), py::arg("units"), py::arg("bands"), py::arg("path"),
      py::arg("groups") = py::none(), py::arg("digits") = py::none(),
      "Writes the workbook of `chiso score --format xlsx` (chiso/io/workbooks.hpp) to `path`: "
      "sheets scores, ranks, indicators, diagnostics, methods; `groups`: the ranking group "
      "label per unit; `digits`: display decimals (else the framework's).");
}

} // namespace chiso::python
