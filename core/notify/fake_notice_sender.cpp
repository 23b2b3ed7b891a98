// FakeNoticeSender; see fake_notice_sender.h.
#include "core/notify/fake_notice_sender.h"

namespace complaint {

std::vector<NoticeMessage> FakeNoticeSender::sent() const {
  std::lock_guard lock(m_mutex);
  return m_sent;
}

Result<std::string> FakeNoticeSender::send(const NoticeMessage& message) {
  if (auto error = m_script.on_call(NoticeSenderStep::send)) return *error;
  std::lock_guard lock(m_mutex);
  m_sent.push_back(message);
  return "250 fake: queued as " + std::to_string(m_sent.size());
}

}  // namespace complaint
