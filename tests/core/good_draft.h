// A draft that passes validation against the default taxonomy: a named complaint at the
// kiosk with a mobile number. Tests change one field of it to check one rule.
#pragma once

#include "core/validation/ticket_validation.h"

namespace complaint {

inline TicketDraft good_draft() {
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "kiosk";
  draft.category = "service_attitude";
  draft.content = "柜员态度冷漠，排队四十分钟无人解释。";
  draft.customer_name = "张三";
  draft.phone = "13800138000";
  return draft;
}

}  // namespace complaint
