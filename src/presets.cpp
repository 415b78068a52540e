#include "chiso/io/presets.hpp"

#include "chiso/error.hpp"
#include "chiso/io/quote.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

namespace chiso::io {

namespace fs = std::filesystem;

namespace {

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool is_spec_file_name(const fs::path& p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

} // namespace

fs::path find_presets_dir(const presets_search& s) {
  if (s.dir) {
    if (!is_dir(*s.dir))
      throw input_error((s.dir_name.empty() ? std::string("presets directory") : s.dir_name) +
                        " '" + s.dir->string() + "': no such directory");
    return *s.dir;
  }
  if (const char* env = std::getenv(presets_env); env && *env) {
    if (!is_dir(env))
      throw input_error(std::string(presets_env) + "='" + env + "': no such directory");
    return env;
  }
  for (const auto& c : s.candidates)
    if (is_dir(c)) return c.lexically_normal();
  std::string list;
  for (const auto& c : s.candidates)
    list += "\n  " + c.lexically_normal().string();
  throw input_error("cannot find the presets directory (" +
                    (s.dir_name.empty() ? std::string() : "give " + s.dir_name + " or ") + "set " +
                    presets_env + "); searched:" + (list.empty() ? " nowhere" : list));
}

std::vector<preset_entry> list_presets(const fs::path& dir) {
  std::vector<preset_entry> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (!is_spec_file_name(e.path())) continue;
    if (!e.is_regular_file(ec)) continue;
    preset_entry p;
    p.file = e.path();
    p.id = e.path().stem().string();
    out.push_back(std::move(p));
  }
  if (ec) throw input_error(dir.string() + ": cannot list the directory: " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const preset_entry& x, const preset_entry& y) { return x.file < y.file; });
  for (auto& p : out) {
    try {
      p.spec = load_spec(p.file);
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  return out;
}

std::vector<std::string> preset_ids(const fs::path& dir) {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (is_spec_file_name(e.path())) ids.push_back(e.path().stem().string());
  if (ec) throw input_error(dir.string() + ": cannot list the directory: " + ec.message());
  std::sort(ids.begin(), ids.end());
  return ids;
}

fs::path find_preset(const fs::path& dir, std::string_view name) {
  const bool ok_name =
      !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
      });
  if (ok_name)
    for (const char* ext : {".yaml", ".yml", ".json"}) {
      std::error_code ec;
      const fs::path file = dir / (std::string(name) + ext);
      if (fs::is_regular_file(file, ec)) return file;
    }
  const auto ids = preset_ids(dir);
  throw usage_error("unknown preset '" + std::string(name) + "' in " + dir.string() +
                    " (presets: " + (ids.empty() ? std::string("none") : quote_list(ids, 100)) +
                    ")");
}

} // namespace chiso::io
