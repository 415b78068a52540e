#pragma once
/// \file tools/chiso/text.hpp
/// Output helpers of the `chiso` program: numbers for display, small text tables, the
/// output destination (stdout or a file written atomically), warnings on stderr.

#include "args.hpp"

#include <chiso/io/output.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::cli {

/// A number as text: shortest round-trip form (`format_double`) when `digits` is empty, else
/// `round_decimal(x, digits)` (half away from zero on the decimal text, as ranking rounds)
/// printed with exactly `digits` decimals. NaN → "" (missing).
std::string show_number(double x, std::optional<int> digits);

/// A JSON number: `json_number(x)` or `json_number(round_decimal(x, digits))`; NaN → null.
std::string json_value(double x, std::optional<int> digits);

/// Parses the value of `--digits`: a whole number in [0, 15], else `usage` for `command`.
int parse_digits(const std::string& text, const std::string& command);

/// An aligned text table of preformatted cells (`io::format_text` over text columns): a header
/// row, a rule of dashes, then the rows. Columns are separated by two spaces; columns flagged
/// in `right` are right-aligned; trailing spaces are trimmed.
std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right);

/// Where a command writes its result: stdout, or a file replaced atomically. Construct it
/// before doing any work, so that an output path in a missing directory is reported first;
/// the file appears only on `commit()` (an exception in between leaves no file behind).
class output {
public:
  explicit output(const std::optional<std::string>& path);
  ~output();
  output(const output&) = delete;
  output& operator=(const output&) = delete;

  std::ostream& stream();
  /// Writes the file (or flushes stdout); throws `chiso::error` if writing failed.
  void commit();
  bool to_file() const noexcept { return file_ != nullptr; }

private:
  std::unique_ptr<io::atomic_file> file_;
};

/// The workbook path of `--format xlsx`: the value of `--out`, checked (its directory exists;
/// `io::workbook::check_target`) before any work. Without `--out`, a `usage` error for
/// `command`: a workbook is a file, it cannot go to standard output.
std::string xlsx_target(const parsed_args& a, const std::string& command);

/// Prints `warning: <text>` on stderr, at most `limit` of them per `warnings` object; the
/// destructor says how many more were left out.
class warnings {
public:
  explicit warnings(std::size_t limit = 50) : limit_(limit) {}
  ~warnings();
  void add(const std::string& text);

private:
  std::size_t limit_;
  std::size_t count_ = 0;
};

} // namespace chiso::cli
