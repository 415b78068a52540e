#include "robust_run.hpp"

#include "options.hpp"

#include <chiso/io/output.hpp>

#include <unistd.h>

#include <charconv>
#include <iostream>

namespace chiso::cli {

std::vector<option_spec> robust_options(const std::vector<option_spec>& own) {
  return options({
      input_options("wide CSV data file, one row per unit (default: the preset's sample)"),
      {{"choices", "FILE", "the uncertain-choices file (YAML or JSON; docs/robustness.md)"}},
      own,
      {{"seed", "S", "random seed, a whole number (default: the file's 'seed', else 1)"},
       {"threads", "T", "worker threads (default 0: every core); results do not depend on it"}},
      output_options({"csv", "json", "xlsx"},
                     "csv (default), json, or xlsx (an Excel workbook; needs --out)"),
      {{"quiet", "", "no progress bar and no summary"}},
      override_options(),
      {presets_dir_option()},
  });
}

std::uint64_t whole(const parsed_args& a, const std::string& option, const std::string& cmd,
                    std::uint64_t lo, std::uint64_t hi) {
  const std::string text = *a.get(option);
  std::uint64_t v = 0;
  const auto* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || v < lo || v > hi)
    throw usage(cmd, "chiso " + cmd + ": --" + option + " must be a whole number from " +
                         std::to_string(lo) + " to " + std::to_string(hi) + ", got '" + text + "'");
  return v;
}

double fraction(const parsed_args& a, const std::string& option, const std::string& cmd, double lo,
                double hi) {
  const std::string text = *a.get(option);
  double v = 0;
  const auto* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || !(v > lo && v < hi))
    throw usage(cmd, "chiso " + cmd + ": --" + option + " must be a number between " +
                         io::format_double(lo) + " and " + io::format_double(hi) +
                         " (exclusive), got '" + text + "'");
  return v;
}

progress_bar::progress_bar(bool enabled, std::string what)
    : enabled_(enabled && ::isatty(STDERR_FILENO) == 1), what_(std::move(what)) {}

robust::progress_callback progress_bar::callback() {
  if (!enabled_) return {};
  return [this](std::size_t done, std::size_t total) { draw(done, total); };
}

void progress_bar::clear() {
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

void progress_bar::draw(std::size_t done, std::size_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int width = 30;
  const double f = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int fill = static_cast<int>(f * width);
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(fill), '#')
            << std::string(static_cast<std::size_t>(width - fill), ' ') << "] "
            << static_cast<int>(f * 100) << "% " << done << "/" << total << ' ' << what_
            << std::flush;
  drawn_ = true;
}

robust_session load_robust(const parsed_args& a, const command_spec& cmd) {
  const auto choices = a.get("choices");
  if (!choices)
    throw usage(cmd.name, "chiso " + cmd.name +
                              ": --choices FILE is required (the uncertain choices; see "
                              "docs/robustness.md)");
  const overrides o = parse_overrides(a, cmd);
  robust_session r{run_session(a, cmd, o), {}, {}};
  report_diagnostics(r.s);
  r.spec = io::load_robust_spec(*choices, r.s.f());
  r.m = robust::model::compile(r.s.plan, r.s.data.data.values, r.s.groups, r.spec.choices,
                               r.s.data.data.groups);
  return r;
}

std::string fixed(double x, int digits) {
  return std::isnan(x) ? "-" : show_number(x, digits);
}

void finish(const parsed_args& a, const std::string& summary, const output& main) {
  if (a.has("quiet")) return;
  (main.to_file() ? std::cout : std::cerr) << summary << std::flush;
}

} // namespace chiso::cli
