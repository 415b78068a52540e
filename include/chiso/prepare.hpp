#pragma once
/// \file prepare.hpp
/// Data preparation before normalisation, as a framework declares it (prepare_rules.hpp;
/// docs/methods.md, Part V §4): each indicator's raw column is prepared as for scoring
/// (÷ denominator, × scale, transform), then missing values are imputed, then outliers treated,
/// in COINr's order (denominate → impute → treat → normalise). `evaluate` (score.hpp) calls it
/// when `plan::prepares()`; call it directly to see or export the prepared data.
///
/// Rules:
///  - Cells whose denominator is 0 or missing (with the numerator observed) are **not imputed**:
///    the indicator's empty-denominator policy decides them after normalisation, as without
///    preparation; nor are values outside the transform's domain (reported by the scoring).
///    A cell with numerator and denominator both missing is missing data and is imputed.
///  - With several periods (`evaluate_periods`), the framework's `impute_periods` (carry
///    forward, interpolate) fills cells along each unit's series first; the period's own
///    imputation then takes them as data.
///  - Imputation covers every indicator with `impute` true; cells it cannot fill stay missing
///    and are reported (`after` NaN) unless the `fallback` fills them: the column mean or median
///    of the observed values (not of the values just imputed).
///    Observed cells never change.
///  - Treatment: an indicator's own `treatment`, else the framework's `treat`; none when the
///    indicator says `treat: false`. Each treatment runs on the imputed columns.
///  - Every imputed and treated cell is reported, with the indicator's plan index as `column`.

#include "chiso/impute/by_group.hpp" // impute::no_group, in imputation_groups' codes
#include "chiso/impute/em.hpp"
#include "chiso/plan.hpp"
#include "chiso/treat/box_cox.hpp"
#include "chiso/treat/winmax.hpp"
#include "chiso/treat/winsorise_quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chiso {

/// What `prepare` produced and did.
struct preparation {
  /// units × indicators (plan order): the values the indicators' methods normalise.
  Eigen::MatrixXd values;
  std::vector<impute::changed_cell> imputed;       ///< every cell imputed (or left missing)
  std::vector<impute::changed_cell> treated;       ///< every cell a treatment changed
  std::vector<treat::column_treatment> treatments; ///< per treated indicator (column = index)
  std::optional<impute::em_result> em{};           ///< the EM run, when EM imputed
};

namespace detail {

/// Indicator step s's prepared value of a raw value and its denominator: x/den × scale, then the
/// transform (NaN outside its domain). `empty_den` is set when the denominator is 0 or missing.
double prepared_value(const plan::indicator_step& s, double raw, double den, bool has_den,
                      bool& zero_den, bool& missing_den);

/// A (unit row, indicator plan index) cell.
using cell_index = std::pair<std::size_t, std::size_t>;

/// Every indicator's prepared column (÷ denominator, × scale, transform) of `values` into `x`
/// (units × indicators, plan order). Returns the cells never imputed, sorted: those left to the
/// empty-denominator policy (denominator 0, or missing with the numerator observed) and values
/// outside the transform's domain (an error the scoring reports).
std::vector<cell_index> prepared_columns(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                                         Eigen::MatrixXd& x);

} // namespace detail

/// Prepares `values` (units × the data columns `p` was compiled against) into `out` (see the
/// file comment). `impute_groups`: one group code per unit for imputation by group
/// (`imputation_groups` gives them from a dataset; `impute::no_group` for a unit without one);
/// ignored otherwise. Throws usage_error when imputation by group gets no codes, and
/// `impute::cell_error` (an input_error with the unit row and the indicator's plan index, its
/// message starting "indicator '<id>': ") for a value a treatment cannot take (Box-Cox of
/// x ≤ 0) or an EM column without observations.
///
/// `along_periods`: cells the framework's `impute_periods` filled (or left missing) for these
/// units, from `evaluate_periods` (panel.hpp); they are applied and reported first.
void prepare(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
             std::span<const std::uint32_t> impute_groups, preparation& out,
             std::span<const impute::changed_cell> along_periods = {});

/// Group codes per unit for imputation by group, from the dataset's group column (a unit with
/// an empty label gets `impute::no_group`); empty when the plan does not impute by group.
/// Throws input_error when the dataset lacks the column. Over several datasets: stacked in
/// order (a pooled panel), one code per label across them all.
std::vector<std::uint32_t> imputation_groups(const plan& p, std::span<const dataset> data);

/// Same for one dataset.
std::vector<std::uint32_t> imputation_groups(const plan& p, const dataset& d);

/// Same from a dataset's group columns (`dataset::groups`); input_error when the column is not
/// among them.
std::vector<std::uint32_t> imputation_groups(const plan& p, std::span<const group_column> columns);

} // namespace chiso
