// Benefit of the doubt with GLPK: one LP per unit over the same constraint matrix.
#include "chiso/aggregate/benefit_of_the_doubt.hpp"
#include "chiso/weights/benefit_of_the_doubt.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace chiso::weights {

namespace {

const char* const method = "benefit_of_the_doubt";

/// Owns a glp_prob.
class lp_problem {
public:
  lp_problem() : p_(glp_create_prob()) {}
  ~lp_problem() { glp_delete_prob(p_); }
  lp_problem(const lp_problem&) = delete;
  lp_problem& operator=(const lp_problem&) = delete;
  glp_prob* get() const noexcept { return p_; }

private:
  glp_prob* p_;
};

const char* simplex_code(int rc) {
  switch (rc) {
  case GLP_EBADB: return "GLP_EBADB (invalid initial basis)";
  case GLP_ESING: return "GLP_ESING (singular basis matrix)";
  case GLP_ECOND: return "GLP_ECOND (ill-conditioned basis matrix)";
  case GLP_EBOUND: return "GLP_EBOUND (incorrect bounds)";
  case GLP_EFAIL: return "GLP_EFAIL (solver failure)";
  case GLP_EOBJLL: return "GLP_EOBJLL (objective lower limit reached)";
  case GLP_EOBJUL: return "GLP_EOBJUL (objective upper limit reached)";
  case GLP_EITLIM: return "GLP_EITLIM (iteration limit exceeded)";
  case GLP_ETMLIM: return "GLP_ETMLIM (time limit exceeded)";
  case GLP_ENOPFS: return "GLP_ENOPFS (no primal feasible solution)";
  case GLP_ENODFS: return "GLP_ENODFS (no dual feasible solution)";
  default: return "unknown return code";
  }
}

const char* status_name(int s) {
  switch (s) {
  case GLP_OPT: return "optimal";
  case GLP_FEAS: return "feasible";
  case GLP_INFEAS: return "infeasible";
  case GLP_NOFEAS: return "no feasible solution";
  case GLP_UNBND: return "unbounded";
  case GLP_UNDEF: return "undefined";
  default: return "unknown";
  }
}

/// Sets the coefficients of share row `row` (1-based) for child j: w_j b_j − bound · Σ_k w_k b_k.
void set_share_row(glp_prob* lp, int row, Eigen::Index j, double bound, const double* b,
                   Eigen::Index k, std::vector<int>& ind, std::vector<double>& val) {
  int len = 0;
  for (Eigen::Index c = 0; c < k; ++c) {
    const double v = (c == j ? b[c] : 0.0) - bound * b[c];
    if (v != 0) {
      ++len;
      ind[static_cast<std::size_t>(len)] = static_cast<int>(c + 1);
      val[static_cast<std::size_t>(len)] = v;
    }
  }
  glp_set_mat_row(lp, row, len, ind.data(), val.data());
}

} // namespace

bod_result benefit_of_the_doubt(Eigen::Ref<const Eigen::MatrixXd> x, const bod_options& o,
                                const labels& l) {
  detail::check_matrix(x, l, method);
  const Eigen::Index n = x.rows(), k = x.cols();
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < n; ++i)
      if (x(i, j) < 0)
        throw framework_error(detail::prefix(l, method) + detail::child_name(l, j) + " is " +
                              detail::num(x(i, j)) + " at row " + std::to_string(i + 1) +
                              "; benefit of the doubt needs values >= 0");

  // Share bounds.
  const bool bounded = o.lower.size() > 0 || o.upper.size() > 0;
  Eigen::VectorXd lo = Eigen::VectorXd::Zero(k), hi = Eigen::VectorXd::Ones(k);
  if (o.lower.size() > 0) {
    if (o.lower.size() != k)
      throw usage_error(detail::prefix(l, method) + "lower has " + std::to_string(o.lower.size()) +
                        " bounds for " + std::to_string(k) + " children");
    lo = o.lower;
  }
  if (o.upper.size() > 0) {
    if (o.upper.size() != k)
      throw usage_error(detail::prefix(l, method) + "upper has " + std::to_string(o.upper.size()) +
                        " bounds for " + std::to_string(k) + " children");
    hi = o.upper;
  }
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(lo[j] >= 0 && lo[j] <= hi[j] && hi[j] <= 1))
      throw framework_error(detail::prefix(l, method) + detail::child_name(l, j) +
                            " has share bounds [" + detail::num(lo[j]) + ", " + detail::num(hi[j]) +
                            "]; they must satisfy 0 <= lower <= upper <= 1");
  if (bounded && (lo.sum() > 1 + 1e-12 || hi.sum() < 1 - 1e-12))
    throw framework_error(detail::prefix(l, method) + "share bounds cannot be met: sum of lower " +
                          detail::num(lo.sum()) + " must be <= 1 and sum of upper " +
                          detail::num(hi.sum()) + " >= 1");

  // Units scored: every child observed.
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < n; ++i) {
    bool ok = true;
    for (Eigen::Index j = 0; j < k && ok; ++j)
      ok = !std::isnan(x(i, j));
    if (ok) rows.push_back(i);
  }
  bod_result r;
  r.rows_used = rows.size();
  r.score = Eigen::VectorXd::Constant(n, detail::nan);
  r.multipliers = Eigen::MatrixXd::Constant(n, k, detail::nan);
  r.shares = Eigen::MatrixXd::Constant(n, k, detail::nan);
  if (rows.empty())
    throw framework_error(detail::prefix(l, method) + "no unit has every child observed");
  if (rows.size() < static_cast<std::size_t>(n))
    r.warnings.push_back(detail::prefix(l, method) +
                         std::to_string(n - static_cast<Eigen::Index>(rows.size())) + " of " +
                         std::to_string(n) +
                         " units left out (a child is missing): no score, not a constraint");
  const int m = static_cast<int>(rows.size());

  Eigen::VectorXd mean = Eigen::VectorXd::Zero(k);
  for (Eigen::Index i : rows)
    mean += x.row(i).transpose();
  mean /= static_cast<double>(m);
  if (bounded && o.base == share_base::mean)
    for (Eigen::Index j = 0; j < k; ++j)
      if (lo[j] > 0 && !(mean[j] > 0))
        throw framework_error(detail::prefix(l, method) + detail::child_name(l, j) +
                              " is 0 for every unit scored, so its share cannot reach its lower "
                              "bound " +
                              detail::num(lo[j]));

  // The LP: columns w_1..w_k >= 0; rows 1..m: Σ_j x_kj w_j <= 1; then the share rows.
  lp_problem prob;
  glp_prob* lp = prob.get();
  glp_set_obj_dir(lp, GLP_MAX);
  glp_add_cols(lp, static_cast<int>(k));
  for (int c = 1; c <= k; ++c)
    glp_set_col_bnds(lp, c, GLP_LO, 0.0, 0.0);
  glp_add_rows(lp, m);
  std::vector<int> ind(static_cast<std::size_t>(k + 1));
  std::vector<double> val(static_cast<std::size_t>(k + 1));
  for (int row = 1; row <= m; ++row) {
    const Eigen::Index i = rows[static_cast<std::size_t>(row - 1)];
    int len = 0;
    for (Eigen::Index j = 0; j < k; ++j)
      if (x(i, j) != 0) {
        ++len;
        ind[static_cast<std::size_t>(len)] = static_cast<int>(j + 1);
        val[static_cast<std::size_t>(len)] = x(i, j);
      }
    glp_set_mat_row(lp, row, len, ind.data(), val.data());
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, 1.0);
  }
  // Share rows (only the binding kinds: L_j > 0 and U_j < 1), as (row, child, is_lower).
  struct share_row {
    int row;
    Eigen::Index j;
    bool lower;
  };
  std::vector<share_row> shares;
  if (bounded)
    for (Eigen::Index j = 0; j < k; ++j) {
      if (lo[j] > 0) shares.push_back({0, j, true});
      if (hi[j] < 1) shares.push_back({0, j, false});
    }
  if (!shares.empty()) {
    const int first = glp_add_rows(lp, static_cast<int>(shares.size()));
    for (std::size_t s = 0; s < shares.size(); ++s) {
      shares[s].row = first + static_cast<int>(s);
      if (shares[s].lower)
        glp_set_row_bnds(lp, shares[s].row, GLP_LO, 0.0, 0.0);
      else
        glp_set_row_bnds(lp, shares[s].row, GLP_UP, 0.0, 0.0);
      if (o.base == share_base::mean)
        set_share_row(lp, shares[s].row, shares[s].j,
                      shares[s].lower ? lo[shares[s].j] : hi[shares[s].j], mean.data(), k, ind,
                      val);
    }
  }
  // GLPK's terminal output off while solving (glp_scale_prob prints its scaling report whatever
  // msg_lev says, onto the stdout a CLI writes its CSV to); the caller's setting is restored.
  struct quiet_terminal {
    int was = glp_term_out(GLP_OFF);
    ~quiet_terminal() { glp_term_out(was); }
  } quiet;
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;

  std::size_t zero_units = 0;
  Eigen::VectorXd own(k);
  for (int row = 1; row <= m; ++row) {
    const Eigen::Index i = rows[static_cast<std::size_t>(row - 1)];
    for (Eigen::Index j = 0; j < k; ++j)
      glp_set_obj_coef(lp, static_cast<int>(j + 1), x(i, j));
    if (o.base == share_base::own)
      for (const auto& s : shares) {
        own = x.row(i).transpose();
        set_share_row(lp, s.row, s.j, s.lower ? lo[s.j] : hi[s.j], own.data(), k, ind, val);
      }
    // From the standard basis every time, so a unit's result does not depend on the others'
    // order (scaling too: glp_scale_prob is deterministic).
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_std_basis(lp);
    const int rc = glp_simplex(lp, &parm);
    if (rc != 0)
      throw error(detail::prefix(l, method) + "GLPK simplex failed for row " +
                  std::to_string(i + 1) + ": " + simplex_code(rc));
    const int status = glp_get_status(lp);
    if (status != GLP_OPT)
      throw error(detail::prefix(l, method) + "GLPK found no optimum for row " +
                  std::to_string(i + 1) + ": status " + status_name(status));
    const double s = std::clamp(glp_get_obj_val(lp), 0.0, 1.0);
    r.score[i] = s;
    for (Eigen::Index j = 0; j < k; ++j)
      r.multipliers(i, j) = std::max(0.0, glp_get_col_prim(lp, static_cast<int>(j + 1)));
    if (s > 0) {
      double total = 0;
      for (Eigen::Index j = 0; j < k; ++j)
        total += r.multipliers(i, j) * x(i, j);
      for (Eigen::Index j = 0; j < k; ++j)
        r.shares(i, j) = r.multipliers(i, j) * x(i, j) / total;
    } else {
      ++zero_units;
    }
  }
  if (zero_units > 0)
    r.warnings.push_back(detail::prefix(l, method) + std::to_string(zero_units) +
                         " units score 0 (no weights can show them above 0): their shares are "
                         "undefined");
  return r;
}

} // namespace chiso::weights

namespace chiso::aggregate {

namespace {

/// The evaluation of `benefit_of_the_doubt` nodes: the units with every selected child observed and
/// >= 0 take part; the others get a missing parent and a diagnostic.
void solve_node(const benefit_of_the_doubt& a, const node_view& v, double* out,
                diagnostics_sink& sink) {
  const std::size_t n = v.n;
  std::fill(out, out + n, chiso::detail::nan);
  for (const auto* bounds : {&a.lower, &a.upper})
    if (!bounds->empty() && bounds->size() != v.children.size())
      throw usage_error("node '" + std::string(sink.node_id()) + "': benefit_of_the_doubt has " +
                        std::to_string(bounds->size()) + " share bounds for " +
                        std::to_string(v.children.size()) + " children");
  std::vector<std::size_t> cols; // the children it weighs: w > 0
  for (std::size_t j = 0; j < v.children.size(); ++j)
    if (v.weights[j] > 0) cols.push_back(j);
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < n; ++i) {
    bool ok = !cols.empty();
    for (std::size_t j : cols) {
      const double x = v.children[j][i];
      if (std::isnan(x)) {
        sink.cell(i, diagnostic_code::below_coverage,
                  "benefit of the doubt needs every child; child " + std::to_string(j + 1) +
                      " is missing");
        ok = false;
        break;
      }
      if (x < 0) {
        sink.cell(i, diagnostic_code::invalid_value,
                  "benefit of the doubt needs children >= 0; child " + std::to_string(j + 1) +
                      " is " + chiso::detail::num(x) +
                      " (normalise to a non-negative scale such as min-max)");
        ok = false;
        break;
      }
    }
    if (ok) rows.push_back(i);
  }
  if (rows.empty()) {
    sink.column(diagnostic_code::below_coverage,
                "benefit of the doubt: no unit has every child observed and >= 0; no scores");
    return;
  }
  const auto m = static_cast<Eigen::Index>(rows.size());
  const auto k = static_cast<Eigen::Index>(cols.size());
  Eigen::MatrixXd x(m, k);
  for (Eigen::Index r = 0; r < m; ++r)
    for (Eigen::Index c = 0; c < k; ++c)
      x(r, c) = v.children[cols[static_cast<std::size_t>(c)]][rows[static_cast<std::size_t>(r)]];
  weights::bod_options o;
  o.base = a.own_shares ? weights::share_base::own : weights::share_base::mean;
  for (auto [from, to] : {std::pair{&a.lower, &o.lower}, std::pair{&a.upper, &o.upper}})
    if (!from->empty()) {
      to->resize(k);
      for (Eigen::Index c = 0; c < k; ++c)
        (*to)[c] = (*from)[cols[static_cast<std::size_t>(c)]];
    }
  weights::labels l;
  l.node = std::string(sink.node_id());
  for (std::size_t j : cols)
    l.children.push_back(std::to_string(j + 1));
  const auto res = weights::benefit_of_the_doubt(x, o, l);
  for (Eigen::Index r = 0; r < m; ++r)
    out[rows[static_cast<std::size_t>(r)]] = res.score[r];
}

} // namespace

void benefit_of_the_doubt::operator()(const node_view& v, double* out, workspace&,
                                      diagnostics_sink& sink) const {
  solve_node(*this, v, out, sink);
}

} // namespace chiso::aggregate
