/// \file python/src/whatif.cpp
/// What moves a unit up (whatif/gap.hpp) and what-if scenarios (whatif/scenario.hpp) on numpy
/// arrays. The GIL is released while the library computes.

#include "bindings.hpp"

#include <chiso/rank.hpp>
#include <chiso/whatif/cheapest.hpp>
#include <chiso/whatif/gap.hpp>
#include <chiso/whatif/scenario.hpp>

#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace chiso::python {

namespace {

std::vector<std::uint32_t> whatif_codes(const std::optional<std::vector<std::string>>& labels,
                                        Eigen::Index n) {
  if (!labels) return {};
  if (static_cast<Eigen::Index>(labels->size()) != n)
    throw usage_error("whatif: " + std::to_string(labels->size()) + " group labels for " +
                      std::to_string(n) + " units");
  return group_codes(*labels);
}

} // namespace

void bind_whatif(py::module_& m) {
  m.def(
      "gap",
      [](const plan_holder& h, matrix_in values, std::size_t unit,
         const std::optional<std::vector<std::string>>& groups,
         const std::optional<std::vector<std::string>>& impute_groups, const std::string& kind,
         double number, const std::string& band, bool full) {
        const auto codes = whatif_codes(groups, values.rows());
        const auto icodes = whatif_codes(impute_groups, values.rows());
        whatif::goal g = whatif::to_rank{number};
        if (kind == "score") g = whatif::to_score{number};
        if (kind == "band") g = whatif::to_band{band};
        whatif::gap_report r;
        {
          py::gil_scoped_release release;
          r = whatif::gap(h.plan_, values, codes, icodes, unit, g,
                          {full ? whatif::evaluation::full : whatif::evaluation::automatic});
        }
        py::list rows;
        for (const auto& x : r.indicators)
          rows.append(py::dict(
              py::arg("indicator") = h.plan_.ids()[x.indicator], py::arg("column") = x.column,
              py::arg("status") = std::string(whatif::to_string(x.status)),
              py::arg("reason") = x.reason, py::arg("value_now") = x.value_now,
              py::arg("value_needed") = x.value_needed, py::arg("limit") = x.limit,
              py::arg("whole") = x.whole, py::arg("rate_now") = x.rate_now,
              py::arg("rate_needed") = x.rate_needed, py::arg("score_after") = x.score_after,
              py::arg("rank_after") = x.rank_after));
        return py::dict(py::arg("score_now") = r.score_now, py::arg("rank_now") = r.rank_now,
                        py::arg("of") = r.group_size, py::arg("target_rank") = r.target_rank,
                        py::arg("score_needed") = r.score_needed,
                        py::arg("score_needed_strict") = r.score_needed_strict,
                        py::arg("already") = r.already, py::arg("indicators") = rows);
      },
      py::arg("plan"), py::arg("values"), py::arg("unit"), py::arg("groups") = py::none(),
      py::arg("impute_groups") = py::none(), py::arg("kind") = "rank", py::arg("number") = 0.0,
      py::arg("band") = "", py::arg("full") = false,
      "For every indicator, the value that alone brings `unit` to rank `number` (kind 'rank', "
      "0 = one rank up), score `number` (kind 'score') or band `band` (kind 'band'), under the "
      "framework's own evaluation (whatif/gap.hpp).");

  m.def(
      "cheapest",
      [](const plan_holder& h, matrix_in values, std::size_t unit,
         const std::optional<std::vector<std::string>>& groups,
         const std::optional<std::vector<std::string>>& impute_groups, const std::string& kind,
         double number, const std::string& band,
         const std::vector<std::tuple<std::string, double>>& costs) {
        const auto codes = whatif_codes(groups, values.rows());
        const auto icodes = whatif_codes(impute_groups, values.rows());
        whatif::goal g = whatif::to_rank{number};
        if (kind == "score") g = whatif::to_score{number};
        if (kind == "band") g = whatif::to_band{band};
        whatif::cheapest_options o;
        for (const auto& [id, c] : costs) {
          if (!h.plan_.contains(id) || !h.plan_.is_indicator(h.plan_.index(id)))
            throw usage_error("cheapest: '" + id + "' is not an indicator of the framework");
          o.costs.push_back({h.plan_.index(id), c});
        }
        whatif::cheapest_report r;
        {
          py::gil_scoped_release release;
          const auto gr = whatif::gap(h.plan_, values, codes, icodes, unit, g);
          r = whatif::cheapest(h.plan_, values, codes, icodes, gr, o);
        }
        py::list rows;
        for (const auto& x : r.changes)
          rows.append(py::dict(
              py::arg("indicator") = h.plan_.ids()[x.indicator], py::arg("column") = x.column,
              py::arg("value_now") = x.value_now, py::arg("value_needed") = x.value_needed,
              py::arg("score_now") = x.score_now, py::arg("score_after") = x.score_after,
              py::arg("cost") = x.cost, py::arg("whole") = x.whole));
        return py::dict(py::arg("already") = r.already, py::arg("reachable") = r.reachable,
                        py::arg("reason") = r.reason, py::arg("unit_costs") = r.unit_costs,
                        py::arg("total_cost") = r.total_cost,
                        py::arg("score_reached") = r.score_after,
                        py::arg("rank_reached") = r.rank_after, py::arg("lp_cost") = r.lp_cost,
                        py::arg("step") = r.step, py::arg("along_limits") = r.along_limits,
                        py::arg("indicators") = rows);
      },
      py::arg("plan"), py::arg("values"), py::arg("unit"), py::arg("groups") = py::none(),
      py::arg("impute_groups") = py::none(), py::arg("kind") = "rank", py::arg("number") = 0.0,
      py::arg("band") = "", py::arg("costs") = py::list(),
      "The least-cost combination of changes bringing `unit` to the target of `gap` "
      "(whatif/cheapest.hpp); `costs` (indicator id, cost per unit of value), empty = equal "
      "cost per unit of normalised score.");

  m.def(
      "whatif",
      [](const plan_holder& h, const std::vector<std::string>& columns, matrix_in values,
         const std::optional<std::vector<std::string>>& groups,
         const std::optional<std::vector<std::string>>& impute_groups,
         const std::vector<std::tuple<std::size_t, std::size_t, double>>& cells,
         const std::vector<std::tuple<std::string, std::string, double>>& weights, bool full) {
        const auto codes = whatif_codes(groups, values.rows());
        const auto icodes = whatif_codes(impute_groups, values.rows());
        whatif::scenario s{"python", {}, {}};
        for (const auto& [u, c, v] : cells)
          s.cells.push_back({u, c, v});
        for (const auto& [n, c, w] : weights)
          s.weights.push_back({n, c, w});
        std::vector<whatif::outcome> o;
        {
          py::gil_scoped_release release;
          o = whatif::run(h.plan_, columns, values, codes, icodes, std::vector<whatif::scenario>{s},
                          full ? whatif::evaluation::full : whatif::evaluation::automatic);
        }
        return py::make_tuple(o[0].score_before, o[0].rank_before, o[0].score_after,
                              o[0].rank_after, o[0].live);
      },
      py::arg("plan"), py::arg("columns"), py::arg("values"), py::arg("groups") = py::none(),
      py::arg("impute_groups") = py::none(), py::arg("cells") = py::list(),
      py::arg("weights") = py::list(), py::arg("full") = false,
      "Root scores and ranks before and after setting `cells` (unit row, column, value) and "
      "`weights` (node, child, weight): (score_before, rank_before, score_after, rank_after, "
      "live).");
}

} // namespace chiso::python
