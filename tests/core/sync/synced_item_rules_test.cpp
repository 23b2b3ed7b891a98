// The synced-item rules (core/sync/synced_item_rules.h), one rule at a time: each case breaks
// one thing in a ticket or event exactly as a kiosk files it and names the field and catalog
// key of the refusal. store_sync_batch's use of them is desk_sync_batch_test.cpp.
#include "core/sync/synced_item_rules.h"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>

#include "core/i18n/catalog.h"
#include "kiosk_items.h"

namespace complaint::testing {
namespace {

const SyncOrigin kOrigin{"K1", "WH01", kSyncNow};

struct Expected {
  std::string field;
  std::string key;
  ErrorCode code = ErrorCode::invalid_input;
};

// Staff read the reason on the kiosk in either language: every key is in both catalogs.
void expect_in_catalogs(const std::string& key) {
  static const std::vector<Catalog> catalogs = [] {
    std::vector<Catalog> loaded;
    for (const char* language : {"zh-CN", "en"}) {
      auto catalog = Catalog::load(std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n", language);
      if (catalog.ok()) loaded.push_back(std::move(catalog).value());
    }
    return loaded;
  }();
  ASSERT_EQ(catalogs.size(), 2u);
  for (const Catalog& catalog : catalogs)
    EXPECT_TRUE(catalog.has(key)) << catalog.language() << " lacks " << key;
}

void expect_refused(const Result<void>& result, const Expected& expected, const std::string& what) {
  ASSERT_FALSE(result.ok()) << what << " was accepted";
  expect_in_catalogs(result.error().key);
  EXPECT_EQ(result.error().field, expected.field) << what;
  EXPECT_EQ(result.error().key, expected.key) << what;
  EXPECT_EQ(result.error().code, expected.code) << what;
}

using TicketChange = std::function<void(Ticket&)>;

void expect_ticket_refused(const std::vector<std::pair<TicketChange, Expected>>& cases) {
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Ticket ticket = kiosk_ticket(1);
    cases[i].first(ticket);
    expect_refused(check_synced_ticket(ticket, kOrigin), cases[i].second, "case " + std::to_string(i));
  }
}

TEST(SyncedItemRules, ATicketAndEventAsTheKioskFilesThemPass) {
  const Ticket ticket = kiosk_ticket(1);
  const auto checked = check_synced_ticket(ticket, kOrigin);
  EXPECT_TRUE(checked.ok()) << checked.error().message;
  const auto event = check_synced_event(file_event_of(ticket), ticket, kOrigin);
  EXPECT_TRUE(event.ok()) << event.error().message;
  // Staff mode: recorded by "staff" as intake clerk, a letter backdated by weeks, anonymous.
  Ticket staff = kiosk_ticket(2);
  staff.recorded_by = "staff";
  staff.channel = "letter";
  staff.filed_at = kSyncNow - std::chrono::days(60);
  staff.anonymous = true;
  staff.customer_name.clear();
  staff.phone.clear();
  TicketEvent filed = file_event_of(staff);
  filed.role = "intake_clerk";
  EXPECT_TRUE(check_synced_ticket(staff, kOrigin).ok());
  EXPECT_TRUE(check_synced_event(filed, staff, kOrigin).ok());
  // Before the desk knows the kiosk's site, any site the number names is its own.
  EXPECT_TRUE(check_synced_ticket(kiosk_ticket(3, "K1", "SH02"), SyncOrigin{"K1", "", kSyncNow}).ok());
}

TEST(SyncedItemRules, OnlyTheCanonicalNumberIsAccepted) {
  const std::string good = kiosk_ticket(1).number;
  std::string lower = good;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string wrong_check = good;
  wrong_check.back() = wrong_check.back() == 'A' ? 'B' : 'A';
  const std::vector<std::pair<std::string, std::string>> cases = {
      {lower, "error.number.not_canonical"},
      {" " + good, "error.number.not_canonical"},
      {good + " ", "error.number.not_canonical"},
      {good + "\t", "error.number.not_canonical"},
      {good + "\n", "error.number.not_canonical"},
      {good.substr(0, 4) + " " + good.substr(4), "error.number.not_canonical"},
      {wrong_check, "error.number.check"},
      {"WH01-K1", "error.number.malformed"},
      {std::string("WH01-K1-20261115-0001-") + '\0', "error.number.malformed"},
  };
  for (const auto& [number, key] : cases) {
    Ticket ticket = kiosk_ticket(1);
    ticket.number = number;
    expect_refused(check_synced_identity(ticket, kOrigin), {"number", key}, "'" + number + "'");
  }
  // Five sequence digits where the kiosk writes four: a variant, even with its own check character.
  Ticket padded = kiosk_ticket(1);
  const std::string body = "WH01-K1-20261115-00001";
  padded.number = body + "-" + ticket_check_character(body);
  expect_refused(check_synced_identity(padded, kOrigin), {"number", "error.number.not_canonical"}, "padded");
}

TEST(SyncedItemRules, TheTicketIsTheSendingKiosksAtItsSite) {
  const Expected wrong_kiosk{"kiosk_id", "desk.refused.wrong_kiosk", ErrorCode::forbidden};
  const Expected wrong_site{"site_code", "desk.refused.wrong_site", ErrorCode::forbidden};
  expect_ticket_refused({
      {[](Ticket& t) { t = kiosk_ticket(1, "K2"); }, wrong_kiosk},
      {[](Ticket& t) { t.kiosk_id = "K2"; }, wrong_kiosk},
      {[](Ticket& t) { t.number = kiosk_ticket(1, "K2").number; }, wrong_kiosk},
      {[](Ticket& t) { t = kiosk_ticket(1, "K1", "SH02"); }, wrong_site},
      {[](Ticket& t) { t.site_code = "SH02"; }, wrong_site},
      {[](Ticket& t) { t.tracking_token = "abc"; }, {"tracking_token", "desk.refused.token"}},
      {[](Ticket& t) { t.tracking_token.back() = '\0'; }, {"tracking_token", "desk.refused.token"}},
  });
}

TEST(SyncedItemRules, ANewTicketCarriesNoHandling) {
  const auto state = [](const char* field) {
    return Expected{field, "desk.refused.not_kiosk_state", ErrorCode::forbidden};
  };
  expect_ticket_refused({
      {[](Ticket& t) { t.status = Status::archived; }, state("status")},
      {[](Ticket& t) { t.status = Status::withdrawn; }, state("status")},
      {[](Ticket& t) { t.satisfaction = Satisfaction::satisfied; }, state("satisfaction")},
      {[](Ticket& t) { t.supervisor = "sup"; }, state("supervisor")},
      {[](Ticket& t) { t.department = "营业部"; }, state("department")},
      {[](Ticket& t) { t.handling_result = "done"; }, state("handling_result")},
      {[](Ticket& t) { t.major_notified = true; }, state("major_notified")},
      {[](Ticket& t) { t.first_contact_at = kSyncNow; }, state("first_contact_at")},
      {[](Ticket& t) { t.withdrawn_voluntarily = false; }, state("withdrawn_voluntarily")},
      {[](Ticket& t) { t.resolved_on_the_spot = true; }, state("resolved_on_the_spot")},
      {[](Ticket& t) { t.reopen_count = 1; }, state("reopen_count")},
      {[](Ticket& t) { t.legal_hold = true; }, state("legal_hold")},
      {[](Ticket& t) { t.deadlines.callback_by = kSyncNow; }, state("callback_by")},
  });
}

TEST(SyncedItemRules, TextFollowsFilingsRules) {
  const auto control = [](const char* field) { return Expected{field, "error.text.control"}; };
  expect_ticket_refused({
      {[](Ticket& t) { t.content = std::string("a\0b", 3); }, control("content")},
      {[](Ticket& t) { t.content = "a\x1B[31mb"; }, control("content")},
      {[](Ticket& t) { t.content = "a\u202Eexe.txt"; }, control("content")},
      {[](Ticket& t) { t.content = "a\u2066b"; }, control("content")},
      {[](Ticket& t) { t.content = "a\r\nb"; }, control("content")},
      {[](Ticket& t) { t.customer_name = "张\n三"; }, control("name")},
      {[](Ticket& t) { t.address = "3栋\t2单元"; }, control("address")},
      {[](Ticket& t) { t.recorded_by = "kiosk\u202A"; }, control("recorded_by")},
      {[](Ticket& t) { t.major_reasons = {"word:\x1B"}; }, control("major_reasons")},
      {[](Ticket& t) { t.content = " 前后有空格"; }, {"content", "error.text.untrimmed"}},
      {[](Ticket& t) { t.desired_outcome = "道歉\n"; }, {"desired_outcome", "error.text.untrimmed"}},
      {[](Ticket& t) { t.content = std::string(2001, 'x'); }, {"content", "error.text.too_long"}},
      {[](Ticket& t) { t.content = std::string(900 * 1024, 'x'); }, {"content", "error.text.too_long"}},
      {[](Ticket& t) { t.customer_name = std::string(201, 'x'); }, {"name", "error.text.too_long"}},
      {[](Ticket& t) { t.content = "\xFF\xFE"; }, {"content", "error.text.invalid_utf8"}},
      {[](Ticket& t) { t.content.clear(); }, {"content", "error.content.empty"}},
      {[](Ticket& t) { t.phone = "138-0013-8000"; }, {"phone", "error.phone.invalid"}},
      {[](Ticket& t) { t.phone = "12345"; }, {"phone", "error.phone.invalid"}},
      {[](Ticket& t) { t.phone.clear(); }, {"phone", "error.phone.required"}},
      {[](Ticket& t) { t.anonymous = true; }, {"anonymous", "error.anonymous.contact_given"}},
      {[](Ticket& t) {
         t.repeat_of = kiosk_ticket(9).number;
         for (char& c : t.repeat_of) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
       },
       {"repeat_of", "error.number.not_canonical"}},
      {[](Ticket& t) { t.kind = "Complaint"; }, {"kind", "desk.refused.identifier"}},
      {[](Ticket& t) { t.category = "service quality"; }, {"category", "desk.refused.identifier"}},
      {[](Ticket& t) { t.language = "fr"; }, {"language", "error.language.unknown"}},
  });
  // What filing keeps is kept: line breaks and tabs in the content, 2000 characters.
  Ticket ticket = kiosk_ticket(1);
  ticket.content = "第一行\n\t第二行" + std::string(1992, 'x');  // 2000 code points
  EXPECT_TRUE(check_synced_ticket(ticket, kOrigin).ok());
}

TEST(SyncedItemRules, TimesAreNotAheadOfTheDesksClock) {
  expect_ticket_refused({
      {[](Ticket& t) { t.recorded_at = kSyncNow + std::chrono::hours(1); },
       {"recorded_at", "desk.refused.future"}},
      {[](Ticket& t) { t.filed_at = t.recorded_at + std::chrono::minutes(11); },
       {"filed_at", "error.filed_at.future"}},
  });
  Ticket drifted = kiosk_ticket(1);  // a kiosk clock a few minutes fast is tolerated, as at filing
  drifted.recorded_at = kSyncNow + std::chrono::minutes(5);
  drifted.filed_at = drifted.recorded_at;
  EXPECT_TRUE(check_synced_ticket(drifted, kOrigin).ok());
}

TEST(SyncedItemRules, AnEventIsTheFilingByTheKioskOrItsStaff) {
  const Ticket ticket = kiosk_ticket(1);
  const auto not_kiosk = [](const char* field) {
    return Expected{field, "desk.refused.not_kiosk_event", ErrorCode::forbidden};
  };
  const std::vector<std::pair<std::function<void(TicketEvent&)>, Expected>> cases = {
      {[](TicketEvent& e) { e.action = "archive"; }, not_kiosk("action")},
      {[](TicketEvent& e) { e.action = "forward"; }, not_kiosk("action")},
      {[](TicketEvent& e) { e.to = Status::archived; }, not_kiosk("to")},
      {[](TicketEvent& e) { e.from = Status::replied; }, not_kiosk("from")},
      {[](TicketEvent& e) { e.role = "supervisor"; }, not_kiosk("role")},
      {[](TicketEvent& e) { e.role = "dispatcher"; }, not_kiosk("role")},
      {[](TicketEvent& e) { e.actor = "sup"; }, not_kiosk("actor")},
      {[](TicketEvent& e) { e.actor = "kiosk\u202E"; }, {"actor", "error.text.control"}},
      {[](TicketEvent& e) { e.note = std::string("x\0", 2); }, {"note", "error.text.control"}},
      {[](TicketEvent& e) { e.data_json = "[1]"; }, {"data", "desk.error.schema"}},
      {[](TicketEvent& e) { e.data_json = R"({"channel":"kiosk\u001b[2J"})"; },
       {"data", "error.text.control"}},
      {[](TicketEvent& e) { e.data_json = R"({"\u202e":1})"; }, {"data", "error.text.control"}},
      {[](TicketEvent& e) { e.data_json = R"({"x":")" + std::string(5000, 'x') + "\"}"; },
       {"data", "error.text.too_long"}},
      {[](TicketEvent& e) { e.at = kSyncNow + std::chrono::hours(2); }, {"at", "desk.refused.future"}},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    TicketEvent event = file_event_of(ticket);
    cases[i].first(event);
    expect_refused(check_synced_event(event, ticket, kOrigin), cases[i].second, "case " + std::to_string(i));
  }
}

}  // namespace
}  // namespace complaint::testing
