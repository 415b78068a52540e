// The uncertain choices' checks (declared in include/chiso/robust/choices.hpp), compiled once
// into libchiso.
#include "chiso/robust/choices.hpp"

#include "robust/detail.hpp"

#include "chiso/error.hpp"
#include "chiso/framework.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <string>
#include <unordered_set>

namespace chiso::robust {

std::string_view kind_of(const choice& c) noexcept {
  switch (c.index()) {
  case 0: return "weights";
  case 1: return "normalisation";
  case 2: return "aggregation";
  case 3: return "leave_out";
  case 4: return "data";
  default: return "preparation";
  }
}

namespace detail {

std::unordered_map<std::string, int> levels_of(const framework& f) {
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

bool valid_input_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

} // namespace detail

std::vector<choice_problem> choices::problems(const framework& f) const {
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

void choices::validate(const framework& f) const {
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
