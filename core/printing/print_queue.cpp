// PrintQueue (see header): a worker thread takes requests in order and records each outcome.
#include "core/printing/print_queue.h"

#include <cstdio>

namespace complaint {

PrintQueue::PrintQueue(PrintService& service) : m_service(service), m_thread([this] { run(); }) {}

PrintQueue::~PrintQueue() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
    m_requests.clear();
  }
  m_wake.notify_all();
  m_thread.join();
}

void PrintQueue::restore(const std::vector<PrintJobRecord>& newest_first) {
  std::lock_guard lock(m_mutex);
  for (const PrintJobRecord& job : newest_first) {
    if (m_receipts.count(job.ticket_number) != 0) continue;  // an older attempt
    ReceiptStatus status{ReceiptProgress::printed, {}};
    if (job.state != "completed")
      status = ReceiptStatus{
          ReceiptProgress::failed,
          reason_catalog_key(job.state == "failed" || job.state == "cancelled" ? job.reason
                                                                               : std::string("other"))};
    if (&job == &newest_first.front() && status.progress == ReceiptProgress::failed)
      m_alert = PrinterAlert{job.ticket_number, status.reason_key};
    m_receipts[job.ticket_number] = std::move(status);
  }
  ++m_version;
}

void PrintQueue::print_receipt(const std::string& number, ReceiptPrint print) {
  {
    std::lock_guard lock(m_mutex);
    ReceiptStatus& status = m_receipts[number];
    if (status.progress == ReceiptProgress::queued || status.progress == ReceiptProgress::printing) return;
    status = ReceiptStatus{ReceiptProgress::queued, {}};
    m_requests.push_back(Request{number, {}, {}, print});
    ++m_version;
  }
  m_wake.notify_all();
}

void PrintQueue::print_test_page(const std::string& language, const std::string& url) {
  {
    std::lock_guard lock(m_mutex);
    if (m_test_page.progress == ReceiptProgress::queued || m_test_page.progress == ReceiptProgress::printing)
      return;
    m_test_page = ReceiptStatus{ReceiptProgress::queued, {}};
    m_requests.push_back(Request{{}, language, url, ReceiptPrint::original});
    ++m_version;
  }
  m_wake.notify_all();
}

ReceiptStatus PrintQueue::receipt(const std::string& number) const {
  std::lock_guard lock(m_mutex);
  const auto found = m_receipts.find(number);
  return found == m_receipts.end() ? ReceiptStatus{} : found->second;
}

ReceiptStatus PrintQueue::test_page() const {
  std::lock_guard lock(m_mutex);
  return m_test_page;
}

std::optional<PrinterAlert> PrintQueue::alert() const {
  std::lock_guard lock(m_mutex);
  return m_alert;
}

std::uint64_t PrintQueue::version() const {
  std::lock_guard lock(m_mutex);
  return m_version;
}

void PrintQueue::wait_idle() {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [this] { return m_requests.empty() && !m_busy; });
}

void PrintQueue::finish(const Request& request, ReceiptStatus status) {
  std::lock_guard lock(m_mutex);
  if (status.progress == ReceiptProgress::failed) {
    m_alert = PrinterAlert{request.number, status.reason_key};
  } else {
    m_alert.reset();  // paper came out: the printer works again
  }
  if (request.number.empty()) {
    m_test_page = std::move(status);
  } else {
    m_receipts[request.number] = std::move(status);
  }
  m_busy = false;
  ++m_version;
}

void PrintQueue::run() {
  for (;;) {
    Request request;
    {
      std::unique_lock lock(m_mutex);
      m_idle.notify_all();
      m_wake.wait(lock, [this] { return m_stop || !m_requests.empty(); });
      if (m_stop) return;
      request = std::move(m_requests.front());
      m_requests.pop_front();
      m_busy = true;
      (request.number.empty() ? m_test_page : m_receipts[request.number]).progress =
          ReceiptProgress::printing;
      ++m_version;
    }
    auto outcome = request.number.empty() ? m_service.print_test_page(request.language, request.url)
                                          : m_service.print_receipt(request.number, request.print);
    ReceiptStatus status;
    if (!outcome.ok()) {
      // Not a printer fault (unknown number, store failure): still no receipt for the customer.
      std::fprintf(stderr, "print queue: %s\n", outcome.error().message.c_str());
      status = ReceiptStatus{ReceiptProgress::failed, "receipt.print.reason.other"};
    } else if (outcome->printed()) {
      status = ReceiptStatus{ReceiptProgress::printed, {}};
    } else {
      std::fprintf(stderr, "print queue: %s not printed: %s (%s)\n",
                   request.number.empty() ? "test page" : request.number.c_str(), outcome->reason.c_str(),
                   outcome->detail.c_str());
      status = ReceiptStatus{ReceiptProgress::failed, outcome->reason_key};
    }
    finish(request, std::move(status));
  }
}

}  // namespace complaint
