// Paging instead of clipping (issue 12): the category grid and the quick phrases show a page
// at a time with 上一页 / 下一页 when they do not fit, and every tile and every phrase is
// reachable by tapping through the pages, at 1280x800, 1920x1080 and 1080x1920 in normal,
// large-text and high-contrast mode. Each page's layout passes check_layout (nothing
// clipped, nothing behind the navigation bar). Also the welcome screen's contrast switch.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/domain/taxonomy.h"
#include "kiosk/platform/platform.h"
#include "tests/kiosk/kiosk_process.h"
#include "tests/kiosk/layout_checks.h"

namespace complaint::test {
namespace {

// The ids of the tappable widgets starting with `prefix` whose rest has no further dot
// ("category.fees", not "category.fees.label"), with their texts.
std::vector<std::pair<std::string, std::string>> items(const nlohmann::json& layout,
                                                       const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    if (id.rfind(prefix, 0) != 0 || id.find('.', prefix.size()) != std::string::npos) continue;
    if (!w.value("tappable", false)) continue;
    found.emplace_back(id, w.value("text", ""));
  }
  return found;
}

// Walks every page of the pager `pager` (from the current page on), checking each page's
// layout, and returns every item seen and the page count ("第1页/共2页" checked on the way).
struct Walked {
  std::vector<std::pair<std::string, std::string>> seen;
  int pages = 1;
};
Walked walk_pages(KioskProcess& kiosk, const std::string& pager, const std::string& prefix,
                  const std::string& where) {
  Walked walked;
  for (int page = 1; page <= 20; ++page) {
    const nlohmann::json layout = kiosk.layout();
    check_layout(layout, where + " page " + std::to_string(page));
    for (auto& item : items(layout, prefix)) walked.seen.push_back(item);
    const auto next = kiosk.widget(pager + ".next");
    if (!next) break;  // everything fits: no pager
    const auto position = kiosk.widget(pager + ".position");
    EXPECT_TRUE(position.has_value()) << where;
    if (position) {
      const std::string text = (*position)["text"];
      EXPECT_EQ(text.rfind("第" + std::to_string(page) + "页/共", 0), 0u) << where << ": " << text;
    }
    const auto previous = kiosk.widget(pager + ".previous");
    EXPECT_TRUE(previous && (*previous)["tappable"].get<bool>() == (page > 1)) << where << " page " << page;
    walked.pages = page;
    if (!(*next)["tappable"].get<bool>()) break;  // the last page
    kiosk.tap(pager + ".next");
  }
  // Back to the first page with 上一页.
  for (int page = walked.pages; page > 1; --page) kiosk.tap(pager + ".previous");
  return walked;
}

// Shows the tile (topic.long_wait), paging forward from the first page as a customer would.
void tap_tile(KioskProcess& kiosk, const std::string& id) {
  while (kiosk.widget("kind.page.previous") && kiosk.widget("kind.page.previous")->value("tappable", false))
    kiosk.tap("kind.page.previous");
  for (int i = 0; i < 20 && !kiosk.widget(id); ++i) kiosk.tap("kind.page.next");
  kiosk.tap(id);
}

// The tiles a customer is offered for `kind`: its topics.
std::set<std::string> topic_tiles(const Taxonomy& taxonomy, const std::string& kind) {
  std::set<std::string> tiles;
  for (const TaxonomyTopic* t : taxonomy.topics_of(kind)) tiles.insert("topic." + t->id);
  return tiles;
}

class KioskPaging : public ::testing::TestWithParam<std::tuple<int, int, Mode>> {};

TEST_P(KioskPaging, EveryTileAndEveryQuickPhraseIsReachable) {
  const auto [w, h, mode] = GetParam();
  const std::string where = std::to_string(w) + "x" + std::to_string(h) + mode_suffix(mode);
  KioskOptions options;
  options.width = w;
  options.height = h;
  options.extra_config = mode_config(mode);
  KioskProcess kiosk(options);
  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");

  const Taxonomy taxonomy = Taxonomy::defaults();
  const std::set<std::string> offered = topic_tiles(taxonomy, "complaint");
  const Walked tiles = walk_pages(kiosk, "kind.page", "topic.", "kind@" + where);
  std::set<std::string> seen;
  for (const auto& [id, text] : tiles.seen) EXPECT_TRUE(seen.insert(id).second) << id << " on two pages";
  EXPECT_EQ(seen, offered) << "kind@" << where << ": every topic on some page";
  kiosk.screenshot("paging_kind_1@" + where);
  if (tiles.pages > 1) {
    kiosk.tap("kind.page.next");
    kiosk.screenshot("paging_kind_2@" + where);
  }

  // The quick phrases of every category a customer's topic files under, all of them, in
  // order, over the details screen's pages (reached through the first topic mapping to it).
  std::set<std::string> categories_done;
  for (const TaxonomyTopic& topic : taxonomy.topics()) {
    const TaxonomyEntry& c = *taxonomy.category(topic.category);
    if (c.quick_phrases_zh.empty() || !categories_done.insert(c.id).second) continue;
    if (kiosk.session()["session"]["kind"] != topic.kind) kiosk.tap("kind." + topic.kind);
    tap_tile(kiosk, "topic." + topic.id);
    ASSERT_EQ(kiosk.screen(), "details") << c.id;
    const Walked phrases =
        walk_pages(kiosk, "details.phrases", "details.phrase.", "details:" + c.id + "@" + where);
    std::vector<std::string> texts;
    for (const auto& [id, text] : phrases.seen) texts.push_back(text);
    EXPECT_EQ(texts, c.quick_phrases_zh) << "details:" << c.id << "@" << where;
    if (c.id == "service_attitude") {
      kiosk.screenshot("paging_details_1@" + where);
      // The last phrase, from the last page, goes into the text.
      for (int page = 1; page < phrases.pages; ++page) kiosk.tap("details.phrases.next");
      if (phrases.pages > 1) kiosk.screenshot("paging_details_2@" + where);
      kiosk.tap(phrases.seen.back().first);
      EXPECT_NE(kiosk.session()["session"]["content"].get<std::string>().find(c.quick_phrases_zh.back()),
                std::string::npos)
          << where;
    }
    kiosk.tap("nav.back");
    ASSERT_EQ(kiosk.screen(), "kind") << c.id;
  }
}

// The category tiles on the current page: their boxes, top to bottom.
std::vector<Box> tiles_on_page(const nlohmann::json& layout) {
  std::vector<Box> tiles;
  for (const auto& [id, text] : items(layout, "topic.")) {
    for (const auto& w : layout["widgets"])
      if (w["id"] == id) tiles.push_back(box(w["rect"]));
  }
  return tiles;
}

// Every page of categories but the last is as full as the height allows: below its last row
// (up to the pager, else the navigation bar) there is no room for another row. Large text at
// 1280x800 showed one row of tiles a page (issue 12): now at least two there, in both
// languages; every category still on some page, nothing clipped. Screenshots of every page
// go to build/test-output/kiosk/rows_kind_*.
class KioskCategoryRows : public ::testing::TestWithParam<std::tuple<int, int, Mode>> {};

TEST_P(KioskCategoryRows, EveryPageButTheLastIsFull) {
  const auto [w, h, mode] = GetParam();
  for (const std::string language : {"zh", "en"}) {
    const std::string where =
        std::to_string(w) + "x" + std::to_string(h) + mode_suffix(mode) + "_" + language;
    KioskOptions options;
    options.width = w;
    options.height = h;
    options.extra_config = mode_config(mode);
    KioskProcess kiosk(options);
    kiosk.tap("welcome.lang." + language);
    kiosk.tap("welcome.complaint");
    ASSERT_EQ(kiosk.screen(), "kind");
    std::set<std::string> seen;
    for (int page = 1; page <= 20; ++page) {
      const nlohmann::json layout = kiosk.layout();
      const std::string at = where + " page " + std::to_string(page);
      check_layout(layout, at);
      kiosk.screenshot("rows_kind_" + where + "_" + std::to_string(page));
      for (const auto& [id, text] : items(layout, "topic.")) seen.insert(id);
      const std::vector<Box> tiles = tiles_on_page(layout);
      ASSERT_FALSE(tiles.empty()) << at;
      std::set<int> rows;
      for (const Box& t : tiles) rows.insert(t.y);
      const auto next = kiosk.widget("kind.page.next");
      const bool last = !next || !(*next)["tappable"].get<bool>();
      if (!last) {
        const Box pager = box((*kiosk.widget("kind.page.previous"))["rect"]);
        const Box& bottom = tiles.back();
        const int gap = rows.size() > 1 ? *std::next(rows.begin()) - (*rows.begin() + bottom.h) : 0;
        EXPECT_LT(pager.y - (bottom.y + bottom.h), bottom.h + 2 * std::max(gap, 1))
            << at << ": room for another row of tiles is left empty";
        if (w == 1280 && h == 800) {
          EXPECT_GE(rows.size(), 2U) << at << ": one row of tiles a page";
        }
      }
      if (last) break;
      kiosk.tap("kind.page.next");
    }
    EXPECT_EQ(seen, topic_tiles(Taxonomy::defaults(), "complaint")) << where;
  }
}

INSTANTIATE_TEST_SUITE_P(
    SizesAndModes, KioskCategoryRows,
    ::testing::Values(std::tuple{1280, 800, Mode::normal}, std::tuple{1280, 800, Mode::large},
                      std::tuple{1920, 1080, Mode::normal}, std::tuple{1920, 1080, Mode::large},
                      std::tuple{1080, 1920, Mode::normal}, std::tuple{1080, 1920, Mode::large}),
    [](const auto& info) { return size_and_mode_name(info.param); });

INSTANTIATE_TEST_SUITE_P(SizesAndModes, KioskPaging, ::testing::ValuesIn(supported_sizes_and_modes()),
                         [](const auto& info) { return size_and_mode_name(info.param); });

}  // namespace
}  // namespace complaint::test
