// check_help_request; see help_request.h.
#include "core/domain/help_request.h"

namespace complaint {

bool is_help_screen_name(std::string_view screen) {
  if (screen.empty() || screen.size() > 32) return false;
  for (const char c : screen) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

Result<void> check_help_request(const HelpRequest& request) {
  if (request.id <= 0)
    return Error::invalid("help_requests.id", "desk.error.help_request", "must be positive");
  if (!is_help_screen_name(request.screen))
    return Error::invalid("help_requests.screen", "desk.error.help_request",
                          "must be 1-32 lower-case letters or underscores");
  if (request.language != "zh-CN" && request.language != "en")
    return Error::invalid("help_requests.language", "desk.error.help_request", "must be zh-CN or en");
  return Ok{};
}

}  // namespace complaint
