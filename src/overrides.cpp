// CLI shorthands (`minmax:0:100`): every form, parameter, check and help line derives from the
// methods' declared parameters (chiso/param.hpp); only the short aliases are listed here.
#include "chiso/io/overrides.hpp"

#include "chiso/param.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chiso::io {

namespace {

/// Other names of methods in shorthands (alias, spec name).
constexpr std::pair<std::string_view, std::string_view> normalise_aliases[] = {
    {"minmax", "min_max"},          {"zscore", "z_score"},
    {"prank", "percentile_rank"},   {"dist2target", "distance_to_target"},
    {"fracmax", "fraction_of_max"}, {"ratio", "ratio_to"}};
constexpr std::pair<std::string_view, std::string_view> aggregate_aliases[] = {
    {"amean", "arithmetic_mean"},
    {"gmean", "geometric_mean"},
    {"hmean", "harmonic_mean"},
    {"genmean", "generalised_mean"},
    {"weighted_sum", "sum"},
    {"min", "minimum"},
    {"bod", "benefit_of_the_doubt"},
    {"mpi", "mazziotta_pareto"},
    {"ampi", "adjusted_mazziotta_pareto"}};

struct shorthand_problem {
  std::string what;
};

std::vector<std::string> split_colon(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto c = text.find(':', start);
    parts.emplace_back(text.substr(start, c == std::string_view::npos ? text.npos : c - start));
    if (c == std::string_view::npos) break;
    start = c + 1;
  }
  return parts;
}

template <class V> struct positional : std::false_type {};
template <> struct positional<double> : std::true_type {};
template <> struct positional<bool> : std::true_type {};
template <> struct positional<std::optional<double>> : std::true_type {};

/// Whether field F can be given positionally (a number, boolean or choice).
template <class F> constexpr bool is_positional() {
  using V = typename F::value_type;
  return F::choice_count > 0 || positional<V>::value;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

double number(const std::string& s, std::string_view key) {
  double v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  if (!s.empty() && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (s.empty() || ec != std::errc() || p != e || !std::isfinite(v))
    throw shorthand_problem{std::string(key) + " must be a finite number, got '" + s + "'"};
  return v;
}

bool boolean(const std::string& s, std::string_view key) {
  if (s == "true" || s == "1" || s == "yes") return true;
  if (s == "false" || s == "0" || s == "no") return false;
  throw shorthand_problem{std::string(key) + " must be true or false, got '" + s + "'"};
}

/// Sets field `f` of `x` from the text `s`, checking its choices and range.
template <class T, class F> void set(T& x, const F& f, const std::string& s) {
  using V = typename F::value_type;
  if constexpr (F::choice_count > 0) {
    std::string names;
    for (std::size_t i = 0; i < f.choices.size(); ++i) {
      if (f.choices[i].name == s) {
        f.of(x) = f.choices[i].value;
        return;
      }
      names += std::string(i == 0                      ? ""
                           : i + 1 == f.choices.size() ? " or "
                                                       : ", ") +
               std::string(f.choices[i].name);
    }
    throw shorthand_problem{std::string(f.key) + " must be " + names + ", got '" + s + "'"};
  } else if constexpr (std::is_same_v<V, bool>) {
    f.of(x) = boolean(s, f.key);
  } else {
    const double v = number(s, f.key);
    if (!f.limits.contains(v))
      throw shorthand_problem{std::string(T::name) + " needs " + std::string(f.key) + " " +
                              f.limits.text()};
    f.of(x) = v;
  }
}

/// `name` (or its alias) with positional parameters `p[1...]`, as a value of Variant.
template <class Variant, std::size_t N>
Variant read(const std::vector<std::string>& p,
             const std::pair<std::string_view, std::string_view> (&aliases)[N], const char* kind) {
  std::string_view name = p[0];
  for (const auto& [alias, full] : aliases)
    if (alias == name) name = full;
  std::optional<Variant> out;
  param::for_each_alternative<Variant>([&](auto x) {
    using T = decltype(x);
    if (out || T::name != name) return;
    if constexpr (requires { T::is_point_rule; }) {
      throw shorthand_problem{"point rules cannot replace every indicator's method (they need "
                              "each indicator's points); edit the spec instead"};
    } else {
      std::size_t k = 1, count = 0;
      param::for_each<T>([&](const auto& f) {
        if constexpr (is_positional<std::decay_t<decltype(f)>>()) {
          ++count;
          if (k < p.size())
            set(x, f, p[k++]);
          else if (f.required || f.required_in_shorthand)
            throw shorthand_problem{"'" + p[0] + "' needs " + std::string(f.key) + ": " + p[0] +
                                    ":" + upper(f.key)};
        }
      });
      if (p.size() - 1 > count)
        throw shorthand_problem{"'" + p[0] + "' takes at most " + std::to_string(count) +
                                " parameter" + (count == 1 ? "" : "s") + ", got " +
                                std::to_string(p.size() - 1)};
      if (auto problem = param::problem(x); !problem.empty()) throw shorthand_problem{problem};
      out = x;
    }
  });
  if (!out) throw shorthand_problem{"unknown " + std::string(kind) + " '" + p[0] + "'"};
  return *out;
}

/// One line per method: `alias[:P1[:P2]]  summary; also name`.
template <class Variant, std::size_t N>
std::string forms(const std::pair<std::string_view, std::string_view> (&aliases)[N]) {
  std::vector<std::pair<std::string, std::string>> lines;
  param::for_each_alternative<Variant>([&](auto x) {
    using T = decltype(x);
    if constexpr (!requires { T::is_point_rule; }) {
      std::string_view shown = T::name, also;
      for (const auto& [alias, full] : aliases)
        if (full == T::name) { // the shorter name first
          shown = alias.size() < full.size() ? alias : full;
          also = alias.size() < full.size() ? full : alias;
        }
      std::string form(shown), closing;
      param::for_each<T>([&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (is_positional<F>()) {
          std::string p;
          if constexpr (F::choice_count > 0)
            for (const auto& c : f.choices)
              p += (p.empty() ? "" : "|") + std::string(c.name);
          else
            p = upper(f.key);
          if (f.required || f.required_in_shorthand) {
            form += ":" + p;
          } else {
            form += "[:" + p;
            closing += "]";
          }
        }
      });
      std::string text(T::summary);
      if (!also.empty()) text += "; also " + std::string(also);
      lines.emplace_back(form + closing, text);
    }
  });
  // Forms in a column of at most 28 characters, descriptions wrapped at 96.
  std::size_t width = 0;
  for (const auto& l : lines)
    width = std::max(width, l.first.size());
  width = std::min<std::size_t>(width, 28);
  const std::size_t indent = 2 + width + 2, limit = 96;
  std::string out;
  for (const auto& [form, text] : lines) {
    out += "  " + form;
    std::size_t col = 2 + form.size();
    if (form.size() > width) {
      out += "\n";
      col = 0;
    }
    out += std::string(indent - col, ' ');
    col = indent;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      const std::string word = text.substr(start, end - start);
      if (col > indent && col + 1 + word.size() > limit) {
        out += "\n" + std::string(indent, ' ');
        col = indent;
      } else if (col > indent) {
        out += ' ';
        ++col;
      }
      out += word;
      col += word.size();
      start = end + 1;
    }
    out += "\n";
  }
  return out;
}

} // namespace

std::string normalise_forms() {
  return forms<chiso::method>(normalise_aliases);
}

std::string aggregate_forms() {
  return forms<chiso::aggregation>(aggregate_aliases);
}

chiso::method parse_normalise(std::string_view text) {
  try {
    if (text.empty()) throw shorthand_problem{"empty method"};
    return read<chiso::method>(split_colon(text), normalise_aliases, "normalisation");
  } catch (const shorthand_problem& e) {
    throw shorthand_error("normalisation", std::string(text), e.what, normalise_forms());
  }
}

chiso::aggregation parse_aggregate(std::string_view text) {
  try {
    if (text.empty()) throw shorthand_problem{"empty method"};
    return read<chiso::aggregation>(split_colon(text), aggregate_aliases, "aggregation");
  } catch (const shorthand_problem& e) {
    throw shorthand_error("aggregation", std::string(text), e.what, aggregate_forms());
  }
}

void override_normalise(framework& f, const chiso::method& m) {
  for (auto& i : f.indicators)
    i.method = m;
}

void override_aggregate(framework& f, const chiso::aggregation& a) {
  for (auto& n : f.nodes)
    n.aggregation = a;
}

} // namespace chiso::io
