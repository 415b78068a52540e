#pragma once
/// \file indicator.hpp

#include "chiso/merge_rule.hpp"
#include "chiso/method.hpp"
#include "chiso/prepare_rules.hpp"
#include "chiso/tracked_target.hpp"
#include "chiso/transform.hpp"

#include <optional>
#include <string>
#include <vector>

namespace chiso {

/// What an empty denominator (0, or missing) gives (Decision 766: no petitions → full marks for
/// the two petition indicators; no dossiers → satisfaction scores 0; elsewhere missing).
enum class empty_policy {
  missing, ///< the score is missing (a diagnostic is recorded)
  zero,    ///< the score is 0
  full,    ///< full marks: the indicator's maximum points (point rules only)
};

/// Spec-file name of a policy.
inline constexpr std::string_view to_string(empty_policy p) noexcept {
  return p == empty_policy::missing ? "missing" : p == empty_policy::zero ? "zero" : "full";
}

/// A scored indicator: where its raw value comes from, its metadata, and the method that turns
/// the raw value into a score.
///
/// Preparation of the raw column, in order: value = column / denominator · scale (when a
/// denominator is given; COINr's "denomination"), then the transform; bounds and target are
/// transformed alike. The method then maps the prepared column to scores, applying the
/// direction as it documents.
struct indicator {
  std::string id{};               ///< unique among indicators and nodes
  std::string name{};             ///< display name (UTF-8)
  std::string unit{};             ///< unit of measurement, for display
  int direction = 1;              ///< +1 higher is better, −1 lower is better
  std::optional<double> lower{};  ///< fixed lower bound / goalpost (raw scale)
  std::optional<double> upper{};  ///< fixed upper bound / goalpost (raw scale)
  std::optional<double> target{}; ///< target (raw scale)
  std::optional<double> points{}; ///< maximum points (point rules)
  std::string column{};           ///< data column of the value (empty: the id)
  std::string denominator{};      ///< optional data column dividing the value
  double scale = 1.0;             ///< factor applied after dividing by the denominator
  chiso::transform transform = transform::none;
  chiso::method method = normalise::min_max{};
  empty_policy if_zero_denominator = empty_policy::missing;
  empty_policy if_missing_denominator = empty_policy::missing;
  std::optional<double> valid_min{}; ///< raw values below are input errors (e.g. a share < 0)
  std::optional<double> valid_max{}; ///< raw values above are input errors (e.g. a % > 100)
  bool impute = true; ///< false: left out of the framework's imputation (prepare.hpp)
  bool treat = true;  ///< false: no outlier treatment, whatever the framework declares
  std::optional<chiso::treatment> treatment{}; ///< its own treatment instead of the framework's
  /// Targets with deadlines tracked on this indicator (tracked_target.hpp; `chiso targets`).
  std::vector<time::tracked_target> targets{};
  /// How its columns combine when units merge (merge_rule.hpp; `--mapping`).
  time::merge_rule merge{};
  std::string origin{}; ///< where it was declared (e.g. "dti.yaml:12"), for messages

  /// The data column holding the value.
  const std::string& source() const noexcept { return column.empty() ? id : column; }
};

} // namespace chiso
