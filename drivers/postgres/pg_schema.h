// pg::apply_schema_once: how the desk's PostgreSQL stores make their schema. The statements
// are idempotent (IF NOT EXISTS, OR REPLACE) and once ran at every open, but they take table
// locks even when there is nothing to make (CREATE INDEX IF NOT EXISTS a SHARE lock, CREATE
// TRIGGER a SHARE ROW EXCLUSIVE one), and a desk opening beside one at work deadlocked the
// working desk's writes: its notice worker was the server's victim (NotifyTwoDesks under load,
// 2026-12-06). So each part of the schema runs once per text: the md5 of the text it ran is
// kept in desk_schema_applied, and an open that finds its own text's there takes no lock.
// Internal to drivers/postgres.
#pragma once

#include <functional>
#include <string>

#include "drivers/postgres/pg_session.h"

namespace complaint::pg {

// Runs `apply` in one transaction, unless desk_schema_applied says `text` is what `part` last
// ran (then nothing). `text` is everything `apply` runs, so a release that changes a statement
// applies its part again. While `apply` runs, the session holds the schema's advisory lock
// (one desk at a time; the others then find the digest) and waits at most a short while for
// any table lock (200 ms, below the server's deadlock_timeout): a desk at work never waits
// long for an opening one, and in a deadlock between them the opening one nearly always gives
// up first (the working one can still be ended when its wait began over 800 ms before the
// opening one's). A lock not got in time, or a deadlock, runs the transaction again after a
// pause, up to 10 times.
Result<void> apply_schema_once(Session& session, const std::string& part, const std::string& text,
                               const std::function<Result<void>(Session&)>& apply);

}  // namespace complaint::pg
