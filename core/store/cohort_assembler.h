// CohortAssembler: report_cohort's two reads joined in memory, shared by the stores (SQLite,
// PostgreSQL, the fake). The tickets come first (filed_at, id order), then the events grouped
// by ticket number; an event of a ticket not read (filed between the two reads) is left out.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/store/ticket_repository.h"

namespace complaint {

class CohortAssembler {
 public:
  void reserve(std::size_t tickets) {
    m_cohort.reserve(tickets);
    m_index.reserve(tickets);
  }
  // A new ticket at the end of the cohort, filled in place by the caller: a Ticket is large
  // (its ~30 strings), and moving 80,000 of them a few times each was a measurable share of a
  // report. Then wait_for_events() or not (its events are given).
  TicketHistory& append() { return m_cohort.emplace_back(); }
  // The last appended ticket's events come from the event rows.
  void wait_for_events() { m_index.emplace(m_cohort.back().ticket.number, m_cohort.size() - 1); }
  // A ticket whose events the event rows bring. Every ticket is added before the events.
  void add_ticket(Ticket ticket) {
    m_index.emplace(ticket.number, m_cohort.size());
    m_cohort.push_back(TicketHistory{std::move(ticket), {}});
  }
  // A ticket whose events are known already (a report digest): event rows of it are left out.
  void add_ticket(Ticket ticket, std::vector<TicketEvent> events) {
    m_cohort.push_back(TicketHistory{std::move(ticket), std::move(events)});
  }
  std::size_t waiting() const { return m_index.size(); }  // tickets added without their events
  // Their numbers, for a read of their events only.
  std::vector<std::string> waiting_numbers() const {
    std::vector<std::string> numbers;
    numbers.reserve(m_index.size());
    for (const auto& [number, position] : m_index) numbers.push_back(number);
    return numbers;
  }
  std::size_t size() const { return m_cohort.size(); }
  // The tickets added without their events, and those events as read: for the digests.
  template <class Visit>
  void for_each_waiting(Visit visit) const {
    for (const auto& [number, position] : m_index) visit(m_cohort[position]);
  }
  // The events of ticket `number`, nullptr when it is not in the cohort. A run of one number's
  // events looks it up once.
  std::vector<TicketEvent>* events_of(std::string_view number) {
    if (m_current_valid && number == m_current_number) return m_current;
    m_current_number.assign(number);
    m_current_valid = true;
    const auto found = m_index.find(m_current_number);
    m_current = found == m_index.end() ? nullptr : &m_cohort[found->second].events;
    return m_current;
  }
  // Ends the assembly (the assembler is empty after).
  std::vector<TicketHistory> take() {
    m_index.clear();
    m_current_valid = false;
    m_current = nullptr;
    return std::move(m_cohort);
  }

 private:
  std::vector<TicketHistory> m_cohort;
  std::unordered_map<std::string, std::size_t> m_index;  // number -> position in m_cohort
  std::string m_current_number;
  bool m_current_valid = false;
  std::vector<TicketEvent>* m_current = nullptr;
};

}  // namespace complaint
