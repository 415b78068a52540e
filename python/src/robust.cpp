/// \file python/src/robust.cpp
/// Uncertainty and sensitivity analysis for Python (include/chiso/robust,
/// docs/robustness.md): uncertain-choices files read by the library's reader, the robustness
/// model compiled once over a scored framework's data, and its runs. Everything is computed
/// with the GIL released, into C++ values only; Python objects are made once the GIL is back.

#include "bindings.hpp"

#include <chiso/io/robust_spec.hpp>
#include <chiso/robust/model.hpp>
#include <chiso/robust/sensitivity.hpp>
#include <chiso/robust/uncertainty.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chiso::python {

namespace {

/// An uncertain-choices file read against a framework: the inputs and the run settings.
struct choices_holder {
  io::robust_spec spec_{};
  std::string label_{}; ///< the file, or the name given to text
};

/// A robustness model compiled over a scored framework's data, with the framework's spec (for
/// the framework of one replication) and the unit count.
struct model_holder {
  robust::model model_{};
  io::spec spec_{};
  bool coinr_ = false;
};

/// Group codes of labels (one per unit), or empty for one group.
std::vector<std::uint32_t> codes_or_empty(const std::optional<std::vector<std::string>>& labels,
                                          Eigen::Index n) {
  if (!labels) return {};
  if (static_cast<Eigen::Index>(labels->size()) != n)
    throw_usage("robust model: " + std::to_string(labels->size()) + " group labels for " +
                std::to_string(n) + " units");
  return group_codes(*labels);
}

py::dict choice_settings(const io::robust_spec& s) {
  py::dict d;
  d["replications"] = s.uncertainty.replications;
  d["seed"] = s.uncertainty.seed;
  d["track"] = s.uncertainty.track;
  d["interval"] = py::make_tuple(s.uncertainty.lower, s.uncertainty.upper);
  d["n"] = s.sensitivity.n;
  d["bootstrap"] = s.sensitivity.bootstrap;
  d["confidence"] = s.sensitivity.confidence;
  d["units"] = s.sensitivity.units;
  return d;
}

/// What `uncertainty` computes while the GIL is released: the run and the text of every draw.
struct uncertainty_run {
  robust::uncertainty_result r;
  bool gil_released = false;
};

py::dict distribution(robust::tracked_node& t) {
  py::dict d;
  d["id"] = t.id;
  d["node"] = t.node;
  d["nominal_score"] = t.nominal_score;
  d["nominal_rank"] = t.nominal_rank;
  d["rank_mean"] = t.rank.mean;
  d["rank_median"] = t.rank.median;
  d["rank_lower"] = t.rank.lower;
  d["rank_upper"] = t.rank.upper;
  d["score_mean"] = t.score.mean;
  d["score_median"] = t.score.median;
  d["score_lower"] = t.score.lower;
  d["score_upper"] = t.score.upper;
  d["missing"] = t.missing;
  // Moved into numpy: the arrays own the matrices (units × replications, column-major).
  d["ranks"] = py::cast(std::move(t.ranks));
  d["scores"] = py::cast(std::move(t.scores));
  return d;
}

py::dict run_uncertainty(const model_holder& h, std::size_t replications, std::uint64_t seed,
                         const std::vector<std::string>& track, double lower, double upper,
                         unsigned threads, bool keep_samples,
                         const std::optional<unit_rows_arg>& rows) {
  if (rows && rows->rows().size() != h.model_.n_units())
    throw_usage("uncertainty: rows name " + std::to_string(rows->rows().size()) +
                " units, the model has " + std::to_string(h.model_.n_units()));
  robust::uncertainty_options o;
  o.replications = replications;
  o.seed = seed;
  o.track = track;
  o.lower = lower;
  o.upper = upper;
  o.threads = threads;
  o.keep_samples = keep_samples;
  if (replications < 1) throw_usage("uncertainty: replications must be at least 1");
  uncertainty_run run;
  {
    py::gil_scoped_release release;
    run.gil_released = PyGILState_Check() == 0;
    run.r = robust::run_uncertainty(h.model_, o);
  }
  auto& r = run.r;
  py::dict out;
  out["summary"] = rows ? py::object(table_dict(io::uncertainty_table(rows->rows(), r, {})))
                        : py::object(py::none());
  out["seed"] = r.seed;
  out["replications"] = r.replications;
  out["threads"] = r.threads;
  out["seconds"] = r.seconds;
  out["inputs"] = r.inputs;
  out["interval"] = py::make_tuple(lower, upper);
  out["draws"] = table_dict(io::uncertainty_draws_table(h.model_, r, {}));
  out["mean_abs_rank_shift"] = py::cast(std::move(r.mean_abs_rank_shift));
  py::list nodes;
  for (auto& t : r.nodes)
    nodes.append(distribution(t));
  out["nodes"] = nodes;
  out["_gil_released"] = run.gil_released;
  return out;
}

py::dict indices_dict(robust::sensitivity_indices& x) {
  py::dict d;
  d["first"] = py::cast(std::move(x.first));
  d["first_lower"] = py::cast(std::move(x.first_lower));
  d["first_upper"] = py::cast(std::move(x.first_upper));
  d["total"] = py::cast(std::move(x.total));
  d["total_lower"] = py::cast(std::move(x.total_lower));
  d["total_upper"] = py::cast(std::move(x.total_upper));
  d["mean"] = x.mean;
  d["variance"] = x.variance;
  return d;
}

py::dict run_sensitivity(const model_holder& h, std::size_t n, std::uint64_t seed,
                         std::size_t bootstrap, double confidence, bool units, unsigned threads,
                         const std::optional<unit_rows_arg>& rows) {
  if (rows && rows->rows().size() != h.model_.n_units())
    throw_usage("sensitivity: rows name " + std::to_string(rows->rows().size()) +
                " units, the model has " + std::to_string(h.model_.n_units()));
  robust::sensitivity_options o;
  o.n = n;
  o.seed = seed;
  o.bootstrap = bootstrap;
  o.confidence = confidence;
  o.units = units;
  o.threads = threads;
  robust::sensitivity_result r;
  bool released = false;
  {
    py::gil_scoped_release release;
    released = PyGILState_Check() == 0;
    r = robust::run_sensitivity(h.model_, o);
  }
  py::dict out;
  out["table"] = py::none();
  out["unit_table"] = py::none();
  if (rows) {
    out["table"] = table_dict(io::sensitivity_table(rows->rows(), r, {}, false));
    if (units) out["unit_table"] = table_dict(io::sensitivity_table(rows->rows(), r, {}, true));
  }
  out["inputs"] = r.inputs;
  out["n"] = r.n;
  out["runs"] = r.runs;
  out["seed"] = r.seed;
  out["threads"] = r.threads;
  out["seconds"] = r.seconds;
  out["bootstrap"] = bootstrap;
  out["confidence"] = confidence;
  out["indices"] = indices_dict(r.mean_abs_rank_shift);
  out["y_a"] = py::cast(std::move(r.y_a));
  out["y_b"] = py::cast(std::move(r.y_b));
  out["y_ab"] = py::cast(std::move(r.y_ab));
  if (units) {
    auto& u = r.units;
    py::dict d;
    d["first"] = py::cast(std::move(u.first));
    d["first_lower"] = py::cast(std::move(u.first_lower));
    d["first_upper"] = py::cast(std::move(u.first_upper));
    d["total"] = py::cast(std::move(u.total));
    d["total_lower"] = py::cast(std::move(u.total_lower));
    d["total_upper"] = py::cast(std::move(u.total_upper));
    d["variance"] = py::cast(std::move(u.variance));
    out["units"] = d;
  } else {
    out["units"] = py::none();
  }
  out["_gil_released"] = released;
  return out;
}

} // namespace

void bind_robust(py::module_& m) {
  py::class_<choices_holder>(m, "Choices",
                             "An uncertain-choices file (docs/robustness.md) read and checked "
                             "against a framework: the uncertain inputs and the run settings.")
      .def_static(
          "load",
          [](const std::filesystem::path& path, const spec_holder& s) {
            choices_holder h;
            {
              py::gil_scoped_release release;
              h.spec_ = io::load_robust_spec(path, s.spec_.fw);
            }
            h.label_ = path.string();
            return h;
          },
          py::arg("path"), py::arg("spec"),
          "Reads an uncertain-choices file (YAML or JSON) and checks it against the framework. "
          "Raises InputError listing every problem as file:line:column: where: rule.")
      .def_static(
          "parse",
          [](const std::string& text, const std::string& source, const spec_holder& s) {
            choices_holder h;
            {
              py::gil_scoped_release release;
              h.spec_ = io::parse_robust_spec(text, source, s.spec_.fw);
            }
            h.label_ = source;
            return h;
          },
          py::arg("text"), py::arg("source"), py::arg("spec"),
          "Reads uncertain-choices text; `source` names it in messages (source:line:column).")
      .def_readonly("label", &choices_holder::label_)
      .def_property_readonly(
          "settings", [](const choices_holder& h) { return choice_settings(h.spec_); },
          "The run settings of the file (defaults where absent): replications, seed, track, "
          "interval, and the sensitivity section's n, bootstrap, confidence, units.")
      .def_property_readonly(
          "inputs",
          [](const choices_holder& h) {
            py::list out;
            for (const auto& in : h.spec_.choices.inputs)
              out.append(py::make_tuple(in.id, std::string(robust::kind_of(in.choice)), in.origin));
            return out;
          },
          "The uncertain inputs as (id, kind, origin file:line:column).")
      .def("__repr__", [](const choices_holder& h) {
        return "<chiso choices from " + h.label_ + ": " +
               std::to_string(h.spec_.choices.inputs.size()) + " uncertain inputs>";
      });

  py::class_<model_holder>(m, "RobustModel",
                           "A framework, its data and uncertain choices compiled once "
                           "(robust::model): the nominal result and a pool of indicator scores "
                           "for every normalisation and data alternative.")
      .def(
          py::init(
              [](const spec_holder& s, const plan_holder& p, matrix_in values,
                 const std::optional<std::vector<std::string>>& groups,
                 const std::vector<std::pair<std::string, std::vector<std::string>>>& group_columns,
                 const choices_holder& c) {
                std::vector<group_column> cols;
                for (const auto& [name, labels] : group_columns) {
                  if (static_cast<Eigen::Index>(labels.size()) != values.rows())
                    throw_usage("robust model: group column '" + name + "' has " +
                                std::to_string(labels.size()) + " labels for " +
                                std::to_string(values.rows()) + " units");
                  cols.push_back({name, labels});
                }
                const auto codes = codes_or_empty(groups, values.rows());
                model_holder h;
                h.spec_ = s.spec_;
                h.spec_.fw = p.plan_.framework();
                h.coinr_ = s.coinr_;
                {
                  py::gil_scoped_release release;
                  h.model_ = robust::model::compile(p.plan_, values, codes, c.spec_.choices, cols);
                }
                return h;
              }),
          py::arg("spec"), py::arg("plan"), py::arg("values"), py::arg("groups"),
          py::arg("group_columns"), py::arg("choices"),
          "Compiles the model (robust::model::compile) over `values` (units x the columns the "
          "plan was compiled against), the ranking `groups` (one label per unit, or None) and "
          "the data's group columns [(name, labels)] (for imputation by group). Raises "
          "InputError listing every problem of the choices against the framework.")
      .def_property_readonly("inputs", [](const model_holder& h) { return h.model_.input_ids(); })
      .def_property_readonly("n_units", [](const model_holder& h) { return h.model_.n_units(); })
      .def_property_readonly(
          "pool_columns", [](const model_holder& h) { return h.model_.pool_columns(); },
          "Indicator score columns precomputed (one per indicator, normalisation alternative and "
          "distinct data version).")
      .def("uncertainty", &run_uncertainty, py::arg("replications"), py::arg("seed"),
           py::arg("track"), py::arg("lower"), py::arg("upper"), py::arg("threads") = 0u,
           py::arg("keep_samples") = true, py::arg("rows") = py::none(),
           "Runs the uncertainty analysis (robust::run_uncertainty) with the GIL released: "
           "replication k draws input i from mt19937_64 seeded splitmix64(seed, k, i), so any "
           "thread count gives the same numbers. Returns a dict: seed, replications, threads, "
           "seconds, inputs, interval, draws (per input, the text of every replication's draw), "
           "mean_abs_rank_shift (per replication), nodes (the root, then `track`: id, node, "
           "nominal_score, nominal_rank, rank_/score_ mean, median, lower, upper, missing, and "
           "the units x replications ranks and scores, empty unless keep_samples), and with "
           "`rows` (the units' UnitRows) summary: the table of `chiso uncertainty` as {column: "
           "values} (chiso/io/result_tables.hpp), else None.")
      .def("sensitivity", &run_sensitivity, py::arg("n"), py::arg("seed"), py::arg("bootstrap"),
           py::arg("confidence"), py::arg("units"), py::arg("threads") = 0u,
           py::arg("rows") = py::none(),
           "Runs the sensitivity analysis (robust::run_sensitivity) with the GIL released: "
           "Saltelli sample of N (d + 2) runs, Jansen's first-order and total indices of the "
           "root's mean absolute rank shift (and, with `units`, of every unit's rank) with "
           "percentile bootstrap intervals. Returns a dict: inputs, n, runs, seed, threads, "
           "seconds, bootstrap, confidence, indices {first, first_lower, first_upper, total, "
           "total_lower, total_upper, mean, variance}, y_a, y_b, y_ab, units (units x inputs "
           "matrices and the rank variance, or None), and with `rows` (the units' UnitRows) "
           "table and unit_table: the tables of `chiso sensitivity` and its --units as {column: "
           "values} (chiso/io/result_tables.hpp; unit_table None without `units`), else None.")
      .def(
          "replicate",
          [](const model_holder& h, std::uint64_t seed, std::size_t k) {
            robust::replication rep;
            framework f;
            std::vector<std::string> text;
            {
              py::gil_scoped_release release;
              rep = h.model_.replicate(seed, k);
              f = h.model_.framework_of(rep.draws);
              for (std::size_t i = 0; i < rep.draws.size(); ++i)
                text.push_back(h.model_.describe(i, rep.draws[i]));
            }
            io::spec sp = h.spec_;
            sp.fw = std::move(f);
            spec_holder s{std::move(sp), h.coinr_,
                          "replication " + std::to_string(k) + " of the run seeded " +
                              std::to_string(seed)};
            result_holder r;
            r.result_ = std::move(rep.full);
            return py::make_tuple(std::move(text), std::move(r), std::move(s));
          },
          py::arg("seed"), py::arg("k"),
          "Replication k of a run seeded `seed`, re-run alone: (the text of each input's draw, "
          "its full Evaluation, the framework it used as a Spec). Bit-identical to what the run "
          "computed for it.");
}

} // namespace chiso::python
