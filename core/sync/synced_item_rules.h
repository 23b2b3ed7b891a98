// What the desk accepts from a kiosk, item by item (docs/DOMAIN.md §8): the one validator
// store_sync_batch runs for both desk stores. The rules are filing's (the text rules of
// core/validation/text_rules.h, the contact and language rules, the clock tolerance) plus
// what only a kiosk's item must show: its number exactly as the kiosk writes it, the sending
// kiosk's own id and site, and nothing but what a kiosk produces (a ticket as filing leaves
// it, and its "file" event by the kiosk or its staff). A failed rule is the item's refusal:
// an Error with code, field, catalog key and English message. Nothing is normalised.
#pragma once

#include <string>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint {

struct SyncOrigin {
  std::string kiosk_id;   // the kiosk that signed the request
  std::string site_code;  // its site: of the tickets it synced before; empty before its first
  Instant now{};          // the desk's clock
};

// Always, whatever the desk does with the snapshot: the canonical number with its check
// character, naming the ticket's own site and kiosk, which are the origin's; a well-formed
// tracking token.
Result<void> check_synced_identity(const Ticket& ticket, const SyncOrigin& origin);
// A snapshot the desk writes (a ticket new to it, or one the desk has not acted on yet):
// the identity, and a ticket as filing leaves it — state filed with no handling recorded,
// text within filing's rules, times not ahead of the desk's clock.
Result<void> check_synced_ticket(const Ticket& ticket, const SyncOrigin& origin);
// A synced ticket's check code station (core/domain/check_code.h) held by another kiosk of
// the site: refused, so that two kiosks set to one station are told before codes meet.
Error check_code_station_taken(const Ticket& ticket, int station, const std::string& holder);
// An event a kiosk sent: the "file" event (filed -> filed) of `ticket`, by the one who
// recorded it in a kiosk role (kiosk, intake_clerk), with clean text and details.
Result<void> check_synced_event(const TicketEvent& event, const Ticket& ticket, const SyncOrigin& origin);

}  // namespace complaint
