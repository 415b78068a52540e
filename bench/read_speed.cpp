/// \file bench/read_speed.cpp
/// The CSV reader alone on one file: `chiso::io::read_wide_csv` (file mapped, rows parsed in
/// place, cells written straight into the matrix), best of N runs, in MB/s of file text, with
/// the peak resident memory of the process. bench/cli.sh runs it next to `cat FILE > /dev/null`
/// on the same file.
///
/// Usage: read_speed FILE [UNIT_COLUMN=uCode] [THREADS=0] [RUNS=3]

#include <chiso/io/csv.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [UNIT_COLUMN] [THREADS] [RUNS]\n", argv[0]);
    return 2;
  }
  try {
    chiso::io::wide_options o;
    o.unit_column = argc > 2 ? argv[2] : "uCode";
    o.threads = argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 0u;
    const int runs = argc > 4 ? std::stoi(argv[4]) : 3;
    const auto bytes = static_cast<double>(std::filesystem::file_size(argv[1]));
    double best = 1e300;
    long rows = 0, cols = 0;
    for (int k = 0; k < runs; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto d = chiso::io::read_wide_csv(argv[1], o);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      best = s < best ? s : best;
      rows = static_cast<long>(d.values.rows());
      cols = static_cast<long>(d.values.cols());
    }
    std::ifstream status("/proc/self/status");
    std::string line, hwm = "?";
    while (std::getline(status, line))
      if (line.rfind("VmHWM:", 0) == 0) hwm = line.substr(6);
    std::printf("{\"rows\": %ld, \"cols\": %ld, \"file_mb\": %.1f, \"best_s\": %.4f, "
                "\"mb_per_s\": %.1f, \"matrix_mb\": %.1f, \"peak\": \"%s\"}\n",
                rows, cols, bytes / 1e6, best, bytes / 1e6 / best,
                static_cast<double>(rows * cols) * 8 / 1e6, hwm.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "read_speed: %s\n", e.what());
    return 1;
  }
  return 0;
}
