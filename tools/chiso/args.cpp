#include "args.hpp"

#include <chiso/io/quote.hpp>

#include <algorithm>

namespace chiso::cli {

namespace {

const option_spec* find_option(const command_spec& spec, std::string_view name) {
  for (const auto& o : spec.options)
    if (o.name == name) return &o;
  return nullptr;
}

std::string known_options(const command_spec& spec) {
  std::string out;
  for (const auto& o : spec.options)
    out += (out.empty() ? "--" : ", --") + o.name;
  return out.empty() ? "none" : out;
}

/// "a, b or c".
std::string one_of(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t k = 0; k < choices.size(); ++k)
    out += (k == 0 ? "" : k + 1 == choices.size() ? " or " : ", ") + choices[k];
  return out;
}

/// The value as the command sees it: a choice (an alias replaced by its choice), else `usage`.
std::string checked_choice(const command_spec& spec, const option_spec& o, std::string value) {
  if (o.choices.empty()) return value;
  if (std::find(o.choices.begin(), o.choices.end(), value) != o.choices.end()) return value;
  for (const auto& [alias, choice] : o.aliases)
    if (value == alias) return choice;
  const std::vector<std::string_view> allowed(o.choices.begin(), o.choices.end());
  throw usage(spec.name, "chiso " + spec.name + ": --" + o.name + " must be " + one_of(o.choices) +
                             ", got '" + value + "'" + io::did_you_mean(value, allowed));
}

} // namespace

parsed_args parse(const command_spec& spec, std::span<const std::string> args) {
  parsed_args out;
  for (const auto& a : args) {
    if (a == "--") break;
    if (a == "--help" || a == "-h") {
      out.help_ = true;
      return out;
    }
  }
  const std::string cmd = "chiso " + spec.name;
  bool only_positional = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& a = args[k];
    if (only_positional || a.size() < 2 || a[0] != '-' || a == "-") {
      out.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a.rfind("--", 0) != 0)
      throw usage(spec.name, cmd + ": unknown option '" + a +
                                 "' (options are long: " + known_options(spec) + ")");
    std::string name = a.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const option_spec* o = find_option(spec, name);
    if (!o)
      throw usage(spec.name, cmd + ": unknown option '--" + name +
                                 "' (accepted: " + known_options(spec) + ")");
    if (out.values_.count(name) && !o->repeatable)
      throw usage(spec.name, cmd + ": option '--" + name + "' given more than once");
    if (o->value_name.empty()) {
      if (value)
        throw usage(spec.name,
                    cmd + ": option '--" + name + "' takes no value (got '" + *value + "')");
      value = "";
    } else if (!value) {
      if (k + 1 >= args.size() || args[k + 1].rfind("--", 0) == 0)
        throw usage(spec.name,
                    cmd + ": option '--" + name + "' needs a value (" + o->value_name + ")");
      value = args[++k];
    }
    auto v = checked_choice(spec, *o, std::move(*value));
    out.all_[name].push_back(v);
    out.values_[name] = std::move(v);
  }
  const std::size_t want = spec.positional.size();
  if (out.positional_.size() != want) {
    std::string list;
    for (const auto& p : spec.positional)
      list += (list.empty() ? "" : " ") + p;
    if (want == 0)
      throw usage(spec.name, cmd + ": unexpected argument '" + out.positional_.front() + "'");
    throw usage(spec.name, cmd + ": expected " + std::to_string(want) + " argument" +
                               (want > 1 ? "s" : "") + " (" + list + "), got " +
                               std::to_string(out.positional_.size()));
  }
  return out;
}

std::string help_text(const command_spec& spec) {
  std::string out = "Usage: chiso " + spec.synopsis + "\n\n" + spec.summary + "\n";
  if (!spec.options.empty()) {
    out += "\nOptions:\n";
    std::size_t width = 0;
    auto label = [](const option_spec& o) {
      return "--" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    };
    for (const auto& o : spec.options)
      width = std::max(width, label(o).size());
    width = std::max<std::size_t>(width, 10);
    for (const auto& o : spec.options) {
      std::string l = label(o);
      out += "  " + l + std::string(width - l.size() + 2, ' ');
      // Continuation lines of the help text are indented under its first line.
      for (char c : o.help) {
        out += c;
        if (c == '\n') out += std::string(width + 4, ' ');
      }
      out += '\n';
    }
    out += "  --help" + std::string(width - 6 + 2, ' ') + "show this help and exit\n";
  }
  if (!spec.details.empty()) out += "\n" + spec.details;
  if (out.back() != '\n') out += '\n';
  return out;
}

} // namespace chiso::cli
