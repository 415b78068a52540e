#include "wide_rows.hpp"

#include "number.hpp"

#include "chiso/robust/parallel.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace chiso::io::detail {

namespace {

/// Bytes of text per block: large enough that a block's bookkeeping is noise, small enough
/// that two threads share the work evenly and released pages keep the resident set small.
constexpr std::size_t wide_block_bytes = std::size_t{4} << 20;

/// What one block found.
struct block_out {
  std::optional<read_key> fatal_key;
  std::string fatal;
  std::vector<bad_cell> bad;
  std::vector<std::pair<std::size_t, std::size_t>> unit_lines; // (row, line) when not the row's
  std::vector<std::optional<bad_cell>> first_bad;
  std::vector<char> any_number;
};

class block_reader {
public:
  block_reader(std::string_view text, const csv_head& h, const wide_plan& p, wide_rows& out)
      : text_(text), h_(h), p_(p), out_(out) {
    auto& d = out.data;
    const std::size_t n = d.unit_ids.size();
    cols_.resize(p.n_numbers);
    for (std::size_t j = 0; j < p.n_numbers; ++j)
      cols_[j] = d.values.data() + j * n;
  }

  void run(const row_block& b, block_out& o, const file_bytes* bytes) const {
    if (p_.note_text_columns) {
      o.first_bad.assign(p_.n_numbers, std::nullopt);
      o.any_number.assign(p_.n_numbers, 0);
    }
    row_scanner s(text_, b.begin, b.end, b.line);
    std::size_t row = b.first_row;
    const std::size_t last = b.first_row + b.rows;
    std::size_t released = b.begin;
    for (;;) {
      const scan_status st = s.next();
      if (st == scan_status::end) break;
      const row_check c = check_row(h_, s, st);
      const bool clean = c.message.empty();
      if (row >= last) break; // a row the count did not see: cannot happen
      if (!row_cells(s, c.usable, row, o)) return;
      if (!clean) {
        o.fatal_key = read_key{row, c.field, c.field < s.fields().size() ? 1u : 0u};
        o.fatal = c.message;
        return;
      }
      ++row;
      if (bytes && s.pos() - released >= (std::size_t{1} << 20)) {
        bytes->release(released, s.pos());
        released = s.pos();
      }
    }
    if (bytes) bytes->release(released, b.end);
  }

private:
  /// Reads fields [0, usable) of data row `row`; false when a bad cell stops the block.
  bool row_cells(const row_scanner& s, std::size_t usable, std::size_t row, block_out& o) const {
    auto& d = out_.data;
    const auto& f = s.fields();
    if (row < d.unit_lines.size()) d.unit_lines[row] = s.row_line();
    for (std::size_t k = 0; k < usable; ++k) {
      const column_role& role = p_.roles[k];
      const std::string_view t = f[k].text;
      switch (role.k) {
      case column_role::skip: break;
      case column_role::unit:
        d.unit_ids[row].assign(t);
        if (f[k].line != s.row_line()) o.unit_lines.emplace_back(row, f[k].line);
        break;
      case column_role::name: d.unit_names[row].assign(t); break;
      case column_role::group: d.groups[role.slot].labels[row].assign(t); break;
      case column_role::number: {
        const number_cell v =
            (t.size() == 2 && t[0] == 'N' && t[1] == 'A')
                ? number_cell{number_status::missing, std::numeric_limits<double>::quiet_NaN(), {}}
                : read_number(t);
        cols_[role.slot][row] = v.value;
        if (p_.note_text_columns) {
          if (v.status == number_status::invalid) {
            if (!o.first_bad[role.slot])
              o.first_bad[role.slot] = bad_cell{{row, k, 1}, f[k].line, std::string(t), v.rule};
          } else {
            o.any_number[role.slot] = 1;
          }
          break;
        }
        if (v.status == number_status::invalid) {
          o.bad.push_back({{row, k, 1}, f[k].line, std::string(t), v.rule});
          if (p_.stop_at_bad_cell) return false;
          break;
        }
        if (v.status == number_status::number && !p_.ranges.empty())
          for (const range_rule& r : p_.ranges[role.slot])
            if (v.value < r.lo || v.value > r.hi) {
              o.bad.push_back({{row, k, 1}, f[k].line, std::string(t), {}, &r});
              if (p_.stop_at_bad_cell) return false;
            }
        break;
      }
      }
    }
    return true;
  }

  std::string_view text_;
  const csv_head& h_;
  const wide_plan& p_;
  wide_rows& out_;
  std::vector<double*> cols_;
};

} // namespace

std::optional<read_key> first_stop(const wide_rows& r) {
  std::optional<read_key> k = r.fatal_key;
  auto take = [&](const read_key& x) {
    if (!k || x < *k) k = x;
  };
  if (!r.bad.empty()) take(r.bad.front().key);
  if (!r.unit_issues.empty()) take(r.unit_issues.front().key);
  return k;
}

wide_rows read_wide_rows(std::string_view text, const csv_head& h, const wide_plan& p,
                         const file_bytes* bytes) {
  const std::vector<row_block> blocks = split_rows(text, h, wide_block_bytes, p.threads, bytes);
  std::size_t n = 0;
  for (const auto& b : blocks)
    n += b.rows;

  wide_rows out;
  auto& d = out.data;
  d.unit_ids.resize(n);
  if (p.names) d.unit_names.resize(n);
  d.groups.resize(p.n_groups);
  for (auto& g : d.groups)
    g.labels.resize(n);
  d.unit_lines.resize(n);
  d.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p.n_numbers));
  {
    std::vector<char> filled(p.n_numbers, 0);
    for (const auto& r : p.roles)
      if (r.k == column_role::number) filled[r.slot] = 1;
    for (std::size_t j = 0; j < p.n_numbers; ++j)
      if (!filled[j])
        d.values.col(static_cast<Eigen::Index>(j))
            .setConstant(std::numeric_limits<double>::quiet_NaN());
  }

  const block_reader reader(text, h, p, out);
  std::vector<block_out> found(blocks.size());
  robust::parallel_for(blocks.size(), p.threads,
                       [&](std::size_t k, unsigned) { reader.run(blocks[k], found[k], bytes); });

  // Merge in block order (= reading order), stopping at the first block that stopped.
  std::unordered_map<std::size_t, std::size_t> unit_cell_line;
  if (p.note_text_columns) {
    out.first_bad.assign(p.n_numbers, std::nullopt);
    out.any_number.assign(p.n_numbers, 0);
  }
  for (std::size_t k = 0; k < found.size(); ++k) {
    auto& o = found[k];
    for (auto& b : o.bad)
      out.bad.push_back(std::move(b));
    for (const auto& [row, line] : o.unit_lines)
      unit_cell_line.emplace(row, line);
    if (p.note_text_columns)
      for (std::size_t j = 0; j < p.n_numbers; ++j) {
        if (!out.first_bad[j] && o.first_bad[j]) out.first_bad[j] = std::move(o.first_bad[j]);
        out.any_number[j] = static_cast<char>(out.any_number[j] | o.any_number[j]);
      }
    if (o.fatal_key) {
      out.fatal_key = o.fatal_key;
      out.fatal = std::move(o.fatal);
    }
    if (o.fatal_key || (p.stop_at_bad_cell && !o.bad.empty())) break;
  }
  if (!out.bad.empty() && p.stop_at_bad_cell) out.bad.resize(1);

  // Unit ids: empty or repeated, in reading order, up to the first stop.
  std::size_t cu = static_cast<std::size_t>(-1);
  for (std::size_t j = 0; j < p.roles.size(); ++j)
    if (p.roles[j].k == column_role::unit) cu = j;
  if (cu == static_cast<std::size_t>(-1)) return out;
  const std::optional<read_key> stop = p.stop_at_bad_cell ? first_stop(out) : out.fatal_key;
  const std::size_t limit = stop ? stop->row + 1 : n;
  auto cell_line = [&](std::size_t r) {
    const auto it = unit_cell_line.find(r);
    return it == unit_cell_line.end() ? d.unit_lines[r] : it->second;
  };
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(std::min(limit, n));
  for (std::size_t r = 0; r < limit && r < n; ++r) {
    const read_key key{r, cu, 1};
    if (stop && !(key < *stop)) break;
    const std::string_view id = d.unit_ids[r];
    if (id.empty()) {
      out.unit_issues.push_back({key, cell_line(r), 0});
      if (p.stop_at_bad_cell) break;
      continue;
    }
    const auto [it, fresh] = first.emplace(id, r);
    if (!fresh) {
      out.unit_issues.push_back({key, cell_line(r), cell_line(it->second)});
      if (p.stop_at_bad_cell) break;
    }
  }
  return out;
}

} // namespace chiso::io::detail
