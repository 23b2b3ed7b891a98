// EspeakSpeaker: a worker thread with libespeak-ng in synchronous mode (its callback hands
// PCM over as it is made) feeding an SDL audio device's queue; clips through SDL_LoadWAV.
// One lock guards the job list, the generation and the device queue, so a stop() between
// two chunks can never let a stale chunk through.
#include "drivers/speech/espeak_speaker.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <vector>

namespace complaint {

namespace {

Error speech_error(ErrorCode code, const std::string& message, const char* call) {
  return Error::make(code, "speech: " + message, call);
}

std::string espeak_message(espeak_ng_STATUS status) {
  char text[512] = {};
  espeak_ng_GetStatusCodeMessage(status, text, sizeof text);
  return text;
}

// Catalog keys are [a-z0-9._]; anything else never names a file (no path tricks).
bool safe_key(const std::string& key) {
  if (key.empty() || key.front() == '.') return false;
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Slower than espeak-ng's 175 words a minute: the customers who turn voice on are often elderly.
constexpr int kWordsPerMinute = 150;

}  // namespace

struct EspeakSpeaker::State {
  struct Job {
    Utterance utterance;
    std::string language;
    std::uint64_t generation = 0;
  };

  SpeechOptions options;
  SDL_AudioDeviceID device = 0;

  mutable std::mutex mutex;  // everything below, and the device's queue
  std::condition_variable wake;
  std::deque<Job> jobs;
  std::uint64_t generation = 0;      // bumped by stop(): older jobs and chunks are dropped
  std::uint64_t job_generation = 0;  // the job the worker is on
  bool busy = false;
  bool quit = false;
  SpeechStats stats;

  // An SDL thread, not a std::thread: SDL keeps a thread's error text (SDL_GetError) in
  // thread-local storage that it frees only when one of its own threads ends (SDL 2.26), so
  // a clip that failed to load leaked its message from a std::thread (LeakSanitizer,
  // EspeakSpeakerTest.PrefersARecordedClipNamedByKeyAndLanguage).
  SDL_Thread* worker = nullptr;
  std::string voice;  // worker only: the espeak-ng voice now set

  // Hands `bytes` to the device unless the job was stopped meanwhile; false then.
  bool queue(const void* data, std::size_t bytes) {
    std::lock_guard lock(mutex);
    if (quit || generation != job_generation) return false;
    if (SDL_QueueAudio(device, data, static_cast<Uint32>(bytes)) != 0) return false;
    stats.samples_queued += bytes / 2;
    return true;
  }

  static int on_pcm(short* wav, int samples, espeak_EVENT* events) {
    auto* self = static_cast<State*>(events != nullptr ? events->user_data : nullptr);
    if (self == nullptr) return 1;
    if (wav == nullptr || samples <= 0) {
      std::lock_guard lock(self->mutex);
      return self->quit || self->generation != self->job_generation ? 1 : 0;
    }
    return self->queue(wav, static_cast<std::size_t>(samples) * sizeof(short)) ? 0 : 1;  // 1: abort
  }

  // libespeak-ng is one engine per process, loaded by the first speaker's worker and kept to
  // the end: Debian's 1.51 hangs in espeak_ng_Terminate (its internal queue thread never
  // wakes in synchronous mode), so it is never called. Speakers come one at a time (the
  // kiosk has one), each setting the callback and voice again on its own worker.
  Result<void> start_engine() {
    static std::mutex engine_mutex;
    static bool engine_loaded = false;
    std::lock_guard lock(engine_mutex);
    if (!engine_loaded) {
      TRY_VOID(load_engine());
      engine_loaded = true;
    }
    espeak_SetSynthCallback(&State::on_pcm);
    espeak_ng_SetParameter(espeakRATE, kWordsPerMinute, 0);
    // Both voices must load: a kiosk that can speak only one language is not set up right.
    for (const char* name : {"en", "cmn"}) {
      const espeak_ng_STATUS status = espeak_ng_SetVoiceByName(name);
      if (status != ENS_OK)
        return speech_error(ErrorCode::unavailable,
                            std::string("voice ") + name + ": " + espeak_message(status),
                            "espeak_ng_SetVoiceByName");
      voice = name;
    }
    return Ok{};
  }

  static Result<void> load_engine() {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status != ENS_OK) {
      espeak_ng_ClearErrorContext(&context);
      return speech_error(ErrorCode::unavailable, espeak_message(status), "espeak_ng_Initialize");
    }
    status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nullptr);
    if (status != ENS_OK)
      return speech_error(ErrorCode::unavailable, espeak_message(status), "espeak_ng_InitializeOutput");
    if (espeak_ng_GetSampleRate() != kSampleRate)
      return speech_error(ErrorCode::unavailable, "unexpected sample rate", "espeak_ng_GetSampleRate");
    return Ok{};
  }

  bool play_clip(const std::string& path) {
    SDL_AudioSpec spec{};
    Uint8* buffer = nullptr;
    Uint32 length = 0;
    if (SDL_LoadWAV(path.c_str(), &spec, &buffer, &length) == nullptr) {
      std::fprintf(stderr, "complaint-kiosk: speech clip %s: %s\n", path.c_str(), SDL_GetError());
      return false;
    }
    SDL_AudioCVT cvt{};
    const int needed =
        SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, kSampleRate);
    bool played = false;
    if (needed == 0) {
      played = queue(buffer, length);
    } else if (needed > 0) {
      std::vector<Uint8> converted(static_cast<std::size_t>(length) * cvt.len_mult);
      std::memcpy(converted.data(), buffer, length);
      cvt.buf = converted.data();
      cvt.len = static_cast<int>(length);
      if (SDL_ConvertAudio(&cvt) == 0)
        played = queue(converted.data(), static_cast<std::size_t>(cvt.len_cvt));
    }
    SDL_FreeWAV(buffer);
    return played;
  }

  bool synthesise(const Job& job) {
    const std::string wanted = voice_for(job.language);
    if (wanted.empty()) return false;
    if (wanted != voice) {
      if (espeak_ng_SetVoiceByName(wanted.c_str()) != ENS_OK) return false;
      voice = wanted;
    }
    const std::string& text = job.utterance.text;
    // Synchronous mode: returns once the whole text went through on_pcm (or it said stop).
    return espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                                this) == ENS_OK;
  }

  // The engine loads here, not in open(): its voices take about 200 ms (the Mandarin
  // dictionary), which held the kiosk's first frame from 45 to 250 ms. What is asked before
  // it is ready waits in the queue; if it cannot load, recorded clips still play and every
  // other utterance counts as a failure.
  void run() {
    const Result<void> engine = start_engine();
    if (!engine.ok())
      std::fprintf(stderr, "complaint-kiosk: speech engine unavailable: %s\n",
                   engine.error().message.c_str());
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [this] { return quit || !jobs.empty(); });
        if (quit) break;
        job = std::move(jobs.front());
        jobs.pop_front();
        if (job.generation != generation) continue;  // stopped before it began
        job_generation = job.generation;
        busy = true;
      }
      bool clip = false;
      const std::string path = clip_path(options.clips_dir, job.utterance, job.language);
      if (!path.empty()) clip = play_clip(path);
      const bool spoken = clip || (engine.ok() && synthesise(job));
      std::lock_guard lock(mutex);
      busy = false;
      if (job.generation != generation) continue;  // stopped: neither spoken nor failed
      if (!spoken) {
        ++stats.failures;
      } else if (clip) {
        ++stats.clips;
      } else {
        ++stats.synthesized;
      }
    }
  }
};

EspeakSpeaker::EspeakSpeaker(std::unique_ptr<State> state) : m_state(std::move(state)) {}

Result<std::unique_ptr<EspeakSpeaker>> EspeakSpeaker::open(const SpeechOptions& options) {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
    return speech_error(ErrorCode::unavailable, std::string("no audio: ") + SDL_GetError(),
                        "SDL_InitSubSystem");
  SDL_AudioSpec want{};
  want.freq = kSampleRate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  SDL_AudioSpec have{};
  // No changes allowed: SDL converts to whatever the device plays.
  const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device == 0) {
    const std::string why = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return speech_error(ErrorCode::unavailable, "no audio output: " + why, "SDL_OpenAudioDevice");
  }
  auto state = std::make_unique<State>();
  state->options = options;
  state->device = device;
  state->worker = SDL_CreateThread(
      [](void* data) {
        static_cast<State*>(data)->run();
        return 0;
      },
      "speech", state.get());
  if (state->worker == nullptr) {
    const std::string why = SDL_GetError();
    SDL_CloseAudioDevice(device);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return speech_error(ErrorCode::unavailable, "no speech thread: " + why, "SDL_CreateThread");
  }
  SDL_PauseAudioDevice(device, 0);
  return std::unique_ptr<EspeakSpeaker>(new EspeakSpeaker(std::move(state)));
}

EspeakSpeaker::~EspeakSpeaker() {
  {
    std::lock_guard lock(m_state->mutex);
    m_state->quit = true;
    ++m_state->generation;
    m_state->jobs.clear();
  }
  m_state->wake.notify_all();
  SDL_WaitThread(m_state->worker, nullptr);
  SDL_CloseAudioDevice(m_state->device);
  SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

Result<void> EspeakSpeaker::say(const Utterance& utterance, const std::string& language) {
  if (voice_for(language).empty())
    return speech_error(ErrorCode::unavailable, "no voice for language " + language, "EspeakSpeaker::say");
  if (utterance.text.empty()) return Ok{};
  {
    std::lock_guard lock(m_state->mutex);
    m_state->jobs.push_back({utterance, language, m_state->generation});
  }
  m_state->wake.notify_one();
  return Ok{};
}

void EspeakSpeaker::stop() {
  std::lock_guard lock(m_state->mutex);
  ++m_state->generation;
  m_state->jobs.clear();
  SDL_ClearQueuedAudio(m_state->device);
}

SpeechStats EspeakSpeaker::stats() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->stats;
}

bool EspeakSpeaker::idle() const {
  std::lock_guard lock(m_state->mutex);
  return m_state->jobs.empty() && !m_state->busy;
}

std::size_t EspeakSpeaker::queued_audio_bytes() const {
  std::lock_guard lock(m_state->mutex);
  return SDL_GetQueuedAudioSize(m_state->device);
}

std::string EspeakSpeaker::voice_for(const std::string& language) {
  if (language == "zh-CN") return "cmn";
  if (language == "en") return "en";
  return {};
}

std::string EspeakSpeaker::clip_path(const std::string& clips_dir, const Utterance& utterance,
                                     const std::string& language) {
  if (clips_dir.empty() || !safe_key(utterance.key) || voice_for(language).empty()) return {};
  const std::filesystem::path path = std::filesystem::path(clips_dir) / language / (utterance.key + ".wav");
  std::error_code ignored;
  return std::filesystem::is_regular_file(path, ignored) ? path.string() : std::string();
}

}  // namespace complaint
