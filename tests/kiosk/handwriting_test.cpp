// Handwriting through the real kiosk UI: a customer writes 投 and 诉 on the details screen's
// pad stroke by stroke (the test-control channel's `stroke` command), the real Zinnia
// engine recognises after every stroke, the candidates appear in the candidate bar, and the
// chosen characters are in the complaint text. Also: undo stroke and clear, and the pad on
// a 1920x1080 screen. Screenshots: build/test-output/kiosk/handwriting_*.png.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

// Stroke centre lines in standard stroke order from hanzi-writer-data 2.0.1 (derived from
// Make Me a Hanzi, Arphic Public License): a 1024-unit box, y up, baseline offset 900.
using Median = std::vector<std::pair<int, int>>;
const std::vector<Median> kTou = {
    // 投
    {{123, 524}, {146, 520}, {195, 525}, {352, 578}, {412, 585}},
    {{274, 798},
     {290, 790},
     {321, 758},
     {310, 619},
     {305, 109},
     {298, 78},
     {282, 47},
     {182, 91},
     {180, 98},
     {169, 98}},
    {{55, 252}, {105, 248}, {221, 340}, {394, 464}},
    {{507, 719}, {535, 703}, {544, 677}, {544, 601}, {535, 543}, {496, 468}, {463, 432}, {432, 409}},
    {{573, 685},
     {588, 703},
     {669, 734},
     {714, 736},
     {729, 720},
     {713, 663},
     {706, 605},
     {705, 564},
     {714, 532},
     {731, 516},
     {759, 507},
     {819, 507},
     {857, 518},
     {899, 511}},
    {{492, 376},
     {560, 376},
     {669, 408},
     {710, 403},
     {722, 394},
     {701, 322},
     {674, 261},
     {639, 202},
     {602, 161},
     {507, 100},
     {431, 76},
     {395, 73}},
    {{463, 318}, {515, 292}, {648, 154}, {714, 99}, {772, 61}, {794, 51}, {971, 32}},
};
const std::vector<Median> kSu = {
    // 诉
    {{275, 822}, {366, 765}, {385, 732}},
    {{67, 511},
     {116, 509},
     {146, 518},
     {251, 567},
     {286, 566},
     {295, 558},
     {268, 259},
     {276, 229},
     {312, 239},
     {428, 346}},
    {{796, 764}, {727, 768}, {636, 701}, {560, 664}, {558, 654}},
    {{473, 674},
     {505, 651},
     {516, 631},
     {517, 459},
     {510, 384},
     {498, 332},
     {481, 275},
     {452, 214},
     {395, 142},
     {349, 100},
     {333, 93}},
    {{550, 518}, {562, 511}, {638, 517}, {845, 567}, {900, 570}},
    {{679, 498}, {716, 477}, {722, 457}, {719, 45}, {711, -35}},
    {{623, 366}, {817, 301}, {854, 278}, {878, 243}},
};

struct Box {
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
};

Box rect_of(KioskProcess& kiosk, const std::string& id) {
  const auto w = kiosk.widget(id);
  if (!w) {
    ADD_FAILURE() << "no widget " << id;
    return {};
  }
  const auto& r = (*w)["rect"];
  return {r[0], r[1], r[2], r[3]};
}

// One `stroke` command: the median scaled into a square in the middle of the pad, with
// the points in between filled in every ~8 px as a finger's touch events would be.
std::string stroke_command(const Median& median, const Box& pad) {
  const int side = std::min(pad.w, pad.h) * 9 / 10;
  const int left = pad.x + (pad.w - side) / 2;
  const int top = pad.y + (pad.h - side) / 2;
  auto at = [&](double x, double y) {
    return std::to_string(left + static_cast<int>(x * side / 1024)) + "," +
           std::to_string(top + static_cast<int>((900 - y) * side / 1024));
  };
  std::string command = "stroke kb.pad " + at(median.front().first, median.front().second);
  for (std::size_t i = 1; i < median.size(); ++i) {
    const auto [x0, y0] = median[i - 1];
    const auto [x1, y1] = median[i];
    const int steps = std::max(1, static_cast<int>(std::hypot(x1 - x0, y1 - y0) * side / 1024 / 8));
    for (int k = 1; k <= steps; ++k)
      command += " " + at(x0 + (x1 - x0) * k / static_cast<double>(steps),
                          y0 + (y1 - y0) * k / static_cast<double>(steps));
  }
  return command;
}

// Writes `strokes` one by one, checking that candidates are offered after each; then taps
// `character` in the candidate bar (fails when it is not among them).
void write(KioskProcess& kiosk, const std::vector<Median>& strokes, const std::string& character,
           const std::string& screenshot = {}) {
  const Box pad = rect_of(kiosk, "kb.pad");
  ASSERT_GT(pad.w, 0);
  for (std::size_t i = 0; i < strokes.size(); ++i) {
    kiosk.send(stroke_command(strokes[i], pad));
    EXPECT_EQ(kiosk.widget("kb.pad")->value("strokes", 0), static_cast<int>(i + 1));
    EXPECT_FALSE(candidate_bar(kiosk).empty())
        << "no candidates after stroke " << i + 1 << " of " << character;
  }
  if (!screenshot.empty()) kiosk.screenshot(screenshot);
  const std::vector<std::string> offered = candidate_bar(kiosk);
  const auto found = std::find(offered.begin(), offered.end(), character);
  ASSERT_NE(found, offered.end()) << character << " not among the candidates";
  kiosk.tap("kb.cand." + std::to_string(found - offered.begin()));
  EXPECT_EQ(kiosk.widget("kb.pad")->value("strokes", -1), 0) << "choosing clears the pad";
}

TEST(KioskHandwriting, WrittenCharactersAreRecognisedAsWrittenAndGoIntoTheComplaint) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  ASSERT_EQ(kiosk.screen(), "details");
  EXPECT_FALSE(kiosk.widget("kb.pad")) << "pinyin is the first layout";
  kiosk.tap("kb.layout.handwriting");
  ASSERT_TRUE(kiosk.widget("kb.pad"));
  EXPECT_TRUE(kiosk.widget("kb.ink.undo"));
  EXPECT_TRUE(kiosk.widget("kb.ink.clear"));
  kiosk.screenshot("handwriting_1280_empty");
  write(kiosk, kTou, "投", "handwriting_1280_tou");
  write(kiosk, kSu, "诉");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "投诉");
  kiosk.screenshot("handwriting_1280_written");
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.screen(), "outcome");
  EXPECT_EQ(kiosk.session()["session"].value("content", ""), "投诉");
  // The shipped model (assets/handwriting/level1.model) wrote this, Debian's behind it.
  EXPECT_NE(kiosk.log().find("handwriting: the shipped level-1 model, Debian's model behind it"),
            std::string::npos)
      << kiosk.log();
}

TEST(KioskHandwriting, UndoStrokeAndClearTakeStrokesBack) {
  KioskProcess kiosk;
  walk_to(kiosk, "details");
  kiosk.tap("kb.layout.handwriting");
  const Box pad = rect_of(kiosk, "kb.pad");
  for (std::size_t i = 0; i < 3; ++i) kiosk.send(stroke_command(kTou[i], pad));
  EXPECT_EQ(kiosk.widget("kb.pad")->value("strokes", 0), 3);
  const std::vector<std::string> after_three = candidate_bar(kiosk);
  kiosk.send(stroke_command(kTou[3], pad));
  kiosk.tap("kb.ink.undo");
  EXPECT_EQ(kiosk.widget("kb.pad")->value("strokes", 0), 3);
  EXPECT_EQ(candidate_bar(kiosk), after_three) << "undo recognises the remaining strokes again";
  kiosk.tap("kb.ink.clear");
  EXPECT_EQ(kiosk.widget("kb.pad")->value("strokes", -1), 0);
  EXPECT_TRUE(candidate_bar(kiosk).empty());
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "");
  // A stroke command elsewhere than on a pad is refused.
  EXPECT_FALSE(kiosk.try_send("stroke details.text 10,10 20,20")["ok"].get<bool>());
}

TEST(KioskHandwriting, ThePadWorksOnALargeScreen) {
  KioskOptions large;
  large.width = 1920;
  large.height = 1080;
  KioskProcess kiosk(large);
  walk_to(kiosk, "details");
  kiosk.tap("kb.layout.handwriting");
  const Box pad = rect_of(kiosk, "kb.pad");
  // Large enough for an elderly finger: at least 25 mm high at the kiosk's density.
  const double px_per_mm = kiosk.layout()["px_per_mm"];
  EXPECT_GE(pad.h / px_per_mm, 25.0);
  write(kiosk, kTou, "投", "handwriting_1920_tou");
  EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "投");
  kiosk.screenshot("handwriting_1920_written");
}

// A kiosk whose shipped model is there but damaged (a bad copy, a full disk at install)
// still offers the pad, writing with Debian's model alone, and its log says which model failed.
TEST(KioskHandwriting, ADamagedShippedModelLeavesDebiansModelWritingAndSaysSo) {
  namespace fs = std::filesystem;
  char folder_template[] = "/tmp/kiosk-assets-XXXXXX";
  ASSERT_NE(::mkdtemp(folder_template), nullptr);
  const fs::path assets = folder_template;
  for (const fs::directory_entry& entry : fs::directory_iterator(fs::path(SOURCE_DIR) / "assets")) {
    if (entry.path().filename() != "handwriting")
      fs::create_directory_symlink(entry.path(), assets / entry.path().filename());
  }
  fs::create_directory(assets / "handwriting");
  std::ofstream(assets / "handwriting" / "level1.model") << "not a zinnia model\n";
  {
    KioskOptions options;
    options.assets = assets.string();
    KioskProcess kiosk(options);
    walk_to(kiosk, "details");
    kiosk.tap("kb.layout.handwriting");
    ASSERT_TRUE(kiosk.widget("kb.pad"));
    write(kiosk, kTou, "投");
    EXPECT_EQ(kiosk.widget("details.text")->value("text", ""), "投");
    EXPECT_NE(kiosk.log().find("handwriting: Debian's model only"), std::string::npos) << kiosk.log();
    EXPECT_NE(kiosk.log().find("the shipped handwriting model: "), std::string::npos) << kiosk.log();
  }
  fs::remove_all(assets);
}

}  // namespace
}  // namespace complaint::test
