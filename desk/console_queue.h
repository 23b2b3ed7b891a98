// The console's queue: open tickets, each with its next pending deadline, overdue ones
// first (earliest deadline first puts them there), filtered by status, category,
// department and major. Pure: the caller loads the tickets and the time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/deadlines/pending_deadlines.h"
#include "core/domain/ticket.h"

namespace complaint::desk {

struct QueueFilter {
  std::optional<Status> status;  // only open states make sense; closed ones match nothing
  std::string category;          // empty: any
  std::string department;        // empty: any
  std::optional<bool> major;
  std::optional<bool> group;         // members of a group complaint (群体投诉) or not
  bool include_confidential = true;  // false: leave out what only leaders may see
};

struct QueueRow {
  Ticket ticket;
  std::optional<PendingDeadline> next;
  bool overdue = false;
};

struct QueueView {
  std::vector<QueueRow> rows;  // at most `limit`, in queue order
  std::size_t total = 0;       // matching tickets before the limit
  std::size_t overdue = 0;     // of those, how many are overdue
};

// `confidential(ticket)` says whether a ticket is for leaders only (workflow.h).
template <class IsConfidential>
QueueView build_queue(std::vector<Ticket> tickets, const QueueFilter& filter, Instant now, std::size_t limit,
                      IsConfidential confidential);

bool matches(const Ticket& ticket, const QueueFilter& filter);
void sort_and_cut(std::vector<QueueRow>& rows, std::size_t limit);

template <class IsConfidential>
QueueView build_queue(std::vector<Ticket> tickets, const QueueFilter& filter, Instant now, std::size_t limit,
                      IsConfidential confidential) {
  QueueView view;
  std::vector<QueueRow> rows;
  for (Ticket& ticket : tickets) {
    if (!matches(ticket, filter)) continue;
    if (!filter.include_confidential && confidential(ticket)) continue;
    QueueRow row{std::move(ticket), std::nullopt, false};
    row.next = next_deadline(row.ticket);  // core/deadlines: the rule the stores' SQL follows
    row.overdue = row.next && row.next->at < now;
    if (row.overdue) ++view.overdue;
    rows.push_back(std::move(row));
  }
  view.total = rows.size();
  sort_and_cut(rows, limit);
  view.rows = std::move(rows);
  return view;
}

}  // namespace complaint::desk
