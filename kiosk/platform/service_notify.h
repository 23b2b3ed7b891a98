// ServiceNotifier: tells systemd the kiosk is READY and pets the WATCHDOG (sd_notify, only
// when NOTIFY_SOCKET is set; a no-op otherwise). libsystemd stays in the .cpp.
#pragma once

#include <chrono>
#include <string>

namespace complaint {

class ServiceNotifier {
 public:
  ServiceNotifier();
  bool active() const { return m_active; }
  void ready();
  // Sends WATCHDOG=1 when half the watchdog interval has passed since the last one.
  void keep_alive(std::chrono::steady_clock::time_point now);
  void status(const std::string& text);
  // How long the main loop may sleep before keep_alive() is due (-1: no watchdog).
  int watchdog_interval_ms() const;

 private:
  bool m_active = false;
  std::chrono::microseconds m_watchdog{0};
  std::chrono::steady_clock::time_point m_last{};
};

}  // namespace complaint
