// Customers' own words (issue 12): the category screen offers the chosen kind's topics from
// the taxonomy, in the customer's language, each with its pictogram painted on its badge, and
// the kind buttons their pictograms; choosing a topic files under its category and the ticket
// keeps the topic; the review names it. Read from the real kiosk's layout and its painted
// screen, in both themes and languages.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "core/domain/taxonomy.h"
#include "kiosk/platform/platform.h"
#include "kiosk/ui/theme.h"
#include "tests/kiosk/kiosk_process.h"
#include "tests/kiosk/layout_checks.h"

namespace complaint::test {
namespace {

ui::Colour pixel(const RgbaImage& png, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * png.width + x) * 4;
  return {png.pixels[i], png.pixels[i + 1], png.pixels[i + 2]};
}

ui::Colour from_hex(const std::string& hex) {
  const auto part = [&](int at) {
    return static_cast<std::uint8_t>(std::stoi(hex.substr(at, 2), nullptr, 16));
  };
  return {part(1), part(3), part(5)};
}

bool near(ui::Colour a, ui::Colour b) {
  return std::abs(a.r - b.r) <= 40 && std::abs(a.g - b.g) <= 40 && std::abs(a.b - b.b) <= 40;
}

bool has_cjk(const std::string& text) {
  // Every CJK ideograph's UTF-8 form starts with a byte 0xE3..0xE9.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xE3 && b <= 0xE9;
  });
}

// How a pictogram was painted: the share of its box in its stroke colour, and that colour's
// contrast against what it sits on (the pixel at the box's top-left corner, outside the
// strokes: the viewBox keeps a margin).
struct Painted {
  double stroke_share = 0;
  double contrast = 1;
};
Painted painted(const RgbaImage& png, const nlohmann::json& icon) {
  const Box r = box(icon["rect"]);
  const ui::Colour stroke = from_hex(icon["colour"]);
  const ui::Colour ground = pixel(png, r.x, r.y);
  int strokes = 0;
  for (int y = r.y; y < r.y + r.h; ++y)
    for (int x = r.x; x < r.x + r.w; ++x) strokes += near(pixel(png, x, y), stroke) ? 1 : 0;
  return {static_cast<double>(strokes) / (r.w * r.h), ui::contrast_ratio(stroke, ground)};
}

// Checks the pictogram `id` in `layout` was drawn as a line drawing: some of its box in its
// colour (not nothing: a missing file draws nothing), most of it not (not a filled square),
// and at least 3:1 against its ground.
void expect_pictogram(const RgbaImage& png, const nlohmann::json& layout, const std::string& id,
                      const std::string& icon_name, const std::string& where) {
  for (const auto& w : layout["widgets"]) {
    if (w["id"] != id) continue;
    EXPECT_EQ(w["kind"], "icon") << where << " " << id;
    EXPECT_EQ(w["icon"], icon_name) << where << " " << id;
    const Painted p = painted(png, w);
    EXPECT_GT(p.stroke_share, 0.06) << where << " " << id << ": the pictogram is not painted";
    EXPECT_LT(p.stroke_share, 0.6) << where << " " << id << ": a blob, not a line pictogram";
    EXPECT_GE(p.contrast, 3.0) << where << " " << id;
    return;
  }
  ADD_FAILURE() << where << ": no pictogram " << id;
}

// Each kind in turn on the category screen: exactly its topics (paging through), labels in
// the language, pictograms painted; the kinds' own pictograms too. Both themes, both languages.
TEST(KioskTopics, EachKindShowsItsOwnTopicsWithPictogramsInTheLanguage) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  for (const Mode mode : {Mode::normal, Mode::high_contrast}) {
    for (const std::string language : {"zh-CN", "en"}) {
      KioskOptions options;
      options.extra_config = mode_config(mode);
      KioskProcess kiosk(options);
      kiosk.tap(language == "en" ? "welcome.lang.en" : "welcome.lang.zh");
      kiosk.tap("welcome.complaint");
      ASSERT_EQ(kiosk.screen(), "kind");
      for (const TaxonomyEntry& kind : taxonomy.kinds()) {
        const std::string where = kind.id + "_" + language + mode_suffix(mode);
        kiosk.tap("kind." + kind.id);
        EXPECT_EQ(kiosk.widget("kind." + kind.id + ".label")->value("text", ""), kind.label(language))
            << where;
        std::set<std::string> expected;
        for (const TaxonomyTopic* t : taxonomy.topics_of(kind.id)) expected.insert(t->id);
        std::set<std::string> seen;
        for (int page = 1; page <= 10; ++page) {
          const nlohmann::json layout = kiosk.layout();
          check_layout(layout, where);
          auto image = read_png(kiosk.screenshot("topics_" + where + "_" + std::to_string(page)));
          ASSERT_TRUE(image.ok()) << where;
          for (const TaxonomyEntry& k : taxonomy.kinds())
            expect_pictogram(*image, layout, "kind." + k.id + ".icon", k.icon, where);
          for (const auto& w : layout["widgets"]) {
            const std::string id = w["id"];
            EXPECT_FALSE(id.starts_with("category.")) << where << ": a procedure category offered: " << id;
            if (!id.starts_with("topic.") || id.find('.', 6) != std::string::npos) continue;
            const TaxonomyTopic* topic = taxonomy.topic(id.substr(6));
            ASSERT_NE(topic, nullptr) << where << " " << id;
            EXPECT_EQ(topic->kind, kind.id) << where << ": " << id << " is another kind's";
            seen.insert(topic->id);
            EXPECT_EQ(kiosk.widget(id + ".label")->value("text", ""), topic->label(language)) << where;
            EXPECT_TRUE(language != "en" || !has_cjk(kiosk.widget(id + ".label")->value("text", ""))) << id;
            expect_pictogram(*image, layout, id + ".icon", topic->icon, where);
          }
          const auto next = kiosk.widget("kind.page.next");
          if (!next || !(*next)["tappable"].get<bool>()) break;
          kiosk.tap("kind.page.next");
        }
        EXPECT_EQ(seen, expected) << where;
        const std::string prompt = kiosk.widget("kind.category_prompt")->value("text", "");
        EXPECT_EQ(has_cjk(prompt), language != "en") << where << ": " << prompt;
      }
    }
  }
}

// A topic files under its category; the ticket keeps the topic, and the review names the kind
// and the topic in the customer's words. Switching the kind drops a topic of the other kind.
TEST(KioskTopics, ChoosingATopicFilesUnderItsCategoryAndTheReviewNamesIt) {
  KioskProcess kiosk;
  kiosk.tap("welcome.complaint");
  kiosk.tap("topic.card_retained");
  ASSERT_EQ(kiosk.screen(), "details");
  EXPECT_EQ(kiosk.session()["session"]["topic"], "card_retained");
  EXPECT_EQ(kiosk.session()["session"]["category"], "service_channel");
  kiosk.tap("nav.back");
  kiosk.tap("kind.inquiry");
  EXPECT_EQ(kiosk.session()["session"]["topic"], "");
  EXPECT_EQ(kiosk.session()["session"]["category"], "");
  EXPECT_FALSE(kiosk.widget("nav.next")->value("tappable", true)) << "no topic chosen for the inquiry";
  kiosk.tap("kind.complaint");
  kiosk.tap("topic.card_retained");
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  kiosk.tap("outcome.choice.0");
  kiosk.tap("nav.next");
  kiosk.tap("contact.anonymous");
  kiosk.tap("nav.next");  // to the consent
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  EXPECT_NE(kiosk.visible_text().find("投诉 · 卡被吞"), std::string::npos) << kiosk.visible_text();
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  const auto tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].topic, "card_retained");
  EXPECT_EQ(tickets[0].category, "service_channel");
}

// Large text at every supported size: every kind's topics on some page, nothing clipped.
class KioskTopicPages : public ::testing::TestWithParam<std::tuple<int, int, Mode>> {};

TEST_P(KioskTopicPages, EveryKindsTopicsAreReachableUnclipped) {
  const auto [w, h, mode] = GetParam();
  const Taxonomy taxonomy = Taxonomy::defaults();
  for (const std::string language : {"zh", "en"}) {
    KioskOptions options;
    options.width = w;
    options.height = h;
    options.extra_config = mode_config(mode);
    KioskProcess kiosk(options);
    kiosk.tap("welcome.lang." + language);
    kiosk.tap("welcome.complaint");
    for (const TaxonomyEntry& kind : taxonomy.kinds()) {
      const std::string where =
          std::to_string(w) + "x" + std::to_string(h) + mode_suffix(mode) + "_" + kind.id + "_" + language;
      kiosk.tap("kind." + kind.id);
      std::set<std::string> expected;
      for (const TaxonomyTopic* t : taxonomy.topics_of(kind.id)) expected.insert("topic." + t->id);
      std::set<std::string> seen;
      for (int page = 1; page <= 10; ++page) {
        const nlohmann::json layout = kiosk.layout();
        check_layout(layout, where + " page " + std::to_string(page));
        for (const auto& widget : layout["widgets"]) {
          const std::string id = widget["id"];
          if (id.starts_with("topic.") && id.find('.', 6) == std::string::npos) seen.insert(id);
        }
        const auto next = kiosk.widget("kind.page.next");
        if (!next || !(*next)["tappable"].get<bool>()) break;
        kiosk.tap("kind.page.next");
      }
      EXPECT_EQ(seen, expected) << where;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(SizesAndModes, KioskTopicPages,
                         ::testing::Values(std::tuple{1280, 800, Mode::large},
                                           std::tuple{1920, 1080, Mode::large},
                                           std::tuple{1080, 1920, Mode::large},
                                           std::tuple{1280, 800, Mode::normal}),
                         [](const auto& info) { return size_and_mode_name(info.param); });

}  // namespace
}  // namespace complaint::test

namespace complaint::test {
namespace {

// A tailored taxonomy naming a pictogram that is not shipped stops the real kiosk at start,
// with the entry named and nothing drawn, as a broken config does (blank tiles would leave
// an elderly customer guessing).
TEST(KioskTopics, ATaxonomyNamingAMissingPictogramStopsTheKioskAtStart) {
  const std::string folder = ::testing::TempDir() + "kiosk-missing-icon";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  std::ifstream shipped(SOURCE_DIR "/assets/taxonomy.toml");
  std::string taxonomy((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
  const std::string icon = "icon = \"icon-rude-staff\"";
  ASSERT_NE(taxonomy.find(icon), std::string::npos);
  taxonomy.replace(taxonomy.find(icon), icon.size(), "icon = \"icon-not-drawn\"");
  std::ofstream(folder + "/taxonomy.toml") << taxonomy;
  std::ofstream(folder + "/config.toml") << "[taxonomy]\npath = \"" << folder << "/taxonomy.toml\"\n";

  // timeout(1): a kiosk that starts after all fails here in 20 s rather than running on.
  const std::string command =
      std::string("SDL_VIDEODRIVER=dummy COMPLAINT_ASSETS=" SOURCE_DIR "/assets timeout 20 ") + KIOSK_PATH +
      " --config " + folder + "/config.toml --db " + folder + "/kiosk.db --windowed 1280x800 2>&1";
  FILE* kiosk = ::popen(command.c_str(), "r");
  ASSERT_NE(kiosk, nullptr);
  std::string said;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, kiosk)) > 0;) said.append(chunk, n);
  const int status = ::pclose(kiosk);
  ASSERT_TRUE(WIFEXITED(status)) << said;
  EXPECT_EQ(WEXITSTATUS(status), 1) << said;
  EXPECT_NE(said.find("rude_staff"), std::string::npos) << said;
  EXPECT_NE(said.find("icon-not-drawn"), std::string::npos) << said;
  EXPECT_EQ(said.find("video driver"), std::string::npos) << "the screen was opened: " << said;
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace complaint::test
