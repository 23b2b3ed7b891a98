// read_text_file: a whole (small) configuration or asset file as bytes. Errors are
// ErrorCode::config naming the path, the failing call and errno, because a missing or
// unreadable config file is a deployment problem, not a user's.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint {

// `what` names the file's role in the message, e.g. "config file", "taxonomy file".
Result<std::string> read_text_file(const std::string& path, std::string_view what);

}  // namespace complaint
