// Readers of [kiosk] and [pinyin] (see kiosk_config.h).
#include "kiosk/kiosk_config.h"

#include "core/domain/check_code.h"

namespace complaint {
namespace {

Result<void> read_pinyin(SectionReader& in, PinyinConfig& pinyin) {
  TRY_VOID(in.text("user_dictionary", pinyin.user_dictionary));
  TRY_VOID(in.text("seed_words", pinyin.seed_words));
  TRY_VOID(in.text("block_list", pinyin.block_list));
  TRY_VOID(in.text("surnames", pinyin.surnames));
  return in.text("system_dictionary", pinyin.system_dictionary);
}

Result<void> read_kiosk(SectionReader& in, KioskConfig& kiosk) {
  TRY_VOID(in.integer("idle_timeout_seconds", kiosk.idle_timeout_seconds, 10, 3600));
  TRY_VOID(in.integer("idle_countdown_seconds", kiosk.idle_countdown_seconds, 5, 300));
  TRY_VOID(in.integer("staff_idle_seconds", kiosk.staff_idle_seconds, 10, 3600));
  TRY_VOID(in.integer("done_seconds", kiosk.done_seconds, 5, 300));
  TRY_VOID(in.integer("staff_long_press_seconds", kiosk.staff_long_press_seconds, 1, 30));
  TRY_VOID(in.integer("staff_pin_attempts", kiosk.staff_pin_attempts, 1, 100));
  TRY_VOID(in.integer("staff_lock_seconds", kiosk.staff_lock_seconds, 0, 86400));
  TRY_VOID(in.integer("screen_dpi", kiosk.screen_dpi, 0, 1000));
  TRY_VOID(in.text("staff_pin_hash", kiosk.staff_pin_hash));
  TRY_VOID(in.text("language", kiosk.language));
  if (kiosk.language != "zh-CN" && kiosk.language != "en")
    return in.invalid("language", "must be \"zh-CN\" or \"en\"");
  TRY_VOID(in.boolean("large_text", kiosk.large_text));
  TRY_VOID(in.boolean("high_contrast", kiosk.high_contrast));
  TRY_VOID(in.boolean("voice", kiosk.voice));
  TRY_VOID(in.text("voice_clips_dir", kiosk.voice_clips_dir));
  if (in.has("check_code_station")) {
    int station = 0;
    const auto read = in.integer("check_code_station", station, 1, kCheckCodeStations - 1);
    if (!read.ok()) {
      return in.invalid("check_code_station", "must be 1-31, one per kiosk of the site",
                        "error.config.check_code_station");
    }
    kiosk.check_code_station = station;
  }
  return in.choice("address_field", kiosk.address_field,
                   {{"none", AddressField::none},
                    {"address", AddressField::address},
                    {"building_unit", AddressField::building_unit}});
}

}  // namespace

std::vector<ConfigSection> kiosk_config_sections(KioskSettings& settings) {
  return {
      {"kiosk", [&settings](SectionReader& in) { return read_kiosk(in, settings.kiosk); }},
      {"pinyin", [&settings](SectionReader& in) { return read_pinyin(in, settings.pinyin); }},
  };
}

}  // namespace complaint
