// WeCom (企业微信) group robot. The robot's page (developer.work.weixin.qq.com/document/path/91770)
// documents: POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY with
// {"msgtype":"markdown","markdown":{"content":"..."}} (UTF-8, at most 4096 bytes); the reply
// is {"errcode":0,"errmsg":"ok"}, any other errcode a refusal named by errmsg (93000: invalid
// webhook url). The key in the URL is the robot's only credential: WeCom robots are not signed.
#include <nlohmann/json.hpp>

#include "drivers/webhooks/group_sender.h"

namespace complaint {
namespace {

class WecomSender final : public GroupSender {
 public:
  using GroupSender::GroupSender;

 protected:
  HttpRequest request(const NoticeMessage& message) const override {
    const nlohmann::json body = {{"msgtype", "markdown"},
                                 {"markdown", {{"content", "**" + message.subject + "**\n" + message.text}}}};
    HttpRequest http;
    http.path = parts().path;
    http.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return http;
  }
  Result<std::string> read_answer(const HttpResponse& response) const override {
    return read_code(response, "errcode", "errmsg");
  }
};

}  // namespace

std::unique_ptr<GroupSender> make_wecom_sender(GroupSenderParts parts, std::unique_ptr<Transport> transport) {
  return std::make_unique<WecomSender>(std::move(parts), std::move(transport));
}

}  // namespace complaint
