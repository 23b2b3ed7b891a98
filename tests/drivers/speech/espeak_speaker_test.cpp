// EspeakSpeaker with the real libespeak-ng and SDL's dummy audio output: Mandarin and
// English become PCM in the device's queue, stop() returns at once and empties the queue
// even while a long text is being synthesised, and a deployment's recorded clip (a WAV
// written here) is played instead of synthesis, converted to the device's format.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <thread>

#include "drivers/speech/espeak_speaker.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

// Waits up to 20 s for `done`.
template <class Done>
bool wait_for(Done done) {
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone at `rate` samples a second.
void write_wav(const std::filesystem::path& path, int rate, double seconds) {
  const auto samples = static_cast<std::uint32_t>(rate * seconds);
  std::ofstream out(path, std::ios::binary);
  auto u32 = [&out](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&out](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
  out.write("RIFF", 4);
  u32(36 + samples * 2);
  out.write("WAVEfmt ", 8);
  u32(16);
  u16(1);  // PCM
  u16(1);  // mono
  u32(static_cast<std::uint32_t>(rate));
  u32(static_cast<std::uint32_t>(rate) * 2);
  u16(2);
  u16(16);
  out.write("data", 4);
  u32(samples * 2);
  for (std::uint32_t i = 0; i < samples; ++i)
    u16(static_cast<std::uint16_t>(static_cast<std::int16_t>(8000 * std::sin(i * 2 * M_PI * 440 / rate))));
}

class EspeakSpeakerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("SDL_AUDIODRIVER", "dummy", 0);
    ::setenv("SDL_NO_SIGNAL_HANDLERS", "1", 0);  // a test timeout's SIGTERM must end the process
    char pattern[] = "/tmp/speech_test_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    m_dir = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::string m_dir;
};

TEST_F(EspeakSpeakerTest, SpeaksMandarinAndEnglishIntoTheAudioQueue) {
  auto opened = EspeakSpeaker::open({});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EspeakSpeaker& speaker = *opened.value();

  ASSERT_TRUE(speaker.say({"您好，欢迎使用", ""}, "zh-CN").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.idle() && speaker.stats().synthesized == 1; }));
  const std::uint64_t mandarin = speaker.stats().samples_queued;
  // Half a second at least: a few syllables, not a click.
  EXPECT_GT(mandarin, static_cast<std::uint64_t>(EspeakSpeaker::kSampleRate / 2));

  ASSERT_TRUE(speaker.say({"Welcome to the service desk", ""}, "en").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.idle() && speaker.stats().synthesized == 2; }));
  EXPECT_GT(speaker.stats().samples_queued - mandarin,
            static_cast<std::uint64_t>(EspeakSpeaker::kSampleRate / 2));
  EXPECT_EQ(speaker.stats().failures, 0u);

  EXPECT_FALSE(speaker.say({"Bonjour", ""}, "fr").ok())
      << "no voice for a language the kiosk has no catalog of";
}

TEST_F(EspeakSpeakerTest, StopReturnsPromptlyAndSilencesEvenMidSynthesis) {
  auto opened = EspeakSpeaker::open({});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EspeakSpeaker& speaker = *opened.value();
  std::string long_text;
  for (int i = 0; i < 60; ++i)
    long_text += "This sentence is here only to keep the synthesiser busy for a while. ";
  ASSERT_TRUE(speaker.say({long_text, ""}, "en").ok());
  ASSERT_TRUE(speaker.say({"请稍候", ""}, "zh-CN").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.queued_audio_bytes() > 0; }));

  const auto before = std::chrono::steady_clock::now();
  speaker.stop();
  const auto took = std::chrono::steady_clock::now() - before;
  EXPECT_LT(took, 50ms) << "stop() must not wait for the engine";
  ASSERT_TRUE(wait_for([&] { return speaker.idle(); }));
  EXPECT_EQ(speaker.queued_audio_bytes(), 0u) << "nothing queued after stop()";
  EXPECT_EQ(speaker.stats().synthesized, 0u) << "the stopped text and the dropped one were not spoken";

  // Speaking again after a stop works.
  ASSERT_TRUE(speaker.say({"OK", ""}, "en").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.idle() && speaker.stats().synthesized == 1; }));
}

TEST_F(EspeakSpeakerTest, PrefersARecordedClipNamedByKeyAndLanguage) {
  std::filesystem::create_directories(m_dir + "/zh-CN");
  write_wav(m_dir + "/zh-CN/kiosk.welcome.title.wav", 11025, 0.5);  // converted to 22050 Hz
  std::ofstream(m_dir + "/zh-CN/kiosk.welcome.greeting.wav") << "not a wav file";
  auto opened = EspeakSpeaker::open({m_dir});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EspeakSpeaker& speaker = *opened.value();

  ASSERT_TRUE(speaker.say({"客户意见自助服务", "kiosk.welcome.title"}, "zh-CN").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.idle() && speaker.stats().clips == 1; }));
  EXPECT_EQ(speaker.stats().synthesized, 0u);
  const std::uint64_t clip = speaker.stats().samples_queued;
  EXPECT_NEAR(static_cast<double>(clip), EspeakSpeaker::kSampleRate * 0.5, EspeakSpeaker::kSampleRate * 0.02);

  // No English clip: synthesis. A broken clip: synthesis too, never silence.
  ASSERT_TRUE(speaker.say({"Customer feedback self-service", "kiosk.welcome.title"}, "en").ok());
  ASSERT_TRUE(speaker.say({"您好", "kiosk.welcome.greeting"}, "zh-CN").ok());
  ASSERT_TRUE(wait_for([&] { return speaker.idle() && speaker.stats().synthesized == 2; }));
  EXPECT_EQ(speaker.stats().clips, 1u);
  EXPECT_EQ(speaker.stats().failures, 0u);
}

TEST(EspeakSpeakerPaths, ClipsAreNamedByLanguageAndSafeKeysOnly) {
  char pattern[] = "/tmp/speech_paths_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  std::filesystem::create_directories(dir + "/en");
  std::ofstream(dir + "/en/kiosk.nav.next.wav") << "x";
  std::ofstream(dir + "/secret.wav") << "x";
  EXPECT_EQ(EspeakSpeaker::clip_path(dir, {"Next", "kiosk.nav.next"}, "en"), dir + "/en/kiosk.nav.next.wav");
  EXPECT_EQ(EspeakSpeaker::clip_path(dir, {"下一步", "kiosk.nav.next"}, "zh-CN"), "");
  EXPECT_EQ(EspeakSpeaker::clip_path(dir, {"x", "../secret"}, "en"), "");
  EXPECT_EQ(EspeakSpeaker::clip_path(dir, {"Next", ""}, "en"), "");
  EXPECT_EQ(EspeakSpeaker::clip_path("", {"Next", "kiosk.nav.next"}, "en"), "");
  EXPECT_EQ(EspeakSpeaker::voice_for("zh-CN"), "cmn");
  EXPECT_EQ(EspeakSpeaker::voice_for("en"), "en");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace complaint
