// The kiosk's own configuration sections: [kiosk] (the touchscreen app) and [pinyin] (its
// keyboard's input method). complaint-kiosk reads them with core's sections in one pass;
// complaintctl reads them too, to check a kiosk's file before it is provisioned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config_file.h"

namespace complaint {

// [pinyin]: the kiosk keyboard's input method (drivers/pinyin). Empty paths: defaults.
struct PinyinConfig {
  // Writable; seeded with the domain words when created.
  std::string user_dictionary = "var/pinyin/user_dict.dat";
  std::string seed_words;         // empty: assets/pinyin/seed_words.txt; "-": none
  std::string system_dictionary;  // empty: Debian's libgooglepinyin0 dictionary
  // Words never offered as pinyin or handwriting candidates (core/input/candidate_block_list.h).
  std::string block_list;  // empty: assets/pinyin/blocked_words.txt; "-": none
  // Surnames that lead a name field's first candidates (core/input/surname_first.h).
  std::string surnames;  // empty: assets/pinyin/surnames.txt; "-": none
};

// [kiosk]: the lobby touchscreen app. Times in seconds.
enum class AddressField { none, address, building_unit };
struct KioskConfig {
  int idle_timeout_seconds = 60;     // no input this long -> "are you still there?"
  int idle_countdown_seconds = 15;   // then this countdown, then every field is wiped
  int staff_idle_seconds = 120;      // staff mode: no input this long -> the same countdown, then it ends
  int done_seconds = 20;             // the done screen's countdown back to the start (the QR code goes)
  int staff_long_press_seconds = 3;  // the hidden corner gesture that opens the PIN pad
  int staff_pin_attempts = 5;        // wrong PINs in a row before staff mode locks...
  int staff_lock_seconds = 300;      // ...for this long
  std::string staff_pin_hash;        // crypt(3) hash ("$y$...", mkpasswd); empty: staff mode off
  std::string language = "zh-CN";    // the welcome screen's language
  bool large_text = false;           // large-text mode at the welcome screen
  bool high_contrast = false;        // the high-contrast theme
  bool voice = false;                // voice mode (语音播报) at the welcome screen
  // Recorded prompts: <dir>/<language>/<catalog key>.wav, played instead of synthesis.
  std::string voice_clips_dir;                      // empty: synthesis only
  AddressField address_field = AddressField::none;  // asked for (and required) on the contact screen
  int screen_dpi = 0;                               // physical density; 0: ask the display, else assume 96
  // This kiosk's station in its tickets' short check codes (core/domain/check_code.h): 1-31,
  // one per kiosk of the site (the desk refuses a second kiosk claiming one). Unset: the
  // kiosk's tickets get no check code (the number still opens their progress).
  std::optional<int> check_code_station;
};

struct KioskSettings {
  KioskConfig kiosk;
  PinyinConfig pinyin;
};

// The readers of [kiosk] and [pinyin], writing into `settings` (which must outlive the parse).
std::vector<ConfigSection> kiosk_config_sections(KioskSettings& settings);

}  // namespace complaint
