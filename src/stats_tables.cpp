// The statistics tables (chiso/io/stats_tables.hpp).
#include "chiso/io/stats_tables.hpp"

#include "chiso/detail/column_stats.hpp"

namespace chiso::io {

namespace {

std::string joined_flags(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v)
    out += (out.empty() ? "" : ";") + x;
  return out;
}

double pc1_share(const analysis::pca_result& p) {
  return p.ok() ? p.explained[0] : chiso::detail::nan;
}

} // namespace

table stats_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits, bool detail) {
  table t({{"id"}, {"coverage", column_type::number, digits}, {"n", column_type::integer}});
  for (const char* c : {"min", "max", "mean", "sd", "skew", "kurtosis"})
    t.add_column({c, column_type::number, digits});
  t.add_column({"n_outliers", column_type::integer});
  t.add_column({"flags"});
  if (detail) {
    t.add_column({"level", column_type::integer});
    for (const char* c : {"median", "q1", "q3"})
      t.add_column({c, column_type::number, digits});
    t.add_column({"n_nonzero", column_type::integer});
    t.add_column({"n_unique", column_type::integer});
  }
  for (std::size_t c = 0; c < s.nodes.size(); ++c) {
    const auto& m = s.summary[c];
    t.row().text(ids[s.nodes[c]]).number(m.coverage).count(m.n).number(m.min).number(m.max);
    t.number(m.mean).number(m.sd).number(m.skew).number(m.kurtosis).count(m.n_outliers);
    t.text(joined_flags(analysis::column_flags(s, ids, c)));
    if (detail) {
      t.number(s.levels[s.nodes[c]]).number(m.median).number(m.q1).number(m.q3);
      t.count(m.n_nonzero).count(m.n_unique);
    }
  }
  return t;
}

table correlation_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                        std::optional<int> digits, bool counts) {
  table t({{"id"}});
  for (auto k : s.nodes)
    t.add_column({ids[k], counts ? column_type::integer : column_type::number,
                  counts ? std::nullopt : digits});
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    t.row().text(ids[s.nodes[i]]);
    for (std::size_t j = 0; j < s.nodes.size(); ++j) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      t.number(counts ? static_cast<double>(s.corr.n(ii, jj)) : s.corr.r(ii, jj));
    }
  }
  return t;
}

table nodes_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits) {
  table t({{"node"},
           {"level", column_type::integer},
           {"children", column_type::integer},
           {"alpha", column_type::number, digits},
           {"alpha_n", column_type::integer},
           {"pc1_explained", column_type::number, digits},
           {"pca_n", column_type::integer}});
  for (const auto& nr : s.flags.nodes) {
    t.row().text(ids[nr.node]).number(nr.level).count(nr.children.size());
    t.number(nr.alpha.alpha).count(nr.alpha.n).number(pc1_share(nr.pca)).count(nr.pca.n);
  }
  return t;
}

table with_parent_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                        std::optional<int> digits) {
  table t({{"node"}, {"child"}, {"r", column_type::number, digits}, {"n", column_type::integer}});
  for (const auto& nr : s.flags.nodes)
    for (std::size_t j = 0; j < nr.children.size(); ++j)
      t.row()
          .text(ids[nr.node])
          .text(ids[nr.children[j]])
          .number(nr.with_parent[j].r)
          .count(nr.with_parent[j].n);
  return t;
}

table flags_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits, bool message) {
  table t({{"kind"},
           {"node"},
           {"child"},
           {"sibling"},
           {"r", column_type::number, digits},
           {"n", column_type::integer}});
  if (message) t.add_column({"message"});
  for (const auto& f : s.flags.flags) {
    t.row().text(to_string(f.kind)).text(ids[f.node]).text(ids[f.a]);
    if (f.b == analysis::correlation_flag::npos)
      t.missing();
    else
      t.text(ids[f.b]);
    t.number(f.r).count(f.n);
    if (message) t.text(f.message);
  }
  return t;
}

} // namespace chiso::io
