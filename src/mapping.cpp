#include "chiso/io/mapping.hpp"

#include "chiso/io/quote.hpp"

#include <unordered_map>

namespace chiso::io {

namespace {

time::unit_mapping mapping_of(const csv_table& t, const mapping_options& o) {
  const std::size_t co = t.column_index(o.old_column);
  const std::size_t cn = t.column_index(o.new_column);
  if (co == csv_table::npos || cn == csv_table::npos) {
    std::string missing = co == csv_table::npos ? "'" + o.old_column + "'" : "";
    if (cn == csv_table::npos) missing += (missing.empty() ? "'" : " and '") + o.new_column + "'";
    throw input_error(t.source() + ":" + std::to_string(t.header_line()) +
                      ": a mapping file needs columns '" + o.old_column + "' (old unit) and '" +
                      o.new_column + "' (its successor); " + missing +
                      (co == csv_table::npos && cn == csv_table::npos ? " are" : " is") +
                      " missing (columns in the file: " + quote_list(t.header()) + ")");
  }
  time::unit_mapping m;
  m.source = t.source();
  std::unordered_map<std::string_view, std::size_t> first; // old id → row
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const auto old_id = t.cell(r, co);
    const auto new_id = t.cell(r, cn);
    for (auto [id, c] : {std::pair{old_id, co}, std::pair{new_id, cn}})
      if (id.empty())
        throw input_error(t.where(r, c) +
                          ": empty unit id (every row maps an old unit to a new one)");
    const auto [it, fresh] = first.emplace(old_id, r);
    if (!fresh) {
      const auto prev = t.cell(it->second, cn);
      throw input_error(
          t.where(r, co) + ": old unit " + quote_cell(old_id) +
          (prev == new_id
               ? " is listed twice (first on line " + std::to_string(t.line(it->second)) + ")"
               : " is mapped to " + quote_cell(new_id) + " here but to " + quote_cell(prev) +
                     " on line " + std::to_string(t.line(it->second)) +
                     " (an old unit has one successor)"));
    }
    m.add(std::string(old_id), std::string(new_id), t.line(r));
  }
  return m;
}

} // namespace

time::unit_mapping read_unit_mapping(const std::filesystem::path& path,
                                     const mapping_options& options) {
  return mapping_of(read_csv_table(path), options);
}

time::unit_mapping parse_unit_mapping(std::string_view text, std::string_view source,
                                      const mapping_options& options) {
  return mapping_of(parse_csv_table(text, source), options);
}

} // namespace chiso::io
