// PrintService (see header): one print_jobs row per attempt, moved pending -> sent ->
// completed | failed | cancelled as the spooler reports; the printer's reason is kept.
#include "core/printing/print_service.h"

#include <thread>

#include "core/domain/tracking_token.h"

namespace complaint {

struct PrintService::Attempt {
  std::int64_t row = 0;  // 0: nothing to record (test page)
  std::string document_title;
  std::string store_problem;  // a print_jobs update that failed; the outcome still stands
};

PrintService::PrintService(const Config& config, const PrinterConfig& printer_config,
                           const Taxonomy& taxonomy, const WorkCalendar& calendar, SqliteTicketStore& store,
                           Printer& printer, ReceiptRenderer& renderer, const Clock& clock,
                           ReceiptCatalogs catalogs, PrintServiceOptions options)
    : PrintService(config, printer_config, taxonomy, calendar, static_cast<TicketRepository&>(store), printer,
                   renderer, clock, catalogs, std::move(options)) {
  m_jobs = &store;
}

PrintService::PrintService(const Config& config, const PrinterConfig& printer_config,
                           const Taxonomy& taxonomy, const WorkCalendar& calendar, TicketRepository& tickets,
                           Printer& printer, ReceiptRenderer& renderer, const Clock& clock,
                           ReceiptCatalogs catalogs, PrintServiceOptions options)
    : m_config(config),
      m_printer_config(printer_config),
      m_taxonomy(taxonomy),
      m_calendar(calendar),
      m_tickets(tickets),
      m_jobs(nullptr),
      m_printer(printer),
      m_renderer(renderer),
      m_clock(clock),
      m_catalogs(catalogs),
      m_options(std::move(options)) {
  if (!m_options.sleep) m_options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

Result<ReceiptLayout> stored_receipt_layout(TicketRepository& tickets, const std::string& number,
                                            const ReceiptSources& base, ReceiptCatalogs catalogs,
                                            StaffCopy staff_copy, ReceiptPrint print) {
  TRY_ASSIGN(const std::optional<Ticket> found, tickets.find(number));
  if (!found) return unknown_ticket_error(number);
  std::optional<ReprintStatus> reprint;
  if (print == ReceiptPrint::reprint) {
    TRY_ASSIGN(const std::vector<TicketEvent> events, tickets.events(number));
    reprint = ReprintStatus{events.empty() ? found->filed_at : events.back().at};
  }
  return ticket_receipt_layout(*found, base, catalogs, staff_copy, reprint);
}

ReceiptLayout ticket_receipt_layout(const Ticket& ticket, const ReceiptSources& base,
                                    ReceiptCatalogs catalogs, StaffCopy staff_copy,
                                    std::optional<ReprintStatus> reprint) {
  const ReceiptSources sources{base.config,    base.taxonomy,
                               base.zone,      catalogs.for_language(ticket.language),
                               catalogs.zh_cn, base.now};
  const std::string url = tracking_url(base.config.tracking_url, ticket.number, ticket.tracking_token);
  return build_receipt(ticket, url, sources, staff_copy, reprint);
}

std::string test_page_url(const Config& config) {
  const std::string& url = config.tracking_url;
  const std::size_t scheme = url.find("://");
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return path == std::string::npos ? url + "/" : url.substr(0, path + 1);
}

Result<PrintOutcome> PrintService::print_receipt(const std::string& number, ReceiptPrint print) {
  const ReceiptSources base{m_config,         m_taxonomy,       m_calendar.zone(),
                            m_catalogs.zh_cn, m_catalogs.zh_cn, words_now()};
  const StaffCopy staff = m_printer_config.staff_copy ? StaffCopy::include : StaffCopy::omit;
  TRY_ASSIGN(const ReceiptLayout layout,
             stored_receipt_layout(m_tickets, number, base, m_catalogs, staff, print));

  Attempt attempt;
  attempt.document_title = layout.number;
  if (m_jobs != nullptr) {
    TRY_ASSIGN(attempt.row, m_jobs->add_print_job(layout.number, m_printer.name(), m_clock.now()));
  }
  PrintOutcome outcome = run_job(layout, attempt);
  if (!attempt.store_problem.empty()) outcome.detail += "; " + attempt.store_problem;
  return outcome;
}

Result<PrintOutcome> PrintService::print_test_page(const std::string& language, const std::string& url) {
  const Catalog& catalog = m_catalogs.for_language(language);
  const ReceiptSources sources{m_config, m_taxonomy,       m_calendar.zone(),
                               catalog,  m_catalogs.zh_cn, words_now()};
  Attempt attempt;
  attempt.document_title = "test page";
  return run_job(build_test_receipt(sources, sources.now, url), attempt);
}

Instant PrintService::words_now() const {
  return m_options.words_clock != nullptr ? m_options.words_clock->now() : m_clock.now();
}

void PrintService::record(Attempt& attempt, const std::string& state, const std::string& reason) {
  if (attempt.row == 0) return;
  auto stored = m_jobs->update_print_job(attempt.row, state, reason, m_clock.now());
  if (!stored.ok()) attempt.store_problem = "print job " + state + " not recorded: " + stored.error().message;
}

namespace {

PrintOutcome failed(std::string reason, std::string detail, int job = 0) {
  PrintOutcome outcome;
  outcome.result = PrintResult::failed;
  outcome.spooler_job = job;
  outcome.reason_key = reason_catalog_key(reason);
  outcome.reason = std::move(reason);
  outcome.message_key = "receipt.print.failed";
  outcome.detail = std::move(detail);
  return outcome;
}

std::string status_detail(const PrinterStatus& status) {
  std::string text = std::string("printer ") + to_string(status.state);
  for (const std::string& reason : status.reasons) text += " " + reason;
  if (!status.message.empty()) text += " (" + status.message + ")";
  return text;
}

}  // namespace

PrintOutcome PrintService::run_job(const ReceiptLayout& layout, Attempt& attempt) {
  auto finish = [&](PrintOutcome outcome, const char* state) {
    outcome.print_job_row = attempt.row;
    record(attempt, state, outcome.reason);
    return outcome;
  };

  auto document = m_renderer.render(layout, render_options(m_printer_config));
  if (!document.ok()) return finish(failed("render", document.error().message), "failed");
  document->title = attempt.document_title;

  auto submitted = m_printer.submit(*document);
  if (!submitted.ok()) {
    // Say why when the printer can tell (stopped, not accepting), else it is unavailable.
    auto status = m_printer.printer_status();
    std::string reason = status.ok() ? failure_reason(*status) : "";
    return finish(failed(reason.empty() ? "unavailable" : reason, submitted.error().message), "failed");
  }
  const int job = *submitted;
  record(attempt, "sent", "job " + std::to_string(job));

  const Instant deadline = m_clock.now() + std::chrono::seconds(m_printer_config.job_timeout_seconds);
  while (true) {
    auto job_state = m_printer.job_status(job);
    if (job_state.ok() && job_state->state == JobState::completed) {
      // "completed" only means the spooler delivered every byte to the printer (or its
      // backend finished); no spooler can see the paper itself. It is the best truth we have.
      PrintOutcome outcome;
      outcome.result = PrintResult::printed;
      outcome.spooler_job = job;
      outcome.message_key = "receipt.print.printed";
      return finish(outcome, "completed");
    }
    auto status = m_printer.printer_status();
    const std::string printer_reason = status.ok() ? failure_reason(*status) : "";
    std::string detail = status.ok() ? status_detail(*status) : status.error().message;
    if (job_state.ok() && !job_state->message.empty()) detail += "; job: " + job_state->message;
    if (job_state.ok() && is_terminal(job_state->state)) {
      const char* fallback = job_state->state == JobState::aborted ? "job-aborted" : "job-cancelled";
      return finish(failed(printer_reason.empty() ? fallback : printer_reason, detail, job), "failed");
    }
    // Only a stopped (or refusing) printer ends the wait early: a reason left over from an
    // earlier fault (media-empty-error on an idle queue) clears once the device reports again.
    const bool printer_down =
        status.ok() && (status->state == PrinterState::stopped || !status->accepting_jobs);
    // A stopped job on a printer that is not stopped waits for a person: CUPS stops a job when
    // the scheduler cannot open a file: queue's output, and nothing restarts it. Waiting for
    // the timeout would only keep the customer standing there.
    const bool job_stuck = job_state.ok() && job_state->state == JobState::stopped;
    if (job_stuck) detail += "; the spooler stopped the job";
    const bool timed_out = m_clock.now() >= deadline;
    if (printer_down || job_stuck || timed_out) {
      // Cancel, so the job cannot come out later beside a reprint. If it completed in the
      // meantime the receipt is out after all.
      auto cancelled = m_printer.cancel(job);
      auto after = m_printer.job_status(job);
      if (after.ok() && after->state == JobState::completed) continue;
      std::string why = !printer_reason.empty() ? printer_reason : job_stuck ? "job-stopped" : "timeout";
      std::string text =
          detail + (cancelled.ok() ? "; job cancelled" : "; cancel failed: " + cancelled.error().message);
      // "cancelled" only when the cancel took: otherwise the job may still come out later.
      const bool plain_timeout = cancelled.ok() && !printer_down && !job_stuck && printer_reason.empty();
      return finish(failed(why, text, job), plain_timeout ? "cancelled" : "failed");
    }
    if (m_options.abandon && m_options.abandon()) {
      PrintOutcome outcome = failed("interrupted", "stopped waiting for job " + std::to_string(job), job);
      outcome.print_job_row = attempt.row;
      return outcome;
    }
    m_options.sleep(m_options.poll_interval);
  }
}

}  // namespace complaint
