// Tracking tokens: 120 random bits from the OS CSPRNG (getrandom), RFC 4648 base32
// without padding (24 characters). The tracking URL is built from the configured
// template with {number} and {token} placeholders.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint {

Result<std::string> new_tracking_token();
bool is_well_formed_tracking_token(std::string_view token);
// Compares in time independent of where the strings differ (forged-QR lookups).
bool constant_time_equal(std::string_view a, std::string_view b);
std::string tracking_url(std::string_view url_template, std::string_view number, std::string_view token);

}  // namespace complaint
