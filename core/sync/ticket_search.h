// Ticket search at the desk (issue 15): by number (with or without hyphens), phone (whole or
// the last four digits), the customer's name, words of the complaint text and a range of
// filing dates, over open, archived and withdrawn tickets alike. `parse_search` turns what a
// person typed (the console's form, `complaintctl search`) into a TicketSearch or an error
// in the user's language; DeskRepository::search runs it in the store (SQL on both engines:
// see docs/ARCHITECTURE.md "Ticket search" for the indexes), newest filing first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/time_zone.h"
#include "core/domain/ticket.h"

namespace complaint {

// Which tickets by state: every one, the open ones, or the closed ones of one kind.
enum class SearchState { any, open, archived, withdrawn };
const char* to_string(SearchState state);
std::optional<SearchState> search_state_from_string(std::string_view text);

// What was typed; an empty string is "not given". `from`/`to` are local dates (YYYY-MM-DD),
// both days included. `any` is the console header's one box: digits (and spaces, hyphens, a
// plus) are a phone, six symbols of a check code (core/domain/check_code.h, look-alikes
// allowed) with a digit among them and no hyphen, or printed "K7M-4PX", a check code, letters
// and digits (and hyphens) with a digit among them a ticket number, anything else words.
struct SearchInput {
  std::string any = {}, number = {}, phone = {}, name = {}, words = {}, from = {}, to = {}, state = {};
  std::string check_code = {};
};

inline constexpr std::size_t kSearchWordMin = 2;   // code points: one Chinese word
inline constexpr std::size_t kSearchWordsMax = 5;  // words at once (each an index look-up)

struct TicketSearch {
  std::string number;      // uppercase, hyphens dropped: the start of the number written without them
  std::string phone;       // digits; exactly kPhoneSuffixDigits: the last four, else the whole phone
  std::string name;        // the start of the customer's name
  std::string check_code;  // the six stored symbols of a ticket's check code, exactly
  // Each at least kSearchWordMin code points, ASCII letters lowered; all must appear in the
  // complaint's content or desired outcome (case-insensitive for Latin letters).
  std::vector<std::string> words;
  std::optional<Instant> filed_from;    // included
  std::optional<Instant> filed_before;  // excluded
  SearchState state = SearchState::any;
  // The account's scope, as DeskQueueQuery's: its departments (nullopt: every department;
  // empty: none, so nothing), and the kinds and categories confidential for its role.
  std::optional<std::vector<std::string>> departments_in;
  std::vector<std::string> hidden_kinds;
  std::vector<std::string> hidden_categories;
  int limit = 50;
  int offset = 0;
  // How many of the newest tickets a walked page may read (search_walks_filing_order); the
  // tests make it small to reach what follows a walk that found too few.
  std::int64_t walk_rows = 20000;
};

inline constexpr std::size_t kPhoneSuffixDigits = 4;
inline bool phone_suffix(const TicketSearch& search) {
  return search.phone.size() == kPhoneSuffixDigits;
}

// A search counts its matches up to kSearchCountCap and says "more than that" beyond, on
// both stores: an exact count visits every match, and PostgreSQL re-checks each one's GIN
// containment on its heap page (about 35 us a row, so 350 ms for a word in 1% of 1,000,000
// tickets; counting at most 1,001 took 20-45 ms). A person refines a search of a thousand
// matches rather than reading them; the pages go on past the cap all the same.
inline constexpr std::int64_t kSearchCountCap = 1000;

// How a store finds a page of many matches (both stores): above kSearchCountCap matches, a
// search with no number, phone or name first walks the filing-time index from the newest
// ticket through at most walk_rows tickets (20,000: 40-60 ms on PostgreSQL), testing each against the words
// (about limit x tickets / matches rows: 5,000 for the first page of a word in 1% of the tickets). Only a
// page the walk filled is kept: matches that are mostly old (a word of last year) or sparse would otherwise
// walk the whole table (2 s on PostgreSQL over 1,000,000 tickets). Else, and below the cap, the store reads
// every match from the words' index and sorts them.
inline bool search_walks_filing_order(const TicketSearch& search, bool more_than_cap) {
  return more_than_cap && search.number.empty() && search.phone.empty() && search.name.empty() &&
         search.check_code.empty();
}

struct TicketSearchPage {
  std::vector<Ticket> tickets;  // at most limit, newest filing first (then the latest stored)
  std::int64_t total = 0;       // every match, counted up to kSearchCountCap
  bool more = false;            // more than kSearchCountCap matched (total is the cap then)
  // Whether a page after this one (which starts at `offset`, of `limit`) may hold tickets:
  // past the cap, a full page says there may be more.
  bool has_after(std::int64_t offset, std::int64_t limit) const {
    const std::int64_t shown_to = offset + static_cast<std::int64_t>(tickets.size());
    return shown_to < total || (more && static_cast<std::int64_t>(tickets.size()) == limit);
  }
  // Whether the page starting at `offset` is worth reading: before the count's end, or past
  // a capped count.
  bool may_reach(std::int64_t offset) const { return offset < total || more; }
};

// The page's total and `more` from a count that stopped at one past the cap
// (store::capped_count_sql).
void set_capped_total(TicketSearchPage& page, std::int64_t counted);

// Checks and normalises the input; dates are the site's (`zone`) local days. invalid_input
// with a catalog key (error.search.*, error.date.invalid) naming the field otherwise.
Result<TicketSearch> parse_search(const SearchInput& input, const TimeZone& zone);

// The smallest string greater than every string that starts with `prefix` (UTF-8): the end
// of a prefix's range in an index. Empty when `prefix` is empty.
std::string prefix_end(const std::string& prefix);

}  // namespace complaint
