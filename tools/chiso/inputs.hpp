#pragma once
/// \file tools/chiso/inputs.hpp
/// Finding and reading what a command works on: the presets directory, the framework (spec
/// file, preset or COINr metadata), and the data file, checked cell by cell.

#include "args.hpp"

#include <chiso/dataset.hpp>
#include <chiso/framework.hpp>
#include <chiso/io/spec.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace chiso::cli {

/// Remembers where the program lives (from /proc/self/exe, else argv[0]).
void set_program_path(const char* argv0);

/// The presets directory, first found of: `--presets-dir`, `$CHISO_PRESETS`,
/// `<program dir>/../../presets` (build tree), `<program dir>/../share/chiso/presets`
/// (installed or build tree), the compile-time install and source locations. An explicitly
/// given directory (option or environment) must exist; otherwise `input_error` lists every
/// place searched.
std::filesystem::path presets_dir(const parsed_args& a);

/// One `presets/*.yaml` file, read.
struct preset_entry {
  std::filesystem::path file;
  std::string id;               ///< file stem
  std::optional<io::spec> spec; ///< empty when reading failed
  std::string error;            ///< the reading error, if any
};

/// Every `*.yaml` / `*.yml` / `*.json` file of `dir`, sorted by name, each read.
std::vector<preset_entry> list_presets(const std::filesystem::path& dir);

/// Where the framework came from.
enum class framework_source { spec_file, preset, coinr_meta };

/// A framework to score and how its data is laid out.
struct loaded_framework {
  io::spec spec;
  framework_source source = framework_source::spec_file;
  std::string label; ///< e.g. "preset 'dti-province-922'", or the spec path
};

/// Reads the framework named by exactly one of `--framework`, `--preset` (if the command
/// accepts it) or `--coinr-meta` (if accepted); `usage` when none or several are given or the
/// preset is unknown (the message lists the presets).
loaded_framework load_framework(const parsed_args& a, const command_spec& cmd);

/// The data file: `--data`, else the spec's sample file (with a note on stderr when the
/// sample is synthetic), else `usage`.
std::filesystem::path data_path(const parsed_args& a, const loaded_framework& f,
                                const command_spec& cmd);

/// A data file read for a framework, with every problem found (empty when clean).
struct loaded_data {
  dataset data;                      ///< the columns the framework uses, in first-use order
  std::vector<std::string> problems; ///< one message per problem, `file:line:col: ...`
};

/// Reads a wide CSV data file for `f` laid out as `layout` says, checking every cell instead
/// of stopping at the first problem: unit column present, unit ids non-empty and distinct,
/// group columns present, every column the indicators use (values and denominators) present,
/// every such cell a number (or empty / NA), every value inside its indicator's `valid`
/// range. Columns the framework does not use are ignored. A file that cannot be read as CSV
/// at all (unreadable, empty, ragged rows, bad UTF-8...) throws `input_error`.
/// When `group_suffix` is not empty, every column whose name ends with it is a group column
/// too (COINr's `*_group` columns).
loaded_data read_data(const std::filesystem::path& path, const io::data_layout& layout,
                      const framework& f, const std::string& group_suffix = "");

/// `read_data` with the framework's layout (COINr iData: uCode, uName, `*_group` columns).
loaded_data read_data_for(const std::filesystem::path& path, const loaded_framework& f);

/// Throws `input_error` listing `problems` (at most 20, then how many more) when not empty.
void throw_if_problems(const std::vector<std::string>& problems);

} // namespace chiso::cli
