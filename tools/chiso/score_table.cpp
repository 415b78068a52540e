#include "score_table.hpp"

namespace chiso::cli {

void add_unit_columns(io::table& t, const session& s, bool names) {
  t.add_column({"unit"});
  if (names) t.add_column({"name"});
  if (!s.group_by.empty()) t.add_column({s.group_by, io::column_type::text, {}, "", "group"});
}

void add_unit_cells(io::table& t, const session& s, std::size_t u, bool names) {
  const auto& d = s.data.data;
  t.text(d.unit_ids[u]);
  if (names) t.text(d.unit_names.empty() ? "" : d.unit_names[u]);
  if (!s.group_by.empty()) t.text(s.group_label(u));
}

io::table score_table(const session& s, const score_layout& l) {
  const auto& ids = s.plan.ids();
  io::table t;
  const auto number = [&](std::size_t k, const char* group) {
    t.add_column({ids[k], io::column_type::number, l.digits, group});
  };
  if (l.rank_first) t.add_column({"rank", io::column_type::rank});
  if (l.period) t.add_column({"period"});
  add_unit_columns(t, s, l.names);
  for (auto k : l.nodes)
    number(k, "scores");
  for (auto k : l.indicators)
    number(k, "indicators");
  if (!l.rank_first) {
    t.add_column({"rank", io::column_type::rank});
    for (auto k : l.ranked)
      t.add_column({"rank_" + ids[k], io::column_type::rank, {}, "ranks", ids[k]});
  }
  if (!s.f().bands.empty()) t.add_column({"band"});
  return t;
}

void add_score_rows(io::table& t, const session& s, const result& r, const score_layout& l,
                    const ranked_columns& ranks, const std::string& period) {
  const auto& bands = s.f().bands;
  for (std::size_t u = 0; u < s.data.data.n_units(); ++u) {
    const auto i = static_cast<Eigen::Index>(u);
    t.row();
    if (l.rank_first) t.number(r.rank[i]);
    if (l.period) t.text(period);
    add_unit_cells(t, s, u, l.names);
    for (const auto& list : {l.nodes, l.indicators})
      for (auto k : list)
        t.number(r.scores(i, static_cast<Eigen::Index>(k)));
    if (!l.rank_first) {
      t.number(r.rank[i]);
      for (const auto& [k, rk] : ranks)
        t.number(rk[i]);
    }
    if (!bands.empty()) {
      const int b = r.band[u];
      if (b < 0)
        t.missing();
      else
        t.text(bands[static_cast<std::size_t>(b)].label);
    }
  }
}

} // namespace chiso::cli
