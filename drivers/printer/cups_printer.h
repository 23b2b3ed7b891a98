// CupsPrinter: a Printer over libcups' job API (create job, start document, write,
// finish) and IPP Get-Job-Attributes / Get-Printer-Attributes for watching. The server
// is libcups' choice: $CUPS_SERVER, else ~/.cups/client.conf, else the local cupsd.
// Invariant: no libcups type leaves the .cpp; every IPP failure becomes an Error with
// the call, cupsLastErrorString() and the IPP status.
#pragma once

#include <string>

#include "core/printing/printer.h"

namespace complaint {

class CupsPrinter final : public Printer {
 public:
  explicit CupsPrinter(std::string queue) : m_queue(std::move(queue)) {}

  std::string name() const override { return m_queue; }
  Result<int> submit(const PrintDocument& document) override;
  Result<JobStatus> job_status(int job_id) override;
  Result<PrinterStatus> printer_status() override;
  Result<void> cancel(int job_id) override;

 private:
  std::string m_queue;
};

}  // namespace complaint
