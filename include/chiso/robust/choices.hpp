#pragma once
/// \file robust/choices.hpp
/// The uncertain choices of a robustness analysis (Handbook 2008 §7; Saisana, Saltelli &
/// Tarantola 2005, "Uncertainty and sensitivity analysis techniques as tools for the quality
/// assessment of composite indicators", JRSS A 168(2)): which modelling choices may vary, and
/// over what. Each `uncertain_input` is one factor of the analysis (one column of the Saltelli
/// matrices): all its random parts are drawn together.
///
/// **The choice concept.** A choice is a small value type in the closed variant `choice`:
///   - `weight_choice`: the weights of the children of some nodes are perturbed;
///   - `normalisation_choice`: a set of indicators is normalised by one of several methods;
///   - `aggregation_choice`: a set of nodes is aggregated by one of several methods;
///   - `leave_out_choice`: indicators are left out (weight 0 in every parent);
///   - `data_choice`: the raw data is one of several alternative matrices (imputations,
///     outlier treatments prepared by the caller);
///   - `preparation_choice`: the framework's imputation and outlier treatment is one of
///     several (`impute`/`treat` of a spec file; prepare.hpp).
/// A new kind is a new alternative of the
/// variant, its `problems` rules, its sampling in `model::sample` and its application in
/// `model::evaluate`. What one replication drew for an input is a `draw`.

#include "chiso/fwd.hpp"
#include "chiso/method.hpp"
#include "chiso/prepare_rules.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace chiso::robust {

/// Every weight multiplied by its own factor drawn from U(1 − f, 1 + f), 0 ≤ f < 1:
///   w'_j = w_j · (1 + f·(2u_j − 1)),  u_j ~ U[0, 1)
/// (COINr's ASEM set-up: f = 0.25 on the pillars' and sub-indices' weights). f = 0 leaves the
/// weights unchanged, bit for bit.
struct uniform_factor {
  double f = 0.25;
};

/// The weights of a node's children redrawn from a Dirichlet distribution centred on their
/// nominal shares p_j = w_j / Σw, with total concentration c > 0 (Dirichlet 1839; the
/// standard prior on shares):
///   (s_1, …, s_m) ~ Dir(c·p_1, …, c·p_m),  w'_j = Σw · s_j,
/// so E[s_j] = p_j and Var[s_j] = p_j(1 − p_j)/(c + 1): larger c, smaller perturbation. The
/// total Σw is kept (it matters to weighted sums). A zero weight stays 0. Drawn as
/// s_j = g_j / Σg with g_j ~ Gamma(c·p_j) (random.hpp).
struct dirichlet {
  double concentration = 50.0;
};

/// How a `weight_choice` perturbs weights.
using weight_distribution = std::variant<uniform_factor, dirichlet>;

/// A set of aggregate nodes: the listed ids, plus every node of the listed levels; both empty
/// means every aggregate node. A node's level is 1 + the highest level of its children,
/// indicators being level 1 (COINr's numbering: ASEM's pillars are level 2, its sub-indices 3,
/// the index 4).
struct node_set {
  std::vector<std::string> ids{};
  std::vector<int> levels{};
};

/// The weights of the children of `nodes` perturbed (each child's weight in each listed node
/// independently). One node may be perturbed by one weight choice only.
struct weight_choice {
  node_set nodes{};
  weight_distribution distribution = uniform_factor{};
};

/// The indicators listed (empty: every indicator) all normalised by the same alternative,
/// drawn uniformly from `alternatives` (each must be usable for each of them: goalposts need
/// bounds...). `labels` (empty, or one per alternative) name them in reports; by default the
/// method's name. An indicator may be in one normalisation choice only.
struct normalisation_choice {
  std::vector<std::string> indicators{};
  std::vector<method> alternatives{};
  std::vector<std::string> labels{};
};

/// The nodes listed all aggregated by the same alternative, drawn uniformly from
/// `alternatives`. A node may be in one aggregation choice only.
struct aggregation_choice {
  node_set nodes{};
  std::vector<aggregation> alternatives{};
  std::vector<std::string> labels{};
};

/// How a `leave_out_choice` picks the indicators left out.
enum class leave_out_mode {
  one_at_a_time, ///< one of the listed indicators, uniformly (or none, with `include_none`)
  random,        ///< `count` distinct indicators of the list, every subset equally likely
};

/// Spec-file names: "one_at_a_time", "random".
inline constexpr std::string_view to_string(leave_out_mode m) noexcept {
  return m == leave_out_mode::one_at_a_time ? "one_at_a_time" : "random";
}

/// Indicators left out of the index: a left-out indicator gets weight 0 in every parent (the
/// parent is the mean of the remaining children). `indicators` empty means every indicator.
/// Rejected up front when some draw could leave a node without any child of non-zero weight.
struct leave_out_choice {
  std::vector<std::string> indicators{};
  leave_out_mode mode = leave_out_mode::one_at_a_time;
  std::size_t count = 1;     ///< indicators left out per replication (`random`)
  bool include_none = false; ///< `one_at_a_time`: "none left out" is one more outcome
};

/// Alternative raw data (units × data columns, the layout of the nominal data): e.g. the data
/// imputed or treated for outliers in several ways. One is drawn uniformly per replication.
/// Indicator scores are precomputed for each alternative (columns equal to the nominal data's,
/// bit for bit, are not recomputed).
struct data_choice {
  std::vector<Eigen::MatrixXd> values{};
  std::vector<std::string> labels{};
};

/// One way of preparing the data: the framework's `impute` and `treat` replaced by these
/// (unset: none). Indicators' own settings (`impute: false`, their own treatment) stay.
struct preparation_alternative {
  std::optional<imputation> impute{};
  std::optional<treatment> treat{};
};

/// The data prepared in one of several ways (imputations; outlier treatment on or off), drawn
/// uniformly per replication. Each alternative is prepared once and its indicator scores
/// precomputed, as for `data_choice`; a model has at most one data or preparation input.
struct preparation_choice {
  std::vector<preparation_alternative> alternatives{};
  std::vector<std::string> labels{};
};

/// One kind of uncertain choice.
using choice = std::variant<weight_choice, normalisation_choice, aggregation_choice,
                            leave_out_choice, data_choice, preparation_choice>;

/// Spec-file name of a choice kind: "weights", "normalisation", "aggregation", "leave_out",
/// "data", "preparation".
std::string_view kind_of(const choice& c) noexcept;

/// One uncertain input: a named choice. `origin` says where it was declared (e.g.
/// "robust.yaml:12:5"), for messages.
struct uncertain_input {
  std::string id{};
  robust::choice choice{};
  std::string origin{};
};

/// What one replication drew for one input.
///   - weights: `weights` holds the new weights of the input's nodes' children, node after node
///     (in framework node order, see `model::weight_nodes`), children in framework order;
///   - normalisation, aggregation, data: `pick` is the index of the alternative;
///   - leave_out: `left_out` lists the plan indices of the indicators left out (ascending;
///     empty: none).
struct draw {
  std::size_t pick = 0;
  std::vector<std::size_t> left_out{};
  std::vector<double> weights{};
  bool operator==(const draw&) const = default;
};

/// A problem with the choices: the input (index), the field (its spec-file key, e.g. "nodes",
/// "alternatives"; empty for the input as a whole), the item of a list field (or npos) and the
/// rule broken. A reader maps (input, field, item) back to a position in its file.
struct choice_problem {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::size_t input = npos;
  std::string field{};
  std::size_t item = npos;
  std::string message{};
};

/// The uncertain inputs of an analysis.
struct choices {
  std::vector<uncertain_input> inputs{};

  /// Appends an input; returns *this to chain.
  choices& add(std::string id, robust::choice c) {
    inputs.push_back({std::move(id), std::move(c), {}});
    return *this;
  }

  /// Every problem against framework `f` (empty when usable): ids empty or repeated; unknown
  /// node, level or indicator; an empty node set or alternative list; f ∉ [0, 1) or c ≤ 0;
  /// weights perturbed, or a child left out, at a node whose weights come from the data
  /// (`node::weights_from`: not supported);
  /// a node or indicator claimed by two choices of one kind; an alternative unusable for one
  /// of its indicators or nodes (its `validate`); labels not one per alternative; leave-out
  /// counts out of range, or a leave-out that could empty a node; more than one data or
  /// preparation choice; a preparation alternative with unusable settings.
  /// (The shape of data alternatives is checked by `model::compile`, which sees the data.)
  std::vector<choice_problem> problems(const framework& f) const;

  /// Throws input_error listing every problem, each as
  /// `<origin>: input '<id>': <field>[<item>]: <rule>`.
  void validate(const framework& f) const;
};

namespace detail {

/// Level of every node and indicator of `f` by id (indicators 1, nodes 1 + max over children).
std::unordered_map<std::string, int> levels_of(const framework& f);

} // namespace detail

} // namespace chiso::robust
