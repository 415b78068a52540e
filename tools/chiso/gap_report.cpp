#include "gap_report.hpp"

#include "text.hpp"

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

} // namespace chiso::cli
