// What the console's route areas share (console_routes.cpp defines them): the page context
// of a request, the message page, the CSRF-checked session of a POST, and the intake area's
// routes (intake_routes.cpp), added by add_console_routes on the same ConsoleState.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <variant>

#include "desk/console_pages.h"
#include "desk/console_state.h"
#include "desk/router.h"

namespace complaint::desk {

PageContext page_for(ConsoleState& state, const DeskRequest& request, const StaffSession* session);
DeskResponse message_page(ConsoleState& state, const DeskRequest& request, const StaffSession* session,
                          int status, const std::string& message);
// The session of a POST whose CSRF token matches, or the refusal to send.
std::variant<StaffSession, DeskResponse> session_for_post(ConsoleState& state, const DeskRequest& request,
                                                          const std::map<std::string, std::string>& form);

// GET/POST /console/intake, its result page, the receipt's print and PDF.
void add_intake_routes(Router& router, const std::shared_ptr<ConsoleState>& state);

}  // namespace complaint::desk
