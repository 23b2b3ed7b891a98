// PrintQueue: runs PrintService on its own thread so a screen never waits for a printer.
// The kiosk asks it for a receipt's progress (done screen), the last failure (staff alert)
// and the test page's result; version() moves whenever any of these changes (redraw).
// Invariants: one job at a time, in request order; a receipt already queued or printing is
// not queued again (a double tap prints one receipt); readers never block on a print; the
// PrintService (and its store connection) is used on the worker thread only.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/printing/print_service.h"

namespace complaint {

enum class ReceiptProgress { none, queued, printing, printed, failed };

struct ReceiptStatus {
  ReceiptProgress progress = ReceiptProgress::none;
  std::string reason_key;  // failed: e.g. "receipt.print.reason.media_empty"
};

// The most recent failure, until a later job prints: what staff mode shows in red.
struct PrinterAlert {
  std::string number;  // "" when it was the test page
  std::string reason_key;
};

class PrintQueue {
 public:
  explicit PrintQueue(PrintService& service);
  // Finishes the job in hand (at most [printer] job_timeout_seconds) and drops the rest.
  ~PrintQueue();
  PrintQueue(const PrintQueue&) = delete;
  PrintQueue& operator=(const PrintQueue&) = delete;

  // What an earlier run left in print_jobs (newest first, SqliteTicketStore::recent_print_jobs):
  // each ticket's last attempt, and the alert when the newest attempt did not print. A job
  // left "pending"/"sent" by a kiosk that stopped mid-print counts as not printed.
  void restore(const std::vector<PrintJobRecord>& newest_first);

  // A receipt already queued or printing is not queued again, whichever `print` it was.
  void print_receipt(const std::string& number, ReceiptPrint print = ReceiptPrint::original);
  void print_test_page(const std::string& language, const std::string& url);

  ReceiptStatus receipt(const std::string& number) const;
  ReceiptStatus test_page() const;
  std::optional<PrinterAlert> alert() const;
  std::uint64_t version() const;
  // Blocks until nothing is queued or printing (tests, benchmarks).
  void wait_idle();

 private:
  struct Request {
    std::string number;  // "" for a test page
    std::string language;
    std::string url;
    ReceiptPrint print = ReceiptPrint::original;
  };
  void run();
  void finish(const Request& request, ReceiptStatus status);

  PrintService& m_service;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::condition_variable m_idle;
  std::deque<Request> m_requests;
  bool m_busy = false;
  bool m_stop = false;
  std::map<std::string, ReceiptStatus> m_receipts;
  ReceiptStatus m_test_page;
  std::optional<PrinterAlert> m_alert;
  std::uint64_t m_version = 0;
  std::thread m_thread;  // last: starts once everything above exists
};

}  // namespace complaint
