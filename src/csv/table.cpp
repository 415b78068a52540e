// The table reader and the long layout (include/chiso/io/csv.hpp): every cell's text kept in
// one buffer, then the long file's rows gathered into one dataset per period.
#include "chiso/io/csv.hpp"

#include "reader.hpp"
#include "source.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>

namespace chiso::io {

namespace {

using detail::show_cell;
constexpr std::size_t npos = csv_table::npos;

/// Line ends in `s`: LF, CRLF and a lone CR each count once.
std::size_t cell_line_ends(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n')
      ++n;
    else if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))
      ++n;
  }
  return n;
}

std::string long_bad_number(const std::string& where, std::string_view text,
                            std::string_view rule) {
  return where + ": " + show_cell(text) + ' ' + std::string(rule);
}

std::size_t name_index(const std::vector<std::string>& names, std::string_view name) noexcept {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return npos;
}

std::string long_names(const std::vector<std::string>& names) {
  return detail::show_names(names);
}

struct long_key {
  std::uint32_t p, u, i;
  bool operator==(const long_key&) const = default;
};
struct long_key_hash {
  std::size_t operator()(const long_key& k) const noexcept {
    std::uint64_t h = k.p;
    h = h * 0x9E3779B97F4A7C15ULL ^ k.u;
    h = h * 0x9E3779B97F4A7C15ULL ^ k.i;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

/// Index of `s` in `index`, adding it (in first-appearance order) if new.
std::uint32_t intern_label(std::unordered_map<std::string_view, std::uint32_t>& index,
                           std::vector<std::string_view>& order, std::string_view s, bool& fresh) {
  const auto [it, added] = index.emplace(s, static_cast<std::uint32_t>(order.size()));
  fresh = added;
  if (added) order.push_back(s);
  return it->second;
}

long_data build_long(const csv_table& t, const long_options& o) {
  if (o.unit_column.empty() || o.indicator_column.empty() || o.value_column.empty())
    throw usage_error("long_options: unit, indicator and value column names must not be empty");
  {
    std::vector<std::string_view> roles{o.unit_column, o.indicator_column, o.value_column};
    if (!o.period_column.empty()) roles.push_back(o.period_column);
    if (!o.name_column.empty()) roles.push_back(o.name_column);
    for (const auto& g : o.group_columns)
      roles.push_back(g);
    for (std::size_t a = 0; a < roles.size(); ++a)
      for (std::size_t b = a + 1; b < roles.size(); ++b)
        if (roles[a] == roles[b])
          throw usage_error("long_options: column '" + std::string(roles[a]) +
                            "' is given two roles");
  }
  const auto& h = t.header();
  const std::string at = t.where_line(t.header_line()) + "header: ";
  std::vector<std::string> missing;
  for (const std::string* c : {&o.unit_column, &o.indicator_column, &o.value_column})
    if (t.column_index(*c) == csv_table::npos) missing.push_back(*c);
  for (const auto& g : o.group_columns)
    if (t.column_index(g) == csv_table::npos) missing.push_back(g);
  if (!missing.empty())
    throw input_error(at + "missing column" + (missing.size() > 1 ? "s " : " ") +
                      long_names(missing) + " (columns seen: " + long_names(h) + ")");
  const std::size_t cu = t.column_index(o.unit_column);
  const std::size_t ci = t.column_index(o.indicator_column);
  const std::size_t cv = t.column_index(o.value_column);
  const std::size_t cp = o.period_column.empty() ? npos : t.column_index(o.period_column);
  const std::size_t cn = o.name_column.empty() ? npos : t.column_index(o.name_column);
  std::vector<std::size_t> cg;
  for (const auto& g : o.group_columns)
    cg.push_back(t.column_index(g));

  std::unordered_map<std::string_view, std::uint32_t> unit_index, ind_index, period_index;
  std::vector<std::string_view> units, indicators, periods;
  std::vector<std::size_t> unit_row; // first row of each unit (its name and groups)
  struct entry {
    long_key k;
    double v;
  };
  std::vector<entry> entries;
  entries.reserve(t.n_rows());
  std::unordered_map<long_key, std::size_t, long_key_hash> seen;
  seen.reserve(t.n_rows());

  auto must_agree = [&](std::size_t r, std::size_t col, std::size_t first, std::string_view unit,
                        const char* what) {
    if (t.cell(r, col) != t.cell(first, col))
      throw input_error(t.where(r, col) + ": unit " + show_cell(unit) + " has " + what + ' ' +
                        show_cell(t.cell(r, col)) + " here but " + show_cell(t.cell(first, col)) +
                        " on " + t.line_name(t.line(first, col)) + " (a unit's " + what +
                        " must be the same on every row)");
  };

  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string_view u = t.cell(r, cu), ind = t.cell(r, ci);
    if (u.empty()) throw input_error(t.where(r, cu) + ": empty unit id (every row needs one)");
    if (ind.empty())
      throw input_error(t.where(r, ci) + ": empty indicator id (every row needs one)");
    std::string_view per;
    if (cp != npos) {
      per = t.cell(r, cp);
      if (per.empty()) throw input_error(t.where(r, cp) + ": empty period (every row needs one)");
    }
    const number_cell v = parse_number(t.cell(r, cv));
    if (v.status == number_status::invalid)
      throw input_error(long_bad_number(t.where(r, cv), t.cell(r, cv), v.rule));

    bool fresh = false;
    const std::uint32_t ku = intern_label(unit_index, units, u, fresh);
    if (fresh) {
      unit_row.push_back(r);
    } else {
      const std::size_t first = unit_row[ku];
      if (cn != npos) must_agree(r, cn, first, u, "name");
      for (std::size_t col : cg)
        must_agree(r, col, first, u, "group label");
    }
    const std::uint32_t ki = intern_label(ind_index, indicators, ind, fresh);
    const std::uint32_t kp = intern_label(period_index, periods, per, fresh);
    const long_key k{kp, ku, ki};
    if (const auto [it, added] = seen.emplace(k, r); !added) {
      std::string what = "unit " + show_cell(u) + ", indicator " + show_cell(ind);
      if (cp != npos) what += ", period " + show_cell(per);
      throw input_error(t.where(r, cu) + ": " + what + " repeats " +
                        t.line_name(t.line(it->second)) +
                        " (each combination may appear only once)");
    }
    entries.push_back({k, v.value});
  }

  const auto n_units = static_cast<Eigen::Index>(units.size());
  const auto n_ind = static_cast<Eigen::Index>(indicators.size());
  dataset proto;
  proto.unit_ids.assign(units.begin(), units.end());
  proto.columns.assign(indicators.begin(), indicators.end());
  if (cn != npos)
    for (std::size_t r : unit_row)
      proto.unit_names.emplace_back(t.cell(r, cn));
  for (std::size_t g = 0; g < cg.size(); ++g) {
    group_column gc{o.group_columns[g], {}};
    for (std::size_t r : unit_row)
      gc.labels.emplace_back(t.cell(r, cg[g]));
    proto.groups.push_back(std::move(gc));
  }
  proto.values =
      Eigen::MatrixXd::Constant(n_units, n_ind, std::numeric_limits<double>::quiet_NaN());

  long_data out;
  out.periods.assign(periods.begin(), periods.end());
  out.data.assign(periods.size(), proto);
  for (const auto& e : entries)
    out.data[e.k.p].values(static_cast<Eigen::Index>(e.k.u), static_cast<Eigen::Index>(e.k.i)) =
        e.v;
  return out;
}

} // namespace

std::size_t csv_table::line(std::size_t row, std::size_t col) const noexcept {
  std::size_t l = row_lines_[row];
  for (std::size_t j = 0; j < col; ++j)
    l += cell_line_ends(cell(row, j));
  return l;
}

std::size_t csv_table::column_index(std::string_view name) const noexcept {
  return name_index(header_, name);
}

std::string csv_table::where(std::size_t row, std::size_t col) const {
  return detail::positions{source_, grid_}.at(line(row, col), col + 1) + "column '" + header_[col] +
         '\'';
}

std::string csv_table::where_line(std::size_t ln) const {
  return detail::positions{source_, grid_}.at_line(ln);
}

std::size_t csv_table::shown_line(std::size_t ln) const noexcept {
  return grid_ ? grid_->row(ln) : ln;
}

std::string csv_table::line_name(std::size_t ln) const {
  return detail::positions{source_, grid_}.line_name(ln);
}

/// Fills a csv_table from a text (friend of csv_table).
class table_builder {
public:
  static csv_table build(std::string_view text, std::string_view source,
                         std::shared_ptr<const detail::sheet_grid> grid = nullptr) {
    csv_table t;
    t.source_ = source;
    t.grid_ = grid;
    text = detail::strip_bom(text, source);
    const detail::csv_head h = detail::read_head(text, source, std::move(grid));
    t.header_ = h.names;
    t.header_line_ = h.line;
    t.offsets_.assign(1, 0);
    detail::row_scanner s(text, h.body_pos, text.size(), h.body_line);
    for (;;) {
      const detail::scan_status st = s.next();
      if (st == detail::scan_status::end) break;
      const detail::row_check c = detail::check_row(h, s, st);
      if (!c.message.empty()) throw input_error(c.message);
      for (const auto& f : s.fields()) {
        t.text_.append(f.text);
        t.offsets_.push_back(t.text_.size());
      }
      t.row_lines_.push_back(s.row_line());
    }
    if (t.row_lines_.empty()) detail::throw_no_rows(h);
    return t;
  }
};

csv_table detail::sheet_table(std::string_view text, std::string_view source,
                              std::shared_ptr<const sheet_grid> grid) {
  return table_builder::build(text, source, std::move(grid));
}

csv_table parse_csv_table(std::string_view text, std::string_view source) {
  return table_builder::build(text, source);
}

csv_table read_csv_table(const std::filesystem::path& path) {
  const detail::file_bytes bytes(path);
  return table_builder::build(bytes.text(), path.string());
}

long_data parse_long_csv(std::string_view text, std::string_view source,
                         const long_options& options) {
  return build_long(parse_csv_table(text, source), options);
}

long_data read_long_csv(const std::filesystem::path& path, const long_options& options) {
  return build_long(read_csv_table(path), options);
}

} // namespace chiso::io
