// Ticket and TicketEvent: the record form of docs/DOMAIN.md §5 and its append-only audit
// trail. Kinds, channels and categories are taxonomy ids (configuration, not enums).
// A new Ticket field is also added to the field table (core/domain/ticket_fields.h), which
// every store, the sync wire and complaintctl's JSON follow, and to a schema migration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/clock.h"

namespace complaint {

enum class Status { filed, forwarded, in_progress, replied, called_back, archived, withdrawn };
enum class Severity { light, general, major };
enum class Satisfaction { none, satisfied, basically_satisfied, dissatisfied };
// The verification's judgement (情况核实): 属实, 不属实, 部分属实; none until recorded.
enum class Substantiated { none, substantiated, unsubstantiated, partly };
// Where a dissatisfied callback stands (docs/DOMAIN.md §2): with the supervisor, then the
// executive, until a leader settles it with a finding. none: nothing was escalated.
enum class Escalation { none, supervisor, executive, settled };
// A withdrawal marked not voluntary opens an investigation a leader closes with a finding.
enum class Investigation { none, open, closed };

const char* to_string(Status status);
const char* to_string(Severity severity);
const char* to_string(Satisfaction satisfaction);
const char* to_string(Substantiated substantiated);
const char* to_string(Escalation escalation);
const char* to_string(Investigation investigation);
std::optional<Status> status_from_string(std::string_view text);
std::optional<Severity> severity_from_string(std::string_view text);
std::optional<Satisfaction> satisfaction_from_string(std::string_view text);
std::optional<Substantiated> substantiated_from_string(std::string_view text);
std::optional<Escalation> escalation_from_string(std::string_view text);
std::optional<Investigation> investigation_from_string(std::string_view text);
bool is_open(Status status);  // neither archived nor withdrawn

struct Deadlines {
  std::optional<Instant> forward_by;
  std::optional<Instant> contact_by;  // absent for anonymous tickets
  std::optional<Instant> resolve_by;
  std::optional<Instant> answer_by;    // inquiries
  std::optional<Instant> callback_by;  // set when the reply is recorded
  std::optional<Instant> callback_not_before;

  bool operator==(const Deadlines&) const = default;
};

struct Ticket {
  std::int64_t id = 0;  // store row id; 0 until stored
  std::string number;   // e.g. WH01-K1-20261122-0007-3 (see ticket_number.h)
  std::string tracking_token;
  // The short code for checking progress at the kiosk (core/domain/check_code.h), six symbols;
  // empty for a ticket filed without one (a kiosk with no [kiosk] check_code_station).
  std::string check_code;

  std::string kind;
  std::string channel;
  std::string category;
  // The customer's own choice on the kiosk ("卡被吞": a TaxonomyTopic id), which picked the
  // starting category; staff reclassifying the category keep it. Empty when none was chosen
  // (filed by staff, or before topics existed).
  std::string topic;
  Severity severity = Severity::general;
  std::string content;
  std::string desired_outcome;

  std::string customer_name;  // empty when anonymous
  std::string phone;          // digits only, normalised
  std::string address;        // address or building/unit (楼栋单元号)
  std::string language = "zh-CN";
  // Optional; validated (ticket_validation.h normalize_email). Empty when anonymous.
  std::string customer_email;
  // The customer opted in at intake to hear of progress (forwarded, answered) by SMS to the
  // phone and by email to customer_email (docs/DOMAIN.md §4a); never on an anonymous ticket.
  bool notify_customer = false;

  std::string site_code;
  std::string kiosk_id;
  Instant filed_at{};     // when the organisation received it (a letter: the day it arrived)
  Instant recorded_at{};  // when it was entered into the system
  std::string staff_involved;
  std::string recorded_by;  // the intake clerk, or "kiosk"

  bool major = false;
  bool major_notified = false;             // supervisor and deputy GM told (notify_major); gates handling
  std::vector<std::string> major_reasons;  // e.g. "category:rule_violation", "word:媒体"
  std::string repeat_of;                   // earlier ticket number, empty when none
  bool group = false;
  // The group complaint it belongs to (docs/DOMAIN.md §2, core/escalation/group_complaints.h):
  // the number of the group's first ticket; empty when in none. Set only by the desk.
  std::string group_id;
  bool anonymous = false;

  Status status = Status::filed;
  Deadlines deadlines;

  // Filled in while handling (docs/DOMAIN.md §5).
  std::string department;
  std::string verification;
  std::string handling_opinion;
  std::string handling_result;
  std::string callback_note;
  Satisfaction satisfaction = Satisfaction::none;
  std::string handler;
  std::string supervisor;
  std::optional<Instant> first_contact_at;
  std::optional<Instant> replied_at;
  std::optional<Instant> withdrawn_at;
  std::optional<bool> withdrawn_voluntarily;
  bool resolved_on_the_spot = false;
  int reopen_count = 0;
  // Recorded at verification (docs/DOMAIN.md §9): the judgement and who is responsible.
  Substantiated substantiated = Substantiated::none;
  std::string responsible_department;
  std::string responsible_person;  // optional
  // Legal hold (docs/DOMAIN.md §11): set by a supervisor; stops the retention clock.
  bool legal_hold = false;
  // Extensions of resolve_by (docs/DOMAIN.md §3a; workflow actions extend, approve_extension,
  // deny_extension). The reason text stays in the events' notes only: it may name people.
  std::string extension_reason;                      // reason category of the extension in force
  std::optional<Instant> resolve_by_original;        // the promise before this round's first extension
  std::optional<Instant> extension_requested_until;  // a request awaiting a supervisor, or none
  std::string extension_requested_reason;            // its reason category
  std::string extension_requested_by;                // who asked
  // A referral's own deadline (转办时限), given at intake; resolve_by is never later.
  std::optional<Instant> referrer_deadline;
  // A dissatisfied callback's escalation, and a not-voluntary withdrawal's investigation
  // (docs/DOMAIN.md §2); both gate what may follow.
  Escalation escalation = Escalation::none;
  Investigation investigation = Investigation::none;
  std::int64_t revision = 0;  // bumped by every stored change; guards concurrent updates

  bool operator==(const Ticket&) const = default;
};

struct TicketEvent {
  std::int64_t id = 0;
  std::string ticket_number;
  Instant at{};
  std::string actor;
  std::string role;
  std::string action;  // "file", "forward", "contact", ..., see workflow.h
  Status from = Status::filed;
  Status to = Status::filed;
  std::string note;
  std::string data_json;  // action-specific details, JSON object text ("{}" when none)
};

}  // namespace complaint
