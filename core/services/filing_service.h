// FilingService: the one way a ticket is filed (kiosk, complaintctl, desk). Validates
// the draft, evaluates escalation, computes deadlines, then stores ticket, number,
// first event and outbox row in one transaction. A number exists only once committed.
#pragma once

#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/store/ticket_repository.h"
#include "core/validation/ticket_validation.h"
#include "core/workflow/workflow.h"

namespace complaint {

struct FilingContext {
  FilingContext() = default;
  // Who files, as most filers say it; the desk's intake form sets the token and station too.
  FilingContext(std::string recorded_by_, Role role_) : recorded_by(std::move(recorded_by_)), role(role_) {}

  std::string recorded_by = "kiosk";  // the intake clerk's name, or "kiosk"
  Role role = Role::kiosk;
  // The desk intake form's idempotency token (NewTicketRequest::intake_key): a second filing
  // under it returns the first one's ticket and stores nothing. Empty: none.
  std::string intake_key;
  // The station id in the number (the desk's [desk] intake_station); empty: [site] kiosk_id.
  std::string station;
  // The kiosk's [kiosk] check_code_station (1-31), so the ticket gets its short check code
  // (core/domain/check_code.h); nullopt: none. A desk's store codes its own tickets anyway.
  std::optional<int> check_code_station;
};

class FilingService {
 public:
  FilingService(const Config& config, const Taxonomy& taxonomy, const WorkCalendar& calendar,
                TicketRepository& repository, const Clock& clock);

  Result<Ticket> file(const TicketDraft& draft, const FilingContext& context);
  // Applies a workflow action to a stored ticket (load, apply_action, store). A request
  // without its time (request.at left at the epoch) happened now, by the service's clock.
  Result<Ticket> act(const std::string& number, ActionRequest request);
  // An action entered after it happened at `happened` (complaintctl transition --at): not in
  // the future, not before the ticket's latest event (invalid_input, field "at", nothing
  // stored). The event's `at` is `happened`; its data keep the entry time as "recorded_at".
  Result<Ticket> act_at(const std::string& number, ActionRequest request, Instant happened);
  std::string tracking_url_for(const Ticket& ticket) const;

 private:
  Result<Ticket> load(const std::string& number);
  Result<Ticket> store_action(const Ticket& stored, ActionRequest request);

  const Config& m_config;
  const Taxonomy& m_taxonomy;
  const WorkCalendar& m_calendar;
  TicketRepository& m_repository;
  const Clock& m_clock;
};

}  // namespace complaint
