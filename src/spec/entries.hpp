#pragma once
// src/spec/entries.hpp — private to the spec reader: the keys of each section, and the readers
// of one indicator or node (src/spec/entries.cpp) that the whole-file reader (read.cpp) calls.

#include "fragments.hpp"

#include "chiso/time/targets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace chiso::io::fragment {

// Allowed keys of each section (in the order the schema lists them).
// clang-format off
inline const std::vector<std::string_view> top_keys = {
    "chiso", "id", "name", "description", "version", "root", "display_decimals", "periods", "ranking",
    "bands", "sample", "data", "impute", "treat", "defaults", "indicators", "nodes"};
inline const std::vector<std::string_view> indicator_keys = {
    "id", "name", "unit", "direction", "method", "bounds", "target", "points", "column",
    "denominator", "scale", "transform", "valid", "if_zero_denominator", "if_missing_denominator",
    "impute", "treat", "targets", "merge"};
inline const std::vector<std::string_view> indicator_default_keys = {
    "unit", "direction", "method", "bounds", "target", "points", "denominator", "scale",
    "transform", "valid", "if_zero_denominator", "if_missing_denominator", "impute", "treat",
    "merge"};
inline const std::vector<std::string_view> node_keys = {
    "id", "name", "method", "weights", "min_coverage", "cap", "children", "targets"};
inline const std::vector<std::string_view> indicator_target_keys = {
    "value", "deadline", "baseline", "of", "direction", "cap", "projection", "min_observations"};
inline const std::vector<std::string_view> node_target_keys = {
    "value", "deadline", "baseline", "direction", "cap", "projection", "min_observations"};
inline const std::vector<std::string_view> merge_keys = {"rule", "weight", "missing", "weighted_mean"};
inline const std::vector<std::string_view> node_default_keys = {"method", "weights", "min_coverage",
                                                         "cap"};
// clang-format on

std::optional<empty_policy> read_policy(reader& r, const field& f, std::string_view where);

/// Applies the keys present in `f` to `ind` (every key but `id`, read by the caller).
void apply_indicator(reader& r, const fields& f, indicator& ind, const std::string& where);

/// A child reference with its position (checked against the ids after everything is read).
struct child_ref {
  std::string id;
  YAML::Mark mark;
  std::string where;
};

/// Applies the keys present in `f` to `n` (every key but `id`); children go to `refs`, AHP
/// consistency warnings to `warnings`.
void apply_node(reader& r, const fields& f, node& n, const std::string& where,
                std::vector<child_ref>& refs, std::vector<std::string>& warnings);

} // namespace chiso::io::fragment
