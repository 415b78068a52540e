#pragma once
/// \file robust/parallel.hpp
/// Running independent tasks 0 … n − 1 on several threads (std::thread; no dependency).
/// Results must depend only on the task index, never on the worker that ran it: then any
/// thread count gives the same output.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace chiso::robust {

/// The number of workers to use: `threads`, or the hardware's thread count when 0 (at least 1).
unsigned worker_count(unsigned threads) noexcept;

/// Calls `body(task, worker)` for every task in [0, n) on `workers` threads (0: every core;
/// the calling thread is one of them), handing out tasks in chunks of `grain` from a shared
/// counter. `worker` is in [0, workers): index per-worker scratch space with it. The first
/// exception thrown by a task stops the hand-out and is rethrown here once every worker has
/// stopped.
template <class Body>
void parallel_for(std::size_t n, unsigned workers, Body&& body, std::size_t grain = 1) {
  workers = worker_count(workers);
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t chunks = (n + grain - 1) / grain;
  if (workers == 1 || chunks <= 1) {
    for (std::size_t k = 0; k < n; ++k)
      body(k, 0u);
    return;
  }
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, chunks));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto run = [&](unsigned w) {
    try {
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) return;
        const std::size_t c = next.fetch_add(1, std::memory_order_relaxed);
        if (c >= chunks) return;
        const std::size_t end = std::min(n, (c + 1) * grain);
        for (std::size_t k = c * grain; k < end; ++k)
          body(k, w);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  try {
    for (unsigned w = 1; w < workers; ++w)
      pool.emplace_back(run, w);
  } catch (...) { // no more threads: stop those started, then report
    stop.store(true);
    for (auto& t : pool)
      t.join();
    throw;
  }
  run(0);
  for (auto& t : pool)
    t.join();
  if (failure) std::rethrow_exception(failure);
}

/// A progress report: `done` of `total` tasks finished. Called on the calling thread only
/// (worker 0), so it may write to a terminal without locking; it must not throw.
using progress_callback = std::function<void(std::size_t done, std::size_t total)>;

/// Counts finished tasks across workers and reports them through a `progress_callback` from
/// worker 0. Reporting never changes results (it reads a counter only).
class progress_counter {
public:
  progress_counter(const progress_callback& report, std::size_t total)
      : report_(report), total_(total) {}
  /// One task finished on `worker`.
  void tick(unsigned worker) {
    if (!report_) return;
    const std::size_t d = done_.fetch_add(1, std::memory_order_relaxed) + 1;
    if (worker == 0) report_(d, total_);
  }
  /// Every task finished: the final report.
  void finish() {
    if (report_) report_(total_, total_);
  }

private:
  const progress_callback& report_;
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
};

} // namespace chiso::robust
