#include "options.hpp"

namespace chiso::cli {

std::vector<option_spec> input_options(const std::string& data_help) {
  return {
      {"framework", "SPEC", "framework spec file (YAML or JSON)"},
      {"preset", "NAME", "a bundled framework (see 'chiso presets')"},
      {"coinr-meta", "META", "a COINr iMeta CSV file as the framework (needs --data)"},
      {"data", "DATA", data_help},
  };
}

option_spec mapping_option() {
  return {"mapping", "FILE", "restate the data on new units first (CSV: old,new; docs/time.md)"};
}

option_spec presets_dir_option() {
  return {"presets-dir", "DIR", "where presets live (default: found next to the program)"};
}

std::vector<option_spec> override_options() {
  return {
      {"normalise", "METHOD", "use METHOD for every indicator (forms: 'chiso score --help')"},
      {"aggregate", "METHOD", "use METHOD for every aggregate node (forms: 'chiso score --help')"},
  };
}

option_spec format_option(std::vector<std::string> formats, const std::string& help) {
  return {"format", "FMT", help, std::move(formats)};
}

option_spec out_option() {
  return {"out", "FILE", "write the result to FILE (atomically) instead of stdout"};
}

option_spec digits_option() {
  return {"digits", "N", "round numbers to N decimals (0-15) for display only"};
}

std::vector<option_spec> output_options(std::vector<std::string> formats,
                                        const std::string& format_help) {
  return {format_option(std::move(formats), format_help), out_option(), digits_option()};
}

std::vector<option_spec> options(std::initializer_list<std::vector<option_spec>> parts) {
  std::vector<option_spec> out;
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

} // namespace chiso::cli
