#pragma once
/// \file io/robust_spec.hpp
/// Uncertain-choices files (docs/robustness.md, "The file"): reading a YAML (or JSON) file
/// that declares the uncertain inputs of a robustness analysis and the run settings.
///
/// ```yaml
/// chiso_robustness: 1
/// replications: 1000
/// seed: 42
/// track: [Conn, Sust]
/// sensitivity: {n: 100, bootstrap: 1000, confidence: 0.95}
/// inputs:
///   - {id: weights, type: weights, levels: [3, 4], uniform: 0.25}
///   - {id: normalisation, type: normalisation, alternatives: ["minmax:1:100", "zscore:10:2"]}
///   - {id: aggregation, type: aggregation, alternatives: [arithmetic_mean, geometric_mean]}
///   - {id: leave_out, type: leave_out, indicators: [LPI, Ship], include_none: true}
/// ```
///
/// **Errors.** Every problem is a `chiso::input_error` whose message starts with
/// `<file>:<line>:<column>: ` (1-based), then says where (`input 'weights': nodes[1]`) and the
/// rule broken, e.g. `robust.yaml:9:19: input 'weights': nodes[1]: unknown node 'Connn'`.
/// The reader gathers every structural error (unknown keys with a "did you mean" hint, wrong
/// types, values out of range) and then every problem against the framework
/// (`robust::choices::problems`: unknown ids, overlapping choices, alternatives unusable for an
/// indicator, leave-outs that could empty a node), and throws one exception listing them all,
/// one per line, in file order. Inputs read carry `origin = "<file>:<line>:<column>"`.

#include "chiso/framework.hpp"
#include "chiso/robust/choices.hpp"
#include "chiso/robust/sensitivity.hpp"
#include "chiso/robust/uncertainty.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace chiso::io {

/// Everything an uncertain-choices file says.
struct robust_spec {
  robust::choices choices{};                 ///< the inputs (valid against the framework)
  robust::uncertainty_options uncertainty{}; ///< replications, seed, track, interval
  robust::sensitivity_options sensitivity{}; ///< n, bootstrap, confidence, units (seed shared)
  std::filesystem::path source{};            ///< the file read (empty when parsed from text)
};

/// Reads an uncertain-choices file and checks it against framework `f` (ids, levels,
/// alternatives usable for their indicators and nodes...). Throws input_error naming the path
/// for an unreadable or empty file, and `<file>:<line>:<col>: ...` messages otherwise.
robust_spec load_robust_spec(const std::filesystem::path& path, const framework& f);

/// Same on text in memory; `source_name` names it in messages and origins.
robust_spec parse_robust_spec(std::string_view text, const std::string& source_name,
                              const framework& f);

} // namespace chiso::io
