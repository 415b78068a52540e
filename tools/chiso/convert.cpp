/// \file tools/chiso/convert.cpp
/// `chiso convert-coinr`: a COINr iMeta table → a native spec file.

#include "commands.hpp"
#include "options.hpp"
#include "text.hpp"

#include <chiso/io/spec.hpp>

#if __has_include(<chiso/io/coinr.hpp>)
#include <chiso/io/coinr.hpp>
#define CHISO_CLI_HAS_COINR 1
#endif

namespace chiso::cli {

const command_spec& convert_coinr_spec() {
  static const command_spec s = {
      "convert-coinr",
      "convert-coinr --meta iMeta.csv [--out spec.yaml]",
      "Write the native spec file for a COINr iMeta table.",
      {
          {"meta", "FILE", "COINr iMeta CSV (iCode, Level, Weight, Direction, Parent, Type...)"},
          out_option(),
      },
      {},
      "The spec reproduces COINr's structure: indicators (Level 1) with their directions,\n"
      "aggregate nodes with their children and weights. Review it, then score with\n"
      "  chiso score --framework spec.yaml --data iData.csv\n"
      "or directly with\n"
      "  chiso score --coinr-meta iMeta.csv --data iData.csv\n",
  };
  return s;
}

int run_convert_coinr(const parsed_args& a) {
  const auto& cmd = convert_coinr_spec();
  if (!a.has("meta")) throw usage(cmd.name, "chiso convert-coinr: --meta FILE is required");
  output out(a.get("out"));
  const std::string meta = *a.get("meta");
#ifdef CHISO_CLI_HAS_COINR
  const framework f = io::read_coinr_meta(meta);
  io::write_spec(out.stream(), f);
  out.commit();
  return exit_ok;
#else
  throw input_error(meta + ": reading COINr metadata is not available in this build");
#endif
}

} // namespace chiso::cli
