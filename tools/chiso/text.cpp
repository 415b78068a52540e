#include "text.hpp"

#include "args.hpp"

#include <chiso/error.hpp>
#include <chiso/io/table.hpp>
#include <chiso/io/xlsx.hpp>
#include <chiso/round.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace chiso::cli {

std::string show_number(double x, std::optional<int> digits) {
  if (std::isnan(x)) return {};
  if (!digits) return io::format_double(x);
  // round_decimal gives the double nearest to the rounded decimal; printing it with the same
  // number of decimals reproduces exactly those digits.
  return io::format_fixed(round_decimal(x, *digits), *digits);
}

std::string json_value(double x, std::optional<int> digits) {
  return io::json_number(digits ? round_decimal(x, *digits) : x);
}

int parse_digits(const std::string& text, const std::string& command) {
  int v = -1;
  const bool digits_only =
      !text.empty() && text.size() <= 2 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits_only) v = std::stoi(text);
  if (v < 0 || v > 15)
    throw usage(command, "chiso " + command +
                             ": --digits must be a whole number from 0 to 15, got '" + text + "'");
  return v;
}

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right) {
  io::table t;
  for (std::size_t j = 0; j < header.size(); ++j)
    t.add_column({header[j],
                  io::column_type::text,
                  {},
                  "",
                  "",
                  j < right.size() && right[j] ? io::column_align::right : io::column_align::left});
  for (const auto& r : rows) {
    t.row();
    for (std::size_t j = 0; j < header.size(); ++j)
      t.text(j < r.size() ? r[j] : std::string());
  }
  return io::format_text(t);
}

output::output(const std::optional<std::string>& path) {
  if (path) {
    if (path->empty()) throw input_error("--out: the output path is empty");
    file_ = std::make_unique<io::atomic_file>(*path);
  }
}

output::~output() = default;

std::ostream& output::stream() {
  return file_ ? file_->stream() : std::cout;
}

void output::commit() {
  if (file_) {
    file_->commit();
    return;
  }
  std::cout.flush();
  if (!std::cout) throw chiso::error("cannot write to standard output");
}

std::string xlsx_target(const parsed_args& a, const std::string& command) {
  const auto out = a.get("out");
  if (!out)
    throw usage(command, "chiso " + command +
                             ": --format xlsx writes an Excel workbook, which cannot go to "
                             "standard output: give --out FILE.xlsx");
  io::workbook::check_target(*out);
  return *out;
}

warnings::~warnings() {
  if (count_ > limit_)
    std::cerr << "warning: ... and " << (count_ - limit_) << " more warning"
              << (count_ - limit_ > 1 ? "s" : "") << " (JSON output lists them all)\n";
}

void warnings::add(const std::string& text) {
  if (count_++ < limit_) std::cerr << "warning: " << text << '\n';
}

} // namespace chiso::cli
