#include "archive.hpp"

#include "chiso/error.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace chiso::io::detail {

namespace {

std::string zip_code_text(int code) {
  zip_error_t e;
  zip_error_init_with_code(&e, code);
  std::string s = zip_error_strerror(&e);
  zip_error_fini(&e);
  return s;
}

std::string mib(std::uint64_t bytes) {
  if (bytes < (std::uint64_t{1} << 20)) return std::to_string(bytes) + " bytes";
  return std::to_string(bytes >> 20) + " MiB";
}

/// The first bytes of the file, to name what it is when it is not a zip archive.
std::string file_magic(const std::filesystem::path& file, const std::string& name) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw input_error(name + ": cannot open file: " + std::strerror(err));
  }
  std::array<char, 8> b{};
  in.read(b.data(), b.size());
  return std::string(b.data(), static_cast<std::size_t>(in.gcount()));
}

} // namespace

xlsx_archive::xlsx_archive(const std::filesystem::path& file, const xlsx_limits& limits)
    : name_(file.string()), limits_(limits) {
  const std::string magic = file_magic(file, name_);
  const std::string what = ": not an Excel workbook (.xlsx): ";
  if (magic.empty()) throw input_error(name_ + what + "the file is empty");
  if (magic.rfind("\xD0\xCF\x11\xE0", 0) == 0)
    throw input_error(name_ + what +
                      "it is an Excel 97-2003 workbook (.xls) or a password-protected one; save "
                      "it as \"Excel Workbook (.xlsx)\" without a password, or as \"CSV UTF-8\"");
  if (magic.rfind("PK", 0) != 0)
    throw input_error(name_ + what + "the file is not a zip archive (an .xlsx file is one)");
  int code = 0;
  zip_ = zip_open(name_.c_str(), ZIP_RDONLY, &code);
  if (!zip_)
    throw input_error(name_ + what + "the zip container is unreadable (" + zip_code_text(code) +
                      "; the file may be truncated or damaged)");
  const zip_int64_t n = zip_get_num_entries(zip_, 0);
  if (n < 0 || static_cast<std::uint64_t>(n) > limits_.max_entries) {
    zip_discard(zip_);
    zip_ = nullptr;
    throw input_error(name_ + ": the zip container holds " + std::to_string(n) +
                      " entries, more than the " + std::to_string(limits_.max_entries) +
                      " a workbook may have (refused as a possible zip bomb)");
  }
}

xlsx_archive::~xlsx_archive() {
  if (zip_) zip_discard(zip_);
}

bool xlsx_archive::has(std::string_view part) const {
  return zip_name_locate(zip_, std::string(part).c_str(), ZIP_FL_NOCASE) >= 0;
}

void xlsx_archive::read(std::string_view part_view,
                        const std::function<bool(std::string_view, bool)>& chunk) {
  const std::string part(part_view);
  const zip_int64_t idx = zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE);
  if (idx < 0)
    throw input_error(at() + "not a complete Excel workbook: part '" + part + "' is missing");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(idx), 0, &st) != 0)
    throw input_error(at() + "part '" + part + "': " + zip_strerror(zip_));
  const std::uint64_t room =
      std::min(limits_.max_part_bytes,
               limits_.max_total_bytes > total_ ? limits_.max_total_bytes - total_ : 0);
  auto too_large = [&](std::uint64_t size) {
    return input_error(at() + "part '" + part + "' inflates to " +
                       (size == 0 ? std::string("more than ") + mib(room) : mib(size)) +
                       ", more than the " + mib(room) +
                       " chiso reads from one workbook part (refused as a possible zip bomb)");
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > room) throw too_large(st.size);
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(idx), 0);
  if (!f) {
    const int code = zip_error_code_zip(zip_get_error(zip_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
      throw input_error(at() + "part '" + part +
                        "' is encrypted; save the workbook without a "
                        "password");
    throw input_error(at() + "part '" + part + "' cannot be read: " + zip_strerror(zip_));
  }
  const std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
  std::array<char, 1 << 16> buf;
  std::uint64_t got = 0;
  for (;;) {
    const zip_int64_t r = zip_fread(f, buf.data(), buf.size());
    if (r < 0)
      throw input_error(at() + "part '" + part + "' is damaged: " + zip_file_strerror(f) +
                        " (the file may be truncated)");
    got += static_cast<std::uint64_t>(r);
    total_ += static_cast<std::uint64_t>(r);
    if (got > room) throw too_large(0);
    const bool last = r == 0;
    if (!chunk(std::string_view(buf.data(), static_cast<std::size_t>(r)), last) || last) break;
  }
}

} // namespace chiso::io::detail
