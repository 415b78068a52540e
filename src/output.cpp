#include "chiso/io/output.hpp"
#include "chiso/round.hpp"

#include "chiso/io/csv.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <system_error>

namespace chiso::io {

std::string format_double(double value) {
  if (std::isnan(value)) return {};
  char buf[32]; // the shortest form of any double fits in 24 characters
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec; // cannot fail with this buffer size
  return std::string(buf, end);
}

std::string format_fixed(double value, int digits) {
  if (digits < 0)
    throw usage_error("format_fixed: digits must be >= 0, got " + std::to_string(digits));
  if (std::isnan(value)) return {};
  // 309 integer digits at most, plus sign, point and the decimals.
  std::string out(320 + static_cast<std::size_t>(digits), '\0');
  const auto [end, ec] =
      std::to_chars(out.data(), out.data() + out.size(), round_decimal(value, digits),
                    std::chars_format::fixed, digits);
  (void)ec;
  out.resize(static_cast<std::size_t>(end - out.data()));
  if (!out.empty() && out.front() == '-' &&
      out.find_first_not_of("-0.") == std::string::npos) // "-0.00" → "0.00"
    out.erase(0, 1);
  return out;
}

std::string csv_escape(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  while (!text.empty()) {
    const std::size_t bad = invalid_utf8_offset(text);
    const std::string_view good = text.substr(0, bad); // npos: all of it
    for (char ch : good) {
      const auto c = static_cast<unsigned char>(ch);
      switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
      }
    }
    if (bad == std::string_view::npos) break;
    // invalid_utf8_offset counts NUL as ill-formed, but it is valid UTF-8: escape it.
    out += text[bad] == '\0' ? "\\u0000" : "\\ufffd";
    text.remove_prefix(bad + 1);
  }
  out += '"';
  return out;
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  return format_double(value);
}

namespace {

std::filesystem::path directory_of(const std::filesystem::path& target) {
  const auto dir = target.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

} // namespace

atomic_file::atomic_file(std::filesystem::path target) : target_(std::move(target)) {
  const auto dir = directory_of(target_);
  std::error_code ec;
  const auto st = std::filesystem::status(dir, ec);
  if (!std::filesystem::exists(st))
    throw error("cannot write '" + target_.string() + "': directory '" + dir.string() +
                "' does not exist");
  if (!std::filesystem::is_directory(st))
    throw error("cannot write '" + target_.string() + "': '" + dir.string() +
                "' is not a directory");
  if (target_.filename().empty())
    throw error("cannot write '" + target_.string() + "': the path names a directory, not a file");
  if (std::filesystem::is_directory(target_, ec))
    throw error("cannot write '" + target_.string() + "': it is a directory");

  std::random_device rd;
  const unsigned long long r = (static_cast<unsigned long long>(rd()) << 32) ^ rd();
  char suffix[64];
  std::snprintf(suffix, sizeof suffix, ".tmp.%ld.%016llx", static_cast<long>(::getpid()), r);
  temp_ = target_;
  temp_ += suffix;
  errno = 0;
  out_.open(temp_, std::ios::binary | std::ios::out | std::ios::trunc);
  if (!out_.is_open()) {
    const int e = errno;
    throw error("cannot write '" + target_.string() + "': cannot create temporary file '" +
                temp_.string() + "'" + (e ? std::string(": ") + std::strerror(e) : std::string()));
  }
}

atomic_file::~atomic_file() {
  if (done_) return;
  out_.close();
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

void atomic_file::commit() {
  if (done_) throw usage_error("atomic_file: commit() called twice for '" + target_.string() + "'");
  out_.flush();
  const bool written = static_cast<bool>(out_);
  out_.close();
  std::error_code ec;
  if (!written || out_.fail()) {
    std::filesystem::remove(temp_, ec);
    done_ = true;
    throw error("cannot write '" + target_.string() +
                "': writing the temporary file failed (disk full or I/O error?)");
  }
  std::filesystem::rename(temp_, target_, ec);
  done_ = true;
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
    throw error("cannot write '" + target_.string() + "': renaming '" + temp_.string() +
                "' onto it failed: " + ec.message());
  }
}

void write_atomically(const std::filesystem::path& target,
                      const std::function<void(std::ostream&)>& write) {
  atomic_file f(target);
  write(f.stream());
  f.commit();
}

} // namespace chiso::io
