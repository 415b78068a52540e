// The worker count of parallel runs (declared in include/chiso/robust/parallel.hpp), compiled
// once into libchiso.
#include "chiso/robust/parallel.hpp"

#include <thread>

namespace chiso::robust {

unsigned worker_count(unsigned threads) noexcept {
  if (threads != 0) return threads;
  const unsigned h = std::thread::hardware_concurrency();
  return h == 0 ? 1 : h;
}

} // namespace chiso::robust
