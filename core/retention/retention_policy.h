// RetentionPolicy: how long a closed ticket keeps its personal data ([retention], docs/DOMAIN.md
// §11). The clock starts when the ticket is archived or withdrawn and stops while the ticket
// is on legal hold; the kiosk keeps its copy only until the desk acknowledged it and the
// reprint window passed.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint {

class SectionReader;

struct RetentionPolicy {
  int years = 1;        // after archiving (or withdrawal), unless a rule below says longer
  int major_years = 3;  // major complaints (重大投诉), as banks must keep them
  // Per kind, e.g. reports (举报) 3 years; the longest rule that applies wins.
  std::map<std::string, int> kind_years = {{"report", 3}};
  int kiosk_keep_days = 7;  // the kiosk's reprint window after the desk acknowledged a ticket

  // The years that apply to `ticket`: the longest of years, major_years (major tickets) and
  // its kind's entry.
  int years_for(const Ticket& ticket) const;
  // When a ticket closed at `closed_at` expires: the same UTC time-of-day `years_for` calendar
  // years later (29 February rolls to 1 March), never earlier than a full year.
  Instant expires_at(const Ticket& ticket, Instant closed_at) const;
};

// Reads [retention]: years, major_years, kind_years = ["report=3", ...], kiosk_keep_days.
Result<void> read_retention(SectionReader& in, RetentionPolicy& policy);

}  // namespace complaint
