#include "chiso/io/coinr.hpp"

#include "chiso/io/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace chiso::io {

namespace {

std::string read_text(const std::filesystem::path& path, std::string_view what) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw input_error(path.string() + ": cannot read the " + std::string(what) +
                      ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int e = errno;
    throw input_error(path.string() + ": cannot open the " + std::string(what) + ": " +
                      (e ? std::strerror(e) : "unknown error"));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw input_error(path.string() + ": cannot read the " + std::string(what));
  return std::move(ss).str();
}

std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

bool is_na(std::string_view s) {
  return s.empty() || s == "NA";
}

bool valid_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

/// Collects every error, then throws them together.
class errors {
public:
  explicit errors(std::string source) : source_(std::move(source)) {}
  /// An error about line `line` (0: the whole file); listed by line.
  void add(std::size_t line, std::string text) { list_.emplace_back(line, std::move(text)); }
  bool empty() const noexcept { return list_.empty(); }
  void throw_if_any() {
    if (list_.empty()) return;
    std::stable_sort(list_.begin(), list_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    if (list_.size() == 1) throw input_error(list_[0].second);
    std::string msg = source_ + ": " + std::to_string(list_.size()) + " errors in the COINr iMeta:";
    for (const auto& e : list_)
      msg += "\n  " + e.second;
    throw input_error(msg);
  }

private:
  std::string source_;
  std::vector<std::pair<std::size_t, std::string>> list_;
};

/// One indicator or aggregate row of iMeta.
struct meta_row {
  std::size_t row = 0;
  bool aggregate = false;
  std::string code, name, unit, parent, denominator;
  long level = 0;
  int direction = 1;
  std::optional<double> weight, target;
};

} // namespace

framework parse_coinr_meta(std::string_view text, std::string_view source) {
  const csv_table t = parse_csv_table(text, source);
  const std::string src(source);
  errors err(src);

  // Columns.
  constexpr std::size_t none = csv_table::npos;
  auto col = [&](std::string_view name) { return t.column_index(name); };
  const std::size_t c_code = col("iCode"), c_name = col("iName"), c_level = col("Level"),
                    c_dir = col("Direction"), c_weight = col("Weight"), c_type = col("Type"),
                    c_parent = col("Parent"), c_unit = col("Unit"), c_target = col("Target"),
                    c_den = col("Denominator");
  {
    std::vector<std::string> missing;
    for (auto [c, name] : {std::pair{c_code, "iCode"},
                           {c_name, "iName"},
                           {c_level, "Level"},
                           {c_dir, "Direction"},
                           {c_weight, "Weight"},
                           {c_type, "Type"},
                           {c_parent, "Parent"}})
      if (c == none) missing.push_back(in_quotes(name));
    if (!missing.empty()) {
      std::string list, seen;
      for (const auto& m : missing)
        list += (list.empty() ? "" : ", ") + m;
      for (const auto& h : t.header())
        seen += (seen.empty() ? "" : ", ") + h;
      throw input_error(src + ":" + std::to_string(t.header_line()) +
                        ": not a COINr iMeta file: missing column" +
                        (missing.size() > 1 ? "s " : " ") + list + " (columns seen: " + seen + ")");
    }
  }

  auto number = [&](std::size_t row, std::size_t c, bool required) -> std::optional<double> {
    const auto cell = parse_number(t.cell(row, c));
    if (cell.status == number_status::number) return cell.value;
    if (cell.status == number_status::missing) {
      if (required)
        err.add(t.line(row),
                t.where(row, c) + ": a number is required here, the cell is empty or NA");
      return std::nullopt;
    }
    err.add(t.line(row),
            t.where(row, c) + ": '" + std::string(t.cell(row, c)) + "' " + std::string(cell.rule));
    return std::nullopt;
  };
  auto text_of = [&](std::size_t row, std::size_t c) {
    if (c == none) return std::string();
    const auto s = t.cell(row, c);
    return is_na(s) ? std::string() : std::string(s);
  };

  // Rows.
  std::vector<meta_row> rows;
  std::unordered_map<std::string, std::size_t> first_line; // iCode -> line, every type
  std::unordered_map<std::string, std::string> type_of;
  for (std::size_t i = 0; i < t.n_rows(); ++i) {
    const std::string code(t.cell(i, c_code));
    const std::string type(t.cell(i, c_type));
    if (is_na(code)) {
      err.add(t.line(i), t.where(i, c_code) + ": empty iCode");
      continue;
    }
    if (auto [it, fresh] = first_line.emplace(code, t.line(i)); !fresh) {
      err.add(t.line(i), t.where(i, c_code) + ": iCode " + in_quotes(code) +
                             " repeated (first on line " + std::to_string(it->second) + ")");
      continue;
    }
    type_of.emplace(code, type);
    if (type == "Group" || type == "Denominator" || type == "Other") continue;
    if (type != "Indicator" && type != "Aggregate") {
      err.add(t.line(i), t.where(i, c_type) + ": unknown type '" + type +
                             "' (allowed: Indicator, Aggregate, Group, Denominator, Other)");
      continue;
    }
    meta_row r;
    r.row = i;
    r.aggregate = type == "Aggregate";
    r.code = code;
    if (!valid_id(code))
      err.add(t.line(i), t.where(i, c_code) + ": iCode '" + code +
                             "' may only hold letters A-Z a-z, digits, '_', '.' and '-'");
    r.name = text_of(i, c_name);
    r.unit = text_of(i, c_unit);
    r.parent = text_of(i, c_parent);
    if (auto lv = number(i, c_level, true)) {
      if (*lv != static_cast<double>(static_cast<long>(*lv)) || *lv < 1)
        err.add(t.line(i), t.where(i, c_level) + ": Level must be a whole number >= 1, got '" +
                               std::string(t.cell(i, c_level)) + "'");
      else
        r.level = static_cast<long>(*lv);
      if (r.level != 0 && !r.aggregate && r.level != 1)
        err.add(t.line(i), t.where(i, c_level) + ": an Indicator row must be at Level 1, got " +
                               std::to_string(r.level));
      if (r.level == 1 && r.aggregate)
        err.add(t.line(i),
                t.where(i, c_level) + ": an Aggregate row must be at Level 2 or above, got 1");
    }
    if (!r.aggregate) {
      if (auto d = number(i, c_dir, true)) {
        if (*d == 1 || *d == -1)
          r.direction = static_cast<int>(*d);
        else
          err.add(t.line(i), t.where(i, c_dir) + ": Direction must be 1 or -1, got '" +
                                 std::string(t.cell(i, c_dir)) + "'");
      }
      if (c_target != none) r.target = number(i, c_target, false);
      r.denominator = text_of(i, c_den);
    }
    r.weight = number(i, c_weight, false); // required unless the row is the root (below)
    rows.push_back(std::move(r));
  }

  // Structure: the root, parents one level up, denominators declared.
  long top = 0;
  for (const auto& r : rows)
    if (r.aggregate) top = std::max(top, r.level);
  std::unordered_map<std::string, const meta_row*> by_code;
  for (const auto& r : rows)
    by_code.emplace(r.code, &r);
  std::vector<const meta_row*> roots;
  for (const auto& r : rows)
    if (r.aggregate && r.level == top && top > 0) roots.push_back(&r);
  if (top == 0 && err.empty())
    err.add(0, src + ": no Aggregate row: COINr needs at least one aggregation level above the "
                     "indicators");
  if (roots.size() > 1) {
    std::string list;
    for (const auto* r : roots)
      list += (list.empty() ? "" : ", ") + in_quotes(r->code) + " (line " +
              std::to_string(t.line(r->row)) + ")";
    err.add(0, src + ": several aggregates share the highest level " + std::to_string(top) + " (" +
                   list + "): COINr needs a single index at the top");
  }
  const meta_row* root = roots.size() == 1 ? roots[0] : nullptr;
  for (const auto& r : rows) {
    const bool is_root = &r == root;
    if (is_root) {
      if (!r.parent.empty())
        err.add(t.line(r.row), t.where(r.row, c_parent) +
                                   ": the index (top level) has no parent, got '" + r.parent + "'");
      continue;
    }
    if (roots.size() > 1 && r.aggregate && r.level == top) continue; // reported above
    if (!r.weight && !is_na(t.cell(r.row, c_weight))) {
      // bad number: already reported
    } else if (!r.weight) {
      err.add(t.line(r.row), t.where(r.row, c_weight) + ": " + in_quotes(r.code) +
                                 " needs a weight (empty or NA)");
    }
    if (r.parent.empty()) {
      err.add(t.line(r.row), t.where(r.row, c_parent) + ": " + in_quotes(r.code) +
                                 " needs a parent (only the index at Level " + std::to_string(top) +
                                 " has none)");
      continue;
    }
    auto it = by_code.find(r.parent);
    if (it == by_code.end() || !it->second->aggregate) {
      const auto ty = type_of.find(r.parent);
      err.add(t.line(r.row),
              t.where(r.row, c_parent) + ": parent '" + r.parent + "' " +
                  (ty == type_of.end() ? std::string("is not an iCode of this file")
                                       : "is a row of type " + ty->second + ", not an Aggregate"));
      continue;
    }
    if (r.level != 0 && it->second->level != 0 && it->second->level != r.level + 1)
      err.add(t.line(r.row), t.where(r.row, c_parent) + ": parent '" + r.parent + "' is at Level " +
                                 std::to_string(it->second->level) + ", expected Level " +
                                 std::to_string(r.level + 1) + " (one above " + in_quotes(r.code) +
                                 ")");
  }
  for (const auto& r : rows)
    if (!r.denominator.empty() && !first_line.count(r.denominator))
      err.add(t.line(r.row),
              t.where(r.row, c_den) + ": denominator '" + r.denominator +
                  "' is not an iCode of this file (declare it as a Denominator row)");
  err.throw_if_any();

  // The framework.
  framework f;
  f.id = root->code;
  f.name = root->name;
  f.description = "imported from the COINr iMeta file " + src;
  f.root = root->code;
  for (const auto& r : rows) {
    const std::string origin = src + ":" + std::to_string(t.line(r.row));
    if (r.aggregate) {
      node n;
      n.id = r.code;
      n.name = r.name;
      n.aggregation = aggregate::arithmetic_mean{};
      n.origin = origin;
      for (const auto& c : rows)
        if (c.parent == r.code) n.children.push_back({c.code, *c.weight});
      f.nodes.push_back(std::move(n));
    } else {
      indicator ind;
      ind.id = r.code;
      ind.name = r.name;
      ind.unit = r.unit;
      ind.direction = r.direction;
      ind.target = r.target;
      ind.denominator = r.denominator;
      ind.method = normalise::min_max{0.0, 100.0, false};
      ind.origin = origin;
      f.indicators.push_back(std::move(ind));
    }
  }
  const auto problems = f.problems();
  if (!problems.empty()) {
    std::string msg = problems.size() == 1 ? ""
                                           : src + ": invalid framework (" +
                                                 std::to_string(problems.size()) + " problems):";
    for (const auto& p : problems) {
      const std::string line = p.rfind(src + ":", 0) == 0 ? p : src + ": " + p;
      msg += problems.size() == 1 ? line : "\n  " + line;
    }
    throw input_error(msg);
  }
  return f;
}

framework read_coinr_meta(const std::filesystem::path& imeta) {
  return parse_coinr_meta(read_text(imeta, "COINr iMeta file"), imeta.string());
}

dataset parse_coinr_data(std::string_view text, std::string_view source, const framework& f) {
  const std::string src(source);
  const csv_table t = parse_csv_table(text, source);
  const auto& header = t.header();
  if (t.column_index("uCode") == csv_table::npos) {
    std::string seen;
    for (const auto& h : header)
      seen += (seen.empty() ? "" : ", ") + h;
    throw input_error(src + ":" + std::to_string(t.header_line()) +
                      ": not a COINr iData file: no 'uCode' column (columns seen: " + seen + ")");
  }
  wide_options o;
  o.unit_column = "uCode";
  o.name_column = "uName";
  for (const auto& h : header) {
    if (h.size() > 6 && h.compare(h.size() - 6, 6, "_group") == 0)
      o.group_columns.push_back(h);
    else if (h != "uCode" && h != "uName" && h != "Time")
      o.columns.push_back(h);
  }
  // Every column the framework needs, named together when absent.
  std::vector<std::string> absent;
  auto need = [&](const std::string& c, const indicator& ind, const char* role) {
    if (std::find(o.columns.begin(), o.columns.end(), c) == o.columns.end())
      absent.push_back(in_quotes(c) + " (" + role + " of indicator '" + ind.id + "')");
  };
  for (const auto& ind : f.indicators) {
    need(ind.source(), ind, "value");
    if (!ind.denominator.empty()) need(ind.denominator, ind, "denominator");
  }
  if (!absent.empty()) {
    std::string list;
    for (const auto& a : absent)
      list += (list.empty() ? "" : ", ") + a;
    throw input_error(src + ":" + std::to_string(t.header_line()) + ": the data lacks column" +
                      (absent.size() > 1 ? "s " : " ") + list);
  }
  return parse_wide_csv(text, source, o);
}

dataset read_coinr_data(const std::filesystem::path& idata, const framework& f) {
  return parse_coinr_data(read_text(idata, "COINr iData file"), idata.string(), f);
}

} // namespace chiso::io
