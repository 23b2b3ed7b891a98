// Feishu/Lark (飞书) custom bot with its signature check, as Feishu's custom bot guide
// (open.feishu.cn, 自定义机器人使用指南, 签名校验) documents it: string_to_sign = timestamp (Unix
// seconds) + "\n" + secret; sign = base64(HmacSHA256(key = string_to_sign, message = "")) —
// the string is the KEY and the message is empty, unlike DingTalk. Both go into the body:
// {"timestamp":"T","sign":"S","msg_type":"text","content":{"text":"..."}}, POSTed to
// https://open.feishu.cn/open-apis/bot/v2/hook/HOOK_ID. Feishu refuses a timestamp more than
// an hour off. The reply is {"code":0,"msg":"success",...}; a bad signature
// {"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}.
#include <nlohmann/json.hpp>

#include "drivers/webhooks/group_sender.h"

namespace complaint {
namespace {

class FeishuSender final : public GroupSender {
 public:
  using GroupSender::GroupSender;

 protected:
  HttpRequest request(const NoticeMessage& message) const override {
    nlohmann::json body = {{"msg_type", "text"},
                           {"content", {{"text", message.subject + "\n" + message.text}}}};
    const std::string& secret = parts().channel.secret;
    if (!secret.empty()) {
      const std::string timestamp = std::to_string(parts().clock.now().time_since_epoch().count());
      body["timestamp"] = timestamp;
      body["sign"] = hmac_base64(timestamp + "\n" + secret, "");
    }
    HttpRequest http;
    http.path = parts().path;
    http.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return http;
  }
  Result<std::string> read_answer(const HttpResponse& response) const override {
    // Older bots answer {"StatusCode":0,"StatusMessage":"success"} besides or instead of code.
    const nlohmann::json reply = nlohmann::json::parse(response.body, nullptr, false);
    if (reply.is_object() && !reply.contains("code") && reply.contains("StatusCode"))
      return read_code(response, "StatusCode", "StatusMessage");
    return read_code(response, "code", "msg");
  }
};

}  // namespace

std::unique_ptr<GroupSender> make_feishu_sender(GroupSenderParts parts,
                                                std::unique_ptr<Transport> transport) {
  return std::make_unique<FeishuSender>(std::move(parts), std::move(transport));
}

}  // namespace complaint
