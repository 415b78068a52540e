// The result tables shaped once for the CLI and Python (chiso/io/result_tables.hpp).
#include "chiso/io/result_tables.hpp"

#include "chiso/rank.hpp"
#include "chiso/robust/model.hpp"
#include "chiso/robust/sensitivity.hpp"
#include "chiso/robust/uncertainty.hpp"
#include "chiso/score.hpp"
#include "chiso/time/series.hpp"
#include "chiso/time/targets.hpp"
#include "chiso/time/trend.hpp"

#include <cstdint>
#include <limits>

namespace chiso::io {

namespace {

const std::string& result_table_cell(std::span<const std::string> cells, std::size_t u) {
  static const std::string blank;
  return cells.empty() ? blank : cells[u];
}

} // namespace

void unit_rows::add_columns(table& t, bool group_key) const {
  t.add_column({"unit"});
  if (names) t.add_column({"name"});
  if (!group_by.empty())
    t.add_column({group_by, column_type::text, {}, "", group_key ? "group" : ""});
}

void unit_rows::add_cells(table& t, std::size_t u) const {
  t.text(ids[u]);
  if (names) t.text(result_table_cell(unit_names, u));
  if (!group_by.empty()) t.text(result_table_cell(groups, u));
}

table score_table(const std::vector<std::string>& ids, const unit_rows& units, bool bands,
                  const score_layout& l) {
  table t;
  const auto number = [&](std::size_t k, const char* group) {
    t.add_column({ids[k], column_type::number, l.digits, group});
  };
  if (l.rank_first) t.add_column({"rank", column_type::rank});
  if (l.period) t.add_column({"period"});
  units.add_columns(t);
  for (auto k : l.nodes)
    number(k, "scores");
  for (auto k : l.indicators)
    number(k, "indicators");
  if (!l.rank_first) {
    t.add_column({"rank", column_type::rank});
    for (auto k : l.ranked)
      t.add_column({"rank_" + ids[k], column_type::rank, {}, "ranks", ids[k]});
  }
  if (bands) t.add_column({"band"});
  return t;
}

void add_score_rows(table& t, const unit_rows& units, const result& r,
                    const std::vector<std::string>& band_labels, const score_layout& l,
                    const ranked_columns& ranks, std::string_view period) {
  std::vector<const double*> cols; // the score columns written, wherever `r` keeps them
  for (const auto& list : {l.nodes, l.indicators})
    for (auto k : list)
      cols.push_back(r.node(k).data());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const auto i = static_cast<Eigen::Index>(u);
    t.row();
    if (l.rank_first) t.number(r.rank[i]);
    if (l.period) t.text(period);
    units.add_cells(t, u);
    for (const double* c : cols)
      t.number(c[u]);
    if (!l.rank_first) {
      t.number(r.rank[i]);
      for (const auto& [k, rk] : ranks)
        t.number(rk[i]);
    }
    if (!band_labels.empty()) {
      const int b = r.band[u];
      if (b < 0)
        t.missing();
      else
        t.text(band_labels[static_cast<std::size_t>(b)]);
    }
  }
}

table trend_table(const unit_rows& units, std::optional<int> digits) {
  table t({{"node"}});
  units.add_columns(t, false);
  for (const char* c : {"from", "to", "base"})
    t.add_column({c});
  for (const char* c : {"score_from", "score_to", "score_change"})
    t.add_column({c, column_type::number, digits});
  for (const char* c : {"rank_from", "rank_to", "rank_change"})
    t.add_column({c, column_type::rank});
  t.add_column({"status"});
  return t;
}

void add_trend_rows(table& t, const unit_rows& units, std::string_view node,
                    const Eigen::MatrixXd& scores, const Eigen::MatrixXd& ranks,
                    const time::trend_result& ch, std::span<const std::string> labels,
                    Eigen::Index from, Eigen::Index to) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const auto label = [&](Eigen::Index k) -> const std::string& {
    return labels[static_cast<std::size_t>(k)];
  };
  for (Eigen::Index c = 0; c < ch.score_change.cols(); ++c) {
    const Eigen::Index t0 = from >= 0 ? from : c;
    const Eigen::Index t1 = from >= 0 ? to : c + 1;
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      const int base = ch.base_period(i, c);
      t.row().text(node);
      units.add_cells(t, u);
      t.text(label(t0)).text(label(t1)).text(base >= 0 ? label(base) : std::string());
      t.number(base >= 0 ? scores(i, base) : nan).number(scores(i, t1));
      t.number(ch.score_change(i, c));
      t.number(base >= 0 ? ranks(i, base) : nan).number(ranks(i, t1)).number(ch.rank_change(i, c));
      t.text(time::to_string(ch.status_at(i, c)));
    }
  }
}

table targets_table(const unit_rows& units, bool summary, std::optional<int> digits) {
  table t({{"id"},
           {"kind"},
           {"of"},
           {"target", column_type::number},
           {"deadline", column_type::number},
           {"period"}});
  if (summary) {
    if (!units.group_by.empty()) t.add_column({units.group_by});
    for (std::size_t st = 0; st < time::n_target_statuses; ++st)
      t.add_column({std::string(time::to_string(static_cast<time::target_status>(st))),
                    column_type::integer});
    t.add_column({"total", column_type::integer});
    return t;
  }
  units.add_columns(t, false);
  for (const char* c : {"value", "attainment", "gap", "progress", "required_growth"})
    t.add_column({c, column_type::number, digits});
  t.add_column({"growth_case"});
  for (const char* c : {"historical_growth", "projection_least_squares", "projection_last_two",
                        "projection_compound"})
    t.add_column({c, column_type::number, digits});
  t.add_column({"observations", column_type::integer});
  t.add_column({"projection"});
  t.add_column({"status"});
  return t;
}

void add_target_rows(table& t, const unit_rows& units, const time::declared_target& x,
                     const Eigen::MatrixXd& values, const time::target_result& res,
                     const time::panel_units& present, std::span<const std::string> labels,
                     bool summary) {
  const auto& g = x.target;
  const bool grouped = !units.group_by.empty();
  // Group codes over all units (dense, in order of first appearance); empty: one group.
  std::vector<std::uint32_t> codes;
  std::vector<std::string> group_label;
  if (summary && grouped) {
    std::vector<std::string> labels_of(units.groups.begin(), units.groups.end());
    labels_of.resize(units.size());
    codes = group_codes(labels_of);
    for (std::size_t u = 0; u < codes.size(); ++u)
      if (codes[u] >= group_label.size()) group_label.push_back(labels_of[u]);
  }
  if (!grouped) group_label.push_back("");
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const auto kk = static_cast<Eigen::Index>(k);
    auto head = [&]() {
      t.row().text(x.id).text(x.kind()).text(time::to_string(g.of));
      t.number(g.goal.value).number(g.goal.deadline).text(labels[k]);
    };
    if (summary) {
      const auto counts = time::count_present(res, present, k, codes);
      for (std::uint32_t c = 0; c < group_label.size(); ++c) {
        head();
        if (grouped) t.text(group_label[c]);
        std::size_t total = 0;
        for (std::size_t st = 0; st < time::n_target_statuses; ++st) {
          const auto s = static_cast<time::target_status>(st);
          t.count(counts.count(c, s));
          total += counts.count(c, s);
        }
        t.count(total);
      }
      continue;
    }
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (!present.present(k, u)) continue;
      const auto i = static_cast<Eigen::Index>(u);
      head();
      units.add_cells(t, u);
      t.number(values(i, kk)).number(res.attainment(i, kk)).number(res.gap(i, kk));
      t.number(res.progress(i, kk)).number(res.required_growth(i, kk));
      t.text(time::to_string(res.growth_case_at(i, kk)));
      t.number(res.historical_growth(i, kk)).number(res.projection_least_squares(i, kk));
      t.number(res.projection_last_two(i, kk)).number(res.projection_compound(i, kk));
      t.number(res.observations(i, kk));
      t.text(time::to_string(g.options.projection));
      t.text(time::to_string(res.status_at(i, kk)));
    }
  }
}

table uncertainty_table(const unit_rows& units, const robust::uncertainty_result& r,
                        std::optional<int> digits, std::optional<std::size_t> node) {
  table t;
  units.add_columns(t);
  if (!node) t.add_column({"node"});
  t.add_column({"nominal_score", column_type::number, digits});
  t.add_column({"nominal_rank", column_type::rank});
  for (const char* what : {"rank", "score"})
    for (const char* stat : {"mean", "median", "lower", "upper"})
      t.add_column({std::string(what) + "_" + stat, column_type::number, digits, what, stat});
  t.add_column({"missing", column_type::integer});
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    if (node && c != *node) continue;
    const auto& x = r.nodes[c];
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto i = static_cast<Eigen::Index>(u);
      t.row();
      units.add_cells(t, u);
      if (!node) t.text(x.id);
      t.number(x.nominal_score[i]).number(x.nominal_rank[i]);
      for (const auto* d : {&x.rank, &x.score})
        t.number(d->mean[i]).number(d->median[i]).number(d->lower[i]).number(d->upper[i]);
      t.count(x.missing[u]);
    }
  }
  return t;
}

table sensitivity_table(const unit_rows& units, const robust::sensitivity_result& r,
                        std::optional<int> digits, bool per_unit) {
  table t;
  if (per_unit) units.add_columns(t);
  t.add_column({"input"});
  for (const char* c :
       {"first", "first_lower", "first_upper", "total", "total_lower", "total_upper"})
    t.add_column({c, column_type::number, digits});
  if (!per_unit) {
    const auto& x = r.mean_abs_rank_shift;
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
      const auto j = static_cast<Eigen::Index>(i);
      t.row().text(r.inputs[i]).number(x.first[j]).number(x.first_lower[j]);
      t.number(x.first_upper[j]).number(x.total[j]).number(x.total_lower[j]);
      t.number(x.total_upper[j]);
    }
    return t;
  }
  t.add_column({"rank_variance", column_type::number, digits});
  const auto& u = r.units;
  for (std::size_t k = 0; k < units.size(); ++k) {
    const auto i = static_cast<Eigen::Index>(k);
    for (std::size_t in = 0; in < r.inputs.size(); ++in) {
      const auto j = static_cast<Eigen::Index>(in);
      t.row();
      units.add_cells(t, k);
      t.text(r.inputs[in]).number(u.first(i, j)).number(u.first_lower(i, j));
      t.number(u.first_upper(i, j)).number(u.total(i, j)).number(u.total_lower(i, j));
      t.number(u.total_upper(i, j)).number(u.variance[i]);
    }
  }
  return t;
}

table uncertainty_draws_table(const robust::model& m, const robust::uncertainty_result& r,
                              std::optional<int> digits) {
  table t;
  t.add_column({"replication", column_type::integer});
  for (const auto& id : r.inputs)
    t.add_column({id, column_type::text, {}, "choices"});
  t.add_column({"mean_abs_rank_shift", column_type::number, digits});
  for (std::size_t k = 0; k < r.replications; ++k) {
    t.row().count(k);
    for (std::size_t i = 0; i < r.inputs.size(); ++i)
      t.text(m.describe(i, r.draws[k][i]));
    t.number(r.mean_abs_rank_shift[static_cast<Eigen::Index>(k)]);
  }
  return t;
}

} // namespace chiso::io
