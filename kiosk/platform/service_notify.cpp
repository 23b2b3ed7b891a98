// ServiceNotifier over libsystemd's sd_notify / sd_watchdog_enabled.
#include "kiosk/platform/service_notify.h"

#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace complaint {

ServiceNotifier::ServiceNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  m_active = socket != nullptr && socket[0] != '\0';
  std::uint64_t usec = 0;
  if (m_active && sd_watchdog_enabled(0, &usec) > 0) m_watchdog = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready() {
  if (m_active) sd_notify(0, "READY=1\nSTATUS=kiosk running");
}

void ServiceNotifier::keep_alive(std::chrono::steady_clock::time_point now) {
  if (!m_active || m_watchdog.count() == 0) return;
  if (now - m_last < m_watchdog / 2) return;
  sd_notify(0, "WATCHDOG=1");
  m_last = now;
}

void ServiceNotifier::status(const std::string& text) {
  if (m_active) sd_notify(0, ("STATUS=" + text).c_str());
}

int ServiceNotifier::watchdog_interval_ms() const {
  if (!m_active || m_watchdog.count() == 0) return -1;
  return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(m_watchdog / 2).count());
}

}  // namespace complaint
