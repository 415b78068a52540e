// Live updates of a scored dataset (declared in include/chiso/live/scoreboard.hpp), compiled
// once into libchiso.
#include "chiso/live/scoreboard.hpp"

#include "chiso/error.hpp"
#include "engine/locality.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace chiso::live {

namespace detail {

inline bool same_bits(double a, double b) noexcept {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace detail

scoreboard::scoreboard(plan p, Eigen::MatrixXd values, std::vector<std::uint32_t> groups)
    : plan_(std::move(p)), values_(std::move(values)), groups_(std::move(groups)) {
  if (plan_.prepares())
    throw usage_error("live::scoreboard: the framework imputes or treats outliers; live "
                      "updates need a framework without data preparation (rescore with "
                      "evaluate instead)");
  evaluate_all();
  const std::size_t ni = plan_.n_indicators();
  readers_.resize(static_cast<std::size_t>(values_.cols()));
  for (std::size_t k = 0; k < ni; ++k) {
    const auto& s = plan_.indicator_steps()[k];
    readers_[s.column].push_back(k);
    if (s.denominator != plan::npos && s.denominator != s.column)
      readers_[s.denominator].push_back(k);
  }
  // Topological position of every aggregate, and each node's parents.
  topo_.assign(plan_.n_nodes(), 0);
  parents_.resize(plan_.n_nodes());
  for (std::size_t t = 0; t < plan_.order().size(); ++t) {
    const auto& s = plan_.node_steps()[plan_.order()[t]];
    topo_[s.index] = t;
    for (auto c : s.children)
      parents_[c].push_back(plan_.order()[t]);
  }
  // Columns under a node whose weights come from the data (weights_from): its weights depend
  // on every unit's children, so one changed cell moves every unit's parent (and the weight
  // rule's warnings): such updates evaluate everything again.
  std::vector<unsigned char> data_weights(plan_.n_nodes(), 0);
  for (auto it = plan_.order().rbegin(); it != plan_.order().rend(); ++it) {
    const auto& s = plan_.node_steps()[*it];
    if (s.weights_from) data_weights[s.index] = 1;
    for (auto c : s.children)
      data_weights[c] = data_weights[c] || data_weights[s.index];
  }
  whole_.assign(readers_.size(), 0);
  for (std::size_t c = 0; c < readers_.size(); ++c)
    for (auto k : readers_[c])
      whole_[c] = whole_[c] || data_weights[k];
  state_.assign(plan_.n_nodes(), clean);
  observed_.assign(ni, 0);
  for (std::size_t k = 0; k < ni; ++k)
    for (Eigen::Index i = 0; i < values_.rows(); ++i)
      observed_[k] += x_observed(k, i);
}

void scoreboard::set(std::size_t unit, std::size_t column, double value) {
  if (unit >= static_cast<std::size_t>(values_.rows()) ||
      column >= static_cast<std::size_t>(values_.cols()))
    throw usage_error("scoreboard::set: unit " + std::to_string(unit) + ", column " +
                      std::to_string(column) + " out of range (" + std::to_string(values_.rows()) +
                      " units, " + std::to_string(values_.cols()) + " columns)");
  const auto u = static_cast<Eigen::Index>(unit);
  if (whole_[column]) {
    for (auto k : readers_[column])
      observed_[k] -= x_observed(k, u);
    values_(u, static_cast<Eigen::Index>(column)) = value;
    for (auto k : readers_[column])
      observed_[k] += x_observed(k, u);
    evaluate_all();
    ++stats_.evaluations;
    return;
  }
  was_observed_.clear();
  for (auto k : readers_[column])
    was_observed_.push_back(observed_[k]);
  for (auto k : readers_[column])
    observed_[k] -= x_observed(k, u);
  values_(u, static_cast<Eigen::Index>(column)) = value;
  for (auto k : readers_[column])
    observed_[k] += x_observed(k, u);
  pending_.clear();
  for (std::size_t t = 0; t < readers_[column].size(); ++t) {
    const auto k = readers_[column][t];
    // A one-unit rescoring cannot tell whether the column is empty: only when it is
    // non-empty before and after.
    rescore_indicator(k, unit, was_observed_[t] > 0 && observed_[k] > 0);
  }
  // Aggregates in topological order: `pending_` holds node-step positions, kept sorted.
  while (!pending_.empty()) {
    const auto pos = pending_.front();
    std::pop_heap(pending_.begin(), pending_.end(), later());
    pending_.pop_back();
    recompute_node(pos, unit);
  }
  const auto root = plan_.root();
  if (state_[root] == all_units) {
    ranked_ = ranked_scores(r_.node(root), plan_.framework().ranking.options, groups_);
    ++stats_.rank_rebuilds;
  } else if (state_[root] == one_unit) {
    ranked_.update(unit, r_.node(root)[u]);
  }
  std::fill(state_.begin(), state_.end(), clean);
}

void scoreboard::evaluate_all() {
  evaluate(plan_, values_, groups_, r_);
  ranked_ = ranked_scores(r_.node(plan_.root()), plan_.framework().ranking.options, groups_);
  node_diags_.assign(plan_.n_nodes(), {});
  for (auto& d : r_.diagnostics)
    node_diags_[d.node].push_back(std::move(d));
  r_.diagnostics.clear();
}

std::vector<diagnostic> scoreboard::diagnostics() const {
  std::vector<std::size_t> nodes(plan_.n_nodes());
  for (std::size_t k = 0; k < nodes.size(); ++k)
    nodes[k] = k;
  const std::size_t ni = plan_.n_indicators();
  std::stable_sort(nodes.begin(), nodes.end(), [&](std::size_t a, std::size_t b) {
    const auto ka = a < ni ? a : ni + topo_[a], kb = b < ni ? b : ni + topo_[b];
    return ka < kb;
  });
  std::vector<diagnostic> out;
  for (auto k : nodes)
    out.insert(out.end(), node_diags_[k].begin(), node_diags_[k].end());
  return out;
}

bool scoreboard::x_observed(std::size_t k, Eigen::Index i) const {
  const auto& s = plan_.indicator_steps()[k];
  double v = values_(i, static_cast<Eigen::Index>(s.column));
  if (std::isnan(v)) return false;
  if (s.denominator != plan::npos) {
    const double d = values_(i, static_cast<Eigen::Index>(s.denominator));
    if (std::isnan(d) || d == 0) return false;
    v /= d;
  }
  v *= s.scale;
  return !std::isnan(s.transform == transform::none ? v : apply(s.transform, v));
}

void scoreboard::mark(std::size_t node, change c) {
  if (c == clean || state_[node] == all_units) return;
  const bool fresh = state_[node] == clean;
  state_[node] = c;
  if (!fresh) return;
  for (auto pos : parents_[node])
    if (std::find(pending_.begin(), pending_.end(), pos) == pending_.end()) {
      pending_.push_back(pos);
      std::push_heap(pending_.begin(), pending_.end(), later());
    }
}

void scoreboard::replace_unit_diags(std::size_t k, std::size_t unit) {
  auto& v = node_diags_[k];
  v.erase(std::remove_if(v.begin(), v.end(), [&](const diagnostic& d) { return d.unit == unit; }),
          v.end());
  for (auto& d : scratch_)
    if (d.unit != diagnostic::npos) {
      d.unit = unit;
      // Unit order within the node, as a column-wise evaluation records them.
      auto at =
          std::upper_bound(v.begin(), v.end(), d, [](const diagnostic& a, const diagnostic& b) {
            const auto ua = a.unit == diagnostic::npos ? 0 : a.unit + 1;
            const auto ub = b.unit == diagnostic::npos ? 0 : b.unit + 1;
            return ua < ub;
          });
      v.insert(at, std::move(d));
    }
}

scoreboard::change scoreboard::store_column(std::size_t k, std::size_t unit) {
  auto col = r_.scores.col(static_cast<Eigen::Index>(k));
  bool other = false, own = false;
  for (Eigen::Index i = 0; i < col.size(); ++i)
    if (!detail::same_bits(col[i], column_[i])) {
      (static_cast<std::size_t>(i) == unit ? own : other) = true;
    }
  col = column_;
  node_diags_[k] = std::move(scratch_);
  scratch_.clear();
  ++stats_.columns;
  return other ? all_units : own ? one_unit : clean;
}

void scoreboard::rescore_indicator(std::size_t k, std::size_t unit, bool non_empty) {
  const auto& s = plan_.indicator_steps()[k];
  const bool one = non_empty && chiso::detail::scores_units_alone(s);
  const auto u = static_cast<Eigen::Index>(unit);
  scratch_.clear();
  if (one) {
    double y = 0;
    Eigen::Map<Eigen::VectorXd> out(&y, 1);
    chiso::detail::score_indicator(plan_, k, values_.middleRows(u, 1), out, scratch_, r_.workspace);
    ++stats_.cells;
    replace_unit_diags(k, unit);
    double& old = r_.scores(u, static_cast<Eigen::Index>(k));
    if (detail::same_bits(old, y)) return;
    old = y;
    mark(k, one_unit);
    return;
  }
  column_.resize(values_.rows());
  chiso::detail::score_indicator(plan_, k, values_, column_, scratch_, r_.workspace);
  mark(k, store_column(k, unit));
}

void scoreboard::recompute_node(std::size_t pos, std::size_t unit) {
  const auto& s = plan_.node_steps()[pos];
  bool whole = false;
  for (auto c : s.children)
    whole = whole || state_[c] == all_units;
  whole = whole || !chiso::detail::aggregates_units_alone(s.aggregation);
  auto& ws = r_.workspace;
  ws.child_ptrs.resize(s.children.size());
  scratch_.clear();
  std::swap(r_.diagnostics, scratch_);
  if (whole) {
    for (std::size_t j = 0; j < s.children.size(); ++j)
      ws.child_ptrs[j] = r_.scores.col(static_cast<Eigen::Index>(s.children[j])).data();
    column_.resize(values_.rows());
    chiso::detail::aggregate_node(plan_, s, s.weights, s.aggregation, values_.rows(),
                                  column_.data(), r_);
    std::swap(r_.diagnostics, scratch_);
    mark(s.index, store_column(s.index, unit));
    return;
  }
  const auto u = static_cast<Eigen::Index>(unit);
  for (std::size_t j = 0; j < s.children.size(); ++j)
    ws.child_ptrs[j] = &r_.scores(u, static_cast<Eigen::Index>(s.children[j]));
  double y = 0;
  chiso::detail::aggregate_node(plan_, s, s.weights, s.aggregation, 1, &y, r_);
  std::swap(r_.diagnostics, scratch_);
  ++stats_.cells;
  replace_unit_diags(s.index, unit);
  double& old = r_.scores(u, static_cast<Eigen::Index>(s.index));
  if (detail::same_bits(old, y)) return;
  old = y;
  mark(s.index, one_unit);
}

} // namespace chiso::live
