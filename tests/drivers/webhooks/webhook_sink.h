// WebhookSink: the loopback stand-in for the office IM robots and a JSON webhook receiver
// (webhook_sink.py, Python's http.server), started by a test as a process: it checks each
// request's signature the way the provider documents it and answers as the provider does,
// keeps what it received, and can be told to answer 503 or to be slow. No gtest in here.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace complaint::test {

struct SinkSecrets {
  std::string wecom_key = "wecom-key";
  std::string dingtalk_token = "ding-token";
  std::string dingtalk_secret = "SECding";
  std::string feishu_hook = "feishu-hook";
  std::string feishu_secret = "feishu-secret";
  std::string webhook_secret = "webhook-secret";
};

class WebhookSink {
 public:
  // Starts python3 webhook_sink.py on 127.0.0.1; nullptr and `why` when it cannot.
  static std::unique_ptr<WebhookSink> start(const SinkSecrets& secrets, std::string* why);
  ~WebhookSink();
  WebhookSink(const WebhookSink&) = delete;
  WebhookSink& operator=(const WebhookSink&) = delete;

  std::string origin() const { return "http://127.0.0.1:" + std::to_string(m_port); }
  // Every request received, oldest first: provider, path, headers, body (raw), verified, answer.
  nlohmann::json received() const;
  // The next `count` requests answer 503 ("http503") or wait `seconds` first ("slow").
  void set_mode(const std::string& mode, int count, int seconds = 0) const;

 private:
  WebhookSink() = default;
  pid_t m_pid = -1;
  int m_port = 0;
};

}  // namespace complaint::test
