// The retention runs (docs/DOMAIN.md §11) over any TicketRepository: the desk's
// (`complaintctl retention run`, daily by a systemd timer) anonymises closed tickets whose
// retention expired; the kiosk's (its sync loop) anonymises its copy of tickets the desk
// acknowledged once the reprint window passed. Both apply the one rule of anonymise.h and
// change nothing on a second run.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/retention/anonymise.h"
#include "core/retention/retention_policy.h"
#include "core/store/ticket_repository.h"

namespace complaint {

enum class RetentionMode { dry_run, apply };

struct RetentionReport {
  int examined = 0;   // tickets looked at: on the desk the store's selection (retention_page), on a
                      // kiosk every copy old enough
  int already = 0;    // a kiosk's copies anonymised before (the desk's selection leaves them out)
  int on_hold = 0;    // legal hold: the clock stands still
  int not_due = 0;    // retention (desk) or the reprint window or acknowledgement (kiosk) not over
  int conflicts = 0;  // changed meanwhile; the next run takes them
  std::vector<std::string> due;  // anonymised, or in a dry run the ones that would be
};

// The desk: archived and withdrawn tickets, not on hold, whose policy.expires_at(closing) is
// at or before `now`. Page by page (TicketRepository::retention_page, events_of,
// anonymise_batch): memory stays flat however many tickets the desk holds, and a failure
// loses at most the page in hand (the next run takes it again).
Result<RetentionReport> run_desk_retention(TicketRepository& tickets, const RetentionPolicy& policy,
                                           Instant now, const PhoneHasher& hash_phone, RetentionMode mode);

// A kiosk: tickets recorded at least policy.kiosk_keep_days before `now` with no outbox row
// the desk has not acknowledged, whatever their status or hold (the desk keeps the record).
Result<RetentionReport> run_kiosk_retention(TicketRepository& tickets, const RetentionPolicy& policy,
                                            Instant now, const PhoneHasher& hash_phone);

// When `events` (a ticket's trail) say it was archived or withdrawn last; nullopt if never.
std::optional<Instant> closed_at(const std::vector<TicketEvent>& events);

}  // namespace complaint
