#pragma once
/// \file tools/chiso/gap_report.hpp
/// What moves a unit up, for `chiso explain`: the target options (--to-rank, --to-score,
/// --to-band), and the answer (whatif/gap.hpp) as JSON or as text for a person.

#include "args.hpp"
#include "session.hpp"

#include <chiso/whatif/cheapest.hpp>
#include <chiso/whatif/gap.hpp>

#include <optional>
#include <string>
#include <vector>

namespace chiso::cli {

/// --to-rank K, --to-score S, --to-band LABEL (at most one), --cost FILE.
std::vector<option_spec> gap_options();

/// The goal the options name (default: one rank up); `usage` for several or a bad number.
whatif::goal parse_goal(const parsed_args& a, const command_spec& cmd);

/// The answer as the value of a JSON key ("to_rank", "to_score" or "to_band": its name in
/// `key`), without a trailing newline.
std::string gap_json(const session& s, const whatif::gap_report& g, std::string& key);

/// The answer as text for a person.
std::string gap_text(const session& s, const whatif::gap_report& g, std::optional<int> digits);

/// Reads a cost file (CSV `indicator,cost`: a cost > 0 per unit of the indicator's data value);
/// input_error naming file:line:column for a bad header, an unknown or repeated indicator, a cost
/// that is not a number > 0.
whatif::cheapest_options read_cost_file(const session& s, const std::string& path);

/// The least-cost combination as the value of the JSON key "cheapest", without a newline.
std::string cheapest_json(const session& s, const whatif::cheapest_report& c);

/// The least-cost combination as text for a person.
std::string cheapest_text(const session& s, const whatif::cheapest_report& c,
                          std::optional<int> digits);

} // namespace chiso::cli
