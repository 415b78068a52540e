// The dataset's consistency check (declared in include/chiso/dataset.hpp), compiled once into
// libchiso.
#include "chiso/dataset.hpp"

#include "chiso/error.hpp"

#include <string>

namespace chiso {

void dataset::check() const {
  if (static_cast<std::size_t>(values.rows()) != unit_ids.size())
    throw usage_error("dataset: values has " + std::to_string(values.rows()) + " rows but " +
                      std::to_string(unit_ids.size()) + " unit ids");
  if (static_cast<std::size_t>(values.cols()) != columns.size())
    throw usage_error("dataset: values has " + std::to_string(values.cols()) + " columns but " +
                      std::to_string(columns.size()) + " column names");
  if (!unit_names.empty() && unit_names.size() != unit_ids.size())
    throw usage_error("dataset: unit_names must be empty or one per unit");
  for (const auto& g : groups)
    if (g.labels.size() != unit_ids.size())
      throw usage_error("dataset: group column '" + g.name + "' must have one label per unit");
}

} // namespace chiso
