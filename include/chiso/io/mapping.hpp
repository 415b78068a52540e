#pragma once
/// \file io/mapping.hpp
/// Reading a unit mapping file (old unit → new unit, for merged units: docs/time.md §3,
/// docs/data-files.md) into a `time::unit_mapping` that remembers the file and the line of every
/// entry, so that `time::remap_units` can name them.

#include "chiso/io/csv.hpp"
#include "chiso/time/remap.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace chiso::io {

/// Column names of a mapping file.
struct mapping_options {
  std::string old_column = "old"; ///< required: the old unit's id
  std::string new_column = "new"; ///< required: its successor's id
};

/// Reads a mapping CSV file (dialect of `read_csv_table`): one row per old unit, columns `old`
/// and `new` (other columns are ignored); an unchanged unit maps to itself. New units keep the
/// order of their first appearance. Throws `input_error` with `file:line:column` for: a missing
/// `old` or `new` column (listing the columns seen), an empty id, an old unit listed twice
/// (naming the first line) or mapped to two new units (naming both), plus every error of
/// `read_csv_table`.
time::unit_mapping read_unit_mapping(const std::filesystem::path& path,
                                     const mapping_options& options = {});

/// Same as `read_unit_mapping` on text in memory; `source` names it in messages.
time::unit_mapping parse_unit_mapping(std::string_view text, std::string_view source,
                                      const mapping_options& options = {});

} // namespace chiso::io
