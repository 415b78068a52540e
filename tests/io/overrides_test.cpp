// Method shorthands (io/overrides.hpp): each form read into the method's fields, the defaults
// when parameters are left out, and every kind of mistake named with the accepted forms.

#include "chiso/io/overrides.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace chiso_test::overrides_test {

namespace {

using namespace chiso;

/// The shorthand_error of parsing `text` as a normalisation (or aggregation).
io::shorthand_error normalise_error(std::string_view text) {
  try {
    (void)io::parse_normalise(text);
  } catch (const io::shorthand_error& e) {
    return e;
  }
  return io::shorthand_error("normalisation", std::string(text), "(no error)", "");
}

io::shorthand_error aggregate_error(std::string_view text) {
  try {
    (void)io::parse_aggregate(text);
  } catch (const io::shorthand_error& e) {
    return e;
  }
  return io::shorthand_error("aggregation", std::string(text), "(no error)", "");
}

TEST(overrides, min_max_parameters_in_field_order) {
  const auto m = std::get<normalise::min_max>(io::parse_normalise("minmax:0:100:true"));
  EXPECT_EQ(m.lo, 0.0);
  EXPECT_EQ(m.hi, 100.0);
  EXPECT_TRUE(m.clamp);
  // Left out: the method's defaults (min-max to [0, 1]); the full name works too.
  const auto d = std::get<normalise::min_max>(io::parse_normalise("min_max"));
  EXPECT_EQ(d.lo, normalise::min_max{}.lo);
  EXPECT_EQ(d.hi, normalise::min_max{}.hi);
}

TEST(overrides, other_normalisations) {
  const auto z = std::get<normalise::z_score>(io::parse_normalise("zscore:10:+2"));
  EXPECT_EQ(z.mean, 10.0);
  EXPECT_EQ(z.sd, 2.0);
  EXPECT_TRUE(std::holds_alternative<normalise::percentile_rank>(io::parse_normalise("prank")));
  EXPECT_EQ(
      std::get<normalise::percentile_rank>(io::parse_normalise("percentile_rank:handbook")).formula,
      normalise::percentile_formula::handbook);
  EXPECT_EQ(std::get<normalise::ratio_to>(io::parse_normalise("ratio:worst")).reference,
            normalise::reference::worst);
  EXPECT_TRUE(std::get<normalise::goalposts>(io::parse_normalise("goalposts:100:yes")).log);
}

TEST(overrides, aggregations) {
  EXPECT_TRUE(std::holds_alternative<aggregate::geometric_mean>(io::parse_aggregate("gmean")));
  EXPECT_TRUE(std::holds_alternative<aggregate::minimum>(io::parse_aggregate("minimum")));
  EXPECT_EQ(std::get<aggregate::generalised_mean>(io::parse_aggregate("genmean:0.5")).p, 0.5);
  EXPECT_TRUE(std::holds_alternative<aggregate::copeland>(io::parse_aggregate("copeland")));
  EXPECT_TRUE(std::holds_alternative<aggregate::benefit_of_the_doubt>(io::parse_aggregate("bod")));
  EXPECT_EQ(std::get<aggregate::mazziotta_pareto>(io::parse_aggregate("mpi")).penalty_sign, -1.0);
  EXPECT_EQ(std::get<aggregate::mazziotta_pareto>(io::parse_aggregate("mpi:1")).penalty_sign, 1.0);
  EXPECT_TRUE(std::holds_alternative<aggregate::adjusted_mazziotta_pareto>(
      io::parse_aggregate("adjusted_mazziotta_pareto")));
  EXPECT_THROW(io::parse_aggregate("ampi:0.5"), io::shorthand_error);
}

TEST(overrides, mistakes_name_text_reason_and_forms) {
  auto e = normalise_error("minmux:0:1");
  EXPECT_EQ(e.text(), "minmux:0:1");
  EXPECT_EQ(e.reason(), "unknown normalisation 'minmux'");
  EXPECT_EQ(e.forms(), io::normalise_forms());
  EXPECT_EQ(std::string(e.what()), "normalisation 'minmux:0:1': unknown normalisation 'minmux'; "
                                   "accepted forms:\n" +
                                       io::normalise_forms());
  EXPECT_EQ(normalise_error("zscore:10:x").reason(), "sd must be a finite number, got 'x'");
  EXPECT_EQ(normalise_error("zscore:10:0").reason(), "z_score needs sd > 0");
  EXPECT_EQ(normalise_error("minmax:1:1").reason(), "min_max needs hi > lo");
  EXPECT_EQ(normalise_error("rank:1").reason(), "'rank' takes at most 0 parameters, got 1");
  EXPECT_EQ(normalise_error("minmax:0:1:maybe").reason(),
            "clamp must be true or false, got 'maybe'");
  EXPECT_EQ(normalise_error("minmax:inf").reason(), "lo must be a finite number, got 'inf'");
  EXPECT_EQ(normalise_error("").reason(), "empty method");
  EXPECT_NE(normalise_error("binary").reason().find("point rules cannot replace"),
            std::string::npos);
  EXPECT_EQ(aggregate_error("genmean").reason(), "'genmean' needs p: genmean:P");
  EXPECT_EQ(aggregate_error("mean").reason(), "unknown aggregation 'mean'");
  EXPECT_EQ(aggregate_error("mean").forms(), io::aggregate_forms());
  // A shorthand_error is a usage_error.
  EXPECT_THROW((void)io::parse_aggregate("mean"), usage_error);
}

TEST(overrides, override_replaces_every_method_and_keeps_the_rest) {
  framework f;
  f.indicators = {indicator{}, indicator{}};
  f.indicators[0].id = "a";
  f.indicators[1].id = "b";
  f.indicators[1].direction = -1;
  node n;
  n.id = "r";
  n.children = {{"a", 2}, {"b", 1}};
  f.nodes = {n};
  io::override_normalise(f, normalise::rank{});
  io::override_aggregate(f, aggregate::minimum{});
  for (const auto& i : f.indicators)
    EXPECT_TRUE(std::holds_alternative<normalise::rank>(i.method));
  EXPECT_EQ(f.indicators[1].direction, -1);
  EXPECT_TRUE(std::holds_alternative<aggregate::minimum>(f.nodes[0].aggregation));
  EXPECT_EQ(f.nodes[0].children[0].weight, 2.0);
}

} // namespace

} // namespace chiso_test::overrides_test
