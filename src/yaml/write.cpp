#include "write.hpp"

#include "text.hpp"

#include "chiso/error.hpp"

#include <charconv>
#include <cmath>

namespace chiso::io::yaml {

std::string finite_text(double x, std::string_view what) {
  if (!std::isfinite(x))
    throw usage_error("write_spec: " + std::string(what) + " is not a finite number");
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  (void)ec;
  return std::string(buf, p);
}

std::string yaml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (u < 0x20 || u == 0x7F) {
      static const char hex[] = "0123456789ABCDEF";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else
      out += c;
  }
  return out + "\"";
}

std::string id_text(std::string_view s) {
  const bool plain = yaml_text::valid_id(s) && s.front() != '-' && s.front() != '.' &&
                     s != "null" && s != "Null" && s != "NULL";
  return plain ? std::string(s) : yaml_string(s);
}

std::string flow_map(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string out = "{";
  for (std::size_t k = 0; k < kv.size(); ++k)
    out += (k ? ", " : "") + kv[k].first + ": " + kv[k].second;
  return out + "}";
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t k = 0; k < items.size(); ++k)
    out += (k ? ", " : "") + items[k];
  return out + "]";
}

} // namespace chiso::io::yaml
