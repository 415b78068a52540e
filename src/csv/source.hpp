#pragma once
// A data file's bytes: mapped read-only (regular files), or read whole (anything else, e.g. a
// pipe). Pages already parsed can be handed back (`release`) so that a large file never
// counts in full towards the process's resident memory.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace chiso::io::detail {

class file_bytes {
public:
  /// Opens and maps `path`; throws `input_error` "<path>: cannot open file: <reason>" or
  /// "<path>: cannot read file: <reason>".
  explicit file_bytes(const std::filesystem::path& path);
  ~file_bytes();
  file_bytes(const file_bytes&) = delete;
  file_bytes& operator=(const file_bytes&) = delete;

  std::string_view text() const noexcept { return text_; }
  /// Drops the pages wholly inside [begin, end) (byte offsets) from this process's memory
  /// (the operating system keeps them cached); reading them again maps them again.
  void release(std::size_t begin, std::size_t end) const noexcept;

private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string owned_; // when the file could not be mapped
  std::string_view text_;
};

} // namespace chiso::io::detail
