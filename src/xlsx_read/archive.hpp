#pragma once
// The zip container of a workbook, read through libzip, with the bounds of `xlsx_limits`: the
// number of entries, and the inflated bytes of each part and of all parts (a part's declared
// size is checked before inflating it; inflating stops at the bound whatever the header says).

#include "chiso/io/xlsx_read.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

struct zip;

namespace chiso::io::detail {

class xlsx_archive {
public:
  /// Opens `file`; `input_error` when it cannot be read or is not a zip archive (an .xls or
  /// password-protected workbook is named as such).
  xlsx_archive(const std::filesystem::path& file, const xlsx_limits& limits);
  ~xlsx_archive();
  xlsx_archive(const xlsx_archive&) = delete;
  xlsx_archive& operator=(const xlsx_archive&) = delete;

  /// Whether the part exists (names compared without case, as OOXML part names are).
  bool has(std::string_view part) const;
  /// Inflates `part` in chunks, calling `chunk(bytes, last)` for each until it returns false;
  /// `input_error` when the part is missing, damaged or larger than the limits allow.
  void read(std::string_view part,
            const std::function<bool(std::string_view bytes, bool last)>& chunk);

  /// "<file>: " for messages.
  std::string at() const { return name_ + ": "; }
  const xlsx_limits& limits() const noexcept { return limits_; }

private:
  std::string name_;
  xlsx_limits limits_;
  ::zip* zip_ = nullptr;
  std::uint64_t total_ = 0;
};

} // namespace chiso::io::detail
