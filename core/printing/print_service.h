// PrintService: prints the receipt of a committed ticket and tells the caller, in a form
// the kiosk can show, whether paper came out. Used by the kiosk's done screen, its staff
// reprint and `complaintctl reprint` / `print-test`.
// Invariants: it never creates, changes or deletes a ticket (a failed print loses and
// duplicates nothing); every attempt is one print_jobs row; a row is "completed" only
// when the spooler reported the job completed; a job that is stuck, or whose printer
// stops, is cancelled so that a later reprint cannot make a second receipt come out.
//
// Usage:
//   PrintService printing(config, taxonomy, calendar, store, printer, renderer, clock, catalogs);
//   auto outcome = printing.print_receipt(ticket.number);   // blocks until a terminal state
//   if (outcome && !outcome->printed()) show(catalog.text(outcome->message_key)); // collect at reception
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/base/clock.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/printing/printer.h"
#include "core/printing/printer_config.h"
#include "core/printing/receipt_renderer.h"
#include "core/store/sqlite_store.h"

namespace complaint {

enum class PrintResult { printed, failed };

struct PrintOutcome {
  PrintResult result = PrintResult::failed;
  std::int64_t print_job_row = 0;  // print_jobs.id; 0 for a test page
  int spooler_job = 0;             // the CUPS job id; 0 when never accepted
  std::string reason;              // "" when printed; else "media-empty", "paused", "timeout", ...
  std::string reason_key;          // catalog key for `reason`, e.g. "receipt.print.reason.media_empty"
  std::string message_key;         // "receipt.print.printed" or "receipt.print.failed"
  std::string detail;              // English detail for logs and complaintctl (printer-state-message)

  bool printed() const { return result == PrintResult::printed; }
};

// The catalogs receipts are written with: the customer's language picks one, staff copies zh-CN.
struct ReceiptCatalogs {
  const Catalog& zh_cn;
  const Catalog& en;
  const Catalog& for_language(const std::string& language) const { return language == "en" ? en : zh_cn; }
};

struct PrintServiceOptions {
  std::chrono::milliseconds poll_interval{250};
  // How the service waits between polls; tests with a FixedClock advance the clock here.
  std::function<void(std::chrono::milliseconds)> sleep;  // empty: std::this_thread::sleep_for
  // Polled while waiting for the spooler: true stops the wait (the program is quitting). The
  // job is left to the spooler and its row stays "sent": never recorded as printed.
  std::function<bool()> abandon;
  // What the receipt's words count from ("还有N天", "明天", the dates): the kiosk's own clock,
  // fake under --fake-clock, so the receipt agrees with the screens. Null: the service's clock.
  // Waiting for the spooler and the print_jobs times stay on the service's (real) clock, since
  // a frozen fake clock would never time a job out.
  const Clock* words_clock = nullptr;
};

// The receipt of a stored ticket as print_receipt lays it out (the customer's catalog, the
// staff copy as asked, with `reprint` the current status "as of" its latest event): the one
// layout whether it is printed or, at the desk, downloaded as a PDF.
Result<ReceiptLayout> stored_receipt_layout(TicketRepository& tickets, const std::string& number,
                                            const ReceiptSources& base, ReceiptCatalogs catalogs,
                                            StaffCopy staff_copy, ReceiptPrint print);
// The same layout of a ticket the caller has read already (an original, no reprint status).
ReceiptLayout ticket_receipt_layout(const Ticket& ticket, const ReceiptSources& base,
                                    ReceiptCatalogs catalogs, StaffCopy staff_copy,
                                    std::optional<ReprintStatus> reprint = std::nullopt);

// The QR of a test page: the tracking site's root ("https://desk.example/"), never a ticket.
std::string test_page_url(const Config& config);

class PrintService {
 public:
  PrintService(const Config& config, const PrinterConfig& printer_config, const Taxonomy& taxonomy,
               const WorkCalendar& calendar, SqliteTicketStore& store, Printer& printer,
               ReceiptRenderer& renderer, const Clock& clock, ReceiptCatalogs catalogs,
               PrintServiceOptions options = {});
  // Over any ticket store, with no print_jobs rows (the desk, whose PostgreSQL store has
  // none): the outcome is the caller's to report.
  PrintService(const Config& config, const PrinterConfig& printer_config, const Taxonomy& taxonomy,
               const WorkCalendar& calendar, TicketRepository& tickets, Printer& printer,
               ReceiptRenderer& renderer, const Clock& clock, ReceiptCatalogs catalogs,
               PrintServiceOptions options = {});

  // Prints (or reprints) the receipt of a stored ticket and waits for the job to finish,
  // at most [printer] job_timeout_seconds. A printer failure is a failed outcome, not an
  // error; errors are for an unknown number (not_found) and store failures. A reprint
  // (staff mode, `complaintctl reprint`) also shows the ticket's current status.
  Result<PrintOutcome> print_receipt(const std::string& number, ReceiptPrint print = ReceiptPrint::original);
  // A test page (no ticket, no print_jobs row) showing `url` as its QR code.
  Result<PrintOutcome> print_test_page(const std::string& language, const std::string& url);

 private:
  struct Attempt;
  PrintOutcome run_job(const ReceiptLayout& layout, Attempt& attempt);
  void record(Attempt& attempt, const std::string& state, const std::string& reason);
  Instant words_now() const;

  const Config& m_config;  // the site and the tracking URL
  const PrinterConfig& m_printer_config;
  const Taxonomy& m_taxonomy;
  const WorkCalendar& m_calendar;
  TicketRepository& m_tickets;
  SqliteTicketStore* m_jobs;  // where print_jobs rows go; null: none kept
  Printer& m_printer;
  ReceiptRenderer& m_renderer;
  const Clock& m_clock;
  ReceiptCatalogs m_catalogs;
  PrintServiceOptions m_options;
};

}  // namespace complaint
