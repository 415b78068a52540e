// Tests of the official frameworks shipped in presets/: each spec loads, validates, compiles
// against its bundled sample and scores it; one unit per preset is checked by hand; the designed
// cases of the samples (ties, group ranking, empty denominators) behave as documented in
// docs/presets.md. The sample values are invented (presets/tools/make_samples.py); the expected
// values below are computed by hand from the sample rows quoted in the comments.

#include "chiso/io/csv.hpp"
#include "chiso/io/spec.hpp"
#include "chiso/score.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

namespace chiso_test::presets_test {

namespace {

namespace fs = std::filesystem;

fs::path presets_dir() {
#ifdef CHISO_SOURCE_DIR
  return fs::path(CHISO_SOURCE_DIR) / "presets";
#else
  return fs::path("presets"); // tests run from the source directory
#endif
}

/// A preset loaded with its sample, compiled and scored.
struct scored {
  chiso::io::spec spec;
  chiso::dataset data;
  chiso::plan plan;
  chiso::result result;

  explicit scored(const std::string& name) {
    spec = chiso::io::load_spec(presets_dir() / (name + ".yaml"));
    if (!spec.sample) throw std::runtime_error(name + ": no sample section");
    data = chiso::io::read_wide_csv(spec.sample->file, chiso::io::wide_options_of(spec.data));
    plan = chiso::plan::compile(spec.fw, data.columns);
    result = chiso::evaluate(plan, data);
  }

  std::size_t unit(const std::string& id) const {
    for (std::size_t i = 0; i < data.unit_ids.size(); ++i)
      if (data.unit_ids[i] == id) return i;
    throw std::runtime_error("no unit '" + id + "' in the sample");
  }
  /// Score of node or indicator `node` for unit `id`.
  double score(const std::string& id, const std::string& node) const {
    return result.scores(static_cast<Eigen::Index>(unit(id)),
                         static_cast<Eigen::Index>(plan.index(node)));
  }
  double rank(const std::string& id) const {
    return result.rank[static_cast<Eigen::Index>(unit(id))];
  }
  double root(std::size_t i) const {
    return result.scores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(plan.root()));
  }
  std::size_t n() const { return data.n_units(); }
};

const std::vector<std::string> all_presets = {"dti-province-922", "dti-ministry-922",
                                              "dti-province-1726", "psq-766"};

/// Competition ranking, checked against its definition on every unit: a unit's rank is 1 + the
/// number of units of its group whose root, rounded to `round_to` decimals, is strictly higher.
void expect_competition_ranks(const scored& s, const std::vector<std::string>& group_labels) {
  const int digits = *s.spec.fw.ranking.options.round_to;
  for (std::size_t i = 0; i < s.n(); ++i) {
    const double ri = s.root(i);
    if (std::isnan(ri)) {
      EXPECT_TRUE(std::isnan(s.result.rank[static_cast<Eigen::Index>(i)])) << s.data.unit_ids[i];
      continue;
    }
    int above = 0;
    for (std::size_t j = 0; j < s.n(); ++j) {
      if (!group_labels.empty() && group_labels[j] != group_labels[i]) continue;
      const double rj = s.root(j);
      if (!std::isnan(rj) && chiso::round_decimal(rj, digits) > chiso::round_decimal(ri, digits))
        ++above;
    }
    EXPECT_EQ(s.result.rank[static_cast<Eigen::Index>(i)], 1.0 + above) << s.data.unit_ids[i];
  }
}

// ------------------------------------------------------------------------------------------
// Every preset
// ------------------------------------------------------------------------------------------

TEST(presets, each_loads_validates_and_scores_its_sample) {
  // Units in each sample, and the units whose root is missing by design (psq-766: Điện Biên
  // has no dossiers, so its dossier indicators, their groups and the index are missing).
  struct expect_t {
    std::string name;
    std::size_t units;
    std::vector<std::string> missing_root;
  };
  const std::vector<expect_t> expected = {{"dti-province-922", 34, {}},
                                          {"dti-ministry-922", 20, {}},
                                          {"dti-province-1726", 63, {}},
                                          {"psq-766", 34, {"dien-bien"}}};
  for (const auto& e : expected) {
    SCOPED_TRACE(e.name);
    const scored s(e.name);
    EXPECT_EQ(s.spec.fw.id, e.name);
    EXPECT_TRUE(s.spec.fw.problems().empty());
    ASSERT_TRUE(s.spec.sample.has_value());
    EXPECT_TRUE(s.spec.sample->synthetic) << "sample values are invented and must say so";
    EXPECT_FALSE(s.spec.sample->note.empty());
    EXPECT_FALSE(s.spec.fw.name.empty());
    EXPECT_FALSE(s.spec.fw.description.empty());
    EXPECT_EQ(s.n(), e.units);
    EXPECT_EQ(s.data.unit_names.size(), e.units) << "every sample has a name column";
    EXPECT_TRUE(s.plan.check(s.data.values).empty()) << "a sample value breaks a valid range";
    for (std::size_t i = 0; i < s.n(); ++i) {
      const auto& id = s.data.unit_ids[i];
      const bool designed =
          std::find(e.missing_root.begin(), e.missing_root.end(), id) != e.missing_root.end();
      EXPECT_EQ(std::isnan(s.root(i)), designed) << id;
    }
  }
}

TEST(presets, a_value_outside_the_valid_range_is_reported) {
  scored s("dti-province-922");
  const auto col = s.data.column_index("awareness");
  s.data.values(0, static_cast<Eigen::Index>(col)) = 1.2; // a share above 1
  const auto problems = s.plan.check(s.data.values);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].unit, 0u);
  EXPECT_EQ(problems[0].column, col);
  EXPECT_NE(problems[0].rule.find("awareness"), std::string::npos);

  scored p("psq-766");
  const auto num = p.data.column_index("petitions_handled_on_time");
  p.data.values(3, static_cast<Eigen::Index>(num)) = -1; // a negative count
  const auto q = p.plan.check(p.data.values);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].unit, 3u);
  EXPECT_EQ(q[0].column, num);
}

// ------------------------------------------------------------------------------------------
// dti-province-922
// ------------------------------------------------------------------------------------------

TEST(presets, dti_province_922_ha_noi_by_hand) {
  const scored s("dti-province-922");
  // Sample row: ha-noi, Hà Nội, awareness 0.7427, institutions 0.4435, infrastructure 0.5820,
  // human_resources 0.5883, cybersecurity 0.7067, smart_city 0.6919 (not scored),
  // gov_activity 0.7401, econ_activity 0.7863, society_activity 0.5425.
  // Foundation points F = 100·(0.7427 + 0.4435 + 0.5820 + 0.5883 + 0.7067) = 100·3.0632 = 306.32
  // Σ points = 306.32 + 200·0.7401 + 150·0.7863 + 150·0.5425
  //          = 306.32 + 148.02 + 117.945 + 81.375 = 653.66   → DTI = 653.66 / 1000 = 0.65366
  EXPECT_NEAR(s.score("ha-noi", "dti"), 0.65366, 1e-12);
  // pillar_gov     = (306.32 + 148.02)  / 700 = 454.34  / 700 = 0.649057142857…
  // pillar_econ    = (306.32 + 117.945) / 650 = 424.265 / 650 = 0.652715384615…
  // pillar_society = (306.32 + 81.375)  / 650 = 387.695 / 650 = 0.596453846153…
  EXPECT_NEAR(s.score("ha-noi", "pillar_gov"), 454.34 / 700, 1e-12);
  EXPECT_NEAR(s.score("ha-noi", "pillar_econ"), 424.265 / 650, 1e-12);
  EXPECT_NEAR(s.score("ha-noi", "pillar_society"), 387.695 / 650, 1e-12);
  // The index is not the mean of the pillars (they share the foundations).
  EXPECT_GT(std::abs(s.score("ha-noi", "dti") -
                     (s.score("ha-noi", "pillar_gov") + s.score("ha-noi", "pillar_econ") +
                      s.score("ha-noi", "pillar_society")) /
                         3),
            1e-3);
  // Four provinces have a higher DTI: hai-phong 0.749165, ho-chi-minh 0.729405,
  // da-nang 0.716735, quang-ninh 0.668695 (from their rows, as above) → rank 5.
  EXPECT_EQ(s.rank("ha-noi"), 5.0);
  EXPECT_EQ(s.rank("hai-phong"), 1.0);
}

TEST(presets, dti_province_922_missing_smart_city_changes_nothing) {
  const scored s("dti-province-922");
  // cao-bang: 0.4071, 0.4069, 0.5620, 0.5613, 0.3833, smart_city empty, 0.5711, 0.5155, 0.5997
  // F = 100·(0.4071 + 0.4069 + 0.5620 + 0.5613 + 0.3833) = 232.06
  // DTI = (232.06 + 200·0.5711 + 150·0.5155 + 150·0.5997) / 1000
  //     = (232.06 + 114.22 + 77.325 + 89.955) / 1000 = 513.56 / 1000 = 0.51356
  EXPECT_TRUE(std::isnan(s.score("cao-bang", "smart_city")));
  EXPECT_NEAR(s.score("cao-bang", "dti"), 0.51356, 1e-12);
  // pillar_gov = (232.06 + 114.22) / 700 = 346.28 / 700
  EXPECT_NEAR(s.score("cao-bang", "pillar_gov"), 346.28 / 700, 1e-12);
}

TEST(presets, dti_province_922_ties_share_a_rank) {
  const scored s("dti-province-922");
  // Descending DTIs of the sample around the designed ties (each from its row, as for Hà Nội):
  //  …, 14 dong-thap 0.59904, quang-tri 0.57683, nghe-an 0.57683, an-giang 0.57603, …,
  //  21 dong-nai 0.537435, tay-ninh 0.530715, lam-dong 0.530705, quang-ngai 0.52919, …
  // nghe-an and quang-tri are equal: both rank 15, the next is 17 (competition: 15, 15, 17).
  EXPECT_NEAR(s.score("nghe-an", "dti"), 0.57683, 1e-12);
  EXPECT_NEAR(s.score("quang-tri", "dti"), 0.57683, 1e-12);
  EXPECT_EQ(s.rank("nghe-an"), 15.0);
  EXPECT_EQ(s.rank("quang-tri"), 15.0);
  EXPECT_EQ(s.rank("an-giang"), 17.0);
  // tay-ninh 0.530715 and lam-dong 0.530705 differ, but both are 0.5307 to 4 decimals, the
  // published precision (round_to: 4): both rank 22, the next is 24.
  EXPECT_GT(s.score("tay-ninh", "dti"), s.score("lam-dong", "dti"));
  EXPECT_EQ(s.rank("tay-ninh"), 22.0);
  EXPECT_EQ(s.rank("lam-dong"), 22.0);
  EXPECT_EQ(s.rank("quang-ngai"), 24.0);
  for (const double r : s.result.rank) {
    EXPECT_NE(r, 16.0);
    EXPECT_NE(r, 23.0);
  }
  expect_competition_ranks(s, {});
}

// ------------------------------------------------------------------------------------------
// dti-ministry-922
// ------------------------------------------------------------------------------------------

TEST(presets, dti_ministry_922_bo_tai_chinh_by_hand) {
  const scored s("dti-ministry-922");
  // Sample row: bo-tai-chinh, Bộ Tài chính, with_public_services, 0.7354, 0.6091, 0.6680,
  // 0.6068, 0.7519, dx_activity 0.6358.
  // Σ points = 100·(0.7354 + 0.6091 + 0.6680 + 0.6068 + 0.7519) + 500·0.6358
  //          = 100·3.3712 + 317.9 = 337.12 + 317.9 = 655.02   → DTI = 0.65502
  EXPECT_NEAR(s.score("bo-tai-chinh", "dti"), 0.65502, 1e-12);
  // Above it in its group: bo-noi-vu 0.7364, ngan-hang-nha-nuoc 0.69507,
  // bo-tai-nguyen-va-moi-truong 0.6908 → rank 4.
  EXPECT_EQ(s.rank("bo-tai-chinh"), 4.0);
}

TEST(presets, dti_ministry_922_groups_are_ranked_separately) {
  const scored s("dti-ministry-922");
  const auto* g = s.data.group("group");
  ASSERT_NE(g, nullptr);
  // Each group has its own rank 1: bo-noi-vu (0.7364) leads those with public services,
  // van-phong-chinh-phu (0.42831) those without, although all 17 units of the first group
  // score higher than it (the lowest, bo-tu-phap, has 0.48607).
  EXPECT_EQ(s.rank("bo-noi-vu"), 1.0);
  EXPECT_EQ(s.rank("van-phong-chinh-phu"), 1.0);
  // Without public services: van-phong-chinh-phu 0.42831, uy-ban-dan-toc 0.3429,
  // thanh-tra-chinh-phu 0.3429 → 1, 2, 2.
  EXPECT_NEAR(s.score("uy-ban-dan-toc", "dti"), 0.3429, 1e-12);
  EXPECT_NEAR(s.score("thanh-tra-chinh-phu", "dti"), 0.3429, 1e-12);
  EXPECT_EQ(s.rank("uy-ban-dan-toc"), 2.0);
  EXPECT_EQ(s.rank("thanh-tra-chinh-phu"), 2.0);
  // With public services (17 units), descending: bo-noi-vu 0.7364, ngan-hang-nha-nuoc 0.69507,
  // bo-tai-nguyen-va-moi-truong 0.6908, bo-tai-chinh 0.65502, bo-khoa-hoc-va-cong-nghe 0.64156,
  // bo-ngoai-giao 0.61351, bo-nong-nghiep-va-ptnt 0.61172, bo-giao-duc-va-dao-tao 0.59847,
  // bo-thong-tin-va-truyen-thong 0.56976, bo-y-te 0.56971, bo-lao-dong-tbxh 0.55263,
  // bo-ke-hoach-va-dau-tu 0.54822, bo-van-hoa-tt-dl 0.54177, bo-giao-thong-van-tai 0.5403 (14
  // units), then bo-xay-dung 0.5287 and bo-cong-thuong 0.5287, then bo-tu-phap 0.48607
  // → 15, 15, 17.
  EXPECT_EQ(s.rank("bo-xay-dung"), 15.0);
  EXPECT_EQ(s.rank("bo-cong-thuong"), 15.0);
  EXPECT_EQ(s.rank("bo-tu-phap"), 17.0);
  expect_competition_ranks(s, g->labels);
  // Ranking the whole table as one group would not give the same ranks: the rules matter.
  chiso::rank_options one = s.spec.fw.ranking.options;
  Eigen::VectorXd r(static_cast<Eigen::Index>(s.n()));
  chiso::rank(s.result.scores.col(static_cast<Eigen::Index>(s.plan.root())), one, {}, r);
  EXPECT_EQ(r[static_cast<Eigen::Index>(s.unit("van-phong-chinh-phu"))], 18.0);
}

// ------------------------------------------------------------------------------------------
// dti-province-1726
// ------------------------------------------------------------------------------------------

TEST(presets, dti_province_1726_ha_noi_by_hand) {
  const scored s("dti-province-1726");
  // Sample row: ha-noi, Hà Nội, gov 0.4466, econ 0.4845, society 0.4868.
  // DTI = 0.4·0.4466 + 0.3·0.4845 + 0.3·0.4868 = 0.17864 + 0.14535 + 0.14604 = 0.47003
  EXPECT_NEAR(s.score("ha-noi", "dti"), 0.47003, 1e-12);
  // hai-phong: 0.7318, 0.5279, 0.6281 → 0.29272 + 0.15837 + 0.18843 = 0.63952, the highest.
  EXPECT_NEAR(s.score("hai-phong", "dti"), 0.63952, 1e-12);
  EXPECT_EQ(s.rank("hai-phong"), 1.0);
  // No ties in this sample: the ranks are 1 … 63, each once.
  std::vector<int> seen(64, 0);
  for (const double r : s.result.rank) {
    ASSERT_TRUE(r >= 1 && r <= 63);
    ++seen[static_cast<std::size_t>(r)];
  }
  for (int k = 1; k <= 63; ++k)
    EXPECT_EQ(seen[static_cast<std::size_t>(k)], 1) << k;
  expect_competition_ranks(s, {});
}

// ------------------------------------------------------------------------------------------
// psq-766
// ------------------------------------------------------------------------------------------

TEST(presets, psq_766_hue_by_hand) {
  const scored s("psq-766");
  // Huế's sample row has round numbers (presets/tools/make_samples.py, PSQ_HUE):
  // proc_total 2000, published on time 1900, updated on time 2000, published complete 1500,
  // online 1200, fee procedures 800 (integrated 800, paid online 400), popdb-connected 500;
  // dossiers received 100000, synced 90000, settled 80000, settled on time 75000, online 60000,
  // fee-bearing 40000 (paid online 10000), electronic results 40000, digitised 60000, reused
  // data 20000, shared to store 20000, popdb 50000, satisfied 76000; certified copies 10000
  // (electronic 3000); petitions 200 (on time 150, satisfied 180); 4.5 days on average.
  // points = max · min(1, ratio / threshold):
  EXPECT_NEAR(s.score("hue", "published_on_time"), 5.7, 1e-12);     // 6 · 1900/2000
  EXPECT_NEAR(s.score("hue", "updated_on_time"), 4.0, 1e-12);       // 4 · 2000/2000
  EXPECT_NEAR(s.score("hue", "published_complete"), 1.5, 1e-12);    // 2 · 1500/2000
  EXPECT_NEAR(s.score("hue", "dossiers_synchronised"), 5.4, 1e-12); // 6 · 90000/100000
  EXPECT_NEAR(s.score("hue", "transparency"), 16.6, 1e-12);         // 5.7 + 4 + 1.5 + 5.4
  EXPECT_NEAR(s.score("hue", "settled_on_time"), 15.0, 1e-12);      // 20 · 75000/100000
  EXPECT_EQ(s.score("hue", "processing_time"), 0.0);                // shown, not scored
  EXPECT_NEAR(s.score("hue", "timeliness"), 15.0, 1e-12);
  EXPECT_NEAR(s.score("hue", "online_procedures"), 4.5, 1e-12); // 6 · (0.6 / 0.8)
  EXPECT_NEAR(s.score("hue", "online_dossiers"), 6.0, 1e-12);   // 6 · min(1, 0.6 / 0.5)
  EXPECT_NEAR(s.score("hue", "online_services"), 10.5, 1e-12);
  EXPECT_NEAR(s.score("hue", "payment_integrated"), 2.0, 1e-12); // 2 · 800/800
  EXPECT_NEAR(s.score("hue", "payment_used"), 1.0, 1e-12);       // 2 · 400/800
  EXPECT_NEAR(s.score("hue", "paid_online"), 1.5, 1e-12);        // 6 · 10000/40000
  EXPECT_NEAR(s.score("hue", "online_payment"), 4.5, 1e-12);
  EXPECT_NEAR(s.score("hue", "electronic_results"), 3.0, 1e-12);     // 6 · 40000/80000
  EXPECT_NEAR(s.score("hue", "digitised_dossiers"), 3.0, 1e-12);     // 4 · (0.6 / 0.8)
  EXPECT_NEAR(s.score("hue", "electronic_copies"), 0.6, 1e-12);      // 2 · 3000/10000
  EXPECT_NEAR(s.score("hue", "data_reuse"), 0.5, 1e-12);             // 2 · (0.2 / 0.8)
  EXPECT_NEAR(s.score("hue", "data_store_sharing"), 1.0, 1e-12);     // 4 · 20000/80000
  EXPECT_NEAR(s.score("hue", "popdb_dossiers"), 1.0, 1e-12);         // 2 · 50000/100000
  EXPECT_NEAR(s.score("hue", "popdb_procedures"), 0.5, 1e-12);       // 2 · 500/2000
  EXPECT_NEAR(s.score("hue", "digitisation"), 9.6, 1e-12);           // 3+3+0.6+0.5+1+1+0.5
  EXPECT_NEAR(s.score("hue", "petitions_on_time"), 4.5, 1e-12);      // 6 · 150/200
  EXPECT_NEAR(s.score("hue", "petition_satisfaction"), 5.4, 1e-12);  // 6 · 180/200
  EXPECT_NEAR(s.score("hue", "procedure_satisfaction"), 6.0, 1e-12); // 6 · min(1, 0.95/0.9)
  EXPECT_NEAR(s.score("hue", "satisfaction"), 15.9, 1e-12);
  // psq = 16.6 + 15 + 10.5 + 4.5 + 9.6 + 15.9 = 72.1 → band "below 80".
  EXPECT_NEAR(s.score("hue", "psq"), 72.1, 1e-12);
  const auto band = s.result.band[s.unit("hue")];
  ASSERT_GE(band, 0);
  EXPECT_EQ(s.spec.fw.bands[static_cast<std::size_t>(band)].label, "below 80");
}

TEST(presets, psq_766_no_petitions_gives_full_marks) {
  const scored s("psq-766");
  // lai-chau: petitions_received 0 (and 0 handled, 0 satisfied): 0/0 → full marks.
  EXPECT_EQ(s.data.values(static_cast<Eigen::Index>(s.unit("lai-chau")),
                          static_cast<Eigen::Index>(s.data.column_index("petitions_received"))),
            0.0);
  EXPECT_EQ(s.score("lai-chau", "petitions_on_time"), 6.0);
  EXPECT_EQ(s.score("lai-chau", "petition_satisfaction"), 6.0);
  EXPECT_FALSE(std::isnan(s.score("lai-chau", "satisfaction")));
  EXPECT_FALSE(std::isnan(s.score("lai-chau", "psq")));
}

TEST(presets, psq_766_no_dossiers_gives_zero_satisfaction_and_no_index) {
  const scored s("psq-766");
  // dien-bien: every dossier count is 0. Procedure satisfaction 0/0 → 0 (policy zero);
  // the other dossier indicators 0/0 → missing, so their groups and psq are missing
  // (min_coverage 1), with a diagnostic saying why.
  EXPECT_EQ(s.score("dien-bien", "procedure_satisfaction"), 0.0);
  EXPECT_TRUE(std::isnan(s.score("dien-bien", "settled_on_time")));
  EXPECT_TRUE(std::isnan(s.score("dien-bien", "timeliness")));
  EXPECT_TRUE(std::isnan(s.score("dien-bien", "psq")));
  EXPECT_TRUE(std::isnan(s.rank("dien-bien")));
  EXPECT_EQ(s.result.band[s.unit("dien-bien")], -1);
  // Its procedure-based indicators are unaffected: 6 · 1412/1550 published on time.
  EXPECT_NEAR(s.score("dien-bien", "published_on_time"), 6.0 * 1412 / 1550, 1e-12);
  // Satisfaction: petitions 6·182/191 + 6·187/191 + 0 = 6·369/191.
  EXPECT_NEAR(s.score("dien-bien", "satisfaction"), 6.0 * 369 / 191, 1e-12);
  const auto u = s.unit("dien-bien");
  bool zero_den = false, coverage = false;
  for (const auto& d : s.result.diagnostics) {
    if (d.unit != u) continue;
    zero_den = zero_den || d.code == chiso::diagnostic_code::zero_denominator;
    coverage = coverage || d.code == chiso::diagnostic_code::below_coverage;
  }
  EXPECT_TRUE(zero_den);
  EXPECT_TRUE(coverage);
}

TEST(presets, psq_766_groups_within_their_maxima_and_bands_follow_the_score) {
  const scored s("psq-766");
  const std::vector<std::pair<std::string, double>> groups = {
      {"transparency", 18},   {"timeliness", 20},   {"online_services", 12},
      {"online_payment", 10}, {"digitisation", 22}, {"satisfaction", 18}};
  double total_max = 0;
  for (const auto& [id, max] : groups) {
    total_max += max;
    for (std::size_t i = 0; i < s.n(); ++i) {
      const double v = s.result.scores(static_cast<Eigen::Index>(i),
                                       static_cast<Eigen::Index>(s.plan.index(id)));
      if (!std::isnan(v)) {
        EXPECT_TRUE(v >= 0 && v <= max) << id << " " << s.data.unit_ids[i];
      }
    }
  }
  EXPECT_EQ(total_max, 100.0);
  for (std::size_t i = 0; i < s.n(); ++i) {
    const double v = s.root(i);
    if (std::isnan(v)) continue;
    const auto& label = s.spec.fw.bands[static_cast<std::size_t>(s.result.band[i])].label;
    EXPECT_EQ(label, chiso::round_decimal(v, 2) >= 80 ? "good" : "below 80") << s.data.unit_ids[i];
  }
  expect_competition_ranks(s, {});
}

} // namespace

} // namespace chiso_test::presets_test
