// SmtpSender (see smtp_sender.h). libcurl errors become Error{io} naming curl_easy_perform
// and the CURLcode, with the server's last reply in the message; no C++ exception crosses
// this file. The server's replies are read from libcurl's debug callback (CURLINFO_HEADER_IN
// carries each reply line); nothing sent (AUTH carries the password) is looked at.
#include "drivers/notify/smtp_sender.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "drivers/transport/curl_setup.h"

namespace complaint {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                   static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[n >> 18 & 63];
    out += kBase64[n >> 12 & 63];
    out += kBase64[n >> 6 & 63];
    out += kBase64[n & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kBase64[n >> 18 & 63];
    out += kBase64[n >> 12 & 63];
    out += i + 1 < bytes.size() ? kBase64[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

// A body part's base64, in lines of 76 characters (RFC 2045).
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += 76) out += encoded.substr(at, 76) + "\r\n";
  return out;
}

// FNV-1a, 64 bits: a stable digest for Message-IDs and boundaries (not a security measure).
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ull) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// RFC 5322 date-time in UTC: "Fri, 04 Dec 2026 14:58:11 +0000".
std::string rfc5322_date(Instant at) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{at - day};
  const std::chrono::weekday weekday{day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %d %02d:%02d:%02d +0000", kDays[weekday.c_encoding()],
                static_cast<unsigned>(date.day()), kMonths[static_cast<unsigned>(date.month()) - 1],
                static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos || at + 1 >= address.size() ? "localhost" : address.substr(at + 1);
}

// The same notice to the same recipient has the same id; a test message (no key) a new one.
std::string message_id(const NoticeMessage& message, const std::string& from, Instant at) {
  static std::atomic<std::uint64_t> counter{0};
  const std::string local =
      message.facts.key.empty()
          ? "test-" + hex64(fnv1a(std::to_string(at.time_since_epoch().count()) + "/" +
                                  std::to_string(counter.fetch_add(1)) + "/" + message.recipient))
          : "notice-" + hex64(fnv1a(message.facts.key)) + "." + hex64(fnv1a(message.recipient));
  return "<" + local + "@" + domain_of(from) + ">";
}

bool plain_ascii(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

// One reply line of the server, as the debug callback saw it; the last one is the answer.
struct Exchange {
  std::string partial;
  std::string last_reply;
};

int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* exchange = static_cast<Exchange*>(user);
  exchange->partial.append(data, size);
  std::size_t end;
  while ((end = exchange->partial.find('\n')) != std::string::npos) {
    std::string line = exchange->partial.substr(0, end);
    exchange->partial.erase(0, end + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) exchange->last_reply = line;
  }
  return 0;
}

struct Upload {
  const std::string& text;
  std::size_t at = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->text.size() - upload->at);
  std::memcpy(buffer, upload->text.data() + upload->at, n);
  upload->at += n;
  return n;
}

class SmtpSender final : public NoticeSender {
 public:
  SmtpSender(SmtpOptions options, const Clock& clock) : m_options(std::move(options)), m_clock(clock) {}

  std::string channel() const override { return "email"; }

  Result<std::string> send(const NoticeMessage& message) override {
    if (message.recipient.empty() || has_line_break(message.recipient) ||
        message.recipient.find_first_of("<>") != std::string::npos) {
      return Error::invalid("recipient", "notify.error.recipient",
                            "'" + message.recipient + "' is not an email address");
    }
    CURL* h = curl_easy_init();
    if (h == nullptr) return Error::make(ErrorCode::unavailable, "libcurl has no handle", "curl_easy_init");
    const std::string text = smtp_message_text(message, m_options.from, m_clock.now());
    const std::string from = "<" + m_options.from + ">";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str());
    Upload upload{text};
    Exchange exchange;
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // a background thread: no SIGALRM for timeouts
    curl_easy_setopt(h, CURLOPT_URL, m_options.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     static_cast<long>(m_options.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_options.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, m_options.ca_file.c_str());
    if (!m_options.user.empty()) {
      curl_easy_setopt(h, CURLOPT_USERNAME, m_options.user.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, m_options.password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
    const long timeout_ms = static_cast<long>(m_options.timeout_seconds) * 1000;
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(h, CURLOPT_DEBUGDATA, &exchange);
    curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);  // replies go to on_debug, nothing is printed
    const CURLcode rc = curl_easy_perform(h);
    const std::string reply = exchange.last_reply;  // before cleanup's QUIT adds "221 Bye"
    curl_easy_setopt(h, CURLOPT_VERBOSE, 0L);
    curl_easy_cleanup(h);
    curl_slist_free_all(recipients);
    if (rc == CURLE_OK) return reply.empty() ? std::string("250") : reply;
    std::string message_text = "smtp " + smtp_server_name(m_options.url) + ": ";
    if (!reply.empty() && rc != CURLE_OPERATION_TIMEDOUT && rc != CURLE_COULDNT_CONNECT)
      message_text += "the server answered \"" + reply + "\"; ";
    message_text += detail[0] != '\0' ? detail : curl_easy_strerror(rc);
    return Error::make(ErrorCode::io, message_text, "curl_easy_perform", static_cast<int>(rc));
  }

 private:
  SmtpOptions m_options;
  const Clock& m_clock;
};

}  // namespace

std::string smtp_server_name(const std::string& url) {
  std::string name = url;
  const auto scheme = name.find("://");
  if (scheme == std::string::npos) return name;
  const auto at = name.find('@', scheme + 3);
  if (at != std::string::npos) name.erase(scheme + 3, at - scheme - 2);
  return name;
}

SmtpOptions smtp_options(const NotifyConfig& config) {
  return SmtpOptions{
      config.smtp_url,         config.smtp_user,    config.smtp_password,       config.smtp_from,
      config.smtp_require_tls, config.smtp_ca_file, config.smtp_timeout_seconds};
}

std::string encode_header_words(const std::string& text) {
  if (plain_ascii(text)) return text;
  // Each encoded word holds at most 39 bytes (52 base64 characters, 64 with its frame): under
  // the limit of 75, and a header line stays under 78 with "Subject: " before the first word.
  // Words are cut between UTF-8 characters.
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + 39);
    while (end < text.size() && end > at && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (end == at) end = std::min(text.size(), at + 39);  // not UTF-8: cut anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(text).substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

std::string smtp_message_text(const NoticeMessage& message, const std::string& from, Instant at) {
  const std::string boundary =
      "=_notice_" + hex64(fnv1a(message.facts.key + "\n" + message.recipient + "\n" + message.subject));
  std::string text;
  text += "Date: " + rfc5322_date(at) + "\r\n";
  text += "From: " + from + "\r\n";
  text += "To: " + message.recipient + "\r\n";
  text += "Message-ID: " + message_id(message, from, at) + "\r\n";
  text += "Subject: " + encode_header_words(message.subject) + "\r\n";
  text += "MIME-Version: 1.0\r\n";
  text += "Auto-Submitted: auto-generated\r\n";
  const auto part = [](const char* type, const std::string& body) {
    return std::string("Content-Type: ") + type +
           "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(body);
  };
  if (message.html.empty()) return text + part("text/plain", message.text);
  text += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  text += "--" + boundary + "\r\n" + part("text/plain", message.text);
  text += "--" + boundary + "\r\n" + part("text/html", message.html);
  text += "--" + boundary + "--\r\n";
  return text;
}

Result<std::unique_ptr<NoticeSender>> make_smtp_sender(const SmtpOptions& options, const Clock& clock) {
  if (options.url.rfind("smtp://", 0) != 0 && options.url.rfind("smtps://", 0) != 0)
    return Error::invalid("notify.smtp_url", "notify.error.smtp_url",
                          "smtp_url must start with smtp:// or smtps://");
  if (options.from.empty() || has_line_break(options.from) ||
      options.from.find_first_of("<>") != std::string::npos || options.from.find('@') == std::string::npos)
    return Error::invalid("notify.smtp_from", "notify.error.smtp_from",
                          "smtp_from must be one email address");
  TRY_VOID(start_curl());
  TRY_VOID(check_ca_file(options.ca_file, "notify.smtp_ca_file"));
  return std::unique_ptr<NoticeSender>(new SmtpSender(options, clock));
}

}  // namespace complaint
