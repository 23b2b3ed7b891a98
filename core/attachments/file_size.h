// A file's size as staff read it ("12 KB", "1.5 MB"): the console's attachment list, the
// audit trail's sentence of an upload and the printed record form show the same text.
#pragma once

#include <cstdint>
#include <string>

namespace complaint {

std::string format_size(std::int64_t bytes);

}  // namespace complaint
