// The store's schema as an ordered list of forward migrations, versioned by
// PRAGMA user_version. Private to core/store. A database newer than the code is refused.
#pragma once

#include <sqlite3.h>

#include "core/base/result.h"

namespace complaint::store {

int latest_schema_version();
Result<int> read_user_version(sqlite3* db);
// Applies the steps from the stored version up to `target` (0: latest) in one
// BEGIN IMMEDIATE transaction, so a crash or a failing step leaves the old version
// intact. Returns the version the database has afterwards.
Result<int> migrate(sqlite3* db, int target);

}  // namespace complaint::store
