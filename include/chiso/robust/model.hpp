#pragma once
/// \file robust/model.hpp
/// A framework, its data and its uncertain choices compiled once for fast replications.
///
/// **Why it is fast.** The model is never rebuilt per replication. `compile` scores every
/// indicator once for each normalisation alternative that can apply to it (and for each data
/// alternative whose columns differ from the nominal data): a pool of indicator score columns.
/// A replication then only picks column pointers from the pool, builds the node weights and
/// aggregations it drew (a left-out indicator is weight 0 in its parents) and calls
/// `evaluate_aggregates` (score.hpp): the aggregation passes and the rank, no normalisation.
///
/// **Reproducible.** Replication k of a run seeded s draws input i from its own generator
/// seeded `stream_seed(s, k, i)` (random.hpp), so `replicate(s, k)` gives the draws and the full
/// `result` of replication k alone, equal to what the run computed for it.

#include "chiso/robust/choices.hpp"
#include "chiso/robust/random.hpp"
#include "chiso/score.hpp"

#include <span>
#include <string>
#include <vector>

namespace chiso::robust {

/// One replication re-run on its own: what it drew and its full result (every indicator's and
/// node's score, the root's ranks and bands, the diagnostics; `keep::all` layout).
struct replication {
  std::vector<draw> draws;
  result full;
};

/// The compiled robustness model. Copyable; thread-safe to use concurrently (const), each
/// thread with its own `workspace`.
class model {
public:
  /// Per-thread scratch space of `evaluate`; `r` holds the last replication's aggregates
  /// (keep::aggregates layout), ranks and bands.
  struct workspace {
    result r;
    std::vector<const double*> columns;           ///< indicator score columns used
    std::vector<std::vector<double>> weights;     ///< per node step (empty: the plan's)
    std::vector<const aggregation*> aggregations; ///< per node step (null: the plan's)
    std::vector<std::size_t> alternative;         ///< per indicator: normalisation alternative
  };

  model() = default;

  /// Validates `c` against the plan's framework (`choices::validate`: input_error listing every
  /// problem) and the data alternatives' shapes against `values` (units × the data columns the
  /// plan was compiled against); evaluates the nominal model; scores the indicator pool.
  /// `groups`: ranking group codes per unit (empty: one group), as for `evaluate`;
  /// `group_columns`: the data's group columns (`dataset::groups`), needed when the framework
  /// or a preparation alternative imputes by group. When the plan prepares (imputation,
  /// outlier treatment) or a preparation input is given, each data version is prepared once
  /// and the pool normalises the prepared columns: a left-out indicator does not change how
  /// the others were imputed.
  static model compile(const chiso::plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                       std::span<const std::uint32_t> groups, const choices& c,
                       std::span<const group_column> group_columns = {});

  /// Same, with the data's ranking groups (`ranking_groups`) and group columns.
  static model compile(const chiso::plan& p, const dataset& d, const choices& c) {
    d.check();
    const auto g = ranking_groups(p, d);
    return compile(p, d.values, g, c, d.groups);
  }

  const chiso::plan& plan() const noexcept { return plan_; }
  const robust::choices& uncertain() const noexcept { return choices_; }
  std::size_t n_inputs() const noexcept { return choices_.inputs.size(); }
  std::size_t n_units() const noexcept { return static_cast<std::size_t>(values_.rows()); }
  std::span<const std::uint32_t> groups() const noexcept { return groups_; }
  /// Ids of the inputs, in order.
  std::vector<std::string> input_ids() const {
    std::vector<std::string> out;
    for (const auto& in : choices_.inputs)
      out.push_back(in.id);
    return out;
  }
  /// The nominal model's full result (every choice at its nominal value: the framework as
  /// compiled, on the nominal data).
  const result& nominal() const noexcept { return nominal_; }
  /// Node steps (positions in `plan().node_steps()`, framework node order) whose children's
  /// weights input `i` perturbs (empty for other kinds).
  const std::vector<std::size_t>& weight_nodes(std::size_t i) const { return inputs_.at(i).steps; }
  /// Plan indices of the indicators input `i` normalises or may leave out.
  const std::vector<std::size_t>& input_indicators(std::size_t i) const {
    return inputs_.at(i).indicators;
  }
  /// Node steps input `i` aggregates.
  const std::vector<std::size_t>& aggregation_nodes(std::size_t i) const {
    return inputs_.at(i).kind == 2 ? inputs_.at(i).steps : empty_;
  }
  /// Labels of input `i`'s alternatives (normalisation, aggregation, data; empty otherwise).
  const std::vector<std::string>& labels(std::size_t i) const { return inputs_.at(i).labels; }
  /// Columns in the indicator score pool (its memory: n_units × this × 8 bytes).
  std::size_t pool_columns() const noexcept { return static_cast<std::size_t>(pool_.cols()); }

  /// Draws of replication k of a run seeded `seed`, one per input, into `out`.
  void sample(std::uint64_t seed, std::size_t k, std::vector<draw>& out) const;
  std::vector<draw> sample(std::uint64_t seed, std::size_t k) const {
    std::vector<draw> out;
    sample(seed, k, out);
    return out;
  }

  /// Evaluates the model with `draws` (one per input) into `ws.r`: aggregates, root ranks and
  /// bands, aggregates' diagnostics. No allocation once `ws` has been used.
  void evaluate(std::span<const draw> draws, workspace& ws) const;

  /// Same, into a full result (keep::all layout): indicator scores from the pool, aggregates,
  /// ranks, bands, and every diagnostic (indicators' then aggregates', as `evaluate` orders them).
  result evaluate_full(std::span<const draw> draws) const;

  /// Replication k of a run seeded `seed`, re-run alone.
  replication replicate(std::uint64_t seed, std::size_t k) const {
    replication out;
    out.draws = sample(seed, k);
    out.full = evaluate_full(out.draws);
    return out;
  }

  /// The framework with `draws` applied (methods, weights, aggregations replaced; a left-out
  /// indicator has weight 0 in its parents): compiling and evaluating it on `data_of(draws)`
  /// gives `evaluate_full(draws)` (the slow path, for checks and for exporting a replication
  /// as a spec file).
  framework framework_of(std::span<const draw> draws) const;

  /// The data a replication with `draws` reads: the data alternative drawn, or the nominal data.
  const Eigen::MatrixXd& data_of(std::span<const draw> draws) const;

  /// Short text of what input `i` drew: a label, "LPI, Ship" / "none" for leave-out,
  /// "Conn=[1.1, 0.93] Sust=[…]" for weights.
  std::string describe(std::size_t i, const draw& d) const;

  /// Pointer to indicator k's score column for `ws`'s last evaluation.
  const double* indicator_scores(const workspace& ws, std::size_t k) const {
    return ws.columns.at(k);
  }

private:
  struct resolved {
    int kind = 0;                        ///< index in `choice`
    std::vector<std::size_t> steps;      ///< weights, aggregation: node steps
    std::vector<std::size_t> indicators; ///< normalisation, leave_out: plan indices
    std::size_t n_alternatives = 0;
    std::size_t n_weights = 0; ///< weights: Σ children over steps
    std::vector<std::string> labels;
  };
  chiso::plan plan_;
  robust::choices choices_;
  std::vector<resolved> inputs_;
  Eigen::MatrixXd values_;
  std::vector<std::uint32_t> groups_;
  result nominal_;
  // Indicator score pool: pool_.col(col_[v·n_slots_ + slot_[k] + a]) is indicator k under its
  // normalisation alternative a (a = 0 for an indicator no choice normalises: its own method)
  // on data v (0 nominal, v ≥ 1 data alternative v − 1).
  Eigen::MatrixXd pool_;
  std::vector<std::vector<diagnostic>> pool_diagnostics_;
  std::vector<std::size_t> slot_, col_;
  std::size_t n_slots_ = 0;
  std::size_t data_input_ = static_cast<std::size_t>(-1);
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> parents_; ///< per indicator
  std::vector<unsigned char> touched_; ///< per node step: weights may change
  std::vector<std::size_t> empty_;

  const Eigen::MatrixXd& data(std::size_t v) const {
    const auto* dc =
        v == 0 ? nullptr : std::get_if<data_choice>(&choices_.inputs[data_input_].choice);
    return dc ? dc->values[v - 1] : values_;
  }
};

} // namespace chiso::robust
