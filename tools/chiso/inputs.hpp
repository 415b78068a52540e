#pragma once
/// \file tools/chiso/inputs.hpp
/// Finding and reading what a command works on: the presets directory, the framework (spec
/// file, preset or COINr metadata) and the data file, from the command line (the reading itself
/// is the library's: chiso/io/presets.hpp, chiso/io/framework_data.hpp).

#include "args.hpp"

#include <chiso/framework.hpp>
#include <chiso/io/framework_data.hpp>
#include <chiso/io/spec.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace chiso::cli {

/// Remembers where the program lives (from /proc/self/exe, else argv[0]).
void set_program_path(const char* argv0);

/// The presets directory (`io::find_presets_dir`), first found of: `--presets-dir`,
/// `$CHISO_PRESETS`, `<program dir>/../../presets` (build tree),
/// `<program dir>/../share/chiso/presets` (installed or build tree), the compile-time install
/// and source locations. An explicitly given directory (option or environment) must exist;
/// otherwise `input_error` lists every place searched.
std::filesystem::path presets_dir(const parsed_args& a);

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

/// The data file read for the framework's layout (`io::read_framework_data`; COINr iData:
/// uCode, uName, `*_group` columns), with every problem found.
io::framework_data read_data_for(const std::filesystem::path& path, const loaded_framework& f);

/// Throws `input_error` listing `problems` (at most 20, then how many more and that
/// 'chiso validate' lists them all) when not empty.
void throw_if_problems(const std::vector<std::string>& problems);

} // namespace chiso::cli
