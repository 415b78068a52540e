#pragma once
/// \file tools/chiso/overrides.hpp
/// The `--normalise` and `--aggregate` shorthands (spec-schema.md, "CLI shorthand"):
/// `NAME[:p1[:p2...]]`, parameters positional in the order of the method's fields.

#include <chiso/framework.hpp>
#include <chiso/method.hpp>

#include <string>
#include <string_view>

namespace chiso::cli {

/// Parses a normalisation shorthand, e.g. `minmax:0:100`, `zscore:10:2`, `prank`,
/// `ratio:best`, `percentile_rank:handbook`, `goalposts:100:true`. Throws `usage` (for
/// `command`) naming the text, what is wrong, and every accepted form.
chiso::method parse_normalise(std::string_view text, const std::string& command);

/// Parses an aggregation shorthand: `amean`, `gmean`, `hmean`, `genmean:P`, `sum`, `min`, or
/// a full type name (`arithmetic_mean`, `geometric_mean`, `harmonic_mean`,
/// `generalised_mean:P`, `minimum`). Throws `usage` as above.
chiso::aggregation parse_aggregate(std::string_view text, const std::string& command);

/// The accepted `--normalise` forms, one per line (for help and error messages).
std::string normalise_forms();
/// The accepted `--aggregate` forms, one per line.
std::string aggregate_forms();

/// Replaces every indicator's method by `m` (keeping direction, bounds, target).
void override_normalise(framework& f, const chiso::method& m);
/// Replaces every node's aggregation by `a` (keeping weights and coverage rules).
void override_aggregate(framework& f, const chiso::aggregation& a);

} // namespace chiso::cli
