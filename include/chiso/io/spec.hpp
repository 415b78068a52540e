#pragma once
/// \file io/spec.hpp
/// Framework spec files (schema version 1, docs/spec.md): reading YAML or JSON into a
/// `framework` plus the spec's `sample` and `data` sections, and writing a framework back.
///
/// **Errors.** Every problem with a spec file is a `chiso::input_error` whose message starts
/// with `<file>:<line>:<column>: ` (1-based), then says where in the spec (`indicator
/// 'awareness'`, `node 'dti': children`, `ranking`) and the rule broken, e.g.
/// `dti.yaml:14:5: indicator 'awareness': unknown key 'directon' (allowed: id, name, ...)`.
/// The reader does not stop at the first mistake: it gathers every structural error it can
/// (unknown keys, wrong types, bad enum values... across all indicators and nodes) and then
/// every semantic problem of `framework::problems()` (cycles, unknown children, negative
/// weights...), and throws one exception listing them all, one per line. Indicators and
/// nodes read from a file carry `origin = "<file>:<line>"`, so later messages point there too.

#include "chiso/framework.hpp"
#include "chiso/io/csv.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

/// The spec's `sample` section: a data file shipped with a preset.
struct sample_info {
  /// The data file, resolved against the spec file's directory (as written when the spec was
  /// parsed from text without a directory).
  std::filesystem::path file{};
  /// Whether the values are invented (required in the file, so a reader of a preset always
  /// knows whether its sample is real).
  bool synthetic = false;
  std::string note{}; ///< free text shown with the sample (may be empty)
};

/// The spec's `data` section: how the data file of this framework is laid out.
/// `groups` always includes `ranking.group_by` when the framework ranks within groups.
struct data_layout {
  std::string unit_column = "unit";  ///< column of unit ids
  std::string name_column = "name";  ///< column of unit display names (used if present)
  std::vector<std::string> groups{}; ///< group (label) columns to keep
};

/// The options for `read_wide_csv` that read a data file laid out as `layout` says.
inline wide_options wide_options_of(const data_layout& layout) {
  wide_options o;
  o.unit_column = layout.unit_column;
  o.name_column = layout.name_column;
  o.group_columns = layout.groups;
  return o;
}

/// Everything a spec file says: the framework and the sections about data files.
struct spec {
  chiso::framework fw{};               ///< the framework (valid: `fw.problems()` is empty)
  std::optional<sample_info> sample{}; ///< the `sample` section, if any
  data_layout data{};                  ///< the `data` section (defaults when absent)
  std::filesystem::path source{};      ///< the spec file read (empty when parsed from text)
  std::filesystem::path dir{};         ///< directory relative paths were resolved against
  /// What reading found worth a warning but not an error (`<file>:<line>: ...`), e.g. an AHP
  /// matrix whose consistency ratio exceeds its threshold under `consistency: warn`.
  std::vector<std::string> warnings{};
};

/// Reads a spec file (YAML; a `.json` file is read by the same parser, JSON being YAML).
/// Relative paths in it (`sample.file`) are resolved against the file's directory.
/// Throws input_error naming the path for an unreadable, empty or non-UTF-8 file, and
/// `<file>:<line>:<col>: ...` messages for everything else (see the file comment); the
/// framework returned is valid.
spec load_spec(const std::filesystem::path& path);

/// Same as `load_spec` on text in memory; `source_name` names it in messages and in the
/// origins of indicators and nodes; relative paths are resolved against `dir` (kept as
/// written when `dir` is empty).
spec parse_spec_text(std::string_view text, const std::string& source_name,
                     const std::filesystem::path& dir = {});

/// The framework of a spec file (`load_spec(path).fw`).
framework read_spec(const std::filesystem::path& path);

/// The framework of a spec held in memory (`parse_spec_text(text, source_name).fw`).
framework parse_spec(std::string_view text, const std::string& source_name);

/// Writes `f` as a native spec file (YAML, schema version 1) such that reading it back gives
/// an equal framework: every field and method parameter, children in order, weights and
/// other numbers as the shortest text that reads back to the same double (`std::to_chars`),
/// UTF-8 text unchanged. Fields equal to their C++ defaults are left out.
/// Throws usage_error when `f` holds a custom method or aggregation (not expressible in a
/// file), or a non-finite number where the schema needs a finite one.
void write_spec(std::ostream& out, const framework& f);

/// Same, with the `sample` and `data` sections of `s` (a sample file is written relative to
/// `s.dir` when it lies under it).
void write_spec(std::ostream& out, const spec& s);

// ---- fragments -------------------------------------------------------------------------------
// One part of a spec read on its own, from YAML or JSON text, by the reader that reads spec
// files: the same names, parameters, checks and messages, with positions in `text`
// (`<source_name>:<line>:<column>: ...`). The uncertain-choices reader and Python use these.

/// A method as a spec's `method:` writes it: `min_max` or `{type: min_max, hi: 100}`.
chiso::method parse_method(std::string_view text, const std::string& source_name);

/// An aggregation as a node's `method:` writes it: `geometric_mean`, `{type: generalised_mean,
/// p: 0.5}`.
chiso::aggregation parse_aggregation(std::string_view text, const std::string& source_name);

/// A method or aggregation as one line of a spec (`min_max`, `{type: min_max, hi: 100}`;
/// parameters equal to their defaults left out): `parse_method(method_text(m))` gives back m.
/// Throws usage_error for a custom method or aggregation.
std::string method_text(const chiso::method& m);
std::string aggregation_text(const chiso::aggregation& a);

/// A data preparation: imputation and outlier treatment, either absent.
struct preparation {
  std::optional<imputation> impute;
  std::optional<treatment> treat;
};

/// A preparation written as `{impute: ..., treat: ...}` (the spec's `impute:` and `treat:`
/// forms; either may be left out or `none`).
preparation parse_preparation(std::string_view text, const std::string& source_name);

/// The parameter reference of every built-in method, aggregation and weights rule (Markdown
/// tables: name, parameter, type, default, allowed values, meaning), generated from their
/// declarations (chiso/param.hpp); docs/spec.md holds it between marker comments.
std::string parameter_reference();

} // namespace chiso::io
