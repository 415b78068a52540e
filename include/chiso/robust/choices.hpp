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

#include "chiso/framework.hpp"
#include "chiso/method.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
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
inline std::string_view kind_of(const choice& c) noexcept {
  switch (c.index()) {
  case 0: return "weights";
  case 1: return "normalisation";
  case 2: return "aggregation";
  case 3: return "leave_out";
  case 4: return "data";
  default: return "preparation";
  }
}

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
inline std::unordered_map<std::string, int> levels_of(const framework& f) {
  std::unordered_map<std::string, int> level;
  for (const auto& i : f.indicators)
    level[i.id] = 1;
  std::unordered_map<std::string, const node*> by_id;
  for (const auto& n : f.nodes)
    by_id[n.id] = &n;
  std::unordered_set<std::string> visiting;
  std::function<int(const std::string&)> get = [&](const std::string& id) -> int {
    if (auto it = level.find(id); it != level.end()) return it->second;
    auto n = by_id.find(id);
    if (n == by_id.end() || !visiting.insert(id).second) return 0; // unknown or cycle
    int l = 1;
    for (const auto& c : n->second->children)
      l = std::max(l, get(c.id) + 1);
    visiting.erase(id);
    return level[id] = l;
  };
  for (const auto& n : f.nodes)
    get(n.id);
  return level;
}

/// Positions in `f.nodes` of a node set (framework order, each once); unknown ids and levels
/// are reported through `bad_id(k)` / `bad_level(k)` (item index in the list).
template <class BadId, class BadLevel>
std::vector<std::size_t> resolve_nodes(const framework& f, const node_set& s,
                                       const std::unordered_map<std::string, int>& level,
                                       BadId&& bad_id, BadLevel&& bad_level) {
  std::vector<unsigned char> in(f.nodes.size(), 0);
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < f.nodes.size(); ++k)
    pos[f.nodes[k].id] = k;
  if (s.ids.empty() && s.levels.empty()) std::fill(in.begin(), in.end(), 1);
  for (std::size_t k = 0; k < s.ids.size(); ++k) {
    auto it = pos.find(s.ids[k]);
    if (it == pos.end())
      bad_id(k);
    else
      in[it->second] = 1;
  }
  for (std::size_t k = 0; k < s.levels.size(); ++k) {
    bool any = false;
    for (std::size_t t = 0; t < f.nodes.size(); ++t)
      if (level.at(f.nodes[t].id) == s.levels[k]) {
        in[t] = 1;
        any = true;
      }
    if (!any) bad_level(k);
  }
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < in.size(); ++t)
    if (in[t]) out.push_back(t);
  return out;
}

/// Positions in `f.indicators` of a list of indicator ids (empty: all), in framework order.
template <class BadId>
std::vector<std::size_t> resolve_indicators(const framework& f, const std::vector<std::string>& ids,
                                            BadId&& bad_id) {
  std::vector<std::size_t> out;
  if (ids.empty()) {
    for (std::size_t k = 0; k < f.indicators.size(); ++k)
      out.push_back(k);
    return out;
  }
  std::unordered_map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < f.indicators.size(); ++k)
    pos[f.indicators[k].id] = k;
  std::vector<unsigned char> in(f.indicators.size(), 0);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    auto it = pos.find(ids[k]);
    if (it == pos.end())
      bad_id(k);
    else
      in[it->second] = 1;
  }
  for (std::size_t t = 0; t < in.size(); ++t)
    if (in[t]) out.push_back(t);
  return out;
}

inline bool valid_input_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

} // namespace detail

inline std::vector<choice_problem> choices::problems(const framework& f) const {
  std::vector<choice_problem> out;
  const auto level = detail::levels_of(f);
  std::unordered_map<std::string, std::size_t> seen_id;
  std::unordered_map<std::size_t, std::size_t> weight_owner, agg_owner; // node → input
  std::unordered_map<std::size_t, std::size_t> norm_owner, leave_owner; // indicator → input
  std::size_t data_inputs = 0;
  const std::size_t npos = choice_problem::npos;
  // Leave-out capacity per node: how many of its non-zero children all leave-out choices
  // together may remove at once.
  std::vector<std::size_t> removable(f.nodes.size(), 0);
  std::vector<std::vector<std::size_t>> leave_sets(inputs.size());

  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    auto fail = [&](std::string field, std::size_t item, std::string msg) {
      out.push_back({i, std::move(field), item, std::move(msg)});
    };
    if (!detail::valid_input_id(in.id))
      fail("id", npos,
           in.id.empty()
               ? "id is empty"
               : "id '" + in.id + "' may only hold letters A-Z a-z, digits, '_', '.' and '-'");
    else if (auto [it, fresh] = seen_id.emplace(in.id, i); !fresh)
      fail("id", npos,
           "id '" + in.id + "' is used twice (first by input " + std::to_string(it->second + 1) +
               ")");

    auto nodes_of = [&](const node_set& s) {
      auto r = detail::resolve_nodes(
          f, s, level,
          [&](std::size_t k) {
            const bool is_ind = f.find_indicator(s.ids[k]) != nullptr;
            fail("nodes", k,
                 is_ind ? "'" + s.ids[k] +
                              "' is an indicator; list aggregate nodes (their children's weights "
                              "or aggregation vary)"
                        : "unknown node '" + s.ids[k] + "'");
          },
          [&](std::size_t k) {
            fail("levels", k,
                 "no aggregate node has level " + std::to_string(s.levels[k]) +
                     " (indicators are level 1; a node is 1 + its highest child)");
          });
      if (r.empty() && (!s.ids.empty() || !s.levels.empty()) && f.nodes.empty())
        fail("nodes", npos, "the framework has no aggregate node");
      return r;
    };
    auto labels_ok = [&](std::size_t n_labels, std::size_t n_alt) {
      if (n_labels != 0 && n_labels != n_alt)
        fail("labels", npos,
             std::to_string(n_labels) + " labels for " + std::to_string(n_alt) +
                 " alternatives (give none or one per alternative)");
    };

    if (const auto* w = std::get_if<weight_choice>(&in.choice)) {
      const auto ns = nodes_of(w->nodes);
      for (auto t : ns)
        if (f.nodes[t].weights_from)
          fail("nodes", npos,
               "node '" + f.nodes[t].id +
                   "' computes its weights from the data (weights_from): they cannot be "
                   "perturbed; list other nodes or levels");
        else if (auto [it, fresh] = weight_owner.emplace(t, i); !fresh)
          fail("nodes", npos,
               "the weights of node '" + f.nodes[t].id + "' are already perturbed by input '" +
                   inputs[it->second].id + "'");
      if (const auto* u = std::get_if<uniform_factor>(&w->distribution)) {
        if (!(u->f >= 0 && u->f < 1))
          fail("uniform", npos,
               "the relative perturbation f must be in [0, 1) (weights × U(1 − f, 1 + f) stay "
               "positive), got " +
                   chiso::detail::num(u->f));
      } else if (const auto* d = std::get_if<dirichlet>(&w->distribution)) {
        if (!(d->concentration > 0 && std::isfinite(d->concentration)))
          fail("dirichlet", npos,
               "the concentration must be a finite number > 0, got " +
                   chiso::detail::num(d->concentration));
      }
    } else if (const auto* nc = std::get_if<normalisation_choice>(&in.choice)) {
      const auto inds = detail::resolve_indicators(f, nc->indicators, [&](std::size_t k) {
        fail("indicators", k,
             f.find_node(nc->indicators[k])
                 ? "'" + nc->indicators[k] + "' is an aggregate node, not an indicator"
                 : "unknown indicator '" + nc->indicators[k] + "'");
      });
      for (auto k : inds)
        if (auto [it, fresh] = norm_owner.emplace(k, i); !fresh)
          fail("indicators", npos,
               "indicator '" + f.indicators[k].id + "' is already in normalisation input '" +
                   inputs[it->second].id + "'");
      if (nc->alternatives.empty()) fail("alternatives", npos, "no alternative given");
      labels_ok(nc->labels.size(), nc->alternatives.size());
      for (std::size_t a = 0; a < nc->alternatives.size(); ++a)
        for (auto k : inds) {
          indicator ind = f.indicators[k];
          ind.method = nc->alternatives[a];
          try {
            std::visit(
                [&](const auto& m) {
                  if constexpr (requires { m.validate(context_of(ind)); })
                    m.validate(context_of(ind));
                },
                ind.method);
          } catch (const framework_error& e) {
            fail("alternatives", a, e.what());
            break; // one message per alternative
          }
        }
    } else if (const auto* ac = std::get_if<aggregation_choice>(&in.choice)) {
      const auto ns = nodes_of(ac->nodes);
      for (auto t : ns)
        if (auto [it, fresh] = agg_owner.emplace(t, i); !fresh)
          fail("nodes", npos,
               "node '" + f.nodes[t].id + "' is already in aggregation input '" +
                   inputs[it->second].id + "'");
      if (ac->alternatives.empty()) fail("alternatives", npos, "no alternative given");
      labels_ok(ac->labels.size(), ac->alternatives.size());
      for (std::size_t a = 0; a < ac->alternatives.size(); ++a)
        for (auto t : ns) {
          try {
            std::visit(
                [&](const auto& x) {
                  if constexpr (requires { x.validate(f.nodes[t].id); }) x.validate(f.nodes[t].id);
                },
                ac->alternatives[a]);
          } catch (const framework_error& e) {
            fail("alternatives", a, e.what());
            break;
          }
        }
    } else if (const auto* lc = std::get_if<leave_out_choice>(&in.choice)) {
      const auto inds = detail::resolve_indicators(f, lc->indicators, [&](std::size_t k) {
        fail("indicators", k,
             f.find_node(lc->indicators[k])
                 ? "'" + lc->indicators[k] + "' is an aggregate node, not an indicator"
                 : "unknown indicator '" + lc->indicators[k] + "'");
      });
      for (auto k : inds)
        if (auto [it, fresh] = leave_owner.emplace(k, i); !fresh)
          fail("indicators", npos,
               "indicator '" + f.indicators[k].id + "' is already in leave-out input '" +
                   inputs[it->second].id + "'");
      if (lc->mode == leave_out_mode::one_at_a_time && lc->count != 1)
        fail("count", npos, "one_at_a_time leaves out 1 indicator; count is for mode random");
      if (lc->mode == leave_out_mode::random) {
        if (lc->count < 1 || lc->count > inds.size())
          fail("count", npos,
               "count must be in [1, " + std::to_string(inds.size()) +
                   "] (the indicators listed), got " + std::to_string(lc->count));
        if (lc->include_none) fail("include_none", npos, "include_none is for mode one_at_a_time");
      }
      for (const auto& n : f.nodes)
        if (n.weights_from)
          for (const auto& ch : n.children)
            for (auto k : inds)
              if (f.indicators[k].id == ch.id)
                fail("indicators", npos,
                     "indicator '" + ch.id + "' is a child of node '" + n.id +
                         "', whose weights are computed from the data (weights_from): it "
                         "cannot be left out");
      leave_sets[i] = inds;
      const std::size_t per_draw = lc->mode == leave_out_mode::random ? lc->count : 1;
      for (std::size_t t = 0; t < f.nodes.size(); ++t) {
        std::size_t listed = 0;
        for (const auto& c : f.nodes[t].children)
          if (c.weight > 0)
            for (auto k : inds)
              if (f.indicators[k].id == c.id) ++listed;
        removable[t] += std::min(listed, per_draw);
      }
    } else if (const auto* dc = std::get_if<data_choice>(&in.choice)) {
      if (++data_inputs == 2)
        fail("", npos,
             "only one data or preparation input is allowed (combine the alternatives into one)");
      if (dc->values.empty()) fail("alternatives", npos, "no alternative data given");
      labels_ok(dc->labels.size(), dc->values.size());
    } else if (const auto* pc = std::get_if<preparation_choice>(&in.choice)) {
      if (++data_inputs == 2)
        fail("", npos,
             "only one data or preparation input is allowed (combine the alternatives into one)");
      if (pc->alternatives.empty()) fail("alternatives", npos, "no alternative given");
      labels_ok(pc->labels.size(), pc->alternatives.size());
      for (std::size_t a = 0; a < pc->alternatives.size(); ++a) {
        framework g;
        g.impute = pc->alternatives[a].impute;
        g.treat = pc->alternatives[a].treat;
        for (const auto& m : g.problems())
          if (m.rfind("impute", 0) == 0 || m.rfind("treat", 0) == 0) fail("alternatives", a, m);
      }
    }
  }
  // A node that every leave-out choice together could empty.
  for (std::size_t t = 0; t < f.nodes.size(); ++t) {
    std::size_t positive = 0;
    for (const auto& c : f.nodes[t].children)
      positive += c.weight > 0;
    if (removable[t] == 0 || removable[t] < positive) continue;
    for (std::size_t i = 0; i < inputs.size(); ++i)
      if (!leave_sets[i].empty()) {
        bool touches = false;
        for (const auto& c : f.nodes[t].children)
          for (auto k : leave_sets[i])
            touches = touches || f.indicators[k].id == c.id;
        if (touches) {
          out.push_back({i, "indicators", npos,
                         "leaving out indicators can leave node '" + f.nodes[t].id +
                             "' without any child of non-zero weight (its score would be "
                             "missing for every unit); keep at least one of its children out "
                             "of the list"});
          break;
        }
      }
  }
  return out;
}

inline void choices::validate(const framework& f) const {
  const auto ps = problems(f);
  if (ps.empty()) return;
  std::string msg = ps.size() == 1
                        ? "invalid uncertain choices: "
                        : "invalid uncertain choices (" + std::to_string(ps.size()) + " problems):";
  for (const auto& p : ps) {
    std::string line;
    if (p.input < inputs.size()) {
      const auto& in = inputs[p.input];
      if (!in.origin.empty()) line += in.origin + ": ";
      line += "input '" + in.id + "': ";
    }
    if (!p.field.empty()) {
      line += p.field;
      if (p.item != choice_problem::npos) line += "[" + std::to_string(p.item) + "]";
      line += ": ";
    }
    line += p.message;
    msg += (ps.size() == 1 ? "" : "\n  - ") + line;
  }
  throw input_error(msg);
}

} // namespace chiso::robust
