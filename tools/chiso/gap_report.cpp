#include "gap_report.hpp"

#include "text.hpp"

#include <chiso/io/csv.hpp>
#include <chiso/io/output.hpp>
#include <chiso/round.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace chiso::cli {

std::vector<option_spec> gap_options() {
  return {
      {"to-rank", "K",
       "what it takes to reach rank K (or better) in the unit's group\n"
       "(default: one rank up)"},
      {"to-score", "S", "what it takes to reach root score S (as published: rounded)"},
      {"to-band", "LABEL", "what it takes to reach band LABEL (or a better one)"},
      {"cost", "FILE",
       "also the least-cost combination of changes reaching the target: CSV\n"
       "indicator,cost (cost per unit of the indicator's data value; indicators\n"
       "not listed stay as they are); 'equal' for equal cost per unit of\n"
       "normalised score (arithmetic means and sums only)"},
  };
}

namespace {

double gap_number(const std::string& text, const char* option, const command_spec& cmd) {
  const auto c = io::parse_number(text);
  if (c.status != io::number_status::number)
    throw usage(cmd.name,
                "chiso " + cmd.name + ": --" + option + " '" + text + "' is not a number");
  return c.value;
}

/// `x` rounded to `d` decimals towards the better side (so that the value shown still reaches).
double towards_better(double x, int d, int better) {
  double r = round_decimal(x, d);
  const double step = std::pow(10.0, -d);
  if (better > 0 && r < x) r = round_decimal(r + step, d);
  if (better < 0 && r > x) r = round_decimal(r - step, d);
  return r;
}

std::string fixed(double x, int d) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(d);
  o << x;
  return o.str();
}

} // namespace

whatif::goal parse_goal(const parsed_args& a, const command_spec& cmd) {
  const int given = a.has("to-rank") + a.has("to-score") + a.has("to-band");
  if (given > 1)
    throw usage(cmd.name,
                "chiso " + cmd.name + ": give at most one of --to-rank, --to-score and --to-band");
  if (auto v = a.get("to-rank")) {
    const double k = gap_number(*v, "to-rank", cmd);
    if (!(k >= 1))
      throw usage(cmd.name,
                  "chiso " + cmd.name + ": --to-rank must be 1 or more, got '" + *v + "'");
    return whatif::to_rank{k};
  }
  if (auto v = a.get("to-score")) return whatif::to_score{gap_number(*v, "to-score", cmd)};
  if (auto v = a.get("to-band")) return whatif::to_band{*v};
  return whatif::to_rank{};
}

std::string gap_json(const session& s, const whatif::gap_report& g, std::string& key) {
  const auto& d = s.data.data;
  std::ostringstream out;
  out << "{";
  if (std::holds_alternative<whatif::to_rank>(g.target)) {
    key = "to_rank";
    out << "\"target_rank\": " << io::json_number(g.target_rank);
  } else if (const auto* sc = std::get_if<whatif::to_score>(&g.target)) {
    key = "to_score";
    out << "\"target_score\": " << io::json_number(sc->score);
  } else {
    key = "to_band";
    out << "\"target_band\": " << io::json_escape(std::get<whatif::to_band>(g.target).label);
  }
  out << ", \"score_now\": " << io::json_number(g.score_now)
      << ", \"rank_now\": " << io::json_number(g.rank_now) << ", \"of\": " << g.group_size
      << ", \"score_needed\": " << io::json_number(g.score_needed)
      << ", \"score_needed_strict\": " << (g.score_needed_strict ? "true" : "false")
      << ", \"already\": " << (g.already ? "true" : "false") << ", \"indicators\": [";
  bool first = true;
  for (const auto& x : g.indicators) {
    out << (first ? "\n      " : ",\n      ");
    first = false;
    const bool reach =
        x.status == whatif::gap_status::reachable || x.status == whatif::gap_status::already;
    out << "{\"indicator\": " << io::json_escape(s.plan.ids()[x.indicator])
        << ", \"column\": " << io::json_escape(d.columns[x.column])
        << ", \"value_now\": " << io::json_number(x.value_now)
        << ", \"value_needed\": " << io::json_number(x.value_needed)
        << ", \"reachable\": " << (reach ? "true" : "false")
        << ", \"status\": " << io::json_escape(std::string(whatif::to_string(x.status)))
        << ", \"reason\": " << (x.reason.empty() ? "null" : io::json_escape(x.reason))
        << ", \"whole\": " << (x.whole ? "true" : "false")
        << ", \"limit\": " << io::json_number(x.limit);
    if (x.denominator != whatif::indicator_gap::npos)
      out << ", \"denominator\": " << io::json_escape(d.columns[x.denominator])
          << ", \"denominator_value\": " << io::json_number(x.denominator_value)
          << ", \"rate_now\": " << io::json_number(x.rate_now)
          << ", \"rate_needed\": " << io::json_number(x.rate_needed);
    out << ", \"score_after\": " << io::json_number(x.score_after)
        << ", \"rank_after\": " << io::json_number(x.rank_after) << "}";
  }
  out << (first ? "]}" : "\n    ]}");
  return out.str();
}

std::string gap_text(const session& s, const whatif::gap_report& g, std::optional<int> digits) {
  const auto& d = s.data.data;
  const auto& ids = s.plan.ids();
  std::ostringstream out;
  std::string goal;
  if (std::holds_alternative<whatif::to_rank>(g.target)) {
    goal = "rank " + io::format_double(g.target_rank);
    if (!s.group_by.empty()) goal += " within " + s.group_by + " '" + s.group_label(g.unit) + "'";
  } else if (const auto* sc = std::get_if<whatif::to_score>(&g.target)) {
    goal = "a score of " + show_number(sc->score, digits);
  } else {
    goal = "band '" + std::get<whatif::to_band>(g.target).label + "'";
  }
  out << "\nWhat it takes to reach " << goal << " (now: score "
      << (std::isnan(g.score_now) ? std::string("missing") : show_number(g.score_now, digits))
      << ", rank " << (std::isnan(g.rank_now) ? std::string("-") : io::format_double(g.rank_now))
      << " of " << g.group_size << "):\n";
  if (g.already) {
    out << "  already there: nothing needs to change.\n";
    return out.str();
  }
  if (!std::isnan(g.score_needed))
    out << "  score needed with the other units as they are: "
        << (g.score_needed_strict ? "more than " : "") << show_number(g.score_needed, digits)
        << "\n";
  const int shown = digits.value_or(4);
  const int rate_digits = std::max(shown, 4);
  auto value = [&](double v, bool whole, int better) {
    if (std::isnan(v)) return std::string("-");
    if (whole) return fixed(v, 0);
    return io::format_double(towards_better(v, shown, better));
  };
  std::vector<std::string> alternatives;
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : g.indicators) {
    std::vector<std::string> r{ids[x.indicator], d.columns[x.column],
                               std::isnan(x.value_now) ? "-" : io::format_double(x.value_now)};
    if (x.status == whatif::gap_status::reachable) {
      const auto v = value(x.value_needed, x.whole, x.better);
      r.push_back(v);
      r.push_back(x.whole ? (x.value_needed - x.value_now >= 0 ? "+" : "") +
                                fixed(x.value_needed - x.value_now, 0)
                          : "");
      r.push_back(
          x.denominator == whatif::indicator_gap::npos
              ? ""
              : fixed(x.rate_now, rate_digits) + " -> " +
                    fixed(towards_better(x.rate_needed, rate_digits, x.better), rate_digits));
      r.push_back(io::format_double(x.rank_after));
      alternatives.push_back(ids[x.indicator] + " " + r[2] + " -> " + v);
    } else {
      r.push_back(x.status == whatif::gap_status::unreachable ? "not reachable" : "-");
      r.push_back("");
      r.push_back("");
      r.push_back(x.reason);
    }
    rows.push_back(std::move(r));
  }
  if (alternatives.empty()) {
    out << "  no single indicator is enough.\n";
  } else {
    out << "  one of: ";
    for (std::size_t k = 0; k < alternatives.size() && k < 5; ++k)
      out << (k ? ", or " : "") << alternatives[k];
    if (alternatives.size() > 5) out << ", or " << alternatives.size() - 5 << " more below";
    out << "\n";
  }
  out << render_table(
      {"indicator", "column", "now", "needed", "change", "rate", "rank after / why"}, rows,
      {false, false, true, true, true, true, false});
  out << "Each value alone, everything else unchanged, under the framework's own evaluation;\n"
         "values needed are rounded up (in the better direction) to "
      << shown << " decimals; counts are whole.\n";
  return out.str();
}

whatif::cheapest_options read_cost_file(const session& s, const std::string& path) {
  whatif::cheapest_options o;
  if (path == "equal") return o;
  const auto t = io::read_csv_table(path);
  const std::vector<std::string> want{"indicator", "cost"};
  if (t.header() != want)
    throw input_error(path + ":" + std::to_string(t.header_line()) +
                      ": the header must be 'indicator,cost'");
  std::vector<std::size_t> line_of(s.plan.n_indicators(), 0);
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string id(t.cell(r, 0));
    if (!s.plan.contains(id) || !s.plan.is_indicator(s.plan.index(id)))
      throw input_error(t.where(r, 0) + ": '" + id + "' is not an indicator of " + s.fw.label);
    const auto k = s.plan.index(id);
    if (line_of[k] != 0)
      throw input_error(t.where(r, 0) + ": indicator '" + id + "' is listed twice");
    line_of[k] = r + 1;
    const std::string text(t.cell(r, 1));
    const auto c = io::parse_number(text);
    if (c.status != io::number_status::number || !(c.value > 0) || !std::isfinite(c.value))
      throw input_error(t.where(r, 1) + ": cost '" + text + "' must be a number > 0");
    o.costs.push_back({k, c.value});
  }
  if (o.costs.empty())
    throw input_error(path + ": no costs (one row per indicator that may change)");
  return o;
}

std::string cheapest_json(const session& s, const whatif::cheapest_report& c) {
  const auto& d = s.data.data;
  std::ostringstream out;
  out << "{\"costs\": " << (c.unit_costs ? "\"per unit of value\"" : "\"equal, per unit of score\"")
      << ", \"already\": " << (c.already ? "true" : "false")
      << ", \"reachable\": " << (c.reachable ? "true" : "false")
      << ", \"reason\": " << (c.reason.empty() ? "null" : io::json_escape(c.reason))
      << ", \"total_cost\": " << io::json_number(c.total_cost)
      << ", \"score_reached\": " << io::json_number(c.score_after)
      << ", \"rank_reached\": " << io::json_number(c.rank_after)
      << ", \"lp_cost\": " << io::json_number(c.lp_cost)
      << ", \"step\": " << io::json_number(c.step)
      << ", \"along_limits\": " << (c.along_limits ? "true" : "false") << ", \"indicators\": [";
  bool first = true;
  for (const auto& x : c.changes) {
    out << (first ? "\n      " : ",\n      ");
    first = false;
    out << "{\"indicator\": " << io::json_escape(s.plan.ids()[x.indicator])
        << ", \"column\": " << io::json_escape(d.columns[x.column])
        << ", \"value_now\": " << io::json_number(x.value_now)
        << ", \"value_needed\": " << io::json_number(x.value_needed)
        << ", \"score_now\": " << io::json_number(x.score_now)
        << ", \"score_after\": " << io::json_number(x.score_after)
        << ", \"cost\": " << io::json_number(x.cost)
        << ", \"whole\": " << (x.whole ? "true" : "false") << "}";
  }
  out << (first ? "]}" : "\n    ]}");
  return out.str();
}

std::string cheapest_text(const session& s, const whatif::cheapest_report& c,
                          std::optional<int> digits) {
  const auto& d = s.data.data;
  const auto& ids = s.plan.ids();
  std::ostringstream out;
  out << "\nCheapest combination ("
      << (c.unit_costs ? "costs per unit of value" : "equal costs per unit of normalised score")
      << "):\n";
  if (c.already) {
    out << "  already there: nothing needs to change.\n";
    return out.str();
  }
  if (!c.reachable) {
    out << "  not reachable: " << c.reason << ".\n";
    return out.str();
  }
  const int shown = digits.value_or(4);
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : c.changes) {
    const int better = x.value_needed > x.value_now ? 1 : -1;
    rows.push_back({ids[x.indicator], d.columns[x.column], io::format_double(x.value_now),
                    x.whole ? fixed(x.value_needed, 0)
                            : io::format_double(towards_better(x.value_needed, shown, better)),
                    show_number(x.cost, digits)});
  }
  out << render_table({"indicator", "column", "now", "needed", "cost"}, rows,
                      {false, false, true, true, true});
  out << "Total cost " << show_number(c.total_cost, digits) << "; score reached "
      << show_number(c.score_after, digits) << ", rank "
      << (std::isnan(c.rank_after) ? std::string("-") : io::format_double(c.rank_after)) << ".\n"
      << "All changes together, under the framework's own evaluation (least cost under a\n"
         "linear model of each indicator, then re-scored; docs/methods.md).\n";
  return out.str();
}

} // namespace chiso::cli
