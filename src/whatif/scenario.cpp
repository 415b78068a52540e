// What-if scenarios (declared in include/chiso/whatif/scenario.hpp), compiled once into libchiso.
#include "chiso/whatif/scenario.hpp"

#include "chiso/live/scoreboard.hpp"
#include "chiso/round.hpp"

#include <cmath>
#include <memory>

namespace chiso::whatif {

namespace {

/// Root score, rank and band of every unit from a result (keep::aggregates or all).
void scenario_read(const plan& p, const result& r, Eigen::VectorXd& score, Eigen::VectorXd& rank,
                   std::vector<int>& band) {
  score = r.node(p.root());
  rank = r.rank;
  band = r.band;
}

void scenario_check_cells(const scenario& s, Eigen::Index rows, Eigen::Index cols) {
  for (const auto& c : s.cells)
    if (c.unit >= static_cast<std::size_t>(rows) || c.column >= static_cast<std::size_t>(cols))
      throw usage_error("scenario '" + s.name + "': cell (unit " + std::to_string(c.unit) +
                        ", column " + std::to_string(c.column) + ") out of range (" +
                        std::to_string(rows) + " units, " + std::to_string(cols) + " columns)");
}

} // namespace

framework with_weights(framework f, std::span<const weight_change> changes) {
  for (const auto& w : changes) {
    if (!std::isfinite(w.weight) || w.weight < 0)
      throw usage_error("weight of '" + w.child + "' in '" + w.node +
                        "' must be a finite number >= 0, got " + detail::num(w.weight));
    node* n = nullptr;
    for (auto& x : f.nodes)
      if (x.id == w.node) n = &x;
    if (!n) {
      std::string ids;
      for (const auto& x : f.nodes)
        ids += (ids.empty() ? "'" : ", '") + x.id + "'";
      throw usage_error("unknown node '" + w.node + "' (nodes: " + ids + ")");
    }
    child* c = nullptr;
    std::string ids;
    for (auto& x : n->children) {
      if (x.id == w.child) c = &x;
      ids += (ids.empty() ? "'" : ", '") + x.id + "'";
    }
    if (!c)
      throw usage_error("node '" + w.node + "' has no child '" + w.child + "' (children: " + ids +
                        ")");
    c->weight = w.weight;
  }
  return f;
}

std::vector<outcome> run(const plan& p, std::span<const std::string> columns,
                         Eigen::Ref<const Eigen::MatrixXd> values,
                         std::span<const std::uint32_t> groups,
                         std::span<const std::uint32_t> impute_groups,
                         std::span<const scenario> scenarios, evaluation mode) {
  for (const auto& s : scenarios)
    scenario_check_cells(s, values.rows(), values.cols());
  result base;
  evaluate(p, values, groups, impute_groups, base, keep::aggregates);
  std::vector<outcome> out(scenarios.size());
  const bool can_live = mode == evaluation::automatic && !p.prepares() &&
                        p.framework().ranking.options.method != rank_method::ordinal;
  std::unique_ptr<live::scoreboard> board;
  Eigen::MatrixXd work;
  result r;
  const auto& f = p.framework();
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    const auto& s = scenarios[k];
    auto& o = out[k];
    scenario_read(p, base, o.score_before, o.rank_before, o.band_before);
    if (s.weights.empty() && can_live) {
      if (!board)
        board = std::make_unique<live::scoreboard>(
            p, Eigen::MatrixXd(values), std::vector<std::uint32_t>(groups.begin(), groups.end()));
      for (const auto& c : s.cells)
        board->set(c.unit, c.column, c.value);
      const auto n = values.rows();
      o.score_after = board->scores().col(static_cast<Eigen::Index>(p.root()));
      o.rank_after.resize(n);
      o.band_after.assign(static_cast<std::size_t>(n), -1);
      for (Eigen::Index i = 0; i < n; ++i) {
        o.rank_after[i] = board->rank(static_cast<std::size_t>(i));
        if (!f.bands.empty()) {
          const double v = f.ranking.options.round_to
                               ? round_decimal(o.score_after[i], *f.ranking.options.round_to)
                               : o.score_after[i];
          o.band_after[static_cast<std::size_t>(i)] = classify(f.bands, v);
        }
      }
      o.live = true;
      // Undone in reverse order, so that a cell changed twice gets its original value back.
      for (auto it = s.cells.rbegin(); it != s.cells.rend(); ++it)
        board->set(
            it->unit, it->column,
            values(static_cast<Eigen::Index>(it->unit), static_cast<Eigen::Index>(it->column)));
      continue;
    }
    work = values;
    for (const auto& c : s.cells)
      work(static_cast<Eigen::Index>(c.unit), static_cast<Eigen::Index>(c.column)) = c.value;
    if (s.weights.empty()) {
      evaluate(p, work, groups, impute_groups, r, keep::aggregates);
    } else {
      const plan q = plan::compile(with_weights(f, s.weights), columns);
      evaluate(q, work, groups, impute_groups, r, keep::aggregates);
    }
    scenario_read(p, r, o.score_after, o.rank_after, o.band_after);
  }
  return out;
}

} // namespace chiso::whatif
