#pragma once
// The CSV dialect's tokenizer (include/chiso/io/csv.hpp, docs/data-files.md): splits rows into
// fields in place, without copying the text. Quoted fields take a slow path, only where they
// occur; an unquoted field is found with a 16-byte vector scan for the next of `,` `"` CR LF.
// The rules are those of libcsv in strict mode (which chiso used before): blanks (space, tab)
// around a field are dropped, lines holding only blanks are skipped, a quote is allowed only
// at the start of a field, a closing quote must be followed by blanks then a comma or a line
// end, LF, CRLF and a lone CR each end a line (inside quotes too, for line numbers).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chiso::io::detail {

/// One field of a row: its text (trimmed of blanks, inner quotes undoubled), the bytes trimmed
/// at its front inside quotes (UTF-8 error offsets count from the raw cell), and the physical
/// line on which it starts.
struct scanned_field {
  std::string_view text;
  std::size_t lead = 0;
  std::size_t line = 0;
};

/// What `row_scanner::next` found.
enum class scan_status : unsigned char { row, end, fault };

/// A break of the dialect inside a row.
enum class scan_fault : unsigned char {
  none,
  stray_quote,  ///< `"` inside an unquoted field (or after a closing quote and blanks)
  after_quote,  ///< another character after a closing quote
  unterminated, ///< the file ends inside a quoted field
};

inline bool is_blank_byte(char c) noexcept {
  return c == ' ' || c == '\t';
}

/// First of `,` `"` CR LF in [p, end), or end.
inline const char* find_special(const char* p, const char* end) noexcept {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    const int mask = _mm_movemask_epi8(m);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && *p != ',' && *p != '"' && *p != '\n' && *p != '\r')
    ++p;
  return p;
}

/// Whether [b, e) holds only ASCII bytes other than NUL (then every cell is valid UTF-8).
inline bool plain_ascii(const char* b, const char* e) noexcept {
  constexpr std::uint64_t lows = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  std::uint64_t bad = 0;
  while (e - b >= 8) {
    std::uint64_t w;
    std::memcpy(&w, b, 8);
    bad |= (w & highs) | ((w - lows) & ~w & highs); // a high bit, or a zero byte
    b += 8;
  }
  for (; b < e; ++b)
    bad |= static_cast<unsigned char>(*b) == 0 || (static_cast<unsigned char>(*b) & 0x80) != 0;
  return bad == 0;
}

/// Reads rows one at a time from [pos, end) of `text`, counting physical lines from `line`.
/// Field views point into `text`, or into the scanner's scratch space for quoted fields with
/// doubled quotes: they stay valid until the next call of `next`.
class row_scanner {
public:
  row_scanner(std::string_view text, std::size_t pos, std::size_t end, std::size_t line) noexcept
      : base_(text.data()), cur_(text.data() + pos), end_(text.data() + end), line_(line) {}

  /// Reads the next row. `row`: `fields()` holds it. `end`: no row is left (only blank lines).
  /// `fault`: the row breaks the dialect; `fields()` holds the fields completed before it and
  /// `fault()`, `fault_line()`, `fault_char()` say what and where. Reading stops at a fault.
  scan_status next() {
    fields_.clear();
    if (fault_ != scan_fault::none) return scan_status::fault;
    const char* p = cur_;
    for (;;) { // blank lines
      while (p < end_ && is_blank_byte(*p))
        ++p;
      if (p == end_) {
        cur_ = p;
        return scan_status::end;
      }
      if (*p == '\n') {
        ++line_;
        ++p;
      } else if (*p == '\r') {
        ++line_;
        ++p;
        if (p < end_ && *p == '\n') ++p;
      } else {
        break;
      }
    }
    row_line_ = line_;
    row_begin_ = p;
    scratch_.clear();
    patches_.clear();
    for (;;) { // one field per pass; p at its first non-blank byte
      const std::size_t field_line = line_;
      if (p < end_ && *p == '"') {
        if (!quoted_field(p, field_line)) return scan_status::fault;
      } else {
        const char* q = find_special(p, end_);
        if (q < end_ && *q == '"') return fail(scan_fault::stray_quote, q, line_);
        const char* e = q;
        while (e > p && is_blank_byte(e[-1]))
          --e;
        fields_.push_back({std::string_view(p, static_cast<std::size_t>(e - p)), 0, field_line});
        p = q;
      }
      if (p == end_) {
        row_end_ = p;
        break;
      }
      if (*p == ',') {
        ++p;
        while (p < end_ && is_blank_byte(*p))
          ++p;
        continue;
      }
      row_end_ = p; // a line end
      if (*p == '\r' && p + 1 < end_ && p[1] == '\n') ++p;
      ++p;
      ++line_;
      break;
    }
    cur_ = p;
    for (const auto& [k, off, len] : patches_)
      fields_[k].text = std::string_view(scratch_.data() + off, len);
    return scan_status::row;
  }

  const std::vector<scanned_field>& fields() const noexcept { return fields_; }
  /// Line on which the last row read starts.
  std::size_t row_line() const noexcept { return row_line_; }
  /// Whether the last row read holds only ASCII bytes other than NUL.
  bool row_plain_ascii() const noexcept { return plain_ascii(row_begin_, row_end_); }
  /// Byte offset (in the text) just past the last row read.
  std::size_t pos() const noexcept { return static_cast<std::size_t>(cur_ - base_); }
  /// The line the scanner is on (after the last row read, or at the fault).
  std::size_t line() const noexcept { return line_; }

  scan_fault fault() const noexcept { return fault_; }
  std::size_t fault_line() const noexcept { return fault_line_; }
  char fault_char() const noexcept { return fault_char_; }

private:
  scan_status fail(scan_fault f, const char* at, std::size_t line) noexcept {
    fault_ = f;
    fault_line_ = line;
    fault_char_ = at < end_ ? *at : '\0';
    cur_ = at;
    return scan_status::fault;
  }

  /// A quoted field starting at `p` (its opening quote); leaves `p` after the blanks that
  /// follow the closing quote. False at a fault.
  bool quoted_field(const char*& p, std::size_t field_line) {
    ++p;
    const char* seg = p;
    bool doubled = false;
    const std::size_t off = scratch_.size();
    const char* close = nullptr;
    for (;;) {
      const char* q = p;
      while (q < end_ && *q != '"') {
        if (*q == '\n' || (*q == '\r' && (q + 1 == end_ || q[1] != '\n'))) ++line_;
        ++q;
      }
      if (q == end_) {
        fail(scan_fault::unterminated, q, field_line);
        return false;
      }
      if (q + 1 < end_ && q[1] == '"') { // a doubled quote stands for one
        scratch_.append(seg, q + 1);
        doubled = true;
        p = q + 2;
        seg = p;
        continue;
      }
      close = q;
      break;
    }
    std::string_view raw;
    if (doubled) {
      scratch_.append(seg, close);
      raw = std::string_view(scratch_.data() + off, scratch_.size() - off);
    } else {
      raw = std::string_view(seg, static_cast<std::size_t>(close - seg));
    }
    p = close + 1;
    while (p < end_ && is_blank_byte(*p))
      ++p;
    if (p < end_ && *p != ',' && *p != '\n' && *p != '\r') {
      fail(*p == '"' ? scan_fault::stray_quote : scan_fault::after_quote, p, line_);
      return false;
    }
    std::size_t lead = 0;
    while (lead < raw.size() && is_blank_byte(raw[lead]))
      ++lead;
    std::size_t len = raw.size() - lead;
    while (len > 0 && is_blank_byte(raw[lead + len - 1]))
      --len;
    if (doubled) patches_.push_back({fields_.size(), off + lead, len});
    fields_.push_back({raw.substr(lead, len), lead, field_line});
    return true;
  }

  struct patch {
    std::size_t field, off, len;
  };

  const char* base_;
  const char* cur_;
  const char* end_;
  std::size_t line_;
  std::size_t row_line_ = 0;
  const char* row_begin_ = nullptr;
  const char* row_end_ = nullptr;
  std::vector<scanned_field> fields_;
  std::string scratch_;
  std::vector<patch> patches_;
  scan_fault fault_ = scan_fault::none;
  std::size_t fault_line_ = 0;
  char fault_char_ = 0;
};

} // namespace chiso::io::detail
