#pragma once
/// \file tools/chiso/commands.hpp
/// The subcommands of the `chiso` program. Each has a spec (options, help text) and a run
/// function returning the exit code; errors are thrown (`usage` → 1, anything else → 2) and
/// reported by main.

#include "args.hpp"

namespace chiso::cli {

/// A subcommand.
struct command {
  const command_spec& (*spec)();
  int (*run)(const parsed_args&);
};

const command_spec& validate_spec();
int run_validate(const parsed_args& a);

const command_spec& score_spec();
int run_score(const parsed_args& a);

const command_spec& explain_spec();
int run_explain(const parsed_args& a);

const command_spec& compare_spec();
int run_compare(const parsed_args& a);

const command_spec& methods_spec(); // tools/chiso/methods.cpp
int run_methods(const parsed_args& a);

const command_spec& presets_spec();
int run_presets(const parsed_args& a);

const command_spec& convert_coinr_spec();
int run_convert_coinr(const parsed_args& a);

const command_spec& stats_spec(); // tools/chiso/stats.cpp
int run_stats(const parsed_args& a);

const command_spec& uncertainty_spec(); // tools/chiso/uncertainty.cpp
int run_uncertainty(const parsed_args& a);

const command_spec& sensitivity_spec(); // tools/chiso/sensitivity.cpp
int run_sensitivity(const parsed_args& a);
const command_spec& trend_spec(); // tools/chiso/trend.cpp
int run_trend(const parsed_args& a);

const command_spec& whatif_spec(); // tools/chiso/whatif.cpp
int run_whatif(const parsed_args& a);

const command_spec& targets_spec(); // tools/chiso/targets.cpp
int run_targets(const parsed_args& a);

} // namespace chiso::cli
