// NoticeLoop: complaint-desk's delivery worker thread (core/notify/notice_worker.h). It runs
// a NoticeWorker round every [notify] poll_seconds (at once again when a round filled its
// batch), and before it, at start and then every [notify] schedule_seconds, a NoticeScheduler
// round (reminders, overdue steps: core/notify/notice_scheduler.h; it reads every open
// ticket's deadlines, so not on every delivery poll), logs what each round sent and every store error (a
// repeated error once), and stops when told: stop() wakes the thread and joins it after the round in hand (a
// send in flight ends by its own timeout). The stores it is given are the desk's own, which are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/notify/notice_scheduler.h"
#include "core/notify/notice_worker.h"

namespace complaint::desk {

class NoticeLoop {
 public:
  // `scheduler` may be null: deliveries only.
  NoticeLoop(std::unique_ptr<NoticeWorker> worker, std::unique_ptr<NoticeScheduler> scheduler,
             std::chrono::seconds poll, std::chrono::seconds schedule, int batch,
             std::function<void(std::string_view)> log);
  ~NoticeLoop();  // stop()
  NoticeLoop(const NoticeLoop&) = delete;
  NoticeLoop& operator=(const NoticeLoop&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::unique_ptr<NoticeWorker> m_worker;
  std::unique_ptr<NoticeScheduler> m_scheduler;
  std::chrono::seconds m_poll;
  std::chrono::seconds m_schedule;
  int m_batch;
  std::function<void(std::string_view)> m_log;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

// This desk's name in the notices' leases: host name and process id.
std::string notice_worker_id();

}  // namespace complaint::desk
