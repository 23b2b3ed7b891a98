// check_layout: the rules of layout_checks.h over the widgets of one layout dump.
#include "tests/kiosk/layout_checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace complaint::test {

std::string mode_config(Mode mode) {
  return mode == Mode::large           ? "[kiosk]\nlarge_text = true\n"
         : mode == Mode::high_contrast ? "[kiosk]\nhigh_contrast = true\n"
                                       : "";
}

std::string mode_suffix(Mode mode) {
  return mode == Mode::large ? "L" : mode == Mode::high_contrast ? "H" : "";
}

std::vector<std::tuple<int, int, Mode>> supported_sizes_and_modes() {
  std::vector<std::tuple<int, int, Mode>> all;
  for (Mode mode : {Mode::normal, Mode::large, Mode::high_contrast}) {
    for (auto [w, h] : {std::pair{1280, 800}, std::pair{1920, 1080}, std::pair{1080, 1920}})
      all.emplace_back(w, h, mode);
  }
  return all;
}

std::string size_and_mode_name(const std::tuple<int, int, Mode>& param) {
  const Mode mode = std::get<2>(param);
  return std::to_string(std::get<0>(param)) + "x" + std::to_string(std::get<1>(param)) +
         (mode == Mode::large           ? "_large"
          : mode == Mode::high_contrast ? "_high_contrast"
                                        : "");
}

Box box(const nlohmann::json& r) {
  return {r[0].get<int>(), r[1].get<int>(), r[2].get<int>(), r[3].get<int>()};
}

void check_layout(const nlohmann::json& layout, const std::string& where) {
  const int screen_w = layout["size"][0];
  const int screen_h = layout["size"][1];
  const int min_body = layout["min_body_px"];
  const int min_target = layout["min_target_px"];
  const bool modal = layout["modal"];
  std::vector<std::pair<std::string, Box>> texts;
  std::vector<std::pair<std::string, Box>> targets;  // tappable, visible, on the active layer
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    const Box r = box(w["rect"]);
    const bool hidden = w.value("partly_hidden", false);
    if (!hidden && w["kind"] != "zone") {
      EXPECT_TRUE(r.x >= 0 && r.y >= 0 && r.x + r.w <= screen_w && r.y + r.h <= screen_h)
          << where << ": " << id << " is off screen";
    }
    if (w.value("tappable", false) && !hidden && (!modal || w["layer"] == 1)) {
      EXPECT_GE(std::min(r.w, r.h), min_target) << where << ": " << id << " is smaller than 9 mm";
      targets.emplace_back(id, r);
    }
    if (!w.contains("text_rect") || w.value("text", "").empty()) continue;
    EXPECT_FALSE(w["clipped"].get<bool>()) << where << ": text of " << id << " is clipped: " << w["text"];
    EXPECT_EQ(w["missing_glyphs"].get<int>(), 0) << where << ": " << id << " has glyphs no font has";
    EXPECT_GE(w["font_px"].get<int>(), min_body) << where << ": " << id << " text is below 4.8 mm";
    if (!hidden && w["layer"] == (modal ? 1 : 0)) texts.emplace_back(id, box(w["text_rect"]));
  }
  // A label never lies on a button it does not belong to (e.g. "category.x.label" on "category.x").
  for (const auto& [text_id, text_box] : texts) {
    for (const auto& [target_id, target_box] : targets) {
      if (text_id == target_id || text_id.rfind(target_id + ".", 0) == 0) continue;
      EXPECT_FALSE(text_box.intersects(target_box))
          << where << ": text of " << text_id << " lies on " << target_id;
    }
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      EXPECT_FALSE(texts[i].second.intersects(texts[j].second))
          << where << ": text of " << texts[i].first << " overlaps " << texts[j].first;
    }
  }
  // Nothing is half shown: only the boxes that scroll a long text by design (the consent
  // text, the staff menu's list) may cut a widget at their edge.
  const std::string screen = layout.value("screen", "");
  if (screen != "consent" && screen != "staff_menu") {
    for (const auto& w : layout["widgets"]) {
      EXPECT_FALSE(w.value("partly_hidden", false))
          << where << ": " << w["id"].get<std::string>() << " is cut off at the edge of a scrolling box";
    }
  }
  // The navigation bar: what lies in its band is in the footer by design (the counter
  // between Back and Next), wholly inside it and beside the buttons; content cut off at its
  // edge (a third row of tiles behind it) is not.
  std::vector<Box> nav;
  for (const auto& w : layout["widgets"]) {
    const std::string id = w["id"];
    if (id.rfind("nav.", 0) == 0 && w["layer"] == 0) nav.push_back(box(w["rect"]));
  }
  if (!nav.empty() && !modal) {
    int top = screen_h;
    int bottom = 0;
    for (const Box& b : nav) {
      top = std::min(top, b.y);
      bottom = std::max(bottom, b.y + b.h);
    }
    for (const auto& w : layout["widgets"]) {
      const std::string id = w["id"];
      if (id.rfind("nav.", 0) == 0 || w["layer"] != 0 || w["kind"] == "zone") continue;
      if (w.value("partly_hidden", false)) continue;  // inside a scrolling box, cut by the box
      const Box r = box(w["rect"]);
      if (r.y + r.h <= top || r.y >= bottom) continue;
      EXPECT_TRUE(r.y >= top && r.y + r.h <= bottom)
          << where << ": " << id << " is cut off by the navigation bar";
      for (const Box& b : nav)
        EXPECT_FALSE(r.intersects(b)) << where << ": " << id << " lies on a navigation button";
    }
  }
}

}  // namespace complaint::test
