// String ids of Status, Severity and Satisfaction (the spelling used in JSON, SQL, the CLI
// and i18n keys such as "status.filed"); from_string is the exact inverse of to_string.
#include "core/domain/ticket.h"

#include <array>
#include <utility>

namespace complaint {

namespace {

template <class Enum, std::size_t N>
using Names = std::array<std::pair<Enum, const char*>, N>;

constexpr Names<Status, 7> k_status_names{{{Status::filed, "filed"},
                                           {Status::forwarded, "forwarded"},
                                           {Status::in_progress, "in_progress"},
                                           {Status::replied, "replied"},
                                           {Status::called_back, "called_back"},
                                           {Status::archived, "archived"},
                                           {Status::withdrawn, "withdrawn"}}};

constexpr Names<Severity, 3> k_severity_names{
    {{Severity::light, "light"}, {Severity::general, "general"}, {Severity::major, "major"}}};

// "none" is accepted back because stored tickets and JSON carry it for "not yet called back".
constexpr Names<Satisfaction, 4> k_satisfaction_names{
    {{Satisfaction::none, "none"},
     {Satisfaction::satisfied, "satisfied"},
     {Satisfaction::basically_satisfied, "basically_satisfied"},
     {Satisfaction::dissatisfied, "dissatisfied"}}};

constexpr Names<Substantiated, 4> k_substantiated_names{{{Substantiated::none, "none"},
                                                         {Substantiated::substantiated, "substantiated"},
                                                         {Substantiated::unsubstantiated, "unsubstantiated"},
                                                         {Substantiated::partly, "partly"}}};

constexpr Names<Escalation, 4> k_escalation_names{{{Escalation::none, "none"},
                                                   {Escalation::supervisor, "supervisor"},
                                                   {Escalation::executive, "executive"},
                                                   {Escalation::settled, "settled"}}};

constexpr Names<Investigation, 3> k_investigation_names{
    {{Investigation::none, "none"}, {Investigation::open, "open"}, {Investigation::closed, "closed"}}};

template <class Enum, std::size_t N>
const char* name_of(const Names<Enum, N>& names, Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";  // only reachable through a cast of an out-of-range integer
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) {
  for (const auto& [value, name] : names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(Status status) {
  return name_of(k_status_names, status);
}
const char* to_string(Severity severity) {
  return name_of(k_severity_names, severity);
}
const char* to_string(Satisfaction satisfaction) {
  return name_of(k_satisfaction_names, satisfaction);
}

std::optional<Status> status_from_string(std::string_view text) {
  return value_of(k_status_names, text);
}
std::optional<Severity> severity_from_string(std::string_view text) {
  return value_of(k_severity_names, text);
}
std::optional<Satisfaction> satisfaction_from_string(std::string_view text) {
  return value_of(k_satisfaction_names, text);
}

const char* to_string(Substantiated substantiated) {
  return name_of(k_substantiated_names, substantiated);
}

std::optional<Substantiated> substantiated_from_string(std::string_view text) {
  return value_of(k_substantiated_names, text);
}

const char* to_string(Escalation escalation) {
  return name_of(k_escalation_names, escalation);
}
const char* to_string(Investigation investigation) {
  return name_of(k_investigation_names, investigation);
}
std::optional<Escalation> escalation_from_string(std::string_view text) {
  return value_of(k_escalation_names, text);
}
std::optional<Investigation> investigation_from_string(std::string_view text) {
  return value_of(k_investigation_names, text);
}

bool is_open(Status status) {
  return status != Status::archived && status != Status::withdrawn;
}

}  // namespace complaint
