// ControlReader: reads newline-terminated lines from a file descriptor on its own thread and
// hands each one, without its '\n', to a callback; at end of input (or a read error) it calls
// the end callback once. SDL-free: the SDL platform turns lines into events and wakes its
// loop. Stopping (destruction) does not wait for the writer: the thread polls a stop pipe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/base/result.h"

namespace complaint {

class ControlReader {
 public:
  using LineHandler = std::function<void(std::string line)>;
  using EndHandler = std::function<void()>;

  // Starts reading `fd` (not owned, not closed). Callbacks run on the reader's thread.
  static Result<std::unique_ptr<ControlReader>> start(int fd, LineHandler on_line, EndHandler on_end);
  ~ControlReader();  // stops the thread; the end callback is not called for a stop
  ControlReader(const ControlReader&) = delete;
  ControlReader& operator=(const ControlReader&) = delete;

 private:
  ControlReader(int fd, int stop_read, int stop_write);
  void read_loop(LineHandler on_line, EndHandler on_end);

  int m_fd;
  int m_stop_read;  // readable once the destructor asks the thread to stop
  int m_stop_write;
  std::thread m_thread;
};

}  // namespace complaint
