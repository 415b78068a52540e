#include "chiso/io/table.hpp"

#include "chiso/error.hpp"
#include "chiso/io/output.hpp"
#include "chiso/round.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ostream>
#include <stdexcept>

namespace chiso::io {

namespace {

bool holds_numbers(column_type t) {
  return t != column_type::text;
}

/// A number as shown in CSV and text: shortest round-trip text, or `digits` decimals.
std::string table_number_text(double x, const table_column& c) {
  if (c.type == column_type::number && c.digits && std::isfinite(x))
    return format_fixed(round_decimal(x, *c.digits), *c.digits);
  return format_double(x);
}

std::string table_json_cell(const table_cell& v, const table_column& c) {
  if (const auto* s = std::get_if<std::string>(&v)) return json_escape(*s);
  if (const auto* x = std::get_if<double>(&v)) {
    if (c.type == column_type::number && c.digits) return json_number(round_decimal(*x, *c.digits));
    return json_number(*x);
  }
  return "null";
}

void require_complete(const table& t, const char* writer) {
  if (!t.complete())
    throw usage_error(std::string(writer) + ": a row of the table is incomplete (" +
                      std::to_string(t.n_columns()) + " columns)");
}

} // namespace

void table::add_column(table_column c) {
  if (!rows_.empty()) throw usage_error("table: column '" + c.name + "' added after the first row");
  columns_.push_back(std::move(c));
}

table& table::row() {
  if (!rows_.empty() && rows_.back().size() != columns_.size())
    throw usage_error("table: row " + std::to_string(rows_.size()) + " has " +
                      std::to_string(rows_.back().size()) + " cells, the table " +
                      std::to_string(columns_.size()) + " columns");
  rows_.emplace_back();
  rows_.back().reserve(columns_.size());
  return *this;
}

table& table::add(table_cell c, bool is_number) {
  if (rows_.empty()) throw usage_error("table: a cell given before row()");
  auto& r = rows_.back();
  if (r.size() >= columns_.size())
    throw usage_error("table: row " + std::to_string(rows_.size()) + " has more cells than the " +
                      std::to_string(columns_.size()) + " columns");
  const auto& col = columns_[r.size()];
  if (!std::holds_alternative<std::monostate>(c) && holds_numbers(col.type) != is_number)
    throw usage_error("table: column '" + col.name + "' holds " +
                      (holds_numbers(col.type) ? "numbers" : "text") + ", given " +
                      (is_number ? "a number" : "a text"));
  r.push_back(std::move(c));
  return *this;
}

table& table::text(std::string_view value) {
  return add(std::string(value), false);
}

table& table::number(double value) {
  if (std::isnan(value)) return add(std::monostate{}, true);
  return add(value, true);
}

table& table::missing() {
  return add(std::monostate{}, false);
}

const table_cell& table::at(std::size_t row, std::size_t column) const {
  return rows_.at(row).at(column);
}

std::vector<table_cell> table::column(std::size_t k) const {
  std::vector<table_cell> out;
  out.reserve(rows_.size());
  for (const auto& r : rows_)
    out.push_back(r.at(k));
  return out;
}

table table::select_rows(const std::vector<std::size_t>& rows) const {
  table out(columns_);
  out.rows_.reserve(rows.size());
  for (auto r : rows)
    out.rows_.push_back(rows_.at(r));
  return out;
}

bool table::complete() const noexcept {
  return std::all_of(rows_.begin(), rows_.end(),
                     [&](const auto& r) { return r.size() == columns_.size(); });
}

std::string cell_text(const table& t, std::size_t row, std::size_t column, bool text_writer) {
  const auto& v = t.at(row, column);
  const auto& c = t.columns()[column];
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* x = std::get_if<double>(&v)) return table_number_text(*x, c);
  return text_writer && holds_numbers(c.type) ? "-" : "";
}

void write_csv(std::ostream& out, const table& t, bool header) {
  require_complete(t, "write_csv");
  std::string line;
  if (header) {
    for (std::size_t k = 0; k < t.n_columns(); ++k)
      line += (k ? "," : "") + csv_escape(t.columns()[k].name);
    out << line << '\n';
  }
  // Rows go into one buffer written in large pieces; numbers (the bulk of a result) are
  // formatted straight into it, without a string per cell. Same text as
  // csv_escape(cell_text(...)).
  constexpr std::size_t flush_at = std::size_t{1} << 20;
  line.clear();
  const auto& cols = t.columns();
  for (std::size_t i = 0; i < t.n_rows(); ++i) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (k) line += ',';
      const auto& v = t.at(i, k);
      if (const auto* x = std::get_if<double>(&v);
          x && !(cols[k].type == column_type::number && cols[k].digits && std::isfinite(*x))) {
        if (std::isnan(*x)) continue;
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, *x);
        line.append(buf, r.ptr);
        continue;
      }
      if (const auto* text = std::get_if<std::string>(&v);
          text && text->find_first_of(",\"\r\n") == std::string::npos) {
        line += *text;
        continue;
      }
      line += csv_escape(cell_text(t, i, k, false));
    }
    line += '\n';
    if (line.size() >= flush_at) {
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      line.clear();
    }
  }
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void write_json(std::ostream& out, const table& t, int indent) {
  require_complete(t, "write_json");
  const std::string pad(static_cast<std::size_t>(std::max(indent, 0)), ' ');
  const auto& cols = t.columns();
  for (std::size_t i = 0; i < t.n_rows(); ++i) {
    out << (i ? ",\n" : "[\n") << pad << "  {";
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const auto& c = cols[k];
      const bool opens = !c.group.empty() && (k == 0 || cols[k - 1].group != c.group);
      if (k) out << ", ";
      if (opens) out << json_escape(c.group) << ": {";
      out << json_escape(c.json_key()) << ": " << table_json_cell(t.at(i, k), c);
      if (!c.group.empty() && (k + 1 == cols.size() || cols[k + 1].group != c.group)) out << "}";
    }
    out << "}";
  }
  out << (t.n_rows() ? "\n" + pad + "]" : std::string("[]"));
}

std::string format_text(const table& t) {
  require_complete(t, "format_text");
  const std::size_t nc = t.n_columns();
  std::vector<std::vector<std::string>> cells(t.n_rows() + 1, std::vector<std::string>(nc));
  std::vector<std::size_t> width(nc, 0);
  std::vector<bool> right(nc, false);
  for (std::size_t k = 0; k < nc; ++k) {
    const auto& c = t.columns()[k];
    right[k] = c.align == column_align::right ||
               (c.align == column_align::automatic && holds_numbers(c.type));
    cells[0][k] = c.name;
    for (std::size_t i = 0; i < t.n_rows(); ++i)
      cells[i + 1][k] = cell_text(t, i, k, true);
    for (const auto& r : cells)
      width[k] = std::max(width[k], display_width(r[k]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (std::size_t k = 0; k < nc; ++k) {
      const std::size_t pad = width[k] - std::min(width[k], display_width(r[k]));
      if (k > 0) l += "  ";
      if (right[k]) l += std::string(pad, ' ');
      l += r[k];
      if (!right[k]) l += std::string(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + '\n';
  };
  line(cells[0]);
  std::vector<std::string> rule(nc);
  for (std::size_t k = 0; k < nc; ++k)
    rule[k] = std::string(width[k], '-');
  line(rule);
  for (std::size_t i = 1; i < cells.size(); ++i)
    line(cells[i]);
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 1;
    if (i + len > n) len = 1;
    char32_t cp = c;
    if (len > 1) {
      cp = c & (0x7F >> len);
      bool ok = true;
      for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (p[i + k] & 0x3F);
      }
      if (!ok) {
        len = 1;
        cp = '?';
      }
    }
    i += len;
    const bool combining = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
                           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
                           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0xFEFF;
    if (combining) continue;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                      (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

} // namespace chiso::io
