// FakeSpeaker: an in-memory log of what would have been spoken, with scripted failures.
#include "core/speech/fake_speaker.h"

namespace complaint {

Result<void> FakeSpeaker::say(const Utterance& utterance, const std::string& language) {
  if (auto failure = m_faults.on_call(Call::say)) return *failure;
  std::lock_guard lock(m_mutex);
  m_log.push_back({false, utterance, language});
  return Ok{};
}

void FakeSpeaker::stop() {
  std::lock_guard lock(m_mutex);
  m_log.push_back({true, {}, {}});
}

void FakeSpeaker::fail_after(std::size_t calls, FailureMode mode) {
  m_faults.fail(Call::say, static_cast<int>(calls), mode,
                Error::make(ErrorCode::io, "fake speaker: scripted failure", "FakeSpeaker::say"));
}

std::vector<SpokenEntry> FakeSpeaker::log() const {
  std::lock_guard lock(m_mutex);
  return m_log;
}

void FakeSpeaker::clear_log() {
  std::lock_guard lock(m_mutex);
  m_log.clear();
}

}  // namespace complaint
