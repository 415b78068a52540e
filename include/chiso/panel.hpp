#pragma once
/// \file panel.hpp
/// Scoring several periods at once (a panel: the same columns observed each period), with
/// normalisation statistics taken per period or from the whole panel.

#include "chiso/impute/panel.hpp"
#include "chiso/score.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chiso {

namespace detail {

/// The cells the framework's `impute_periods` fills (or leaves missing) in each period of a
/// panel: along every imputed indicator's prepared values, units matched across periods by id.
/// Cells left to an empty-denominator policy are neither filled nor used. One list per period,
/// `unit` the row in that period's data, `column` the indicator's plan index, `period` the index.
std::vector<std::vector<impute::changed_cell>>
impute_along_periods(const plan& p, std::span<const dataset> data,
                     std::span<const double> positions);

} // namespace detail

/// Evaluates `p` on every period of a panel (`data[t]`: period t, columns as compiled). Ranks
/// and bands are always within a period (and within the framework's ranking groups, whose
/// codes come from each period's data). Fixed bounds, targets and point rules do not depend
/// on the data, so the two scalings differ only for data-driven normalisations.
///
/// `pooled`: the periods' rows are stacked into one matrix (Σ units rows), evaluated once, and
/// split back: every score is the one a single evaluation of the stacked panel gives, with
/// ranking groups (period, group). A diagnostic about one unit goes to that unit's period;
/// one about a whole column (a constant column…) to every period. Data preparation
/// (prepare.hpp) follows the scaling: per period, or once over the stacked panel (imputation
/// statistics and treatment decisions from all periods; each period's `preparation` holds its
/// rows and cells, and the panel's column treatments).
///
/// The framework's `impute_periods` runs first, along each unit's series (units matched by id;
/// impute/panel.hpp); `positions` places the periods on their scale (e.g. the years: strictly
/// increasing; empty = 0, 1, …), which is what interpolation weights and carry-forward gaps count.
std::vector<result> evaluate_periods(const plan& p, std::span<const dataset> data,
                                     period_scaling scaling, keep what = keep::all,
                                     std::span<const double> positions = {});

} // namespace chiso
