// FilePrinter: the development printer (the embedded default when [printer] queue is
// empty). Each job is written whole to <dir>/<title>-<job>.<pdf|png|escpos>, through a
// temporary file and a rename, so a job is completed exactly when its file exists.
#pragma once

#include <map>
#include <string>

#include "core/printing/printer.h"

namespace complaint {

class FilePrinter final : public Printer {
 public:
  explicit FilePrinter(std::string directory) : m_directory(std::move(directory)) {}

  std::string name() const override { return "file:" + m_directory; }
  Result<int> submit(const PrintDocument& document) override;
  Result<JobStatus> job_status(int job_id) override;
  Result<PrinterStatus> printer_status() override;
  Result<void> cancel(int job_id) override;

  // The file a completed job was written to ("" when unknown).
  std::string path_of(int job_id) const;

 private:
  std::string m_directory;
  std::map<int, std::string> m_files;
  int m_next_job = 1;
};

}  // namespace complaint
