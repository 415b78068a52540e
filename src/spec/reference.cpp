// The parameter reference of docs/spec.md and `chiso methods`: the catalogue of the declared
// parameters (io/catalogue.hpp) as Markdown tables.
#include "chiso/io/catalogue.hpp"
#include "chiso/io/spec.hpp"

#include <sstream>

namespace chiso::io {

namespace {

std::string markdown_cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2)
    s.replace(i, 1, "\\|");
  return s;
}

void markdown_table(std::ostream& o, const std::vector<method_info>& methods, const char* title,
                    const char* what, const std::vector<parameter_info>& common = {}) {
  o << "### " << title << "\n\n";
  o << "| " << what << " | parameter | default | allowed | meaning |\n";
  o << "|---|---|---|---|---|\n";
  auto row = [&](const std::string& key, const parameter_info& p) {
    o << "| | `" << key << "` | " << markdown_cell(p.default_text) << " | "
      << markdown_cell(p.allowed) << " | " << markdown_cell(p.doc) << " |\n";
  };
  for (const auto& m : methods) {
    o << "| `" << m.name << "` | | | | " << markdown_cell(m.summary) << " |\n";
    for (const auto& p : m.parameters) {
      row(p.key, p);
      for (const auto& f : p.fields)
        row(p.key + "[]." + f.key, f);
    }
  }
  if (!common.empty()) o << "| any " << what << " | | | | beside the " << what << "'s own |\n";
  for (const auto& p : common)
    row(p.key, p);
  o << "\n";
}

} // namespace

std::string parameter_reference() {
  const auto& c = built_in_methods();
  std::ostringstream o;
  markdown_table(o, c.normalisations, "Normalisations and point rules (an indicator's `method`)",
                 "method");
  markdown_table(o, c.aggregations, "Aggregations (a node's `method`)", "aggregation");
  markdown_table(o, c.weights, "Weights rules (a node's `weights: {type: ...}`)", "rule");
  markdown_table(o, c.imputations, "Imputation (`impute: {method: ...}`)", "method",
                 c.imputation_common);
  markdown_table(o, c.treatments, "Outlier treatment (`treat: {method: ...}`)", "method");
  return o.str();
}

} // namespace chiso::io
