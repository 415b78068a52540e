#pragma once
/// \file prepare_rules.hpp
/// What a framework declares about data preparation between an indicator's raw value and its
/// normalisation: how missing values are imputed and how outliers are treated (docs/methods.md,
/// Part V; applied by `prepare`, prepare.hpp). The functions themselves are in
/// `include/chiso/impute/` and `include/chiso/treat/`.

#include "chiso/impute/centre.hpp"
#include "chiso/impute/em.hpp"
#include "chiso/treat/box_cox.hpp"
#include "chiso/treat/winmax.hpp"
#include "chiso/treat/winsorise_quantiles.hpp"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace chiso {

/// Impute a missing value by the mean or median of its indicator's observed values
/// (`impute::by_column`).
struct impute_by_column {
  static constexpr std::string_view name = "column";
  impute::centre centre = impute::centre::mean;
};

/// By the mean or median within the unit's group, a group column of the data such as a region
/// (`impute::by_group`).
struct impute_by_group {
  static constexpr std::string_view name = "group";
  impute::centre centre = impute::centre::mean;
  std::string group{}; ///< the data's group column
};

/// By the unit's own values on the other indicators of the same node, on a min-max scale, mapped
/// back (`impute::by_row`). An indicator's row group is its first parent in framework order.
struct impute_by_row {
  static constexpr std::string_view name = "row";
  impute::centre centre = impute::centre::mean;
};

/// By the EM algorithm under a multivariate normal model over every imputed indicator
/// (`impute::em`).
struct impute_by_em {
  static constexpr std::string_view name = "em";
  impute::em_options options{};
};

/// How a framework imputes.
using imputation_method =
    std::variant<impute_by_column, impute_by_group, impute_by_row, impute_by_em>;

/// A framework's imputation: the method, and optionally a column mean or median for the cells
/// the method leaves missing (a group without observations, a unit without other values).
struct imputation {
  imputation_method method = impute_by_column{};
  std::optional<impute::centre> fallback{};
};

/// Imputation along the periods of a panel (`impute/panel.hpp`), before each period's own
/// imputation: a missing prepared value takes the unit's last observed value of the indicator
/// (`carry_forward`, at most `max_gap` before: in the periods' own units when they are numbers
/// such as years, else in periods) or the linear interpolation between its observed values
/// around it (`interpolate`; no extrapolation). Only when several periods are scored together
/// (`evaluate_periods`, panel.hpp); units are matched across periods by id.
struct panel_imputation {
  enum class kind { carry_forward, interpolate };
  kind method = kind::carry_forward;
  double max_gap = std::numeric_limits<double>::infinity(); ///< carry_forward only
};

/// Spec-file name of a panel imputation method ("carry_forward", "interpolate").
inline constexpr std::string_view to_string(panel_imputation::kind k) noexcept {
  return k == panel_imputation::kind::interpolate ? "interpolate" : "carry_forward";
}

/// How outliers are treated: COINr's winsorise-then-log rule (`treat::winmax`, the default),
/// Box-Cox with a given λ, or winsorisation at quantiles.
using treatment =
    std::variant<treat::winmax_options, treat::box_cox_options, treat::quantile_options>;

/// Spec-file names of the treatments ("winmax", "box_cox", "quantile").
inline std::string_view treatment_name(const treatment& t) noexcept {
  switch (t.index()) {
  case 0: return "winmax";
  case 1: return "box_cox";
  default: return "quantile";
  }
}

/// Spec-file name of an imputation method ("column", "group", "row", "em").
inline std::string_view imputation_name(const imputation_method& m) noexcept {
  return std::visit([](const auto& x) { return x.name; }, m);
}

} // namespace chiso
