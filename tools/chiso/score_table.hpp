#pragma once
/// \file tools/chiso/score_table.hpp
/// The table of scores `chiso score` writes (and `chiso uncertainty --replicate`): one row per
/// unit with its id, name and ranking group, its score at every chosen node, its rank (and the
/// other nodes' ranks) and band, shaped once for CSV, JSON and aligned text.

#include "session.hpp"

#include <chiso/io/table.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chiso::cli {

/// Ranks of columns other than the root, for --ranks: (plan index, rank per unit).
using ranked_columns = std::vector<std::pair<std::size_t, Eigen::VectorXd>>;

/// Which columns the table has.
struct score_layout {
  std::vector<std::size_t> nodes;      ///< plan indices of the aggregate nodes (root first)
  std::vector<std::size_t> indicators; ///< plan indices of the indicators shown (--all)
  std::vector<std::size_t> ranked;     ///< plan indices with a rank_<id> column (--ranks)
  bool period = false;                 ///< a first `period` column
  bool names = false;                  ///< a `name` column
  bool rank_first = false;             ///< aligned text: rank, unit, ... and no rank_<id>
  std::optional<int> digits;           ///< display rounding of the scores
};

/// "unit[, name][, <group column>]" (JSON keys unit, name, group) for session `s`.
void add_unit_columns(io::table& t, const session& s, bool names);
/// Unit `u`'s cells of those columns.
void add_unit_cells(io::table& t, const session& s, std::size_t u, bool names);

/// The empty table: [period,] unit[, name][, group], a column per node (JSON: "scores"), per
/// indicator ("indicators"), rank, rank_<id> per ranked column ("ranks"), band (when the
/// framework has bands).
io::table score_table(const session& s, const score_layout& l);

/// Appends one row per unit of `s` with the scores, ranks and bands of `r` (`ranks`: the
/// ranked columns of `l.ranked`, in order).
void add_score_rows(io::table& t, const session& s, const result& r, const score_layout& l,
                    const ranked_columns& ranks, const std::string& period = "");

} // namespace chiso::cli
