// Customer notices; see customer_notice.h.
#include "core/notify/customer_notice.h"

#include <algorithm>

#include "core/base/utf8.h"
#include "core/domain/tracking_token.h"
#include "core/i18n/local_time_text.h"
#include "core/privacy/masking.h"

namespace complaint {
namespace {

Notice customer_notice(const Ticket& ticket, const TicketEvent& event, const char* reason, std::string key) {
  return ticket_notice(ticket, reason, std::move(key), event.at);
}

bool has(const std::vector<std::string>& channels, std::string_view channel) {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

bool contains(const NoticeMessage& message, std::string_view part) {
  if (part.empty()) return false;
  for (const std::string* text : {&message.subject, &message.text, &message.html}) {
    if (text->find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool is_customer_reason(std::string_view reason) {
  return reason == k_customer_forwarded_reason || reason == k_customer_replied_reason ||
         reason == k_customer_extended_reason;
}

std::vector<Notice> customer_notices_for_event(const Ticket& ticket, const TicketEvent& event) {
  std::vector<Notice> notices;
  if (!ticket.notify_customer || ticket.anonymous) return notices;
  if (event.action == "forward") {
    notices.push_back(customer_notice(ticket, event, k_customer_forwarded_reason,
                                      std::string(k_customer_forwarded_reason) + ":" + ticket.number));
  } else if ((event.action == "extend" || event.action == "approve_extension") &&
             !ticket.extension_requested_until && ticket.deadlines.resolve_by) {
    // An extend still waiting for a leader leaves the request set and the promise unchanged.
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(ticket.deadlines.resolve_by->time_since_epoch());
    notices.push_back(customer_notice(ticket, event, k_customer_extended_reason,
                                      std::string(k_customer_extended_reason) + ":" + ticket.number + ":" +
                                          std::to_string(seconds.count())));
  } else if (event.action == "reply") {
    notices.push_back(customer_notice(ticket, event, k_customer_replied_reason,
                                      std::string(k_customer_replied_reason) + ":" + ticket.number + ":" +
                                          std::to_string(ticket.reopen_count)));
  }
  return notices;
}

std::vector<CustomerRecipient> customer_recipients(const Ticket& ticket, const NotifyConfig& config,
                                                   const std::vector<std::string>& channels) {
  std::vector<CustomerRecipient> recipients;
  if (!ticket.notify_customer || ticket.anonymous) return recipients;
  if (config.customer_email && !ticket.customer_email.empty() && has(channels, "email"))
    recipients.push_back({"email", ticket.customer_email, mask_email(ticket.customer_email)});
  // A phone kept as a hash (retention) is no number to text.
  const bool phone =
      !ticket.phone.empty() && ticket.phone.find_first_not_of("0123456789") == std::string::npos;
  if (!config.customer_sms_channel.empty() && phone && has(channels, config.customer_sms_channel))
    recipients.push_back({config.customer_sms_channel, ticket.phone, mask_phone(ticket.phone)});
  return recipients;
}

NoticeMessage customer_notice_message(const NoticeTextContext& context, const Notice& notice,
                                      const Ticket& ticket) {
  const Catalog& c = context.customer_catalog ? context.customer_catalog(ticket.language) : context.catalog;
  const std::string link = context.tracking_url.empty() || ticket.tracking_token.empty()
                               ? std::string()
                               : tracking_url(context.tracking_url, ticket.number, ticket.tracking_token);
  std::map<std::string, std::string> values{{"number", ticket.number}};
  if (notice.reason == k_customer_extended_reason && ticket.deadlines.resolve_by) {
    values["deadline"] =
        format_local_with_weekday(c, context.zone, *ticket.deadlines.resolve_by, MidnightAs::end_of_day);
    const std::string reason_key = "track.extension_reason." + ticket.extension_reason;
    values["reason"] = c.has(reason_key) ? c.text(reason_key) : std::string();
  }
  const std::string prefix = "notify." + notice.reason + ".";
  NoticeMessage message;
  message.to_customer = true;
  message.facts.key = notice.key;
  message.facts.reason = notice.reason;
  message.facts.ticket_number = ticket.number;
  message.facts.console_url = "";  // staff's page: not the customer's
  message.subject = c.format(prefix + "subject", values);
  const std::string body = c.format(prefix + "body", values);
  message.text = body + "\n";
  std::string html_link;
  if (!link.empty()) {
    message.text += c.format("notify.customer.track_link", {{"link", link}}) + "\n";
    html_link = "<p><a href=\"" + escape_html(link) + "\">" + escape_html(c.text("notify.customer.track")) +
                "</a></p>";
  }
  message.text += "\n" + c.text("notify.customer.footer") + "\n";
  message.html = "<!DOCTYPE html><html><body><p>" + escape_html(body) + "</p>" + html_link + "<p><small>" +
                 escape_html(c.text("notify.customer.footer")) + "</small></p></body></html>";
  return message;
}

std::string customer_message_leaks(const NoticeMessage& message, const Ticket& ticket) {
  const auto content_length = utf8::code_points(ticket.content);
  if (content_length && *content_length >= 4 && contains(message, ticket.content))
    return "the complaint text";
  if (ticket.desired_outcome.size() >= 4 && contains(message, ticket.desired_outcome))
    return "the customer's desired outcome";
  if (ticket.customer_name.size() > 3 && contains(message, ticket.customer_name))
    return "the customer's name";
  return "";
}

}  // namespace complaint
