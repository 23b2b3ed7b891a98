// The sync protocol's JSON and request signing: lossless round trips, every required
// field enforced, inconsistent batches refused, signatures bound to every signed part.
#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "core/domain/ticket_fields.h"
#include "core/domain/ticket_number.h"
#include "core/sync/request_auth.h"
#include "core/sync/sync_protocol.h"

namespace complaint {
namespace {

using nlohmann::json;

Instant at(std::int64_t seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

const std::string& good_number() {
  static const std::string number = format_ticket_number({"WH01", "K1", "20261122", 7});
  return number;
}

std::string mistyped_number() {
  std::string number = good_number();
  number.back() = number.back() == 'A' ? 'B' : 'A';
  return number;
}

Ticket full_ticket() {
  Ticket t;
  t.number = good_number();
  t.tracking_token = "tok123";
  t.kind = "complaint";
  t.channel = "kiosk";
  t.category = "rule_violation";
  t.severity = Severity::major;
  t.content = "柜员态度冷漠 \"quoted\"\n";
  t.desired_outcome = "道歉";
  t.customer_name = "张三";
  t.phone = "13800138000";
  t.address = "3栋2单元";
  t.language = "en";
  t.site_code = "WH01";
  t.kiosk_id = "K1";
  t.filed_at = at(1795000000);
  t.recorded_at = at(1795000005);
  t.staff_involved = "柜员 07";
  t.recorded_by = "kiosk";
  t.major = true;
  t.major_notified = true;
  t.major_reasons = {"category:rule_violation", "word:媒体"};
  t.repeat_of = "WH01-K1-20261101-0001-9";
  t.group = true;
  t.status = Status::replied;
  t.deadlines.forward_by = at(1795003600);
  t.deadlines.resolve_by = at(1795300000);
  t.deadlines.callback_not_before = at(1795400000);
  t.department = "营业部";
  t.verification = "v";
  t.handling_opinion = "o";
  t.handling_result = "r";
  t.callback_note = "c";
  t.satisfaction = Satisfaction::basically_satisfied;
  t.handler = "h";
  t.supervisor = "s";
  t.first_contact_at = at(1795010000);
  t.replied_at = at(1795020000);
  t.withdrawn_voluntarily = false;
  t.resolved_on_the_spot = true;
  t.reopen_count = 2;
  return t;
}

TicketEvent file_event(const std::string& number) {
  TicketEvent e;
  e.id = 41;
  e.ticket_number = number;
  e.at = at(1795000000);
  e.actor = "kiosk";
  e.role = "kiosk";
  e.action = "file";
  e.note = "n";
  e.data_json = R"({"a":1})";
  return e;
}

SyncBatch full_batch() {
  SyncBatch batch;
  batch.kiosk_id = "K1";
  batch.cursor = 17;
  batch.tickets.push_back(full_ticket());
  batch.items.push_back(SyncItem{5, SyncItemKind::ticket, full_ticket().number, std::nullopt});
  batch.items.push_back(
      SyncItem{6, SyncItemKind::event, full_ticket().number, file_event(full_ticket().number)});
  return batch;
}

std::string field_of(const std::string& text) {
  auto parsed = batch_from_json(text);
  return parsed.ok() ? std::string("<accepted>") : parsed.error().field;
}

TEST(SyncProtocol, BatchRoundTripIsLossless) {
  const std::string text = batch_to_json(full_batch());
  auto parsed = batch_from_json(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(batch_to_json(*parsed), text);
  const Ticket& t = parsed->tickets.at(0);
  EXPECT_EQ(t.content, full_ticket().content);
  EXPECT_EQ(t.major_reasons, full_ticket().major_reasons);
  EXPECT_EQ(t.deadlines.resolve_by, full_ticket().deadlines.resolve_by);
  EXPECT_FALSE(t.deadlines.contact_by.has_value());
  EXPECT_EQ(t.withdrawn_voluntarily, std::optional<bool>(false));
  EXPECT_EQ(t.satisfaction, Satisfaction::basically_satisfied);
  ASSERT_TRUE(parsed->items.at(1).event.has_value());
  EXPECT_EQ(parsed->items.at(1).event->data_json, R"({"a":1})");
  EXPECT_EQ(parsed->cursor, 17);
}

TEST(SyncProtocol, EveryTicketFieldIsRequired) {
  const json batch = json::parse(batch_to_json(full_batch()));
  for (const auto& [key, value] : batch["tickets"][0].items()) {
    json broken = batch;
    broken["tickets"][0].erase(key);
    // Fields added later: a kiosk or desk from before sends none of them (the default holds).
    const TicketField* field = find_ticket_field(key);
    const bool later = field != nullptr && field->added_later;
    EXPECT_EQ(field_of(broken.dump()), later ? "<accepted>" : "tickets[0]." + key) << key;
  }
  for (const auto& [key, value] : batch["items"][1]["event"].items()) {
    json broken = batch;
    broken["items"][1]["event"].erase(key);
    EXPECT_EQ(field_of(broken.dump()), "items[1].event." + key) << key;
  }
}

TEST(SyncProtocol, WrongTypesAndValuesAreRefusedWithTheirField) {
  const json batch = json::parse(batch_to_json(full_batch()));
  const std::vector<std::pair<std::string, std::function<void(json&)>>> cases = {
      {"tickets[0].status", [](json& b) { b["tickets"][0]["status"] = "lost"; }},
      {"tickets[0].major", [](json& b) { b["tickets"][0]["major"] = "yes"; }},
      {"tickets[0].filed_at", [](json& b) { b["tickets"][0]["filed_at"] = -5; }},
      {"tickets[0].deadlines.forward_by",
       [](json& b) { b["tickets"][0]["deadlines"]["forward_by"] = "soon"; }},
      {"items[1].event.data", [](json& b) { b["items"][1]["event"]["data"] = "[1]"; }},
      {"items[1].event.ticket_number", [](json& b) { b["items"][1]["event"]["ticket_number"] = "X"; }},
      {"items[1].outbox_id", [](json& b) { b["items"][1]["outbox_id"] = 5; }},
      {"items[0].ticket", [](json& b) { b["items"][0]["ticket"] = "WH01-K1-20261122-0008-1"; }},
      {"items[0].kind", [](json& b) { b["items"][0]["kind"] = "print"; }},
      {"kiosk_id", [](json& b) { b["kiosk_id"] = "k-1"; }},
      {"version", [](json& b) { b["version"] = 99; }},
      {"cursor", [](json& b) { b["cursor"] = -1; }},
  };
  for (const auto& [field, mutate] : cases) {
    json broken = batch;
    mutate(broken);
    EXPECT_EQ(field_of(broken.dump()), field);
  }
}

// What a ticket's values may be is decided item by item at the desk (synced_item_rules.h), so
// one bad ticket is refused alone instead of failing the batch, and the kiosk moves on.
TEST(SyncProtocol, TicketValuesAreLeftToTheItemRules) {
  const json batch = json::parse(batch_to_json(full_batch()));
  const std::vector<std::function<void(json&)>> cases = {
      [](json& b) { b["tickets"][0]["number"] = mistyped_number(); },
      [](json& b) { b["tickets"][0]["kiosk_id"] = "K2"; },
      [](json& b) { b["tickets"][0]["tracking_token"] = ""; },
  };
  for (const auto& mutate : cases) {
    json changed = batch;
    mutate(changed);
    for (json& item : changed["items"]) item["ticket"] = changed["tickets"][0]["number"];
    changed["items"][1]["event"]["ticket_number"] = changed["tickets"][0]["number"];
    const auto parsed = batch_from_json(changed.dump());
    EXPECT_TRUE(parsed.ok()) << changed["tickets"][0].dump() << ": " << parsed.error().message;
  }
}

TEST(SyncProtocol, MalformedTextIsRefused) {
  for (const std::string text : {"", "{", "[]", "null", "{\"version\":1}", "\xff\xfe{}"}) {
    auto parsed = batch_from_json(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
  }
}

TEST(SyncProtocol, AnswerRoundTripIsLossless) {
  SyncAnswer answer;
  answer.acknowledged = {5, 6, 9};
  answer.cursor = 88;
  answer.more = true;
  answer.updates.push_back(StatusUpdate{full_ticket(), {RemoteEvent{77, file_event(full_ticket().number)}}});
  Error reason = Error::invalid("content", "error.text.control", "content holds a control character");
  answer.refused.push_back(ItemRefusal{7, "wh01-k1-20261122-0007-3", reason});
  reason.code = ErrorCode::forbidden;
  answer.refused.push_back(ItemRefusal{8, "WH01-K1-20261122-0007-3", reason});
  const std::string text = answer_to_json(answer);
  auto parsed = answer_from_json(text);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(answer_to_json(*parsed), text);
  EXPECT_EQ(parsed->updates.at(0).events.at(0).desk_id, 77);
  ASSERT_EQ(parsed->refused.size(), 2u);
  EXPECT_EQ(parsed->refused[0].ticket_number, "wh01-k1-20261122-0007-3");
  EXPECT_EQ(parsed->refused[0].reason.key, "error.text.control");
  EXPECT_EQ(parsed->refused[0].reason.field, "content");
  EXPECT_EQ(parsed->refused[1].reason.code, ErrorCode::forbidden);
}

// A desk from before item refusals sends no "refused": its answers still parse.
TEST(SyncProtocol, AnAnswerWithoutRefusalsParses) {
  json old_answer = json::parse(answer_to_json(SyncAnswer{{5, 6}, {}, {}, 3, false}));
  old_answer.erase("refused");
  const auto parsed = answer_from_json(old_answer.dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->acknowledged, (std::vector<std::int64_t>{5, 6}));
  EXPECT_TRUE(parsed->refused.empty());
}

TEST(SyncProtocol, ErrorBodyCarriesTheErrorModel) {
  const Error error = Error::invalid("items[0].kind", "desk.error.schema", "bad kind");
  const Error back = error_from_json(error_to_json(error), 400);
  EXPECT_EQ(back.field, "items[0].kind");
  EXPECT_EQ(back.key, "desk.error.schema");
  EXPECT_NE(back.message.find("bad kind"), std::string::npos);
  EXPECT_EQ(error_from_json("<html>", 502).key, "desk.error.http");
}

class RequestAuth : public ::testing::Test {
 protected:
  HttpRequest signed_request(Instant now, SignatureScheme scheme = SignatureScheme::ed25519) {
    HttpRequest request;
    request.path = kSyncPath;
    request.body = R"({"x":1})";
    EXPECT_TRUE(sign_request(request, m_signer, "K1", m_key, now, scheme).ok());
    return request;
  }
  Result<void> verify(const HttpRequest& request, Instant now) { return verify(request, now, m_keys); }
  Result<void> verify(const HttpRequest& request, Instant now, const KioskKeys& keys) {
    TRY_ASSIGN(const SignedHeaders headers, read_signed_headers(request));
    return verify_request(request, headers, m_signer, keys, now, std::chrono::seconds(300));
  }
  FakeSigner m_signer;
  std::string m_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  KioskKeys m_keys{kiosk_public_key_hex(m_signer, m_key).value(), {}};
};

TEST_F(RequestAuth, SignsWithEd25519AndTellsTheSchemeByTheSignaturesLength) {
  const auto ed25519 = read_signed_headers(signed_request(at(1000000)));
  ASSERT_TRUE(ed25519.ok());
  EXPECT_EQ(ed25519->signature.size(), 128u);
  EXPECT_EQ(ed25519->scheme, SignatureScheme::ed25519);
  const auto hmac = read_signed_headers(signed_request(at(1000000), SignatureScheme::hmac_sha256));
  ASSERT_TRUE(hmac.ok());
  EXPECT_EQ(hmac->signature.size(), 64u);
  EXPECT_EQ(hmac->scheme, SignatureScheme::hmac_sha256);
  for (const std::string& bad : {std::string(127, 'a'), std::string(96, 'a'), std::string(127, 'a') + "g"}) {
    HttpRequest request = signed_request(at(1000000));
    for (auto& [name, value] : request.headers)
      if (name == kHeaderSignature) value = bad;
    EXPECT_EQ(read_signed_headers(request).error().key, "desk.error.signature") << bad;
  }
}

TEST_F(RequestAuth, AKiosksKeyIs64HexDigits) {
  for (const std::string& key :
       {std::string("0011223344556677"), std::string(66, 'a'), std::string(64, 'x')}) {
    HttpRequest request;
    EXPECT_FALSE(sign_request(request, m_signer, "K1", key, at(1000000)).ok()) << key;
    EXPECT_FALSE(kiosk_public_key_hex(m_signer, key).ok()) << key;
  }
}

// A kiosk registered before Ed25519 (the desk holds a shared key) verifies with HMAC, and
// with Ed25519 under the public key of that same key; a kiosk with a public key with
// Ed25519 only.
TEST_F(RequestAuth, EachKindOfKeyVerifiesItsSchemes) {
  const Instant now = at(1000000);
  const KioskKeys shared{{}, m_key};
  EXPECT_TRUE(verify(signed_request(now, SignatureScheme::hmac_sha256), now, shared).ok());
  EXPECT_TRUE(verify(signed_request(now, SignatureScheme::ed25519), now, shared).ok());
  EXPECT_TRUE(verify(signed_request(now, SignatureScheme::ed25519), now, m_keys).ok());
  EXPECT_EQ(verify(signed_request(now, SignatureScheme::hmac_sha256), now, m_keys).error().key,
            "desk.error.signature");
  const KioskKeys other{kiosk_public_key_hex(m_signer, std::string(64, 'f')).value(), {}};
  EXPECT_EQ(verify(signed_request(now), now, other).error().key, "desk.error.signature");
}

TEST_F(RequestAuth, AcceptsItsOwnSignatureWithinTheWindow) {
  EXPECT_TRUE(verify(signed_request(at(1000000)), at(1000000)).ok());
  EXPECT_TRUE(verify(signed_request(at(1000000)), at(1000300)).ok());
  EXPECT_TRUE(verify(signed_request(at(1000300)), at(1000000)).ok());
}

TEST_F(RequestAuth, EverySignedPartIsBound) {
  const Instant now = at(1000000);
  std::vector<std::function<void(HttpRequest&)>> tamper = {
      [](HttpRequest& r) { r.body += " "; },
      [](HttpRequest& r) { r.path = "/api/v1/other"; },
      [](HttpRequest& r) { r.method = "PUT"; },
      [](HttpRequest& r) {
        for (auto& [name, value] : r.headers)
          if (name == kHeaderNonce) value[0] = value[0] == 'a' ? 'b' : 'a';
      },
      [](HttpRequest& r) {
        for (auto& [name, value] : r.headers)
          if (name == kHeaderKiosk) value = "K2";
      },
  };
  for (std::size_t i = 0; i < tamper.size(); ++i) {
    HttpRequest request = signed_request(now);
    tamper[i](request);
    auto verified = verify(request, now);
    ASSERT_FALSE(verified.ok()) << i;
    EXPECT_EQ(verified.error().key, "desk.error.signature") << i;
  }
}

TEST_F(RequestAuth, StaleTimestampsAreRefused) {
  for (const std::int64_t drift : {301, -301, 86400}) {
    auto verified = verify(signed_request(at(1000000 + drift)), at(1000000));
    ASSERT_FALSE(verified.ok());
    EXPECT_EQ(verified.error().key, "desk.error.stale");
  }
}

// A signed timestamp at the ends of int64 once overflowed `timestamp - now` and passed as
// fresh; it must be as stale as any other far-off clock.
TEST_F(RequestAuth, TimestampsAtTheEndsOfTheRangeAreStaleNotFresh) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  // kMin + now made timestamp - now exactly kMin, whose negation wrapped back to kMin.
  for (const std::int64_t extreme :
       {kMin + 1000000, kMin, kMin + 1, std::numeric_limits<std::int64_t>::max()}) {
    auto verified = verify(signed_request(at(extreme)), at(1000000));
    ASSERT_FALSE(verified.ok()) << extreme;
    EXPECT_EQ(verified.error().key, "desk.error.stale") << extreme << ": " << verified.error().message;
  }
}

TEST_F(RequestAuth, UnsignedRequestsAreRefused) {
  HttpRequest request;
  request.path = kSyncPath;
  EXPECT_FALSE(read_signed_headers(request).ok());
}

TEST(Hex, RoundTripsAndRefusesJunk) {
  const std::string bytes("\x00\xff\x10 a", 5);
  auto back = hex_decode(hex_encode(bytes));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bytes);
  EXPECT_FALSE(hex_decode("abc").ok());
  EXPECT_FALSE(hex_decode("zz").ok());
  EXPECT_FALSE(hex_decode("").ok());
}

// "Call staff" (core/domain/help_request.h): optional members both ways, so a kiosk and a
// desk from before ignore them; their values are checked where they are read.
TEST(SyncProtocol, HelpRequestsRideOnTheBatchAndAreAcknowledgedInTheAnswer) {
  SyncBatch batch = full_batch();
  batch.help_requests = {{3, "details", "zh-CN", at(1795000100)}, {4, "welcome", "en", at(1795000200)}};
  const auto parsed = batch_from_json(batch_to_json(batch));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->help_requests, batch.help_requests);

  const json without = json::parse(batch_to_json(full_batch()));
  EXPECT_FALSE(without.contains("help_requests"));  // nothing to send: the member is left out
  ASSERT_TRUE(batch_from_json(without.dump()).ok());

  SyncAnswer answer;
  answer.cursor = 5;
  answer.help_acknowledged = {3, 4};
  const auto read = answer_from_json(answer_to_json(answer));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->help_acknowledged, (std::vector<std::int64_t>{3, 4}));
  SyncAnswer old_desk;  // a desk from before: no member, nothing acknowledged
  EXPECT_TRUE(answer_from_json(answer_to_json(old_desk))->help_acknowledged.empty());
}

TEST(SyncProtocol, ABadHelpRequestIsRefusedWithItsField) {
  json batch = json::parse(batch_to_json(full_batch()));
  const json good = {{"id", 3}, {"screen", "details"}, {"language", "zh-CN"}, {"at", 1795000100}};
  const auto field_with = [&batch](const json& request) {
    json broken = batch;
    broken["help_requests"] = json::array({request});
    return field_of(broken.dump());
  };
  EXPECT_EQ(field_with(good), "<accepted>");
  for (const char* key : {"id", "screen", "language", "at"}) {
    json missing = good;
    missing.erase(key);
    EXPECT_EQ(field_with(missing), std::string("help_requests[0].") + key) << key;
  }
  json bad = good;
  bad["screen"] = "<script>";
  EXPECT_EQ(field_with(bad), "help_requests[0].screen");
  bad = good;
  bad["language"] = "fr";
  EXPECT_EQ(field_with(bad), "help_requests[0].language");
  bad = good;
  bad["id"] = 0;
  EXPECT_EQ(field_with(bad), "help_requests[0].id");
  json twice = batch;
  twice["help_requests"] = json::array({good, good});
  EXPECT_EQ(field_of(twice.dump()), "help_requests[1].id");
  json not_array = batch;
  not_array["help_requests"] = "details";
  EXPECT_EQ(field_of(not_array.dump()), "help_requests");
}

}  // namespace
}  // namespace complaint
