// The workbook-wide parts (workbook.hpp) and the public readers of io/xlsx_read.hpp.
#include "workbook.hpp"

#include "xml_stream.hpp"

#include "chiso/error.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace chiso::io {

namespace detail {

namespace {

bool ends_with_nocase(std::string_view s, std::string_view tail) {
  if (s.size() < tail.size()) return false;
  for (std::size_t i = 0; i < tail.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - tail.size() + i])) !=
        std::tolower(static_cast<unsigned char>(tail[i])))
      return false;
  return true;
}

/// A relationship target, resolved against the folder of the part that holds it.
std::string resolve_target(std::string_view folder, std::string_view target) {
  std::vector<std::string> segs;
  auto push = [&](std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t end = std::min(path.find('/', start), path.size());
      const std::string_view seg = path.substr(start, end - start);
      if (seg == "..") {
        if (!segs.empty()) segs.pop_back();
      } else if (!seg.empty() && seg != ".") {
        segs.emplace_back(seg);
      }
      start = end + 1;
    }
  };
  if (target.empty() || target.front() != '/') push(folder);
  push(target);
  std::string out;
  for (const auto& s : segs)
    out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string folder_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash));
}

/// Relationships of a part: id -> (type, target).
class rels_reader : public xml_handler {
public:
  std::map<std::string, std::pair<std::string, std::string>> rels;
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = xml_attr(a, "Id");
    const char* type = xml_attr(a, "Type");
    const char* target = xml_attr(a, "Target");
    const char* mode = xml_attr(a, "TargetMode");
    if (id && type && target && !(mode && std::string_view(mode) == "External"))
      rels[id] = {type, target};
  }
  void end(std::string_view) override {}
};

/// The sheets of workbook.xml, with their relationship ids.
class sheets_reader : public xml_handler {
public:
  std::vector<std::pair<std::string, std::string>> sheets; // name, r:id
  void start(std::string_view name, const char** a) override {
    if (name != "sheet") return;
    const char* n = xml_attr(a, "name");
    const char* id = xml_attr(a, "id");
    sheets.emplace_back(n ? n : "", id ? id : "");
  }
  void end(std::string_view) override {}
};

/// The shared strings: the text of each `si` (plain or rich-text runs; phonetic runs skipped).
class strings_reader : public xml_handler {
public:
  explicit strings_reader(std::size_t max) : max_(max) {}
  std::vector<std::string> strings;
  std::string at;
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      in_si_ = true;
      cur_.clear();
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "si") {
      in_si_ = false;
      if (strings.size() >= max_)
        throw input_error(at + "more than " + std::to_string(max_) +
                          " shared strings (refused: the limit of cells)");
      strings.push_back(decode_ooxml_escapes(std::move(cur_)));
      cur_.clear();
    }
  }
  void text(std::string_view s) override {
    if (in_t_) cur_.append(s);
  }

private:
  std::size_t max_;
  std::string cur_;
  bool in_si_ = false, in_t_ = false;
  int phonetic_ = 0;
};

/// Whether a number format code shows a date or a time: a d, m, y, h or s outside quoted
/// text, escapes and brackets, or an elapsed-time bracket ([h], [mm], [ss]).
bool is_date_code(std::string_view code) {
  std::string lower;
  for (char c : code)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "general" || lower == "@") return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '"') {
      const auto close = lower.find('"', i + 1);
      if (close == std::string::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i; // an escaped character, a space as wide as one, a fill character
    } else if (c == '[') {
      const auto close = lower.find(']', i + 1);
      if (close == std::string::npos) return false;
      const std::string_view in = std::string_view(lower).substr(i + 1, close - i - 1);
      if (!in.empty() && in.find_first_not_of(in.front()) == std::string_view::npos &&
          (in.front() == 'h' || in.front() == 'm' || in.front() == 's'))
        return true;
      i = close;
    } else if (c == 'd' || c == 'm' || c == 'y' || c == 'h' || c == 's') {
      return true;
    }
  }
  return false;
}

/// Built-in number formats that show dates or times (ECMA-376 §18.8.30, and the East Asian ones).
std::string builtin_date_code(unsigned id) {
  if (id == 14) return "m/d/yyyy";
  if (id >= 15 && id <= 17) return "d-mmm-yy";
  if (id >= 18 && id <= 21) return "h:mm";
  if (id == 22) return "m/d/yyyy h:mm";
  if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return "a date format (built-in " + std::to_string(id) + ")";
  if (id >= 45 && id <= 47) return "mm:ss";
  return {};
}

/// The date-showing formats of cellXfs.
class styles_reader : public xml_handler {
public:
  std::vector<std::string> date_fmt;
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* id = xml_attr(a, "numFmtId");
      const char* code = xml_attr(a, "formatCode");
      if (id && code) custom_[std::strtoul(id, nullptr, 10)] = code;
    } else if (name == "cellXfs") {
      in_xfs_ = true;
    } else if (name == "xf" && in_xfs_) {
      const char* id = xml_attr(a, "numFmtId");
      const unsigned n = id ? static_cast<unsigned>(std::strtoul(id, nullptr, 10)) : 0;
      const auto it = custom_.find(n);
      if (it != custom_.end())
        date_fmt.push_back(is_date_code(it->second) ? it->second : std::string());
      else
        date_fmt.push_back(builtin_date_code(n));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_xfs_ = false;
  }

private:
  std::map<unsigned long, std::string> custom_;
  bool in_xfs_ = false;
};

std::string rels_part_of(std::string_view part) {
  const std::string folder = folder_of(part);
  return (folder.empty() ? "" : folder + "/") + "_rels/" +
         std::string(part.substr(folder.empty() ? 0 : folder.size() + 1)) + ".rels";
}

/// The target of the first relationship of `rels` whose type ends with `type`, or "".
std::string target_of_type(const rels_reader& rels, std::string_view folder,
                           std::string_view type) {
  for (const auto& [id, tt] : rels.rels)
    if (ends_with_nocase(tt.first, type)) return resolve_target(folder, tt.second);
  return {};
}

} // namespace

std::string decode_ooxml_escapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() + 0 && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i + 2),
                    s.begin() + static_cast<std::ptrdiff_t>(i + 6),
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; })) {
      const auto cp = static_cast<unsigned>(std::stoul(s.substr(i + 2, 4), nullptr, 16));
      if (cp < 0x80) {
        out += static_cast<char>(cp);
      } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
      }
      i += 6;
    } else {
      out += s[i];
    }
  }
  return out;
}

workbook_parts read_workbook_parts(xlsx_archive& zip) {
  std::string book_part = "xl/workbook.xml";
  if (zip.has("_rels/.rels")) {
    rels_reader root;
    parse_xml_part(zip, "_rels/.rels", root);
    const std::string t = target_of_type(root, "", "/officeDocument");
    if (!t.empty()) book_part = t;
  }
  const std::string folder = folder_of(book_part);
  rels_reader rels;
  const std::string rels_part = rels_part_of(book_part);
  parse_xml_part(zip, rels_part, rels);
  sheets_reader sr;
  parse_xml_part(zip, book_part, sr);

  workbook_parts out;
  for (const auto& [name, id] : sr.sheets) {
    const auto it = rels.rels.find(id);
    if (it == rels.rels.end())
      throw input_error(zip.at() + "sheet '" + name + "' has no part (relationship '" + id +
                        "' is missing from " + rels_part + ")");
    out.sheets.push_back({name, resolve_target(folder, it->second.second)});
  }
  if (out.sheets.empty()) throw input_error(zip.at() + "the workbook has no sheets");

  std::string strings_part = target_of_type(rels, folder, "/sharedStrings");
  if (strings_part.empty() && zip.has("xl/sharedStrings.xml"))
    strings_part = "xl/sharedStrings.xml";
  if (!strings_part.empty()) {
    strings_reader s(zip.limits().max_cells);
    s.at = zip.at() + "part '" + strings_part + "': ";
    parse_xml_part(zip, strings_part, s);
    out.strings = std::move(s.strings);
  }
  const std::string styles_part = target_of_type(rels, folder, "/styles");
  if (!styles_part.empty() && zip.has(styles_part)) {
    styles_reader st;
    parse_xml_part(zip, styles_part, st);
    out.date_fmt = std::move(st.date_fmt);
  }
  return out;
}

std::vector<sheet_text> read_sheet_texts(const workbook_ref& ref, const xlsx_limits& limits) {
  xlsx_archive zip(ref.file, limits);
  const workbook_parts book = read_workbook_parts(zip);
  std::vector<sheet_text> out;
  if (ref.all_sheets()) {
    for (const auto& s : book.sheets)
      out.push_back(read_sheet_text(zip, book, s));
    return out;
  }
  if (ref.sheet.empty()) {
    out.push_back(read_sheet_text(zip, book, book.sheets.front()));
    return out;
  }
  for (const auto& s : book.sheets)
    if (s.name == ref.sheet) {
      out.push_back(read_sheet_text(zip, book, s));
      return out;
    }
  std::vector<std::string> names;
  for (const auto& s : book.sheets)
    names.push_back(s.name);
  throw input_error(zip.at() + "no sheet named " + show_cell(ref.sheet) +
                    " (sheets: " + show_names(names) + ")");
}

} // namespace detail

std::optional<workbook_ref> workbook_reference(const std::filesystem::path& path) {
  const std::string s = path.string();
  for (const std::string_view ext : {".xlsx", ".xlsm"}) {
    if (detail::ends_with_nocase(s, ext)) return workbook_ref{path, ""};
    // data.xlsx#SHEET: split at the first ".xlsx#" (a sheet name may hold '#').
    std::string lower;
    for (char c : s)
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find(std::string(ext) + "#");
    if (at != std::string::npos)
      return workbook_ref{s.substr(0, at + ext.size()), s.substr(at + ext.size() + 1)};
  }
  return std::nullopt;
}

std::vector<std::string> xlsx_sheet_names(const std::filesystem::path& file,
                                          const xlsx_limits& limits) {
  detail::xlsx_archive zip(file, limits);
  std::vector<std::string> out;
  for (auto& s : detail::read_workbook_parts(zip).sheets)
    out.push_back(std::move(s.name));
  return out;
}

csv_table read_xlsx_table(const std::filesystem::path& file, std::string_view sheet,
                          const xlsx_limits& limits) {
  if (sheet == "*")
    throw input_error(file.string() + "#*: every sheet, but a table is one sheet; name it");
  auto texts = detail::read_sheet_texts({file, std::string(sheet)}, limits);
  auto& t = texts.front();
  return detail::sheet_table(t.text, t.source, t.grid);
}

} // namespace chiso::io
