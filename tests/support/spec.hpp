#pragma once
// tests/support/spec.hpp -- shared by the spec tests (tests/io/spec_*_test.cpp): the message
// of a spec that fails to read, and framework equality (every field, every method parameter;
// origins ignored) for the write -> read round trips.

#include "chiso/io/spec.hpp"
#include "chiso/param.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>

namespace chiso_test::spec_support {

using namespace chiso;

inline const std::filesystem::path data_dir =
    std::filesystem::path(CHISO_SOURCE_DIR) / "tests/data/spec";

/// The message of the input_error thrown by parsing `text` as "t.yaml".
inline std::string error_of(std::string_view text) {
  try {
    (void)io::parse_spec(text, "t.yaml");
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

inline std::string file_error_of(const std::filesystem::path& p) {
  try {
    (void)io::read_spec(p);
  } catch (const input_error& e) {
    return e.what();
  }
  return "(no error)";
}

// ---- framework equality (every field, every method parameter; origins ignored) ----------

template <class Variant> bool same_alternative(const Variant& a, const Variant& b) {
  if (a.index() != b.index()) return false;
  return std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        return param::equal(x, std::get<T>(b));
      },
      a);
}

inline void expect_same_targets(const std::vector<time::tracked_target>& a,
                                const std::vector<time::tracked_target>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].goal.value, b[k].goal.value);
    EXPECT_EQ(a[k].goal.deadline, b[k].goal.deadline);
    EXPECT_EQ(a[k].goal.baseline, b[k].goal.baseline);
    EXPECT_EQ(a[k].of, b[k].of);
    EXPECT_EQ(a[k].options.direction, b[k].options.direction);
    EXPECT_EQ(a[k].options.cap, b[k].options.cap);
    EXPECT_EQ(a[k].options.projection, b[k].options.projection);
    EXPECT_EQ(a[k].options.min_observations, b[k].options.min_observations);
  }
}

inline void expect_same(const framework& a, const framework& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.root, b.root);
  EXPECT_EQ(a.display_decimals, b.display_decimals);
  EXPECT_EQ(a.scaling, b.scaling);
  EXPECT_EQ(a.ranking.options.method, b.ranking.options.method);
  EXPECT_EQ(a.ranking.options.order, b.ranking.options.order);
  EXPECT_EQ(a.ranking.options.round_to, b.ranking.options.round_to);
  EXPECT_EQ(a.ranking.group_by, b.ranking.group_by);
  ASSERT_EQ(a.bands.size(), b.bands.size());
  for (std::size_t k = 0; k < a.bands.size(); ++k) {
    EXPECT_EQ(a.bands[k].label, b.bands[k].label);
    EXPECT_EQ(a.bands[k].min, b.bands[k].min);
  }
  ASSERT_EQ(a.indicators.size(), b.indicators.size());
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto &x = a.indicators[k], &y = b.indicators[k];
    SCOPED_TRACE("indicator " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.unit, y.unit);
    EXPECT_EQ(x.direction, y.direction);
    EXPECT_EQ(x.lower, y.lower);
    EXPECT_EQ(x.upper, y.upper);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.points, y.points);
    EXPECT_EQ(x.column, y.column);
    EXPECT_EQ(x.denominator, y.denominator);
    EXPECT_EQ(x.scale, y.scale);
    EXPECT_EQ(x.transform, y.transform);
    EXPECT_EQ(x.if_zero_denominator, y.if_zero_denominator);
    EXPECT_EQ(x.if_missing_denominator, y.if_missing_denominator);
    EXPECT_EQ(x.valid_min, y.valid_min);
    EXPECT_EQ(x.valid_max, y.valid_max);
    EXPECT_TRUE(x.merge == y.merge);
    expect_same_targets(x.targets, y.targets);
    EXPECT_TRUE(same_alternative(x.method, y.method))
        << name_of(x.method) << " vs " << name_of(y.method);
  }
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (std::size_t k = 0; k < a.nodes.size(); ++k) {
    const auto &x = a.nodes[k], &y = b.nodes[k];
    SCOPED_TRACE("node " + x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.min_coverage, y.min_coverage);
    EXPECT_EQ(x.cap, y.cap);
    expect_same_targets(x.targets, y.targets);
    EXPECT_TRUE(same_alternative(x.aggregation, y.aggregation));
    ASSERT_EQ(x.weights_from.has_value(), y.weights_from.has_value());
    if (x.weights_from) {
      EXPECT_TRUE(same_alternative(*x.weights_from, *y.weights_from));
    }
    ASSERT_EQ(x.children.size(), y.children.size());
    for (std::size_t c = 0; c < x.children.size(); ++c) {
      EXPECT_EQ(x.children[c].id, y.children[c].id);
      EXPECT_EQ(x.children[c].weight, y.children[c].weight);
    }
  }
}

inline framework round_trip(const framework& f, std::string* text = nullptr) {
  std::ostringstream out;
  io::write_spec(out, f);
  if (text) *text = out.str();
  return io::parse_spec(out.str(), "written.yaml");
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

} // namespace chiso_test::spec_support
