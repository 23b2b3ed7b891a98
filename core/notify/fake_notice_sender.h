// FakeNoticeSender: a NoticeSender that keeps what it was given; sends fail on its
// FaultScript (NoticeSenderStep::send) with the scripted error, as a refusing provider would.
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "core/base/fault_script.h"
#include "core/notify/notice_sender.h"

namespace complaint {

enum class NoticeSenderStep { send };

class FakeNoticeSender final : public NoticeSender {
 public:
  explicit FakeNoticeSender(std::string channel = "email") : m_channel(std::move(channel)) {}
  FaultScript<NoticeSenderStep>& script() { return m_script; }
  std::vector<NoticeMessage> sent() const;

  std::string channel() const override { return m_channel; }
  Result<std::string> send(const NoticeMessage& message) override;

 private:
  std::string m_channel;
  FaultScript<NoticeSenderStep> m_script;
  mutable std::mutex m_mutex;
  std::vector<NoticeMessage> m_sent;
};

}  // namespace complaint
