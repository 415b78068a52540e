#pragma once
// src/spec/fragments.hpp — private to the compiled readers: the parts of a spec file that are
// read (and written) on their own — one method, aggregation, weights rule, imputation or
// treatment — from a YAML node, with the one reader (src/yaml/reader.hpp). The spec reader,
// the uncertain-choices reader and the public text fragment readers (io/spec.hpp) use them.

#include "../yaml/declared.hpp"
#include "../yaml/reader.hpp"

#include "chiso/framework.hpp"
#include "chiso/io/spec.hpp"
#include "chiso/method.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace chiso::io::fragment {

using namespace yaml;

std::optional<method> read_method(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                  std::string_view where);
std::optional<aggregation> read_aggregation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where);
std::optional<weight_rule> read_weight_rule(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where);
/// `impute:` — a method name (`column_mean`, ...) or a map {method, group, fallback, EM settings}.
std::optional<imputation> read_imputation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                          const std::string& where = "impute");
/// `periods: impute:` — carry_forward or interpolate, or a map {method, max_gap}.
std::optional<panel_imputation> read_panel_imputation(reader& r, const YAML::Node& v,
                                                      const YAML::Mark& m);
/// `treat:` (framework or indicator) — a method name or a map {method, settings}.
std::optional<treatment> read_treatment(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                        const std::string& where);

/// `{impute: ..., treat: ...}` (either absent, null or `none`).
std::optional<preparation> read_preparation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where);

/// A method, aggregation or weights rule as written: its name and its parameters (those
/// differing from the defaults).
struct written_method {
  std::string name;
  written_params params;
};
/// Throw usage_error for a custom method or aggregation (a spec file cannot express them).
written_method describe_method(const method& m, const std::string& id);
written_method describe_aggregation(const aggregation& a, const std::string& id);
written_method describe_weight_rule(const weight_rule& rule);
/// `impute:` and `treat:` as flow maps.
std::string imputation_text(const imputation& x);
std::string treatment_text(const treatment& t);

/// `key: ...` (a name, a flow map, or a block map when long or holding lists) at `indent`.
void write_method(std::ostream& out, const written_method& w, const std::string& indent,
                  std::string_view key = "method");

} // namespace chiso::io::fragment
