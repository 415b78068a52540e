#pragma once
/// \file prepare_rules.hpp
/// What a framework declares about data preparation between an indicator's raw value and its
/// normalisation: how missing values are imputed and how outliers are treated (docs/methods.md,
/// Part V; applied by `prepare`, prepare.hpp). The functions themselves are in
/// `include/chiso/impute/` and `include/chiso/treat/`.

#include "chiso/impute/centre.hpp"
#include "chiso/impute/em.hpp"
#include "chiso/param.hpp"
#include "chiso/treat/box_cox.hpp"
#include "chiso/treat/winmax.hpp"
#include "chiso/treat/winsorise_quantiles.hpp"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>

namespace chiso {

/// Impute a missing value by the mean or median of its indicator's observed values
/// (`impute::by_column`).
struct impute_by_column {
  static constexpr std::string_view name = "column";
  static constexpr std::string_view summary =
      "the centre (mean or median, as named) of the indicator's observed values";
  impute::centre centre = impute::centre::mean;

  static constexpr auto parameters() {
    return std::tuple{impute::centre_parameter(&impute_by_column::centre)};
  }
};

/// By the mean or median within the unit's group, a group column of the data such as a region
/// (`impute::by_group`).
struct impute_by_group {
  static constexpr std::string_view name = "group";
  static constexpr std::string_view summary =
      "the centre of the observed values in the unit's group (a data column, added to "
      "data.groups)";
  impute::centre centre = impute::centre::mean;
  std::string group{}; ///< the data's group column

  static constexpr auto parameters() {
    return std::tuple{
        impute::centre_parameter(&impute_by_group::centre),
        param::field{"group", &impute_by_group::group, "the data's group column (e.g. a region)"}
            .need()};
  }
};

/// By the unit's own values on the other indicators of the same node, on a min-max scale, mapped
/// back (`impute::by_row`). An indicator's row group is its first parent in framework order.
struct impute_by_row {
  static constexpr std::string_view name = "row";
  static constexpr std::string_view summary =
      "the centre of the unit's own values on the other indicators of its node (min-max "
      "scaled, mapped back; an indicator belongs to its first parent)";
  impute::centre centre = impute::centre::mean;

  static constexpr auto parameters() {
    return std::tuple{impute::centre_parameter(&impute_by_row::centre)};
  }
};

/// By the EM algorithm under a multivariate normal model over every imputed indicator
/// (`impute::em`).
struct impute_by_em {
  static constexpr std::string_view name = "em";
  static constexpr std::string_view summary =
      "EM under a multivariate normal model over the imputed indicators";
  impute::em_options options{};

  static constexpr auto parameters() { return param::through(&impute_by_em::options); }
};

/// How a framework imputes.
using imputation_method =
    std::variant<impute_by_column, impute_by_group, impute_by_row, impute_by_em>;

/// A framework's imputation: the method, and optionally a column mean or median for the cells
/// the method leaves missing (a group without observations, a unit without other values).
struct imputation {
  imputation_method method = impute_by_column{};
  std::optional<impute::centre> fallback{};

  /// Beside the method's own parameters in `impute: {method: ..., fallback: ...}`.
  static constexpr auto parameters() {
    return std::tuple{param::field<imputation, std::optional<impute::centre>, 2>{
        "fallback",
        &imputation::fallback,
        "for the cells the method leaves missing (a group without observations...); without "
        "it they stay missing and are reported",
        {{"column_mean", impute::centre::mean}, {"column_median", impute::centre::median}}}};
  }
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
  return std::visit([](const auto& x) { return x.name; }, t);
}

/// Spec-file name of an imputation method ("column", "group", "row", "em").
inline std::string_view imputation_name(const imputation_method& m) noexcept {
  return std::visit([](const auto& x) { return x.name; }, m);
}

} // namespace chiso
