/// \file python/src/framework.cpp
/// Frameworks for Python: spec files, spec text, presets and COINr metadata; method overrides
/// (the CLI's shorthands and the spec file's `{type: ...}` form).

#include "bindings.hpp"

#include <chiso/io/coinr.hpp>
#include <chiso/io/overrides.hpp>
#include <chiso/io/presets.hpp>
#include <chiso/io/quote.hpp>

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

namespace chiso::python {

namespace fs = std::filesystem;

namespace {

py::object optional_number(const std::optional<double>& v) {
  return v ? py::object(py::float_(*v)) : py::object(py::none());
}

/// The data columns a framework reads (values, then denominators), in first-use order: the
/// columns the CLI's data reader keeps.
std::vector<std::string> data_columns(const framework& f) {
  std::vector<std::string> out;
  auto add = [&](const std::string& c) {
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (const auto& ind : f.indicators) {
    add(ind.source());
    if (!ind.denominator.empty()) add(ind.denominator);
  }
  return out;
}

py::dict indicator_dict(const indicator& i) {
  py::dict d;
  d["id"] = i.id;
  d["name"] = i.name;
  d["unit"] = i.unit;
  d["direction"] = i.direction;
  d["method"] = std::string(name_of(i.method));
  d["lower"] = optional_number(i.lower);
  d["upper"] = optional_number(i.upper);
  d["target"] = optional_number(i.target);
  d["points"] = optional_number(i.points);
  d["column"] = i.source();
  d["denominator"] = i.denominator.empty() ? py::object(py::none()) : py::str(i.denominator);
  d["scale"] = i.scale;
  d["transform"] = std::string(to_string(i.transform));
  d["valid_min"] = optional_number(i.valid_min);
  d["valid_max"] = optional_number(i.valid_max);
  d["if_zero_denominator"] = std::string(to_string(i.if_zero_denominator));
  d["if_missing_denominator"] = std::string(to_string(i.if_missing_denominator));
  d["origin"] = i.origin;
  return d;
}

py::dict node_dict(const node& n) {
  py::dict d;
  d["id"] = n.id;
  d["name"] = n.name;
  d["method"] = std::string(name_of(n.aggregation));
  d["min_coverage"] = n.min_coverage;
  d["cap"] = optional_number(n.cap);
  py::list children;
  for (const auto& c : n.children)
    children.append(py::make_tuple(c.id, c.weight));
  d["children"] = children;
  d["origin"] = n.origin;
  return d;
}

/// A shorthand error in Python's terms: "normalise='TEXT': REASON; accepted forms: ...".
[[noreturn]] void throw_shorthand(const io::shorthand_error& e, const char* argument) {
  throw_usage(std::string(argument) + "='" + e.text() + "': " + e.reason() + "; accepted forms:\n" +
              e.forms());
}

/// Reads a fragment with the spec reader (io::parse_method...), its source named `label`
/// (`normalise={'type': 'min_max', 'low': 0}`: the dict's repr, whose columns match the JSON's
/// for plain keys and numbers); input errors become UsageError.
template <class Parse>
auto read_fragment(Parse&& parse, const std::string& json, const std::string& label) {
  try {
    return parse(json, label);
  } catch (const input_error& e) {
    throw usage_error(e.what());
  }
}

method_holder normalise_from_spec(const std::string& json, const std::string& label) {
  return {read_fragment(io::parse_method, json, label), label};
}

aggregation_holder aggregate_from_spec(const std::string& json, const std::string& label) {
  return {read_fragment(io::parse_aggregation, json, label), label};
}

spec_holder with_methods(const spec_holder& s, const std::optional<method_holder>& normalise,
                         const std::optional<aggregation_holder>& aggregate,
                         const std::vector<std::pair<std::string, method_holder>>& per_indicator,
                         const std::vector<std::pair<std::string, aggregation_holder>>& per_node) {
  spec_holder out = s;
  auto& f = out.spec_.fw;
  if (normalise) {
    if (is_point_rule(normalise->method_))
      throw_usage(normalise->text_ + ": point rules cannot replace every indicator's method (they "
                                     "need each indicator's points); give them per indicator "
                                     "(normalise={'indicator_id': {...}}) or edit the spec");
    io::override_normalise(f, normalise->method_);
  }
  if (aggregate) io::override_aggregate(f, aggregate->aggregation_);
  std::vector<std::string> indicator_ids, node_ids;
  for (const auto& i : f.indicators)
    indicator_ids.push_back(i.id);
  for (const auto& n : f.nodes)
    node_ids.push_back(n.id);
  for (const auto& [id, m] : per_indicator) {
    auto it = std::find_if(f.indicators.begin(), f.indicators.end(),
                           [&](const indicator& i) { return i.id == id; });
    if (it == f.indicators.end()) {
      if (std::find(node_ids.begin(), node_ids.end(), id) != node_ids.end())
        throw_usage("normalise: '" + id +
                    "' is an aggregate node, not an indicator (give its method with "
                    "aggregate={'" +
                    id + "': ...})");
      throw_usage("normalise: unknown indicator '" + id +
                  "' (indicators: " + io::quote_list(indicator_ids) + ")");
    }
    it->method = m.method_;
  }
  for (const auto& [id, a] : per_node) {
    auto it =
        std::find_if(f.nodes.begin(), f.nodes.end(), [&](const node& n) { return n.id == id; });
    if (it == f.nodes.end()) {
      if (std::find(indicator_ids.begin(), indicator_ids.end(), id) != indicator_ids.end())
        throw_usage("aggregate: '" + id +
                    "' is an indicator, not an aggregate node (give its method with "
                    "normalise={'" +
                    id + "': ...})");
      throw_usage("aggregate: unknown node '" + id + "' (nodes: " + io::quote_list(node_ids) + ")");
    }
    it->aggregation = a.aggregation_;
  }
  // An override may make the framework invalid (goalposts without bounds...): say so, and
  // that the override caused it (as the CLI does for --normalise / --aggregate).
  const auto p = f.problems();
  if (!p.empty()) {
    std::string msg = "the framework is invalid after the override (normalise= / aggregate=):";
    for (const auto& x : p)
      msg += "\n  " + x;
    throw framework_error(msg);
  }
  return out;
}

/// Candidates found next to the package (<ancestor>/share/chiso/presets, set by the Python
/// layer): the build tree and the installed prefix, as the CLI looks next to its program.
std::vector<std::string>& near_candidates() {
  static std::vector<std::string> v;
  return v;
}

/// The presets directory, searched as the CLI searches it (io::find_presets_dir): `dir` when
/// given, `$CHISO_PRESETS`, then next to the package, then the installed share/chiso/presets,
/// then the source tree's presets/.
fs::path presets_dir(const std::optional<std::string>& dir) {
  io::presets_search search;
  if (dir) search.dir = *dir;
  search.dir_name = "presets_dir";
  search.candidates.assign(near_candidates().begin(), near_candidates().end());
#ifdef CHISO_INSTALL_PRESETS_DIR
  search.candidates.emplace_back(CHISO_INSTALL_PRESETS_DIR);
#endif
#ifdef CHISO_SOURCE_PRESETS_DIR
  search.candidates.emplace_back(CHISO_SOURCE_PRESETS_DIR);
#endif
  return io::find_presets_dir(search);
}

spec_holder load_file(const fs::path& path) {
  spec_holder h;
  {
    py::gil_scoped_release release;
    h.spec_ = io::load_spec(path);
  }
  h.label_ = path.string();
  return h;
}

} // namespace

void bind_framework(py::module_& m) {
  py::class_<method_holder>(m, "Method",
                            "A normalisation (or point rule) for an override, parsed from a CLI "
                            "shorthand ('minmax:0:100') or a spec-file method ({'type': ...}).")
      .def_property_readonly(
          "name", [](const method_holder& h) { return std::string(name_of(h.method_)); },
          "The spec-file name of the method (e.g. 'min_max').")
      .def_property_readonly("is_point_rule",
                             [](const method_holder& h) { return is_point_rule(h.method_); })
      .def_readonly("text", &method_holder::text_, "What it was parsed from.")
      .def("__repr__", [](const method_holder& h) {
        return "<chiso method " + std::string(name_of(h.method_)) + " from " + h.text_ + ">";
      });

  py::class_<aggregation_holder>(m, "Aggregation",
                                 "An aggregation for an override, parsed from a CLI shorthand "
                                 "('gmean', 'genmean:0.5') or a spec-file method ({'type': ...}).")
      .def_property_readonly(
          "name", [](const aggregation_holder& h) { return std::string(name_of(h.aggregation_)); },
          "The spec-file name of the aggregation (e.g. 'geometric_mean').")
      .def_property_readonly(
          "is_additive", [](const aggregation_holder& h) { return is_additive(h.aggregation_); })
      .def_readonly("text", &aggregation_holder::text_, "What it was parsed from.")
      .def("__repr__", [](const aggregation_holder& h) {
        return "<chiso aggregation " + std::string(name_of(h.aggregation_)) + " from " + h.text_ +
               ">";
      });

  m.def(
      "parse_normalise",
      [](const std::string& text) {
        try {
          return method_holder{io::parse_normalise(text), "'" + text + "'"};
        } catch (const io::shorthand_error& e) {
          throw_shorthand(e, "normalise");
        }
      },
      py::arg("text"),
      "Parses a normalisation shorthand as the CLI's --normalise does: NAME[:P1[:P2...]] with "
      "parameters in the order of the method's fields, e.g. 'minmax:0:100', 'zscore:10:2', "
      "'prank', 'ratio:best', 'goalposts:100:true'. Raises UsageError listing every form.");
  m.def(
      "parse_aggregate",
      [](const std::string& text) {
        try {
          return aggregation_holder{io::parse_aggregate(text), "'" + text + "'"};
        } catch (const io::shorthand_error& e) {
          throw_shorthand(e, "aggregate");
        }
      },
      py::arg("text"),
      "Parses an aggregation shorthand as the CLI's --aggregate does: amean, gmean, hmean, "
      "genmean:P, sum, min (or the full names). Raises UsageError listing every form.");
  m.def("normalise_from_spec", &normalise_from_spec, py::arg("json"), py::arg("label"),
        "Reads a method in the spec file's form (JSON of {'type': NAME, param: value...} or "
        "of a name) with the spec reader; errors are UsageError at `label`:LINE:COLUMN.");
  m.def("aggregate_from_spec", &aggregate_from_spec, py::arg("json"), py::arg("label"),
        "Reads an aggregation in the spec file's form, as normalise_from_spec.");
  m.def("normalise_forms", &io::normalise_forms, "The accepted normalisation shorthands.");
  m.def("aggregate_forms", &io::aggregate_forms, "The accepted aggregation shorthands.");

  py::class_<spec_holder>(m, "Spec",
                          "A framework with its spec file's sample and data sections "
                          "(immutable; the `chiso.Framework` class wraps it).")
      .def_static("load", &load_file, py::arg("path"),
                  "Reads a spec file (YAML or JSON). Raises InputError naming file:line:column.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source, const std::string& dir) {
            spec_holder h;
            {
              py::gil_scoped_release release;
              h.spec_ = io::parse_spec_text(text, source, dir);
            }
            h.label_ = source;
            return h;
          },
          py::arg("text"), py::arg("source"), py::arg("dir") = std::string(),
          "Reads spec text (YAML or JSON); `source` names it in messages; relative paths "
          "(sample.file) are resolved against `dir`.")
      .def_static(
          "from_coinr",
          [](const fs::path& meta) {
            spec_holder h;
            {
              py::gil_scoped_release release;
              h.spec_.fw = io::read_coinr_meta(meta);
            }
            h.spec_.source = meta;
            // COINr's iData layout: uCode, uName, *_group columns (as the CLI reads it).
            h.spec_.data.unit_column = "uCode";
            h.spec_.data.name_column = "uName";
            h.coinr_ = true;
            h.label_ = meta.string();
            return h;
          },
          py::arg("meta"),
          "Reads a COINr iMeta CSV file as a framework (docs/spec.md, 'COINr import').")
      .def_static(
          "preset",
          [](const std::string& name, const std::optional<std::string>& dir) {
            spec_holder h = load_file(io::find_preset(presets_dir(dir), name));
            h.label_ = "preset '" + name + "'";
            return h;
          },
          py::arg("name"), py::arg("presets_dir") = py::none(),
          "Reads the preset `name` (presets/<name>.yaml), found as the CLI finds it.")
      .def_property_readonly("id", [](const spec_holder& h) { return h.spec_.fw.id; })
      .def_property_readonly("name", [](const spec_holder& h) { return h.spec_.fw.name; })
      .def_property_readonly("description",
                             [](const spec_holder& h) { return h.spec_.fw.description; })
      .def_property_readonly("version", [](const spec_holder& h) { return h.spec_.fw.version; })
      .def_property_readonly(
          "root", [](const spec_holder& h) { return h.spec_.fw.root_id(); },
          "The root node's id (named in the spec, or the single node nobody has as a child).")
      .def_property_readonly("display_decimals",
                             [](const spec_holder& h) { return h.spec_.fw.display_decimals; })
      .def_readonly("label", &spec_holder::label_)
      .def_readonly("is_coinr", &spec_holder::coinr_)
      .def_property_readonly("source", [](const spec_holder& h) { return h.spec_.source.string(); })
      .def_property_readonly(
          "sample",
          [](const spec_holder& h) -> py::object {
            if (!h.spec_.sample) return py::none();
            py::dict d;
            d["file"] = h.spec_.sample->file.string();
            d["synthetic"] = h.spec_.sample->synthetic;
            d["note"] = h.spec_.sample->note;
            return d;
          },
          "The spec's sample section {file, synthetic, note}, or None.")
      .def_property_readonly(
          "data_layout",
          [](const spec_holder& h) {
            py::dict d;
            d["unit_column"] = h.spec_.data.unit_column;
            d["name_column"] = h.spec_.data.name_column;
            d["groups"] = h.spec_.data.groups;
            d["group_suffix"] = h.coinr_ ? "_group" : "";
            return d;
          },
          "How the framework's data file is laid out {unit_column, name_column, groups, "
          "group_suffix}.")
      .def_property_readonly(
          "ranking",
          [](const spec_holder& h) {
            const auto& r = h.spec_.fw.ranking;
            py::dict d;
            d["method"] = std::string(to_string(r.options.method));
            d["order"] = std::string(to_string(r.options.order));
            d["group_by"] = r.group_by.empty() ? py::object(py::none()) : py::str(r.group_by);
            d["round_to"] = r.options.round_to;
            return d;
          },
          "How units are ranked {method, order, group_by, round_to}.")
      .def_property_readonly(
          "bands",
          [](const spec_holder& h) {
            py::list out;
            for (const auto& b : h.spec_.fw.bands)
              out.append(py::make_tuple(b.label, b.min));
            return out;
          },
          "Bands as (label, min) by decreasing min (the last min may be -inf).")
      .def_property_readonly(
          "indicators",
          [](const spec_holder& h) {
            py::list out;
            for (const auto& i : h.spec_.fw.indicators)
              out.append(indicator_dict(i));
            return out;
          },
          "One dict per indicator (id, name, unit, direction, method, bounds, target, ...).")
      .def_property_readonly(
          "nodes",
          [](const spec_holder& h) {
            py::list out;
            for (const auto& n : h.spec_.fw.nodes)
              out.append(node_dict(n));
            return out;
          },
          "One dict per aggregate node (id, name, method, min_coverage, cap, children).")
      .def_property_readonly(
          "columns", [](const spec_holder& h) { return data_columns(h.spec_.fw); },
          "The data columns the framework reads (values, denominators), in first-use order.")
      .def(
          "problems", [](const spec_holder& h) { return h.spec_.fw.problems(); },
          "Every rule the framework breaks (empty: valid).")
      .def(
          "to_yaml",
          [](const spec_holder& h) {
            std::ostringstream out;
            io::write_spec(out, h.spec_);
            return out.str();
          },
          "The framework as a spec file (YAML, schema 1) that reads back to an equal framework.")
      .def("with_methods", &with_methods, py::arg("normalise"), py::arg("aggregate"),
           py::arg("indicator_methods"), py::arg("node_methods"),
           "A copy with methods replaced: `normalise` for every indicator, `aggregate` for "
           "every node, then the per-id ones. Raises FrameworkError if the result is invalid.")
      .def("__repr__", [](const spec_holder& h) {
        return "<chiso framework '" + h.spec_.fw.id + "' from " + h.label_ + ": " +
               std::to_string(h.spec_.fw.indicators.size()) + " indicators, " +
               std::to_string(h.spec_.fw.nodes.size()) + " nodes>";
      });

  m.def(
      "_set_near_presets", [](const std::vector<std::string>& dirs) { near_candidates() = dirs; },
      py::arg("dirs"), "Where to look for presets next to the package (set by chiso on import).");
  m.def(
      "presets_dir",
      [](const std::optional<std::string>& dir) { return presets_dir(dir).string(); },
      py::arg("presets_dir") = py::none(),
      "The presets directory: `presets_dir` if given, else $CHISO_PRESETS, else "
      "share/chiso/presets next to the package (build tree, install prefix), else the "
      "configured install location, else the source tree's presets/. Raises InputError if "
      "none exists.");
  m.def(
      "list_presets",
      [](const std::optional<std::string>& dir) {
        const fs::path d = presets_dir(dir);
        std::vector<io::preset_entry> list;
        {
          py::gil_scoped_release release;
          list = io::list_presets(d);
        }
        py::list out;
        for (auto& p : list) {
          py::object spec = py::none();
          if (p.spec) {
            spec_holder h;
            h.spec_ = std::move(*p.spec);
            h.label_ = "preset '" + p.id + "'";
            spec = py::cast(std::move(h));
          }
          out.append(py::make_tuple(p.id, p.file.string(), spec, p.error));
        }
        return out;
      },
      py::arg("presets_dir") = py::none(),
      "Every preset as (id, file, Spec or None, error), sorted by file name.");
}

} // namespace chiso::python
