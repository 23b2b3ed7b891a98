// event_sentence: what an audit event's data says, as a sentence in the reader's language
// ("营业部 → 信贷部（li → zhou）", "办结期限 2026-11-20 24:00 → 2026-11-27 24:00，原因：需要进一步调查核实"),
// dates in the site's local time, names from the taxonomy and the department list, every word
// from the catalogs (assets/i18n/<lang>.trail.toml). One place for the console's trail, the
// printed record form (drivers/report_pdf) and complaintctl, so that none of them shows an
// event's raw JSON and none words it differently.
#pragma once

#include <string>
#include <vector>

#include "core/calendar/time_zone.h"
#include "core/desk_state/desk_state_store.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"
#include "core/i18n/catalog.h"

namespace complaint {

struct EventTextContext {
  const Catalog& catalog;
  const Taxonomy& taxonomy;
  const TimeZone& zone;
  const std::vector<Department>& departments;
};

// The event's data as one sentence; empty when the data adds nothing to the action's name
// (e.g. an archive). A field this version does not know is left out, never shown as JSON.
std::string event_sentence(const EventTextContext& context, const TicketEvent& event);

// "2026-11-20 16:05" in the site's zone; a deadline at local midnight as "2026-11-19 24:00".
std::string local_time_text(const TimeZone& zone, Instant at, bool deadline = false);

}  // namespace complaint
