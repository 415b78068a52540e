/// \file python/src/data.cpp
/// Reading a framework's data file exactly as the CLI reads it (chiso/io/framework_data.hpp):
/// only the columns the framework uses, every cell and valid range checked, every problem
/// reported at once with file:line:column.

#include "bindings.hpp"

#include <chiso/io/framework_data.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <filesystem>

namespace chiso::python {

py::dict dataset_dict(dataset&& ds) {
  py::list groups;
  for (auto& g : ds.groups)
    groups.append(py::make_tuple(g.name, std::move(g.labels)));
  py::dict out;
  out["units"] = std::move(ds.unit_ids);
  out["names"] = std::move(ds.unit_names);
  out["columns"] = std::move(ds.columns);
  // Moved into numpy: the array owns the matrix (column-major), no copy.
  out["values"] = py::cast(std::move(ds.values));
  out["groups"] = groups;
  out["source"] = ds.source;
  out["lines"] = std::move(ds.unit_lines);
  return out;
}

void bind_data(py::module_& m) {
  m.def(
      "read_data",
      [](const std::filesystem::path& path, const spec_holder& s) {
        io::framework_data d;
        {
          py::gil_scoped_release release;
          d = io::read_framework_data(path, s.spec_.data, s.spec_.fw, s.coinr_ ? "_group" : "");
          io::throw_if_problems(d.problems);
          d.data.check();
        }
        return dataset_dict(std::move(d.data));
      },
      py::arg("path"), py::arg("spec"),
      "Reads a wide CSV data file for a framework as the CLI does: the unit column, names, "
      "group columns and the columns the framework uses; every cell must be a number (empty "
      "or NA = missing) inside its indicator's valid range. Raises InputError listing every "
      "problem (at most 20) as file:line:column: column 'x': rule. Returns a dict of units, "
      "names, columns, values (units x columns, Fortran order), groups [(name, labels)], "
      "source and each unit's line.");
}

} // namespace chiso::python
