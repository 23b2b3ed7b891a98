// parse_tracking_url(): recognises a receipt's tracking URL (what a USB HID barcode scanner
// types before Enter) against the configured template with {number} and {token}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace complaint {

struct ScannedReceipt {
  std::string number;
  std::string token;
};

std::optional<ScannedReceipt> parse_tracking_url(std::string_view url_template, std::string_view text);

}  // namespace complaint
