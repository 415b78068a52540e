#include "inputs.hpp"

#include "text.hpp"

#include <chiso/io/csv.hpp>
#include <chiso/io/output.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <system_error>
#include <tuple>

#if __has_include(<chiso/io/coinr.hpp>)
#include <chiso/io/coinr.hpp>
#define CHISO_CLI_HAS_COINR 1
#endif

namespace chiso::cli {

namespace fs = std::filesystem;

namespace {

fs::path& program_path_storage() {
  static fs::path p;
  return p;
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool accepts(const command_spec& cmd, std::string_view option) {
  for (const auto& o : cmd.options)
    if (o.name == option) return true;
  return false;
}

std::string show_path(const fs::path& p) {
  return p.string();
}

/// The rule of an indicator's `valid` range, in words.
std::string range_words(const indicator& ind) {
  if (ind.valid_min && ind.valid_max)
    return "between " + io::format_double(*ind.valid_min) + " and " +
           io::format_double(*ind.valid_max);
  if (ind.valid_min) return "at least " + io::format_double(*ind.valid_min);
  return "at most " + io::format_double(*ind.valid_max);
}

/// Cell text for a message: quoted, control characters escaped, long text shortened.
std::string show_cell(std::string_view s) {
  std::string out = "'";
  std::size_t k = 0;
  for (; k < s.size() && k < 60; ++k) {
    const auto c = static_cast<unsigned char>(s[k]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20)
      out += '?';
    else
      out += static_cast<char>(c);
  }
  if (k < s.size()) {
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) {
      --k;
      out.pop_back();
    }
    out += "...";
  }
  return out + "'";
}

} // namespace

void set_program_path(const char* argv0) {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec || p.empty()) {
    p = argv0 ? fs::path(argv0) : fs::path();
    if (!p.empty()) p = fs::weakly_canonical(p, ec);
  }
  program_path_storage() = p;
}

fs::path presets_dir(const parsed_args& a) {
  if (auto d = a.get("presets-dir")) {
    if (!is_dir(*d)) throw input_error("--presets-dir '" + *d + "': no such directory");
    return *d;
  }
  if (const char* env = std::getenv("CHISO_PRESETS"); env && *env) {
    if (!is_dir(env))
      throw input_error("CHISO_PRESETS='" + std::string(env) + "': no such directory");
    return env;
  }
  std::vector<fs::path> candidates;
  const fs::path exe = program_path_storage();
  if (!exe.empty()) {
    const fs::path dir = exe.parent_path();
    candidates.push_back(dir / ".." / ".." / "presets");
    candidates.push_back(dir / ".." / "share" / "chiso" / "presets");
  }
#ifdef CHISO_INSTALL_PRESETS_DIR
  candidates.emplace_back(CHISO_INSTALL_PRESETS_DIR);
#endif
#ifdef CHISO_SOURCE_PRESETS_DIR
  candidates.emplace_back(CHISO_SOURCE_PRESETS_DIR);
#endif
  for (const auto& c : candidates)
    if (is_dir(c)) return c.lexically_normal();
  std::string list;
  for (const auto& c : candidates)
    list += "\n  " + c.lexically_normal().string();
  throw input_error("cannot find the presets directory (give --presets-dir or set "
                    "CHISO_PRESETS); searched:" +
                    list);
}

std::vector<preset_entry> list_presets(const fs::path& dir) {
  std::vector<preset_entry> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const auto ext = e.path().extension().string();
    if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
    if (!e.is_regular_file(ec)) continue;
    preset_entry p;
    p.file = e.path();
    p.id = e.path().stem().string();
    out.push_back(std::move(p));
  }
  if (ec) throw input_error(show_path(dir) + ": cannot list the directory: " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const preset_entry& x, const preset_entry& y) { return x.file < y.file; });
  for (auto& p : out) {
    try {
      p.spec = io::load_spec(p.file);
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  return out;
}

loaded_framework load_framework(const parsed_args& a, const command_spec& cmd) {
  std::vector<std::string> given;
  std::vector<std::string> allowed;
  for (const char* o : {"framework", "preset", "coinr-meta"}) {
    if (!accepts(cmd, o)) continue;
    allowed.push_back(std::string("--") + o);
    if (a.has(o)) given.push_back(std::string("--") + o);
  }
  std::string allowed_list;
  for (const auto& s : allowed)
    allowed_list += (allowed_list.empty() ? "" : " or ") + s;
  if (given.empty())
    throw usage(cmd.name,
                "chiso " + cmd.name + ": say which framework to use with " + allowed_list);
  if (given.size() > 1)
    throw usage(cmd.name, "chiso " + cmd.name + ": give only one of " + allowed_list + " (got " +
                              given[0] + " and " + given[1] + ")");
  loaded_framework out;
  if (auto f = a.get("framework")) {
    out.spec = io::load_spec(*f);
    out.source = framework_source::spec_file;
    out.label = *f;
    return out;
  }
  if (auto name = a.get("preset")) {
    const bool ok_name = !name->empty() && std::all_of(name->begin(), name->end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '-' || c == '_' || c == '.';
    }) && name->front() != '.';
    const fs::path dir = presets_dir(a);
    fs::path file;
    if (ok_name)
      for (const char* ext : {".yaml", ".yml", ".json"}) {
        std::error_code ec;
        if (fs::is_regular_file(dir / (*name + ext), ec)) {
          file = dir / (*name + ext);
          break;
        }
      }
    if (file.empty()) {
      std::vector<std::string> ids;
      for (const auto& e : fs::directory_iterator(dir)) {
        const auto ext = e.path().extension().string();
        if (ext == ".yaml" || ext == ".yml" || ext == ".json")
          ids.push_back(e.path().stem().string());
      }
      std::sort(ids.begin(), ids.end());
      throw usage(cmd.name, "chiso " + cmd.name + ": unknown preset '" + *name + "' in " +
                                dir.string() + " (presets: " +
                                (ids.empty() ? std::string("none") : quote_list(ids, 100)) + ")");
    }
    out.spec = io::load_spec(file);
    out.source = framework_source::preset;
    out.label = "preset '" + *name + "'";
    return out;
  }
  const std::string meta = *a.get("coinr-meta");
#ifdef CHISO_CLI_HAS_COINR
  out.spec.fw = io::read_coinr_meta(meta);
  out.spec.source = meta;
  // COINr's iData layout: uCode, uName, *_group columns (Time and the rest ignored if unused).
  out.spec.data.unit_column = "uCode";
  out.spec.data.name_column = "uName";
  out.source = framework_source::coinr_meta;
  out.label = meta;
  return out;
#else
  throw input_error(meta + ": reading COINr metadata is not available in this build");
#endif
}

fs::path data_path(const parsed_args& a, const loaded_framework& f, const command_spec& cmd) {
  if (auto d = a.get("data")) return *d;
  if (f.spec.sample) {
    const auto& s = *f.spec.sample;
    std::cerr << "note: no --data given: using the sample data of " << f.label
              << (s.synthetic ? ", whose values are SYNTHETIC (invented for demonstration): "
                              : ": ")
              << s.file.string() << '\n';
    if (!s.note.empty()) std::cerr << "note: " << s.note << '\n';
    return s.file;
  }
  throw usage(cmd.name, "chiso " + cmd.name + ": --data is required (" + f.label +
                            " has no sample data file)");
}

loaded_data read_data(const fs::path& path, const io::data_layout& given_layout, const framework& f,
                      const std::string& group_suffix) {
  const io::csv_table t = io::read_csv_table(path);
  io::data_layout layout = given_layout;
  if (!group_suffix.empty())
    for (const auto& h : t.header())
      if (h.size() > group_suffix.size() &&
          h.compare(h.size() - group_suffix.size(), group_suffix.size(), group_suffix) == 0 &&
          std::find(layout.groups.begin(), layout.groups.end(), h) == layout.groups.end())
        layout.groups.push_back(h);
  const std::string& src = t.source();
  const std::string at_header = src + ":" + std::to_string(t.header_line()) + ": ";
  // Problems sorted by position in the file (line, column), then in the order found.
  std::vector<std::tuple<std::size_t, std::size_t, std::size_t, std::string>> found;
  auto problem = [&](std::size_t line, std::size_t col, std::string msg) {
    found.emplace_back(line, col, found.size(), std::move(msg));
  };

  loaded_data out;
  auto& d = out.data;
  d.source = src;
  const std::size_t n = t.n_rows();
  const std::size_t npos = io::csv_table::npos;

  const std::size_t cu = t.column_index(layout.unit_column);
  if (cu == npos)
    problem(t.header_line(), 0,
            at_header + "no unit id column '" + layout.unit_column +
                "' (columns in the file: " + quote_list(t.header()) + ")");
  const std::size_t cn = layout.name_column.empty() ? npos : t.column_index(layout.name_column);
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (const auto& g : layout.groups) {
    const std::size_t cg = t.column_index(g);
    if (cg == npos)
      problem(t.header_line(), 0,
              at_header + "no group column '" + g + "' (the spec lists it under data.groups" +
                  (f.ranking.group_by == g ? " and ranks within it" : "") +
                  "; columns in the file: " + quote_list(t.header()) + ")");
    else
      groups.emplace_back(g, cg);
  }

  // The numeric columns the framework uses, in first-use order, with their users.
  std::vector<std::string> needed;
  std::map<std::string, std::vector<std::string>> users;
  auto need = [&](const std::string& col, const std::string& who) {
    if (!users.count(col)) needed.push_back(col);
    users[col].push_back(who);
  };
  for (const auto& ind : f.indicators) {
    need(ind.source(), "'" + ind.id + "'");
    if (!ind.denominator.empty()) need(ind.denominator, "'" + ind.id + "' (as denominator)");
  }
  std::vector<std::size_t> file_col(needed.size(), npos);
  for (std::size_t j = 0; j < needed.size(); ++j) {
    const auto& c = needed[j];
    std::string who;
    for (const auto& u : users[c])
      who += (who.empty() ? "" : ", ") + u;
    const std::string by =
        " (used by indicator" + std::string(users[c].size() > 1 ? "s " : " ") + who + ")";
    const std::size_t fc = t.column_index(c);
    if (fc == npos) {
      problem(t.header_line(), 0,
              at_header + "no column '" + c + "'" + by +
                  "; columns in the file: " + quote_list(t.header()));
      continue;
    }
    std::string role;
    if (c == layout.unit_column)
      role = "the unit id column";
    else if (fc == cn)
      role = "the unit name column";
    for (const auto& g : groups)
      if (g.first == c) role = "a group column";
    if (!role.empty()) {
      problem(t.header_line(), fc + 1,
              src + ":" + std::to_string(t.header_line()) + ":" + std::to_string(fc + 1) +
                  ": column '" + c + "' is " + role + " but holds numbers" + by);
      continue;
    }
    file_col[j] = fc;
  }

  // Units.
  d.unit_ids.resize(n);
  d.unit_lines.resize(n);
  std::map<std::string_view, std::size_t> first_line;
  for (std::size_t r = 0; r < n; ++r) {
    d.unit_lines[r] = t.line(r);
    if (cu == npos) {
      d.unit_ids[r] = "row " + std::to_string(r + 1);
      continue;
    }
    const std::string_view id = t.cell(r, cu);
    d.unit_ids[r] = std::string(id);
    if (id.empty()) {
      problem(t.line(r, cu), cu + 1, t.where(r, cu) + ": empty unit id (every row needs one)");
      continue;
    }
    const auto [it, fresh] = first_line.emplace(id, t.line(r, cu));
    if (!fresh)
      problem(t.line(r, cu), cu + 1,
              t.where(r, cu) + ": duplicate unit id " + show_cell(id) + " (first on line " +
                  std::to_string(it->second) + ")");
  }
  if (cn != npos) {
    d.unit_names.resize(n);
    for (std::size_t r = 0; r < n; ++r)
      d.unit_names[r] = std::string(t.cell(r, cn));
  }
  for (const auto& [name, cg] : groups) {
    group_column g;
    g.name = name;
    g.labels.reserve(n);
    for (std::size_t r = 0; r < n; ++r)
      g.labels.emplace_back(t.cell(r, cg));
    d.groups.push_back(std::move(g));
  }

  // Numbers, and the indicators' valid ranges.
  d.columns = needed;
  d.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(needed.size()));
  for (std::size_t j = 0; j < needed.size(); ++j) {
    const auto jj = static_cast<Eigen::Index>(j);
    const std::size_t fc = file_col[j];
    if (fc == npos) {
      d.values.col(jj).setConstant(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::vector<const indicator*> ranged;
    for (const auto& ind : f.indicators)
      if (ind.source() == needed[j] && (ind.valid_min || ind.valid_max)) ranged.push_back(&ind);
    for (std::size_t r = 0; r < n; ++r) {
      const auto text = t.cell(r, fc);
      const io::number_cell v = io::parse_number(text);
      d.values(static_cast<Eigen::Index>(r), jj) = v.value;
      if (v.status == io::number_status::invalid) {
        problem(t.line(r, fc), fc + 1,
                t.where(r, fc) + ": " + show_cell(text) + " " + std::string(v.rule));
        continue;
      }
      if (v.status != io::number_status::number) continue;
      for (const indicator* ind : ranged)
        if ((ind->valid_min && v.value < *ind->valid_min) ||
            (ind->valid_max && v.value > *ind->valid_max))
          problem(t.line(r, fc), fc + 1,
                  t.where(r, fc) + ": value " + std::string(text) +
                      " is outside the valid range of indicator '" + ind->id + "' (" +
                      range_words(*ind) + ")");
    }
  }
  std::stable_sort(found.begin(), found.end());
  for (auto& p : found)
    out.problems.push_back(std::move(std::get<3>(p)));
  return out;
}

loaded_data read_data_for(const fs::path& path, const loaded_framework& f) {
  if (f.source == framework_source::coinr_meta)
    return read_data(path, f.spec.data, f.spec.fw, "_group");
  return read_data(path, f.spec.data, f.spec.fw);
}

void throw_if_problems(const std::vector<std::string>& problems) {
  if (problems.empty()) return;
  constexpr std::size_t max = 20;
  std::string msg;
  for (std::size_t k = 0; k < problems.size() && k < max; ++k)
    msg += (k ? "\n" : "") + problems[k];
  if (problems.size() > max)
    msg += "\n... and " + std::to_string(problems.size() - max) +
           " more problems ('chiso validate' lists them all)";
  throw input_error(msg);
}

} // namespace chiso::cli
