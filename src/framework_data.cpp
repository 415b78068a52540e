#include "chiso/io/framework_data.hpp"

#include "chiso/io/csv.hpp"
#include "chiso/io/output.hpp"
#include "chiso/io/quote.hpp"

#include <algorithm>
#include <limits>
#include <map>
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

} // namespace

framework_data read_framework_data(const fs::path& path, const data_layout& given_layout,
                                   const framework& f, const std::string& group_suffix) {
  const csv_table t = read_csv_table(path);
  data_layout layout = given_layout;
  if (!group_suffix.empty())
    for (const auto& h : t.header())
      if (h.size() > group_suffix.size() &&
          h.compare(h.size() - group_suffix.size(), group_suffix.size(), group_suffix) == 0 &&
          std::find(layout.groups.begin(), layout.groups.end(), h) == layout.groups.end())
        layout.groups.push_back(h);
  const std::string& src = t.source();
  const std::string at_header = src + ":" + std::to_string(t.header_line()) + ": ";
  // Problems sorted by position in the file (line, column), then in the order found.
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::string>> found;
  auto problem = [&](std::size_t line, std::size_t col, std::string msg) {
    found.emplace_back(line, col, found.size(), std::move(msg));
  };

  framework_data out;
  auto& d = out.data;
  d.source = src;
  const std::size_t n = t.n_rows();
  const std::size_t npos = csv_table::npos;

  const std::size_t cu = t.column_index(layout.unit_column);
  if (cu == npos)
    problem(t.header_line(), 0,
            at_header + "no unit id column '" + layout.unit_column +
                "' (columns in the file: " + quote_list(t.header()) + ")");
  const std::size_t cn = layout.name_column.empty() ? npos : t.column_index(layout.name_column);
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (const auto& g : layout.groups) {
    const std::size_t cg = t.column_index(g);
    if (cg == npos)
      problem(t.header_line(), 0,
              at_header + "no group column '" + g + "' (the spec " +
                  (f.ranking.group_by == g ? "ranks within it"
                   : f.impute && std::holds_alternative<impute_by_group>(f.impute->method) &&
                           std::get<impute_by_group>(f.impute->method).group == g
                       ? "imputes by it"
                       : "lists it under data.groups") +
                  "; columns in the file: " + quote_list(t.header()) + ")");
    else
      groups.emplace_back(g, cg);
  }

  // The numeric columns the framework uses, in first-use order, with their users.
  std::vector<std::string> needed;
  std::map<std::string, std::vector<std::string>> users;
  auto need = [&](const std::string& col, const std::string& who) {
    if (!users.count(col)) needed.push_back(col);
    users[col].push_back(who);
  };
  for (const auto& ind : f.indicators) {
    need(ind.source(), "'" + ind.id + "'");
    if (!ind.denominator.empty()) need(ind.denominator, "'" + ind.id + "' (as denominator)");
  }
  std::vector<std::size_t> file_col(needed.size(), npos);
  for (std::size_t j = 0; j < needed.size(); ++j) {
    const auto& c = needed[j];
    std::string who;
    for (const auto& u : users[c])
      who += (who.empty() ? "" : ", ") + u;
    const std::string by =
        " (used by indicator" + std::string(users[c].size() > 1 ? "s " : " ") + who + ")";
    const std::size_t fc = t.column_index(c);
    if (fc == npos) {
      problem(t.header_line(), 0,
              at_header + "no column '" + c + "'" + by +
                  "; columns in the file: " + quote_list(t.header()));
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
      problem(t.header_line(), fc + 1,
              src + ":" + std::to_string(t.header_line()) + ":" + std::to_string(fc + 1) +
                  ": column '" + c + "' is " + role + " but holds numbers" + by);
      continue;
    }
    file_col[j] = fc;
  }

  // Units.
  d.unit_ids.resize(n);
  d.unit_lines.resize(n);
  std::map<std::string_view, std::size_t> first_line;
  for (std::size_t r = 0; r < n; ++r) {
    d.unit_lines[r] = t.line(r);
    if (cu == npos) {
      d.unit_ids[r] = "row " + std::to_string(r + 1);
      continue;
    }
    const std::string_view id = t.cell(r, cu);
    d.unit_ids[r] = std::string(id);
    if (id.empty()) {
      problem(t.line(r, cu), cu + 1, t.where(r, cu) + ": empty unit id (every row needs one)");
      continue;
    }
    const auto [it, fresh] = first_line.emplace(id, t.line(r, cu));
    if (!fresh)
      problem(t.line(r, cu), cu + 1,
              t.where(r, cu) + ": duplicate unit id " + quote_cell(id) + " (first on line " +
                  std::to_string(it->second) + ")");
  }
  if (cn != npos) {
    d.unit_names.resize(n);
    for (std::size_t r = 0; r < n; ++r)
      d.unit_names[r] = std::string(t.cell(r, cn));
  }
  for (const auto& [name, cg] : groups) {
    group_column g;
    g.name = name;
    g.labels.reserve(n);
    for (std::size_t r = 0; r < n; ++r)
      g.labels.emplace_back(t.cell(r, cg));
    d.groups.push_back(std::move(g));
  }

  // Numbers, and the indicators' valid ranges.
  d.columns = needed;
  d.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(needed.size()));
  for (std::size_t j = 0; j < needed.size(); ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    const std::size_t fc = file_col[j];
    if (fc == npos) {
      d.values.col(jj).setConstant(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::vector<const indicator*> ranged;
    for (const auto& ind : f.indicators)
      if (ind.source() == needed[j] && (ind.valid_min || ind.valid_max)) ranged.push_back(&ind);
    for (std::size_t r = 0; r < n; ++r) {
      const auto text = t.cell(r, fc);
      const number_cell v = parse_number(text);
      d.values(static_cast<Eigen::Index>(r), jj) = v.value;
      if (v.status == number_status::invalid) {
        problem(t.line(r, fc), fc + 1,
                t.where(r, fc) + ": " + quote_cell(text) + " " + std::string(v.rule));
        continue;
      }
      if (v.status != number_status::number) continue;
      for (const indicator* ind : ranged)
        if ((ind->valid_min && v.value < *ind->valid_min) ||
            (ind->valid_max && v.value > *ind->valid_max))
          problem(t.line(r, fc), fc + 1,
                  t.where(r, fc) + ": value " + std::string(text) +
                      " is outside the valid range of indicator '" + ind->id + "' (" +
                      range_words(*ind) + ")");
    }
  }
  std::stable_sort(found.begin(), found.end());
  for (auto& p : found)
    out.problems.push_back(std::move(std::get<3>(p)));
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
