// Speaker: speech output for customers who cannot read the screen well (the welcome screen's
// "语音/Voice" switch). say() queues and returns at once: the frame loop never waits for
// audio; stop() drops what is queued and cuts what is playing (the screen changed).
// Implementations: drivers/speech (espeak-ng and recorded clips through SDL audio) and
// FakeSpeaker (core/speech/fake_speaker.h).
#pragma once

#include <string>

#include "core/base/result.h"

namespace complaint {

struct Utterance {
  std::string text;
  // The catalog key whose plain text `text` is ("" when it was built from several texts or
  // filled placeholders): a deployment's recorded clip of that key is played instead of
  // synthesis (clips are named by key and language).
  std::string key;

  friend bool operator==(const Utterance&, const Utterance&) = default;
};

class Speaker {
 public:
  virtual ~Speaker() = default;
  // Queues `utterance` in `language` ("zh-CN", "en") after what is already queued. An error
  // means it will not be spoken (no voice for the language, the engine is gone).
  virtual Result<void> say(const Utterance& utterance, const std::string& language) = 0;
  // Drops every queued utterance and silences the one playing; returns promptly.
  virtual void stop() = 0;
};

}  // namespace complaint
