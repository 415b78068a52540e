// Builds a chiso::dataset through the installed headers and checks it; prints
// "chiso consumer ok" on success (the consumer ctest looks for that line).
#include <chiso/dataset.hpp>

#include <cmath>
#include <exception>
#include <iostream>
#include <limits>

int main() {
  chiso::dataset d;
  d.unit_ids = {"HN", "HCM"};
  d.columns = {"online_services", "population"};
  d.values.resize(2, 2);
  d.values << 0.8, 8.4e6, std::numeric_limits<double>::quiet_NaN(), 9.4e6;
  try {
    d.check();
  } catch (const std::exception& e) {
    std::cerr << "dataset::check failed: " << e.what() << '\n';
    return 1;
  }
  if (d.n_units() != 2 || d.column_index("population") != 1 || !std::isnan(d.values(1, 0))) {
    std::cerr << "dataset does not behave as documented\n";
    return 1;
  }
  d.columns.pop_back(); // now 2 value columns but 1 name: check() must refuse
  try {
    d.check();
    std::cerr << "dataset::check accepted mismatched columns\n";
    return 1;
  } catch (const chiso::usage_error&) {
  }
  std::cout << "chiso consumer ok\n";
  return 0;
}
