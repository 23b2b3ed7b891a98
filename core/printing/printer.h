// Printer: the receipt printer as core sees it (submit a document, watch the job and the
// printer, cancel). Real ones: drivers/printer (CUPS, file); FakePrinter is the fake.
// Invariant: job ids are positive; a JobState is terminal only once the spooler says so.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/printing/printer_config.h"

namespace complaint {

// The bytes of one print job and what they are (pdf for driver queues, escpos for raw ones).
struct PrintDocument {
  std::string title;  // the job name the spooler shows, e.g. the ticket number
  ReceiptFormat format = ReceiptFormat::pdf;
  std::string bytes;  // binary: ESC/POS and PDF both contain NUL bytes
};

// IPP job-state (RFC 8011 §5.3.7), plus unknown for a job the spooler no longer knows.
enum class JobState { pending, held, processing, stopped, cancelled, aborted, completed, unknown };
const char* to_string(JobState state);
// completed, cancelled and aborted: the spooler will do nothing more with the job.
bool is_terminal(JobState state);

// IPP printer-state (idle, processing, stopped) with its reasons ("media-empty",
// "offline-report", "paused", ...: the "-error"/"-warning"/"-report" suffixes kept).
enum class PrinterState { idle, processing, stopped, unknown };
const char* to_string(PrinterState state);

struct PrinterStatus {
  PrinterState state = PrinterState::unknown;
  std::vector<std::string> reasons;  // "none" is dropped
  std::string message;               // printer-state-message, e.g. "Out of paper"
  bool accepting_jobs = true;
};

struct JobStatus {
  JobState state = JobState::unknown;
  std::vector<std::string> reasons;  // job-state-reasons, e.g. "job-completed-successfully"
  std::string message;               // the spooler's words about the job, if any
};

// Why a print failed, reduced to what the UI shows: one of the reason keys below. Picks the
// most specific printer reason (media-empty before offline before paused/stopped).
// Returns "" when nothing in `status` explains a failure.
std::string failure_reason(const PrinterStatus& status);
// "media-empty" -> "receipt.print.reason.media_empty" (catalog key), unknown -> ...other.
std::string reason_catalog_key(const std::string& reason);

class Printer {
 public:
  virtual ~Printer() = default;
  // The queue or device name recorded in print_jobs rows.
  virtual std::string name() const = 0;
  // Hands the whole document to the spooler; returns the job id once it was accepted.
  virtual Result<int> submit(const PrintDocument& document) = 0;
  virtual Result<JobStatus> job_status(int job_id) = 0;
  virtual Result<PrinterStatus> printer_status() = 0;
  virtual Result<void> cancel(int job_id) = 0;
};

}  // namespace complaint
