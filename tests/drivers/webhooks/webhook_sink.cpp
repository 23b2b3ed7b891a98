// WebhookSink; see webhook_sink.h.
#include "webhook_sink.h"

#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#ifndef WEBHOOK_SINK_SCRIPT
#error "WEBHOOK_SINK_SCRIPT must name webhook_sink.py"
#endif

namespace complaint::test {

std::unique_ptr<WebhookSink> WebhookSink::start(const SinkSecrets& secrets, std::string* why) {
  int out[2];
  if (pipe(out) != 0) {
    *why = "pipe failed";
    return nullptr;
  }
  std::vector<std::string> args{"python3",
                                WEBHOOK_SINK_SCRIPT,
                                "--wecom-key=" + secrets.wecom_key,
                                "--dingtalk-token=" + secrets.dingtalk_token,
                                "--dingtalk-secret=" + secrets.dingtalk_secret,
                                "--feishu-hook=" + secrets.feishu_hook,
                                "--feishu-secret=" + secrets.feishu_secret,
                                "--webhook-secret=" + secrets.webhook_secret};
  const pid_t pid = fork();
  if (pid == 0) {
    // The sink goes with the test process, even one that crashed or was killed.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execvp("python3", argv.data());
    _exit(127);
  }
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    *why = "fork failed";
    return nullptr;
  }
  std::unique_ptr<WebhookSink> sink(new WebhookSink());
  sink->m_pid = pid;
  FILE* from = fdopen(out[0], "r");
  char line[64] = {};
  const bool read = from != nullptr && std::fgets(line, sizeof line, from) != nullptr;
  if (from != nullptr) std::fclose(from);
  if (!read || std::sscanf(line, "PORT %d", &sink->m_port) != 1) {
    *why = "python3 webhook_sink.py did not start (is python3 installed?)";
    return nullptr;
  }
  return sink;
}

WebhookSink::~WebhookSink() {
  if (m_pid > 0) {
    kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
  }
}

nlohmann::json WebhookSink::received() const {
  httplib::Client client("127.0.0.1", m_port);
  const auto result = client.Get("/_received");
  if (!result || result->status != 200) return nlohmann::json::array();
  return nlohmann::json::parse(result->body);
}

void WebhookSink::set_mode(const std::string& mode, int count, int seconds) const {
  httplib::Client client("127.0.0.1", m_port);
  const nlohmann::json body = {{"mode", mode}, {"count", count}, {"seconds", seconds}};
  client.Post("/_mode", body.dump(), "application/json");
}

}  // namespace complaint::test
