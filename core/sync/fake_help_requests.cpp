// FakeHelpRequests; see fake_help_requests.h.
#include "core/sync/fake_help_requests.h"

namespace complaint {

Result<HelpRequest> FakeHelpRequests::record(const std::string& screen, const std::string& language,
                                             Instant at) {
  if (auto error = m_script.on_call(HelpOperation::record)) return *error;
  std::lock_guard lock(m_mutex);
  HelpRequest request{static_cast<std::int64_t>(m_recorded.size()) + 1, screen, language, at};
  TRY_VOID(check_help_request(request));
  m_recorded.push_back(request);
  return request;
}

Result<bool> FakeHelpRequests::delivered(std::int64_t id) {
  if (auto error = m_script.on_call(HelpOperation::delivered)) return *error;
  std::lock_guard lock(m_mutex);
  return m_delivered.count(id) > 0;
}

void FakeHelpRequests::deliver(std::int64_t id) {
  std::lock_guard lock(m_mutex);
  m_delivered.insert(id);
}

std::vector<HelpRequest> FakeHelpRequests::recorded() const {
  std::lock_guard lock(m_mutex);
  return m_recorded;
}

}  // namespace complaint
