// The engine's plan (declared in include/chiso/plan.hpp), compiled once into libchiso.
#include "chiso/plan.hpp"

namespace chiso {

plan plan::compile(const chiso::framework& f, std::span<const std::string> columns) {
  f.validate();
  plan p;
  p.framework_ = f;
  std::unordered_map<std::string, std::size_t> col;
  for (std::size_t j = 0; j < columns.size(); ++j)
    col.emplace(columns[j], j);
  std::vector<std::string> absent;
  auto bind = [&](const std::string& name, const indicator& ind) {
    auto it = col.find(name);
    if (it != col.end()) return it->second;
    absent.push_back("'" + name + "' (indicator '" + ind.id + "')");
    return npos;
  };
  for (const auto& ind : f.indicators) {
    indicator_step s;
    s.column = bind(ind.source(), ind);
    if (!ind.denominator.empty()) s.denominator = bind(ind.denominator, ind);
    s.scale = ind.scale;
    s.transform = ind.transform;
    s.method = ind.method;
    s.context = context_of(ind);
    s.if_zero = ind.if_zero_denominator;
    s.if_missing = ind.if_missing_denominator;
    s.valid_min = ind.valid_min;
    s.valid_max = ind.valid_max;
    p.index_.emplace(ind.id, p.ids_.size());
    p.ids_.push_back(ind.id);
    p.indicators_.push_back(std::move(s));
  }
  if (!absent.empty()) {
    std::string list;
    for (const auto& a : absent)
      list += (list.empty() ? "" : ", ") + a;
    throw input_error("the data lacks column" + std::string(absent.size() > 1 ? "s " : " ") + list);
  }
  for (const auto& n : f.nodes) {
    p.index_.emplace(n.id, p.ids_.size());
    p.ids_.push_back(n.id);
  }
  const std::size_t ni = f.indicators.size();
  for (std::size_t k = 0; k < f.nodes.size(); ++k) {
    const auto& n = f.nodes[k];
    node_step s;
    s.index = ni + k;
    for (const auto& c : n.children) {
      s.children.push_back(p.index_.at(c.id));
      s.weights.push_back(c.weight);
    }
    s.aggregation = n.aggregation;
    s.min_coverage = n.min_coverage;
    s.cap = n.cap;
    s.weights_from = n.weights_from;
    p.nodes_.push_back(std::move(s));
  }
  // Topological order (validate() has rejected cycles): depth-first post-order.
  std::vector<unsigned char> done(p.nodes_.size(), 0);
  auto visit = [&](auto&& self, std::size_t k) -> void {
    if (done[k]) return;
    done[k] = 1;
    for (auto c : p.nodes_[k].children)
      if (c >= ni) self(self, c - ni);
    p.order_.push_back(k);
  };
  for (std::size_t k = 0; k < p.nodes_.size(); ++k)
    visit(visit, k);
  p.root_ = f.nodes.empty() ? 0 : p.index_.at(f.root_id());
  p.prepares_ = f.impute.has_value() || f.impute_periods.has_value() ||
                std::any_of(f.indicators.begin(), f.indicators.end(), [&](const indicator& i) {
                  return i.treat && (i.treatment || f.treat);
                });
  return p;
}

Eigen::MatrixXd plan::compute_effective_weights() const {
  const std::size_t ni = indicators_.size();
  Eigen::MatrixXd E =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(ids_.size()), static_cast<Eigen::Index>(ni));
  for (std::size_t i = 0; i < ni; ++i)
    E(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)) = 1.0;
  for (auto k : order_) {
    const auto& s = nodes_[k];
    double total = 0;
    for (double w : s.weights)
      total += w;
    const bool sum = std::holds_alternative<aggregate::weighted_sum>(s.aggregation);
    for (std::size_t j = 0; j < s.children.size(); ++j)
      E.row(static_cast<Eigen::Index>(s.index)) += (sum ? s.weights[j] : s.weights[j] / total) *
                                                   E.row(static_cast<Eigen::Index>(s.children[j]));
  }
  return E;
}

std::vector<data_problem> plan::check(Eigen::Ref<const Eigen::MatrixXd> values) const {
  std::vector<data_problem> out;
  for (Eigen::Index i = 0; i < values.rows(); ++i)
    for (std::size_t k = 0; k < indicators_.size(); ++k) {
      const auto& s = indicators_[k];
      if (!s.valid_min && !s.valid_max) continue;
      const double v = values(i, static_cast<Eigen::Index>(s.column));
      if (std::isnan(v)) continue;
      if ((s.valid_min && v < *s.valid_min) || (s.valid_max && v > *s.valid_max)) {
        std::string range = "[" + (s.valid_min ? detail::num(*s.valid_min) : "-inf") + ", " +
                            (s.valid_max ? detail::num(*s.valid_max) : "inf") + "]";
        out.push_back({static_cast<std::size_t>(i), s.column, v,
                       "indicator '" + ids_[k] + "' must lie in " + range});
      }
    }
  return out;
}

} // namespace chiso
