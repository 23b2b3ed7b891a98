// NoticeLoop; see notice_loop.h.
#include "desk/notice_loop.h"

#include <unistd.h>

namespace complaint::desk {

NoticeLoop::NoticeLoop(std::unique_ptr<NoticeWorker> worker, std::unique_ptr<NoticeScheduler> scheduler,
                       std::chrono::seconds poll, std::chrono::seconds schedule, int batch,
                       std::function<void(std::string_view)> log)
    : m_worker(std::move(worker)),
      m_scheduler(std::move(scheduler)),
      m_poll(poll),
      m_schedule(schedule),
      m_batch(batch),
      m_log(std::move(log)) {}

NoticeLoop::~NoticeLoop() {
  stop();
}

void NoticeLoop::start() {
  if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
}

void NoticeLoop::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void NoticeLoop::run() {
  std::string last_error, last_scheduler_error;
  auto next_schedule = std::chrono::steady_clock::now();  // a scheduler round at start
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    lock.unlock();
    if (m_scheduler && std::chrono::steady_clock::now() >= next_schedule) {
      next_schedule = std::chrono::steady_clock::now() + m_schedule;
      const Result<ScheduleRound> scheduled = m_scheduler->run_once();
      if (!scheduled.ok()) {
        if (scheduled.error().message != last_scheduler_error)
          m_log("complaint-desk: notify: scheduler: " + scheduled.error().message);
        last_scheduler_error = scheduled.error().message;
      } else if (last_scheduler_error.clear();
                 scheduled->reminders + scheduled->overdue + scheduled->escalated + scheduled->digests > 0) {
        m_log("complaint-desk: notify: " + std::to_string(scheduled->reminders) + " reminders, " +
              std::to_string(scheduled->overdue) + " overdue steps, " + std::to_string(scheduled->escalated) +
              " escalations, " + std::to_string(scheduled->digests) + " daily digests added");
      }
    }
    const Result<NoticeRound> round = m_worker->run_once();
    bool again = false;
    if (!round.ok()) {
      if (round.error().message != last_error) m_log("complaint-desk: notify: " + round.error().message);
      last_error = round.error().message;
    } else {
      last_error.clear();
      if (round->claimed > 0) {
        m_log("complaint-desk: notify: " + std::to_string(round->claimed) + " notices worked, " +
              std::to_string(round->sent) + " messages sent, " + std::to_string(round->delivered) +
              " delivered, " + std::to_string(round->retrying) + " to retry, " +
              std::to_string(round->failed) + " failed");
      }
      again = round->claimed >= m_batch;
    }
    lock.lock();
    if (!again) m_wake.wait_for(lock, m_poll, [this] { return m_stopping; });
  }
}

std::string notice_worker_id() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "desk") + ":" + std::to_string(::getpid());
}

}  // namespace complaint::desk
