// validate_draft and normalize_phone: lengths in code points, strict UTF-8, control removal,
// phone formats, ids checked against the taxonomy, anonymous rules; and every error key that
// validation produces exists in both shipped catalogs.
#include <gtest/gtest.h>

#include <set>

#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
#include "core/validation/ticket_validation.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

// A well-formed earlier number, and the same with a wrong check character.
std::string earlier_number() {
  return format_ticket_number({"WH01", "K1", "20261122", 7});
}
std::string earlier_number_with_bad_check() {
  std::string number = earlier_number();
  number.back() = number.back() == '0' ? '1' : '0';
  return number;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string repeat(const std::string& glyph, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += glyph;
  return text;
}

TEST(NormalizePhone, AcceptsMobilesAndLandlinesInCommonSpellings) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"13800138000", "13800138000"},
      {"138-0013-8000", "13800138000"},
      {"138 0013 8000", "13800138000"},
      {"+86 138 0013 8000", "13800138000"},
      {"+8613800138000", "13800138000"},
      {"0086-13800138000", "13800138000"},
      {"19912345678", "19912345678"},
      {"010-12345678", "01012345678"},
      {"(010) 1234 5678", "01012345678"},
      {"021-87654321", "02187654321"},
      {"0571-8765432", "05718765432"},
      {"0571-87654321", "057187654321"},
      {"+86 10 12345678", "01012345678"},  // international form drops the trunk 0
      {"+86 571 87654321", "057187654321"},
      {"１３８００１３８０００", "13800138000"},  // full-width digits from an input method
      {"０１０－１２３４５６７８", "01012345678"},
  };
  for (const auto& [input, expected] : cases) {
    const auto phone = normalize_phone(input);
    ASSERT_TRUE(phone.ok()) << input << ": " << phone.error().message;
    EXPECT_EQ(*phone, expected) << input;
  }
}

TEST(NormalizePhone, RejectsWhatIsNotAChinesePhoneNumber) {
  for (const std::string input :
       {"", "12345", "12800138000", "1380013800O", "138001380001", "1380013800", "23800138000", "010-123456",
        "010-123456789", "011-12345678", "00-12345678", "+1 415 555 0100", "+86", "138+00138000",
        "13800138000 ext 12", "95588", "0086", "1380013800\xC0"}) {
    const auto phone = normalize_phone(input);
    ASSERT_FALSE(phone.ok()) << input << " -> " << *phone;
    EXPECT_EQ(phone.error().field, "phone");
    EXPECT_EQ(phone.error().key, "error.phone.invalid");
  }
}

TEST(ValidateDraft, CleansTheDraft) {
  TicketDraft draft = good_draft();
  draft.content = "  第一行\r\n第二行\t有制表符\x07\x1B\u202E  ";
  draft.customer_name = "\xE3\x80\x80张三\n";
  draft.phone = " 138-0013-8000 ";
  draft.address = " 3栋2单元\t";
  draft.desired_outcome = "道歉\n并说明原因 ";
  draft.repeat_of = " " + lower(earlier_number()) + " ";
  const auto cleaned = validate_draft(draft, Taxonomy::defaults());
  ASSERT_TRUE(cleaned.ok()) << cleaned.error().message;
  EXPECT_EQ(cleaned->content, "第一行\n第二行\t有制表符");
  EXPECT_EQ(cleaned->customer_name, "张三");
  EXPECT_EQ(cleaned->phone, "13800138000");
  EXPECT_EQ(cleaned->address, "3栋2单元");
  EXPECT_EQ(cleaned->desired_outcome, "道歉\n并说明原因");
  EXPECT_EQ(cleaned->repeat_of, earlier_number());
}

TEST(ValidateDraft, LengthsAreCountedInCodePoints) {
  TicketDraft draft = good_draft();
  draft.content = repeat("诉", kContentMaxCodePoints);  // 6000 bytes, 2000 code points
  draft.customer_name = repeat("张", kShortTextMaxCodePoints);
  draft.address = repeat("楼", kShortTextMaxCodePoints);
  draft.desired_outcome = repeat("😀", kOutcomeMaxCodePoints);
  EXPECT_TRUE(validate_draft(draft, Taxonomy::defaults()).ok());
}

struct BadDraft {
  std::string name;
  TicketDraft draft;
  std::string field;
  std::string key;
};

std::vector<BadDraft> bad_drafts() {
  const auto with = [](auto change) {
    TicketDraft draft = good_draft();
    change(draft);
    return draft;
  };
  return {
      {"empty content", with([](TicketDraft& d) { d.content = ""; }), "content", "error.content.empty"},
      {"only spaces and controls", with([](TicketDraft& d) { d.content = " \n\t\x01\xE3\x80\x80"; }),
       "content", "error.content.empty"},
      {"2001 code points", with([](TicketDraft& d) { d.content = repeat("投", 2001); }), "content",
       "error.content.too_long"},
      {"overlong bytes", with([](TicketDraft& d) { d.content = "bad \xC0\xAF"; }), "content",
       "error.text.invalid_utf8"},
      {"surrogate in name", with([](TicketDraft& d) { d.customer_name = "\xED\xA0\x80"; }), "name",
       "error.text.invalid_utf8"},
      {"truncated address", with([](TicketDraft& d) { d.address = "3栋\xE6\x8A"; }), "address",
       "error.text.invalid_utf8"},
      {"201-character name", with([](TicketDraft& d) { d.customer_name = repeat("张", 201); }), "name",
       "error.name.too_long"},
      {"201-character address", with([](TicketDraft& d) { d.address = repeat("楼", 201); }), "address",
       "error.address.too_long"},
      {"501-character outcome", with([](TicketDraft& d) { d.desired_outcome = repeat("要", 501); }),
       "desired_outcome", "error.desired_outcome.too_long"},
      {"201-character staff", with([](TicketDraft& d) { d.staff_involved = repeat("员", 201); }),
       "staff_involved", "error.staff_involved.too_long"},
      {"bad phone", with([](TicketDraft& d) { d.phone = "12345"; }), "phone", "error.phone.invalid"},
      {"missing phone", with([](TicketDraft& d) { d.phone = " "; }), "phone", "error.phone.required"},
      {"anonymous with phone", with([](TicketDraft& d) {
         d.anonymous = true;
         d.customer_name.clear();
       }),
       "anonymous", "error.anonymous.contact_given"},
      {"anonymous with name", with([](TicketDraft& d) {
         d.anonymous = true;
         d.phone.clear();
       }),
       "anonymous", "error.anonymous.contact_given"},
      {"unknown kind", with([](TicketDraft& d) { d.kind = "praise"; }), "kind", "error.kind.unknown"},
      {"unknown channel", with([](TicketDraft& d) { d.channel = "carrier_pigeon"; }), "channel",
       "error.channel.unknown"},
      {"unknown category", with([](TicketDraft& d) { d.category = "weather"; }), "category",
       "error.category.unknown"},
      {"staff-only category", with([](TicketDraft& d) { d.category = "not_our_responsibility"; }), "category",
       "error.category.staff_only"},
      {"bad language", with([](TicketDraft& d) { d.language = "fr"; }), "language", "error.language.unknown"},
      {"malformed repeat_of", with([](TicketDraft& d) { d.repeat_of = "yesterday's"; }), "repeat_of",
       "error.number.malformed"},
      {"repeat_of with a wrong check",
       with([](TicketDraft& d) { d.repeat_of = earlier_number_with_bad_check(); }), "repeat_of",
       "error.number.check"},
  };
}

TEST(ValidateDraft, RejectsBadInputNamingTheFieldAndKey) {
  for (const BadDraft& bad : bad_drafts()) {
    const auto result = validate_draft(bad.draft, Taxonomy::defaults());
    ASSERT_FALSE(result.ok()) << bad.name;
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input) << bad.name;
    EXPECT_EQ(result.error().field, bad.field) << bad.name << ": " << result.error().message;
    EXPECT_EQ(result.error().key, bad.key) << bad.name << ": " << result.error().message;
    EXPECT_FALSE(result.error().message.empty()) << bad.name;
  }
}

TEST(ValidateDraft, UnknownIdsListTheValidOnes) {
  TicketDraft draft = good_draft();
  draft.category = "weather";
  const auto result = validate_draft(draft, Taxonomy::defaults());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("service_attitude"), std::string::npos);
  EXPECT_NE(result.error().message.find("financial_crime"), std::string::npos);
  EXPECT_EQ(result.error().message.find("not_our_responsibility"), std::string::npos)
      << "a staff-only category is not offered as valid";
  draft = good_draft();
  draft.kind = "praise";
  const auto kind = validate_draft(draft, Taxonomy::defaults());
  ASSERT_FALSE(kind.ok());
  EXPECT_NE(kind.error().message.find("complaint, suggestion, inquiry, report"), std::string::npos);
}

TEST(ValidateDraft, AnonymousNeedsNoPhoneAndKeepsTheAddress) {
  TicketDraft draft = good_draft();
  draft.anonymous = true;
  draft.customer_name = " ";
  draft.phone.clear();
  draft.address = "5栋";
  draft.kind = "report";
  draft.category = "financial_crime";
  const auto result = validate_draft(draft, Taxonomy::defaults());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->phone.empty());
  EXPECT_TRUE(result->customer_name.empty());
  EXPECT_EQ(result->address, "5栋");
}

TEST(ValidateDraft, NameIsOptionalAndLanguageEnglishAccepted) {
  TicketDraft draft = good_draft();
  draft.customer_name.clear();
  draft.language = "en";
  draft.content = "The ATM kept my card.";
  EXPECT_TRUE(validate_draft(draft, Taxonomy::defaults()).ok());
}

TEST(ValidationKeys, EveryKeyValidationProducesExistsInBothCatalogs) {
  std::set<std::string> keys;
  for (const BadDraft& bad : bad_drafts()) {
    const auto result = validate_draft(bad.draft, Taxonomy::defaults());
    if (!result.ok()) keys.insert(result.error().key);
  }
  const auto phone = normalize_phone("nope");
  keys.insert(phone.error().key);
  const std::string directory = std::string(COMPLAINT_SOURCE_ASSETS) + "/i18n";
  for (const char* language : {"zh-CN", "en"}) {
    const auto catalog = Catalog::load(directory, language);
    ASSERT_TRUE(catalog.ok()) << catalog.error().message;
    for (const std::string& key : keys) EXPECT_TRUE(catalog->has(key)) << language << " lacks " << key;
  }
  EXPECT_GE(keys.size(), 15u);
}

}  // namespace
}  // namespace complaint
