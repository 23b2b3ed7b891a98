// The notification outbox's statements on a SQLite desk file (tables notices and
// notice_deliveries, desk schema version 5), shared by the two connections that write it:
// SqliteTicketStore (filing and console actions) and SqliteDeskStore (synced tickets, the
// delivery worker's NoticeStore). Private to core/store; the caller holds the transaction.
#pragma once

#include <sqlite3.h>

#include <vector>

#include "core/base/result.h"
#include "core/notify/notice.h"

namespace complaint::store {

// Inserts each notice unless one with its key exists (the idempotency key).
Result<void> insert_notices(sqlite3* db, const std::vector<Notice>& notices);
// True when the file has the notices table (a desk file); a kiosk's file has none.
Result<bool> has_notices_table(sqlite3* db);

}  // namespace complaint::store
