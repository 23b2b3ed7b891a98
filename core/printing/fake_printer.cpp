// FakePrinter: jobs advance one step per job_status poll, as a spooler's would between polls.
#include "core/printing/fake_printer.h"

namespace complaint {

void FakePrinter::script(JobScript script, int polls_before_done, std::string stop_reason) {
  m_script = script;
  m_polls_before_done = polls_before_done;
  m_stop_reason = std::move(stop_reason);
}

void FakePrinter::fail(PrinterOperation operation, int after_calls, FailureMode mode) {
  m_faults.fail(operation, after_calls, mode, Error::make(ErrorCode::io, "scripted printer failure", "fake"));
}

void FakePrinter::resume() {
  m_stopped = false;
  m_script = JobScript::complete;
}

int FakePrinter::completed_jobs() const {
  int count = 0;
  for (const auto& [id, job] : m_jobs) count += job.state == JobState::completed ? 1 : 0;
  return count;
}

Result<int> FakePrinter::submit(const PrintDocument& document) {
  if (auto error = m_faults.on_call(PrinterOperation::submit)) return *error;
  const int id = static_cast<int>(m_jobs.size()) + 1;
  m_jobs[id] = Job{m_script, m_polls_before_done, JobState::pending};
  m_submitted.push_back(document);
  return id;
}

Result<JobStatus> FakePrinter::job_status(int job_id) {
  if (auto error = m_faults.on_call(PrinterOperation::job_status)) return *error;
  const auto found = m_jobs.find(job_id);
  if (found == m_jobs.end()) return JobStatus{JobState::unknown, {}, {}};
  Job& job = found->second;
  if (is_terminal(job.state)) return JobStatus{job.state, {}, {}};
  switch (job.script) {
    case JobScript::complete:
      job.state = job.polls_left-- > 0 ? JobState::processing : JobState::completed;
      break;
    case JobScript::stuck:
      job.state = JobState::processing;
      break;
    case JobScript::stop_printer:
      m_stopped = true;
      job.state = JobState::pending;
      break;
    case JobScript::abort:
      job.state = JobState::aborted;
      break;
    case JobScript::stop_job:
      job.state = JobState::stopped;
      return JobStatus{job.state, {"job-stopped"}, m_stop_reason};
  }
  return JobStatus{job.state, {}, {}};
}

Result<PrinterStatus> FakePrinter::printer_status() {
  if (auto error = m_faults.on_call(PrinterOperation::printer_status)) return *error;
  PrinterStatus status;
  status.state = m_stopped ? PrinterState::stopped : PrinterState::idle;
  if (m_stopped) status.reasons = {m_stop_reason, "paused"};
  return status;
}

Result<void> FakePrinter::cancel(int job_id) {
  if (auto error = m_faults.on_call(PrinterOperation::cancel)) return *error;
  const auto found = m_jobs.find(job_id);
  if (found == m_jobs.end()) return Error::make(ErrorCode::not_found, "no job", "cancel");
  if (!is_terminal(found->second.state)) found->second.state = JobState::cancelled;
  m_cancelled.push_back(job_id);
  return Ok{};
}

}  // namespace complaint
