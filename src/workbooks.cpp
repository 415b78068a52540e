// Results shaped into Excel workbooks (chiso/io/workbooks.hpp).
#include "chiso/io/workbooks.hpp"

#include "chiso/error.hpp"
#include "chiso/io/spec.hpp"
#include "chiso/io/stats_tables.hpp"
#include "chiso/plan.hpp"
#include "chiso/rank.hpp"
#include "chiso/score.hpp"

#include <cmath>
#include <functional>
#include <limits>

namespace chiso::io {

namespace {

/// Copies cell (i, j) of `from` as the next cell of `to`.
void workbook_copy_cell(table& to, const table& from, std::size_t i, std::size_t j) {
  const auto& c = from.at(i, j);
  if (const auto* s = std::get_if<std::string>(&c))
    to.text(*s);
  else if (const auto* d = std::get_if<double>(&c))
    to.number(*d);
  else
    to.missing();
}

/// The plan index of `id` when it names a node or indicator of `p`, else npos.
std::size_t workbook_index(const plan& p, const std::string& id) {
  return p.contains(id) ? p.index(id) : plan::npos;
}

std::string workbook_method_text(const std::function<std::string()>& text) {
  try {
    return text();
  } catch (const usage_error&) {
    return "custom"; // a callable plugged in from C++ has no spec text
  }
}

/// Sheet of per-unit scores or ranks: [period,] unit columns, then one column per node of
/// `nodes` (named by its id) holding `value(view, k)`.
table workbook_unit_sheet(
    const plan& p, std::span<const scored_view> periods, bool period,
    const std::vector<std::size_t>& nodes, column_type type, std::optional<int> digits,
    const std::function<Eigen::VectorXd(const scored_view&, std::size_t)>& value) {
  table t;
  if (period) t.add_column({"period"});
  periods.front().units.add_columns(t);
  for (auto k : nodes)
    t.add_column({p.ids()[k], type, type == column_type::number ? digits : std::nullopt});
  for (const auto& v : periods) {
    std::vector<Eigen::VectorXd> cols;
    for (auto k : nodes)
      cols.push_back(value(v, k));
    for (std::size_t u = 0; u < v.units.size(); ++u) {
      t.row();
      if (period) t.text(v.period);
      v.units.add_cells(t, u);
      for (const auto& c : cols)
        t.number(c[static_cast<Eigen::Index>(u)]);
    }
  }
  return t;
}

std::size_t workbook_unit_columns(const unit_rows& u) {
  return 1 + (u.names ? 1 : 0) + (u.group_by.empty() ? 0 : 1);
}

} // namespace

const std::string& node_name(const plan& p, std::size_t k) {
  const auto& f = p.framework();
  const std::size_t ni = p.n_indicators();
  return k < ni ? f.indicators[k].name : f.nodes[k - ni].name;
}

std::vector<std::string> node_labels(const plan& p, const table& t) {
  std::vector<std::string> out;
  bool any = false;
  for (const auto& c : t.columns()) {
    std::size_t k = plan::npos;
    if (c.type == column_type::number || c.type == column_type::rank) {
      k = workbook_index(p, c.name);
      if (k == plan::npos && c.type == column_type::rank && c.name.rfind("rank_", 0) == 0)
        k = workbook_index(p, c.name.substr(5));
    }
    out.push_back(k == plan::npos ? std::string() : node_name(p, k));
    any = any || !out.back().empty();
  }
  if (!any) out.clear();
  return out;
}

table with_node_names(const plan& p, const table& t, std::size_t after,
                      const std::string& name_column) {
  if (after >= t.n_columns())
    throw usage_error("with_node_names: column " + std::to_string(after) + " of " +
                      std::to_string(t.n_columns()));
  table out;
  for (std::size_t j = 0; j < t.n_columns(); ++j) {
    out.add_column(t.columns()[j]);
    if (j == after) out.add_column({name_column});
  }
  for (std::size_t i = 0; i < t.n_rows(); ++i) {
    out.row();
    for (std::size_t j = 0; j < t.n_columns(); ++j) {
      workbook_copy_cell(out, t, i, j);
      if (j != after) continue;
      const auto* id = std::get_if<std::string>(&t.at(i, j));
      const std::size_t k = id ? workbook_index(p, *id) : plan::npos;
      if (k == plan::npos || node_name(p, k).empty())
        out.missing();
      else
        out.text(node_name(p, k));
    }
  }
  return out;
}

table framework_table(const plan& p) {
  table t({{"depth", column_type::integer},
           {"parent"},
           {"id"},
           {"name"},
           {"kind"},
           {"weight", column_type::number},
           {"share", column_type::number},
           {"effective_weight", column_type::number},
           {"method"},
           {"direction", column_type::integer},
           {"unit"},
           {"weights"}});
  const auto& f = p.framework();
  const std::size_t ni = p.n_indicators();
  const auto& ids = p.ids();
  const bool tree = p.n_nodes() > ni;
  std::vector<std::size_t> step_of(p.n_nodes(), plan::npos);
  for (std::size_t s = 0; s < p.node_steps().size(); ++s)
    step_of[p.node_steps()[s].index] = s;
  const Eigen::MatrixXd* E = tree ? &p.effective_weights() : nullptr;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();

  const std::function<void(std::size_t, std::size_t, std::size_t, double, double)> visit =
      [&](std::size_t k, std::size_t depth, std::size_t parent, double weight, double share) {
        t.row().count(depth);
        if (parent == plan::npos)
          t.missing();
        else
          t.text(ids[parent]);
        t.text(ids[k]);
        if (node_name(p, k).empty())
          t.missing();
        else
          t.text(node_name(p, k));
        if (k < ni) {
          const auto& ind = f.indicators[k];
          t.text("indicator").number(weight).number(share);
          t.number(E ? (*E)(static_cast<Eigen::Index>(p.root()), static_cast<Eigen::Index>(k))
                     : nan);
          t.text(workbook_method_text([&] { return method_text(p.indicator_steps()[k].method); }));
          t.number(ind.direction);
          if (ind.unit.empty())
            t.missing();
          else
            t.text(ind.unit);
          t.missing();
          return;
        }
        const auto& s = p.node_steps()[step_of[k]];
        t.text("node").number(weight).number(share).missing();
        t.text(workbook_method_text([&] { return aggregation_text(s.aggregation); }));
        t.missing().missing();
        t.text(s.weights_from ? "from the data: " + std::string(name_of(*s.weights_from))
                              : std::string("declared"));
        double total = 0;
        for (double w : s.weights)
          total += w;
        for (std::size_t j = 0; j < s.children.size(); ++j)
          visit(s.children[j], depth + 1, k, s.weights[j],
                s.weights_from || !(total > 0) ? nan : s.weights[j] / total);
      };
  if (tree) {
    visit(p.root(), 0, plan::npos, nan, nan);
  } else {
    for (std::size_t k = 0; k < ni; ++k)
      visit(k, 0, plan::npos, nan, nan);
  }
  return t;
}

workbook score_workbook(const plan& p, std::span<const scored_view> periods,
                        const score_workbook_options& o) {
  if (periods.empty()) throw usage_error("score_workbook: no scored period");
  const auto& f = p.framework();
  xlsx_options xo;
  xo.digits = o.digits ? o.digits : f.display_decimals;
  xo.title = f.name.empty() ? f.id : f.name;
  workbook w(xo);
  const auto& first = periods.front();
  const std::size_t unit_cols = workbook_unit_columns(first.units) + (o.period ? 1 : 0);

  // The node columns, as `chiso score` lists them: root first, then the others in spec order
  // (every indicator for a framework without nodes).
  const std::size_t ni = p.n_indicators();
  std::vector<std::size_t> nodes;
  if (p.n_nodes() == ni) {
    for (std::size_t k = 0; k < ni; ++k)
      nodes.push_back(k);
  } else {
    nodes.push_back(p.root());
    for (std::size_t k = ni; k < p.n_nodes(); ++k)
      if (k != p.root()) nodes.push_back(k);
  }
  bool kept = true;
  for (const auto& v : periods)
    kept =
        kept && v.r->first_node == 0 && static_cast<std::size_t>(v.r->scores.cols()) == p.n_nodes();

  score_layout l;
  l.nodes = nodes;
  l.period = o.period;
  l.digits = o.digits;
  table scores = score_table(p.ids(), first.units, !o.band_labels.empty(), l);
  for (const auto& v : periods)
    add_score_rows(scores, v.units, *v.r, o.band_labels, l, {}, v.period);
  auto labels = node_labels(p, scores);
  w.add({"scores", std::move(scores), std::move(labels), unit_cols});

  std::vector<std::size_t> ranked = nodes;
  if (kept && p.n_nodes() > ni)
    for (std::size_t k = 0; k < ni; ++k)
      ranked.push_back(k);
  table ranks = workbook_unit_sheet(p, periods, o.period, ranked, column_type::rank, std::nullopt,
                                    [&](const scored_view& v, std::size_t k) {
                                      Eigen::VectorXd r(v.r->scores.rows());
                                      chiso::rank(v.r->node(k), f.ranking.options, v.groups, r);
                                      return r;
                                    });
  labels = node_labels(p, ranks);
  w.add({"ranks", std::move(ranks), std::move(labels), unit_cols});

  if (kept && o.indicators && p.n_nodes() > ni) {
    std::vector<std::size_t> inds;
    for (std::size_t k = 0; k < ni; ++k)
      inds.push_back(k);
    table t = workbook_unit_sheet(
        p, periods, o.period, inds, column_type::number, o.digits,
        [](const scored_view& v, std::size_t k) { return Eigen::VectorXd(v.r->node(k)); });
    labels = node_labels(p, t);
    w.add({"indicators", std::move(t), std::move(labels), unit_cols});
  }

  table diag;
  if (o.period) diag.add_column({"period"});
  for (const char* c : {"code", "node", "node_name", "unit", "message"})
    diag.add_column({c});
  for (const auto& v : periods)
    for (const auto& g : v.r->diagnostics) {
      diag.row();
      if (o.period) diag.text(v.period);
      diag.text(to_string(g.code)).text(p.ids()[g.node]);
      if (node_name(p, g.node).empty())
        diag.missing();
      else
        diag.text(node_name(p, g.node));
      if (g.unit == diagnostic::npos)
        diag.missing();
      else
        diag.text(v.units.ids[g.unit]);
      diag.text(g.message);
    }
  w.add({"diagnostics", std::move(diag), {}, 0});
  w.add({"methods", framework_table(p), {}, 3, false});
  return w;
}

workbook stats_workbook(const plan& p, const analysis::stats_report& s, std::optional<int> digits) {
  const auto& f = p.framework();
  xlsx_options xo;
  xo.digits = digits ? digits : f.display_decimals;
  xo.title = f.name.empty() ? f.id : f.name;
  workbook w(xo);
  const auto& ids = p.ids();
  w.add({"indicators", with_node_names(p, stats_table(s, ids, digits, true), 0), {}, 2});
  table corr = with_node_names(p, correlation_table(s, ids, digits), 0);
  auto labels = node_labels(p, corr);
  w.add({"correlation", std::move(corr), std::move(labels), 2});
  w.add({"nodes", with_node_names(p, nodes_table(s, ids, digits), 0), {}, 2});
  w.add({"children",
         with_node_names(p, with_node_names(p, with_parent_table(s, ids, digits), 1, "child_name"),
                         0, "node_name"),
         {},
         0});
  w.add({"flags", flags_table(s, ids, digits, true), {}, 0});
  w.add({"methods", framework_table(p), {}, 3, false});
  return w;
}

} // namespace chiso::io
