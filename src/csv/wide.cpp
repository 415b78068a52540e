// The wide layout (include/chiso/io/csv.hpp): options and header checked here, rows read by
// the bulk path (wide_rows.hpp).
#include "chiso/io/csv.hpp"

#include "reader.hpp"
#include "source.hpp"
#include "wide_rows.hpp"

#include <utility>

namespace chiso::io {

namespace {

constexpr std::size_t no_column = static_cast<std::size_t>(-1);

std::size_t index_of_name(const std::vector<std::string>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return no_column;
}

bool has_name(const std::vector<std::string>& names, std::string_view name) noexcept {
  return index_of_name(names, name) != no_column;
}

void check_wide_options(const wide_options& o) {
  if (o.unit_column.empty()) throw usage_error("wide_options: unit_column must not be empty");
  if (!o.name_column.empty() && o.name_column == o.unit_column)
    throw usage_error("wide_options: column '" + o.unit_column + "' is both unit and name column");
  for (std::size_t k = 0; k < o.group_columns.size(); ++k) {
    const auto& g = o.group_columns[k];
    if (g == o.unit_column || (!o.name_column.empty() && g == o.name_column))
      throw usage_error("wide_options: group column '" + g + "' is also the unit or name column");
    if (index_of_name(o.group_columns, g) != k)
      throw usage_error("wide_options: group column '" + g + "' is listed twice");
  }
  for (const auto& c : o.columns)
    if (c == o.unit_column || (!o.name_column.empty() && c == o.name_column) ||
        has_name(o.group_columns, c))
      throw usage_error("wide_options: column '" + c +
                        "' is listed as numeric but is also the unit, name or a group column");
}

std::string wide_bad_number(const detail::csv_head& h, const detail::bad_cell& b) {
  return h.cell(b.line, b.key.field) + ": " + detail::show_cell(b.text) + ' ' + std::string(b.rule);
}

/// The text of every cell of columns `cols` (file columns), row by row: the cells of columns
/// that turn out to be labels (automatic groups). The rows were read once already, so the
/// text is sound.
std::vector<std::vector<std::string>> column_texts(std::string_view text, const detail::csv_head& h,
                                                   const std::vector<std::size_t>& cols) {
  std::vector<std::vector<std::string>> out(cols.size());
  detail::row_scanner s(text, h.body_pos, text.size(), h.body_line);
  while (s.next() == detail::scan_status::row)
    for (std::size_t k = 0; k < cols.size(); ++k)
      out[k].emplace_back(s.fields()[cols[k]].text);
  return out;
}

dataset read_wide(std::string_view text, std::string_view source, const wide_options& o,
                  const detail::file_bytes* bytes) {
  check_wide_options(o);
  text = detail::strip_bom(text, source);
  const detail::csv_head h = detail::read_head(text, source);
  const auto& names = h.names;
  const std::string at = h.at_line(h.line) + "header: ";
  if (!has_name(names, o.unit_column))
    throw input_error(at + "no unit id column '" + o.unit_column +
                      "' (columns seen: " + detail::show_names(names) +
                      "); rename the unit id column or set the unit column option");
  std::vector<std::string> missing;
  for (const auto& g : o.group_columns)
    if (!has_name(names, g)) missing.push_back(g);
  if (!missing.empty())
    throw input_error(at + "group column" + (missing.size() > 1 ? "s " : " ") +
                      detail::show_names(missing) +
                      " not found (columns seen: " + detail::show_names(names) + ")");
  for (const auto& c : o.columns)
    if (!has_name(names, c)) missing.push_back(c);
  if (!missing.empty())
    throw input_error(at + "requested column" + (missing.size() > 1 ? "s " : " ") +
                      detail::show_names(missing) +
                      " not found (columns seen: " + detail::show_names(names) + ")");

  detail::wide_plan p;
  p.roles.resize(names.size());
  std::vector<std::size_t> number_file_col;
  for (std::size_t j = 0; j < names.size(); ++j) {
    auto& r = p.roles[j];
    if (names[j] == o.unit_column) {
      r.k = detail::column_role::unit;
    } else if (!o.name_column.empty() && names[j] == o.name_column) {
      r.k = detail::column_role::name;
      p.names = true;
    } else if (has_name(o.group_columns, names[j])) {
      r.k = detail::column_role::group;
      r.slot = p.n_groups++;
    } else if (o.columns.empty() || has_name(o.columns, names[j])) {
      r.k = detail::column_role::number;
      r.slot = p.n_numbers++;
      number_file_col.push_back(j);
    }
  }
  p.stop_at_bad_cell = !o.auto_groups;
  p.note_text_columns = o.auto_groups;
  p.threads = o.threads;

  detail::wide_rows rows = detail::read_wide_rows(text, h, p, bytes);
  if (const auto stop = detail::first_stop(rows)) {
    const std::size_t cu = index_of_name(names, o.unit_column);
    if (!rows.bad.empty() && rows.bad.front().key == *stop)
      throw input_error(wide_bad_number(h, rows.bad.front()));
    if (!rows.unit_issues.empty() && rows.unit_issues.front().key == *stop) {
      const auto& u = rows.unit_issues.front();
      const std::string& id = rows.data.unit_ids[u.key.row];
      if (u.first_line == 0)
        throw input_error(h.cell(u.line, cu) + ": empty unit id (every row needs one)");
      throw input_error(h.cell(u.line, cu) + ": duplicate unit id " + detail::show_cell(id) +
                        " (first on " + h.line_name(u.first_line) + ")");
    }
    throw input_error(rows.fatal);
  }
  dataset d = std::move(rows.data);
  if (d.unit_ids.empty()) detail::throw_no_rows(h);
  d.unit_lines.clear();
  if (!p.names) d.unit_names.clear();

  // Columns: numbers in file order; with automatic groups, the all-text ones become labels.
  std::vector<std::size_t> text_cols; // file columns that are labels after all
  std::vector<std::size_t> kept;      // number slots kept
  for (std::size_t s = 0; s < p.n_numbers; ++s) {
    const std::size_t j = number_file_col[s];
    if (o.auto_groups && rows.first_bad[s]) {
      if (rows.any_number[s])
        throw input_error(wide_bad_number(h, *rows.first_bad[s]) +
                          "; with automatic groups a column becomes a group column only if "
                          "none of its cells is a number, empty or NA");
      text_cols.push_back(j);
      continue;
    }
    kept.push_back(s);
    d.columns.push_back(names[j]);
  }
  std::vector<std::vector<std::string>> texts;
  if (!text_cols.empty()) texts = column_texts(text, h, text_cols);
  std::vector<group_column> listed = std::move(d.groups);
  d.groups.clear();
  for (std::size_t j = 0, t = 0; j < names.size(); ++j) {
    if (p.roles[j].k == detail::column_role::group)
      d.groups.push_back({names[j], std::move(listed[p.roles[j].slot].labels)});
    else if (t < text_cols.size() && text_cols[t] == j)
      d.groups.push_back({names[j], std::move(texts[t++])});
  }
  if (kept.size() != p.n_numbers) {
    Eigen::MatrixXd v(d.values.rows(), static_cast<Eigen::Index>(kept.size()));
    for (std::size_t k = 0; k < kept.size(); ++k)
      v.col(static_cast<Eigen::Index>(k)) = d.values.col(static_cast<Eigen::Index>(kept[k]));
    d.values = std::move(v);
  }
  return d;
}

} // namespace

dataset parse_wide_csv(std::string_view text, std::string_view source,
                       const wide_options& options) {
  return read_wide(text, source, options, nullptr);
}

dataset read_wide_csv(const std::filesystem::path& path, const wide_options& options) {
  const detail::file_bytes bytes(path);
  return read_wide(bytes.text(), path.string(), options, &bytes);
}

} // namespace chiso::io
