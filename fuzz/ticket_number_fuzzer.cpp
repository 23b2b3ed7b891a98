// Fuzzes parse_ticket_number / normalize_ticket_number (typed on the kiosk and the console,
// scanned, and taken from the tracking URL): no input may crash them, and what they accept
// must be a number that formats and parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/domain/ticket_number.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parts = complaint::parse_ticket_number(text);
  const auto normalized = complaint::normalize_ticket_number(text);
  FUZZ_CHECK(parts.ok() == normalized.ok());
  if (!parts.ok()) return 0;
  FUZZ_CHECK(complaint::is_valid_station_code(parts->site_code));
  FUZZ_CHECK(complaint::is_valid_station_code(parts->kiosk_id));
  FUZZ_CHECK(parts->sequence > 0);
  // The canonical spelling is a fixed point: it parses to the same parts and normalises to itself.
  const std::string canonical = complaint::format_ticket_number(*parts);
  FUZZ_CHECK(*normalized == canonical);
  const auto again = complaint::parse_ticket_number(canonical);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->site_code == parts->site_code && again->kiosk_id == parts->kiosk_id &&
             again->local_date == parts->local_date && again->sequence == parts->sequence);
  return 0;
}
