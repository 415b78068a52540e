/// \file tools/chiso/methods.cpp
/// `chiso methods`: every built-in method with its parameters, from their declarations.

#include "commands.hpp"

#include <chiso/io/spec.hpp>

#include <iostream>

namespace chiso::cli {

const command_spec& methods_spec() {
  static const command_spec s = {
      "methods",
      "methods",
      "List the built-in methods and their parameters.",
      {},
      {},
      "Prints, as Markdown tables, every normalisation and point rule (an indicator's\n"
      "`method`), aggregation (a node's `method`) and weights rule, each with its\n"
      "parameters: default, allowed values and meaning. These are the keys of a spec's\n"
      "`{type: NAME, ...}` maps and, in order, the positional parameters of the\n"
      "--normalise / --aggregate shorthands. docs/spec.md holds the same tables.\n\n"
      "Example:\n"
      "  chiso methods\n",
  };
  return s;
}

int run_methods(const parsed_args&) {
  std::cout << io::parameter_reference();
  std::cout.flush();
  return exit_ok;
}

} // namespace chiso::cli
