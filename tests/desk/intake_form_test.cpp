// desk/intake_form.h: the desk intake form's fields to a draft: the received date (today:
// now; earlier: that many days back at the present time; later: refused), the referrer's
// deadline as a date, and what only the form refuses (the kiosk's channel, a missing or
// malformed token, no consent), each naming the form's field.
#include <gtest/gtest.h>

#include "core/config/config.h"
#include "desk/intake_form.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

using namespace std::chrono_literals;

class IntakeForms : public ::testing::Test {
 protected:
  // 2026-11-20 10:00 in Asia/Shanghai (the defaults' zone).
  const Instant now = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 2h;
  const WorkCalendar calendar = std::move(WorkCalendar::create(Config::defaults().calendar)).value();

  IntakeForm form(const std::string& extra = {}) {
    return read_intake_form(parse_form(
        "token=0123456789abcdef0123456789abcdef&kind=complaint&category=service_attitude&channel=letter"
        "&content=%E6%80%81%E5%BA%A6%E5%B7%AE&name=A&phone=13800138000&language=en&consent=1" +
        extra));
  }
  std::string refused_field(const IntakeForm& input) {
    auto draft = intake_draft(input, calendar, now);
    return draft.ok() ? std::string("(accepted)") : draft.error().field;
  }
};

TEST_F(IntakeForms, AReceivedDayCountsBackFromNowAtThePresentTime) {
  auto today = intake_draft(form("&received=2026-11-20"), calendar, now);
  ASSERT_TRUE(today.ok()) << today.error().message;
  EXPECT_FALSE(today->filed_at) << "today: filed now";
  auto empty = intake_draft(form(), calendar, now);
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->filed_at);
  auto letter = intake_draft(form("&received=2026-11-17"), calendar, now);
  ASSERT_TRUE(letter.ok()) << letter.error().message;
  ASSERT_TRUE(letter->filed_at);
  EXPECT_EQ(*letter->filed_at, now - std::chrono::days(3));
  EXPECT_EQ(letter->channel, "letter");
  EXPECT_EQ(letter->content, "态度差");
  EXPECT_EQ(letter->language, "en");
}

TEST_F(IntakeForms, AReferrersDeadlineIsTheEndOfItsDay) {
  auto draft = intake_draft(form("&referrer=X&referrer_deadline=2026-11-25"), calendar, now);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  ASSERT_TRUE(draft->referrer_deadline);
  EXPECT_EQ(*draft->referrer_deadline, calendar.end_of_day(LocalDays{std::chrono::year{2026} / 11 / 25}));
  EXPECT_EQ(draft->referrer, "X");
}

TEST_F(IntakeForms, WhatOnlyTheFormRefusesNamesItsField) {
  EXPECT_EQ(refused_field(form()), "(accepted)");
  EXPECT_EQ(refused_field(form("&received=2026-11-21")), "received");
  EXPECT_EQ(refused_field(form("&received=20.11.2026")), "received");
  EXPECT_EQ(refused_field(form("&referrer_deadline=tomorrow")), "referrer_deadline");
  IntakeForm kiosk = form();
  kiosk.channel = "kiosk";
  EXPECT_EQ(refused_field(kiosk), "channel");
  IntakeForm no_token = form();
  no_token.token.clear();
  EXPECT_EQ(refused_field(no_token), "token");
  IntakeForm odd_token = form();
  odd_token.token = "0123456789abcdef<script>";
  EXPECT_EQ(refused_field(odd_token), "token");
  IntakeForm no_consent = form();
  no_consent.consent = false;
  EXPECT_EQ(refused_field(no_consent), "consent");
  EXPECT_EQ(intake_draft(no_consent, calendar, now).error().key, "error.intake.consent");
}

}  // namespace
}  // namespace complaint::desk
