// HandlerPool: a fixed set of threads running the desk's request handlers (the router and
// its database work), so a slow handler never stalls the server's event thread. Jobs run
// in the order given; the destructor runs what is queued, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace complaint::desk {

class HandlerPool {
 public:
  explicit HandlerPool(int threads);
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  void submit(std::function<void()> job);

 private:
  void work();

  std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<std::function<void()>> m_jobs;
  bool m_stopping = false;
  std::vector<std::thread> m_threads;
};

}  // namespace complaint::desk
