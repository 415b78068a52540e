#pragma once
/// \file io/framework_data.hpp
/// Reading the data file of a framework: a wide CSV file (one row per unit) of which only the
/// columns the framework uses are read, every cell checked, and every problem reported at
/// once with `file:line:column` instead of stopping at the first (docs/data-files.md).

#include "chiso/dataset.hpp"
#include "chiso/framework.hpp"
#include "chiso/io/spec.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

/// A data file read for a framework, and every problem found in it (empty when clean).
struct framework_data {
  dataset data{};                      ///< the columns the framework uses, in first-use order
  std::vector<std::string> problems{}; ///< one message per problem, `file:line:col: ...`
};

/// Reads a wide CSV data file for `f`, laid out as `layout` says, checking every cell:
///   - the unit column is present, unit ids are non-empty and distinct;
///   - every group column of `layout` is present;
///   - every column the indicators read (values, then denominators: `dataset::columns` in
///     first-use order) is present, and is not the unit, name or a group column;
///   - every such cell is a number (`parse_number`: empty or `NA` = missing = NaN);
///   - every value lies inside its indicator's `valid` range.
/// Each broken rule is one message in `problems`, sorted by position in the file, naming the
/// file, line, column, field and rule (`d.csv:3:2: column 'a': 'abc' is not a number ...`);
/// the data is filled as far as it can be (a missing column is all NaN). Columns the
/// framework does not use are ignored. When `group_suffix` is not empty, every column whose
/// name ends with it is a group column too (COINr's `*_group` columns).
/// A file that cannot be read as CSV at all (unreadable, empty, ragged rows, invalid UTF-8...)
/// throws `input_error` (see `read_csv_table`).
framework_data read_framework_data(const std::filesystem::path& path, const data_layout& layout,
                                   const framework& f, const std::string& group_suffix = "");

/// Throws `input_error` listing `problems`, one per line, when there are any: at most
/// `max`, then "... and N more problems" followed by `hint` (e.g. where to see them all).
void throw_if_problems(const std::vector<std::string>& problems, std::string_view hint = "",
                       std::size_t max = 20);

} // namespace chiso::io
