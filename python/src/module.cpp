/// \file python/src/module.cpp
/// The `chiso._chiso` extension module and its exception classes.

#include "bindings.hpp"

#include <chiso/error.hpp>

#ifndef CHISO_VERSION
#define CHISO_VERSION "unknown"
#endif

namespace chiso::python {

void throw_usage(const std::string& message) {
  throw chiso::usage_error(message);
}

void bind_errors(py::module_& m) {
  // Registered base first: pybind11 tries translators in reverse order of registration, so
  // the most derived C++ class is matched first.
  static py::exception<chiso::error> error(m, "Error", PyExc_ValueError);
  static py::exception<chiso::input_error> input(m, "InputError", error.ptr());
  static py::exception<chiso::framework_error> framework(m, "FrameworkError", error.ptr());
  static py::exception<chiso::usage_error> usage(m, "UsageError", error.ptr());
  error.doc() = "Base of every error chiso raises (a ValueError): bad input or misuse, with a "
                "message naming the thing and the rule broken.";
  input.doc() = "A spec or data file (or a DataFrame) cannot be read or breaks a rule; the message "
                "names file, line, column and field where there is one.";
  framework.doc() = "A framework breaks a rule: cycle, unknown child, negative weight, a method "
                    "missing what it needs...";
  usage.doc() = "Misuse of the API: an unknown method shorthand, preset, node or option.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const chiso::usage_error& e) {
      usage(e.what());
    } catch (const chiso::input_error& e) {
      input(e.what());
    } catch (const chiso::framework_error& e) {
      framework(e.what());
    } catch (const chiso::error& e) {
      error(e.what());
    }
  });
}

} // namespace chiso::python

PYBIND11_MODULE(_chiso, m) {
  m.doc() = "chiso's compiled core (pybind11). Use the `chiso` package, which wraps this module "
            "and returns pandas DataFrames.";
  m.attr("__version__") = CHISO_VERSION;
  chiso::python::bind_errors(m);
  chiso::python::bind_framework(m);
  chiso::python::bind_evaluate(m);
  chiso::python::bind_data(m);
  chiso::python::bind_analysis(m);
  chiso::python::bind_tables(m); // UnitRows, before the bindings that take it
  chiso::python::bind_robust(m);
  chiso::python::bind_periods(m);
  chiso::python::bind_whatif(m);
}
