// Golden tests: DTI under Decision 922/QĐ-BTTTT (2022), built in C++ as DOMAIN.md §2 describes,
// on invented provinces and ministries; every expected value is worked out by hand below.
//
// Province level: nine main indicators I_k ∈ [0, 1] (points obtained / max points);
//   DTI            = (100·(I_aw + I_in + I_inf + I_hr + I_cs) + 0·I_smart + 200·I_gov
//                     + 150·I_econ + 150·I_soc) / 1000
//   pillar_gov     = (foundation points + 200·I_gov) / 700
//   pillar_econ    = (foundation points + 150·I_econ) / 650
//   pillar_society = (foundation points + 150·I_soc) / 650
// i.e. weighted arithmetic means with the points as weights. The index is NOT the mean of the
// pillars (they share the foundations). Ministry level: five foundations at 100 points and
// digital-transformation activity at 500; ministries with and without public services are
// ranked separately, ties sharing a rank (competition ranking, 1, 2, 2, 4).
#include <chiso/chiso.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::dti_922_test {

using chiso_test::NA;

namespace {

const std::vector<std::string> foundation_ids{"awareness", "institutions", "infrastructure",
                                              "human_resources", "cybersecurity"};

chiso::indicator main_indicator(const std::string& id) {
  chiso::indicator i;
  i.id = id;
  i.method = chiso::normalise::identity{}; // main indicators are already in [0, 1]
  i.valid_min = 0;
  i.valid_max = 1;
  return i;
}

std::vector<chiso::child> foundations() {
  std::vector<chiso::child> c;
  for (const auto& id : foundation_ids)
    c.push_back({id, 100});
  return c;
}

chiso::framework province_framework() {
  chiso::framework f;
  f.id = "dti_922_province";
  f.name = "DTI 922 (province)";
  for (const auto& id : foundation_ids)
    f.indicators.push_back(main_indicator(id));
  for (const char* id : {"smart_city", "gov_activity", "econ_activity", "society_activity"})
    f.indicators.push_back(main_indicator(id));
  chiso::node dti;
  dti.id = "dti";
  dti.children = foundations();
  dti.children.insert(dti.children.end(), {{"smart_city", 0},
                                           {"gov_activity", 200},
                                           {"econ_activity", 150},
                                           {"society_activity", 150}});
  auto pillar = [](const std::string& id, const std::string& activity, double points) {
    chiso::node n;
    n.id = id;
    n.children = foundations();
    n.children.push_back({activity, points});
    return n;
  };
  f.nodes = {dti, pillar("pillar_gov", "gov_activity", 200),
             pillar("pillar_econ", "econ_activity", 150),
             pillar("pillar_society", "society_activity", 150)};
  f.root = "dti"; // four top-level nodes: the root must be named
  f.display_decimals = 4;
  f.ranking.options.round_to = 4;
  return f;
}

} // namespace

TEST(dti_922_province, index_and_pillars_by_hand) {
  const auto f = province_framework();
  chiso::dataset d;
  d.unit_ids = {"P1", "P2", "P3"};
  d.columns = {"awareness",  "institutions", "infrastructure", "human_resources", "cybersecurity",
               "smart_city", "gov_activity", "econ_activity",  "society_activity"};
  d.values.resize(3, 9);
  d.values << 0.80, 0.65, 0.90, 0.55, 0.70, 0.30, 0.60, 0.45, 0.50, // P1
      0.50, 0.50, 0.50, 0.50, 0.50, 1.00, 0.90, 0.20, 0.40,         // P2
      1.00, 0.90, 0.80, 0.70, 0.60, NA, 0.75, 0.60, 0.80;           // P3 (smart city absent)
  const auto r = chiso::score(f, d);
  const auto p = chiso::plan::compile(f, d.columns);
  auto s = [&](Eigen::Index unit, const char* node) {
    return r.scores(unit, static_cast<Eigen::Index>(p.index(node)));
  };

  // P1: foundation points 100·(0.80 + 0.65 + 0.90 + 0.55 + 0.70) = 100·3.60 = 360
  //     gov 200·0.60 = 120, econ 150·0.45 = 67.5, society 150·0.50 = 75 (smart city 0 points)
  //     DTI = (360 + 120 + 67.5 + 75) / 1000 = 622.5 / 1000 = 0.6225
  //     gov = (360 + 120) / 700 = 480 / 700; econ = (360 + 67.5) / 650 = 427.5 / 650;
  //     society = (360 + 75) / 650 = 435 / 650
  EXPECT_NEAR(s(0, "dti"), 0.6225, 1e-12);
  EXPECT_NEAR(s(0, "pillar_gov"), 480.0 / 700.0, 1e-12);
  EXPECT_NEAR(s(0, "pillar_econ"), 427.5 / 650.0, 1e-12);
  EXPECT_NEAR(s(0, "pillar_society"), 435.0 / 650.0, 1e-12);

  // P2: foundations 5·50 = 250; gov 200·0.9 = 180; econ 150·0.2 = 30; society 150·0.4 = 60
  //     DTI = (250 + 180 + 30 + 60) / 1000 = 0.52 (a perfect smart city earns nothing)
  //     gov = 430 / 700; econ = 280 / 650; society = 310 / 650
  EXPECT_NEAR(s(1, "dti"), 0.52, 1e-12);
  EXPECT_NEAR(s(1, "pillar_gov"), 430.0 / 700.0, 1e-12);
  EXPECT_NEAR(s(1, "pillar_econ"), 280.0 / 650.0, 1e-12);
  EXPECT_NEAR(s(1, "pillar_society"), 310.0 / 650.0, 1e-12);

  // P3: foundations 100·(1.0 + 0.9 + 0.8 + 0.7 + 0.6) = 400; gov 150; econ 90; society 120
  //     DTI = (400 + 150 + 90 + 120) / 1000 = 0.76 — the missing smart city weighs 0, so the
  //     remaining weights (still 1000) need no renormalising;
  //     gov = 550 / 700; econ = 490 / 650; society = 520 / 650 = 0.8
  EXPECT_NEAR(s(2, "dti"), 0.76, 1e-12);
  EXPECT_NEAR(s(2, "pillar_gov"), 550.0 / 700.0, 1e-12);
  EXPECT_NEAR(s(2, "pillar_econ"), 490.0 / 650.0, 1e-12);
  EXPECT_NEAR(s(2, "pillar_society"), 0.8, 1e-12);

  // Ranks on the index: P3 (0.76) 1st, P1 (0.6225) 2nd, P2 (0.52) 3rd.
  EXPECT_EQ(r.rank[0], 2);
  EXPECT_EQ(r.rank[1], 3);
  EXPECT_EQ(r.rank[2], 1);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(p.check(d.values).empty()); // every main indicator within [0, 1]
}

TEST(dti_922_province, index_is_not_the_mean_of_the_pillars) {
  const auto f = province_framework();
  chiso::dataset d;
  d.unit_ids = {"P1"};
  d.columns = {"awareness",  "institutions", "infrastructure", "human_resources", "cybersecurity",
               "smart_city", "gov_activity", "econ_activity",  "society_activity"};
  d.values.resize(1, 9);
  d.values << 0.80, 0.65, 0.90, 0.55, 0.70, 0.30, 0.60, 0.45, 0.50;
  const auto r = chiso::score(f, d);
  const auto p = chiso::plan::compile(f, d.columns);
  auto s = [&](const char* node) { return r.scores(0, static_cast<Eigen::Index>(p.index(node))); };
  // mean of pillars = (480/700 + 427.5/650 + 435/650) / 3 = (0.685714 + 0.657692 + 0.669231) / 3
  //                 = 0.670879…, while DTI = 0.6225: they differ by ≈ 0.048.
  const double mean_of_pillars = (s("pillar_gov") + s("pillar_econ") + s("pillar_society")) / 3;
  EXPECT_NEAR(mean_of_pillars, (480.0 / 700.0 + 427.5 / 650.0 + 435.0 / 650.0) / 3, 1e-12);
  EXPECT_GT(std::abs(s("dti") - mean_of_pillars), 0.04);
  // Effective weights explain it: awareness weighs 100/1000 in the index but (100/700 +
  // 2·100/650)/3 ≈ 0.1501 in the mean of the pillars.
  const auto& E = p.effective_weights();
  EXPECT_NEAR(E(static_cast<Eigen::Index>(p.index("dti")), 0), 0.1, 1e-15);
  EXPECT_NEAR(E(static_cast<Eigen::Index>(p.index("pillar_gov")), 0), 100.0 / 700.0, 1e-15);
}

TEST(dti_922_ministry, two_groups_ranked_separately_with_ties) {
  chiso::framework f;
  f.id = "dti_922_ministry";
  for (const auto& id : foundation_ids)
    f.indicators.push_back(main_indicator(id));
  f.indicators.push_back(main_indicator("dx_activity"));
  chiso::node dti;
  dti.id = "dti";
  dti.children = foundations();
  dti.children.push_back({"dx_activity", 500});
  f.nodes = {dti};
  f.ranking.group_by = "public_services";
  f.ranking.options.round_to = 4; // ranks on the published 4-decimal values

  chiso::dataset d;
  d.unit_ids = {"M1", "M5", "M2", "M7", "M3", "M6", "M4"}; // groups interleaved in the data
  d.columns = {"awareness",       "institutions",  "infrastructure",
               "human_resources", "cybersecurity", "dx_activity"};
  d.values.resize(7, 6);
  d.values << 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, // M1 (yes): (400 + 450) / 1000 = 0.85
      0.9, 0.7, 0.8, 0.6, 1.0, 0.8,         // M5 (no):  (400 + 400) / 1000 = 0.80
      0.6, 0.6, 0.6, 0.6, 0.6, 0.7,         // M2 (yes): (300 + 350) / 1000 = 0.65
      0.3, 0.3, 0.3, 0.3, 0.3, 0.3,         // M7 (no):  (150 + 150) / 1000 = 0.30
      0.6, 0.6, 0.6, 0.6, 0.6, 0.7,         // M3 (yes): same as M2 = 0.65
      1.0, 0.6, 0.8, 0.7, 0.9, 0.8,         // M6 (no):  foundations permuted from M5 = 0.80
      0.5, 0.5, 0.5, 0.5, 0.5, 0.5;         // M4 (yes): (250 + 250) / 1000 = 0.50
  d.groups = {{"public_services", {"yes", "no", "yes", "no", "yes", "no", "yes"}}};
  const auto r = chiso::score(f, d);
  const auto root = static_cast<Eigen::Index>(chiso::plan::compile(f, d.columns).index("dti"));
  EXPECT_NEAR(r.scores(0, root), 0.85, 1e-12);
  EXPECT_NEAR(r.scores(1, root), 0.80, 1e-12);
  EXPECT_NEAR(r.scores(2, root), 0.65, 1e-12);
  EXPECT_NEAR(r.scores(3, root), 0.30, 1e-12);
  EXPECT_NEAR(r.scores(4, root), 0.65, 1e-12);
  EXPECT_NEAR(r.scores(5, root), 0.80, 1e-12);
  EXPECT_NEAR(r.scores(6, root), 0.50, 1e-12);
  // with public services: M1 0.85 → 1; M2, M3 0.65 → 2, 2; M4 0.50 → 4
  EXPECT_EQ(r.rank[0], 1);
  EXPECT_EQ(r.rank[2], 2);
  EXPECT_EQ(r.rank[4], 2);
  EXPECT_EQ(r.rank[6], 4);
  // without: M5, M6 0.80 → 1, 1 (though below M1's 0.85, another group); M7 0.30 → 3
  EXPECT_EQ(r.rank[1], 1);
  EXPECT_EQ(r.rank[5], 1);
  EXPECT_EQ(r.rank[3], 3);
}

} // namespace chiso_test::dti_922_test
