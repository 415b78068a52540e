// Uses chiso as an application would, through the installed headers and the compiled library:
// reads a spec held in memory (the YAML reader in libchiso.a), scores three units with it
// (min-max on fixed bounds, a weighted mean, benefit of the doubt solved by GLPK, ranks) and
// checks every score against the hand calculation below. Prints "chiso consumer ok" on success
// (the consumer ctests look for that line).
#include <chiso/chiso.hpp>
#include <chiso/io/spec.hpp>

#include <cmath>
#include <exception>
#include <iostream>
#include <string>

namespace {

constexpr const char* spec_text = R"(chiso: 1
id: consumer
root: index
indicators:
  - {id: online, bounds: [0, 100], method: min_max}
  - {id: days, direction: lower_is_better, bounds: [0, 20], method: min_max}
nodes:
  - {id: service, children: {online: 3, days: 1}}
  - {id: frontier, method: benefit_of_the_doubt, children: [online, days]}
  - {id: index, children: [service, frontier]}
)";

int failures = 0;

void expect_near(const std::string& what, double got, double want) {
  if (!(std::abs(got - want) <= 1e-9)) {
    std::cerr << what << ": got " << got << ", want " << want << '\n';
    ++failures;
  }
}

} // namespace

int main() {
  try {
    const chiso::framework f = chiso::io::parse_spec(spec_text, "consumer.yaml");

    chiso::dataset d;
    d.unit_ids = {"A", "B", "C"};
    d.columns = {"online", "days"};
    d.values.resize(3, 2);
    d.values << 60, 8, //
        40, 2,         //
        100, 10;
    const chiso::plan p = chiso::plan::compile(f, d.columns);
    const chiso::result r = chiso::evaluate(p, d);

    // online' = online / 100, days' = (20 - days) / 20:
    //   A (0.6, 0.6), B (0.4, 0.9), C (1.0, 0.5).
    // service = (3 online' + days') / 4: A 2.4/4 = 0.6, B 2.1/4 = 0.525, C 3.5/4 = 0.875.
    // frontier: max w.x_u subject to w.x_v <= 1 for every unit v, w >= 0. B and C are each
    // best on one indicator, so 1. For A the vertices of the feasible set are (1, 0),
    // (0, 10/9) and where B's and C's constraints meet, w = (4/7, 6/7): A scores 0.6, 2/3 and
    // 0.6 * 10/7 = 6/7 there, so 6/7.
    // index = (service + frontier) / 2.
    const double service[] = {0.6, 0.525, 0.875};
    const double frontier[] = {6.0 / 7.0, 1.0, 1.0};
    const double rank[] = {3, 2, 1};
    const auto s = r.node(p.index("service"));
    const auto b = r.node(p.index("frontier"));
    const auto top = r.node(p.root());
    for (Eigen::Index u = 0; u < 3; ++u) {
      const std::string unit = d.unit_ids[static_cast<std::size_t>(u)];
      expect_near(unit + " service", s(u), service[u]);
      expect_near(unit + " frontier", b(u), frontier[u]);
      expect_near(unit + " index", top(u), (service[u] + frontier[u]) / 2);
      expect_near(unit + " rank", r.rank(u), rank[u]);
    }
  } catch (const std::exception& e) {
    std::cerr << "chiso consumer: " << e.what() << '\n';
    return 1;
  }
  if (failures != 0) return 1;
  std::cout << "chiso consumer ok\n";
  return 0;
}
