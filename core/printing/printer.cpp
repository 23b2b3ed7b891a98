// Printer vocabulary: IPP state names and the reduction of printer-state-reasons to the one
// reason a customer or receptionist is shown. Warnings (media-low-warning) never fail a job.
#include "core/printing/printer.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace complaint {

namespace {

// Most specific first: "out of paper" tells the receptionist what to do, "paused" does not.
constexpr std::array<std::string_view, 9> k_failure_reasons = {"media-empty", "media-needed", "media-jam",
                                                               "cover-open",  "door-open",    "offline",
                                                               "shutdown",    "stopped",      "paused"};

// "media-empty-error" -> "media-empty"; warnings give "" (they never explain a failure).
std::string_view reason_base(std::string_view reason) {
  for (std::string_view suffix : {std::string_view("-error"), std::string_view("-report")}) {
    if (reason.ends_with(suffix)) return reason.substr(0, reason.size() - suffix.size());
  }
  if (reason.ends_with("-warning")) return {};
  return reason;
}

}  // namespace

const char* to_string(JobState state) {
  switch (state) {
    case JobState::pending:
      return "pending";
    case JobState::held:
      return "held";
    case JobState::processing:
      return "processing";
    case JobState::stopped:
      return "stopped";
    case JobState::cancelled:
      return "cancelled";
    case JobState::aborted:
      return "aborted";
    case JobState::completed:
      return "completed";
    case JobState::unknown:
      break;
  }
  return "unknown";
}

bool is_terminal(JobState state) {
  return state == JobState::completed || state == JobState::cancelled || state == JobState::aborted;
}

const char* to_string(PrinterState state) {
  switch (state) {
    case PrinterState::idle:
      return "idle";
    case PrinterState::processing:
      return "processing";
    case PrinterState::stopped:
      return "stopped";
    case PrinterState::unknown:
      break;
  }
  return "unknown";
}

std::string failure_reason(const PrinterStatus& status) {
  for (std::string_view wanted : k_failure_reasons) {
    const bool present =
        std::any_of(status.reasons.begin(), status.reasons.end(),
                    [&](const std::string& reason) { return reason_base(reason) == wanted; });
    if (present) return std::string(wanted);
  }
  if (status.state == PrinterState::stopped) return "stopped";
  if (!status.accepting_jobs) return "not-accepting";
  return {};
}

std::string reason_catalog_key(const std::string& reason) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> k_keys = {{
      {"media-empty", "media_empty"},
      {"media-needed", "media_empty"},
      {"media-jam", "media_jam"},
      {"cover-open", "cover_open"},
      {"door-open", "cover_open"},
      {"offline", "offline"},
      {"shutdown", "offline"},
      {"stopped", "paused"},
      {"paused", "paused"},
      {"not-accepting", "paused"},
      {"timeout", "timeout"},
      {"job-aborted", "failed"},
      {"job-stopped", "failed"},
      {"job-cancelled", "cancelled"},
      {"unavailable", "unavailable"},
  }};
  for (const auto& [name, key] : k_keys) {
    if (reason == name) return "receipt.print.reason." + std::string(key);
  }
  return "receipt.print.reason.other";
}

}  // namespace complaint
