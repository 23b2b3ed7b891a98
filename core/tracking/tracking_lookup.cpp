// TrackingLookup; see tracking_lookup.h.
#include "core/tracking/tracking_lookup.h"

#include "core/domain/check_code.h"
#include "core/domain/ticket_number.h"
#include "core/domain/tracking_token.h"

namespace complaint {
namespace {

constexpr const char* kStandInToken = "AAAAAAAAAAAAAAAAAAAAAAAA";  // compared when nothing was found
constexpr const char* kStandInDigits = "----";                     // never four digits
constexpr const char* kNeverANumber = "-";
constexpr std::size_t kMaxNumberChars = 64;
constexpr std::size_t kPhoneDigits = 4;

// Whether `proof` opens `ticket` (null: nothing was found; a stand-in is compared instead,
// so a miss costs what a hit costs). A token needs the well-formed stored token it equals;
// the digits need a phone of at least four digits and exactly four given.
bool proof_matches(const Ticket* ticket, const TrackingProof& proof) {
  if (!proof.token.empty() || proof.phone_last4.empty()) {
    const std::string expected = ticket != nullptr ? ticket->tracking_token : kStandInToken;
    const bool equal = constant_time_equal(expected, proof.token);
    return equal && is_well_formed_tracking_token(expected);
  }
  const std::string phone = ticket != nullptr ? ticket->phone : std::string();
  const bool has_digits = phone.size() >= kPhoneDigits;
  const std::string expected = has_digits ? phone.substr(phone.size() - kPhoneDigits) : kStandInDigits;
  const bool equal = constant_time_equal(expected, proof.phone_last4);
  return equal && has_digits && proof.phone_last4.size() == kPhoneDigits;
}

}  // namespace

TrackingLookup::TrackingLookup(TicketRepository& tickets, const Taxonomy& taxonomy, const Clock& clock,
                               std::string site_code)
    : m_tickets(tickets),
      m_taxonomy(taxonomy),
      m_clock(clock),
      m_site_code(std::move(site_code)),
      m_decoy(kNeverANumber) {}

Result<std::string> TrackingLookup::number_of_check_code(const std::string& code) {
  TicketQuery query;
  query.check_code = code;
  query.limit = 2;
  TRY_ASSIGN(const std::vector<Ticket> found, m_tickets.list(query));
  std::string number = kNeverANumber;
  int matches = 0;
  for (const Ticket& ticket : found) {
    if (!m_site_code.empty() && ticket.site_code != m_site_code) continue;
    number = ticket.number;
    ++matches;
  }
  // Codes are unique per site: a store holding two (several sites, no site given) names none.
  return matches == 1 ? number : std::string(kNeverANumber);
}

Result<std::optional<Ticket>> TrackingLookup::find(const std::string& number, const TrackingProof& proof) {
  std::string key;
  if (auto code = read_check_code(number); code.ok()) {
    // Six symbols are never a number (at least 15): the short check code of the receipt.
    TRY_ASSIGN(key, number_of_check_code(*code));
  } else {
    auto canonical = read_typed_ticket_number(number, m_site_code);
    key = canonical.ok() ? *canonical : number.substr(0, kMaxNumberChars);
  }
  TRY_ASSIGN(std::optional<Ticket> ticket, m_tickets.find(key));
  // The decoy is a number seen before (a hit for a miss), the probe never a number (a
  // miss for a hit): both answers cost one hit and one miss.
  std::string decoy;
  {
    std::lock_guard lock(m_decoy_mutex);
    if (ticket) m_decoy = ticket->number;
    decoy = ticket ? std::string(kNeverANumber) : m_decoy;
  }
  TRY_ASSIGN(const std::optional<Ticket> other, m_tickets.find(decoy));
  const Ticket* compared = ticket ? &*ticket : other ? &*other : nullptr;
  const bool matches = proof_matches(compared, proof);
  if (!ticket || !matches) return std::optional<Ticket>();
  return ticket;
}

Result<PublicProgress> TrackingLookup::progress_of(const Ticket& ticket, Instant now) {
  TRY_ASSIGN(const std::vector<TicketEvent> events, m_tickets.events(ticket.number));
  return public_progress(ticket, events, m_taxonomy, now);
}

Result<std::optional<PublicProgress>> TrackingLookup::lookup_public_progress(const std::string& number,
                                                                             const TrackingProof& proof) {
  TRY_ASSIGN(const std::optional<Ticket> ticket, find(number, proof));
  if (!ticket) return std::optional<PublicProgress>();
  TRY_ASSIGN(PublicProgress progress, progress_of(*ticket, m_clock.now()));
  return std::optional<PublicProgress>(std::move(progress));
}

}  // namespace complaint
