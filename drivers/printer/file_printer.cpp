// FilePrinter (see header). Ticket numbers are [A-Z0-9-], so titles are safe file names;
// anything else is replaced by '_' to keep every file inside the directory.
#include "drivers/printer/file_printer.h"

#include "core/base/replace_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace complaint {

namespace {

const char* extension(ReceiptFormat format) {
  switch (format) {
    case ReceiptFormat::pdf:
      return ".pdf";
    case ReceiptFormat::png:
      return ".png";
    case ReceiptFormat::escpos:
      break;
  }
  return ".escpos";
}

std::string safe_name(const std::string& title) {
  std::string name = title.empty() ? "receipt" : title;
  for (char& c : name) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!plain) c = '_';
  }
  return name;
}

}  // namespace

Result<int> FilePrinter::submit(const PrintDocument& document) {
  std::error_code error;
  std::filesystem::create_directories(m_directory, error);
  if (error)
    return Error::make(ErrorCode::io, "cannot create " + m_directory + ": " + error.message(),
                       "create_directories", error.value());
  // Job ids continue after files already there, so a restart never overwrites a receipt.
  const std::string stem = m_directory + "/" + safe_name(document.title) + "-";
  std::string path;
  for (;; ++m_next_job) {
    path = stem + std::to_string(m_next_job) + extension(document.format);
    if (!std::filesystem::exists(path)) break;
  }
  const int job = m_next_job++;
  TRY_VOID(replace_file(path, document.bytes));
  m_files[job] = path;
  return job;
}

Result<JobStatus> FilePrinter::job_status(int job_id) {
  const auto found = m_files.find(job_id);
  if (found == m_files.end()) return JobStatus{JobState::unknown, {}, {}};
  return JobStatus{JobState::completed, {"job-completed-successfully"}, {}};
}

Result<PrinterStatus> FilePrinter::printer_status() {
  return PrinterStatus{PrinterState::idle, {}, "", true};
}

Result<void> FilePrinter::cancel(int job_id) {
  // The file is already whole: there is nothing to stop.
  if (m_files.count(job_id) == 0)
    return Error::make(ErrorCode::not_found, "no job " + std::to_string(job_id), "cancel");
  return Ok{};
}

std::string FilePrinter::path_of(int job_id) const {
  const auto found = m_files.find(job_id);
  return found == m_files.end() ? std::string() : found->second;
}

}  // namespace complaint
