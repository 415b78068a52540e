// Tests for chiso/io/catalogue.hpp: entries checked by hand against the declarations
// (normalise/min_max.hpp, z_score.hpp, ratio_to.hpp), and the catalogue rendered as the
// parameter tables of docs/spec.md equals io::parameter_reference() (the same texts).

#include "chiso/io/catalogue.hpp"
#include "chiso/io/spec.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace chiso_test::catalogue_test {

namespace {

using chiso::io::method_info;
using chiso::io::parameter_info;

const method_info& find(const std::vector<method_info>& list, const std::string& name) {
  for (const auto& m : list)
    if (m.name == name) return m;
  throw std::runtime_error("no method " + name);
}

const parameter_info& param(const method_info& m, const std::string& key) {
  for (const auto& p : m.parameters)
    if (p.key == key) return p;
  throw std::runtime_error("no parameter " + key);
}

std::string md_cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2)
    s.replace(i, 1, "\\|");
  return s;
}

void render(std::ostream& o, const std::vector<method_info>& list, const char* title,
            const char* what) {
  o << "### " << title << "\n\n| " << what << " | parameter | default | allowed | meaning |\n"
    << "|---|---|---|---|---|\n";
  for (const auto& m : list) {
    o << "| `" << m.name << "` | | | | " << md_cell(m.summary) << " |\n";
    for (const auto& p : m.parameters) {
      o << "| | `" << p.key << "` | " << md_cell(p.default_text) << " | " << md_cell(p.allowed)
        << " | " << md_cell(p.doc) << " |\n";
      for (const auto& g : p.fields)
        o << "| | `" << p.key << "[]." << g.key << "` | " << md_cell(g.default_text) << " | "
          << md_cell(g.allowed) << " | " << md_cell(g.doc) << " |\n";
    }
  }
  o << "\n";
}

} // namespace

TEST(catalogue, min_max_declares_lo_hi_and_clamp) {
  const auto& c = chiso::io::built_in_methods();
  const auto& m = find(c.normalisations, "min_max");
  ASSERT_EQ(m.parameters.size(), 3u);
  EXPECT_EQ(param(m, "lo").type, "number");
  EXPECT_EQ(std::get<double>(param(m, "lo").default_value), 0.0);
  EXPECT_EQ(param(m, "lo").default_text, "0");
  EXPECT_EQ(std::get<double>(param(m, "hi").default_value), 1.0);
  EXPECT_EQ(std::get<bool>(param(m, "clamp").default_value), false);
  EXPECT_EQ(param(m, "clamp").type, "true or false");
  EXPECT_EQ(param(m, "lo").doc, "score of the worst unit");
  EXPECT_FALSE(param(m, "lo").required);
}

TEST(catalogue, ranges_and_choices) {
  const auto& c = chiso::io::built_in_methods();
  EXPECT_EQ(param(find(c.normalisations, "z_score"), "sd").range, "> 0");
  const auto& ref = param(find(c.normalisations, "ratio_to"), "reference");
  EXPECT_EQ(ref.choices, (std::vector<std::string>{"mean", "best", "worst"}));
  EXPECT_EQ(ref.type, "one of mean, best, worst");
  EXPECT_EQ(std::get<std::string>(ref.default_value), "best");
}

TEST(catalogue, every_kind_is_listed) {
  const auto& c = chiso::io::built_in_methods();
  EXPECT_NO_THROW(find(c.aggregations, "arithmetic_mean"));
  EXPECT_NO_THROW(find(c.weights, "pca"));
  EXPECT_EQ(&c, &chiso::io::built_in_methods()); // built once
}

TEST(catalogue, renders_as_the_parameter_reference) {
  const auto& c = chiso::io::built_in_methods();
  std::ostringstream o;
  render(o, c.normalisations, "Normalisations and point rules (an indicator's `method`)", "method");
  render(o, c.aggregations, "Aggregations (a node's `method`)", "aggregation");
  render(o, c.weights, "Weights rules (a node's `weights: {type: ...}`)", "rule");
  EXPECT_EQ(o.str(), chiso::io::parameter_reference());
}

} // namespace chiso_test::catalogue_test
