// SDL-free parts of the kiosk: tracking-URL recognition, the staff PIN lock, session
// wiping, line wrapping and the physical-size guarantees of Metrics.
#include <crypt.h>
#include <gtest/gtest.h>

#include <memory>

#include "kiosk/app/scanner.h"
#include "kiosk/app/session.h"
#include "kiosk/app/staff_lock.h"
#include "kiosk/platform/fake_platform.h"
#include "kiosk/ui/text_layout.h"
#include "kiosk/ui/theme.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

TEST(TrackingUrl, RecognisesTheConfiguredTemplate) {
  const auto scanned = parse_tracking_url("https://desk.example/t/{number}?k={token}",
                                          "https://desk.example/t/WH01-K1-20261120-0001-E?k=ABCDEF\r\n");
  ASSERT_TRUE(scanned.has_value());
  EXPECT_EQ(scanned->number, "WH01-K1-20261120-0001-E");
  EXPECT_EQ(scanned->token, "ABCDEF");
}

TEST(TrackingUrl, RejectsOtherText) {
  const char* tpl = "https://desk.example/t/{number}?k={token}";
  EXPECT_FALSE(parse_tracking_url(tpl, "WH01-K1-20261120-0001-E").has_value());
  EXPECT_FALSE(parse_tracking_url(tpl, "https://evil.example/t/X?k=Y").has_value());
  EXPECT_FALSE(parse_tracking_url(tpl, "https://desk.example/t/?k=Y").has_value());
}

std::string hash_of(const char* pin) {
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(pin, "$5$kiosktestsalt$", data.get());
  return hash == nullptr ? std::string{} : hash;
}

TEST(StaffLock, LocksAfterTheConfiguredWrongPinsUntilTheTimePasses) {
  KioskConfig config;
  config.staff_pin_hash = hash_of("2468");
  FixedClock clock(Instant{std::chrono::seconds(1'800'000'000)});
  StaffLock lock(config, clock);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(lock.try_pin("0000"), PinVerdict::rejected);
  EXPECT_EQ(lock.try_pin("0000"), PinVerdict::locked);
  EXPECT_EQ(lock.try_pin("2468"), PinVerdict::locked) << "even the right PIN while locked";
  clock.advance(299s);
  EXPECT_EQ(lock.try_pin("2468"), PinVerdict::locked);
  clock.advance(1s);
  EXPECT_EQ(lock.try_pin("2468"), PinVerdict::accepted);
}

TEST(StaffLock, NoHashMeansNoStaffMode) {
  KioskConfig config;
  FixedClock clock(Instant{});
  StaffLock lock(config, clock);
  EXPECT_EQ(lock.try_pin("2468"), PinVerdict::disabled);
  EXPECT_FALSE(pin_matches("", hash_of("")));
}

TEST(FilingSession, WipeForgetsEverything) {
  FilingSession s;
  s.kind = "complaint";
  s.content = "柜员态度冷漠";
  s.phone = "13800138000";
  s.anonymous = true;
  s.filed = Ticket{};
  s.filed->content = "柜员态度冷漠";
  EXPECT_FALSE(s.empty());
  s.wipe();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.channel, "kiosk");
}

// FakePlatform's fixed advances make wrapping predictable: at 10 px a Chinese character is
// 10 px wide; at 17 px a Latin letter is 10 px wide (0.6 em, rounded down).
const ui::Font k_cjk_10px{10};
const ui::Font k_latin_10px{17};

TEST(WrapText, ChineseBreaksAnywhereButNotBeforeClosingPunctuation) {
  FakePlatform painter;
  const auto wrapped = ui::wrap_text(painter, "一二三四，五六", k_cjk_10px, 40);
  ASSERT_EQ(wrapped.lines.size(), 2U);
  EXPECT_EQ(wrapped.lines[0], "一二三");
  EXPECT_EQ(wrapped.lines[1], "四，五六");  // "，" stays with "四"
  EXPECT_FALSE(wrapped.overflow);
}

TEST(WrapText, LatinBreaksAtSpacesAndSplitsLongWords) {
  FakePlatform painter;
  const auto words = ui::wrap_text(painter, "aaa bbb ccc", k_latin_10px, 70);
  ASSERT_EQ(words.lines.size(), 2U);
  EXPECT_EQ(words.lines[0], "aaa bbb");
  EXPECT_EQ(words.lines[1], "ccc");
  const auto url = ui::wrap_text(painter, "https://desk", k_latin_10px, 50);
  EXPECT_EQ(url.lines.size(), 3U);
  EXPECT_FALSE(url.overflow);
}

TEST(Metrics, PhysicalMinimumsHoldAtEveryResolution) {
  for (auto [w, h, dpi] : {std::tuple{1920, 1080, 102}, std::tuple{1024, 600, 170},
                           std::tuple{1080, 1920, 96}, std::tuple{800, 480, 220}}) {
    for (ui::TextSize size : {ui::TextSize::normal, ui::TextSize::large}) {
      const ui::Metrics m = ui::Metrics::make({w, h}, dpi, size);
      const double factor = size == ui::TextSize::large ? 1.5 : 1.0;
      EXPECT_GE(m.body.px, 4.8 * dpi / 25.4 * factor - 0.5) << w << "x" << h;
      EXPECT_GE(m.small.px, 4.8 * dpi / 25.4 * factor - 0.5);
      EXPECT_GE(m.button_height, 9.0 * dpi / 25.4 - 0.5);
      EXPECT_GE(m.key_height, 9.0 * dpi / 25.4 - 0.5);
    }
  }
}

}  // namespace
}  // namespace complaint
