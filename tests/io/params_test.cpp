// Declared parameters (chiso/param.hpp) and what derives from them: for every parameter of every
// built-in method, aggregation and weights rule, a value other than the default survives the
// spec writer and reader and the CLI shorthand; the fragment readers report real positions;
// docs/spec.md holds the generated parameter reference. A parameter added to a method's
// declaration is covered here without touching this file.

#include "chiso/io/overrides.hpp"
#include "chiso/io/spec.hpp"
#include "chiso/param.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::params_test {

namespace {

using namespace chiso;
using ::testing::HasSubstr;

/// Sets field `f` of `x` to a value other than its default that `x` accepts (its range, its
/// choices, its combination rule); false when none of the candidates fits.
template <class T, class F> bool set_other(T& x, const F& f) {
  using V = typename F::value_type;
  const T d{};
  const V dv = f.of(d);
  auto try_value = [&](const V& v) {
    f.of(x) = v;
    if (param::same(v, dv) || !param::problem(x).empty()) {
      f.of(x) = dv;
      return false;
    }
    return true;
  };
  if constexpr (F::choice_count > 0) {
    for (const auto& c : f.choices)
      if (try_value(c.value)) return true;
    return false;
  } else if constexpr (std::is_same_v<V, bool>) {
    return try_value(!dv);
  } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, std::optional<double>>) {
    double base = 0;
    if constexpr (std::is_same_v<V, double>) base = dv;
    for (double v : {base + 1, base - 1, base + 0.5, base - 0.5, 0.25, 0.75, 50.0, -1.0, 1.0})
      if (f.limits.contains(v) && try_value(V(v))) return true;
    return false;
  } else if constexpr (std::is_same_v<V, std::size_t>) {
    return try_value(dv + 1);
  } else if constexpr (std::is_same_v<V, std::string>) {
    return try_value(std::string("tên \"x\""));
  } else if constexpr (param::is_vector<V>::value && param::declared<typename V::value_type>) {
    typename V::value_type item{};
    bool ok = true;
    param::for_each<typename V::value_type>([&](const auto& g) { ok = set_other(item, g) && ok; });
    return ok && try_value(V{item});
  } else { // a list of numbers
    const bool finite = std::isfinite(f.limits.lo) && std::isfinite(f.limits.hi);
    const double lo = finite ? f.limits.lo : 1.0, span = finite ? f.limits.hi - f.limits.lo : 4.0;
    std::vector<double> v{lo + span / 4, lo + span / 2};
    if constexpr (std::is_same_v<V, std::vector<double>>)
      return try_value(v);
    else
      return try_value(Eigen::Map<const Eigen::VectorXd>(v.data(), 2));
  }
}

std::string number_text(double x) {
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
}

/// Runs `check(T{}, field)` for every declared field of every alternative of Variant.
template <class Variant, class Check> int for_every_parameter(Check&& check) {
  int n = 0;
  param::for_each_alternative<Variant>([&](const auto& a) {
    using T = std::decay_t<decltype(a)>;
    param::for_each<T>([&](const auto& f) {
      ++n;
      check(a, f);
    });
  });
  return n;
}

TEST(params, every_method_parameter_survives_the_writer_and_reader) {
  const int n = for_every_parameter<method>([](const auto& a, const auto& f) {
    using T = std::decay_t<decltype(a)>;
    T x{};
    ASSERT_TRUE(set_other(x, f)) << T::name << "." << f.key;
    const std::string text = io::method_text(x);
    EXPECT_THAT(text, HasSubstr(std::string(f.key) + ": ")) << text;
    const method y = io::parse_method(text, "m");
    ASSERT_TRUE(std::holds_alternative<T>(y)) << text;
    EXPECT_TRUE(param::equal(std::get<T>(y), x)) << text;
    EXPECT_FALSE(param::same(f.of(std::get<T>(y)), f.of(T{}))) << text;
  });
  EXPECT_GE(n, 20); // 25 today: the loop did run over the declarations
}

TEST(params, every_aggregation_parameter_survives_the_writer_and_reader) {
  const int n = for_every_parameter<aggregation>([](const auto& a, const auto& f) {
    using T = std::decay_t<decltype(a)>;
    T x{};
    ASSERT_TRUE(set_other(x, f)) << T::name << "." << f.key;
    const std::string text = io::aggregation_text(x);
    const aggregation y = io::parse_aggregation(text, "a");
    ASSERT_TRUE(std::holds_alternative<T>(y)) << text;
    EXPECT_TRUE(param::equal(std::get<T>(y), x)) << text;
    EXPECT_FALSE(param::same(f.of(std::get<T>(y)), f.of(T{}))) << text;
  });
  EXPECT_GE(n, 8);
}

TEST(params, every_weights_rule_parameter_survives_a_spec_file) {
  const int n = for_every_parameter<weight_rule>([](const auto& a, const auto& f) {
    using T = std::decay_t<decltype(a)>;
    T x{};
    ASSERT_TRUE(set_other(x, f)) << T::name << "." << f.key;
    framework fw;
    fw.id = "w";
    for (const char* id : {"a", "b"}) {
      indicator i;
      i.id = id;
      fw.indicators.push_back(i);
    }
    node r;
    r.id = "r";
    r.children = {{"a", 1}, {"b", 1}};
    r.weights_from = x;
    fw.nodes = {r};
    std::ostringstream out;
    io::write_spec(out, fw);
    const framework back = io::parse_spec(out.str(), "w.yaml");
    ASSERT_TRUE(back.nodes.at(0).weights_from) << out.str();
    const auto& y = *back.nodes.at(0).weights_from;
    ASSERT_TRUE(std::holds_alternative<T>(y)) << out.str();
    EXPECT_TRUE(param::equal(std::get<T>(y), x)) << out.str();
    EXPECT_FALSE(param::same(f.of(std::get<T>(y)), f.of(T{}))) << out.str();
  });
  EXPECT_GE(n, 5);
}

/// A one-indicator framework with `prep` as its imputation and treatment, through the spec
/// writer and reader.
framework prepared_back(const imputation* imp, const treatment* treat, std::string& text) {
  framework fw;
  fw.id = "p";
  indicator i;
  i.id = "x";
  fw.indicators.push_back(i);
  node r;
  r.id = "r";
  r.children = {{"x", 1}};
  fw.nodes = {r};
  if (imp) fw.impute = *imp;
  if (treat) fw.treat = *treat;
  std::ostringstream out;
  io::write_spec(out, fw);
  text = out.str();
  return io::parse_spec(text, "p.yaml");
}

TEST(params, every_imputation_and_treatment_parameter_survives_a_spec_file) {
  std::string text;
  const int n = for_every_parameter<imputation_method>([&](const auto& a, const auto& f) {
    using T = std::decay_t<decltype(a)>;
    T x{};
    if constexpr (requires { x.group; }) x.group = "region"; // required
    if (!f.required) {
      ASSERT_TRUE(set_other(x, f)) << T::name << "." << f.key;
    }
    const imputation imp{x, {}};
    const auto back = prepared_back(&imp, nullptr, text);
    ASSERT_TRUE(back.impute) << text;
    ASSERT_TRUE(std::holds_alternative<T>(back.impute->method)) << text;
    EXPECT_TRUE(param::equal(std::get<T>(back.impute->method), x)) << text;
  });
  EXPECT_GE(n, 7); // centre ×3, group, tolerance, max_iterations, impute_empty_rows
  // The fallback, beside any method.
  const imputation with_fallback{impute_by_row{impute::centre::median}, impute::centre::median};
  const auto back = prepared_back(&with_fallback, nullptr, text);
  EXPECT_THAT(text, HasSubstr("impute: {method: row_median, fallback: column_median}"));
  EXPECT_EQ(back.impute->fallback, impute::centre::median);

  const int m = for_every_parameter<treatment>([&](const auto& a, const auto& f) {
    using T = std::decay_t<decltype(a)>;
    T x{};
    ASSERT_TRUE(set_other(x, f)) << T::name << "." << f.key;
    const treatment t{x};
    const auto b = prepared_back(nullptr, &t, text);
    ASSERT_TRUE(b.treat) << text;
    EXPECT_THAT(text, HasSubstr(std::string(f.key) + ": ")) << text;
    ASSERT_TRUE(std::holds_alternative<T>(*b.treat)) << text;
    EXPECT_TRUE(param::equal(std::get<T>(*b.treat), x)) << text;
    EXPECT_FALSE(param::same(f.of(std::get<T>(*b.treat)), f.of(T{}))) << text;
  });
  EXPECT_GE(m, 12); // winmax 5, box_cox 4, quantile 4
}

TEST(params, a_choice_written_in_the_name_has_one_name_per_value) {
  // column_mean / column_median ... em: seven names for four methods (docs/spec.md).
  EXPECT_EQ(param::names_of<imputation_method>(),
            (std::vector<std::string>{"column_mean", "column_median", "group_mean", "group_median",
                                      "row_mean", "row_median", "em"}));
  const auto p = io::parse_preparation("{impute: row_median, treat: quantile}", "p");
  ASSERT_TRUE(p.impute && p.treat);
  EXPECT_EQ(std::get<impute_by_row>(p.impute->method).centre, impute::centre::median);
  // The centre is not a key of its own.
  try {
    (void)io::parse_preparation("{impute: {method: column_mean, centre: median}}", "p");
    ADD_FAILURE() << "no error";
  } catch (const input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown parameter 'centre'"));
  }
}

TEST(params, defaults_are_written_as_the_bare_name) {
  param::for_each_alternative<method>([](const auto& a) {
    if constexpr (
        !requires { a.grades; } && !requires { a.steps; }) { // required lists
      EXPECT_EQ(io::method_text(a), std::string(a.name));
    }
  });
  param::for_each_alternative<aggregation>(
      [](const auto& a) { EXPECT_EQ(io::aggregation_text(a), std::string(a.name)); });
}

/// The shorthand of `x`: its name, then every positional parameter in declaration order.
template <class T> std::string shorthand_of(const T& x) {
  std::string s(T::name);
  param::for_each<T>([&](const auto& f) {
    using F = std::decay_t<decltype(f)>;
    using V = typename F::value_type;
    if constexpr (F::choice_count > 0)
      s += ":" + std::string(f.name_of(f.of(x)));
    else if constexpr (std::is_same_v<V, bool>)
      s += f.of(x) ? ":true" : ":false";
    else if constexpr (std::is_same_v<V, double>)
      s += ":" + number_text(f.of(x));
  });
  return s;
}

TEST(params, shorthands_take_every_scalar_parameter_in_declaration_order) {
  int n = 0;
  auto check = [&](const auto& a, auto parse) {
    using T = std::decay_t<decltype(a)>;
    if constexpr (!requires { T::is_point_rule; }) {
      T x{};
      param::for_each<T>([&](const auto& f) {
        using V = typename std::decay_t<decltype(f)>::value_type;
        if constexpr (std::is_same_v<V, double> || std::is_same_v<V, bool>) set_other(x, f);
      });
      const auto text = shorthand_of(x);
      const auto y = parse(text);
      ASSERT_TRUE(std::holds_alternative<T>(y)) << text;
      param::for_each<T>([&](const auto& f) {
        using V = typename std::decay_t<decltype(f)>::value_type;
        if constexpr (std::is_same_v<V, double> || std::is_same_v<V, bool>) {
          EXPECT_TRUE(param::same(f.of(std::get<T>(y)), f.of(x))) << text << " " << f.key;
          ++n;
        }
      });
    }
  };
  param::for_each_alternative<method>([&](const auto& a) { check(a, io::parse_normalise); });
  param::for_each_alternative<aggregation>([&](const auto& a) { check(a, io::parse_aggregate); });
  EXPECT_GE(n, 10);
  // The help lists every form with its parameters, derived from the same declarations.
  EXPECT_THAT(io::normalise_forms(), HasSubstr("minmax[:LO[:HI[:CLAMP]]]"));
  EXPECT_THAT(io::normalise_forms(), HasSubstr("prank[:coinr|handbook]"));
  EXPECT_THAT(io::aggregate_forms(), HasSubstr("genmean:P "));
  // A value outside a declared range is refused with the range.
  try {
    (void)io::parse_normalise("zscore:0:-1");
    ADD_FAILURE() << "no error";
  } catch (const io::shorthand_error& e) {
    EXPECT_EQ(e.reason(), "z_score needs sd > 0");
  }
}

TEST(params, fragments_are_read_with_their_own_positions) {
  // {type: min_max, low: 0}: 'low' starts at column 17 (counted by hand).
  auto message = [](auto parse, std::string_view text) {
    try {
      (void)parse(text, "frag");
    } catch (const input_error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(message(io::parse_method, "{type: min_max, low: 0}"),
            "frag:1:17: method 'min_max': unknown parameter 'low' (allowed: type, lo, hi, "
            "clamp); did you mean 'lo'?");
  // Line 2, column 5: the value of sd.
  EXPECT_EQ(message(io::parse_method, "type: z_score\nsd: -2\n"),
            "frag:2:5: method 'z_score': 'sd': must be > 0, got -2");
  EXPECT_EQ(message(io::parse_method, "{type: min_max, lo: 1, hi: 1}"),
            "frag:1:1: method 'min_max': min_max needs hi > lo");
  EXPECT_EQ(message(io::parse_aggregation, "genmean"),
            "frag:1:1: unknown aggregation 'genmean' (known: arithmetic_mean, sum, "
            "geometric_mean, harmonic_mean, generalised_mean, minimum, copeland, "
            "mazziotta_pareto, adjusted_mazziotta_pareto, benefit_of_the_doubt)");
  EXPECT_THAT(message(io::parse_preparation, "{impute: column_mean, treat: {method: box_cox}}"),
              HasSubstr("frag:1:30: treat: method 'box_cox': missing required key 'lambda'"));

  const auto g = io::parse_aggregation("{type: generalised_mean, p: 0.5}", "frag");
  EXPECT_EQ(std::get<aggregate::generalised_mean>(g).p, 0.5);
  const auto p = io::parse_preparation("{impute: column_median, treat: none}", "frag");
  ASSERT_TRUE(p.impute);
  EXPECT_FALSE(p.treat);
  EXPECT_TRUE(std::holds_alternative<impute_by_column>(p.impute->method));
}

TEST(params, docs_hold_the_generated_parameter_reference) {
  std::ifstream in(std::filesystem::path(CHISO_SOURCE_DIR) / "docs/spec.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const std::string begin = "<!-- parameters: generated by io::parameter_reference() -->\n";
  const std::string end = "<!-- parameters: end -->";
  const auto b = doc.find(begin), e = doc.find(end);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()), io::parameter_reference())
      << "regenerate the block from `chiso methods`";
}

TEST(params, a_value_no_spec_can_name_is_refused_by_the_writer) {
  // difference_from has no 'best' reference (validate() rejects it); writing it must not
  // produce an empty `reference:` that would read back as something else.
  normalise::difference_from m;
  m.reference = normalise::reference::best;
  try {
    (void)io::method_text(m);
    ADD_FAILURE() << "no error";
  } catch (const usage_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("'reference' holds a value a spec file cannot name"));
  }
}

TEST(params, ranges_read_as_written) {
  EXPECT_EQ(param::above(0).text(), "> 0");
  EXPECT_EQ(param::at_least(1.5).text(), ">= 1.5");
  EXPECT_EQ(param::inside(0, 100).text(), "in (0, 100)");
  EXPECT_EQ(param::between(0, 1).text(), "in [0, 1]");
  EXPECT_EQ((param::range{0, 1, false, true}.text()), "in [0, 1)");
  EXPECT_EQ(param::either(-1, 1).text(), "-1 or 1");
  EXPECT_TRUE(param::either(-1, 1).contains(1));
  EXPECT_FALSE(param::either(-1, 1).contains(0));
  EXPECT_FALSE(param::above(0).contains(0));
  EXPECT_TRUE(param::at_least(0).contains(0));
}

} // namespace

} // namespace chiso_test::params_test
