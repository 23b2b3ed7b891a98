// The one anonymisation rule (docs/DOMAIN.md §11), used by the desk's retention run and the
// kiosk's clean-up alike: every text that can hold a customer's personal data becomes the
// tombstone, the phone becomes a salted hash, and everything the statistics read (number,
// kind, category, department, deadlines, times, outcomes, staff roles) stays. Applying it
// twice changes nothing.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/domain/ticket.h"

namespace complaint {

// What replaces personal text. Never a value filing accepts (brackets and ASCII), so an
// anonymised ticket is recognisable by its content alone.
inline constexpr std::string_view k_tombstone = "[anonymised]";
// The phone's replacement: this prefix and the hex of a keyed hash of the digits.
inline constexpr std::string_view k_phone_hash_prefix = "hash:";

// A keyed one-way hash of a phone's digits as hex (the desk: HMAC-SHA256 under a salt kept in
// its database), so a returning customer can still be linked to earlier tickets.
using PhoneHasher = std::function<std::string(std::string_view phone)>;

bool is_anonymised(const Ticket& ticket);
// Replaces the personal fields of `ticket` in place; empty fields stay empty.
void anonymise_ticket(Ticket& ticket, const PhoneHasher& hash_phone);
// The event with its note and the personal texts of its data replaced; its action, actor,
// role, statuses, time and every other data key unchanged. Returns true when it changed.
bool anonymise_event(TicketEvent& event);

// The event a retention run appends to the trail: action "anonymise" by `actor` with role
// "system", the status unchanged, data {"reason": reason, ...details} as given.
TicketEvent anonymisation_event(const Ticket& ticket, Instant at, const std::string& actor,
                                const std::string& data_json);
inline constexpr const char* k_anonymise_action = "anonymise";

}  // namespace complaint
