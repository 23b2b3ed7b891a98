// The generic JSON webhook (docs/WEBHOOKS.md, for SMS gateways and anything else): the
// notice's facts as JSON, signed X-Complaint-Signature: sha256=HEX(HMAC-SHA256(secret,
// timestamp + "." + body)) with X-Complaint-Timestamp (Unix seconds) and Idempotency-Key
// (the notice's key, percent-encoded: a receiver that saw it already drops the repeat).
// Any 2xx is success.
#include <nlohmann/json.hpp>

#include "drivers/webhooks/group_sender.h"

namespace complaint {
namespace {

class JsonWebhookSender final : public GroupSender {
 public:
  using GroupSender::GroupSender;

 protected:
  HttpRequest request(const NoticeMessage& message) const override {
    const NoticeFacts& f = message.facts;
    nlohmann::json body = {{"event", f.reason},
                           {"key", f.key},
                           {"ticket_number", f.ticket_number},
                           {"kind", f.kind},
                           {"category", f.category},
                           {"department", f.department},
                           {"deadline", f.deadline},
                           {"console_url", f.console_url},
                           {"subject", message.subject},
                           {"text", message.text}};
    // A customer notice (an SMS gateway's job): the customer's number to text.
    if (message.to_customer) body["to"] = message.recipient;
    HttpRequest http;
    http.path = parts().path;
    http.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const std::string timestamp = std::to_string(parts().clock.now().time_since_epoch().count());
    http.headers.emplace_back("X-Complaint-Timestamp", timestamp);
    http.headers.emplace_back(
        "X-Complaint-Signature",
        "sha256=" + parts().signer.hmac_sha256_hex(parts().channel.secret, timestamp + "." + http.body));
    // A header is ASCII; a key may name a department in Chinese.
    http.headers.emplace_back("Idempotency-Key", url_encode(f.key));
    return http;
  }
  Result<std::string> read_answer(const HttpResponse& response) const override {
    return "HTTP " + std::to_string(response.status) +
           (response.body.empty() ? std::string() : " " + trimmed_answer(response.body));
  }
};

}  // namespace

std::unique_ptr<GroupSender> make_json_webhook_sender(GroupSenderParts parts,
                                                      std::unique_ptr<Transport> transport) {
  return std::make_unique<JsonWebhookSender>(std::move(parts), std::move(transport));
}

}  // namespace complaint
