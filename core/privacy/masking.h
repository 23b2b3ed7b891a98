// Masking for receipts and public pages (docs/DOMAIN.md §6 信息保密): a name keeps its first
// character (张三 -> 张*), a phone its first 3 and last 4 digits (138****8000), an email its
// first character and its domain (z***@example.com).
// Input is valid UTF-8 (validated at filing); an empty input gives an empty output.
#pragma once

#include <string>
#include <string_view>

namespace complaint {

std::string mask_name(std::string_view name);
std::string mask_phone(std::string_view phone);
std::string mask_email(std::string_view email);

}  // namespace complaint
