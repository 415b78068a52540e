#include "stats_output.hpp"

#include "text.hpp"

#include <chiso/io/output.hpp>
#include <chiso/io/stats_tables.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

namespace chiso::cli {

namespace {

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v)
    out += (out.empty() ? "" : sep) + x;
  return out;
}

std::string count_text(std::size_t n) {
  return std::to_string(n);
}

double pc1_share(const analysis::pca_result& p) {
  return p.ok() ? p.explained[0] : detail::nan;
}

// ----- JSON ----------------------------------------------------------------------------------

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t k = 0; k < v.size(); ++k)
    out += (k ? ", " : "") + io::json_escape(v[k]);
  return out + "]";
}

std::string json_numbers(const Eigen::VectorXd& v, std::optional<int> digits) {
  std::string out = "[";
  for (Eigen::Index k = 0; k < v.size(); ++k)
    out += (k ? ", " : "") + json_value(v[k], digits);
  return out + "]";
}

void write_pca_json(std::ostream& out, const analysis::pca_result& p, std::optional<int> digits,
                    const std::vector<std::string>& ids) {
  out << "{\"status\": " << io::json_escape(std::string(to_string(p.status))) << ", \"n\": " << p.n;
  if (p.ok()) {
    out << ", \"eigenvalues\": " << json_numbers(p.eigenvalues, digits)
        << ", \"explained\": " << json_numbers(p.explained, digits) << ", \"pc1\": {";
    for (std::size_t k = 0; k < ids.size(); ++k)
      out << (k ? ", " : "") << io::json_escape(ids[k]) << ": "
          << json_value(p.pc1[static_cast<Eigen::Index>(k)], digits);
    out << "}";
  } else if (p.status == analysis::pca_status::no_spread && p.column < ids.size()) {
    out << ", \"column\": " << io::json_escape(ids[p.column]);
  }
  out << "}";
}

std::string cell(double x, int digits) {
  return std::isnan(x) ? std::string("-") : show_number(x, digits);
}

std::string percent(double share) {
  return std::isnan(share) ? std::string("-") : show_number(100 * share, 1) + "%";
}

} // namespace

void write_stats_json(std::ostream& out, const session& s, const analysis::stats_report& r,
                      std::optional<int> digits) {
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  const auto& d = s.data.data;
  std::vector<std::string> col_ids;
  for (auto k : r.nodes)
    col_ids.push_back(ids[k]);
  out << "{\n  \"framework\": {\"id\": " << io::json_escape(f.id)
      << ", \"name\": " << io::json_escape(f.name)
      << ", \"root\": " << io::json_escape(ids[s.plan.root()]) << "},\n";
  out << "  \"level\": \"" << analysis::to_string(r.level) << "\",\n  \"correlation_method\": \""
      << to_string(r.method) << "\",\n  \"units\": " << d.n_units()
      << ",\n  \"digits\": " << (digits ? std::to_string(*digits) : "null") << ",\n";
  out << "  \"indicators\": [";
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    const auto& m = r.summary[c];
    const auto k = r.nodes[c];
    std::vector<std::string> outliers;
    for (auto row : analysis::outlier_rows(r.values.col(static_cast<Eigen::Index>(c))))
      outliers.push_back(d.unit_ids[static_cast<std::size_t>(row)]);
    out << (c ? ",\n" : "\n") << "    {\"id\": " << io::json_escape(ids[k])
        << ", \"level\": " << r.levels[k] << ", \"coverage\": " << json_value(m.coverage, digits)
        << ", \"n\": " << m.n << ", \"min\": " << json_value(m.min, digits)
        << ", \"max\": " << json_value(m.max, digits)
        << ", \"mean\": " << json_value(m.mean, digits)
        << ", \"median\": " << json_value(m.median, digits)
        << ", \"sd\": " << json_value(m.sd, digits) << ", \"skew\": " << json_value(m.skew, digits)
        << ", \"kurtosis\": " << json_value(m.kurtosis, digits)
        << ", \"q1\": " << json_value(m.q1, digits) << ", \"q3\": " << json_value(m.q3, digits)
        << ", \"n_outliers\": " << m.n_outliers << ", \"outliers\": " << json_list(outliers)
        << ", \"n_nonzero\": " << m.n_nonzero << ", \"n_unique\": " << m.n_unique
        << ", \"flags\": " << json_list(analysis::column_flags(r, ids, c)) << "}";
  }
  out << (r.nodes.empty() ? "],\n" : "\n  ],\n");
  out << "  \"correlation\": {\"ids\": " << json_list(col_ids) << ", \"r\": [";
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    out << (i ? ",\n    [" : "\n    [");
    for (std::size_t j = 0; j < r.nodes.size(); ++j)
      out << (j ? ", " : "")
          << json_value(r.corr.r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                        digits);
    out << "]";
  }
  out << "],\n    \"n\": [";
  for (std::size_t i = 0; i < r.nodes.size(); ++i) {
    out << (i ? ", [" : "[");
    for (std::size_t j = 0; j < r.nodes.size(); ++j)
      out << (j ? ", " : "")
          << r.corr.n(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    out << "]";
  }
  out << "]},\n  \"pca\": ";
  write_pca_json(out, r.pca, digits, col_ids);
  out << ",\n  \"nodes\": [";
  for (std::size_t t = 0; t < r.flags.nodes.size(); ++t) {
    const auto& nr = r.flags.nodes[t];
    std::vector<std::string> kids;
    for (auto c : nr.children)
      kids.push_back(ids[c]);
    out << (t ? ",\n" : "\n") << "    {\"node\": " << io::json_escape(ids[nr.node])
        << ", \"level\": " << nr.level << ", \"children\": [";
    for (std::size_t j = 0; j < nr.children.size(); ++j)
      out << (j ? ", " : "") << "{\"id\": " << io::json_escape(kids[j])
          << ", \"r_with_parent\": " << json_value(nr.with_parent[j].r, digits)
          << ", \"n\": " << nr.with_parent[j].n << "}";
    out << "], \"alpha\": " << json_value(nr.alpha.alpha, digits) << ", \"alpha_n\": " << nr.alpha.n
        << ", \"pca\": ";
    write_pca_json(out, nr.pca, digits, kids);
    out << "}";
  }
  out << (r.flags.nodes.empty() ? "],\n" : "\n  ],\n");
  out << "  \"flags\": ";
  io::write_json(out, io::flags_table(r, ids, digits, true));
  out << "\n}\n";
}

void write_stats_text(std::ostream& out, const session& s, const analysis::stats_report& r,
                      std::optional<int> digits) {
  const auto& f = s.f();
  const auto& ids = s.plan.ids();
  const int dig = digits.value_or(3);
  const char* what =
      r.level == analysis::stats_level::raw          ? "raw values of the indicators"
      : r.level == analysis::stats_level::prepared   ? "prepared values of the indicators"
      : r.level == analysis::stats_level::normalised ? "normalised indicator scores"
                                                     : "scores of every indicator and node";
  out << (f.name.empty() ? f.id : f.name) << " (" << f.id << "): " << s.data.data.n_units()
      << " units; statistics of the " << what << "; " << to_string(r.method) << " correlations\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t c = 0; c < r.nodes.size(); ++c) {
    const auto& m = r.summary[c];
    rows.push_back({ids[r.nodes[c]], cell(m.coverage, dig), count_text(m.n), cell(m.mean, dig),
                    cell(m.sd, dig), cell(m.skew, dig), cell(m.kurtosis, dig),
                    count_text(m.n_outliers), joined(analysis::column_flags(r, ids, c), " ")});
  }
  out << render_table({r.level == analysis::stats_level::all ? "node" : "indicator", "coverage",
                       "n", "mean", "sd", "skew", "kurtosis", "outliers", "flags"},
                      rows, {false, true, true, true, true, true, true, true, false});
  out << "\nAggregate nodes (children's scores):\n";
  rows.clear();
  for (const auto& nr : r.flags.nodes) {
    double lowest = detail::nan;
    for (const auto& c : nr.with_parent)
      if (!std::isnan(c.r) && !(c.r >= lowest)) lowest = c.r;
    rows.push_back({ids[nr.node], std::to_string(nr.level), std::to_string(nr.children.size()),
                    cell(nr.alpha.alpha, dig), percent(pc1_share(nr.pca)), cell(lowest, dig)});
  }
  out << render_table({"node", "level", "children", "alpha", "PC1", "lowest r with node"}, rows,
                      {false, true, true, true, true, true});
  out << "\nStructure flags: "
      << (r.flags.flags.empty() ? "none" : std::to_string(r.flags.flags.size())) << "\n";
  for (const auto& g : r.flags.flags)
    out << "  " << g.message << "\n";
  out << "\nPCA of the " << r.nodes.size() << " columns: ";
  if (r.pca.ok()) {
    out << r.pca.n << " complete units; variance explained:";
    for (Eigen::Index j = 0; j < std::min<Eigen::Index>(3, r.pca.explained.size()); ++j)
      out << " PC" << (j + 1) << " " << percent(r.pca.explained[j]);
    out << "\n";
  } else if (r.pca.status == analysis::pca_status::too_few_rows) {
    out << "not computed: only " << r.pca.n << " unit(s) have every value\n";
  } else if (r.pca.status == analysis::pca_status::no_spread) {
    out << "not computed: '" << ids[r.nodes[r.pca.column]]
        << "' has no spread over the complete units\n";
  } else {
    out << "not computed (" << to_string(r.pca.status) << ")\n";
  }
  out << "\nFull tables: --format csv or json, or --out-dir DIR.\n";
}

} // namespace chiso::cli
