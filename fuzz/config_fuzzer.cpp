// Fuzzes the configuration reader (core/config/config_file.h, Config::parse) with every
// section a deployment's file may hold: core's, [kiosk] and [pinyin], [desk], and core's keys
// of [printer]. Whatever the file says, the result is a Config or a config error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config/config.h"
#include "core/domain/ticket_number.h"
#include "core/printing/printer_config.h"
#include "desk/desk_config.h"
#include "fuzz/fuzz_check.h"
#include "kiosk/kiosk_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace complaint;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  KioskSettings kiosk;
  DeskConfig desk;
  PrinterConfig printer;
  const std::vector<ConfigSection> printer_section = {
      {"printer", [&printer](SectionReader& in) { return read_printer_config(in, printer); }}};
  const auto config = Config::parse(
      text, joined_sections({kiosk_config_sections(kiosk), desk_config_sections(desk), printer_section}));
  if (!config.ok()) {
    FUZZ_CHECK(config.error().code == ErrorCode::config);
    return 0;
  }
  FUZZ_CHECK(is_valid_station_code(config->site.code) && is_valid_station_code(config->site.kiosk_id));
  return 0;
}
