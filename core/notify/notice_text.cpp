// notice_message; see notice_text.h.
#include "core/notify/notice_text.h"

#include "core/i18n/local_time_text.h"
#include "core/notify/general_notices.h"

namespace complaint {

std::string escape_html(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::string label_of(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry ? entry->label(language) : id;
}

// The deadline the recipient must act by: forwarding for a new major ticket, the contact
// (else resolution) for a forwarded one.
std::optional<Instant> deadline_of(const Notice& notice, const Ticket& ticket) {
  if (const auto clock = scheduled_clock(notice)) return clock->due;  // a reminder's, an overdue step's
  // The date the handler asks for, which the leader approves or denies.
  if (notice.reason == k_extension_requested_reason && ticket.extension_requested_until)
    return ticket.extension_requested_until;
  const Deadlines& d = ticket.deadlines;
  if (notice.reason == "major" && d.forward_by) return d.forward_by;
  if (d.contact_by && !ticket.first_contact_at) return d.contact_by;
  if (d.resolve_by) return d.resolve_by;
  return d.answer_by;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Subject and body from the catalog's notify.REASON.* keys, the link and the footer.
NoticeMessage compose(const Catalog& c, const std::string& reason,
                      const std::map<std::string, std::string>& values, const std::string& link,
                      NoticeFacts facts) {
  const std::string prefix = "notify." + reason + ".";
  NoticeMessage message;
  message.facts = std::move(facts);
  message.subject = c.format(prefix + "subject", values);
  const std::string body = c.format(prefix + "body", values);
  message.text = body + "\n";
  message.html = "<!DOCTYPE html><html><body><p>" + escape_html(body) + "</p>";
  if (!link.empty()) {
    const std::string open = c.format("notify.open_link", {{"link", link}});
    message.text += "\n" + open + "\n";
    // The link's words: the reason's own ("Open the help requests"), else the ticket's.
    const std::string words = c.has(prefix + "open") ? c.text(prefix + "open") : c.text("notify.open");
    message.html += "<p><a href=\"" + escape_html(link) + "\">" + escape_html(words) + "</a></p>";
  }
  message.text += "\n" + c.text("notify.footer") + "\n";
  message.html += "<p><small>" + escape_html(c.text("notify.footer")) + "</small></p></body></html>";
  return message;
}

}  // namespace

std::string console_page_url(const std::string& console_url, const std::string& page) {
  const std::size_t at = console_url.find("/console/");
  if (at == std::string::npos) return "";
  return console_url.substr(0, at) + "/console" + (page.empty() ? "" : "/" + page);
}

std::optional<NoticeMessage> general_notice_message(const NoticeTextContext& context, const Notice& notice) {
  const Catalog& c = context.catalog;
  if (const auto help = help_notice_facts(notice)) {
    const std::string screen_key = "console.help.screen_name." + help->screen;
    const std::string language_key = "notify.help.language." + help->language;
    const std::map<std::string, std::string> values{
        {"kiosk", help->kiosk_id},
        {"screen", c.has(screen_key) ? c.text(screen_key) : help->screen},
        {"language", c.has(language_key) ? c.text(language_key) : help->language},
        {"time", format_local_with_weekday(c, context.zone, help->requested_at, MidnightAs::start_of_day)},
    };
    const std::string link = console_page_url(context.console_url, "help");
    return compose(c, notice.reason, values, link,
                   NoticeFacts{notice.key, notice.reason, "", "", "", "", "", link});
  }
  if (const auto digest = digest_notice_facts(notice)) {
    const std::map<std::string, std::string> values{
        {"date", digest->date},
        {"filed", std::to_string(digest->filed)},
        {"due_today", std::to_string(digest->due_today)},
        {"overdue", std::to_string(digest->overdue)},
        {"dissatisfied", std::to_string(digest->dissatisfied)},
    };
    const std::string link = console_page_url(context.console_url, "");
    return compose(c, notice.reason, values, link,
                   NoticeFacts{notice.key, notice.reason, "", "", "", "", "", link});
  }
  return std::nullopt;
}

NoticeMessage notice_message(const NoticeTextContext& context, const Notice& notice, const Ticket& ticket) {
  const Catalog& c = context.catalog;
  std::string link = context.console_url;
  replace_all(link, "{number}", ticket.number);
  const auto deadline = deadline_of(notice, ticket);
  const std::optional<ScheduledClock> scheduled = scheduled_clock(notice);
  const std::map<std::string, std::string> values{
      {"number", ticket.number},
      {"kind", label_of(context.taxonomy.kind(ticket.kind), ticket.kind, context.language)},
      {"channel", label_of(context.taxonomy.channel(ticket.channel), ticket.channel, context.language)},
      {"category", label_of(context.taxonomy.category(ticket.category), ticket.category, context.language)},
      {"department", ticket.department.empty() ? c.text("notify.no_department") : ticket.department},
      {"clock", scheduled ? c.text("notify.clock." + scheduled->clock) : std::string()},
      {"deadline", deadline ? format_local_with_weekday(c, context.zone, *deadline, MidnightAs::end_of_day)
                            : c.text("notify.no_deadline")},
  };
  return compose(
      c, notice.reason, values, link,
      NoticeFacts{notice.key, notice.reason, ticket.number, ticket.kind, ticket.category, ticket.department,
                  deadline ? context.zone.format_iso8601(*deadline) : "", link});
}

NoticeMessage test_notice_message(const Catalog& catalog) {
  const std::string body = catalog.text("notify.test.body");
  const std::string footer = catalog.text("notify.footer");
  NoticeMessage message;
  message.subject = catalog.text("notify.test.subject");
  message.text = body + "\n\n" + footer + "\n";
  message.html = "<!DOCTYPE html><html><body><p>" + escape_html(body) + "</p><p><small>" +
                 escape_html(footer) + "</small></p></body></html>";
  return message;
}

}  // namespace complaint
