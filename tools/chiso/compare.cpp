/// \file tools/chiso/compare.cpp
/// `chiso compare`: rank changes between two result files written by `chiso score`.

#include "commands.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "text.hpp"

#include <chiso/io/csv.hpp>
#include <chiso/io/output.hpp>
#include <chiso/io/quote.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <ostream>

namespace chiso::cli {

const command_spec& compare_spec() {
  static const command_spec s = {
      "compare",
      "compare A.csv B.csv [--key COLUMN] [--rank-column COLUMN] [--format text|csv]\n"
      "               [--out FILE]",
      "Compare the ranks in two result files of 'chiso score'.",
      {
          {"key", "COLUMN", "column identifying units in both files (default unit)"},
          {"rank-column", "COLUMN", "column holding the rank (default rank)"},
          format_option({"text", "csv"}, "text (default: an aligned table) or csv"),
          out_option(),
      },
      {"A.csv", "B.csv"},
      "For every unit: its rank in A, its rank in B and the change A - B (positive = moved\n"
      "up), sorted by change (largest rise first); units whose rank is missing in a file\n"
      "come next, then units found in only one of the files. The unit's name is shown when\n"
      "A (or else B) has a `name` column.\n"
      "CSV columns: unit[,name],rank_a,rank_b,change,status with status one of both,\n"
      "only_a, only_b.\n\n"
      "Example:\n"
      "  chiso score --preset dti-province-922 --out a.csv\n"
      "  chiso score --preset dti-province-922 --aggregate gmean --out b.csv\n"
      "  chiso compare a.csv b.csv\n",
  };
  return s;
}

namespace {

struct side {
  io::csv_table table;
  std::map<std::string, std::size_t> row_of; // key -> row
  std::vector<double> rank;
  std::size_t name_col = io::csv_table::npos;
};

side read_side(const std::string& path, const std::string& key, const std::string& rank_col) {
  side s{io::read_csv_table(path), {}, {}, io::csv_table::npos};
  const auto& t = s.table;
  const std::string at = t.source() + ":" + std::to_string(t.header_line()) + ": ";
  const auto ck = t.column_index(key);
  const auto cr = t.column_index(rank_col);
  if (ck == io::csv_table::npos)
    throw input_error(at + "no key column '" + key + "' (columns: " + io::quote_list(t.header()) +
                      "; choose one with --key)");
  if (cr == io::csv_table::npos)
    throw input_error(at + "no rank column '" + rank_col + "' (columns: " +
                      io::quote_list(t.header()) + "; choose one with --rank-column)");
  s.name_col = t.column_index("name");
  s.rank.resize(t.n_rows());
  for (std::size_t r = 0; r < t.n_rows(); ++r) {
    const std::string id(t.cell(r, ck));
    if (id.empty()) throw input_error(t.where(r, ck) + ": empty unit id (every row needs one)");
    const auto [it, fresh] = s.row_of.emplace(id, r);
    if (!fresh)
      throw input_error(t.where(r, ck) + ": duplicate unit id '" + id + "' (first on line " +
                        std::to_string(t.line(it->second)) + ")");
    const auto v = io::parse_number(t.cell(r, cr));
    if (v.status == io::number_status::invalid)
      throw input_error(t.where(r, cr) + ": '" + std::string(t.cell(r, cr)) + "' " +
                        std::string(v.rule));
    s.rank[r] = v.value;
  }
  return s;
}

std::string signed_text(double x, bool plus) {
  if (std::isnan(x)) return {};
  if (x == 0) return "0";
  return (plus && x > 0 ? "+" : "") + io::format_double(x);
}

} // namespace

int run_compare(const parsed_args& a) {
  const auto& cmd = compare_spec();
  const bool csv = a.get_or("format", "text") == "csv";
  const std::string key = a.get("key").value_or("unit");
  const std::string rank_col = a.get("rank-column").value_or("rank");
  if (key.empty() || rank_col.empty())
    throw usage(cmd.name, "chiso compare: --key and --rank-column must not be empty");
  output out(a.get("out"));
  const auto& pos = a.positional();
  const side A = read_side(pos[0], key, rank_col);
  const side B = read_side(pos[1], key, rank_col);

  struct row {
    std::string id, name;
    double ra = std::nan(""), rb = std::nan(""), change = std::nan("");
    int status = 0; // 0 both with ranks, 1 both but a rank missing, 2 only A, 3 only B
    std::size_t order = 0;
  };
  std::vector<row> rows;
  auto name_in = [](const side& s, std::size_t r) {
    return s.name_col == io::csv_table::npos ? std::string()
                                             : std::string(s.table.cell(r, s.name_col));
  };
  const bool names = A.name_col != io::csv_table::npos || B.name_col != io::csv_table::npos;
  for (std::size_t r = 0; r < A.table.n_rows(); ++r) {
    row x;
    x.id = std::string(A.table.cell(r, A.table.column_index(key)));
    x.name = name_in(A, r);
    x.ra = A.rank[r];
    x.order = r;
    auto it = B.row_of.find(x.id);
    if (it == B.row_of.end()) {
      x.status = 2;
    } else {
      x.rb = B.rank[it->second];
      if (x.name.empty()) x.name = name_in(B, it->second);
      x.change = x.ra - x.rb;
      x.status = std::isnan(x.change) ? 1 : 0;
    }
    rows.push_back(std::move(x));
  }
  for (std::size_t r = 0; r < B.table.n_rows(); ++r) {
    const std::string id(B.table.cell(r, B.table.column_index(key)));
    if (A.row_of.count(id)) continue;
    row x;
    x.id = id;
    x.name = name_in(B, r);
    x.rb = B.rank[r];
    x.status = 3;
    x.order = A.table.n_rows() + r;
    rows.push_back(std::move(x));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const row& x, const row& y) {
    if (x.status != y.status) return x.status < y.status;
    if (x.status == 0 && x.change != y.change) return x.change > y.change;
    if (x.status == 0 && x.rb != y.rb) return x.rb < y.rb;
    return x.order < y.order;
  });

  std::ostream& o = out.stream();
  static const char* status_names[] = {"both", "both", "only_a", "only_b"};
  if (csv) {
    o << "unit" << (names ? ",name" : "") << ",rank_a,rank_b,change,status\n";
    for (const auto& x : rows)
      o << io::csv_escape(x.id) << (names ? "," + io::csv_escape(x.name) : "") << ","
        << io::format_double(x.ra) << "," << io::format_double(x.rb) << ","
        << signed_text(x.change, false) << "," << status_names[x.status] << "\n";
  } else {
    o << "Ranks in " << A.table.source() << " (A) and " << B.table.source()
      << " (B); change = A - B, positive = moved up\n\n";
    std::vector<std::string> header{"unit"};
    std::vector<bool> right{false};
    if (names) header.push_back("name"), right.push_back(false);
    for (const char* h : {"rank A", "rank B", "change"})
      header.push_back(h), right.push_back(true);
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> only_a, only_b;
    for (const auto& x : rows) {
      if (x.status >= 2) {
        (x.status == 2 ? only_a : only_b).push_back(x.id);
        continue;
      }
      std::vector<std::string> r{x.id};
      if (names) r.push_back(x.name);
      r.push_back(std::isnan(x.ra) ? "-" : io::format_double(x.ra));
      r.push_back(std::isnan(x.rb) ? "-" : io::format_double(x.rb));
      r.push_back(std::isnan(x.change) ? "-" : signed_text(x.change, true));
      table.push_back(std::move(r));
    }
    o << render_table(header, table, right);
    if (!only_a.empty())
      o << "\nOnly in A (" << only_a.size() << "): " << io::quote_list(only_a, only_a.size())
        << "\n";
    if (!only_b.empty())
      o << "\nOnly in B (" << only_b.size() << "): " << io::quote_list(only_b, only_b.size())
        << "\n";
  }
  out.commit();
  return exit_ok;
}

} // namespace chiso::cli
