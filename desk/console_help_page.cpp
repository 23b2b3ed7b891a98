// The kiosks' help requests ("Call staff"): who is waiting at which kiosk, on which screen,
// for how long, and a button for the member of staff who goes to mark it attended. Names a
// kiosk and a screen only: the request carries nothing the customer typed.
#include <algorithm>
#include <chrono>

#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {

std::string render_help_requests(const PageContext& page, const std::vector<DeskHelpRequest>& requests,
                                 const std::string& error) {
  const Catalog& c = page.catalog;
  std::string main = "<h1>" + html_escape(c.text("console.help.title")) + "</h1>";
  if (!error.empty()) main += "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(error) + "</p>";
  if (requests.empty()) {
    main += "<p id=\"no-help\">" + html_escape(c.text("console.help.empty")) + "</p>";
    return layout(page, c.text("console.help.title"), main);
  }
  main += "<table class=\"queue\" id=\"help-requests\"><thead><tr>";
  for (const char* key : {"console.help.at", "console.help.kiosk", "console.help.screen",
                          "console.help.language", "console.help.waiting"}) {
    main += "<th>" + html_escape(c.text(key)) + "</th>";
  }
  main += "<th></th></tr></thead><tbody>";
  const std::string csrf = page.session != nullptr ? page.session->csrf : "";
  for (const DeskHelpRequest& help : requests) {
    const HelpRequest& request = help.request;
    const std::string screen_key = "console.help.screen_name." + request.screen;
    const std::string screen = c.has(screen_key) ? c.text(screen_key) : request.screen;
    const long minutes = std::max<long>(
        0, std::chrono::duration_cast<std::chrono::minutes>(page.now - request.requested_at).count());
    main += "<tr data-help=\"" + std::to_string(help.id) + "\"><td>" +
            html_escape(format_local(page, request.requested_at)) + "</td><td>" + html_escape(help.kiosk_id) +
            "</td><td>" + html_escape(screen) + "</td><td>" +
            html_escape(c.text(request.language == "en" ? "console.help.english" : "console.help.chinese")) +
            "</td><td>" + html_escape(c.format("console.help.minutes", {{"n", std::to_string(minutes)}})) +
            "</td><td><form method=\"post\" action=\"/console/help/attend\" class=\"inline\">"
            "<input type=\"hidden\" name=\"csrf\" value=\"" +
            html_escape(csrf) + "\"><input type=\"hidden\" name=\"id\" value=\"" + std::to_string(help.id) +
            "\"><button type=\"submit\" id=\"attend-" + std::to_string(help.id) + "\">" +
            html_escape(c.text("console.help.attend")) + "</button></form></td></tr>";
  }
  main += "</tbody></table>";
  return layout(page, c.text("console.help.title"), main);
}

}  // namespace complaint::desk
