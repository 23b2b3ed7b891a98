// The report digest: one ticket's events as a monthly report reads them (report_fields_of,
// ticket_repository.h), kept per ticket in report_digests (number, event_count, digest_count,
// digest) by the SQLite desk schema (version 8) and the PostgreSQL schema. event_count is the
// ticket's count of events, kept by a trigger on events in the transaction that appends one;
// digest_count is the count of events the digest holds. Events are append-only (a retention run
// rewrites a note or personal data, and appends its purge event), so a digest whose two counts
// are equal holds the ticket's events as they are; a stale or missing one is rebuilt by the
// report that finds it. A digest written from a read that an event has passed since (a race)
// carries the older count, and the trigger's count has moved on: it is not current. A report
// reads each ticket's row of the table by its key, and counts no events (schema 7 counted each
// ticket's events in events_by_ticket: most of a warm report, docs/BENCHMARKS.md).
//
// The data kept is only the keys the report reads (report_data_keys), none of them personal
// (core/retention/anonymise.cpp), so a digest never keeps what retention blanks.
//
// Encoding: one line per event, "at<TAB>role<TAB>action<TAB>to_status<TAB>data", data the
// reduced JSON object, compact ("{}" when nothing is kept).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/ticket.h"

namespace complaint {

// nullopt when an event has a field the encoding cannot carry (a tab or line break in its
// role or action): that ticket is not cached and is read in full each time.
std::optional<std::string> encode_report_digest(const std::vector<TicketEvent>& events);
// Appends the digest's events (report_fields_of's fields); false when it is malformed or does
// not hold `count` events (then `out` may hold some: the caller clears it).
bool decode_report_digest(std::string_view digest, std::int64_t count, std::vector<TicketEvent>& out);
// The event's data as the report reads it: the report's keys of a read action's data, "{}"
// for every other action.
std::string report_data_of(std::string_view action, std::string_view data_json);

}  // namespace complaint
