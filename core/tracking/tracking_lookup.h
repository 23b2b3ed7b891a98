// TrackingLookup: the one way a customer looks a ticket up, used by the desk's QR page
// (desk/routes/tracking_routes.cpp) and the kiosk's progress screen. A ticket is found by
// its number, or its short check code (core/domain/check_code.h), plus a proof: the tracking
// token of the receipt's QR code, or (the kiosk's typed alternative) the last 4 digits of the
// phone it was filed with. Every miss (unknown or malformed number or code, wrong proof) is the same empty
// answer after the same work: one store look-up that finds a row and one that finds none, then a full-length
// constant-time compare. What it gives back for display is the privacy-safe
// PublicProgress (core/tracking/public_progress.h), never the ticket's text or contact.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/domain/taxonomy.h"
#include "core/store/ticket_repository.h"
#include "core/tracking/public_progress.h"

namespace complaint {

struct TrackingProof {
  std::string token;        // the QR URL's k; when set, only it counts
  std::string phone_last4;  // without a token: the last 4 digits of the ticket's phone
};

class TrackingLookup {
 public:
  // All three must outlive the look-up. Safe to call from several threads. `site_code`: the
  // site's own code, so that its numbers may be typed without hyphens (read_typed_ticket_number);
  // empty: only with them.
  TrackingLookup(TicketRepository& tickets, const Taxonomy& taxonomy, const Clock& clock,
                 std::string site_code = {});

  // The ticket when `proof` matches it; nullopt for every kind of miss. `number` may be the
  // ticket's check code instead (six symbols, any case, with or without its hyphen). An error only when
  // the store fails. Callers that act on the ticket (the desk's rating form) need it whole;
  // everything shown to the customer goes through progress_of.
  Result<std::optional<Ticket>> find(const std::string& number, const TrackingProof& proof);
  // The customer's view of a ticket found by find(), at `now`.
  Result<PublicProgress> progress_of(const Ticket& ticket, Instant now);
  // find() then progress_of() at the clock's now: what the kiosk's progress screen shows.
  Result<std::optional<PublicProgress>> lookup_public_progress(const std::string& number,
                                                               const TrackingProof& proof);

 private:
  // The number of the ticket of this site with `code`; a never-number when there is none.
  Result<std::string> number_of_check_code(const std::string& code);

  TicketRepository& m_tickets;
  const Taxonomy& m_taxonomy;
  const Clock& m_clock;
  const std::string m_site_code;
  std::mutex m_decoy_mutex;
  std::string m_decoy;  // the last number found: a miss looks it up too, to do the same work
};

}  // namespace complaint
