// What `chiso stats` and Python's Stats compute (chiso/analysis/stats_report.hpp).
#include "chiso/analysis/stats_report.hpp"

#include "chiso/plan.hpp"
#include "chiso/prepare.hpp"
#include "chiso/score.hpp"

namespace chiso::analysis {

std::string_view to_string(stats_level l) noexcept {
  switch (l) {
  case stats_level::raw: return "raw";
  case stats_level::prepared: return "prepared";
  case stats_level::normalised: return "normalised";
  case stats_level::all: return "all";
  }
  return "?";
}

stats_report compute_stats(const plan& p, Eigen::Ref<const Eigen::MatrixXd> data_values,
                           const result& r, stats_level level, correlation_method method) {
  stats_report s;
  s.level = level;
  s.method = method;
  const std::size_t count = level == stats_level::all ? p.n_nodes() : p.n_indicators();
  s.values.resize(data_values.rows(), static_cast<Eigen::Index>(count));
  // Prepared: the values the methods normalise (÷ denominator, × scale, transform, then the
  // framework's imputation and outlier treatment).
  Eigen::MatrixXd prepared;
  if (level == stats_level::prepared) {
    if (p.prepares())
      prepared = r.preparation.values;
    else
      (void)chiso::detail::prepared_columns(p, data_values, prepared);
  }
  for (std::size_t k = 0; k < count; ++k) {
    s.nodes.push_back(k);
    const auto kk = static_cast<Eigen::Index>(k);
    if (level == stats_level::raw)
      s.values.col(kk) = data_values.col(static_cast<Eigen::Index>(p.indicator_steps()[k].column));
    else if (level == stats_level::prepared)
      s.values.col(kk) = prepared.col(kk);
    else
      s.values.col(kk) = r.scores.col(kk);
  }
  s.summary = summarise_columns(s.values);
  s.corr = correlation_matrix(s.values, method);
  s.pca = pca(s.values);
  flag_options o;
  o.method = method;
  s.flags = correlation_flags(p, r, o);
  s.levels = node_levels(p);
  return s;
}

std::vector<std::string> column_flags(const stats_report& s, const std::vector<std::string>& ids,
                                      std::size_t c) {
  auto out = flag_names(s.summary[c].flags);
  const std::size_t node = s.nodes[c];
  for (const auto& f : s.flags.flags) {
    if (f.kind == flag_kind::negative_with_parent) {
      if (f.a == node) out.push_back("negative_with:" + ids[f.node]);
    } else if (f.a == node) {
      out.push_back("collinear_with:" + ids[f.b]);
    } else if (f.b == node) {
      out.push_back("collinear_with:" + ids[f.a]);
    }
  }
  return out;
}

} // namespace chiso::analysis
