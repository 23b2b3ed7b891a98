// The kiosk's filing flow in one table: the ordered steps a customer (or a clerk filing for
// one) walks through, kind → details → outcome → contact → consent → review. Each step's
// number, the screen Back leads to and the screen Next leads to follow from the order, so
// screens ask here instead of naming their neighbours, and the header's "Step 2 of 6"
// cannot disagree with the flow.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>

#include "kiosk/app/context.h"
#include "kiosk/app/session.h"

namespace complaint {

// The filing steps in the order they are shown.
inline constexpr ScreenId k_filing_steps[] = {ScreenId::kind,    ScreenId::details, ScreenId::outcome,
                                              ScreenId::contact, ScreenId::consent, ScreenId::review};
inline constexpr int k_flow_step_count = static_cast<int>(std::size(k_filing_steps));

struct FlowStep {
  ScreenId screen = ScreenId::kind;
  int number = 0;  // 1 .. k_flow_step_count
  // The screen Back leads to; nullopt on the first step, where Back leaves the flow
  // (flow_exit: the welcome screen, or the staff menu for a clerk).
  std::optional<ScreenId> back;
  // The screen Next leads to; after the last step (Submit) it is the done screen.
  ScreenId next = ScreenId::done;
};

// The step `screen` is, or nullopt when it is no filing step (welcome, done, staff, ...).
std::optional<FlowStep> find_flow_step(ScreenId screen);
// The step `screen` is; `screen` must be a filing step (asserted).
FlowStep flow_step(ScreenId screen);
// "Step n" in the header; 0 (no indicator) for screens outside the flow.
int flow_step_number(ScreenId screen);

// Where filing starts (welcome's choices, the staff menu's "file on behalf").
ScreenId flow_first_step();
// The last step, review: an Edit there comes back to it with the next Next.
ScreenId flow_last_step();
// Where Back on the first step leaves the flow to.
ScreenId flow_exit(FilingMode mode);

}  // namespace complaint
