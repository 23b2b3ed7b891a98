// RFC 4180 CSV for the spreadsheets staff open in Excel: UTF-8 with a byte order mark (Excel
// otherwise guesses GBK and garbles Chinese) and CRLF line ends. The register export and the
// report's CSV both write through this.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace complaint {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A field, quoted when it holds a comma, quote or line break (quotes doubled).
std::string csv_field(std::string_view text);
// The fields joined by commas, ending in CRLF.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace complaint
