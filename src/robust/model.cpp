// The compiled robustness model (declared in include/chiso/robust/model.hpp), compiled once into
// libchiso.
#include "chiso/robust/model.hpp"

#include "robust/detail.hpp"

#include "chiso/error.hpp"
#include "chiso/prepare.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

namespace chiso::robust {

model model::compile(const chiso::plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                     std::span<const std::uint32_t> groups, const choices& c,
                     std::span<const group_column> group_columns) {
  const auto& f = p.framework();
  c.validate(f);
  model m;
  m.plan_ = p;
  m.choices_ = c;
  m.values_ = values;
  m.groups_.assign(groups.begin(), groups.end());
  const auto n = values.rows();
  if (!groups.empty() && groups.size() != static_cast<std::size_t>(n))
    throw usage_error("robust::model: " + std::to_string(groups.size()) + " group codes for " +
                      std::to_string(n) + " units");
  chiso::evaluate(p, values, groups, imputation_groups(p, group_columns), m.nominal_, keep::all);

  const std::size_t ni = p.n_indicators();
  const auto& steps = p.node_steps();
  m.parents_.assign(ni, {});
  for (std::size_t t = 0; t < steps.size(); ++t)
    for (std::size_t j = 0; j < steps[t].children.size(); ++j)
      if (steps[t].children[j] < ni) m.parents_[steps[t].children[j]].push_back({t, j});
  m.touched_.assign(steps.size(), 0);

  // Resolve ids (validated above) to plan positions.
  const auto level = detail::levels_of(f);
  auto none = [](std::size_t) {};
  std::vector<std::size_t> norm_input(ni, static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const auto& ch = c.inputs[i].choice;
    resolved r;
    r.kind = static_cast<int>(ch.index());
    if (const auto* w = std::get_if<weight_choice>(&ch)) {
      r.steps = detail::resolve_nodes(f, w->nodes, level, none, none);
      for (auto t : r.steps) {
        r.n_weights += steps[t].children.size();
        m.touched_[t] = 1;
      }
    } else if (const auto* nc = std::get_if<normalisation_choice>(&ch)) {
      r.indicators = detail::resolve_indicators(f, nc->indicators, none);
      r.n_alternatives = nc->alternatives.size();
      for (std::size_t a = 0; a < r.n_alternatives; ++a)
        r.labels.push_back(nc->labels.empty() ? std::string(name_of(nc->alternatives[a]))
                                              : nc->labels[a]);
      for (auto k : r.indicators)
        norm_input[k] = i;
    } else if (const auto* ac = std::get_if<aggregation_choice>(&ch)) {
      r.steps = detail::resolve_nodes(f, ac->nodes, level, none, none);
      r.n_alternatives = ac->alternatives.size();
      for (std::size_t a = 0; a < r.n_alternatives; ++a)
        r.labels.push_back(ac->labels.empty() ? std::string(name_of(ac->alternatives[a]))
                                              : ac->labels[a]);
    } else if (const auto* lc = std::get_if<leave_out_choice>(&ch)) {
      r.indicators = detail::resolve_indicators(f, lc->indicators, none);
      for (auto k : r.indicators)
        for (auto [t, j] : m.parents_[k])
          m.touched_[t] = 1;
    } else if (const auto* dc = std::get_if<data_choice>(&ch)) {
      r.n_alternatives = dc->values.size();
      for (std::size_t a = 0; a < r.n_alternatives; ++a) {
        const auto& v = dc->values[a];
        if (v.rows() != values.rows() || v.cols() != values.cols())
          throw input_error((c.inputs[i].origin.empty() ? "" : c.inputs[i].origin + ": ") +
                            "input '" + c.inputs[i].id + "': data alternative " +
                            std::to_string(a) + " is " + std::to_string(v.rows()) + " × " +
                            std::to_string(v.cols()) + ", the nominal data " +
                            std::to_string(values.rows()) + " × " + std::to_string(values.cols()));
        r.labels.push_back(dc->labels.empty() ? "data " + std::to_string(a) : dc->labels[a]);
      }
      m.data_input_ = i;
    } else if (const auto* pc = std::get_if<preparation_choice>(&ch)) {
      r.n_alternatives = pc->alternatives.size();
      for (std::size_t a = 0; a < r.n_alternatives; ++a)
        r.labels.push_back(pc->labels.empty() ? "preparation " + std::to_string(a) : pc->labels[a]);
      m.data_input_ = i;
    }
    m.inputs_.push_back(std::move(r));
  }

  // One plan per normalisation input and alternative: the framework with those indicators'
  // methods replaced, bound to the same data columns (named by their index).
  std::vector<std::string> names(static_cast<std::size_t>(values.cols()));
  for (std::size_t j = 0; j < names.size(); ++j)
    names[j] = "#" + std::to_string(j);
  auto renamed = [&] {
    framework g = f;
    for (std::size_t k = 0; k < ni; ++k) {
      const auto& s = p.indicator_steps()[k];
      g.indicators[k].column = names.at(s.column);
      g.indicators[k].denominator =
          s.denominator == chiso::plan::npos ? "" : names.at(s.denominator);
    }
    return g;
  };
  std::vector<std::vector<chiso::plan>> alt_plans(c.inputs.size());
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const auto* nc = std::get_if<normalisation_choice>(&c.inputs[i].choice);
    if (!nc) continue;
    for (const auto& alt : nc->alternatives) {
      framework g = renamed();
      for (auto k : m.inputs_[i].indicators)
        g.indicators[k].method = alt;
      alt_plans[i].push_back(chiso::plan::compile(g, names));
    }
  }

  // Pool layout: slots per indicator, then columns per data version (shared with the
  // nominal data's where the indicator's raw columns are bit-identical).
  m.slot_.resize(ni);
  for (std::size_t k = 0; k < ni; ++k) {
    m.slot_[k] = m.n_slots_;
    m.n_slots_ +=
        norm_input[k] == static_cast<std::size_t>(-1) ? 1 : m.inputs_[norm_input[k]].n_alternatives;
  }
  const std::size_t versions =
      1 +
      (m.data_input_ == static_cast<std::size_t>(-1) ? 0 : m.inputs_[m.data_input_].n_alternatives);
  m.col_.assign(versions * m.n_slots_, 0);
  std::size_t count = 0;
  struct task {
    std::size_t v, k, a, col;
  };
  std::vector<task> tasks;
  // The prepared data of each data version (v = 0: the nominal model's own): the nominal plan
  // on each data alternative, or each preparation alternative's plan on the data.
  const auto* pc = m.data_input_ == static_cast<std::size_t>(-1)
                       ? nullptr
                       : std::get_if<preparation_choice>(&c.inputs[m.data_input_].choice);
  const bool use_prepared = p.prepares() || pc;
  std::vector<preparation> prepared;
  if (use_prepared) {
    prepared.resize(versions);
    if (!p.prepares()) prepare(p, values, {}, prepared[0]);
    for (std::size_t v = 1; v < versions; ++v) {
      if (pc) {
        framework fv = renamed();
        fv.impute = pc->alternatives[v - 1].impute;
        fv.treat = pc->alternatives[v - 1].treat;
        const auto pv = plan::compile(fv, names);
        prepare(pv, values, imputation_groups(pv, group_columns), prepared[v]);
      } else {
        prepare(p, m.data(v), imputation_groups(p, group_columns), prepared[v]);
      }
    }
  }
  auto prepared_column = [&](std::size_t v, std::size_t k) {
    const auto& x = v == 0 && p.prepares() ? m.nominal_.preparation : prepared[v];
    return x.values.col(static_cast<Eigen::Index>(k)).data();
  };
  auto same_prepared = [&](std::size_t v, std::size_t k) {
    return std::memcmp(prepared_column(0, k), prepared_column(v, k),
                       static_cast<std::size_t>(n) * sizeof(double)) == 0;
  };
  auto same_column = [&](std::size_t v, std::size_t j) {
    if (j == chiso::plan::npos) return true;
    const auto a = m.data(0).col(static_cast<Eigen::Index>(j));
    const auto b = m.data(v).col(static_cast<Eigen::Index>(j));
    return std::memcmp(a.data(), b.data(), static_cast<std::size_t>(n) * sizeof(double)) == 0;
  };
  for (std::size_t v = 0; v < versions; ++v)
    for (std::size_t k = 0; k < ni; ++k) {
      const auto& s = p.indicator_steps()[k];
      const std::size_t alts = norm_input[k] == static_cast<std::size_t>(-1)
                                   ? 1
                                   : m.inputs_[norm_input[k]].n_alternatives;
      const bool shared = v > 0 && same_column(v, s.column) && same_column(v, s.denominator) &&
                          (!use_prepared || same_prepared(v, k));
      for (std::size_t a = 0; a < alts; ++a) {
        auto& col = m.col_[v * m.n_slots_ + m.slot_[k] + a];
        if (shared) {
          col = m.col_[m.slot_[k] + a];
        } else {
          col = count++;
          tasks.push_back({v, k, a, col});
        }
      }
    }
  m.pool_.resize(n, static_cast<Eigen::Index>(count));
  m.pool_diagnostics_.assign(count, {});
  result::workspace_t ws;
  for (const auto& t : tasks) {
    const std::size_t i = norm_input[t.k];
    const chiso::plan& q = i == static_cast<std::size_t>(-1) ? p : alt_plans[i][t.a];
    chiso::detail::score_indicator(
        q, t.k, m.data(t.v), m.pool_.col(static_cast<Eigen::Index>(t.col)),
        m.pool_diagnostics_[t.col], ws, use_prepared ? prepared_column(t.v, t.k) : nullptr);
  }
  return m;
}

void model::sample(std::uint64_t seed, std::size_t k, std::vector<draw>& out) const {
  out.resize(inputs_.size());
  const auto& steps = plan_.node_steps();
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    generator g(stream_seed(seed, k, i));
    const auto& r = inputs_[i];
    auto& d = out[i];
    d.pick = 0;
    d.left_out.clear();
    d.weights.clear();
    const auto& ch = choices_.inputs[i].choice;
    if (const auto* w = std::get_if<weight_choice>(&ch)) {
      d.weights.reserve(r.n_weights);
      for (auto t : r.steps) {
        const auto& nominal = steps[t].weights;
        if (const auto* u = std::get_if<uniform_factor>(&w->distribution)) {
          for (double x : nominal)
            d.weights.push_back(x * (1.0 + u->f * (2.0 * uniform01(g) - 1.0)));
        } else {
          const double c = std::get<dirichlet>(w->distribution).concentration;
          double total = 0;
          for (double x : nominal)
            total += x;
          const std::size_t first = d.weights.size();
          // Tiny shape parameters can underflow every gamma draw to 0: draw again (bounded;
          // the nominal weights if it keeps happening).
          for (int attempt = 0;; ++attempt) {
            d.weights.resize(first);
            double sum = 0;
            for (double x : nominal) {
              const double a = c * x / total;
              const double y = a > 0 ? gamma(g, a) : 0.0;
              d.weights.push_back(y);
              sum += y;
            }
            if (sum > 0) {
              for (std::size_t j = first; j < d.weights.size(); ++j)
                d.weights[j] = total * (d.weights[j] / sum);
              break;
            }
            if (attempt == 100) {
              d.weights.resize(first);
              d.weights.insert(d.weights.end(), nominal.begin(), nominal.end());
              break;
            }
          }
        }
      }
    } else if (const auto* lc = std::get_if<leave_out_choice>(&ch)) {
      const std::size_t L = r.indicators.size();
      if (lc->mode == leave_out_mode::one_at_a_time) {
        const auto pick = uniform_below(g, L + (lc->include_none ? 1 : 0));
        d.pick = static_cast<std::size_t>(pick);
        if (pick < L) d.left_out.push_back(r.indicators[pick]);
      } else {
        // The first `count` places of a Fisher–Yates shuffle (Knuth, TAOCP 2, Algorithm P).
        std::vector<std::size_t> v = r.indicators;
        for (std::size_t s = 0; s < lc->count; ++s)
          std::swap(v[s], v[s + uniform_below(g, L - s)]);
        d.left_out.assign(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lc->count));
        std::sort(d.left_out.begin(), d.left_out.end());
      }
    } else {
      d.pick = static_cast<std::size_t>(uniform_below(g, r.n_alternatives));
    }
  }
}

void model::evaluate(std::span<const draw> draws, workspace& ws) const {
  if (draws.size() != inputs_.size())
    throw usage_error("robust::model::evaluate: " + std::to_string(draws.size()) + " draws for " +
                      std::to_string(inputs_.size()) + " inputs");
  const std::size_t ni = plan_.n_indicators();
  const auto& steps = plan_.node_steps();
  ws.columns.resize(ni);
  ws.alternative.assign(ni, 0);
  ws.weights.resize(steps.size());
  ws.aggregations.assign(steps.size(), nullptr);
  for (std::size_t t = 0; t < steps.size(); ++t) {
    if (touched_[t])
      ws.weights[t].assign(steps[t].weights.begin(), steps[t].weights.end());
    else
      ws.weights[t].clear();
  }
  std::size_t v = 0;
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const auto& r = inputs_[i];
    const auto& d = draws[i];
    const auto& ch = choices_.inputs[i].choice;
    switch (r.kind) {
    case 0: {
      if (d.weights.size() != r.n_weights)
        throw usage_error("robust::model::evaluate: input '" + choices_.inputs[i].id + "' needs " +
                          std::to_string(r.n_weights) + " weights, the draw has " +
                          std::to_string(d.weights.size()));
      auto it = d.weights.begin();
      for (auto t : r.steps) {
        const auto m = static_cast<std::ptrdiff_t>(steps[t].children.size());
        ws.weights[t].assign(it, it + m);
        it += m;
      }
      break;
    }
    case 1:
    case 2:
    case 4:
    case 5:
      if (d.pick >= r.n_alternatives)
        throw usage_error("robust::model::evaluate: input '" + choices_.inputs[i].id +
                          "': alternative " + std::to_string(d.pick) + " of " +
                          std::to_string(r.n_alternatives));
      if (r.kind == 1)
        for (auto k : r.indicators)
          ws.alternative[k] = d.pick;
      else if (r.kind == 2)
        for (auto t : r.steps)
          ws.aggregations[t] = &std::get<aggregation_choice>(ch).alternatives[d.pick];
      else
        v = d.pick + 1;
      break;
    default: break;
    }
  }
  // Left-out indicators last: weight 0 whatever a weight choice drew.
  for (std::size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i].kind == 3)
      for (auto k : draws[i].left_out) {
        if (k >= ni)
          throw usage_error("robust::model::evaluate: indicator index " + std::to_string(k) +
                            " out of range");
        for (auto [t, j] : parents_[k])
          ws.weights[t][j] = 0.0;
      }
  for (std::size_t k = 0; k < ni; ++k)
    ws.columns[k] =
        pool_.col(static_cast<Eigen::Index>(col_[v * n_slots_ + slot_[k] + ws.alternative[k]]))
            .data();
  evaluate_aggregates(plan_, ws.columns, values_.rows(), ws.weights, ws.aggregations, groups_,
                      ws.r);
}

result model::evaluate_full(std::span<const draw> draws) const {
  workspace ws;
  evaluate(draws, ws);
  const std::size_t ni = plan_.n_indicators();
  const auto n = values_.rows();
  result out;
  out.first_node = 0;
  out.scores.resize(n, static_cast<Eigen::Index>(plan_.n_nodes()));
  for (std::size_t k = 0; k < ni; ++k)
    out.scores.col(static_cast<Eigen::Index>(k)) =
        Eigen::Map<const Eigen::VectorXd>(ws.columns[k], n);
  out.scores.rightCols(ws.r.scores.cols()) = ws.r.scores;
  out.node_weights = ws.r.node_weights;
  out.rank = ws.r.rank;
  out.band = ws.r.band;
  std::size_t v = 0;
  if (data_input_ != static_cast<std::size_t>(-1)) v = draws[data_input_].pick + 1;
  for (std::size_t k = 0; k < ni; ++k) {
    const auto& d = pool_diagnostics_[col_[v * n_slots_ + slot_[k] + ws.alternative[k]]];
    out.diagnostics.insert(out.diagnostics.end(), d.begin(), d.end());
  }
  out.diagnostics.insert(out.diagnostics.end(), ws.r.diagnostics.begin(), ws.r.diagnostics.end());
  return out;
}

framework model::framework_of(std::span<const draw> draws) const {
  if (draws.size() != inputs_.size())
    throw usage_error("robust::model::framework_of: " + std::to_string(draws.size()) +
                      " draws for " + std::to_string(inputs_.size()) + " inputs");
  framework f = plan_.framework();
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const auto& r = inputs_[i];
    const auto& d = draws[i];
    const auto& ch = choices_.inputs[i].choice;
    if (r.kind == 0) {
      std::size_t at = 0;
      for (auto t : r.steps)
        for (auto& c : f.nodes[t].children)
          c.weight = d.weights.at(at++);
    } else if (r.kind == 1) {
      for (auto k : r.indicators)
        f.indicators[k].method = std::get<normalisation_choice>(ch).alternatives.at(d.pick);
    } else if (r.kind == 2) {
      for (auto t : r.steps)
        f.nodes[t].aggregation = std::get<aggregation_choice>(ch).alternatives.at(d.pick);
    } else if (r.kind == 5) {
      const auto& alt = std::get<preparation_choice>(ch).alternatives.at(d.pick);
      f.impute = alt.impute;
      f.treat = alt.treat;
    }
  }
  for (std::size_t i = 0; i < inputs_.size(); ++i)
    if (inputs_[i].kind == 3)
      for (auto k : draws[i].left_out)
        for (auto [t, j] : parents_.at(k))
          f.nodes[t].children[j].weight = 0.0;
  return f;
}

const Eigen::MatrixXd& model::data_of(std::span<const draw> draws) const {
  if (data_input_ == static_cast<std::size_t>(-1)) return values_;
  if (draws.size() != inputs_.size() ||
      draws[data_input_].pick >= inputs_[data_input_].n_alternatives)
    throw usage_error("robust::model::data_of: draws do not match the model's inputs");
  return data(draws[data_input_].pick + 1);
}

std::string model::describe(std::size_t i, const draw& d) const {
  const auto& r = inputs_.at(i);
  switch (r.kind) {
  case 0: {
    std::string out;
    std::size_t at = 0;
    for (auto t : r.steps) {
      out += (out.empty() ? "" : " ") + plan_.ids()[plan_.node_steps()[t].index] + "=[";
      for (std::size_t j = 0; j < plan_.node_steps()[t].children.size(); ++j)
        out += (j ? ", " : "") +
               chiso::detail::num(at < d.weights.size() ? d.weights[at++] : chiso::detail::nan);
      out += "]";
    }
    return out;
  }
  case 3: {
    if (d.left_out.empty()) return "none";
    std::string out;
    for (auto k : d.left_out)
      out += (out.empty() ? "" : ", ") + plan_.ids().at(k);
    return out;
  }
  default: return d.pick < r.labels.size() ? r.labels[d.pick] : "?";
  }
}

} // namespace chiso::robust
