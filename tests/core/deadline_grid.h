// Tickets in every workflow state x every combination of the five pending-deadline clocks
// (past, future or absent) x first contact recorded or not: the grid on which core/deadlines'
// C++, the fake store and both stores' generated SQL must agree
// (tests/core/pending_deadlines_test.cpp, tests/desk/deadline_rule_store_test.cpp).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/domain/ticket.h"
#include "core/store/ticket_repository.h"

namespace complaint {

// Ready for insert_new; the tracking token is unique, the number left to the store.
inline std::vector<NewTicketRequest> deadline_grid(Instant now) {
  using std::chrono::minutes;
  constexpr Status kStates[] = {Status::filed,       Status::forwarded, Status::in_progress, Status::replied,
                                Status::called_back, Status::archived,  Status::withdrawn};
  constexpr int kClocks = 5;  // forward_by, contact_by, resolve_by, answer_by, callback_by
  constexpr int kCombinations = 3 * 3 * 3 * 3 * 3;
  std::vector<NewTicketRequest> grid;
  for (const Status status : kStates) {
    for (int combination = 0; combination < kCombinations; ++combination) {
      for (const bool contacted : {false, true}) {
        NewTicketRequest request;
        Ticket& t = request.ticket;
        t.tracking_token = "grid" + std::to_string(grid.size());
        t.kind = "complaint";
        t.channel = "walk_in";
        t.category = "service_quality";
        t.site_code = "WH01";
        t.kiosk_id = "K1";
        t.filed_at = t.recorded_at = now - minutes(600);
        t.recorded_by = "grid";
        t.status = status;
        if (contacted) t.first_contact_at = now - minutes(500);
        // Each clock at its own distance, varied by the combination, so the earliest pending
        // one is a different clock from ticket to ticket.
        std::array<std::optional<Instant>, kClocks> at;
        int digits = combination;
        for (int clock = 0; clock < kClocks; ++clock, digits /= 3) {
          const minutes offset((clock * 7 + combination) % 23 + 1);
          if (digits % 3 == 0) at[clock] = now - offset;  // past
          if (digits % 3 == 1) at[clock] = now + offset;  // future; 2: absent
        }
        t.deadlines = {at[0], at[1], at[2], at[3], at[4], std::nullopt};
        request.first_event.at = t.recorded_at;
        request.first_event.actor = "grid";
        request.first_event.role = "intake_clerk";
        request.first_event.action = "file";
        request.first_event.from = request.first_event.to = status;
        request.first_event.data_json = "{}";
        request.local_date = "20261120";
        grid.push_back(std::move(request));
      }
    }
  }
  return grid;
}

// "in_progress contacted forward_by=past contact_by=future ...": a grid ticket, for messages.
inline std::string describe_clocks(const Ticket& t, Instant now) {
  std::string text =
      std::string(to_string(t.status)) + (t.first_contact_at ? " contacted" : " not contacted");
  const std::pair<const char*, const std::optional<Instant>*> clocks[] = {
      {"forward_by", &t.deadlines.forward_by},
      {"contact_by", &t.deadlines.contact_by},
      {"resolve_by", &t.deadlines.resolve_by},
      {"answer_by", &t.deadlines.answer_by},
      {"callback_by", &t.deadlines.callback_by}};
  for (const auto& [name, at] : clocks) {
    text += std::string(" ") + name + "=" + (!*at ? "absent" : **at < now ? "past" : "future");
  }
  return text;
}

}  // namespace complaint
