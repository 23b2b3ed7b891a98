// HelpRequests: the kiosk's side of "Call staff" (core/domain/help_request.h). record() keeps a
// press in the kiosk's file before the screen says anything, so a request is never lost to a
// crash or a desk that is down; the sync round sends the unsent ones (KioskSyncStore::
// pending_help) and marks them when the desk acknowledges them. delivered() is what the help
// screen asks to tell "staff are on their way" from "please go to the counter".
// SqliteKioskSyncStore implements it; FakeHelpRequests beside this file for tests.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/result.h"
#include "core/domain/help_request.h"

namespace complaint {

class HelpRequests {
 public:
  virtual ~HelpRequests() = default;
  virtual Result<HelpRequest> record(const std::string& screen, const std::string& language, Instant at) = 0;
  // Whether the desk has acknowledged request `id`.
  virtual Result<bool> delivered(std::int64_t id) = 0;
};

}  // namespace complaint
