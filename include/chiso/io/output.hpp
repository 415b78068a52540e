#pragma once
/// \file io/output.hpp
/// Writing results: number formatting, CSV and JSON escaping, and files replaced atomically.

#include "chiso/error.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace chiso::io {

/// Shortest decimal text that reads back (with `std::from_chars` or `parse_number`) to the
/// very same double: `std::to_chars` without precision (e.g. 0.1 → "0.1", 1e21 → "1e+21",
/// -0.0 → "-0"). NaN (missing) → "" (an empty CSV cell); ±infinity → "inf"/"-inf", which
/// chiso's readers reject on purpose.
std::string format_double(double value);

/// Display rounding to `digits` decimals (`digits` >= 0, else `usage_error`), the same rule as
/// ranking on rounded values (`chiso::round_decimal`): half away from zero on the shortest
/// decimal text of the value, as published tables do (0.125 → "0.13", 2.675 → "2.68",
/// 0.12345 → "0.1235"), then written with exactly `digits` decimals. A result that rounds to
/// zero loses its minus sign (-0.001 → "0.00"). NaN → "".
std::string format_fixed(double value, int digits);

/// A CSV field per RFC 4180: the text unchanged, or, if it holds a comma, a double quote, CR
/// or LF, enclosed in double quotes with inner quotes doubled (`a"b` → `"a""b"`).
std::string csv_escape(std::string_view text);

/// A complete JSON string literal for `text`, *including* the enclosing double quotes
/// (RFC 8259 §7): `"` and `\` are escaped, control characters below U+0020 become `\n`,
/// `\t`, ... or `\u00XX`, valid UTF-8 passes through unchanged, and each byte that is not
/// part of well-formed UTF-8 becomes `\ufffd` so the output is always valid JSON.
std::string json_escape(std::string_view text);

/// A JSON number for `value`: `format_double(value)`, or `null` for NaN and ±infinity
/// (JSON has no such numbers).
std::string json_number(double value);

/// A file written under a temporary name and renamed onto its target on `commit()`, so
/// readers see either the old file or the complete new one, never a partial file.
///
/// The temporary file is `<target>.tmp.<pid>.<random hex>` in the target's directory (same
/// file system, so the rename is atomic on POSIX). Without `commit()` (error, exception)
/// the destructor removes it. No fsync is done: atomic for other processes, not durable
/// across power loss.
class atomic_file {
public:
  /// Checks that the target's directory exists (before anything is written) and opens the
  /// temporary file. Throws `chiso::error` naming the target, and the missing directory or
  /// the operating system's reason.
  explicit atomic_file(std::filesystem::path target);
  ~atomic_file();
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  /// Stream writing the temporary file (binary mode: "\n" is written as is).
  std::ostream& stream() noexcept { return out_; }

  /// Flushes, checks that every write succeeded, closes and renames onto the target.
  /// Throws `chiso::error` (and removes the temporary file) if anything failed;
  /// `usage_error` if called twice.
  void commit();

  const std::filesystem::path& target() const noexcept { return target_; }
  const std::filesystem::path& temp_path() const noexcept { return temp_; }

private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool done_ = false;
};

/// Writes `target` atomically: `write` fills the stream, then the file is committed. If
/// `write` throws, the target is untouched and the exception propagates.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(std::ostream&)>& write);

} // namespace chiso::io
