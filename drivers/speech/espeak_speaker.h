// EspeakSpeaker: the kiosk's Speaker. One worker thread owns libespeak-ng (its API is one
// global engine, not thread-safe) and synthesises each utterance into 16-bit mono PCM,
// chunk by chunk, straight into an SDL audio device's queue; a deployment's recorded clip
// (<clips_dir>/<language>/<key>.wav) is played instead where one exists. say() only queues
// and stop() clears the device's queue and makes the synthesis under way stop at its next
// chunk: neither waits for the engine, so the frame loop never blocks on speech.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/speech/speaker.h"

namespace complaint {

struct SpeechOptions {
  std::string clips_dir;  // recorded prompts; empty: synthesis only
};

// What the speaker has done so far (tests; the staff screen could show it).
struct SpeechStats {
  std::uint64_t synthesized = 0;     // utterances espeak-ng turned into sound
  std::uint64_t clips = 0;           // utterances played from a recorded clip
  std::uint64_t samples_queued = 0;  // PCM samples handed to the audio device
  std::uint64_t failures = 0;        // utterances that could not be spoken
};

class EspeakSpeaker final : public Speaker {
 public:
  // Opens SDL's default audio output (SDL_AUDIODRIVER picks the driver) and starts the worker,
  // which then loads espeak-ng without holding the caller; an error when there is no output.
  // An engine that cannot load is reported on stderr, and its utterances count as failures.
  static Result<std::unique_ptr<EspeakSpeaker>> open(const SpeechOptions& options);
  ~EspeakSpeaker() override;
  EspeakSpeaker(const EspeakSpeaker&) = delete;
  EspeakSpeaker& operator=(const EspeakSpeaker&) = delete;

  Result<void> say(const Utterance& utterance, const std::string& language) override;
  void stop() override;

  SpeechStats stats() const;
  // True when nothing is queued or being synthesised (tests wait for it).
  bool idle() const;
  std::size_t queued_audio_bytes() const;

  static constexpr int kSampleRate = 22050;  // what espeak-ng produces; clips are converted to it
  // The espeak-ng voice for a kiosk language ("cmn" for zh-CN, "en" for en); "" for none.
  static std::string voice_for(const std::string& language);
  // The recorded clip for an utterance, when the folder has one; "" otherwise.
  static std::string clip_path(const std::string& clips_dir, const Utterance& utterance,
                               const std::string& language);

 private:
  struct State;
  explicit EspeakSpeaker(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace complaint
