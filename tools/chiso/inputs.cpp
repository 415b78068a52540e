#include "inputs.hpp"

#include <chiso/io/presets.hpp>

#include <iostream>
#include <system_error>

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

bool accepts(const command_spec& cmd, std::string_view option) {
  for (const auto& o : cmd.options)
    if (o.name == option) return true;
  return false;
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
  io::presets_search search;
  if (auto d = a.get("presets-dir")) search.dir = *d;
  search.dir_name = "--presets-dir";
  const fs::path exe = program_path_storage();
  if (!exe.empty()) {
    const fs::path dir = exe.parent_path();
    search.candidates.push_back(dir / ".." / ".." / "presets");
    search.candidates.push_back(dir / ".." / "share" / "chiso" / "presets");
  }
#ifdef CHISO_INSTALL_PRESETS_DIR
  search.candidates.emplace_back(CHISO_INSTALL_PRESETS_DIR);
#endif
#ifdef CHISO_SOURCE_PRESETS_DIR
  search.candidates.emplace_back(CHISO_SOURCE_PRESETS_DIR);
#endif
  return io::find_presets_dir(search);
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
    for (const auto& w : out.spec.warnings)
      std::cerr << "warning: " << w << '\n';
    return out;
  }
  if (auto name = a.get("preset")) {
    const fs::path dir = presets_dir(a);
    fs::path file;
    try {
      file = io::find_preset(dir, *name);
    } catch (const usage_error& e) {
      throw usage(cmd.name, "chiso " + cmd.name + ": " + e.what());
    }
    out.spec = io::load_spec(file);
    for (const auto& w : out.spec.warnings)
      std::cerr << "warning: " << w << '\n';
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

io::framework_data read_data_for(const fs::path& path, const loaded_framework& f) {
  if (f.source == framework_source::coinr_meta)
    return io::read_framework_data(path, f.spec.data, f.spec.fw, "_group");
  return io::read_framework_data(path, f.spec.data, f.spec.fw);
}

void throw_if_problems(const std::vector<std::string>& problems) {
  io::throw_if_problems(problems, " ('chiso validate' lists them all)");
}

} // namespace chiso::cli
