// TrackingLookup: the look-up behind the desk's QR page and the kiosk's progress screen.
// The right token (or, at the kiosk, the right last 4 phone digits) opens a ticket; every
// miss gives the same empty answer after the same store work; what comes back for display
// is PublicProgress, which holds neither the complaint text nor the full contact.
#include "core/tracking/tracking_lookup.h"

#include <gtest/gtest.h>

#include <cctype>

#include "core/domain/ticket_number.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/kiosk_request.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kFiled = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 8h;
constexpr const char* kToken = "ABCDEFGHIJKLMNOPQRSTUVWX";
constexpr const char* kContent = "柜员态度冷漠，排队一小时";

class TrackingLookupTest : public ::testing::Test {
 protected:
  TrackingLookupTest()
      : taxonomy(Taxonomy::defaults()), clock(kFiled + 2h), lookup(tickets, taxonomy, clock) {}

  Ticket file(const std::string& token, const std::string& phone, bool anonymous = false) {
    NewTicketRequest r = kiosk_request(token, kFiled);
    r.ticket.content = kContent;
    r.ticket.customer_name = anonymous ? "" : "张三";
    r.ticket.phone = phone;
    r.ticket.anonymous = anonymous;
    r.ticket.deadlines.resolve_by = kFiled + 120h;
    r.first_event.note = "内部备注：客户情绪激动";
    auto stored = tickets.insert_new(r);
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? *stored : Ticket{};
  }

  // Every miss must look the same: a successful answer without a ticket.
  void expect_miss(const std::string& number, const TrackingProof& proof) {
    const int finds_before = tickets.calls(RepositoryOperation::find);
    auto found = lookup.lookup_public_progress(number, proof);
    ASSERT_TRUE(found.ok()) << found.error().message;
    EXPECT_FALSE(found->has_value()) << number;
    EXPECT_EQ(tickets.calls(RepositoryOperation::find) - finds_before, 2) << "the same work as a hit";
  }

  FakeTicketRepository tickets;
  Taxonomy taxonomy;
  FixedClock clock;
  TrackingLookup lookup;
};

TEST_F(TrackingLookupTest, TheRightTokenGivesThePublicProgress) {
  const Ticket ticket = file(kToken, "13800138000");
  const int finds_before = tickets.calls(RepositoryOperation::find);
  auto found = lookup.lookup_public_progress(ticket.number, TrackingProof{kToken, {}});
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(tickets.calls(RepositoryOperation::find) - finds_before, 2);
  const PublicProgress& progress = **found;
  EXPECT_EQ(progress.number, ticket.number);
  EXPECT_EQ(progress.status, Status::filed);
  ASSERT_EQ(progress.steps.size(), std::size(kProgressSteps));
  EXPECT_EQ(progress.steps[0].state, StepState::current);
  ASSERT_FALSE(progress.deadlines.empty());
  EXPECT_EQ(progress.deadlines.back().outcome, DeadlineOutcome::pending) << "judged at the clock's now";
}

TEST_F(TrackingLookupTest, ATypedNumberIsNormalisedLikeEverywhereElse) {
  const Ticket ticket = file(kToken, "13800138000");
  std::string typed = ticket.number;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto found = lookup.find("  " + typed + " ", TrackingProof{kToken, {}});
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
}

// The kiosk's keypad has no hyphens: with the site's code the number is read without them,
// in any case, with the same store work as any other look-up.
TEST_F(TrackingLookupTest, TheSiteCodeLetsANumberBeTypedWithoutHyphens) {
  const Ticket ticket = file(kToken, "13800138000");
  auto parts = parse_ticket_number(ticket.number);
  ASSERT_TRUE(parts.ok());
  std::string typed = ticket.number;
  std::erase(typed, '-');
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  TrackingLookup site_lookup(tickets, taxonomy, clock, parts->site_code);
  const int finds_before = tickets.calls(RepositoryOperation::find);
  auto found = site_lookup.find(typed, TrackingProof{{}, "8000"});
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value()) << typed;
  EXPECT_EQ((*found)->number, ticket.number);
  EXPECT_EQ(tickets.calls(RepositoryOperation::find) - finds_before, 2) << "the same work as any look-up";
  auto without_site = lookup.find(typed, TrackingProof{{}, "8000"});
  ASSERT_TRUE(without_site.ok());
  EXPECT_FALSE(without_site->has_value()) << "no site code: hyphens needed";
}

TEST_F(TrackingLookupTest, AWrongTokenAnUnknownAndAMalformedNumberAreTheSameMiss) {
  const Ticket ticket = file(kToken, "13800138000");
  std::string forged = kToken;
  forged[0] = 'B';
  expect_miss(ticket.number, TrackingProof{forged, {}});
  expect_miss(ticket.number, TrackingProof{"", {}});
  auto parts = parse_ticket_number(ticket.number);
  ASSERT_TRUE(parts.ok());
  TicketNumberParts later = *parts;
  later.sequence = 99;  // well formed, never issued
  expect_miss(format_ticket_number(later), TrackingProof{kToken, {}});
  expect_miss("not a number at all", TrackingProof{kToken, {}});
  expect_miss(std::string(500, 'X'), TrackingProof{kToken, {}});
}

TEST_F(TrackingLookupTest, AStoredTokenThatIsNotWellFormedOpensNothing) {
  const Ticket ticket = file("short", "13800138000");
  expect_miss(ticket.number, TrackingProof{"short", {}});
}

TEST_F(TrackingLookupTest, TheLastFourPhoneDigitsOpenTheTicketWhenNoTokenIsGiven) {
  const Ticket ticket = file(kToken, "13800138000");
  auto found = lookup.find(ticket.number, TrackingProof{{}, "8000"});
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
  expect_miss(ticket.number, TrackingProof{{}, "1234"});
  expect_miss(ticket.number, TrackingProof{{}, "800"});
  expect_miss(ticket.number, TrackingProof{{}, "38000"});
  std::string forged = kToken;
  forged[0] = 'B';
  expect_miss(ticket.number, TrackingProof{forged, "8000"});  // a token, when given, is the only proof
}

TEST_F(TrackingLookupTest, AnAnonymousTicketCannotBeOpenedByDigits) {
  const Ticket ticket = file(kToken, "", true);
  expect_miss(ticket.number, TrackingProof{{}, "----"});
  expect_miss(ticket.number, TrackingProof{{}, ""});
  auto found = lookup.find(ticket.number, TrackingProof{kToken, {}});
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
}

TEST_F(TrackingLookupTest, PrivacyTheProgressHoldsNoTextNotesOrFullContact) {
  const Ticket ticket = file(kToken, "13800138000");
  auto found = lookup.lookup_public_progress(ticket.number, TrackingProof{kToken, {}});
  ASSERT_TRUE(found.ok() && found->has_value());
  const PublicProgress& progress = **found;
  EXPECT_EQ(progress.masked_phone, "138****8000");
  EXPECT_EQ(progress.masked_name, "张*");
  for (const std::string& text : {progress.number, progress.kind, progress.category, progress.department,
                                  progress.masked_name, progress.masked_phone}) {
    EXPECT_EQ(text.find("13800138000"), std::string::npos) << text;
    EXPECT_EQ(text.find("张三"), std::string::npos) << text;
    EXPECT_EQ(text.find("柜员"), std::string::npos) << text;
    EXPECT_EQ(text.find("内部备注"), std::string::npos) << text;
  }
}

TEST_F(TrackingLookupTest, AFailingStoreIsAnErrorNotAMiss) {
  const Ticket ticket = file(kToken, "13800138000");
  tickets.fail(RepositoryOperation::find, 0, FailureMode::once,
               Error::make(ErrorCode::storage, "disk gone", "sqlite3_step", 10));
  EXPECT_FALSE(lookup.lookup_public_progress(ticket.number, TrackingProof{kToken, {}}).ok());
  tickets.fail(RepositoryOperation::events, 0, FailureMode::once,
               Error::make(ErrorCode::storage, "disk gone", "sqlite3_step", 10));
  EXPECT_FALSE(lookup.lookup_public_progress(ticket.number, TrackingProof{kToken, {}}).ok());
  EXPECT_TRUE(lookup.lookup_public_progress(ticket.number, TrackingProof{kToken, {}}).ok());
}

}  // namespace
}  // namespace complaint
