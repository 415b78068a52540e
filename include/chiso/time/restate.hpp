#pragma once
/// \file time/restate.hpp
/// Restating a framework's data on new units (merged provinces): each data column gets the
/// merge rule of the indicators that read it (spec key `merge`, time/remap.hpp `merge_rule`),
/// then `remap_units` combines the old units into the new ones. docs/time.md §3.

#include "chiso/error.hpp"
#include "chiso/fwd.hpp"
#include "chiso/time/remap.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace chiso::time {

/// The `column_rule` of every column of `columns` under framework `f`: a column read by an
/// indicator (as its value or denominator) takes that indicator's `merge` rule, with the weight
/// column resolved to its index in `columns`; a column no indicator reads (a weight column, say)
/// is summed (populations and counts add up). Throws `framework_error` when two indicators
/// reading one column declare different rules, and `input_error` when a weight column is not
/// among `columns` (the data lacks it).
std::vector<column_rule> column_rules(const framework& f, std::span<const std::string> columns);

/// The weight columns the merge rules of `f` name (each once, in indicator order): the extra
/// columns a data reader must keep for `restate`.
std::vector<std::string> merge_weight_columns(const framework& f);

/// `d` restated on the new units of `mapping`, each column combined by `column_rules(f, ...)`
/// (`remap_units` on the dataset: same errors, naming the data file and lines and the mapping
/// file and lines when they are known).
remapped_dataset restate(const framework& f, const dataset& d, const unit_mapping& mapping,
                         const remap_options& opt = {});

} // namespace chiso::time
