/// \file python/src/analysis.cpp
/// Statistics for Python (include/chiso/analysis): per-column summaries and flags, Pearson and
/// Spearman correlations, Cronbach's alpha, PCA, and the structure checks of a scored
/// framework. Each function is a thin wrapper of one library function over column-major
/// matrices (the GIL released while it computes); the `chiso` package builds the DataFrames
/// of `chiso stats` from them.

#include "bindings.hpp"

#include <chiso/analysis/correlation.hpp>
#include <chiso/analysis/cronbach.hpp>
#include <chiso/analysis/flags.hpp>
#include <chiso/analysis/pca.hpp>
#include <chiso/analysis/statistics.hpp>
#include <chiso/analysis/stats_report.hpp>
#include <chiso/io/stats_tables.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace chiso::python {

namespace {

using vector_in = Eigen::Ref<const Eigen::VectorXd>;

analysis::correlation_method method_of(const std::string& s) {
  if (s == "pearson") return analysis::correlation_method::pearson;
  if (s == "spearman") return analysis::correlation_method::spearman;
  throw usage_error("method must be pearson or spearman, got '" + s + "'");
}

analysis::missing_rows rows_of(const std::string& s) {
  if (s == "pairwise") return analysis::missing_rows::pairwise;
  if (s == "complete") return analysis::missing_rows::complete;
  throw usage_error("rows must be pairwise or complete, got '" + s + "'");
}

py::object index_or_none(std::size_t k, std::size_t npos) {
  return k == npos ? py::object(py::none()) : py::object(py::int_(k));
}

py::dict pca_dict(const analysis::pca_result& p) {
  py::dict d;
  d["status"] = std::string(to_string(p.status));
  d["n"] = p.n;
  d["column"] = index_or_none(p.column, analysis::pca_result::npos);
  d["eigenvalues"] = p.eigenvalues;
  d["explained"] = p.explained;
  d["cumulative"] = p.cumulative;
  d["pc1"] = p.pc1;
  return d;
}

py::tuple correlations_tuple(analysis::correlations&& c) {
  return py::make_tuple(py::cast(std::move(c.r)), py::cast(std::move(c.n)));
}

} // namespace

void bind_analysis(py::module_& m) {
  m.def(
      "summarise",
      [](matrix_in values, double min_coverage, double max_abs_skew, double max_kurtosis,
         double min_nonzero, double min_unique, double iqr_factor) {
        analysis::stats_options o;
        o.min_coverage = min_coverage;
        o.max_abs_skew = max_abs_skew;
        o.max_kurtosis = max_kurtosis;
        o.min_nonzero = min_nonzero;
        o.min_unique = min_unique;
        o.iqr_factor = iqr_factor;
        std::vector<analysis::column_summary> s;
        {
          py::gil_scoped_release release;
          s = analysis::summarise_columns(values, o);
        }
        const auto k = static_cast<Eigen::Index>(s.size());
        py::dict d;
        // One float array per field (counts too: pandas makes them columns alike).
        auto put = [&](const char* name, auto member) {
          Eigen::VectorXd v(k);
          for (Eigen::Index j = 0; j < k; ++j)
            v[j] = static_cast<double>(s[static_cast<std::size_t>(j)].*member);
          d[name] = std::move(v);
        };
        using cs = analysis::column_summary;
        put("n_rows", &cs::n_rows);
        put("n", &cs::n);
        put("coverage", &cs::coverage);
        put("min", &cs::min);
        put("max", &cs::max);
        put("mean", &cs::mean);
        put("median", &cs::median);
        put("sd", &cs::sd);
        put("skew", &cs::skew);
        put("kurtosis", &cs::kurtosis);
        put("q1", &cs::q1);
        put("q3", &cs::q3);
        put("lower_fence", &cs::lower_fence);
        put("upper_fence", &cs::upper_fence);
        put("n_outliers", &cs::n_outliers);
        put("n_nonzero", &cs::n_nonzero);
        put("n_unique", &cs::n_unique);
        std::vector<std::vector<std::string>> flags;
        for (const auto& c : s)
          flags.push_back(analysis::flag_names(c.flags));
        d["flags"] = flags;
        return d;
      },
      py::arg("values"), py::arg("min_coverage") = 0.65, py::arg("max_abs_skew") = 2.0,
      py::arg("max_kurtosis") = 3.5, py::arg("min_nonzero") = 0.5, py::arg("min_unique") = 0.5,
      py::arg("iqr_factor") = 1.5,
      "Statistics of the observed (non-NaN) values of every column of `values` (units x "
      "columns), analysis::summarise: coverage n/n_rows, min, max, mean, median and quartiles "
      "(type 7), sd (n - 1), skew G1 and excess kurtosis G2 (bias-corrected, Excel SKEW/KURT), "
      "Tukey fences Q1 - f IQR, Q3 + f IQR and the outliers beyond them, non-zero and distinct "
      "counts, and COINr's flags. A dict of float arrays (counts too) and 'flags' (lists of "
      "names).");
  m.def(
      "outlier_rows",
      [](vector_in x, double iqr_factor) {
        std::vector<Eigen::Index> rows;
        {
          py::gil_scoped_release release;
          rows = analysis::outlier_rows(x, iqr_factor);
        }
        return rows;
      },
      py::arg("x"), py::arg("iqr_factor") = 1.5,
      "Rows whose value lies beyond Tukey's fences Q1 - f IQR, Q3 + f IQR (ascending).");
  m.def(
      "correlation_matrix",
      [](matrix_in values, const std::string& method) {
        const auto mth = method_of(method);
        analysis::correlations c;
        {
          py::gil_scoped_release release;
          c = analysis::correlation_matrix(values, mth);
        }
        return correlations_tuple(std::move(c));
      },
      py::arg("values"), py::arg("method") = "pearson",
      "(r, n): the correlation of every pair of columns over the rows where both are observed "
      "(pairwise-complete), and that row count. Pearson r = sum(dx dy) / sqrt(sum(dx^2) "
      "sum(dy^2)); Spearman = Pearson of the average ranks. NaN with fewer than 2 rows or no "
      "spread.");
  m.def(
      "cross_correlation",
      [](matrix_in a, matrix_in b, const std::string& method) {
        const auto mth = method_of(method);
        analysis::correlations c;
        {
          py::gil_scoped_release release;
          c = analysis::cross_correlation(a, b, mth);
        }
        return correlations_tuple(std::move(c));
      },
      py::arg("a"), py::arg("b"), py::arg("method") = "pearson",
      "(r, n): r[i, j] = correlation of a's column i with b's column j (same rows), "
      "pairwise-complete.");
  m.def(
      "cronbach_alpha",
      [](matrix_in items, const std::string& rows) {
        const auto r = rows_of(rows);
        analysis::cronbach_result c;
        {
          py::gil_scoped_release release;
          c = analysis::cronbach_alpha(items, r);
        }
        return py::make_tuple(c.alpha, c.k, c.n);
      },
      py::arg("items"), py::arg("rows") = "pairwise",
      "(alpha, k, n): Cronbach's alpha = k/(k - 1) (1 - sum_i C_ii / sum_ij C_ij), C the "
      "sample covariance matrix of the k items (pairwise or complete rows); n the complete "
      "rows (complete) or the fewest rows a pair shared (pairwise). NaN when undefined.");
  m.def(
      "pca",
      [](matrix_in values) {
        analysis::pca_result p;
        {
          py::gil_scoped_release release;
          p = analysis::pca(values);
        }
        return pca_dict(p);
      },
      py::arg("values"),
      "PCA of the correlation matrix over the complete rows: eigenvalues (descending), "
      "explained = lambda_j / k, cumulative, pc1 (unit loadings, sum > 0); status ok, "
      "no_columns, too_few_rows or no_spread (column: the first constant one).");
  m.def(
      "node_levels", [](const plan_holder& h) { return analysis::node_levels(h.plan_); },
      py::arg("plan"),
      "Level of every plan node (COINr's numbering): 1 for an indicator, 1 + the highest "
      "level of its children for an aggregate node.");
  m.def(
      "correlation_flags",
      [](const plan_holder& h, const result_holder& r, const std::string& method,
         double negative_with_parent, double collinear, bool collinear_absolute,
         const std::string& alpha_rows) {
        analysis::flag_options o;
        o.method = method_of(method);
        o.negative_with_parent = negative_with_parent;
        o.collinear = collinear;
        o.collinear_absolute = collinear_absolute;
        o.alpha_rows = rows_of(alpha_rows);
        analysis::flag_report rep;
        {
          py::gil_scoped_release release;
          rep = analysis::correlation_flags(h.plan_, r.result_, o);
        }
        py::list nodes;
        for (const auto& nr : rep.nodes) {
          py::dict d;
          d["node"] = nr.node;
          d["level"] = nr.level;
          d["children"] = nr.children;
          std::vector<double> rs;
          std::vector<std::size_t> ns;
          for (const auto& c : nr.with_parent) {
            rs.push_back(c.r);
            ns.push_back(c.n);
          }
          d["r_with_parent"] = rs;
          d["n_with_parent"] = ns;
          d["alpha"] = nr.alpha.alpha;
          d["alpha_n"] = nr.alpha.n;
          d["pca"] = pca_dict(nr.pca);
          nodes.append(d);
        }
        py::list flags;
        for (const auto& f : rep.flags)
          flags.append(py::make_tuple(std::string(to_string(f.kind)), f.node, f.a,
                                      index_or_none(f.b, analysis::correlation_flag::npos), f.r,
                                      f.n, f.message));
        py::dict out;
        out["nodes"] = nodes;
        out["flags"] = flags;
        return out;
      },
      py::arg("plan"), py::arg("result"), py::arg("method") = "pearson",
      py::arg("negative_with_parent") = -0.4, py::arg("collinear") = 0.9,
      py::arg("collinear_absolute") = false, py::arg("alpha_rows") = "pairwise",
      "The structure checks of a scored framework (analysis::correlation_flags): for each "
      "aggregate node, r(child, node) per child, Cronbach's alpha and PCA of the children's "
      "scores; flags (kind, node, child, sibling or None, r, n, message) for a child with "
      "r <= negative_with_parent and sibling pairs with r >= collinear.");
  m.def(
      "stats_report",
      [](const plan_holder& h, const result_holder& r, matrix_in data_values,
         const std::string& level, const std::string& method) {
        using analysis::stats_level;
        const stats_level lv = level == "raw"          ? stats_level::raw
                               : level == "prepared"   ? stats_level::prepared
                               : level == "normalised" ? stats_level::normalised
                               : level == "all"
                                   ? stats_level::all
                                   : throw usage_error("stats: level must be raw, prepared, "
                                                       "normalised or all, got '" +
                                                       level + "'");
        const auto corr = method_of(method);
        analysis::stats_report s;
        {
          py::gil_scoped_release release;
          s = analysis::compute_stats(h.plan_, data_values, r.result_, lv, corr);
        }
        const auto& ids = h.plan_.ids();
        py::dict out;
        out["indicators"] = table_dict(io::stats_table(s, ids, {}, true));
        out["correlation"] = table_dict(io::correlation_table(s, ids, {}));
        out["correlation_n"] = table_dict(io::correlation_table(s, ids, {}, true));
        out["nodes"] = table_dict(io::nodes_table(s, ids, {}));
        out["with_parent"] = table_dict(io::with_parent_table(s, ids, {}));
        out["flags"] = table_dict(io::flags_table(s, ids, {}, true));
        out["pca"] = pca_dict(s.pca);
        py::list outliers;
        for (Eigen::Index c = 0; c < s.values.cols(); ++c)
          outliers.append(py::cast(analysis::outlier_rows(s.values.col(c))));
        out["outlier_rows"] = outliers;
        return out;
      },
      py::arg("plan"), py::arg("result"), py::arg("data_values"), py::arg("level") = "raw",
      py::arg("method") = "pearson",
      "What `chiso stats` computes for a scoring (analysis::compute_stats), as its tables "
      "(io/stats_tables.hpp; dicts of columns): indicators (stats.csv and the JSON's extra "
      "columns), correlation, correlation_n, nodes, with_parent, flags (with message); pca "
      "(the level's columns) and outlier_rows (per column, the rows beyond Tukey's fences).");
}

} // namespace chiso::python
