// ControlReader: poll(2) on the input and a stop pipe, so the destructor can end the thread
// while the writer (the controlling test) is still connected.
#include "kiosk/platform/control_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace complaint {

Result<std::unique_ptr<ControlReader>> ControlReader::start(int fd, LineHandler on_line, EndHandler on_end) {
  int stop[2];
  if (::pipe2(stop, O_CLOEXEC) != 0) {
    return Error::make(ErrorCode::io, std::string("control reader: ") + std::strerror(errno), "pipe2");
  }
  std::unique_ptr<ControlReader> reader(new ControlReader(fd, stop[0], stop[1]));
  ControlReader* self = reader.get();
  reader->m_thread = std::thread(
      [self, on_line = std::move(on_line), on_end = std::move(on_end)] { self->read_loop(on_line, on_end); });
  return reader;
}

ControlReader::ControlReader(int fd, int stop_read, int stop_write)
    : m_fd(fd), m_stop_read(stop_read), m_stop_write(stop_write) {}

ControlReader::~ControlReader() {
  const char stop = 's';
  const ssize_t written = ::write(m_stop_write, &stop, 1);
  (void)written;  // a pipe with room for one byte: cannot fail short of a closed fd
  if (m_thread.joinable()) m_thread.join();
  ::close(m_stop_read);
  ::close(m_stop_write);
}

void ControlReader::read_loop(LineHandler on_line, EndHandler on_end) {
  std::string buffer;
  char chunk[4096];
  for (;;) {
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop_read, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents != 0) return;  // stopped: the owner is going away, no end callback
    const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t end; (end = buffer.find('\n')) != std::string::npos;) {
      on_line(buffer.substr(0, end));
      buffer.erase(0, end + 1);
    }
  }
  on_end();
}

}  // namespace complaint
