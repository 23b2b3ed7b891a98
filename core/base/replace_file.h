// replace_file: writes a whole file so that readers see the old one or the new one, never a
// half-written one (a receipt being printed, a config, a saved report or attachment): the
// bytes go to PATH.partial, are flushed, and are renamed over PATH. On a failure the partial
// file is removed and PATH is untouched.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint {

// Errors are ErrorCode::io naming the path and the failing call ("write", "rename").
Result<void> replace_file(const std::string& path, std::string_view bytes);

}  // namespace complaint
