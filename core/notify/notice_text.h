// notice_message: a notice's subject and bodies from the catalog (keys notify.<reason>.*,
// assets/i18n/<lang>.notify.toml): ticket number, kind, category, department, the deadline
// that matters and the console link. Never the complaint's text, the customer's name or
// phone: notices travel through mail servers and group chats.
#pragma once

#include <functional>

#include "core/calendar/time_zone.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/notify/notice.h"
#include "core/notify/notice_sender.h"

namespace complaint {

struct NoticeTextContext {
  const Catalog& catalog;
  const Taxonomy& taxonomy;
  const TimeZone& zone;
  std::string language;     // "zh-CN" or "en": the taxonomy's labels
  std::string console_url;  // "{number}" replaced; empty: no link
  // Customer notices (customer_notice.h): the catalog of a ticket's language (unset: `catalog`)
  // and the public tracking URL ({number}, {token}: [tracking] url); empty: no link.
  std::function<const Catalog&(const std::string& language)> customer_catalog{};
  std::string tracking_url{};
};

// The message for `notice` about `ticket`; recipient left empty for the caller.
NoticeMessage notice_message(const NoticeTextContext& context, const Notice& notice, const Ticket& ticket);
// The message for a notice about no one ticket (general_notices.h: a help request, the daily
// digest), from the facts it carries; nullopt when it carries none it can be read from.
std::optional<NoticeMessage> general_notice_message(const NoticeTextContext& context, const Notice& notice);
// The console page `page` ("help", "" for the queue) beside the ticket link [notify]
// console_url names ("https://desk.example/console/t/{number}" -> ".../console/help"); empty
// when that link is not set or names no /console/ page.
std::string console_page_url(const std::string& console_url, const std::string& page);
// `text` with & < > " as HTML entities (the messages' HTML alternative).
std::string escape_html(std::string_view text);
// The test notice of `complaintctl notify test` (notify.test.*); no key, recipient empty.
NoticeMessage test_notice_message(const Catalog& catalog);

}  // namespace complaint
