// CupsPrinter (see header). One HTTP connection per call: the kiosk prints a few receipts
// an hour, and a fresh connection survives a cupsd restart without reconnect logic.
#include "drivers/printer/cups_printer.h"

#include <cups/cups.h>
#include <memory>

namespace complaint {

namespace {

struct HttpClose {
  void operator()(http_t* http) const { httpClose(http); }
};
struct IppFree {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;
using IppPtr = std::unique_ptr<ipp_t, IppFree>;

Error cups_failure(const char* call, const std::string& what) {
  const ipp_status_t status = cupsLastError();
  // "Not found"/"Forbidden" for a queue mean a deployment mistake; the rest is I/O.
  const ErrorCode code =
      status == IPP_STATUS_ERROR_NOT_FOUND ? ErrorCode::not_found
      : status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL
          ? ErrorCode::unavailable
          : ErrorCode::io;
  return Error::make(code, what + ": " + cupsLastErrorString(), call, static_cast<int>(status));
}

Result<HttpPtr> connect() {
  HttpPtr http(
      httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, 10000, nullptr));
  if (!http) {
    return Error::make(ErrorCode::unavailable, std::string("cannot reach the CUPS server ") + cupsServer(),
                       "httpConnect2", errno);
  }
  return http;
}

std::string printer_uri(const std::string& queue) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(),
                   "/printers/%s", queue.c_str());
  return uri;
}

const char* mime_type(ReceiptFormat format) {
  switch (format) {
    case ReceiptFormat::pdf:
      return "application/pdf";
    case ReceiptFormat::png:
      return "image/png";
    case ReceiptFormat::escpos:
      break;
  }
  return CUPS_FORMAT_RAW;  // ESC/POS goes to a raw queue untouched
}

std::vector<std::string> keywords(ipp_attribute_t* attribute) {
  std::vector<std::string> values;
  for (int i = 0; attribute != nullptr && i < ippGetCount(attribute); ++i) {
    const char* value = ippGetString(attribute, i, nullptr);
    if (value != nullptr && std::string_view(value) != "none") values.emplace_back(value);
  }
  return values;
}

// The job and document names with white space and control characters replaced by '_'.
// Debian 12's cupsd 2.4.2-3+deb12u10 crashes (SIGSEGV in get_options, an endless write of
// spaces) when starting a job whose document-name contains white space, e.g. "test page";
// earlier builds did not. A receipt's title is its ticket number, so only the test page and
// future titles are affected; the name is only a label in lpstat and the job history.
std::string spooler_safe_name(const std::string& title) {
  std::string name = title;
  for (char& c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) c = '_';
  }
  return name;
}

}  // namespace

Result<int> CupsPrinter::submit(const PrintDocument& document) {
  TRY_ASSIGN(HttpPtr http, connect());
  cups_option_t* options = nullptr;
  int option_count = 0;
  // The QR is drawn in whole device dots: the filters must not scale the page to fit.
  if (document.format != ReceiptFormat::escpos) {
    option_count = cupsAddOption("print-scaling", "none", option_count, &options);
    option_count = cupsAddOption("fit-to-page", "false", option_count, &options);
  }
  const std::string name = spooler_safe_name(document.title);
  const int job = cupsCreateJob(http.get(), m_queue.c_str(), name.c_str(), option_count, options);
  cupsFreeOptions(option_count, options);
  if (job == 0) return cups_failure("cupsCreateJob", "queue " + m_queue + " refused the job");

  auto abandon = [&](const char* call) {
    Error error = cups_failure(call, "sending job " + std::to_string(job) + " to " + m_queue);
    cupsCancelJob2(http.get(), m_queue.c_str(), job, 0);
    return error;
  };
  if (cupsStartDocument(http.get(), m_queue.c_str(), job, name.c_str(), mime_type(document.format), 1) !=
      HTTP_STATUS_CONTINUE)
    return abandon("cupsStartDocument");
  // Explicit length: ESC/POS and PDF bytes contain NULs.
  if (cupsWriteRequestData(http.get(), document.bytes.data(), document.bytes.size()) != HTTP_STATUS_CONTINUE)
    return abandon("cupsWriteRequestData");
  if (cupsFinishDocument(http.get(), m_queue.c_str()) != IPP_STATUS_OK) return abandon("cupsFinishDocument");
  return job;
}

Result<JobStatus> CupsPrinter::job_status(int job_id) {
  TRY_ASSIGN(HttpPtr http, connect());
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(m_queue).c_str());
  ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  static const char* const k_wanted[] = {"job-state", "job-state-reasons", "job-printer-state-message"};
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, k_wanted);
  IppPtr response(cupsDoRequest(http.get(), request, "/"));
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return JobStatus{JobState::unknown, {}, {}};
    return cups_failure("cupsDoRequest(Get-Job-Attributes)", "job " + std::to_string(job_id));
  }
  JobStatus status;
  ipp_attribute_t* state = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
  switch (state != nullptr ? ippGetInteger(state, 0) : 0) {
    case IPP_JSTATE_PENDING:
      status.state = JobState::pending;
      break;
    case IPP_JSTATE_HELD:
      status.state = JobState::held;
      break;
    case IPP_JSTATE_PROCESSING:
      status.state = JobState::processing;
      break;
    case IPP_JSTATE_STOPPED:
      status.state = JobState::stopped;
      break;
    case IPP_JSTATE_CANCELED:
      status.state = JobState::cancelled;
      break;
    case IPP_JSTATE_ABORTED:
      status.state = JobState::aborted;
      break;
    case IPP_JSTATE_COMPLETED:
      // Completed means the backend handed every byte to the device and exited cleanly; CUPS
      // cannot see paper. A thermal printer out of paper may still swallow the bytes.
      status.state = JobState::completed;
      break;
    default:
      status.state = JobState::unknown;
      break;
  }
  status.reasons = keywords(ippFindAttribute(response.get(), "job-state-reasons", IPP_TAG_KEYWORD));
  // CUPS keeps its reason for stopping a job here, e.g. that it could not open the output file.
  if (ipp_attribute_t* message =
          ippFindAttribute(response.get(), "job-printer-state-message", IPP_TAG_TEXT)) {
    const char* text = ippGetString(message, 0, nullptr);
    status.message = text != nullptr ? text : "";
  }
  return status;
}

Result<PrinterStatus> CupsPrinter::printer_status() {
  TRY_ASSIGN(HttpPtr http, connect());
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(m_queue).c_str());
  static const char* const k_wanted[] = {"printer-state", "printer-state-reasons", "printer-state-message",
                                         "printer-is-accepting-jobs"};
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, k_wanted);
  IppPtr response(cupsDoRequest(http.get(), request, "/"));
  if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
    return cups_failure("cupsDoRequest(Get-Printer-Attributes)", "printer " + m_queue);
  PrinterStatus status;
  ipp_attribute_t* state = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM);
  switch (state != nullptr ? ippGetInteger(state, 0) : 0) {
    case IPP_PSTATE_IDLE:
      status.state = PrinterState::idle;
      break;
    case IPP_PSTATE_PROCESSING:
      status.state = PrinterState::processing;
      break;
    case IPP_PSTATE_STOPPED:
      status.state = PrinterState::stopped;
      break;
    default:
      status.state = PrinterState::unknown;
      break;
  }
  status.reasons = keywords(ippFindAttribute(response.get(), "printer-state-reasons", IPP_TAG_KEYWORD));
  if (ipp_attribute_t* message = ippFindAttribute(response.get(), "printer-state-message", IPP_TAG_TEXT)) {
    const char* text = ippGetString(message, 0, nullptr);
    status.message = text != nullptr ? text : "";
  }
  if (ipp_attribute_t* accepting =
          ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
    status.accepting_jobs = ippGetBoolean(accepting, 0) != 0;
  return status;
}

Result<void> CupsPrinter::cancel(int job_id) {
  TRY_ASSIGN(HttpPtr http, connect());
  if (cupsCancelJob2(http.get(), m_queue.c_str(), job_id, 0) != IPP_STATUS_OK)
    return cups_failure("cupsCancelJob2", "cancelling job " + std::to_string(job_id));
  return Ok{};
}

}  // namespace complaint
