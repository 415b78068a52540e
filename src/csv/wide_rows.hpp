#pragma once
// The bulk path of the wide readers (read_wide_csv, read_framework_data): data rows parsed
// in blocks on several threads, each cell written straight where it belongs (numbers into the
// column-major matrix, ids, names and labels into their vectors), no table of strings between.
// Results do not depend on the thread count: every block writes its own rows, and problems
// are ordered by their position in the file.

#include "reader.hpp"
#include "source.hpp"

#include "chiso/dataset.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io::detail {

/// What a reader does with one column of the file.
struct column_role {
  enum kind : unsigned char { skip, unit, name, group, number };
  kind k = skip;
  std::size_t slot = 0; ///< group: index into `dataset::groups`; number: matrix column
};

/// A valid range of a number column: a value outside [lo, hi] is a problem naming `who`.
struct range_rule {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  std::size_t who = 0;
};

/// How to read the rows.
struct wide_plan {
  std::vector<column_role> roles; ///< one per header column
  std::size_t n_numbers = 0;      ///< matrix columns (a slot without a file column is all NaN)
  std::size_t n_groups = 0;
  bool names = false;
  /// Stop at the first bad cell (it is an error); else collect every bad cell (problems).
  bool stop_at_bad_cell = true;
  /// Instead of stopping or collecting, note each number column's first bad cell and whether
  /// any of its cells is a number, empty or NA (automatic group columns).
  bool note_text_columns = false;
  std::vector<std::vector<range_rule>> ranges; ///< per number slot, may be empty
  unsigned threads = 0;                        ///< 0 = every core
};

/// Position of a problem in reading order: row, field, and 0 for a break found inside the
/// field before its end, 1 for one found at its end.
struct read_key {
  std::size_t row = 0, field = 0, at_end = 0;
  auto operator<=>(const read_key&) const = default;
};

/// A cell that is not a number (`rule` set) or outside a range (`range` set).
struct bad_cell {
  read_key key;
  std::size_t line = 0;
  std::string text;
  std::string_view rule;
  const range_rule* range = nullptr;
};

/// An empty or repeated unit id (`first_line` set for a repeat).
struct unit_issue {
  read_key key;
  std::size_t line = 0;
  std::size_t first_line = 0;
};

struct wide_rows {
  dataset data;                        ///< unit_ids, unit_names, groups, values, unit_lines
  std::optional<read_key> fatal_key;   ///< the first break of the dialect or of the row shape
  std::string fatal;                   ///< its message
  std::vector<bad_cell> bad;           ///< in reading order
  std::vector<unit_issue> unit_issues; ///< in reading order (before the first stop)
  std::vector<std::optional<bad_cell>> first_bad; ///< note_text_columns: per number slot
  std::vector<char> any_number;                   ///< note_text_columns: per number slot
};

/// Reads the data rows of `text` (after `strip_bom`, header `h`) as `p` says. Never throws for
/// bad input: the caller decides what is an error. `bytes`, when given, is the file `text`
/// views, whose pages are released as they are parsed.
wide_rows read_wide_rows(std::string_view text, const csv_head& h, const wide_plan& p,
                         const file_bytes* bytes);

/// The first of `r.fatal_key`, the first bad cell and the first unit issue, as a reading-order
/// key; nullopt when there is none.
std::optional<read_key> first_stop(const wide_rows& r);

} // namespace chiso::io::detail
