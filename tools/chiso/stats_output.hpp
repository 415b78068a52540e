#pragma once
/// \file tools/chiso/stats_output.hpp
/// How `chiso stats` shows what it computed (analysis/stats_report.hpp) beyond the tables of
/// io/stats_tables.hpp: the JSON document and the text summary.

#include "session.hpp"

#include <chiso/analysis/stats_report.hpp>

#include <iosfwd>
#include <optional>

namespace chiso::cli {

/// The whole JSON document.
void write_stats_json(std::ostream& out, const session& s, const analysis::stats_report& r,
                      std::optional<int> digits);
/// The text summary.
void write_stats_text(std::ostream& out, const session& s, const analysis::stats_report& r,
                      std::optional<int> digits);

} // namespace chiso::cli
