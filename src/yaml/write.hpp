#pragma once
// src/yaml/write.hpp — private to the compiled writers: scalars, flow maps and flow lists as
// a spec file writes them, so that reading them back gives the same values.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::io::yaml {

/// A double-quoted YAML scalar: `"` `\` and control characters escaped, UTF-8 as is.
std::string yaml_string(std::string_view s);
/// An id or key: plain when it reads back as the same text, else quoted.
std::string id_text(std::string_view s);
/// `{k: v, ...}`.
std::string flow_map(const std::vector<std::pair<std::string, std::string>>& kv);
/// `[a, b, ...]`.
std::string flow_list(const std::vector<std::string>& items);
/// The shortest text that reads back to `x`; throws usage_error ("write_spec: <what> is not a
/// finite number") for inf or NaN.
std::string finite_text(double x, std::string_view what);

} // namespace chiso::io::yaml
