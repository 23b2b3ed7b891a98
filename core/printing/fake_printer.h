// FakePrinter: a scriptable Printer for tests. Each submitted job follows the scripted
// JobScript (complete after n polls, stay stuck, stop the printer with a reason, stop the
// job alone, abort);
// any operation can fail after n calls, once or from then on (FaultScript).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/base/fault_script.h"
#include "core/printing/printer.h"

namespace complaint {

enum class PrinterOperation { submit, job_status, printer_status, cancel };

enum class JobScript {
  complete,      // processing for `polls_before_done` polls, then completed
  stuck,         // processing for ever (the printer never answers)
  stop_printer,  // the printer stops with `stop_reason` and the job stays pending
  abort,         // the spooler aborts the job
  stop_job,      // the job stops, printer idle, with `stop_reason` as the spooler's message
};

class FakePrinter final : public Printer {
 public:
  explicit FakePrinter(std::string name = "fake") : m_name(std::move(name)) {}

  void script(JobScript script, int polls_before_done = 1, std::string stop_reason = "media-empty-error");
  void fail(PrinterOperation operation, int after_calls, FailureMode mode);
  void clear_failures() { m_faults.clear(); }
  // Paper loaded and `cupsenable`: the printer runs again and new jobs complete.
  void resume();

  const std::vector<PrintDocument>& submitted() const { return m_submitted; }
  const std::vector<int>& cancelled() const { return m_cancelled; }
  // Jobs that reached `completed`: what "paper came out" means to the tests.
  int completed_jobs() const;
  int calls(PrinterOperation operation) const { return m_faults.calls(operation); }

  std::string name() const override { return m_name; }
  Result<int> submit(const PrintDocument& document) override;
  Result<JobStatus> job_status(int job_id) override;
  Result<PrinterStatus> printer_status() override;
  Result<void> cancel(int job_id) override;

 private:
  struct Job {
    JobScript script = JobScript::complete;
    int polls_left = 0;
    JobState state = JobState::pending;
  };

  std::string m_name;
  JobScript m_script = JobScript::complete;
  int m_polls_before_done = 1;
  std::string m_stop_reason;
  bool m_stopped = false;
  std::map<int, Job> m_jobs;
  std::vector<PrintDocument> m_submitted;
  std::vector<int> m_cancelled;
  FaultScript<PrinterOperation> m_faults;
};

}  // namespace complaint
