#pragma once
/// \file io/overrides.hpp
/// Method overrides for quick experiments: one normalisation for every indicator, or one
/// aggregation for every aggregate node, written as a short text `NAME[:P1[:P2...]]` with the
/// parameters positional in the order of the method's fields (docs/cli.md, `chiso score`,
/// "Overrides"), e.g. `minmax:0:100`, `zscore:10:2`, `prank`, `gmean`, `genmean:0.5`. The CLI's
/// `--normalise` / `--aggregate` and Python's `normalise=` / `aggregate=` read these.

#include "chiso/error.hpp"
#include "chiso/framework.hpp"
#include "chiso/method.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace chiso::io {

/// A shorthand that cannot be read. `what()` is a whole message, e.g.
/// `normalisation 'minmux:0:1': unknown normalisation 'minmux'; accepted forms:\n  minmax...`;
/// `text()`, `reason()` and `forms()` give its parts, so a caller can name the shorthand its
/// own way (the CLI: `chiso score: --normalise 'minmux:0:1': ...`).
class shorthand_error : public usage_error {
public:
  /// `kind` is "normalisation" or "aggregation".
  shorthand_error(const std::string& kind, std::string text, std::string reason, std::string forms)
      : usage_error(kind + " '" + text + "': " + reason + "; accepted forms:\n" + forms),
        text_(std::move(text)), reason_(std::move(reason)), forms_(std::move(forms)) {}
  /// The shorthand as given.
  const std::string& text() const noexcept { return text_; }
  /// What is wrong with it, e.g. "sd must be a finite number, got 'x'".
  const std::string& reason() const noexcept { return reason_; }
  /// Every accepted form, one per line (`normalise_forms()` or `aggregate_forms()`).
  const std::string& forms() const noexcept { return forms_; }

private:
  std::string text_;
  std::string reason_;
  std::string forms_;
};

/// Reads a normalisation shorthand. Names and parameters (defaults of the method's fields
/// when left out):
///   `minmax[:LO:HI[:CLAMP]]` (also `min_max`), `zscore[:MEAN:SD]` (`z_score`), `rank`,
///   `prank` (= `percentile_rank`), `percentile_rank[:coinr|handbook]`,
///   `goalposts[:SCALE[:LOG]]`, `dist2target[:CAP]` (`distance_to_target`), `identity`,
///   `fracmax` (`fraction_of_max`), `ratio[:mean|best|worst]` (`ratio_to`),
///   `difference_from[:mean|worst]`, `categorical`, `above_below_mean[:P]`.
/// Numbers are finite decimals; booleans true/false, 1/0 or yes/no. Point rules (`binary`,
/// `graded`, `step_table`, `not_scored`) are refused: they need each indicator's points.
/// Throws `shorthand_error` naming the text, what is wrong (unknown name, a parameter that
/// is not a number, too many parameters, `minmax` with hi <= lo, `zscore` with sd <= 0...)
/// and every accepted form.
chiso::method parse_normalise(std::string_view text);

/// Reads an aggregation shorthand: `amean`, `gmean`, `hmean`, `genmean:P`, `sum`, `min`, or
/// the full type names (`arithmetic_mean`, `geometric_mean`, `harmonic_mean`,
/// `generalised_mean:P`, `weighted_sum`, `minimum`). Throws `shorthand_error` as
/// `parse_normalise` does.
chiso::aggregation parse_aggregate(std::string_view text);

/// The accepted normalisation shorthands, one per line with what each does (for help and
/// error messages).
std::string normalise_forms();

/// The accepted aggregation shorthands, one per line.
std::string aggregate_forms();

/// Replaces every indicator's method by `m`, keeping its direction, bounds and target. The
/// result may break a rule (goalposts without bounds...): check `f.problems()`.
void override_normalise(framework& f, const chiso::method& m);

/// Replaces every aggregate node's aggregation by `a`, keeping weights and coverage rules.
void override_aggregate(framework& f, const chiso::aggregation& a);

} // namespace chiso::io
