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
            const char* what, const std::vector<parameter_info>& common = {}) {
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
  if (!common.empty()) o << "| any " << what << " | | | | beside the " << what << "'s own |\n";
  for (const auto& p : common)
    o << "| | `" << p.key << "` | " << md_cell(p.default_text) << " | " << md_cell(p.allowed)
      << " | " << md_cell(p.doc) << " |\n";
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

// Checked by hand against prepare_rules.hpp, impute/em.hpp and treat/winmax.hpp: one entry
// per name (column_mean, column_median), the centre in the name and not a key, the fallback
// beside any method.
TEST(catalogue, imputation_and_treatment_entries) {
  const auto& c = chiso::io::built_in_methods();
  ASSERT_EQ(c.imputations.size(), 7u);
  EXPECT_EQ(c.imputations[1].name, "column_median");
  EXPECT_TRUE(c.imputations[1].parameters.empty());
  const auto& g = find(c.imputations, "group_median");
  ASSERT_EQ(g.parameters.size(), 1u);
  EXPECT_TRUE(param(g, "group").required);
  const auto& em = find(c.imputations, "em");
  EXPECT_EQ(std::get<double>(param(em, "tolerance").default_value), 1e-8);
  EXPECT_EQ(std::get<std::uint64_t>(param(em, "max_iterations").default_value), 1000u);
  EXPECT_EQ(param(em, "max_iterations").range, ">= 1");
  ASSERT_EQ(c.imputation_common.size(), 1u);
  EXPECT_EQ(c.imputation_common[0].key, "fallback");
  EXPECT_EQ(c.imputation_common[0].default_text, "none");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(c.imputation_common[0].default_value));
  const auto& w = find(c.treatments, "winmax");
  EXPECT_EQ(param(w, "log").choices, (std::vector<std::string>{"skew_sign", "positive", "none"}));
  EXPECT_EQ(std::get<double>(param(w, "kurtosis").default_value), 3.5);
  EXPECT_TRUE(param(find(c.treatments, "box_cox"), "lambda").required);
  EXPECT_EQ(param(find(c.treatments, "quantile"), "upper").range, "in [0, 1]");
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
  render(o, c.imputations, "Imputation (`impute: {method: ...}`)", "method", c.imputation_common);
  render(o, c.treatments, "Outlier treatment (`treat: {method: ...}`)", "method");
  EXPECT_EQ(o.str(), chiso::io::parameter_reference());
}

} // namespace chiso_test::catalogue_test
