// GroupSender and the senders' factory; see group_sender.h and group_senders.h.
#include "drivers/webhooks/group_sender.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "drivers/crypto/sodium_crypto.h"
#include "drivers/transport/curl_transport.h"
#include "drivers/webhooks/group_senders.h"

namespace complaint {

std::string trimmed_answer(std::string_view body) {
  constexpr std::size_t kMax = 500;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r' || body.back() == ' '))
    body.remove_suffix(1);
  if (body.size() <= kMax) return std::string(body);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // a whole UTF-8 character
  return std::string(body.substr(0, cut)) + "...";
}

Result<std::string> GroupSender::send(const NoticeMessage& message) {
  HttpRequest http = request(message);
  http.method = "POST";
  http.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  auto response = m_transport->send(http);
  if (!response.ok()) return response.error();
  if (response->status < 200 || response->status > 299)
    return refused("HTTP " + std::to_string(response->status) + ": " + trimmed_answer(response->body));
  return read_answer(*response);
}

Error GroupSender::refused(const std::string& what) const {
  return Error::make(ErrorCode::unavailable, what, "POST");
}

Result<std::string> GroupSender::read_code(const HttpResponse& response, const char* code_field,
                                           const char* message_field) const {
  const nlohmann::json reply = nlohmann::json::parse(response.body, nullptr, false);
  if (!reply.is_object() || !reply.contains(code_field) || !reply[code_field].is_number_integer())
    return refused("not the provider's reply: " + trimmed_answer(response.body));
  const auto code = reply[code_field].get<long long>();
  if (code == 0) return trimmed_answer(response.body);
  std::string text;
  if (reply.contains(message_field) && reply[message_field].is_string()) text = reply[message_field];
  return refused(std::string(code_field) + " " + std::to_string(code) + ": " + text);
}

std::string GroupSender::hmac_base64(std::string_view key, std::string_view message) const {
  return base64_encode(hex_decode(m_parts.signer.hmac_sha256_hex(key, message)).value());
}

Result<std::unique_ptr<NoticeSender>> make_group_sender(const GroupChannel& channel,
                                                        const RequestSigner& signer, const Clock& clock,
                                                        const GroupSenderOptions& options) {
  const std::string endpoint = channel.endpoint();
  const auto scheme = endpoint.find("://");
  if (scheme == std::string::npos ||
      (endpoint.rfind("http://", 0) != 0 && endpoint.rfind("https://", 0) != 0)) {
    return Error::make(ErrorCode::config, std::string("config: notify.") + to_string(channel.kind) +
                                              "_url must start with http(s)://");
  }
  const auto path_at = endpoint.find('/', scheme + 3);
  CurlOptions curl;
  curl.base_url = endpoint.substr(0, path_at);
  curl.ca_file = options.ca_file;
  curl.timeout = options.timeout;
  curl.connect_timeout = std::min(options.timeout, std::chrono::seconds(5));
  curl.peer = std::string(to_string(channel.kind)) + " " + channel.name;
  curl.ca_file_key = "notify.group_ca_file";
  TRY_ASSIGN(std::unique_ptr<Transport> transport, make_shared_curl_transport(curl));
  GroupSenderParts parts{channel, signer, clock,
                         path_at == std::string::npos ? "" : endpoint.substr(path_at)};
  switch (channel.kind) {
    case GroupKind::wecom:
      return std::unique_ptr<NoticeSender>(make_wecom_sender(std::move(parts), std::move(transport)));
    case GroupKind::dingtalk:
      return std::unique_ptr<NoticeSender>(make_dingtalk_sender(std::move(parts), std::move(transport)));
    case GroupKind::feishu:
      return std::unique_ptr<NoticeSender>(make_feishu_sender(std::move(parts), std::move(transport)));
    case GroupKind::webhook:
      return std::unique_ptr<NoticeSender>(make_json_webhook_sender(std::move(parts), std::move(transport)));
  }
  return Error::make(ErrorCode::internal, "unknown group channel");
}

Result<std::vector<std::unique_ptr<NoticeSender>>> make_group_senders(const NotifyConfig& config,
                                                                      const RequestSigner& signer,
                                                                      const Clock& clock) {
  std::vector<std::unique_ptr<NoticeSender>> senders;
  const GroupSenderOptions options{std::chrono::seconds(config.group_timeout_seconds), config.group_ca_file};
  for (const GroupChannel& channel : config.groups) {
    if (!channel.enabled) continue;
    TRY_ASSIGN(std::unique_ptr<NoticeSender> sender, make_group_sender(channel, signer, clock, options));
    senders.push_back(std::move(sender));
  }
  return senders;
}

}  // namespace complaint
