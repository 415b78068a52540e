/// \file tools/chiso/presets.cpp
/// `chiso presets`: the bundled frameworks.

#include "commands.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "text.hpp"

#include <chiso/io/presets.hpp>
#include <chiso/io/table.hpp>

#include <iostream>

namespace chiso::cli {

const command_spec& presets_spec() {
  static const command_spec s = {
      "presets",
      "presets [--presets-dir DIR]",
      "List the bundled frameworks (presets).",
      {presets_dir_option()},
      {},
      "One line per preset: its id (the NAME for --preset), whether its sample data is\n"
      "synthetic (invented for demonstration), real, or absent, and its name.\n"
      "The directory is the first found of: --presets-dir, $CHISO_PRESETS,\n"
      "<program dir>/../../presets (build tree), <program dir>/../share/chiso/presets\n"
      "(installed), the install and source locations compiled in.\n\n"
      "Example:\n"
      "  chiso presets\n"
      "  chiso score --preset psq-766 --table\n",
  };
  return s;
}

int run_presets(const parsed_args& a) {
  const auto dir = presets_dir(a);
  const auto list = io::list_presets(dir);
  std::size_t width = 0;
  for (const auto& p : list)
    width = std::max(width, io::display_width(p.id));
  int rc = exit_ok;
  for (const auto& p : list) {
    std::cout << p.id << std::string(width - io::display_width(p.id) + 2, ' ');
    if (!p.spec) {
      const auto nl = p.error.find('\n');
      std::cout << "error: " << p.error.substr(0, nl) << '\n';
      std::cerr << "chiso: error: " << p.error << '\n';
      rc = exit_input_error;
      continue;
    }
    const auto& sp = *p.spec;
    const char* sample = !sp.sample             ? "sample: none     "
                         : sp.sample->synthetic ? "sample: synthetic"
                                                : "sample: real     ";
    std::cout << sample << "  " << (sp.fw.name.empty() ? sp.fw.id : sp.fw.name) << '\n';
  }
  if (list.empty()) std::cerr << "note: no presets in " << dir.string() << '\n';
  std::cout.flush();
  return rc;
}

} // namespace chiso::cli
