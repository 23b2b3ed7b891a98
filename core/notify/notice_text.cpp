// notice_message; see notice_text.h.
#include "core/notify/notice_text.h"

#include "core/i18n/local_time_text.h"

namespace complaint {
namespace {

std::string label_of(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry ? entry->label(language) : id;
}

// The deadline the recipient must act by: forwarding for a new major ticket, the contact
// (else resolution) for a forwarded one.
std::optional<Instant> deadline_of(const Notice& notice, const Ticket& ticket) {
  if (const auto clock = scheduled_clock(notice)) return clock->due;  // a reminder's, an overdue step's
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

}  // namespace

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
  const std::string prefix = "notify." + notice.reason + ".";
  NoticeMessage message;
  message.facts = NoticeFacts{notice.key,
                              notice.reason,
                              ticket.number,
                              ticket.kind,
                              ticket.category,
                              ticket.department,
                              deadline ? context.zone.format_iso8601(*deadline) : "",
                              link};
  message.subject = c.format(prefix + "subject", values);
  const std::string body = c.format(prefix + "body", values);
  message.text = body + "\n";
  message.html = "<!DOCTYPE html><html><body><p>" + escape_html(body) + "</p>";
  if (!link.empty()) {
    const std::string open = c.format("notify.open_link", {{"link", link}});
    message.text += "\n" + open + "\n";
    message.html +=
        "<p><a href=\"" + escape_html(link) + "\">" + escape_html(c.text("notify.open")) + "</a></p>";
  }
  message.text += "\n" + c.text("notify.footer") + "\n";
  message.html += "<p><small>" + escape_html(c.text("notify.footer")) + "</small></p></body></html>";
  return message;
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
