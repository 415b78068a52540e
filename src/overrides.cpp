#include "chiso/io/overrides.hpp"

#include <charconv>
#include <cmath>
#include <vector>

namespace chiso::io {

namespace {

std::vector<std::string> split_colon(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto c = text.find(':', start);
    parts.emplace_back(text.substr(start, c == std::string_view::npos ? text.npos : c - start));
    if (c == std::string_view::npos) break;
    start = c + 1;
  }
  return parts;
}

struct shorthand_problem {
  std::string what;
};

double number(const std::string& s, const char* what) {
  double v = 0;
  const char* b = s.data();
  const char* e = b + s.size();
  if (!s.empty() && *b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, v);
  if (s.empty() || ec != std::errc() || p != e || !std::isfinite(v))
    throw shorthand_problem{std::string(what) + " must be a finite number, got '" + s + "'"};
  return v;
}

bool boolean(const std::string& s, const char* what) {
  if (s == "true" || s == "1" || s == "yes") return true;
  if (s == "false" || s == "0" || s == "no") return false;
  throw shorthand_problem{std::string(what) + " must be true or false, got '" + s + "'"};
}

normalise::reference reference_of(const std::string& s, bool allow_best) {
  if (s == "mean") return normalise::reference::mean;
  if (s == "worst") return normalise::reference::worst;
  if (s == "best" && allow_best) return normalise::reference::best;
  throw shorthand_problem{"reference must be " +
                          std::string(allow_best ? "mean, best or worst" : "mean or worst") +
                          ", got '" + s + "'"};
}

void max_params(const std::vector<std::string>& p, std::size_t n) {
  if (p.size() - 1 > n)
    throw shorthand_problem{"'" + p[0] + "' takes at most " + std::to_string(n) + " parameter" +
                            (n == 1 ? "" : "s") + ", got " + std::to_string(p.size() - 1)};
}

chiso::method normalise_of(const std::vector<std::string>& p) {
  const std::string& n = p[0];
  auto has = [&](std::size_t k) { return p.size() > k; };
  if (n == "minmax" || n == "min_max") {
    max_params(p, 3);
    normalise::min_max m;
    if (has(1)) m.lo = number(p[1], "lo");
    if (has(2)) m.hi = number(p[2], "hi");
    if (has(3)) m.clamp = boolean(p[3], "clamp");
    if (!(m.hi > m.lo)) throw shorthand_problem{"min_max needs hi > lo"};
    return m;
  }
  if (n == "zscore" || n == "z_score") {
    max_params(p, 2);
    normalise::z_score m;
    if (has(1)) m.mean = number(p[1], "mean");
    if (has(2)) m.sd = number(p[2], "sd");
    if (!(m.sd > 0)) throw shorthand_problem{"z_score needs sd > 0"};
    return m;
  }
  if (n == "rank") {
    max_params(p, 0);
    return normalise::rank{};
  }
  if (n == "prank") {
    max_params(p, 0);
    return normalise::percentile_rank{};
  }
  if (n == "percentile_rank") {
    max_params(p, 1);
    normalise::percentile_rank m;
    if (has(1)) {
      if (p[1] == "coinr")
        m.formula = normalise::percentile_formula::coinr;
      else if (p[1] == "handbook")
        m.formula = normalise::percentile_formula::handbook;
      else
        throw shorthand_problem{"formula must be coinr or handbook, got '" + p[1] + "'"};
    }
    return m;
  }
  if (n == "goalposts") {
    max_params(p, 2);
    normalise::goalposts m;
    if (has(1)) m.scale = number(p[1], "scale");
    if (has(2)) m.log = boolean(p[2], "log");
    if (!(m.scale > 0)) throw shorthand_problem{"goalposts needs scale > 0"};
    return m;
  }
  if (n == "dist2target" || n == "distance_to_target") {
    max_params(p, 1);
    normalise::distance_to_target m;
    if (has(1)) m.cap = boolean(p[1], "cap");
    return m;
  }
  if (n == "identity") {
    max_params(p, 0);
    return normalise::identity{};
  }
  if (n == "fracmax" || n == "fraction_of_max") {
    max_params(p, 0);
    return normalise::fraction_of_max{};
  }
  if (n == "ratio" || n == "ratio_to") {
    max_params(p, 1);
    normalise::ratio_to m;
    if (has(1)) m.reference = reference_of(p[1], true);
    return m;
  }
  if (n == "difference_from") {
    max_params(p, 1);
    normalise::difference_from m;
    if (has(1)) m.reference = reference_of(p[1], false);
    return m;
  }
  if (n == "categorical") {
    max_params(p, 0);
    return normalise::categorical{};
  }
  if (n == "above_below_mean") {
    max_params(p, 1);
    normalise::above_below_mean m;
    if (has(1)) m.p = number(p[1], "p");
    if (!(m.p >= 0)) throw shorthand_problem{"above_below_mean needs p >= 0"};
    return m;
  }
  if (n == "binary" || n == "graded" || n == "step_table" || n == "not_scored")
    throw shorthand_problem{"point rules cannot replace every indicator's method (they need each "
                            "indicator's points); edit the spec instead"};
  throw shorthand_problem{"unknown normalisation '" + n + "'"};
}

chiso::aggregation aggregate_of(const std::vector<std::string>& p) {
  const std::string& n = p[0];
  if (n == "amean" || n == "arithmetic_mean") {
    max_params(p, 0);
    return aggregate::arithmetic_mean{};
  }
  if (n == "gmean" || n == "geometric_mean") {
    max_params(p, 0);
    return aggregate::geometric_mean{};
  }
  if (n == "hmean" || n == "harmonic_mean") {
    max_params(p, 0);
    return aggregate::harmonic_mean{};
  }
  if (n == "genmean" || n == "generalised_mean") {
    max_params(p, 1);
    if (p.size() < 2) throw shorthand_problem{"'" + n + "' needs its order: " + n + ":P"};
    aggregate::generalised_mean a;
    a.p = number(p[1], "p");
    return a;
  }
  if (n == "sum" || n == "weighted_sum") {
    max_params(p, 0);
    return aggregate::weighted_sum{};
  }
  if (n == "min" || n == "minimum") {
    max_params(p, 0);
    return aggregate::minimum{};
  }
  if (n == "copeland") {
    max_params(p, 0);
    return aggregate::copeland{};
  }
  if (n == "bod" || n == "benefit_of_the_doubt") {
    max_params(p, 0);
    return aggregate::benefit_of_the_doubt{};
  }
  if (n == "mpi" || n == "mazziotta_pareto") {
    max_params(p, 1);
    aggregate::mazziotta_pareto a;
    if (p.size() > 1) a.penalty_sign = number(p[1], "penalty sign");
    if (a.penalty_sign != -1.0 && a.penalty_sign != 1.0)
      throw shorthand_problem{"the penalty sign of '" + n + "' is -1 or 1"};
    return a;
  }
  if (n == "ampi" || n == "adjusted_mazziotta_pareto") {
    max_params(p, 1);
    aggregate::adjusted_mazziotta_pareto a;
    if (p.size() > 1) a.penalty_sign = number(p[1], "penalty sign");
    if (a.penalty_sign != -1.0 && a.penalty_sign != 1.0)
      throw shorthand_problem{"the penalty sign of '" + n + "' is -1 or 1"};
    return a;
  }
  throw shorthand_problem{"unknown aggregation '" + n + "'"};
}

} // namespace

std::string normalise_forms() {
  return "  minmax[:LO:HI[:CLAMP]]     min-max to [LO, HI] (default 0:1); also min_max\n"
         "  zscore[:MEAN:SD]           z-score rescaled to MEAN, SD (default 0:1); also z_score\n"
         "  rank                       rank (ties share the lowest rank)\n"
         "  prank                      percentile rank (r - 1)/(n - 1) (COINr)\n"
         "  percentile_rank[:coinr|handbook]\n"
         "  goalposts[:SCALE[:LOG]]    fixed bounds from the spec, capped (default 1:false)\n"
         "  dist2target[:CAP]          distance to the target (default cap true); also "
         "distance_to_target\n"
         "  identity                   values as they are\n"
         "  fracmax                    fraction of the maximum; also fraction_of_max\n"
         "  ratio[:mean|best|worst]    ratio to a reference (default best); also ratio_to\n"
         "  difference_from[:mean|worst]\n"
         "  categorical                percentile categories 0/20/40/50/60/80/100\n"
         "  above_below_mean[:P]       1 / 0 / -1 around the mean (default P 0.2)\n";
}

std::string aggregate_forms() {
  return "  amean      weighted arithmetic mean; also arithmetic_mean\n"
         "  gmean      weighted geometric mean; also geometric_mean\n"
         "  hmean      weighted harmonic mean; also harmonic_mean\n"
         "  genmean:P  weighted generalised mean of order P; also generalised_mean:P\n"
         "  sum        weighted sum; also weighted_sum\n"
         "  min        minimum (no compensation); also minimum\n"
         "  copeland   Copeland outranking: weighted pairwise wins minus losses\n"
         "  bod        benefit of the doubt: each unit's best weights, one linear programme\n"
         "             per unit (children >= 0); also benefit_of_the_doubt\n"
         "  mpi[:S]    Mazziotta-Pareto index, penalty sign S (default -1); also "
         "mazziotta_pareto\n"
         "  ampi[:S]   adjusted Mazziotta-Pareto index (observed goalposts); also "
         "adjusted_mazziotta_pareto\n";
}

chiso::method parse_normalise(std::string_view text) {
  try {
    if (text.empty()) throw shorthand_problem{"empty method"};
    return normalise_of(split_colon(text));
  } catch (const shorthand_problem& e) {
    throw shorthand_error("normalisation", std::string(text), e.what, normalise_forms());
  }
}

chiso::aggregation parse_aggregate(std::string_view text) {
  try {
    if (text.empty()) throw shorthand_problem{"empty method"};
    return aggregate_of(split_colon(text));
  } catch (const shorthand_problem& e) {
    throw shorthand_error("aggregation", std::string(text), e.what, aggregate_forms());
  }
}

void override_normalise(framework& f, const chiso::method& m) {
  for (auto& i : f.indicators)
    i.method = m;
}

void override_aggregate(framework& f, const chiso::aggregation& a) {
  for (auto& n : f.nodes)
    n.aggregation = a;
}

} // namespace chiso::io
