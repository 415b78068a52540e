#pragma once
/// \file tools/chiso/options.hpp
/// The option groups the commands share, declared once: what to read (framework, data,
/// mapping, presets directory), the method overrides, and where and how to write (out,
/// format, digits). A command's spec composes them with its own options (`options`).

#include "args.hpp"

#include <initializer_list>
#include <string>
#include <vector>

namespace chiso::cli {

/// --framework, --preset, --coinr-meta (exactly one: `load_framework`), then --data with the
/// command's own help line (the layouts it reads).
std::vector<option_spec> input_options(const std::string& data_help);

/// --mapping FILE: restate the data on new units first (`run_periods`).
option_spec mapping_option();

/// --presets-dir DIR: where presets live (`presets_dir`).
option_spec presets_dir_option();

/// --normalise METHOD, --aggregate METHOD: one method for every indicator / aggregate node
/// (`parse_overrides`).
std::vector<option_spec> override_options();

/// --format FMT with the command's formats (the first is the default) and help line.
option_spec format_option(std::vector<std::string> formats, const std::string& help);

/// --out FILE: the result written atomically instead of stdout (`output`).
option_spec out_option();

/// --digits N: numbers rounded for display only (`parse_digits`).
option_spec digits_option();

/// --format (as `format_option`), --out, --digits.
std::vector<option_spec> output_options(std::vector<std::string> formats,
                                        const std::string& format_help);

/// The groups and single options in order, as one list.
std::vector<option_spec> options(std::initializer_list<std::vector<option_spec>> parts);

} // namespace chiso::cli
