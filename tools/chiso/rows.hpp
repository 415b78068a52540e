#pragma once
/// \file tools/chiso/rows.hpp
/// A flat table of named cells written as CSV (header, then one line per row) or as a JSON
/// list of objects: `trend` and `targets` build their rows once and write either format.

#include "text.hpp"

#include <chiso/io/output.hpp>

#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::cli {

class rows {
public:
  /// Starts a new row; the first row's keys are the header (every row has the same keys).
  void begin() { cells_.emplace_back(); }
  void text(std::string_view key, std::string_view v) {
    add(key, io::csv_escape(v), io::json_escape(v));
  }
  /// A number shown with `digits` decimals when given (display only); NaN → empty / null.
  void number(std::string_view key, double x, std::optional<int> digits = std::nullopt) {
    add(key, std::isinf(x) ? io::format_double(x) : show_number(x, digits), json_value(x, digits));
  }
  std::size_t size() const noexcept { return cells_.size(); }

  void write_csv(std::ostream& out, const std::vector<std::string>& header) const {
    std::string line;
    for (std::size_t k = 0; k < header.size(); ++k)
      line += (k ? "," : "") + io::csv_escape(header[k]);
    out << line << '\n';
    for (const auto& r : cells_) {
      line.clear();
      for (std::size_t k = 0; k < r.size(); ++k)
        line += (k ? "," : "") + r[k].csv;
      out << line << '\n';
    }
  }
  /// `"name": [ {...}, ... ]` (no trailing comma or newline).
  void write_json(std::ostream& out, std::string_view name) const {
    out << "  " << io::json_escape(name) << ": [";
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      out << (i ? ",\n" : "\n") << "    {";
      for (std::size_t k = 0; k < cells_[i].size(); ++k)
        out << (k ? ", " : "") << io::json_escape(cells_[i][k].key) << ": " << cells_[i][k].json;
      out << "}";
    }
    out << (cells_.empty() ? "]" : "\n  ]");
  }
  /// Keys of the first row (the CSV header), or `fallback` when there is no row.
  std::vector<std::string> keys(const std::vector<std::string>& fallback) const {
    if (cells_.empty()) return fallback;
    std::vector<std::string> k;
    for (const auto& c : cells_.front())
      k.push_back(c.key);
    return k;
  }

private:
  struct cell {
    std::string key, csv, json;
  };
  void add(std::string_view key, std::string csv, std::string json) {
    cells_.back().push_back({std::string(key), std::move(csv), std::move(json)});
  }
  std::vector<std::vector<cell>> cells_;
};

} // namespace chiso::cli
