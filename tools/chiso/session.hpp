#pragma once
/// \file tools/chiso/session.hpp
/// What `score` and `explain` share: read the framework and the data, apply the overrides,
/// compile and evaluate, and present the diagnostics.

#include "args.hpp"
#include "inputs.hpp"

#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chiso::cli {

/// `--normalise` / `--aggregate` parsed (before any file is read, so usage errors come first).
struct overrides {
  std::optional<chiso::method> normalise;
  std::optional<chiso::aggregation> aggregate;
};

/// Parses the override options `cmd` accepts.
overrides parse_overrides(const parsed_args& a, const command_spec& cmd);

/// Applies the overrides to `f`; `framework_error` when that makes it invalid.
void apply_overrides(framework& f, const overrides& o);

/// A framework evaluated on a data file.
struct session {
  loaded_framework fw;
  io::framework_data data;
  chiso::plan plan;
  chiso::result result;
  std::vector<std::uint32_t> groups; ///< ranking group code per unit (empty: one group)
  std::string group_by;              ///< ranking group column, or ""

  const framework& f() const { return plan.framework(); }
  /// Aggregate node indices of the plan: root first, then the others in spec order. For a
  /// framework without nodes, every indicator.
  std::vector<std::size_t> node_columns() const;
  /// The unit's group label ("" when not grouped).
  const std::string& group_label(std::size_t unit) const;
};

/// Loads, overrides, checks the data (every problem → one input_error), compiles, evaluates.
session run_session(const parsed_args& a, const command_spec& cmd, const overrides& o);

/// Diagnostic text naming the unit (id and data line) instead of its row index.
std::string describe(const session& s, const diagnostic& d);

/// Prints the result's diagnostics on stderr as warnings (at most 50).
void report_diagnostics(const session& s);

} // namespace chiso::cli
