// Measuring one run of a desk benchmark that is not a Google Benchmark (retention_bench,
// reminder_bench): wall time, CPU time of this process (user + system; a database server's is
// not counted here) and the peak resident memory the run added (VmHWM, reset before the run
// through /proc/self/clear_refs, Linux >= 4.0).
#pragma once

#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

namespace complaint::bench {

inline double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// VmHWM or VmRSS of this process, in MiB.
inline double status_mib(const std::string& key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
  }
  return 0;
}

inline void reset_peak() {
  malloc_trim(0);  // what an earlier step freed goes back to the system, so VmRSS is this run's base
  std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM to the current RSS
}

struct Measured {
  double wall = 0, cpu = 0, peak_added_mib = 0;
};

template <typename Work>
Measured measure(Work&& work) {
  reset_peak();
  const double rss_before = status_mib("VmRSS");
  const double cpu_before = cpu_seconds();
  const auto started = std::chrono::steady_clock::now();
  work();
  Measured m;
  m.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  m.cpu = cpu_seconds() - cpu_before;
  m.peak_added_mib = status_mib("VmHWM") - rss_before;
  return m;
}

// "2.31 s wall, 1.20 s CPU, 12.5 MiB peak added"
inline std::string describe(const Measured& m) {
  char text[96];
  std::snprintf(text, sizeof text, "%.2f s wall, %.2f s CPU, %.1f MiB peak added", m.wall, m.cpu,
                m.peak_added_mib);
  return text;
}

}  // namespace complaint::bench
