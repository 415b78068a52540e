// The framework's checks (declared in include/chiso/framework.hpp), compiled once into libchiso.
#include "chiso/framework.hpp"
#include "chiso/time/targets.hpp"

namespace chiso {

column_context context_of(const indicator& ind) {
  column_context c;
  c.direction = ind.direction;
  auto tr = [&](const std::optional<double>& v) -> std::optional<double> {
    if (!v) return v;
    return apply(ind.transform, *v);
  };
  c.lower = tr(ind.lower);
  c.upper = tr(ind.upper);
  c.target = tr(ind.target);
  c.max_points = ind.points;
  c.id = ind.id;
  return c;
}

namespace detail {

std::string where(const std::string& origin) {
  return origin.empty() ? "" : origin + ": ";
}

namespace {

/// Rules broken by a treatment's settings (empty when usable).
std::vector<std::string> treatment_problems(const treatment& t) {
  std::vector<std::string> out;
  auto thresholds = [&](double skew, double kurt) {
    if (!std::isfinite(skew) || !std::isfinite(kurt))
      out.push_back("the skew and kurtosis thresholds must be finite numbers");
  };
  if (const auto* w = std::get_if<treat::winmax_options>(&t)) {
    thresholds(w->max_abs_skew, w->max_kurtosis);
  } else if (const auto* b = std::get_if<treat::box_cox_options>(&t)) {
    thresholds(b->max_abs_skew, b->max_kurtosis);
    if (!std::isfinite(b->lambda)) out.push_back("box_cox lambda must be a finite number");
  } else if (const auto* q = std::get_if<treat::quantile_options>(&t)) {
    thresholds(q->max_abs_skew, q->max_kurtosis);
    if (!(q->lower_p >= 0 && q->lower_p < q->upper_p && q->upper_p <= 1))
      out.push_back("quantile needs 0 <= lower < upper <= 1, got " + num(q->lower_p) + " and " +
                    num(q->upper_p));
  }
  return out;
}

/// Problems of the targets declared on indicator or node `owner` (`w` prefixes the messages).
void target_problems(const std::vector<time::tracked_target>& targets, bool is_node,
                     const std::string& w, std::vector<std::string>& out) {
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const auto& t = targets[k];
    const std::string at = w + "targets[" + std::to_string(k) + "]: ";
    try {
      time::validate(t.goal, t.options);
    } catch (const framework_error& e) {
      std::string msg = e.what();
      if (msg.rfind("target: ", 0) == 0) msg.erase(0, 8);
      out.push_back(at + msg);
    }
    if (is_node && t.of != time::target_of::score)
      out.push_back(at + "a node's target is on its score ('of: value' is for indicators)");
  }
}

} // namespace
} // namespace detail

std::vector<std::string> framework::problems() const {
  std::vector<std::string> out;
  std::unordered_map<std::string, int> kind; // 1 indicator, 2 node
  for (const auto& i : indicators) {
    const auto w = detail::where(i.origin);
    if (i.id.empty())
      out.push_back(w + "an indicator has an empty id");
    else if (!kind.emplace(i.id, 1).second)
      out.push_back(w + "duplicate id '" + i.id + "'");
    if (i.direction != 1 && i.direction != -1)
      out.push_back(w + "indicator '" + i.id + "': direction must be 1 or -1, got " +
                    std::to_string(i.direction));
    if (!std::isfinite(i.scale) || i.scale == 0)
      out.push_back(w + "indicator '" + i.id + "': scale must be finite and non-zero");
    if (i.lower && i.upper && !(*i.upper > *i.lower))
      out.push_back(w + "indicator '" + i.id + "': upper bound must exceed lower bound");
    if (i.valid_min && i.valid_max && !(*i.valid_max >= *i.valid_min))
      out.push_back(w + "indicator '" + i.id + "': valid range is empty");
    const bool rule = is_point_rule(i.method);
    if (!rule && (i.if_zero_denominator == empty_policy::full ||
                  i.if_missing_denominator == empty_policy::full))
      out.push_back(w + "indicator '" + i.id +
                    "': empty-denominator policy 'full' needs a point rule (full marks = points)");
    if (i.transform != transform::none) {
      for (auto [v, what] : {std::pair{i.lower, "lower"}, std::pair{i.upper, "upper"},
                             std::pair{i.target, "target"}})
        if (v && std::isnan(apply(i.transform, *v)))
          out.push_back(w + "indicator '" + i.id + "': " + what + " " + detail::num(*v) +
                        " is outside the domain of transform " +
                        std::string(to_string(i.transform)));
    }
    try {
      std::visit(
          [&](const auto& m) {
            if constexpr (requires { m.validate(context_of(i)); }) m.validate(context_of(i));
          },
          i.method);
    } catch (const framework_error& e) {
      out.push_back(w + e.what());
    }
    if (i.treatment)
      for (const auto& m : detail::treatment_problems(*i.treatment))
        out.push_back(w + "indicator '" + i.id + "': treatment: " + m);
    detail::target_problems(i.targets, false, w + "indicator '" + i.id + "': ", out);
    const bool weighted = i.merge.rule == time::combine_rule::weighted_mean;
    if (weighted && i.merge.weight.empty())
      out.push_back(w + "indicator '" + i.id + "': merge rule weighted_mean needs a weight column");
    if (!weighted && !i.merge.weight.empty())
      out.push_back(w + "indicator '" + i.id + "': merge rule " +
                    std::string(time::to_string(i.merge.rule)) + " takes no weight column ('" +
                    i.merge.weight + "')");
  }
  if (impute) {
    if (const auto* g = std::get_if<impute_by_group>(&impute->method); g && g->group.empty())
      out.push_back("impute: imputation by group needs the data's group column ('group')");
    if (const auto* e = std::get_if<impute_by_em>(&impute->method)) {
      if (!(e->options.tolerance > 0))
        out.push_back("impute: em tolerance must be > 0, got " + detail::num(e->options.tolerance));
      if (e->options.max_iterations == 0) out.push_back("impute: em max_iterations must be >= 1");
    }
  }
  if (impute_periods && (std::isnan(impute_periods->max_gap) || impute_periods->max_gap < 0))
    out.push_back("periods: impute: max_gap must be >= 0, got " +
                  detail::num(impute_periods->max_gap));
  if (treat)
    for (const auto& m : detail::treatment_problems(*treat))
      out.push_back("treat: " + m);
  for (const auto& n : nodes) {
    const auto w = detail::where(n.origin);
    if (n.id.empty())
      out.push_back(w + "a node has an empty id");
    else if (!kind.emplace(n.id, 2).second)
      out.push_back(w + "duplicate id '" + n.id + "'");
  }
  for (const auto& n : nodes) {
    const auto w = detail::where(n.origin) + "node '" + n.id + "': ";
    if (n.children.empty()) out.push_back(w + "has no children");
    double total = 0;
    bool bad_weight = false;
    for (std::size_t k = 0; k < n.children.size(); ++k) {
      const auto& c = n.children[k];
      if (!kind.count(c.id)) out.push_back(w + "unknown child '" + c.id + "'");
      for (std::size_t t = 0; t < k; ++t)
        if (n.children[t].id == c.id) out.push_back(w + "child '" + c.id + "' listed twice");
      if (!std::isfinite(c.weight) || c.weight < 0) {
        out.push_back(w + "weight of child '" + c.id + "' must be finite and >= 0, got " +
                      detail::num(c.weight));
        bad_weight = true;
      } else {
        total += c.weight;
      }
    }
    if (!n.children.empty() && !bad_weight && total == 0)
      out.push_back(w + "weights of its children sum to 0");
    if (!(n.min_coverage >= 0 && n.min_coverage <= 1))
      out.push_back(w + "min_coverage must be in [0, 1]");
    if (n.cap && !std::isfinite(*n.cap)) out.push_back(w + "cap must be finite");
    detail::target_problems(n.targets, true, w, out);
    try {
      std::visit(
          [&](const auto& a) {
            if constexpr (requires { a.validate(n.id, n.children.size()); })
              a.validate(n.id, n.children.size());
            else if constexpr (requires { a.validate(n.id); })
              a.validate(n.id);
          },
          n.aggregation);
    } catch (const framework_error& e) {
      out.push_back(detail::where(n.origin) + e.what());
    }
  }
  // Cycles: depth-first search with colours over nodes.
  std::unordered_map<std::string, const node*> by_id;
  for (const auto& n : nodes)
    by_id.emplace(n.id, &n);
  std::unordered_map<std::string, int> colour; // 0 new, 1 on stack, 2 done
  std::vector<std::string> path;
  std::vector<std::string> cycles;
  auto visit = [&](auto&& self, const node& n) -> void {
    colour[n.id] = 1;
    path.push_back(n.id);
    for (const auto& c : n.children) {
      auto it = by_id.find(c.id);
      if (it == by_id.end()) continue;
      const int col = colour[c.id];
      if (col == 1) {
        std::string cyc;
        auto from = std::find(path.begin(), path.end(), c.id);
        for (auto p = from; p != path.end(); ++p)
          cyc += *p + " -> ";
        cycles.push_back("cycle: " + cyc + c.id);
      } else if (col == 0) {
        self(self, *it->second);
      }
    }
    path.pop_back();
    colour[n.id] = 2;
  };
  for (const auto& n : nodes)
    if (colour[n.id] == 0) visit(visit, n);
  out.insert(out.end(), cycles.begin(), cycles.end());
  if (!root.empty()) {
    const auto it = kind.find(root);
    if (it == kind.end())
      out.push_back("root '" + root + "' is unknown: it must be the id of an aggregate node");
    else if (it->second != 2)
      out.push_back("root '" + root + "' is an indicator: it must be an aggregate node");
  }
  if (root.empty() && !nodes.empty()) {
    try {
      (void)root_id();
    } catch (const framework_error& e) {
      out.push_back(e.what());
    }
  }
  if (indicators.empty()) out.push_back("the framework has no indicators");
  if (nodes.empty())
    out.push_back(
        "the framework has no aggregate node: add a root node that combines the indicators");
  for (std::size_t k = 1; k < bands.size(); ++k)
    if (!(bands[k].min < bands[k - 1].min))
      out.push_back("bands must be listed by strictly decreasing min ('" + bands[k].label +
                    "' after '" + bands[k - 1].label + "')");
  if (display_decimals && (*display_decimals < 0 || *display_decimals > 15))
    out.push_back("display_decimals must be in [0, 15]");
  if (ranking.options.round_to && (*ranking.options.round_to < 0 || *ranking.options.round_to > 15))
    out.push_back("ranking round_to must be in [0, 15]");
  return out;
}

void framework::validate() const {
  const auto p = problems();
  if (p.empty()) return;
  std::string msg = p.size() == 1
                        ? "invalid framework: "
                        : "invalid framework (" + std::to_string(p.size()) + " problems):";
  for (const auto& s : p)
    msg += (p.size() == 1 ? "" : "\n  - ") + s;
  throw framework_error(msg);
}

std::string framework::root_id() const {
  if (!root.empty()) return root;
  std::unordered_set<std::string_view> children;
  for (const auto& m : nodes)
    for (const auto& c : m.children)
      children.insert(c.id);
  std::vector<std::string> tops;
  for (const auto& n : nodes)
    if (!children.count(n.id)) tops.push_back(n.id);
  if (tops.size() == 1) return tops[0];
  if (tops.empty()) throw framework_error("no root: every node is some node's child");
  std::string list;
  for (const auto& t : tops)
    list += (list.empty() ? "'" : ", '") + t + "'";
  throw framework_error("several nodes could be the root (" + list + "): name it with 'root'");
}

} // namespace chiso
