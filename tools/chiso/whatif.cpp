/// \file tools/chiso/whatif.cpp
/// `chiso whatif`: every unit's score and rank before and after changes to the data
/// (--set UNIT.INDICATOR=VALUE) and to the weights (--weight NODE.CHILD=W), or after each
/// scenario of a file (--scenarios FILE).

#include "commands.hpp"
#include "options.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/csv.hpp>
#include <chiso/io/output.hpp>
#include <chiso/io/quote.hpp>
#include <chiso/whatif/scenario.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace chiso::cli {

const command_spec& whatif_spec() {
  static const command_spec s = {
      "whatif",
      "whatif (--framework SPEC | --preset NAME | --coinr-meta META) [--data DATA]\n"
      "              [--set UNIT.INDICATOR=VALUE]... [--weight NODE.CHILD=W]...\n"
      "              [--scenarios FILE] [--format table|csv|json] [--out FILE] [--digits N]\n"
      "              [--normalise METHOD[:P...]] [--aggregate METHOD[:P]]",
      "Every unit's score and rank before and after changes to data or weights.",
      options({
          input_options("wide CSV data file (default: the preset's sample)"),
          {{"set",
            "UNIT.INDICATOR=VALUE",
            "set a unit's value: INDICATOR is an indicator id (its value column) or a\n"
            "data column; VALUE a number or NA (repeatable)",
            {},
            {},
            true},
           {"weight", "NODE.CHILD=W", "set the weight of CHILD in NODE (repeatable)", {}, {}, true},
           {"scenarios", "FILE",
            "CSV of scenarios: scenario,kind,target,value; kind 'set' (target\n"
            "UNIT.INDICATOR) or 'weight' (target NODE.CHILD); rows of one scenario together"}},
          output_options({"table", "csv", "json"}, "table (default), csv or json"),
          override_options(),
          {presets_dir_option()},
      }),
      {},
      "The --set and --weight options form one scenario ('command line'); each scenario of\n"
      "--scenarios is applied on its own to the original data. Every unit is listed with its\n"
      "root score and rank (within its group) before and after, and the rank change\n"
      "(positive: moved up); other units move too when normalisation depends on the data.\n"
      "Data changes alone use live single-cell updates where the framework allows them,\n"
      "weight changes a full evaluation; the numbers are the same either way.\n\n"
      "Examples:\n"
      "  chiso whatif --preset psq-766 --set hue.dossiers_online=70000\n"
      "  chiso whatif --preset dti-province-922 --weight dti.gov_activity=300 --format csv\n",
  };
  return s;
}

namespace {

/// "LEFT.RIGHT=VALUE" split at the first '=' and the last '.' before it.
struct whatif_assignment {
  std::string left, right, value;
};

std::optional<whatif_assignment> whatif_split(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos) return std::nullopt;
  const auto dot = text.rfind('.', eq);
  if (dot == std::string::npos || dot == 0 || dot + 1 == eq) return std::nullopt;
  return whatif_assignment{text.substr(0, dot), text.substr(dot + 1, eq - dot - 1),
                           text.substr(eq + 1)};
}

struct whatif_builder {
  const session& s;

  /// `where`: the option or file position, for messages.
  whatif::cell_change cell(const whatif_assignment& a, const std::string& where) const {
    const auto& d = s.data.data;
    const auto it = std::find(d.unit_ids.begin(), d.unit_ids.end(), a.left);
    if (it == d.unit_ids.end())
      throw input_error(where + ": unit '" + a.left + "' is not in " + d.source + " (" +
                        io::quote_list(d.unit_ids, 8) + ")");
    std::size_t column = static_cast<std::size_t>(-1);
    if (const auto* ind = s.f().find_indicator(a.right)) column = d.column_index(ind->source());
    if (column == static_cast<std::size_t>(-1)) column = d.column_index(a.right);
    if (column == static_cast<std::size_t>(-1))
      throw input_error(where + ": '" + a.right + "' is neither an indicator of " + s.fw.label +
                        " nor a data column");
    const auto c = io::parse_number(a.value);
    if (c.status == io::number_status::invalid)
      throw input_error(where + ": value '" + a.value + "' " + std::string(c.rule));
    const auto unit = static_cast<std::size_t>(it - d.unit_ids.begin());
    for (const auto& st : s.plan.indicator_steps()) {
      if (st.column != column || std::isnan(c.value)) continue;
      if ((st.valid_min && c.value < *st.valid_min) || (st.valid_max && c.value > *st.valid_max))
        throw input_error(where + ": value " + a.value + " of column '" + d.columns[column] +
                          "' is outside its valid range [" +
                          (st.valid_min ? io::format_double(*st.valid_min) : "-inf") + ", " +
                          (st.valid_max ? io::format_double(*st.valid_max) : "inf") + "]");
    }
    return {unit, column, c.value};
  }

  whatif::weight_change weight(const whatif_assignment& a, const std::string& where) const {
    const auto c = io::parse_number(a.value);
    if (c.status != io::number_status::number || c.value < 0)
      throw input_error(where + ": weight '" + a.value + "' must be a number >= 0");
    try {
      (void)whatif::with_weights(s.f(),
                                 std::vector<whatif::weight_change>{{a.left, a.right, c.value}});
    } catch (const usage_error& e) {
      throw input_error(where + ": " + e.what());
    }
    return {a.left, a.right, c.value};
  }
};

std::vector<whatif::scenario> whatif_read_file(const std::string& path, const whatif_builder& b) {
  const auto t = io::read_csv_table(path);
  const std::vector<std::string> want{"scenario", "kind", "target", "value"};
  if (t.header() != want)
    throw input_error(path + ":" + std::to_string(t.header_line()) +
                      ": the header must be 'scenario,kind,target,value'");
  std::vector<whatif::scenario> out;
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string name(t.cell(r, 0));
    const std::string kind(t.cell(r, 1));
    const std::string target(t.cell(r, 2));
    const auto where = t.where(r, 2);
    if (name.empty()) throw input_error(t.where(r, 0) + ": the scenario name is empty");
    if (out.empty() || out.back().name != name) {
      for (const auto& sc : out)
        if (sc.name == name)
          throw input_error(t.where(r, 0) + ": rows of scenario '" + name +
                            "' must be together (it appeared above)");
      out.push_back({name, {}, {}});
    }
    const auto a = whatif_split(target + "=" + std::string(t.cell(r, 3)));
    if (!a) throw input_error(where + ": '" + target + "' must be UNIT.INDICATOR or NODE.CHILD");
    if (kind == "set")
      out.back().cells.push_back(b.cell(*a, where));
    else if (kind == "weight")
      out.back().weights.push_back(b.weight(*a, t.where(r, 3)));
    else
      throw input_error(t.where(r, 1) + ": kind '" + kind + "' must be set or weight");
  }
  return out;
}

} // namespace

int run_whatif(const parsed_args& a) {
  const auto& cmd = whatif_spec();
  const std::string fmt = a.get_or("format", "table");
  std::optional<int> digits;
  if (auto v = a.get("digits")) digits = parse_digits(*v, cmd.name);
  const auto sets = a.get_all("set");
  const auto weights = a.get_all("weight");
  if (sets.empty() && weights.empty() && !a.has("scenarios"))
    throw usage(cmd.name, "chiso whatif: nothing to change: give --set, --weight or --scenarios");
  std::vector<whatif_assignment> set_parts, weight_parts;
  for (const auto& v : sets) {
    auto p = whatif_split(v);
    if (!p) throw usage(cmd.name, "chiso whatif: --set '" + v + "' must be UNIT.INDICATOR=VALUE");
    set_parts.push_back(*p);
  }
  for (const auto& v : weights) {
    auto p = whatif_split(v);
    if (!p) throw usage(cmd.name, "chiso whatif: --weight '" + v + "' must be NODE.CHILD=W");
    weight_parts.push_back(*p);
  }
  output out(a.get("out"));
  const overrides o = parse_overrides(a, cmd);
  session s = run_session(a, cmd, o);
  if (!digits) digits = s.f().display_decimals;
  const whatif_builder b{s};
  std::vector<whatif::scenario> scenarios;
  if (!set_parts.empty() || !weight_parts.empty()) {
    whatif::scenario sc{"command line", {}, {}};
    for (std::size_t k = 0; k < set_parts.size(); ++k)
      sc.cells.push_back(b.cell(set_parts[k], "--set '" + sets[k] + "'"));
    for (std::size_t k = 0; k < weight_parts.size(); ++k)
      sc.weights.push_back(b.weight(weight_parts[k], "--weight '" + weights[k] + "'"));
    scenarios.push_back(std::move(sc));
  }
  if (auto f = a.get("scenarios")) {
    auto more = whatif_read_file(*f, b);
    scenarios.insert(scenarios.end(), more.begin(), more.end());
  }
  const auto& d = s.data.data;
  const auto outcomes =
      whatif::run(s.plan, d.columns, d.values, s.groups, s.impute_groups, scenarios);
  const auto bands = s.band_labels();
  const bool grouped = !s.group_by.empty();
  auto band = [&](int k) { return k < 0 ? std::string() : bands[static_cast<std::size_t>(k)]; };
  auto change = [](double before, double after) {
    return std::isnan(before) || std::isnan(after) ? detail::nan : before - after;
  };
  auto& os = out.stream();
  if (fmt == "csv") {
    os << "scenario,unit" << (d.unit_names.empty() ? "" : ",name")
       << (grouped ? "," + io::csv_escape(s.group_by) : "")
       << ",score_before,rank_before,score_after,rank_after,rank_change"
       << (bands.empty() ? "" : ",band_before,band_after") << "\n";
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
      const auto& x = outcomes[k];
      for (std::size_t i = 0; i < d.n_units(); ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        os << io::csv_escape(scenarios[k].name) << ',' << io::csv_escape(d.unit_ids[i]);
        if (!d.unit_names.empty()) os << ',' << io::csv_escape(d.unit_names[i]);
        if (grouped) os << ',' << io::csv_escape(s.group_label(i));
        os << ',' << show_number(x.score_before[ii], digits) << ','
           << show_number(x.rank_before[ii], std::nullopt) << ','
           << show_number(x.score_after[ii], digits) << ','
           << show_number(x.rank_after[ii], std::nullopt) << ','
           << show_number(change(x.rank_before[ii], x.rank_after[ii]), std::nullopt);
        if (!bands.empty())
          os << ',' << io::csv_escape(band(x.band_before[i])) << ','
             << io::csv_escape(band(x.band_after[i]));
        os << '\n';
      }
    }
  } else if (fmt == "json") {
    os << "{\"framework\": " << io::json_escape(s.f().id) << ", \"scenarios\": [";
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
      const auto& x = outcomes[k];
      os << (k ? ",\n" : "\n") << "  {\"name\": " << io::json_escape(scenarios[k].name)
         << ", \"evaluation\": " << (x.live ? "\"live\"" : "\"full\"") << ", \"units\": [";
      for (std::size_t i = 0; i < d.n_units(); ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        os << (i ? ",\n" : "\n") << "    {\"unit\": " << io::json_escape(d.unit_ids[i]);
        if (grouped) os << ", \"group\": " << io::json_escape(s.group_label(i));
        os << ", \"score_before\": " << json_value(x.score_before[ii], digits)
           << ", \"rank_before\": " << io::json_number(x.rank_before[ii])
           << ", \"score_after\": " << json_value(x.score_after[ii], digits)
           << ", \"rank_after\": " << io::json_number(x.rank_after[ii])
           << ", \"rank_change\": " << io::json_number(change(x.rank_before[ii], x.rank_after[ii]));
        if (!bands.empty())
          os << ", \"band_before\": "
             << (x.band_before[i] < 0 ? "null" : io::json_escape(band(x.band_before[i])))
             << ", \"band_after\": "
             << (x.band_after[i] < 0 ? "null" : io::json_escape(band(x.band_after[i])));
        os << "}";
      }
      os << "\n  ]}";
    }
    os << "\n]}\n";
  } else {
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
      const auto& x = outcomes[k];
      os << (k ? "\n" : "") << "Scenario '" << scenarios[k].name << "' ("
         << scenarios[k].cells.size() << " value" << (scenarios[k].cells.size() == 1 ? "" : "s")
         << ", " << scenarios[k].weights.size() << " weight"
         << (scenarios[k].weights.size() == 1 ? "" : "s") << " changed):\n";
      std::vector<std::size_t> order(d.n_units());
      std::iota(order.begin(), order.end(), 0);
      auto key = [&](std::size_t i) {
        const double r = x.rank_after[static_cast<Eigen::Index>(i)];
        return std::isnan(r) ? 1e300 : r;
      };
      std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) {
        if (grouped && s.groups[p] != s.groups[q]) return s.groups[p] < s.groups[q];
        return key(p) < key(q);
      });
      std::vector<std::vector<std::string>> rows;
      for (auto i : order) {
        const auto ii = static_cast<Eigen::Index>(i);
        const double c = change(x.rank_before[ii], x.rank_after[ii]);
        std::vector<std::string> r{d.unit_ids[i]};
        if (grouped) r.push_back(s.group_label(i));
        r.push_back(show_number(x.score_before[ii], digits));
        r.push_back(show_number(x.rank_before[ii], std::nullopt));
        r.push_back(show_number(x.score_after[ii], digits));
        r.push_back(show_number(x.rank_after[ii], std::nullopt));
        r.push_back(std::isnan(c) || c == 0 ? "" : (c > 0 ? "+" : "") + io::format_double(c));
        rows.push_back(std::move(r));
      }
      std::vector<std::string> header{"unit"};
      std::vector<bool> right{false};
      if (grouped) header.push_back(s.group_by), right.push_back(false);
      header.insert(header.end(), {"score before", "rank", "score after", "rank", "change"});
      right.insert(right.end(), {true, true, true, true, true});
      os << render_table(header, rows, right);
    }
  }
  out.commit();
  return exit_ok;
}

} // namespace chiso::cli
