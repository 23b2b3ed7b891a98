// DingTalk (钉钉) custom robot with its "加签" security setting, as DingTalk's robot page
// (open.dingtalk.com, 自定义机器人安全设置) documents it: string_to_sign = timestamp (Unix
// milliseconds) + "\n" + secret; sign = urlEncode(base64(HmacSHA256(key = secret,
// message = string_to_sign))), UTF-8; POST https://oapi.dingtalk.com/robot/send?access_token=
// TOKEN&timestamp=T&sign=S. DingTalk refuses a timestamp more than an hour from its clock.
// Body {"msgtype":"markdown","markdown":{"title":"...","text":"..."}}; the reply is
// {"errcode":0,"errmsg":"ok"}, a bad signature {"errcode":310000,"errmsg":"sign not match..."}.
#include <nlohmann/json.hpp>

#include "drivers/webhooks/group_sender.h"

namespace complaint {
namespace {

// DingTalk's markdown needs a blank line to break a line.
std::string markdown_lines(std::string_view text) {
  std::string out;
  for (const char c : text) out += c == '\n' ? std::string("\n\n") : std::string(1, c);
  return out;
}

class DingtalkSender final : public GroupSender {
 public:
  using GroupSender::GroupSender;

 protected:
  HttpRequest request(const NoticeMessage& message) const override {
    const nlohmann::json body = {
        {"msgtype", "markdown"},
        {"markdown",
         {{"title", message.subject},
          {"text", "#### " + message.subject + "\n\n" + markdown_lines(message.text)}}}};
    HttpRequest http;
    http.path = parts().path;
    const std::string& secret = parts().channel.secret;
    if (!secret.empty()) {
      const std::string timestamp = std::to_string(parts().clock.now().time_since_epoch().count() * 1000);
      const std::string sign = hmac_base64(secret, timestamp + "\n" + secret);
      http.path += std::string(http.path.find('?') == std::string::npos ? "?" : "&") +
                   "timestamp=" + timestamp + "&sign=" + url_encode(sign);
    }
    http.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return http;
  }
  Result<std::string> read_answer(const HttpResponse& response) const override {
    return read_code(response, "errcode", "errmsg");
  }
};

}  // namespace

std::unique_ptr<GroupSender> make_dingtalk_sender(GroupSenderParts parts,
                                                  std::unique_ptr<Transport> transport) {
  return std::make_unique<DingtalkSender>(std::move(parts), std::move(transport));
}

}  // namespace complaint
