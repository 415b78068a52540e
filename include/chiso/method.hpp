#pragma once
/// \file method.hpp
/// The closed sets of built-in methods, as used by spec files, the CLI and Python, plus a hook
/// for C++ callables.

#include "chiso/aggregate/arithmetic_mean.hpp"
#include "chiso/aggregate/benefit_of_the_doubt.hpp"
#include "chiso/aggregate/copeland.hpp"
#include "chiso/aggregate/generalised_mean.hpp"
#include "chiso/aggregate/geometric_mean.hpp"
#include "chiso/aggregate/harmonic_mean.hpp"
#include "chiso/aggregate/mazziotta_pareto.hpp"
#include "chiso/aggregate/minimum.hpp"
#include "chiso/aggregate/weighted_sum.hpp"
#include "chiso/normalise/above_below_mean.hpp"
#include "chiso/normalise/categorical.hpp"
#include "chiso/normalise/difference_from.hpp"
#include "chiso/normalise/distance_to_target.hpp"
#include "chiso/normalise/fraction_of_max.hpp"
#include "chiso/normalise/goalposts.hpp"
#include "chiso/normalise/identity.hpp"
#include "chiso/normalise/min_max.hpp"
#include "chiso/normalise/rank.hpp"
#include "chiso/normalise/ratio_to.hpp"
#include "chiso/normalise/z_score.hpp"
#include "chiso/points/binary.hpp"
#include "chiso/points/graded.hpp"
#include "chiso/points/not_scored.hpp"
#include "chiso/points/ratio.hpp"
#include "chiso/points/step_table.hpp"

#include <functional>
#include <string_view>
#include <type_traits>
#include <variant>

namespace chiso {

/// A user-supplied scoring method for C++ callers (not expressible in spec files).
struct custom_method {
  static constexpr std::string_view name = "custom";
  std::function<void(Eigen::Ref<const Eigen::VectorXd>, const column_context&,
                     Eigen::Ref<Eigen::VectorXd>, diagnostics_sink&)>
      fn;
  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& s) const {
    fn(x, c, out, s);
  }
};

/// How an indicator's raw value becomes a score: a normalisation or a point rule.
using method =
    std::variant<normalise::min_max, normalise::identity, normalise::z_score, normalise::goalposts,
                 normalise::distance_to_target, normalise::ratio_to, normalise::difference_from,
                 normalise::fraction_of_max, normalise::rank, normalise::percentile_rank,
                 normalise::categorical, normalise::above_below_mean, points::binary,
                 points::graded, points::ratio, points::step_table, points::not_scored,
                 custom_method>;

/// A user-supplied aggregation for C++ callers.
struct custom_aggregation {
  static constexpr std::string_view name = "custom";
  std::function<void(const aggregate::node_view&, double*, aggregate::workspace&,
                     diagnostics_sink&)>
      fn;
  void operator()(const aggregate::node_view& v, double* out, aggregate::workspace& ws,
                  diagnostics_sink& s) const {
    fn(v, out, ws, s);
  }
};

/// How an aggregate node combines its children.
using aggregation =
    std::variant<aggregate::arithmetic_mean, aggregate::weighted_sum, aggregate::geometric_mean,
                 aggregate::harmonic_mean, aggregate::generalised_mean, aggregate::minimum,
                 aggregate::copeland, aggregate::mazziotta_pareto,
                 aggregate::adjusted_mazziotta_pareto, aggregate::benefit_of_the_doubt,
                 custom_aggregation>;

/// Spec-file name of the method held.
inline std::string_view name_of(const method& m) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::name; }, m);
}
/// Spec-file name of the aggregation held.
inline std::string_view name_of(const aggregation& a) {
  return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::name; }, a);
}

namespace detail {
template <class T>
concept point_rule = requires {
  T::is_point_rule;
};
template <class T>
concept additive_aggregation = requires {
  T::additive;
};
} // namespace detail

/// Whether the method is a point rule (its scores are points in [0, max points]).
inline bool is_point_rule(const method& m) {
  return std::visit([](const auto& x) { return detail::point_rule<std::decay_t<decltype(x)>>; }, m);
}
/// Whether the aggregation is additive (contributions of children are defined).
inline bool is_additive(const aggregation& a) {
  return std::visit(
      [](const auto& x) { return detail::additive_aggregation<std::decay_t<decltype(x)>>; }, a);
}

} // namespace chiso
