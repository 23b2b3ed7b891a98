// systemd integration: with NOTIFY_SOCKET set the kiosk sends READY=1 once it shows its
// first frame, and WATCHDOG=1 while its loop runs; without it, nothing is sent.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

class NotifySocket {
 public:
  NotifySocket() {
    m_path = "/tmp/kiosk-notify-" + std::to_string(::getpid()) + ".sock";
    ::unlink(m_path.c_str());
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, m_path.c_str(), sizeof address.sun_path - 1);
    m_bound = ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~NotifySocket() {
    ::close(m_fd);
    ::unlink(m_path.c_str());
  }
  bool bound() const { return m_bound; }
  const std::string& path() const { return m_path; }
  // Messages received until one contains `wanted` (or `seconds` pass); returns all of them.
  std::string wait_for(const std::string& wanted, int seconds = 20) {
    std::string all;
    for (int i = 0; i < seconds * 10 && all.find(wanted) == std::string::npos; ++i) {
      pollfd fd{m_fd, POLLIN, 0};
      if (::poll(&fd, 1, 100) <= 0) continue;
      char buffer[1024];
      const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
      if (n > 0) all.append(buffer, static_cast<std::size_t>(n)).push_back('\n');
    }
    return all;
  }

 private:
  std::string m_path;
  int m_fd = -1;
  bool m_bound = false;
};

TEST(KioskSystemd, SendsReadyAndWatchdogWhenNotifySocketIsSet) {
  NotifySocket socket;
  ASSERT_TRUE(socket.bound()) << "cannot bind " << socket.path();
  KioskOptions options;
  options.notify_socket = socket.path();
  options.watchdog_usec = 2'000'000;
  KioskProcess kiosk(options);
  EXPECT_NE(socket.wait_for("READY=1").find("READY=1"), std::string::npos);
  EXPECT_NE(socket.wait_for("WATCHDOG=1").find("WATCHDOG=1"), std::string::npos);
}

TEST(KioskSystemd, SendsNothingWithoutNotifySocket) {
  NotifySocket socket;
  ASSERT_TRUE(socket.bound());
  KioskProcess kiosk;              // NOTIFY_SOCKET unset
  kiosk.tap("welcome.complaint");  // the kiosk is up and drawing
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_EQ(socket.wait_for("READY=1", 1), "");
}

}  // namespace
}  // namespace complaint::test
