// Notices that are not getting through (the supervisors' page /console/notices): each notice
// that failed at least once and is not delivered, newest problem first, with what it is about
// (its ticket, a kiosk's help request, a day's digest), how it stands and the provider's last
// answer. A ticket's page shows its own notices; this is where the others show at all.
#include "core/notify/general_notices.h"
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

// What the notice is about, as HTML: a link to its ticket, else the kiosk or the day.
std::string subject_of(const Catalog& c, const Notice& notice) {
  if (!notice.ticket_number.empty()) {
    return "<a href=\"/console/tickets/" + html_escape(notice.ticket_number) + "\">" +
           html_escape(notice.ticket_number) + "</a>";
  }
  if (const auto help = help_notice_facts(notice))
    return html_escape(c.format("console.problems.kiosk", {{"kiosk", help->kiosk_id}}));
  if (const auto digest = digest_notice_facts(notice)) return html_escape(digest->date);
  return html_escape(notice.key);
}

}  // namespace

std::string render_notice_problems(const PageContext& page, const std::vector<Notice>& notices) {
  const Catalog& c = page.catalog;
  std::string main = "<h1>" + html_escape(c.text("console.problems.title")) + "</h1>";
  if (notices.empty()) {
    main += "<p id=\"no-problems\">" + html_escape(c.text("console.problems.empty")) + "</p>";
    return layout(page, c.text("console.problems.title"), main);
  }
  main += "<table class=\"queue\" id=\"notice-problems\"><thead><tr>";
  for (const char* key : {"console.problems.reason", "console.problems.about", "console.problems.state",
                          "console.problems.attempts", "console.problems.error"}) {
    main += "<th>" + html_escape(c.text(key)) + "</th>";
  }
  main += "</tr></thead><tbody>";
  for (const Notice& notice : notices) {
    const std::string reason_key = "console.notices.reason." + notice.reason;
    std::string state = c.text(std::string("console.notices.state.") + to_string(notice.state));
    if (notice.state == NoticeState::pending)
      state +=
          " · " + c.format("console.problems.next", {{"time", format_local(page, notice.next_attempt_at)}});
    main += "<tr class=\"notice-" + std::string(to_string(notice.state)) + "\" data-notice=\"" +
            std::to_string(notice.id) + "\"><td>" +
            html_escape(c.has(reason_key) ? c.text(reason_key) : notice.reason) + "</td><td>" +
            subject_of(c, notice) + "</td><td>" + html_escape(state) + "</td><td>" +
            std::to_string(notice.attempts) + "</td><td>" + html_escape(notice.last_error) + "</td></tr>";
  }
  main += "</tbody></table>";
  return layout(page, c.text("console.problems.title"), main);
}

}  // namespace complaint::desk
