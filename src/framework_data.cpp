#include "chiso/io/framework_data.hpp"

#include "chiso/io/csv.hpp"
#include "chiso/io/output.hpp"
#include "chiso/io/quote.hpp"
#include "chiso/io/xlsx_read.hpp"

#include "csv/reader.hpp"
#include "csv/source.hpp"
#include "csv/wide_rows.hpp"
#include "xlsx_read/workbook.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <tuple>
#include <utility>

namespace chiso::io {

namespace fs = std::filesystem;

namespace {

/// The rule of an indicator's `valid` range, in words.
std::string range_words(const indicator& ind) {
  if (ind.valid_min && ind.valid_max)
    return "between " + format_double(*ind.valid_min) + " and " + format_double(*ind.valid_max);
  if (ind.valid_min) return "at least " + format_double(*ind.valid_min);
  return "at most " + format_double(*ind.valid_max);
}

/// The numeric columns the framework uses, in first-use order (values, then denominators, then
/// the extra columns), with who uses each.
struct needed_columns {
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::string>> users;

  std::map<std::string, bool> weight; // used as a merge weight

  needed_columns(const framework& f, const std::vector<std::string>& extra) {
    for (const auto& ind : f.indicators) {
      need(ind.source(), "'" + ind.id + "'");
      if (!ind.denominator.empty()) need(ind.denominator, "'" + ind.id + "' (as denominator)");
    }
    for (const auto& e : extra) {
      if (!users.count(e)) names.push_back(e);
      users[e];
      weight[e] = true;
    }
  }
  void need(const std::string& col, const std::string& who) {
    if (!users.count(col)) names.push_back(col);
    users[col].push_back(who);
  }
  std::string by(const std::string& col) const {
    const auto& u = users.at(col);
    const bool w = weight.count(col) != 0;
    if (u.empty()) return " (the weight column of a merge rule)";
    std::string who;
    for (const auto& x : u)
      who += (who.empty() ? "" : ", ") + x;
    return " (used by indicator" + std::string(u.size() > 1 ? "s " : " ") + who +
           (w ? ", and as a merge weight" : "") + ")";
  }
};

/// `given` plus every header ending in `group_suffix` (COINr's `*_group` columns) as a group.
data_layout with_suffix_groups(const data_layout& given, const std::vector<std::string>& header,
                               const std::string& group_suffix) {
  data_layout layout = given;
  if (!group_suffix.empty())
    for (const auto& h : header)
      if (h.size() > group_suffix.size() &&
          h.compare(h.size() - group_suffix.size(), group_suffix.size(), group_suffix) == 0 &&
          std::find(layout.groups.begin(), layout.groups.end(), h) == layout.groups.end())
        layout.groups.push_back(h);
  return layout;
}

/// A wide data file, its rows read straight into the dataset (src/csv/wide_rows.hpp).
framework_data wide_data(std::string_view text, const detail::csv_head& h,
                         const detail::file_bytes* bytes, const data_layout& given_layout,
                         const framework& f, const std::string& group_suffix,
                         const std::vector<std::string>& extra_columns, unsigned threads) {
  const auto& header = h.names;
  const data_layout layout = with_suffix_groups(given_layout, header, group_suffix);
  const std::string& src = h.source;
  const std::string at_header = h.at_line(h.line);
  // Problems sorted by position in the file (line, column), then in the order found.
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::string>> found;
  auto problem = [&](std::size_t line, std::size_t col, std::string msg) {
    found.emplace_back(line, col, found.size(), std::move(msg));
  };
  const std::size_t npos = csv_table::npos;
  auto column_index = [&](const std::string& name) {
    for (std::size_t j = 0; j < header.size(); ++j)
      if (header[j] == name) return j;
    return npos;
  };

  const std::size_t cu = column_index(layout.unit_column);
  if (cu == npos)
    problem(h.line, 0,
            at_header + "no unit id column '" + layout.unit_column +
                "' (columns in the file: " + quote_list(header) + ")");
  const std::size_t cn = layout.name_column.empty() ? npos : column_index(layout.name_column);
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (const auto& g : layout.groups) {
    const std::size_t cg = column_index(g);
    if (cg == npos)
      problem(h.line, 0,
              at_header + "no group column '" + g + "' (the spec " +
                  (f.ranking.group_by == g ? "ranks within it"
                   : f.impute && std::holds_alternative<impute_by_group>(f.impute->method) &&
                           std::get<impute_by_group>(f.impute->method).group == g
                       ? "imputes by it"
                       : "lists it under data.groups") +
                  "; columns in the file: " + quote_list(header) + ")");
    else
      groups.emplace_back(g, cg);
  }

  // The roles of the file's columns: unit, name, groups, and the numeric columns the
  // framework uses (in first-use order, with their users and valid ranges).
  detail::wide_plan p;
  p.roles.resize(header.size());
  p.stop_at_bad_cell = false;
  p.threads = threads;
  if (cu != npos) p.roles[cu].k = detail::column_role::unit;
  if (cn != npos && p.roles[cn].k == detail::column_role::skip) {
    p.roles[cn].k = detail::column_role::name;
    p.names = true;
  }
  std::vector<std::size_t> group_slot(groups.size(), npos);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    auto& r = p.roles[groups[g].second];
    if (r.k != detail::column_role::skip) continue; // also the unit or name column: copied below
    r.k = detail::column_role::group;
    r.slot = group_slot[g] = p.n_groups++;
  }
  const needed_columns nc(f, extra_columns);
  const auto& needed = nc.names;
  p.n_numbers = needed.size();
  p.ranges.resize(needed.size());
  for (std::size_t j = 0; j < needed.size(); ++j) {
    const auto& c = needed[j];
    const std::string by = nc.by(c);
    const std::size_t fc = column_index(c);
    if (fc == npos) {
      problem(h.line, 0,
              at_header + "no column '" + c + "'" + by +
                  "; columns in the file: " + quote_list(header));
      continue;
    }
    std::string role;
    if (c == layout.unit_column)
      role = "the unit id column";
    else if (fc == cn)
      role = "the unit name column";
    for (const auto& g : groups)
      if (g.first == c) role = "a group column";
    if (!role.empty()) {
      problem(h.line, fc + 1,
              h.at(h.line, fc + 1) + "column '" + c + "' is " + role + " but holds numbers" + by);
      continue;
    }
    p.roles[fc] = {detail::column_role::number, j};
    for (std::size_t i = 0; i < f.indicators.size(); ++i) {
      const auto& ind = f.indicators[i];
      if (ind.source() == c && (ind.valid_min || ind.valid_max)) {
        detail::range_rule r;
        if (ind.valid_min) r.lo = *ind.valid_min;
        if (ind.valid_max) r.hi = *ind.valid_max;
        r.who = i;
        p.ranges[j].push_back(r);
      }
    }
  }

  detail::wide_rows rows = detail::read_wide_rows(text, h, p, bytes);
  if (rows.fatal_key) throw input_error(rows.fatal);
  framework_data out;
  auto& d = out.data;
  d = std::move(rows.data);
  d.source = src;
  const std::size_t n = d.unit_ids.size();
  if (n == 0) detail::throw_no_rows(h);
  if (cu == npos)
    for (std::size_t r = 0; r < n; ++r)
      d.unit_ids[r] = "row " + std::to_string(r + 1);
  for (const auto& u : rows.unit_issues) {
    const std::string where = h.cell(u.line, cu);
    if (u.first_line == 0)
      problem(u.line, cu + 1, where + ": empty unit id (every row needs one)");
    else
      problem(u.line, cu + 1,
              where + ": duplicate unit id " + quote_cell(d.unit_ids[u.key.row]) + " (first on " +
                  h.line_name(u.first_line) + ")");
  }
  if (cn != npos && !p.names) d.unit_names = d.unit_ids; // the name column is the unit column
  std::vector<group_column> read = std::move(d.groups);
  d.groups.clear();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    group_column gc;
    gc.name = groups[g].first;
    const std::size_t fc = groups[g].second;
    if (group_slot[g] != npos)
      gc.labels = std::move(read[group_slot[g]].labels);
    else
      gc.labels = fc == cu ? d.unit_ids : d.unit_names;
    d.groups.push_back(std::move(gc));
  }
  for (const auto& b : rows.bad) {
    const std::size_t fc = b.key.field;
    const std::string where = h.cell(b.line, fc);
    if (!b.range)
      problem(b.line, fc + 1, where + ": " + quote_cell(b.text) + " " + std::string(b.rule));
    else
      problem(b.line, fc + 1,
              where + ": value " + b.text + " is outside the valid range of indicator '" +
                  f.indicators[b.range->who].id + "' (" + range_words(f.indicators[b.range->who]) +
                  ")");
  }
  d.columns = needed;
  if (h.grid)
    for (auto& l : d.unit_lines)
      l = h.line_number(l);
  std::stable_sort(found.begin(), found.end());
  for (auto& pr : found)
    out.problems.push_back(std::move(std::get<3>(pr)));
  return out;
}

/// The one sheet a workbook reference names, as CSV text (`#*` is refused: one data set).
detail::sheet_text one_sheet(const workbook_ref& ref) {
  if (ref.all_sheets())
    throw input_error(ref.file.string() +
                      "#*: every sheet as a period, but this reads one data set; name one sheet "
                      "(" +
                      ref.file.string() +
                      "#SHEET) or read the periods with a command that "
                      "takes them");
  return std::move(detail::read_sheet_texts(ref, {}).front());
}

} // namespace

framework_data read_framework_data(const fs::path& path, const data_layout& layout,
                                   const framework& f, const std::string& group_suffix,
                                   const std::vector<std::string>& extra_columns,
                                   unsigned threads) {
  if (const auto ref = workbook_reference(path)) {
    const detail::sheet_text s = one_sheet(*ref);
    const detail::csv_head h = detail::read_head(s.text, s.source, s.grid);
    return wide_data(s.text, h, nullptr, layout, f, group_suffix, extra_columns, threads);
  }
  const detail::file_bytes bytes(path);
  const std::string source = path.string();
  const std::string_view text = detail::strip_bom(bytes.text(), source);
  const detail::csv_head h = detail::read_head(text, source);
  return wide_data(text, h, &bytes, layout, f, group_suffix, extra_columns, threads);
}

bool is_long_header(const std::vector<std::string>& header) {
  const long_options def;
  bool ind = false, val = false;
  for (const auto& h : header) {
    ind = ind || h == def.indicator_column;
    val = val || h == def.value_column;
  }
  return ind && val;
}

namespace {

framework_panel long_panel(const csv_table& t, const data_layout& given_layout, const framework& f,
                           const std::string& group_suffix,
                           const std::vector<std::string>& extra_columns) {
  const data_layout layout = with_suffix_groups(given_layout, t.header(), group_suffix);
  const long_options lo;
  const std::string& src = t.source();
  const std::string at_header = t.where_line(t.header_line());
  const std::size_t npos = csv_table::npos;
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::string>> found;
  auto problem = [&](std::size_t line, std::size_t col, std::string msg) {
    found.emplace_back(line, col, found.size(), std::move(msg));
  };
  framework_panel out;
  auto finish = [&]() {
    std::stable_sort(found.begin(), found.end());
    for (auto& p : found)
      out.problems.push_back(std::move(std::get<3>(p)));
    return out;
  };

  const std::size_t cu = t.column_index(layout.unit_column);
  const std::size_t ci = t.column_index(lo.indicator_column);
  const std::size_t cv = t.column_index(lo.value_column);
  const std::size_t cp = t.column_index(lo.period_column);
  const std::size_t cn = layout.name_column.empty() ? npos : t.column_index(layout.name_column);
  if (cu == npos)
    problem(t.header_line(), 0,
            at_header + "no unit id column '" + layout.unit_column +
                "' (columns in the file: " + quote_list(t.header()) + ")");
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (const auto& g : layout.groups) {
    const std::size_t cg = t.column_index(g);
    if (cg == npos)
      problem(t.header_line(), 0,
              at_header + "no group column '" + g + "' (the spec lists it under data.groups" +
                  (f.ranking.group_by == g ? " and ranks within it" : "") +
                  "; columns in the file: " + quote_list(t.header()) + ")");
    else
      groups.emplace_back(g, cg);
  }
  if (cu == npos || ci == npos || cv == npos || found.size() > 0) return finish();
  out.has_periods = cp != npos;

  const needed_columns nc(f, extra_columns);
  std::map<std::string_view, std::size_t> col_of;
  for (std::size_t j = 0; j < nc.names.size(); ++j)
    col_of.emplace(nc.names[j], j);

  // Pass 1: periods, units (first appearance), each unit's first row, presence per period.
  std::map<std::string_view, std::size_t> period_of, unit_of;
  std::vector<std::size_t> unit_row;      // first row of each unit
  std::vector<std::vector<char>> present; // [period][unit]
  std::vector<std::size_t> row_period(t.n_rows(), npos), row_unit(t.n_rows(), npos);
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const auto id = t.cell(r, cu);
    bool ok = true;
    if (id.empty()) {
      problem(t.line(r, cu), cu + 1, t.where(r, cu) + ": empty unit id (every row needs one)");
      ok = false;
    }
    if (t.cell(r, ci).empty()) {
      problem(t.line(r, ci), ci + 1, t.where(r, ci) + ": empty indicator (every row needs one)");
      ok = false;
    }
    std::string_view period;
    if (cp != npos) {
      period = t.cell(r, cp);
      if (period.empty()) {
        problem(t.line(r, cp), cp + 1, t.where(r, cp) + ": empty period (every row needs one)");
        ok = false;
      }
    }
    if (!ok) continue;
    const auto [pit, pnew] = period_of.emplace(period, out.periods.size());
    if (pnew) {
      out.periods.emplace_back(period);
      present.emplace_back(unit_row.size(), 0);
    }
    const auto [uit, unew] = unit_of.emplace(id, unit_row.size());
    if (unew) {
      unit_row.push_back(r);
      for (auto& p : present)
        p.push_back(0);
    } else {
      // Names and group labels are per unit: the same on every row.
      const std::size_t r0 = unit_row[uit->second];
      std::vector<std::pair<std::string, std::size_t>> labelled = groups;
      if (cn != npos) labelled.insert(labelled.begin(), {"name", cn});
      for (const auto& [g, c] : labelled)
        if (t.cell(r, c) != t.cell(r0, c))
          problem(t.line(r, c), c + 1,
                  t.where(r, c) + ": unit " + quote_cell(id) + " has " + quote_cell(t.cell(r, c)) +
                      " here but " + quote_cell(t.cell(r0, c)) + " on " +
                      t.line_name(t.line(r0, c)) + " (a unit's " +
                      (c == cn ? std::string("name") : "group label") +
                      " is the same on every row)");
    }
    present[pit->second][uit->second] = 1;
    row_period[r] = pit->second;
    row_unit[r] = uit->second;
  }
  if (out.periods.empty()) out.periods.emplace_back();
  if (present.empty()) present.emplace_back(unit_row.size(), 0);

  // Datasets: each period's units in file order.
  const std::size_t n_units = unit_row.size();
  const std::size_t n_periods = out.periods.size();
  std::vector<std::vector<std::size_t>> local(n_periods, std::vector<std::size_t>(n_units, npos));
  out.data.resize(n_periods);
  for (std::size_t k = 0; k < n_periods; ++k) {
    auto& d = out.data[k];
    d.source = src;
    d.columns = nc.names;
    for (const auto& g : groups)
      d.groups.push_back({g.first, {}});
    for (std::size_t u = 0; u < n_units; ++u) {
      if (!present[k][u]) continue;
      const std::size_t r0 = unit_row[u];
      local[k][u] = d.unit_ids.size();
      d.unit_ids.emplace_back(t.cell(r0, cu));
      d.unit_lines.push_back(t.shown_line(t.line(r0)));
      if (cn != npos) d.unit_names.emplace_back(t.cell(r0, cn));
      for (std::size_t g = 0; g < groups.size(); ++g)
        d.groups[g].labels.emplace_back(t.cell(r0, groups[g].second));
    }
    d.values.setConstant(static_cast<Eigen::Index>(d.unit_ids.size()),
                         static_cast<Eigen::Index>(nc.names.size()),
                         std::numeric_limits<double>::quiet_NaN());
  }

  // Pass 2: values.
  std::vector<char> seen_col(nc.names.size(), 0);
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> first_line;
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    if (row_unit[r] == npos) continue;
    const auto cit = col_of.find(t.cell(r, ci));
    if (cit == col_of.end()) continue; // an indicator the framework does not read
    const std::size_t j = cit->second;
    seen_col[j] = 1;
    const auto key = std::make_tuple(row_period[r], row_unit[r], j);
    const auto [fit, fresh] = first_line.emplace(key, t.line(r));
    if (!fresh) {
      problem(t.line(r, cu), cu + 1,
              t.where(r, cu) + ": unit " + quote_cell(t.cell(r, cu)) + ", indicator " +
                  quote_cell(t.cell(r, ci)) +
                  (cp != npos ? ", period " + quote_cell(t.cell(r, cp)) : std::string()) +
                  " repeats " + t.line_name(fit->second));
      continue;
    }
    const auto text = t.cell(r, cv);
    const number_cell v = parse_number(text);
    if (v.status == number_status::invalid) {
      problem(t.line(r, cv), cv + 1,
              t.where(r, cv) + ": " + quote_cell(text) + " " + std::string(v.rule) +
                  " (indicator " + quote_cell(t.cell(r, ci)) + ")");
      continue;
    }
    if (v.status == number_status::number)
      for (const auto& ind : f.indicators)
        if (ind.source() == nc.names[j] && ((ind.valid_min && v.value < *ind.valid_min) ||
                                            (ind.valid_max && v.value > *ind.valid_max)))
          problem(t.line(r, cv), cv + 1,
                  t.where(r, cv) + ": value " + std::string(text) +
                      " is outside the valid range of indicator '" + ind.id + "' (" +
                      range_words(ind) + ")");
    out.data[row_period[r]].values(static_cast<Eigen::Index>(local[row_period[r]][row_unit[r]]),
                                   static_cast<Eigen::Index>(j)) = v.value;
  }
  for (std::size_t j = 0; j < nc.names.size(); ++j)
    if (!seen_col[j])
      problem(t.header_line(), 0,
              at_header + "no row with indicator '" + nc.names[j] + "'" + nc.by(nc.names[j]) +
                  " in the '" + lo.indicator_column + "' column");
  return finish();
}

} // namespace

namespace {

/// A panel from CSV text (a file's, `bytes` set, or a sheet's, `grid` set).
framework_panel panel_of_text(std::string_view raw, const std::string& source,
                              const std::shared_ptr<const detail::sheet_grid>& grid,
                              const detail::file_bytes* bytes, const data_layout& layout,
                              const framework& f, const std::string& group_suffix,
                              const std::vector<std::string>& extra_columns, unsigned threads) {
  const std::string_view text = detail::strip_bom(raw, source);
  const detail::csv_head h = detail::read_head(text, source, grid);
  if (is_long_header(h.names))
    return long_panel(grid ? detail::sheet_table(raw, source, grid) : parse_csv_table(raw, source),
                      layout, f, group_suffix, extra_columns);
  auto w = wide_data(text, h, bytes, layout, f, group_suffix, extra_columns, threads);
  framework_panel out;
  out.periods = {""};
  out.data.push_back(std::move(w.data));
  out.problems = std::move(w.problems);
  return out;
}

} // namespace

framework_panel read_framework_panel(const fs::path& path, const data_layout& layout,
                                     const framework& f, const std::string& group_suffix,
                                     const std::vector<std::string>& extra_columns,
                                     unsigned threads) {
  if (const auto ref = workbook_reference(path)) {
    const auto sheets = detail::read_sheet_texts(*ref, {});
    if (!ref->all_sheets()) {
      const auto& s = sheets.front();
      return panel_of_text(s.text, s.source, s.grid, nullptr, layout, f, group_suffix,
                           extra_columns, threads);
    }
    // data.xlsx#*: one period per sheet, named by the sheet.
    framework_panel out;
    out.has_periods = true;
    for (const auto& s : sheets) {
      auto one = panel_of_text(s.text, s.source, s.grid, nullptr, layout, f, group_suffix,
                               extra_columns, threads);
      if (one.has_periods || one.data.size() != 1)
        throw input_error(s.source + ": with " + ref->file.string() +
                          "#* each sheet holds one period, named by the sheet (wide layout, or "
                          "long without a 'period' column)");
      out.problems.insert(out.problems.end(), one.problems.begin(), one.problems.end());
      out.periods.push_back(s.name);
      out.data.push_back(std::move(one.data.front()));
    }
    return out;
  }
  const detail::file_bytes bytes(path);
  return panel_of_text(bytes.text(), path.string(), nullptr, &bytes, layout, f, group_suffix,
                       extra_columns, threads);
}

std::vector<std::size_t> period_order(const std::vector<std::string>& labels) {
  std::vector<std::size_t> order(labels.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    order[k] = k;
  std::vector<double> v(labels.size());
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const auto c = parse_number(labels[k]);
    if (c.status != number_status::number) return order;
    v[k] = c.value;
  }
  std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return v[x] < v[y]; });
  for (std::size_t k = 1; k < order.size(); ++k)
    if (v[order[k]] == v[order[k - 1]])
      throw input_error("periods '" + labels[order[k - 1]] + "' and '" + labels[order[k]] +
                        "' are the same number");
  return order;
}

std::vector<double> period_times(const std::vector<std::string>& labels) {
  std::vector<double> out(labels.size());
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const auto c = parse_number(labels[k]);
    if (c.status != number_status::number)
      throw input_error("period " +
                        (labels[k].empty() ? std::string("(none: the data has one period)")
                                           : "'" + labels[k] + "'") +
                        " is not a number; targets need periods on the deadlines' scale (a "
                        "year such as 2024, or a period index)");
    out[k] = c.value;
  }
  return out;
}

std::vector<double> period_positions(const std::vector<std::string>& labels) {
  std::vector<double> out;
  for (const auto& l : labels) {
    const auto c = parse_number(l);
    if (c.status != number_status::number) return {};
    out.push_back(c.value);
  }
  return out;
}

void throw_if_problems(const std::vector<std::string>& problems, std::string_view hint,
                       std::size_t max) {
  if (problems.empty()) return;
  std::string msg;
  for (std::size_t k = 0; k < problems.size() && k < max; ++k)
    msg += (k ? "\n" : "") + problems[k];
  if (problems.size() > max)
    msg +=
        "\n... and " + std::to_string(problems.size() - max) + " more problems" + std::string(hint);
  throw input_error(msg);
}

} // namespace chiso::io
