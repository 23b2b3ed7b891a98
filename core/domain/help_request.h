// Help requests: a customer at a kiosk pressed "呼叫工作人员 / Call staff" (docs/DOMAIN.md §4b).
// The kiosk keeps each press in its own file at once (HelpRequests, core/sync/help_requests.h)
// and sends it to the desk with the next sync round (docs/SYNC.md §4); the desk keeps it,
// keyed by (kiosk, the kiosk's id) so a retried round never makes a second one, until a
// member of staff marks it attended on the console. It names a kiosk and a screen, never the
// customer: nothing the customer typed leaves the kiosk with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/clock.h"
#include "core/base/result.h"

namespace complaint {

struct HelpRequest {
  std::int64_t id = 0;   // the kiosk's row id (AUTOINCREMENT, never reused)
  std::string screen;    // the screen the button was pressed on: "details", "welcome", ...
  std::string language;  // the kiosk's language then ("zh-CN", "en"): who to send
  Instant requested_at{};

  bool operator==(const HelpRequest&) const = default;
};

// A help request as the desk keeps it.
struct DeskHelpRequest {
  std::int64_t id = 0;  // the desk's row id
  std::string kiosk_id;
  HelpRequest request;  // request.id: the kiosk's
  Instant received_at{};
  std::optional<Instant> attended_at;
  std::string attended_by;  // the staff account that marked it attended

  bool operator==(const DeskHelpRequest&) const = default;
};

// What a help request's fields may be (the wire and both stores check it): a screen name of
// 1-32 lower-case letters and underscores, a language the kiosk speaks.
Result<void> check_help_request(const HelpRequest& request);
bool is_help_screen_name(std::string_view screen);

}  // namespace complaint
