// robust::choices::problems: every rule, with the field and item it names.

#include "robust/fixture.hpp"

#include <chiso/robust/choices.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace chiso_test::choices_test {

namespace {

using namespace chiso;
using namespace chiso::robust;
using ::testing::HasSubstr;

TEST(robust_choices, a_valid_set_has_no_problems) {
  choices c;
  c.add("w", weight_choice{{{}, {3}}, uniform_factor{0.25}});
  c.add("n", normalisation_choice{{"a", "b"}, {normalise::min_max{}, normalise::z_score{}}, {}});
  c.add("g", aggregation_choice{{{"p1", "p2"}, {}}, {aggregate::geometric_mean{}}, {"geo"}});
  c.add("o", leave_out_choice{{"a", "c"}, leave_out_mode::one_at_a_time, 1, true});
  EXPECT_TRUE(c.problems(chiso_test::two_level()).empty());
  EXPECT_NO_THROW(c.validate(chiso_test::two_level()));
}

TEST(robust_choices, levels_count_from_indicators) {
  // Indicators are level 1, p1 and p2 level 2, the root level 3.
  const auto level = chiso::robust::detail::levels_of(chiso_test::two_level());
  EXPECT_EQ(level.at("a"), 1);
  EXPECT_EQ(level.at("p1"), 2);
  EXPECT_EQ(level.at("root"), 3);
}

struct case_ {
  const char* name;
  choices c;
  std::size_t input;
  const char* field;
  std::size_t item;
  const char* message;
};

class robust_choice_rule : public ::testing::TestWithParam<case_> {};

TEST_P(robust_choice_rule, is_reported_with_its_field) {
  const auto& k = GetParam();
  const auto ps = k.c.problems(chiso_test::two_level());
  ASSERT_EQ(ps.size(), 1u) << (ps.empty() ? "no problem" : ps[1].message);
  EXPECT_EQ(ps[0].input, k.input);
  EXPECT_EQ(ps[0].field, k.field);
  EXPECT_EQ(ps[0].item, k.item);
  EXPECT_THAT(ps[0].message, HasSubstr(k.message));
}

constexpr auto npos = choice_problem::npos;

choices one(std::string id, choice c) {
  choices out;
  out.add(std::move(id), std::move(c));
  return out;
}
choices two(choice a, choice b) {
  choices out;
  out.add("first", std::move(a));
  out.add("second", std::move(b));
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    rules, robust_choice_rule,
    ::testing::Values(
        case_{"empty_id", one("", weight_choice{}), 0, "id", npos, "id is empty"},
        case_{"bad_id", one("a b", weight_choice{}), 0, "id", npos, "may only hold"},
        case_{"repeated_id",
              [] {
                choices c;
                c.add("w", weight_choice{{{"p1"}, {}}, {}});
                c.add("w", weight_choice{{{"p2"}, {}}, {}});
                return c;
              }(),
              1, "id", npos, "id 'w' is used twice (first by input 1)"},
        case_{"unknown_node", one("w", weight_choice{{{"p1", "p9"}, {}}, {}}), 0, "nodes", 1,
              "unknown node 'p9'"},
        case_{"indicator_as_node", one("w", weight_choice{{{"a"}, {}}, {}}), 0, "nodes", 0,
              "'a' is an indicator"},
        case_{"unknown_level", one("w", weight_choice{{{}, {2, 7}}, {}}), 0, "levels", 1,
              "no aggregate node has level 7"},
        case_{"f_too_large", one("w", weight_choice{{}, uniform_factor{1.0}}), 0, "uniform", npos,
              "must be in [0, 1)"},
        case_{"concentration", one("w", weight_choice{{}, dirichlet{0.0}}), 0, "dirichlet", npos,
              "finite number > 0, got 0"},
        case_{"node_twice", two(weight_choice{{{"p1"}, {}}, {}}, weight_choice{{{}, {2}}, {}}), 1,
              "nodes", npos, "weights of node 'p1' are already perturbed by input 'first'"},
        case_{"unknown_indicator",
              one("n", normalisation_choice{{"a", "zz"}, {normalise::min_max{}}, {}}), 0,
              "indicators", 1, "unknown indicator 'zz'"},
        case_{"node_as_indicator",
              one("n", normalisation_choice{{"p1"}, {normalise::min_max{}}, {}}), 0, "indicators",
              0, "'p1' is an aggregate node, not an indicator"},
        case_{"no_alternative", one("n", normalisation_choice{{}, {}, {}}), 0, "alternatives", npos,
              "no alternative given"},
        case_{"unusable_alternative",
              one("n",
                  normalisation_choice{{"a"}, {normalise::min_max{}, normalise::goalposts{}}, {}}),
              0, "alternatives", 1, "indicator 'a'"},
        case_{"labels", one("n", normalisation_choice{{}, {normalise::min_max{}}, {"x", "y"}}), 0,
              "labels", npos, "2 labels for 1 alternatives"},
        case_{"indicator_twice",
              two(normalisation_choice{{"a"}, {normalise::rank{}}, {}},
                  normalisation_choice{{}, {normalise::rank{}}, {}}),
              1, "indicators", npos, "indicator 'a' is already in normalisation input 'first'"},
        case_{"aggregation_twice",
              two(aggregation_choice{{}, {aggregate::minimum{}}, {}},
                  aggregation_choice{{{"root"}, {}}, {aggregate::minimum{}}, {}}),
              1, "nodes", npos, "node 'root' is already in aggregation input 'first'"},
        case_{"bad_generalised_mean",
              one("g", aggregation_choice{{{"root"}, {}},
                                          {aggregate::generalised_mean{std::nan("")}},
                                          {}}),
              0, "alternatives", 0, "root"},
        case_{"count_for_one_at_a_time",
              one("o", leave_out_choice{{"a"}, leave_out_mode::one_at_a_time, 2, false}), 0,
              "count", npos, "count is for mode random"},
        case_{"count_too_large",
              one("o", leave_out_choice{{"a", "c"}, leave_out_mode::random, 3, false}), 0, "count",
              npos, "count must be in [1, 2]"},
        case_{"include_none_random",
              one("o", leave_out_choice{{"a", "c"}, leave_out_mode::random, 1, true}), 0,
              "include_none", npos, "include_none is for mode one_at_a_time"},
        case_{"empties_a_node",
              one("o", leave_out_choice{{"a", "b"}, leave_out_mode::random, 2, false}), 0,
              "indicators", npos, "can leave node 'p1' without any child of non-zero weight"},
        case_{"empties_a_node_together",
              two(leave_out_choice{{"a"}, leave_out_mode::one_at_a_time, 1, false},
                  leave_out_choice{{"b"}, leave_out_mode::one_at_a_time, 1, false}),
              0, "indicators", npos, "node 'p1'"},
        case_{
            "two_data_inputs",
            two(data_choice{{Eigen::MatrixXd(1, 1)}, {}}, data_choice{{Eigen::MatrixXd(1, 1)}, {}}),
            1, "", npos, "only one data or preparation input"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(robust_choices, nodes_with_data_driven_weights_are_refused) {
  // p1's weights come from its children's scores at each evaluation: perturbing them, or
  // leaving out one of its children, is not supported.
  auto f = chiso_test::two_level();
  f.nodes[0].weights_from = weight_rule{weights::entropy_rule_t{}};
  choices c;
  c.add("w", weight_choice{{{}, {2}}, uniform_factor{0.1}});
  c.add("o", leave_out_choice{{"b", "c"}, leave_out_mode::one_at_a_time, 1, false});
  const auto ps = c.problems(f);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].input, 0u);
  EXPECT_THAT(ps[0].message, HasSubstr("node 'p1' computes its weights from the data"));
  EXPECT_EQ(ps[1].input, 1u);
  EXPECT_THAT(ps[1].message, HasSubstr("indicator 'b' is a child of node 'p1'"));
  // p2's weights and children stay usable.
  choices ok;
  ok.add("w", weight_choice{{{"p2", "root"}, {}}, uniform_factor{0.1}});
  ok.add("o", leave_out_choice{{"c"}, leave_out_mode::one_at_a_time, 1, false});
  EXPECT_TRUE(ok.problems(f).empty());
}

TEST(robust_choices, validate_lists_every_problem_with_origin) {
  choices c;
  c.add("w", weight_choice{{{"nope"}, {}}, uniform_factor{2.0}});
  c.inputs[0].origin = "r.yaml:4:5";
  try {
    c.validate(chiso_test::two_level());
    FAIL() << "no error";
  } catch (const input_error& e) {
    const std::string m = e.what();
    EXPECT_THAT(m, HasSubstr("invalid uncertain choices (2 problems):"));
    EXPECT_THAT(m, HasSubstr("\n  - r.yaml:4:5: input 'w': nodes[0]: unknown node 'nope'"));
    EXPECT_THAT(m, HasSubstr("\n  - r.yaml:4:5: input 'w': uniform: the relative perturbation"));
  }
}

TEST(robust_choices, kind_names) {
  EXPECT_EQ(kind_of(weight_choice{}), "weights");
  EXPECT_EQ(kind_of(normalisation_choice{}), "normalisation");
  EXPECT_EQ(kind_of(aggregation_choice{}), "aggregation");
  EXPECT_EQ(kind_of(leave_out_choice{}), "leave_out");
  EXPECT_EQ(kind_of(data_choice{}), "data");
  EXPECT_EQ(to_string(leave_out_mode::random), "random");
}

} // namespace

} // namespace chiso_test::choices_test
