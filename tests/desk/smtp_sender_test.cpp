// The email sender (drivers/notify/smtp_sender.h) against a REAL SMTP server on loopback
// (python3-aiosmtpd, tests/desk/smtp_sink.h): the message arrives with a UTF-8 subject, plain
// text and HTML parts, its To, Date and a stable Message-ID, as Python's email module decodes
// it; STARTTLS with a verified certificate and AUTH; and the faults: a 5xx refusal, a wrong
// password, STARTTLS required from a server without it, a server that never answers, no
// server at all — each an error carrying what the server (or the connection) said.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/base/clock.h"
#include "desk_process.h"
#include "drivers/notify/smtp_sender.h"
#include "smtp_sink.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

constexpr const char* kFrom = "desk@bank.example";
constexpr const char* kAsciiTo = "supervisor@bank.example";

// A long subject in Chinese: several encoded words, folded.
const std::string kSubject =
    "【重大投诉上报】WH01-K1-20261204-0001-7（投诉·服务态度）须先上报客户服务部主管并通报公司副总经理";

NoticeMessage notice(const std::string& to = kAsciiTo,
                     const std::string& key = "major:WH01-K1-20261204-0001-7") {
  NoticeMessage message;
  message.recipient = to;
  message.subject = kSubject;
  message.text = "工单 WH01-K1-20261204-0001-7 须先上报。\n在服务台打开：https://desk.example/console/t/1\n";
  message.html = "<!DOCTYPE html><html><body><p>工单 WH01-K1-20261204-0001-7 须先上报。</p></body></html>";
  message.facts.key = key;
  return message;
}

SmtpOptions options_for(const SmtpSink& sink) {
  SmtpOptions options;
  options.url = sink.url();
  options.from = kFrom;
  options.require_tls = false;  // the plain sink offers no STARTTLS
  options.timeout_seconds = 10;
  return options;
}

std::unique_ptr<NoticeSender> sender(const SmtpOptions& options, const Clock& clock) {
  auto made = make_smtp_sender(options, clock);
  EXPECT_TRUE(made.ok()) << made.error().message;
  return std::move(made).value();
}

bool ascii_only(const std::string& text) {
  for (const char c : text)
    if (static_cast<unsigned char>(c) > 0x7e) return false;
  return true;
}

const Instant kAt = std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + std::chrono::hours(6) +
                    std::chrono::minutes(30) + std::chrono::seconds(5);

TEST(SmtpSender, AMessageArrivesWithItsUtf8SubjectPlainTextAndHtml) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  FixedClock clock(kAt);
  const auto email = sender(options_for(sink), clock);
  ASSERT_EQ(email->channel(), "email");

  const auto answer = email->send(notice());
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(*answer, "250 2.0.0 Ok: queued as sink-0001");  // the server's final reply
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  const nlohmann::json& m = messages[0].decoded;
  EXPECT_EQ(m["mail_from"], kFrom);
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({kAsciiTo}));
  EXPECT_EQ(m["subject"], kSubject);
  EXPECT_EQ(m["headers"]["To"], kAsciiTo);
  EXPECT_EQ(m["headers"]["From"], kFrom);
  EXPECT_EQ(m["headers"]["Date"], "Fri, 04 Dec 2026 06:30:05 +0000");
  EXPECT_EQ(m["headers"]["MIME-Version"], "1.0");
  EXPECT_EQ(m["content_type"], "multipart/alternative");
  ASSERT_EQ(m["parts"].size(), 2u);
  EXPECT_EQ(m["parts"][0]["type"], "text/plain");
  EXPECT_EQ(m["parts"][0]["charset"], "utf-8");
  EXPECT_EQ(m["parts"][0]["text"], notice().text);
  EXPECT_EQ(m["parts"][1]["type"], "text/html");
  EXPECT_EQ(m["parts"][1]["text"], notice().html);
  // The headers went as 7-bit ASCII: the subject as RFC 2047 encoded words, folded.
  const std::string raw_headers = m["raw_headers"];
  EXPECT_TRUE(ascii_only(messages[0].raw)) << raw_headers;
  EXPECT_NE(raw_headers.find("Subject: =?UTF-8?B?"), std::string::npos) << raw_headers;
  EXPECT_NE(raw_headers.find("?=\r\n =?UTF-8?B?"), std::string::npos)
      << "one long encoded word: " << raw_headers;
  for (std::size_t start = 0, end; start < raw_headers.size(); start = end + 2) {
    end = raw_headers.find("\r\n", start);
    if (end == std::string::npos) end = raw_headers.size();
    EXPECT_LE(end - start, 78u) << raw_headers.substr(start, end - start);
  }
}

TEST(SmtpSender, TheMessageIdIsTheSameForTheSameNoticeAndRecipientOnly) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  FixedClock clock(kAt);
  const auto email = sender(options_for(sink), clock);
  ASSERT_TRUE(email->send(notice()).ok());
  clock.advance(std::chrono::hours(1));  // sent again after a restart, later
  ASSERT_TRUE(email->send(notice()).ok());
  ASSERT_TRUE(email->send(notice("vp@bank.example")).ok());
  ASSERT_TRUE(email->send(notice(kAsciiTo, "forward:WH01-K1-20261204-0001-7:营业部:1764830000")).ok());
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 4u);
  std::vector<std::string> ids;
  for (const SinkMessage& message : messages) ids.push_back(message.decoded["headers"]["Message-ID"]);
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_NE(ids[0], ids[2]);
  EXPECT_NE(ids[0], ids[3]);
  EXPECT_NE(ids[2], ids[3]);
  EXPECT_TRUE(ids[0].ends_with("@bank.example>")) << ids[0];
  EXPECT_EQ(messages[1].decoded["headers"]["Date"], "Fri, 04 Dec 2026 07:30:05 +0000");
}

TEST(SmtpSender, StartTlsWithAVerifiedCertificateAndAuthentication) {
  TempDir dir;
  const std::string cert = dir.file("cert.pem");
  const std::string key = dir.file("key.pem");
  ASSERT_EQ(make_test_certificate(cert, key), "");
  SmtpSink sink(dir.file("sink"), SmtpSinkOptions{cert, key, "desk:s3cret pass", "", false, 0, 0});
  ASSERT_TRUE(sink.started()) << sink.log();
  SystemClock clock;
  SmtpOptions options = options_for(sink);
  options.require_tls = true;
  options.ca_file = cert;
  options.user = "desk";
  options.password = "s3cret pass";
  const auto answer = sender(options, clock)->send(notice());
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].decoded["tls"], true);
  EXPECT_EQ(messages[0].decoded["auth"], true);
  EXPECT_EQ(messages[0].decoded["subject"], kSubject);

  // A wrong password: the server's refusal, and nothing delivered.
  options.password = "wrong";
  const auto refused = sender(options, clock)->send(notice());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("535"), std::string::npos) << refused.error().message;
  EXPECT_EQ(refused.error().message.find("wrong"), std::string::npos) << "the password in an error";
  // Without the test CA the certificate is not trusted: nothing is sent in clear instead.
  options.password = "s3cret pass";
  options.ca_file.clear();
  const auto untrusted = sender(options, clock)->send(notice());
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpSender, RequiredTlsIsNotGivenUpForAServerWithoutStartTls) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"));
  ASSERT_TRUE(sink.started()) << sink.log();
  SystemClock clock;
  SmtpOptions options = options_for(sink);
  options.require_tls = true;
  const auto answer = sender(options, clock)->send(notice());
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::io);
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpSender, ARefusalIsAnErrorCarryingTheServersReply) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"),
                SmtpSinkOptions{"", "", "", "554 5.7.1 Rejected by the test sink policy", false, 0, 0});
  ASSERT_TRUE(sink.started()) << sink.log();
  SystemClock clock;
  const auto answer = sender(options_for(sink), clock)->send(notice());
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::io);
  EXPECT_NE(answer.error().message.find("554 5.7.1 Rejected by the test sink policy"), std::string::npos)
      << answer.error().message;
  EXPECT_TRUE(sink.messages().empty());
}

TEST(SmtpSender, AServerThatNeverAnswersTimesOut) {
  TempDir dir;
  SmtpSink sink(dir.file("sink"), SmtpSinkOptions{"", "", "", "", true, 0, 0});
  ASSERT_TRUE(sink.started()) << sink.log();
  SystemClock clock;
  SmtpOptions options = options_for(sink);
  options.timeout_seconds = 2;
  const auto started = std::chrono::steady_clock::now();
  const auto answer = sender(options, clock)->send(notice());
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(answer.ok());
  EXPECT_NE(answer.error().message.find("timed out"), std::string::npos) << answer.error().message;
  EXPECT_GE(took, std::chrono::milliseconds(1900));
  EXPECT_LT(took, std::chrono::seconds(8));
}

TEST(SmtpSender, NoServerListeningIsAnErrorAtOnce) {
  // A port that was free a moment ago: bound, then closed.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  options.from = kFrom;
  options.require_tls = false;
  SystemClock clock;
  const auto answer = sender(options, clock)->send(notice());
  ASSERT_FALSE(answer.ok());
  EXPECT_NE(answer.error().message.find("127.0.0.1"), std::string::npos) << answer.error().message;
}

TEST(SmtpSender, BadOptionsAndAddressesAreRefusedBeforeAnythingIsSent) {
  SystemClock clock;
  SmtpOptions options;
  options.url = "http://mail.example";
  options.from = kFrom;
  EXPECT_FALSE(make_smtp_sender(options, clock).ok());
  options.url = "smtp://mail.example";
  options.from = "desk@bank.example\r\nBcc: everyone@example.com";
  EXPECT_FALSE(make_smtp_sender(options, clock).ok());
  options.from = kFrom;
  options.ca_file = "/nonexistent/ca.pem";
  EXPECT_FALSE(make_smtp_sender(options, clock).ok());
  options.ca_file.clear();
  const auto email = sender(options, clock);
  EXPECT_EQ(email->send(notice("a@b.example\r\nBcc: x@y.example")).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(smtp_server_name("smtps://desk:pw@mail.example:465"), "smtps://mail.example:465");
}

TEST(SmtpSender, HeaderWordsAreEncodedOnlyWhenNeededAndNeverSplitACharacter) {
  EXPECT_EQ(encode_header_words("[Test] Complaint desk notice"), "[Test] Complaint desk notice");
  const std::string encoded = encode_header_words(kSubject);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  std::size_t words = 0;
  for (std::size_t start = 0, end; start < encoded.size(); start = end + 3) {
    end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    ++words;
  }
  EXPECT_GT(words, 2u);
  // 39 bytes a word at most: "a" and 12 three-byte characters (37), the 13th not cut.
  EXPECT_EQ(encode_header_words("a一二三四五六七八九十一二三"),
            "=?UTF-8?B?YeS4gOS6jOS4ieWbm+S6lOWFreS4g+WFq+S5neWNgeS4gOS6jA==?=\r\n =?UTF-8?B?5LiJ?=");
}

}  // namespace
}  // namespace complaint::testing
