// FaultyPrinter: wraps a real Printer (CUPS) and fails chosen operations after n calls, once
// or from then on, so the real-cupsd tests get fault siblings with the real spooler behind.
#pragma once

#include "core/printing/fake_printer.h"

namespace complaint::test {

class FaultyPrinter final : public Printer {
 public:
  explicit FaultyPrinter(Printer& inner) : m_inner(inner) {}
  void fail(PrinterOperation operation, int after_calls, FailureMode mode) {
    m_faults.fail(operation, after_calls, mode,
                  Error::make(ErrorCode::io, "injected printer fault", "FaultyPrinter"));
  }
  void clear() { m_faults.clear(); }

  std::string name() const override { return m_inner.name(); }
  Result<int> submit(const PrintDocument& document) override {
    if (auto error = m_faults.on_call(PrinterOperation::submit)) return *error;
    return m_inner.submit(document);
  }
  Result<JobStatus> job_status(int job_id) override {
    if (auto error = m_faults.on_call(PrinterOperation::job_status)) return *error;
    return m_inner.job_status(job_id);
  }
  Result<PrinterStatus> printer_status() override {
    if (auto error = m_faults.on_call(PrinterOperation::printer_status)) return *error;
    return m_inner.printer_status();
  }
  Result<void> cancel(int job_id) override {
    if (auto error = m_faults.on_call(PrinterOperation::cancel)) return *error;
    return m_inner.cancel(job_id);
  }

 private:
  Printer& m_inner;
  FaultScript<PrinterOperation> m_faults;
};

}  // namespace complaint::test
