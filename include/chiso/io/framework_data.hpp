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
/// `extra_columns` are read as numbers too (after the framework's own columns), e.g. the weight
/// columns of merge rules (`time::merge_weight_columns`); each must be present.
/// Large files are parsed on `threads` threads (0: every core); the result and the problems
/// do not depend on it.
framework_data read_framework_data(const std::filesystem::path& path, const data_layout& layout,
                                   const framework& f, const std::string& group_suffix = "",
                                   const std::vector<std::string>& extra_columns = {},
                                   unsigned threads = 0);

/// A framework's data over one or more periods: `data[k]` holds period `periods[k]` (labels as
/// written in the file, in order of first appearance), with the framework's columns (then the
/// extra ones) in the same order in every period.
struct framework_panel {
  std::vector<std::string> periods{}; ///< {""} for a file without periods
  std::vector<dataset> data{};
  bool has_periods = false;            ///< the file has a period column
  std::vector<std::string> problems{}; ///< as `framework_data::problems`
};

/// Whether a CSV header is that of a long file: it has both an `indicator` and a `value` column.
bool is_long_header(const std::vector<std::string>& header);

/// Reads a data file for `f` in either layout (docs/data-files.md), told apart by the header
/// (`is_long_header`):
///   - wide: as `read_framework_data`, one period labelled "";
///   - long: one row per unit × indicator [× period], columns `unit` (the layout's unit column),
///     `indicator`, `value`, optionally `period`, the name and group columns. Rows of indicators
///     the framework does not read are ignored. A period holds the units having at least one row
///     in it, in order of first appearance in the file; a combination without a row is missing.
///     Problems (each `file:line:column`): a required column absent, an empty unit id, indicator
///     or period, a value that is not a number or is outside its indicator's `valid` range, a
///     repeated (unit, indicator, period) naming the first line, a unit whose name or group label
///     differs between rows naming the first line, a column the framework reads with no row at
///     all.
/// A file that cannot be read as CSV throws `input_error`. `threads` as for
/// `read_framework_data` (wide files).
framework_panel read_framework_panel(const std::filesystem::path& path, const data_layout& layout,
                                     const framework& f, const std::string& group_suffix = "",
                                     const std::vector<std::string>& extra_columns = {},
                                     unsigned threads = 0);

/// The order of a panel's periods: positions into `labels` sorted by value when every label is
/// a number (`parse_number`: 2023, 2023.5, 1e3; "2024" comes after "2023" and "9" before
/// "10"), else as given (first appearance). Throws `input_error` when two labels are the same
/// number ('2024' and '2024.0').
std::vector<std::size_t> period_order(const std::vector<std::string>& labels);

/// The periods as numbers on the scale of targets' deadlines (a year such as 2024, or a period
/// index): throws `input_error` naming the first label that is not a number (the label "" of
/// data without periods included).
std::vector<double> period_times(const std::vector<std::string>& labels);

/// Where `evaluate_periods` places the periods for imputation along them: their numbers when
/// every label is one (years: gaps and interpolation weights in years), else empty (0, 1, …).
std::vector<double> period_positions(const std::vector<std::string>& labels);

/// Throws `input_error` listing `problems`, one per line, when there are any: at most
/// `max`, then "... and N more problems" followed by `hint` (e.g. where to see them all).
void throw_if_problems(const std::vector<std::string>& problems, std::string_view hint = "",
                       std::size_t max = 20);

} // namespace chiso::io
