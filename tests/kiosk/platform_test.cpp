// The SDL-free platform parts: FakePlatform's script, metrics and records (the in-process
// tests rely on them), and the control reader that feeds the real kiosk its test commands.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kiosk/platform/control_reader.h"
#include "kiosk/platform/fake_platform.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

TEST(FakePlatform, ChineseIsTwiceAsWideAsLatinAndPrivateUseIsMissing) {
  FakePlatform platform;
  const ui::Font font{20};
  EXPECT_EQ(platform.measure("投诉", font).size.w, 40);
  EXPECT_EQ(platform.measure("ab", font).size.w, 24);
  EXPECT_EQ(platform.measure("a投", font).size.w, 32);
  EXPECT_EQ(platform.measure("ab", font).size.h, platform.line_height(font));
  EXPECT_EQ(platform.measure("ok \xF4\x8F\xBF\xBD", font).missing_glyphs, 1);
}

TEST(FakePlatform, WaitHandsOutTheScriptUpToEachTimeoutMark) {
  FakePlatform platform;
  platform.push_tap({10, 20});
  platform.push_timeout();
  platform.push_text("abc");
  platform.push_key(Key::enter);
  auto first = platform.wait(1000);
  ASSERT_EQ(first.size(), 2U);
  EXPECT_EQ(first[0].kind, InputKind::press);
  EXPECT_EQ(first[1].kind, InputKind::release);
  EXPECT_EQ(first[1].point.y, 20);
  EXPECT_TRUE(platform.wait(1000).empty()) << "the timeout mark";
  EXPECT_EQ(platform.now_ms(), 1000U) << "a wait that timed out took its time";
  auto rest = platform.wait(-1);
  ASSERT_EQ(rest.size(), 2U);
  EXPECT_EQ(rest[0].text, "abc");
  EXPECT_EQ(rest[1].key, Key::enter);
  EXPECT_EQ(platform.last_wait_timeout_ms(), -1);
  EXPECT_TRUE(platform.wait(500).empty());
  EXPECT_EQ(platform.timed_out_waits(), 2);
}

TEST(FakePlatform, RecordsTheVisibleTextsOfThePresentedFrame) {
  FakePlatform platform({400, 300});
  platform.clear({1, 2, 3, 255});
  platform.draw_text("on screen", ui::Font{20}, {}, {10, 10});
  platform.set_clip({0, 100, 400, 100});
  platform.draw_text("scrolled away", ui::Font{20}, {}, {10, 10});
  platform.draw_text("in the viewport", ui::Font{20}, {}, {10, 120});
  platform.reset_clip();
  platform.draw_text("off screen", ui::Font{20}, {}, {500, 10});
  platform.fill_rect({0, 0, 50, 50}, {9, 9, 9, 255}, 4);
  EXPECT_FALSE(platform.shows("on screen")) << "nothing is shown before present()";
  platform.present();
  EXPECT_EQ(platform.shown_text(), "on screen\nin the viewport\n");
  EXPECT_TRUE(platform.shows("viewport"));
  EXPECT_FALSE(platform.shows("scrolled"));
  EXPECT_EQ(platform.last_frame().texts.size(), 4U);
  ASSERT_EQ(platform.last_frame().rects.size(), 1U);
  EXPECT_EQ(platform.last_frame().rects[0].radius, 4);
  EXPECT_EQ(platform.stats().frames, 1U);
  platform.clear({1, 2, 3, 255});
  platform.present();
  EXPECT_EQ(platform.shown_text(), "") << "each clear() starts a new frame";
}

TEST(FakePlatform, ReadPixelsIsBlankOrTheScriptedError) {
  FakePlatform platform({4, 2});
  platform.clear({10, 20, 30, 255});
  auto image = platform.read_pixels();
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(image.value().pixels.size(), 4U * 2U * 4U);
  EXPECT_EQ(image.value().pixels[4], 10);
  EXPECT_EQ(image.value().pixels[6], 30);
  platform.faults().fail(FakePlatformOperation::read_pixels, 0, FailureMode::once,
                         Error::make(ErrorCode::io, "no frame", "read_pixels"));
  auto failed = platform.read_pixels();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::io);
  EXPECT_TRUE(platform.read_pixels().ok()) << "once";
}

// Collects what a ControlReader delivers, for the test thread to wait on.
class Collected {
 public:
  void line(std::string text) {
    const std::lock_guard lock(m_mutex);
    m_lines.push_back(std::move(text));
    m_changed.notify_all();
  }
  void end() {
    const std::lock_guard lock(m_mutex);
    ++m_ends;
    m_changed.notify_all();
  }
  bool wait_for(std::size_t lines, int ends) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, 10s, [&] { return m_lines.size() >= lines && m_ends >= ends; });
  }
  std::vector<std::string> lines() {
    const std::lock_guard lock(m_mutex);
    return m_lines;
  }
  int ends() {
    const std::lock_guard lock(m_mutex);
    return m_ends;
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::string> m_lines;
  int m_ends = 0;
};

// A ControlReader on a pipe whose write end the test holds.
class ReaderOnPipe {
 public:
  ReaderOnPipe() {
    if (::pipe2(m_fds, O_CLOEXEC) != 0) return;
    auto started = ControlReader::start(
        m_fds[0], [this](std::string line) { got.line(std::move(line)); }, [this] { got.end(); });
    if (started.ok()) reader = std::move(started).value();
  }
  ~ReaderOnPipe() {
    reader.reset();
    close_writer();
    if (m_fds[0] >= 0) ::close(m_fds[0]);
  }
  bool write(const std::string& text) {
    return ::write(m_fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size());
  }
  void close_writer() {
    if (m_fds[1] >= 0) ::close(m_fds[1]);
    m_fds[1] = -1;
  }

  Collected got;
  std::unique_ptr<ControlReader> reader;

 private:
  int m_fds[2] = {-1, -1};
};

TEST(ControlReader, DeliversWholeLinesThenTheEnd) {
  ReaderOnPipe pipe;
  ASSERT_NE(pipe.reader, nullptr);
  ASSERT_TRUE(pipe.write("tap welcome.complaint\ntext 投"));
  ASSERT_TRUE(pipe.got.wait_for(1, 0));
  ASSERT_TRUE(pipe.write("诉\n\nscreen\npartial"));
  pipe.close_writer();  // the test went away
  ASSERT_TRUE(pipe.got.wait_for(4, 1));
  EXPECT_EQ(pipe.got.lines(), (std::vector<std::string>{"tap welcome.complaint", "text 投诉", "", "screen"}))
      << "a line without its newline is not a command";
  pipe.reader.reset();
  EXPECT_EQ(pipe.got.ends(), 1);
}

TEST(ControlReader, StopsWhileTheWriterIsStillThere) {
  ReaderOnPipe pipe;
  ASSERT_NE(pipe.reader, nullptr);
  ASSERT_TRUE(pipe.write("screen\n"));
  ASSERT_TRUE(pipe.got.wait_for(1, 0));
  const auto before = std::chrono::steady_clock::now();
  pipe.reader.reset();  // joins: would hang forever if the thread sat in read()
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
  EXPECT_EQ(pipe.got.ends(), 0) << "a stop is not the end of the channel";
}

}  // namespace
}  // namespace complaint
