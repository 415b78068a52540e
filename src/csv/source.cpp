#include "source.hpp"

#include "chiso/error.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chiso::io::detail {

namespace {

struct fd_closer {
  int fd;
  ~fd_closer() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void fail_read(const std::filesystem::path& path, int e) {
  throw input_error(path.string() + ": cannot read file: " + std::strerror(e));
}

} // namespace

file_bytes::file_bytes(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    throw input_error(path.string() + ": cannot open file: " + std::strerror(e));
  }
  const fd_closer closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail_read(path, errno);
  if (S_ISDIR(st.st_mode)) fail_read(path, EISDIR);
  if (S_ISREG(st.st_mode)) {
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ == 0) return;
    void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m != MAP_FAILED) {
      map_ = m;
      ::madvise(map_, size_, MADV_SEQUENTIAL);
      text_ = std::string_view(static_cast<const char*>(map_), size_);
      return;
    }
    size_ = 0;
  }
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail_read(path, errno);
    }
    if (n == 0) break;
    owned_.append(buf, static_cast<std::size_t>(n));
  }
  text_ = owned_;
}

file_bytes::~file_bytes() {
  if (map_) ::munmap(map_, size_);
}

void file_bytes::release(std::size_t begin, std::size_t end) const noexcept {
  if (!map_ || end <= begin) return;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t b = (begin + page - 1) / page * page;
  const std::size_t e = end >= size_ ? size_ : end / page * page;
  if (e > b) ::madvise(static_cast<char*>(map_) + b, e - b, MADV_DONTNEED);
}

} // namespace chiso::io::detail
