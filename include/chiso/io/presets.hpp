#pragma once
/// \file io/presets.hpp
/// Presets: official frameworks shipped as spec files in one directory (`presets/`, installed
/// as `share/chiso/presets`), named by file stem (`dti-province-922` is
/// `dti-province-922.yaml`). Finding that directory, listing it, and finding one preset.

#include "chiso/io/spec.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

/// The environment variable that names the presets directory.
inline constexpr const char* presets_env = "CHISO_PRESETS";

/// Where `find_presets_dir` looks.
struct presets_search {
  /// A directory the user named explicitly (an option, an argument): used when set, and it
  /// must exist.
  std::optional<std::filesystem::path> dir{};
  /// How the user names `dir`, for messages, e.g. "--presets-dir" (empty: "presets directory").
  std::string dir_name{};
  /// Searched in order after `$CHISO_PRESETS`: e.g. next to the program, the installed
  /// `share/chiso/presets`, the source tree's `presets/`.
  std::vector<std::filesystem::path> candidates{};
};

/// The presets directory, the first found of:
///   1. `s.dir` when set; `input_error` "<dir_name> 'DIR': no such directory" if it is not one;
///   2. `$CHISO_PRESETS` when set and not empty; `input_error`
///      "CHISO_PRESETS='DIR': no such directory" if it is not one (never a silent fallback);
///   3. the first of `s.candidates` that is a directory (lexically normalised).
/// Throws `input_error` listing every candidate searched when none is.
std::filesystem::path find_presets_dir(const presets_search& s);

/// One preset file, read.
struct preset_entry {
  std::filesystem::path file{};
  std::string id{};               ///< the file stem
  std::optional<io::spec> spec{}; ///< empty when reading failed
  std::string error{};            ///< why reading failed, or ""
};

/// Every `*.yaml`, `*.yml` and `*.json` file of `dir`, sorted by file name, each read with
/// `load_spec` (a file that cannot be read is listed with its error, not thrown). Throws
/// `input_error` when `dir` cannot be listed.
std::vector<preset_entry> list_presets(const std::filesystem::path& dir);

/// The ids of the presets in `dir` (stems of its `*.yaml`, `*.yml`, `*.json` files), sorted;
/// the files are not read.
std::vector<std::string> preset_ids(const std::filesystem::path& dir);

/// The spec file of preset `name` in `dir`: `dir/name.yaml`, else `.yml`, else `.json`. A
/// name is letters, digits, `-`, `_` and `.`, not starting with `.` (so it cannot leave
/// `dir`). Throws `usage_error` "unknown preset 'NAME' in DIR (presets: 'a', 'b', ...)" when
/// there is no such file.
std::filesystem::path find_preset(const std::filesystem::path& dir, std::string_view name);

} // namespace chiso::io
