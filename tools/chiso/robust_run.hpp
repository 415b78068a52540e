#pragma once
/// \file tools/chiso/robust_run.hpp
/// What `chiso uncertainty` and `chiso sensitivity` share: their options, the scored session
/// with the choices file and the compiled model, number options, the progress bar and the
/// summary on stdout or stderr (docs/robustness.md).

#include "args.hpp"
#include "session.hpp"
#include "text.hpp"

#include <chiso/io/robust_spec.hpp>
#include <chiso/robust/model.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace chiso::cli {

/// The options of both commands around their own (`own`, after --choices).
std::vector<option_spec> robust_options(const std::vector<option_spec>& own);

/// A whole number option in [lo, hi], else `usage`.
std::uint64_t whole(const parsed_args& a, const std::string& option, const std::string& cmd,
                    std::uint64_t lo, std::uint64_t hi);

/// A number option in the open interval (lo, hi), else `usage`.
double fraction(const parsed_args& a, const std::string& option, const std::string& cmd, double lo,
                double hi);

/// A progress bar on stderr, drawn only when `enabled` and stderr is a terminal; redrawn at most
/// every 0.1 s, erased when done.
class progress_bar {
public:
  progress_bar(bool enabled, std::string what);
  ~progress_bar() { clear(); }
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  robust::progress_callback callback();
  void clear();

private:
  void draw(std::size_t done, std::size_t total);
  bool enabled_;
  std::string what_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

/// What both commands read: the scored session, the choices file and the compiled model.
struct robust_session {
  session s;
  io::robust_spec spec;
  robust::model m;
};

/// Reads the framework, the data (with the overrides) and `--choices`, and compiles the model.
robust_session load_robust(const parsed_args& a, const command_spec& cmd);

/// x with `digits` decimals, "-" when missing (summaries).
std::string fixed(double x, int digits);

/// Prints the summary for people (unless --quiet): on stdout when the table went to a file,
/// else on stderr.
void finish(const parsed_args& a, const std::string& summary, const output& main);

} // namespace chiso::cli
