// The console queue's deadline choice, filters and order; see console_queue.h.
#include "desk/console_queue.h"

#include <algorithm>

namespace complaint::desk {

bool matches(const Ticket& ticket, const QueueFilter& filter) {
  if (!is_open(ticket.status)) return false;
  if (filter.status && ticket.status != *filter.status) return false;
  if (!filter.category.empty() && ticket.category != filter.category) return false;
  if (!filter.department.empty() && ticket.department != filter.department) return false;
  if (filter.major && ticket.major != *filter.major) return false;
  if (filter.group && ticket.group != *filter.group) return false;
  return true;
}

void sort_and_cut(std::vector<QueueRow>& rows, std::size_t limit) {
  // Earliest deadline first (so overdue first); tickets with nothing due last; ties by number.
  const auto before = [](const QueueRow& a, const QueueRow& b) {
    if (a.next.has_value() != b.next.has_value()) return a.next.has_value();
    if (a.next && a.next->at != b.next->at) return a.next->at < b.next->at;
    return a.ticket.number < b.ticket.number;
  };
  if (rows.size() > limit) {
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(limit), rows.end(), before);
    rows.resize(limit);
  } else {
    std::sort(rows.begin(), rows.end(), before);
  }
}

}  // namespace complaint::desk
