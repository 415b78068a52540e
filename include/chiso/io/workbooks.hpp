#pragma once
/// \file io/workbooks.hpp
/// Results shaped into Excel workbooks (io/xlsx.hpp), once for the CLI's `--format xlsx` and
/// Python's `to_excel`: the score workbook, the stats workbook, the framework tree as a
/// table, and the helpers that put people's names beside ids (the spec's node names in a
/// second header row, or a names column).

#include "chiso/analysis/stats_report.hpp"
#include "chiso/fwd.hpp"
#include "chiso/io/result_tables.hpp"
#include "chiso/io/table.hpp"
#include "chiso/io/xlsx.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chiso::io {

/// The spec's name of node or indicator `k` of `p` ("" when it has none).
const std::string& node_name(const plan& p, std::size_t k);

/// The second header row of a sheet whose columns are headed by node or indicator ids: for
/// each number or rank column named `<id>` or `rank_<id>` of a node or indicator of `p`, its
/// name; "" for the other columns. Empty when no column gets a name.
std::vector<std::string> node_labels(const plan& p, const table& t);

/// `t` with a text column `name_column` inserted after column `after` (a text column of node
/// or indicator ids of `p`), holding their names (missing for an unknown id or no name).
table with_node_names(const plan& p, const table& t, std::size_t after,
                      const std::string& name_column = "name");

/// The framework tree (the `methods` sheet), depth first from the root, one row per edge:
/// depth (0 at the root), parent, id, name, kind (node or indicator), weight (as declared),
/// share (of the parent's children's weights; empty under data-derived weights), effective
/// weight (of the indicator in the root, `plan::effective_weights`), method (an aggregation or
/// normalisation as a spec writes it), direction and unit (indicators), weights ("declared",
/// or the rule when the node's weights come from the data).
table framework_table(const plan& p);

/// One scored period as the score workbook shows it.
struct scored_view {
  const result* r = nullptr;             ///< evaluated by `p`
  unit_rows units;                       ///< its units
  std::span<const std::uint32_t> groups; ///< ranking group codes (empty: one group)
  std::string period;                    ///< its label ("" for a single period)
};

/// What the score workbook shows.
struct score_workbook_options {
  std::optional<int> digits;            ///< display decimals (else the framework's)
  bool period = false;                  ///< a first `period` column on the per-unit sheets
  std::vector<std::string> band_labels; ///< the framework's bands, best first
  bool indicators = true; ///< an `indicators` sheet (needs results kept with keep::all)
};

/// The score workbook: `scores` (the score table of `chiso score`: unit columns, every
/// aggregate node, rank, band; node names in a second header row), `ranks` (every node's and,
/// when kept, every indicator's rank, ranked as the framework ranks its root), `indicators`
/// (normalised indicator scores, when kept and `o.indicators`), `diagnostics` ([period,] code,
/// node, node_name, unit, message) and `methods` (`framework_table`). Display decimals: `o.digits`,
/// else the framework's `display_decimals`.
workbook score_workbook(const plan& p, std::span<const scored_view> periods,
                        const score_workbook_options& o);

/// The stats workbook: `indicators` (`stats_table` with details, and a name column),
/// `correlation` (ids and names), `nodes`, `children` (`with_parent_table`) and `flags`
/// (with messages), the numbers shown with `digits` decimals (else the framework's), and
/// `methods`.
workbook stats_workbook(const plan& p, const analysis::stats_report& s, std::optional<int> digits);

} // namespace chiso::io
