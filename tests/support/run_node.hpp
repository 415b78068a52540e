// Shared harness of the aggregation tests: runs one aggregation on hand-written children.
#pragma once

#include <chiso/aggregate/node_view.hpp>

#include <string_view>
#include <vector>

namespace chiso_test {

struct run_result {
  std::vector<double> out;
  std::vector<chiso::diagnostic> diags;
};

// children[j][i] = child j of unit i; the node is reported as index `node`, id `id`.
// Outputs start at a sentinel so a unit the aggregation forgets to write shows up.
template <class A>
run_result run_node(const A& a, const std::vector<std::vector<double>>& children,
                    const std::vector<double>& weights, double min_coverage, std::size_t node,
                    std::string_view id) {
  run_result r;
  const std::size_t n = children.front().size();
  std::vector<const double*> ptrs;
  for (const auto& c : children)
    ptrs.push_back(c.data());
  chiso::aggregate::node_view v{ptrs, weights, n, min_coverage};
  chiso::aggregate::workspace ws;
  chiso::diagnostics_sink sink(r.diags, node, id);
  r.out.assign(n, -12345.0);
  a(v, r.out.data(), ws, sink);
  return r;
}

} // namespace chiso_test
