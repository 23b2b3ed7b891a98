// FakeSpeaker: the scriptable Speaker for tests. Records every say() and stop() in order
// (the kiosk's test-control channel returns the log as "spoken"); say() can be told to
// fail after n calls, once or from then on (FaultScript).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "core/base/fault_script.h"
#include "core/speech/speaker.h"

namespace complaint {

struct SpokenEntry {
  bool stop = false;  // a stop(); otherwise a say() that was accepted
  Utterance utterance;
  std::string language;

  friend bool operator==(const SpokenEntry&, const SpokenEntry&) = default;
};

class FakeSpeaker final : public Speaker {
 public:
  Result<void> say(const Utterance& utterance, const std::string& language) override;
  void stop() override;

  // The (n+1)-th say() from now fails with ErrorCode::io; n = 0 fails the next.
  void fail_after(std::size_t calls, FailureMode mode);
  std::vector<SpokenEntry> log() const;
  void clear_log();

 private:
  mutable std::mutex m_mutex;
  std::vector<SpokenEntry> m_log;
  enum class Call { say };
  FaultScript<Call> m_faults;
};

}  // namespace complaint
