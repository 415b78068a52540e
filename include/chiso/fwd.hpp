#pragma once
/// \file fwd.hpp
/// Forward declarations of chiso's main types, for headers and interfaces that only name them
/// (a reference, a pointer, a function declaration): include this instead of the defining
/// header. Includes nothing, not even Eigen. The method variants (`method`, `aggregation`,
/// `treatment`, `imputation_method`) are aliases of `std::variant`s and cannot be declared
/// ahead: include method.hpp or prepare_rules.hpp for them.

namespace chiso {

// Model (framework.hpp, indicator.hpp, dataset.hpp, band.hpp, rank.hpp)
struct indicator;
struct child;
struct node;
struct ranking;
struct framework;
struct band;
struct rank_options;
struct group_column;
struct dataset;
struct column_context;
struct imputation;
struct panel_imputation;

// Engine (plan.hpp, prepare.hpp, score.hpp, error.hpp)
class plan;
struct data_problem;
struct preparation;
struct result;
struct diagnostic;
enum class keep;
enum class period_scaling;
enum class empty_policy;

// Errors (error.hpp)
class error;
class framework_error;
class input_error;
class usage_error;

namespace io {
struct spec;        ///< a spec file read (io/spec.hpp)
struct data_layout; ///< io/spec.hpp
struct robust_spec; ///< io/robust_spec.hpp
} // namespace io

namespace robust {
struct choices; ///< robust/choices.hpp
struct draw;    ///< robust/choices.hpp
class model;    ///< robust/model.hpp
struct uncertainty_options;
struct uncertainty_result;
struct sensitivity_options;
struct sensitivity_result;
} // namespace robust

namespace time {
struct target;         ///< tracked_target.hpp
struct target_options; ///< tracked_target.hpp
struct tracked_target; ///< tracked_target.hpp
struct merge_rule;     ///< merge_rule.hpp
struct unit_mapping;   ///< time/remap.hpp
struct target_result;  ///< time/targets.hpp
struct trend_result;   ///< time/trend.hpp
} // namespace time

namespace live {
class ranked_scores; ///< live/ranked_scores.hpp
class scoreboard;    ///< live/scoreboard.hpp
} // namespace live

} // namespace chiso
