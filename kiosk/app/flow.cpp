// The filing flow's look-ups; see flow.h. Everything is derived from k_filing_steps.
#include "kiosk/app/flow.h"

#include <cassert>

namespace complaint {

std::optional<FlowStep> find_flow_step(ScreenId screen) {
  for (int i = 0; i < k_flow_step_count; ++i) {
    if (k_filing_steps[i] != screen) continue;
    FlowStep step;
    step.screen = screen;
    step.number = i + 1;
    if (i > 0) step.back = k_filing_steps[i - 1];
    step.next = i + 1 < k_flow_step_count ? k_filing_steps[i + 1] : ScreenId::done;
    return step;
  }
  return std::nullopt;
}

FlowStep flow_step(ScreenId screen) {
  const std::optional<FlowStep> step = find_flow_step(screen);
  assert(step && "not a filing step");
  return step.value_or(FlowStep{});
}

int flow_step_number(ScreenId screen) {
  const std::optional<FlowStep> step = find_flow_step(screen);
  return step ? step->number : 0;
}

ScreenId flow_first_step() {
  return k_filing_steps[0];
}

ScreenId flow_last_step() {
  return k_filing_steps[k_flow_step_count - 1];
}

ScreenId flow_exit(FilingMode mode) {
  return mode == FilingMode::staff ? ScreenId::staff_menu : ScreenId::welcome;
}

}  // namespace complaint
