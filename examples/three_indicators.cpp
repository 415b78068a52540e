// Scores a three-indicator framework for four units: the README's quick-start example.
#include <chiso/chiso.hpp>

#include <cmath>
#include <iomanip>
#include <iostream>

int main() {
  using namespace chiso;

  framework f;
  f.id = "example";
  f.indicators = {
      {.id = "online_services",
       .name = "Procedures online",
       .unit = "%",
       .method = normalise::min_max{.lo = 0, .hi = 100}},
      {.id = "processing_days",
       .name = "Average processing time",
       .unit = "days",
       .direction = -1,
       .method = normalise::min_max{.lo = 0, .hi = 100}},
      {.id = "satisfaction",
       .name = "Satisfaction",
       .unit = "%",
       .lower = 0.0,
       .upper = 100.0,
       .method = normalise::goalposts{.scale = 100}},
  };
  f.nodes = {{.id = "index",
              .children = {{"online_services", 2}, {"processing_days", 1}, {"satisfaction", 1}}}};

  dataset d;
  d.unit_ids = {"A", "B", "C", "D"};
  d.columns = {"online_services", "processing_days", "satisfaction"};
  d.values.resize(4, 3);
  d.values << 80, 5, 90, //
      60, 3, 70,         //
      95, 9, NAN,        // C has no satisfaction figure: its weight is shared out
      60, 3, 70;

  const plan p = plan::compile(f, d.columns);
  const result r = evaluate(p, d);

  std::cout << std::fixed << std::setprecision(4);
  for (std::size_t i = 0; i < d.n_units(); ++i)
    std::cout << d.unit_ids[i] << "  index " << r.scores(static_cast<Eigen::Index>(i), p.root())
              << "  rank " << std::setprecision(0) << r.rank[static_cast<Eigen::Index>(i)]
              << std::setprecision(4) << '\n';
}
