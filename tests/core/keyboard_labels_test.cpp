// Every word label on every keyboard layout has a text in both catalogs
// (assets/i18n/{zh-CN,en}.keyboard.toml), so no key is ever blank or shows its key name.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/config/config.h"
#include "core/i18n/catalog.h"
#include "core/input/keyboard_layouts.h"

namespace complaint {
namespace {

std::set<std::string> all_label_keys() {
  const std::vector<KeyboardLayout> all = {KeyboardLayout::pinyin,       KeyboardLayout::english,
                                           KeyboardLayout::digits,       KeyboardLayout::symbols,
                                           KeyboardLayout::handwriting,  KeyboardLayout::phone,
                                           KeyboardLayout::ticket_number};
  std::set<std::string> keys = {"keyboard.page_prev", "keyboard.page_next"};  // the candidate bar's arrows
  for (auto layout : all) {
    for (auto shift : {ShiftState::off, ShiftState::once, ShiftState::locked}) {
      for (const auto& row : keyboard_rows(layout, shift, all)) {
        for (const auto& key : row) {
          if (!key.label_key.empty()) keys.insert(key.label_key);
        }
      }
    }
  }
  return keys;
}

TEST(KeyboardLabelsTest, EveryWordLabelIsInBothCatalogs) {
  const auto keys = all_label_keys();
  ASSERT_GE(keys.size(), 9U);
  for (const char* language : {"zh-CN", "en"}) {
    auto catalog = Catalog::load(assets_dir() + "/i18n", language);
    ASSERT_TRUE(catalog.ok()) << catalog.error().message;
    // A deleted key must fail here, not skip: the catalogs' area files are always read.
    for (const auto& key : keys) EXPECT_TRUE(catalog->has(key)) << language << ": " << key;
  }
}

}  // namespace
}  // namespace complaint
