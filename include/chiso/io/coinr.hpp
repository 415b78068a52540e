#pragma once
/// \file io/coinr.hpp
/// Importing COINr's input tables (the R package COINr, `new_coin(iData, iMeta)`): the
/// indicator metadata `iMeta` as a framework, the indicator data `iData` as a dataset.
///
/// **iMeta → framework** (docs/spec.md, "COINr import"). Columns: `iCode`, `iName`, `Level`,
/// `Direction`, `Weight`, `Type`, `Parent` (required), `Unit`, `Target`, `Denominator`
/// (optional); other columns are ignored; `NA` or an empty cell is missing. By `Type`:
///   - `Indicator` (Level 1) → an indicator: id = iCode, name = iName, unit = Unit,
///     direction = Direction (1 or −1), target = Target, denominator = Denominator (COINr's
///     "denomination": value = column / denominator), method `min_max{lo = 0, hi = 100}`
///     (COINr's default normalisation, `n_minmax` to [0, 100]);
///   - `Aggregate` (Level ≥ 2) → a node aggregated by the weighted arithmetic mean (COINr's
///     default, `a_amean`), children = the rows whose `Parent` is its iCode (file order),
///     each weighted by the child's own `Weight`;
///   - `Group`, `Denominator`, `Other` → not part of the framework (data columns).
/// Each child's parent must be an aggregate one level up; the root is the single aggregate
/// of the highest level (its Parent is NA, its Weight is not used). The framework's id and
/// name are the root's iCode and iName.
///
/// **iData → dataset.** `uCode` → unit ids, `uName` → unit names, columns whose name ends in
/// `_group` → group columns, `Time` is ignored, every other column must be numeric.
///
/// Errors are `chiso::input_error` naming `<file>:<line>:<column>`, the column and the rule.

#include "chiso/dataset.hpp"
#include "chiso/framework.hpp"

#include <filesystem>
#include <string_view>

namespace chiso::io {

/// Reads a COINr iMeta CSV file as a framework (see the file comment for the mapping).
/// Throws input_error listing every problem found, each with file, line and column; the
/// framework returned is valid.
framework read_coinr_meta(const std::filesystem::path& imeta);

/// Same as `read_coinr_meta` on text in memory; `source` names it in messages.
framework parse_coinr_meta(std::string_view text, std::string_view source);

/// Reads a COINr iData CSV file (uCode, uName, *_group, Time, numeric columns) as a dataset,
/// and checks that it holds every column `f` needs (each indicator's column and denominator),
/// naming all the absent ones.
dataset read_coinr_data(const std::filesystem::path& idata, const framework& f);

/// Same as `read_coinr_data` on text in memory; `source` names it in messages.
dataset parse_coinr_data(std::string_view text, std::string_view source, const framework& f);

} // namespace chiso::io
