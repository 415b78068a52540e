#include "reader.hpp"

#include "chiso/error.hpp"
#include "chiso/io/csv.hpp"
#include "chiso/robust/parallel.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unordered_map>
#include <utility>

namespace chiso::io::detail {

std::string show_cell(std::string_view s) {
  constexpr std::size_t max_bytes = 60;
  std::string out = "'";
  std::size_t i = 0;
  for (; i < s.size() && i < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  if (i < s.size()) {
    // Do not cut a UTF-8 sequence in half.
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
      --i;
      out.pop_back();
    }
    out += "...";
  }
  out += '\'';
  return out;
}

std::string show_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += show_cell(n);
  }
  return out;
}

std::string cell_ref(std::size_t col, std::size_t row) {
  std::string letters;
  for (std::size_t c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

std::string positions::at(std::size_t ln, std::size_t col1) const {
  if (grid) return source + '!' + cell_ref(col1 == 0 ? 0 : col1 - 1, grid->row(ln)) + ": ";
  return source + ':' + std::to_string(ln) + ':' + std::to_string(col1) + ": ";
}

std::string positions::at_line(std::size_t ln) const {
  if (grid) return source + " row " + std::to_string(grid->row(ln)) + ": ";
  return source + ':' + std::to_string(ln) + ": ";
}

std::string positions::line_name(std::size_t ln) const {
  return (grid ? "row " : "line ") + std::to_string(line_number(ln));
}

std::string csv_head::cell(std::size_t ln, std::size_t col) const {
  return at(ln, col + 1) + "column '" + names[col] + '\'';
}

std::string csv_head::label(std::size_t col) const {
  if (col < names.size()) return "column '" + names[col] + '\'';
  return "field " + std::to_string(col + 1) + " (beyond the header)";
}

std::string_view strip_bom(std::string_view text, std::string_view source) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    throw input_error(std::string(source) +
                      ":1:1: the file is UTF-16 encoded; save it as UTF-8 (Excel: \"CSV UTF-8\")");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

namespace {

/// ": invalid UTF-8 (...)" or ": NUL byte ..." for a cell whose byte `bad` is the first bad one.
std::string utf8_problem(std::string_view text, std::size_t bad, std::size_t lead) {
  char buf[96];
  if (text[bad] == '\0')
    std::snprintf(buf, sizeof buf, "NUL byte at byte %zu of the cell", bad + lead + 1);
  else
    std::snprintf(buf, sizeof buf, "invalid UTF-8 (byte 0x%02X at byte %zu of the cell)",
                  static_cast<unsigned>(static_cast<unsigned char>(text[bad])), bad + lead + 1);
  return std::string(": ") + buf + "; the file must be saved as UTF-8";
}

/// The message of a scanner fault at field `k`, `where` naming the field ("header", "column
/// 'x'", ...).
std::string fault_message(const csv_head& h, const row_scanner& s, std::size_t k,
                          const std::string& where) {
  if (s.fault() == scan_fault::unterminated)
    return h.at(s.fault_line(), k + 1) + where +
           ": quoted field is never closed (the closing double quote is missing, or the file "
           "is truncated)";
  std::string msg = h.at(s.fault_line(), k + 1) + where + ": ";
  const char c = s.fault_char();
  if (c == '"')
    return msg + "double quote inside an unquoted field (a field containing quotes must be "
                 "enclosed in quotes, with each inner quote doubled: \"say \"\"hi\"\"\")";
  return msg + "unexpected character " + show_cell(std::string_view(&c, 1)) +
         " after a closing quote (a quoted field must be followed by a comma or the end of "
         "the line)";
}

} // namespace

csv_head read_head(std::string_view text, std::string_view source,
                   std::shared_ptr<const sheet_grid> grid) {
  csv_head h;
  h.source = source;
  h.grid = std::move(grid);
  row_scanner s(text, 0, text.size(), 1);
  const scan_status st = s.next();
  const auto& f = s.fields();
  const bool ascii = st == scan_status::row && s.row_plain_ascii();
  for (std::size_t k = 0; k < f.size(); ++k)
    if (!ascii)
      if (const std::size_t bad = invalid_utf8_offset(f[k].text); bad != std::string_view::npos)
        throw input_error(h.at(f[k].line, k + 1) + "header" +
                          utf8_problem(f[k].text, bad, f[k].lead));
  if (st == scan_status::fault) throw input_error(fault_message(h, s, f.size(), "header"));
  if (st == scan_status::end)
    throw input_error(h.source + (h.grid ? ": the sheet is empty" : ": the file is empty") +
                      " (expected a header row)");
  h.line = s.row_line();
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const std::string_view n = f[i].text;
    if (n.empty())
      throw input_error(h.at(f[i].line, i + 1) + "header: column " + std::to_string(i + 1) +
                        " has an empty name (every column needs one)");
    const auto [it, fresh] = seen.emplace(n, i);
    if (!fresh)
      throw input_error(h.at(f[i].line, i + 1) + "header: column name '" + std::string(n) +
                        "' repeats column " + std::to_string(it->second + 1) +
                        " (column names must be distinct)");
  }
  h.names.reserve(f.size());
  for (const auto& x : f)
    h.names.emplace_back(x.text);
  h.body_pos = s.pos();
  h.body_line = s.line();
  return h;
}

row_check check_row(const csv_head& h, const row_scanner& s, scan_status status) {
  const auto& f = s.fields();
  const std::size_t n = h.names.size();
  row_check out;
  const bool ascii = status == scan_status::row && s.row_plain_ascii();
  for (std::size_t k = 0; k < f.size(); ++k) {
    if (!ascii)
      if (const std::size_t bad = invalid_utf8_offset(f[k].text); bad != std::string_view::npos) {
        out.usable = out.field = k;
        out.message = h.at(f[k].line, k + 1) + h.label(k) + utf8_problem(f[k].text, bad, f[k].lead);
        return out;
      }
    if (k == n) {
      out.usable = out.field = k;
      out.message = h.at(f[k].line, k + 1) + "row has more fields than the " + std::to_string(n) +
                    " columns of the header (" + h.line_name(h.line) + ")";
      return out;
    }
  }
  out.usable = out.field = f.size();
  if (status == scan_status::fault) {
    out.message = fault_message(h, s, f.size(), h.label(f.size()));
  } else if (f.size() < n) {
    const std::size_t m = f.size();
    out.message = h.at(s.row_line(), m + 1) + "column '" + h.names[m] + "': missing; the row has " +
                  std::to_string(m) + " field" + (m == 1 ? "" : "s") + " but the header (" +
                  h.line_name(h.line) + ") has " + std::to_string(n);
  }
  return out;
}

void throw_no_rows(const csv_head& h) {
  throw input_error(h.at_line(h.line) + "the " + (h.grid ? "sheet" : "file") +
                    " has a header but no data rows");
}

namespace {

/// Rows (lines holding a non-blank byte) and line ends in [b, e), a text without quotes or CR.
std::size_t count_plain(const char* b, const char* e, row_block& blk) {
  std::size_t lines = 0;
  const char* p = b;
  while (p < e) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(e - p));
    const char* le = nl ? static_cast<const char*>(nl) : e;
    const char* q = p;
    while (q < le && is_blank_byte(*q))
      ++q;
    if (q < le) ++blk.rows;
    if (!nl) break;
    ++lines;
    p = le + 1;
  }
  return lines;
}

} // namespace

std::vector<row_block> split_rows(std::string_view text, const csv_head& h, std::size_t block_bytes,
                                  unsigned workers, const file_bytes* bytes) {
  const char* base = text.data();
  const std::size_t end = text.size();
  std::vector<row_block> blocks;
  block_bytes = block_bytes == 0 ? 1 : block_bytes;
  std::size_t pos = h.body_pos;
  while (pos < end) {
    std::size_t stop = pos + block_bytes;
    if (stop >= end) {
      stop = end;
    } else {
      const void* nl = std::memchr(base + stop, '\n', end - stop);
      stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1 : end;
    }
    blocks.push_back({pos, stop, 0, 0, 0});
    pos = stop;
  }
  if (blocks.empty()) blocks.push_back({end, end, h.body_line, 0, 0});
  // Each block: quotes or CRs (then the whole text is read by the scanner in one block), or
  // its rows and lines; pages are released once counted.
  std::vector<std::size_t> lines(blocks.size());
  std::vector<char> special(blocks.size(), 0);
  robust::parallel_for(blocks.size(), workers, [&](std::size_t k, unsigned) {
    const char* b = base + blocks[k].begin;
    const auto n = blocks[k].end - blocks[k].begin;
    if (std::memchr(b, '"', n) || std::memchr(b, '\r', n))
      special[k] = 1;
    else
      lines[k] = count_plain(b, b + n, blocks[k]);
    if (bytes) bytes->release(blocks[k].begin, blocks[k].end);
  });
  if (std::find(special.begin(), special.end(), 1) != special.end()) {
    row_block b{h.body_pos, end, h.body_line, 0, 0};
    row_scanner s(text, h.body_pos, end, h.body_line);
    scan_status st;
    std::size_t released = h.body_pos;
    while ((st = s.next()) == scan_status::row) {
      ++b.rows;
      if (bytes && s.pos() - released >= (std::size_t{1} << 22)) {
        bytes->release(released, s.pos());
        released = s.pos();
      }
    }
    if (st == scan_status::fault) ++b.rows; // the row holding the fault: read up to it
    if (bytes) bytes->release(released, end);
    return {b};
  }
  std::size_t line = h.body_line, row = 0;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    blocks[k].line = line;
    blocks[k].first_row = row;
    line += lines[k];
    row += blocks[k].rows;
  }
  return blocks;
}

} // namespace chiso::io::detail
