// The console's pure parts in one process: session expiry, the login throttle's window,
// form and cookie parsing, and the queue's deadline choice and order; the throttle's limit
// also under parallel attempts.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "desk/console_pages.h"
#include "desk/console_queue.h"
#include "desk/staff_sessions.h"
#include "desk/tracking_page.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

using namespace std::chrono_literals;

const Instant kStart = Instant{std::chrono::seconds{1'800'000'000}};

std::function<std::string()> counting_random() {
  auto next = std::make_shared<int>(0);
  return [next] { return std::to_string(++*next) + std::string(31, 'f'); };
}

TEST(StaffSessions, ExpireWhenIdleOrTooOldAndEndOnLogout) {
  StaffSessions sessions(counting_random(), SessionLimits{30min, 2h});
  const StaffSession a = sessions.start("sam", Role::supervisor, kStart);
  EXPECT_NE(a.id, a.csrf);
  EXPECT_TRUE(sessions.touch(a.id, kStart + 29min));
  EXPECT_TRUE(sessions.touch(a.id, kStart + 58min));  // touching restarted the idle clock
  EXPECT_FALSE(sessions.touch(a.id, kStart + 89min));
  EXPECT_FALSE(sessions.touch(a.id, kStart + 58min));  // and it is gone for good

  const StaffSession b = sessions.start("hank", Role::handler, kStart);
  for (auto at = kStart; at < kStart + 2h; at += 20min) ASSERT_TRUE(sessions.touch(b.id, at));
  EXPECT_FALSE(sessions.touch(b.id, kStart + 2h + 1s));  // absolute limit despite activity

  const StaffSession c = sessions.start("hank", Role::handler, kStart);
  sessions.end(c.id);
  EXPECT_FALSE(sessions.touch(c.id, kStart));
  EXPECT_FALSE(sessions.touch("", kStart));
}

TEST(LoginThrottle, LocksAnAccountAfterTheLimitUntilTheWindowPasses) {
  LoginThrottle throttle(ThrottleLimits{3, 5, 10min});
  // Three wrong passwords: each admitted attempt counts until it succeeds.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(throttle.admit("sam", "10.0.0.1", kStart + i * 1s).count(), 0);
  EXPECT_GT(throttle.admit("sam", "10.0.0.9", kStart + 5s).count(), 500);  // other address: still locked
  EXPECT_EQ(throttle.admit("ann", "10.0.0.9", kStart + 5s).count(), 0);
  throttle.succeeded("ann", "10.0.0.9", kStart + 5s);
  EXPECT_EQ(throttle.admit("sam", "10.0.0.9", kStart + 10min + 1s).count(), 0);

  // Per address: many accounts from one address.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(throttle.admit("user" + std::to_string(i), "10.0.0.2", kStart).count(), 0);
  EXPECT_GT(throttle.admit("fresh", "10.0.0.2", kStart + 1s).count(), 0);
  EXPECT_EQ(throttle.admit("fresh", "10.0.0.3", kStart + 1s).count(), 0);
  throttle.succeeded("user0", "10.0.0.2", kStart);  // clears the account, one count of the address
  EXPECT_EQ(throttle.admit("user0", "10.0.0.2", kStart + 2s).count(), 0);
  EXPECT_GT(throttle.admit("user1", "10.0.0.2", kStart + 2s).count(), 0) << "the other failures stay";
}

TEST(LoginThrottle, SuccessesAndAbandonedAttemptsDoNotCount) {
  LoginThrottle throttle(ThrottleLimits{2, 3, 10min});
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(throttle.admit("sam", "10.0.0.1", kStart + i * 1s).count(), 0) << i;
    if (i % 2 == 0) {
      throttle.succeeded("sam", "10.0.0.1", kStart + i * 1s);
    } else {
      throttle.abandoned("sam", "10.0.0.1", kStart + i * 1s);
    }
  }
}

// 32 server threads trying one account at once: only the limit's worth are let through to
// the password check (the check and the count are one step).
TEST(LoginThrottle, TheLimitHoldsForParallelAttempts) {
  LoginThrottle throttle(ThrottleLimits{5, 1000, 10min});
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      if (throttle.admit("sam", "10.0.0.1", kStart).count() == 0) ++admitted;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(admitted.load(), 5);
}

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

}  // namespace
}  // namespace complaint::desk
