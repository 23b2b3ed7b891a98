// The console's pure parts in one process: form and cookie parsing, and the queue's deadline
// choice and order. Sessions and the sign-in throttle: tests/core/desk_state_test.cpp.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "desk/console_pages.h"
#include "desk/console_queue.h"
#include "desk/tracking_page.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

using namespace std::chrono_literals;

const Instant kStart = Instant{std::chrono::seconds{1'800'000'000}};

TEST(WebForms, ParseFormsCookiesAndEscape) {
  const auto form = parse_form("a=1&b=x+y%21&c=%E8%90%A5&d&a=2&e=%zz");
  EXPECT_EQ(form.at("a"), "1");
  EXPECT_EQ(form.at("b"), "x y!");
  EXPECT_EQ(form.at("c"), "营");
  EXPECT_EQ(form.at("d"), "");
  EXPECT_EQ(form.at("e"), "%zz");
  EXPECT_EQ(cookie_value("x=1; desk_session=abc ; y=2", "desk_session"), "abc");
  EXPECT_EQ(cookie_value("x=1", "desk_session"), "");
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(url_decode(url_encode("WH01 营/?")), "WH01 营/?");
  const std::string cookie = session_cookie("s", "v", 60, true);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Secure"), std::string::npos);
}

Ticket ticket_with(const std::string& number, Status status, std::optional<Instant> forward_by,
                   std::optional<Instant> resolve_by) {
  Ticket ticket;
  ticket.number = number;
  ticket.status = status;
  ticket.category = "service_quality";
  ticket.deadlines.forward_by = forward_by;
  ticket.deadlines.resolve_by = resolve_by;
  return ticket;
}

// One language choice for the tracking page and the console (the console once took English
// only when the header started with "en").
TEST(WebForms, ChooseLanguageHonoursTheOverrideThenQValues) {
  EXPECT_EQ(choose_language("en", "zh-CN"), "en");
  EXPECT_EQ(choose_language("", "en-US,en;q=0.9"), "en");
  EXPECT_EQ(choose_language("", "fr-FR, en;q=0.5"), "en");
  EXPECT_EQ(choose_language("", "en;q=0.4, zh-TW;q=0.8"), "zh-CN");
  EXPECT_EQ(choose_language("", "fr"), "zh-CN");
  EXPECT_EQ(choose_language("xx", ""), "zh-CN");
}

TEST(ConsoleQueue, OverdueFirstThenByNextDeadlineClosedLeftOut) {
  std::vector<Ticket> tickets{
      ticket_with("A", Status::forwarded, kStart - 5h, kStart + 3h),  // forward_by no longer pending
      ticket_with("B", Status::filed, kStart - 1h, kStart + 3h),      // overdue forward
      ticket_with("C", Status::in_progress, std::nullopt, kStart - 2h),
      ticket_with("D", Status::archived, kStart - 9h, kStart - 9h),
      ticket_with("E", Status::called_back, std::nullopt, std::nullopt),
  };
  tickets[0].anonymous = tickets[1].anonymous = tickets[2].anonymous = true;
  const auto view = build_queue(tickets, QueueFilter{}, kStart, 10, [](const Ticket&) { return false; });
  ASSERT_EQ(view.total, 4u);
  EXPECT_EQ(view.overdue, 2u);
  ASSERT_EQ(view.rows.size(), 4u);
  EXPECT_EQ(view.rows[0].ticket.number, "C");
  EXPECT_EQ(view.rows[1].ticket.number, "B");
  EXPECT_EQ(view.rows[1].next->name, "forward_by");
  EXPECT_TRUE(view.rows[1].overdue);
  EXPECT_EQ(view.rows[2].ticket.number, "A");
  EXPECT_EQ(view.rows[2].next->name, "resolve_by");
  EXPECT_FALSE(view.rows[2].overdue);
  EXPECT_EQ(view.rows[3].ticket.number, "E");
  EXPECT_FALSE(view.rows[3].next);

  QueueFilter only_filed;
  only_filed.status = Status::filed;
  EXPECT_EQ(build_queue(tickets, only_filed, kStart, 10, [](const Ticket&) { return false; }).total, 1u);
  const auto cut = build_queue(tickets, QueueFilter{}, kStart, 2, [](const Ticket&) { return false; });
  EXPECT_EQ(cut.total, 4u);
  ASSERT_EQ(cut.rows.size(), 2u);
  EXPECT_EQ(cut.rows[0].ticket.number, "C");
  QueueFilter no_secrets;
  no_secrets.include_confidential = false;
  const auto hidden =
      build_queue(tickets, no_secrets, kStart, 10, [](const Ticket& t) { return t.number == "C"; });
  EXPECT_EQ(hidden.total, 3u);
}

// Every complaint's resolve_by falls on a local midnight: the tracking page and the console
// show it as 24:00 of the day before, as the kiosk's screen and the receipt do.
TEST(DeskTimes, ADeadlineAtMidnightReadsAs2400OfTheDayBefore) {
  const auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone.ok());
  const auto midnight = zone->parse_iso8601("2026-12-04T00:00:00+08:00");
  ASSERT_TRUE(midnight.ok());
  EXPECT_EQ(format_minutes(*zone, *midnight, MidnightAs::end_of_day), "2026-12-03 24:00");
  EXPECT_EQ(format_minutes(*zone, *midnight), "2026-12-04 00:00");  // an event, not a deadline

  const auto catalog = Catalog::load(SOURCE_DIR "/assets/i18n", "en");
  ASSERT_TRUE(catalog.ok()) << catalog.error().message;
  const auto taxonomy = Taxonomy::load_file(SOURCE_DIR "/assets/taxonomy.toml");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.error().message;
  const PageContext page{*catalog, *taxonomy, *zone, nullptr, *midnight};
  EXPECT_EQ(format_local(page, *midnight, true, MidnightAs::end_of_day), "2026-12-03 24:00 (Thursday)");
  EXPECT_EQ(format_local(page, *midnight, true), "2026-12-04 00:00 (Friday)");
}

// Countdowns read as people say them: "58分钟", not "0小时 58分".
TEST(DeskTimes, ASpanReadsInTwoUnitsAtMostWithoutZeroParts) {
  const auto zh = Catalog::load(SOURCE_DIR "/assets/i18n", "zh-CN");
  const auto en = Catalog::load(SOURCE_DIR "/assets/i18n", "en");
  ASSERT_TRUE(zh.ok() && en.ok());
  EXPECT_EQ(time_span_text(*zh, 58min), "58分钟");
  EXPECT_EQ(time_span_text(*zh, -58min), "58分钟");      // overdue: the sign is the caller's word
  EXPECT_EQ(time_span_text(*zh, 20s), "1分钟");          // never "0分钟" while time is left
  EXPECT_EQ(time_span_text(*zh, 59min + 30s), "1小时");  // not "60分钟"
  EXPECT_EQ(time_span_text(*zh, 60min), "1小时");
  EXPECT_EQ(time_span_text(*zh, 3h + 5min + 30s), "3小时5分钟");
  EXPECT_EQ(time_span_text(*zh, 3h), "3小时");
  EXPECT_EQ(time_span_text(*zh, 50h + 59min), "2天2小时");
  EXPECT_EQ(time_span_text(*zh, 48h + 30min), "2天");
  EXPECT_EQ(time_span_text(*en, 58min), "58 min");
  EXPECT_EQ(time_span_text(*en, 3h + 5min), "3 h 5 min");
  EXPECT_EQ(time_span_text(*en, 50h), "2 d 2 h");

  const auto zone = TimeZone::load("Asia/Shanghai");
  const auto taxonomy = Taxonomy::load_file(SOURCE_DIR "/assets/taxonomy.toml");
  ASSERT_TRUE(zone.ok() && taxonomy.ok());
  const PageContext page{*zh, *taxonomy, *zone, nullptr, kStart};
  const std::string left = countdown_html(page, kStart + 58min);
  EXPECT_NE(left.find(">剩余58分钟<"), std::string::npos) << left;
  const std::string late = countdown_html(page, kStart - 3h);
  EXPECT_NE(late.find(">已逾期3小时<"), std::string::npos) << late;
  EXPECT_NE(late.find("countdown late"), std::string::npos) << late;
}

TEST(ConsoleTicket, ADeliveryLineNamesItsChannelFromTheCatalog) {
  const auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone.ok());
  const auto taxonomy = Taxonomy::load_file(SOURCE_DIR "/assets/taxonomy.toml");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.error().message;
  TicketPageInput input;
  input.ticket.number = "WH01-K1-20261120-0001-7";
  input.ticket.major = true;
  for (const char* channel : {"dingtalk", "pager"}) {
    TicketEvent event;
    event.action = k_notice_sent_action;
    event.at = kStart;
    event.data_json =
        std::string(R"({"channel":")") + channel + R"(","recipient":"客服主管群","answer":"ok"})";
    input.events.push_back(event);
  }
  for (const auto& [language, label] :
       {std::pair{"zh-CN", "钉钉群机器人"}, std::pair{"en", "DingTalk group robot"}}) {
    const auto catalog = Catalog::load(SOURCE_DIR "/assets/i18n", language);
    ASSERT_TRUE(catalog.ok()) << catalog.error().message;
    const PageContext page{*catalog, *taxonomy, *zone, nullptr, kStart};
    const std::string html = render_ticket(page, input);
    EXPECT_NE(
        html.find(std::string(label) + (std::string(language) == "en" ? " to " : " 至 ") + "客服主管群"),
        std::string::npos)
        << html;
    EXPECT_NE(html.find("pager"), std::string::npos) << "a channel the catalog does not name shows as stored";
  }
}

// The ticket page's record names the customer's topic beside the (reclassified) category, in
// the reader's language; a ticket without one has no such row.
TEST(ConsoleTicket, TheRecordShowsTheCustomersTopicBesideTheCategory) {
  const auto zone = TimeZone::load("Asia/Shanghai");
  ASSERT_TRUE(zone.ok());
  const auto taxonomy = Taxonomy::load_file(SOURCE_DIR "/assets/taxonomy.toml");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.error().message;
  TicketPageInput input;
  input.ticket.number = "WH01-K1-20261120-0001-7";
  input.ticket.kind = "complaint";
  input.ticket.category = "system_failure";  // reclassified from service_channel
  input.ticket.topic = "card_retained";
  for (const auto& [language, topic, category] :
       {std::tuple{"zh-CN", "卡被吞", "系统故障"},
        std::tuple{"en", "Card retained by ATM", "System failure"}}) {
    const auto catalog = Catalog::load(SOURCE_DIR "/assets/i18n", language);
    ASSERT_TRUE(catalog.ok()) << catalog.error().message;
    const PageContext page{*catalog, *taxonomy, *zone, nullptr, kStart};
    const std::string html = render_ticket(page, input);
    EXPECT_NE(html.find("<td id=\"topic\">" + std::string(topic) + "</td>"), std::string::npos) << html;
    EXPECT_NE(html.find(category), std::string::npos) << language;
    EXPECT_NE(html.find(catalog->text("register.column.topic")), std::string::npos) << language;
  }
  input.ticket.topic.clear();
  const auto catalog = Catalog::load(SOURCE_DIR "/assets/i18n", "zh-CN");
  const PageContext page{*catalog, *taxonomy, *zone, nullptr, kStart};
  EXPECT_EQ(render_ticket(page, input).find("id=\"topic\""), std::string::npos);
}

}  // namespace
}  // namespace complaint::desk
