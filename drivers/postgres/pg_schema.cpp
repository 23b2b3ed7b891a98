#include "drivers/postgres/pg_schema.h"

#include <chrono>
#include <thread>

namespace complaint::pg {
namespace {

// 7171001 is the schema's advisory lock key (pg_ticket_store.cpp names the others).
constexpr const char* kLockSchema = "SELECT pg_advisory_xact_lock(7171001)";
constexpr const char* kAppliedTable =
    "CREATE TABLE IF NOT EXISTS desk_schema_applied (part TEXT PRIMARY KEY, digest TEXT NOT NULL, "
    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";
// Below the server's deadlock_timeout (1 s by default), so that when an opening desk and a
// working one wait for each other, the opening one gives up first and the working one's
// statement goes through.
constexpr const char* kLockTimeout = "SET LOCAL lock_timeout = '200ms'";
constexpr int kAttempts = 10;

Result<bool> applied(Session& session, const std::string& part, const std::string& text) {
  TRY_ASSIGN(const Rows table, session.exec("SELECT to_regclass('desk_schema_applied') IS NOT NULL"));
  if (table.text(0, 0) != "t") return false;
  TRY_ASSIGN(
      const Rows rows,
      session.exec("SELECT 1 FROM desk_schema_applied WHERE part = $1 AND digest = md5($2)", {part, text}));
  return rows.size() > 0;
}

Result<void> apply_in_transaction(Session& session, const std::string& part, const std::string& text,
                                  const std::function<Result<void>(Session&)>& apply) {
  TRY_ASSIGN(Transaction transaction, Transaction::begin(session));
  TRY_VOID(session.exec(kLockSchema));
  TRY_ASSIGN(const bool done, applied(session, part, text));  // by a desk this one waited for
  if (done) return transaction.commit();
  TRY_VOID(session.exec(kLockTimeout));
  TRY_VOID(apply(session));
  TRY_VOID(session.exec(kAppliedTable));
  TRY_VOID(
      session.exec("INSERT INTO desk_schema_applied (part, digest) VALUES ($1, md5($2)) "
                   "ON CONFLICT (part) DO UPDATE SET digest = excluded.digest, applied_at = now()",
                   {part, text}));
  return transaction.commit();
}

}  // namespace

Result<void> apply_schema_once(Session& session, const std::string& part, const std::string& text,
                               const std::function<Result<void>(Session&)>& apply) {
  TRY_ASSIGN(const bool done, applied(session, part, text));
  if (done) return Ok{};
  for (int attempt = 1;; ++attempt) {
    Result<void> made = apply_in_transaction(session, part, text, apply);
    if (made.ok()) return Ok{};
    // 40P01 deadlock_detected, 55P03 lock_not_available (lock_timeout passed).
    const bool again = has_sqlstate(made.error(), "40P01") || has_sqlstate(made.error(), "55P03");
    if (!again || attempt == kAttempts) return made.error();
    std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
  }
}

}  // namespace complaint::pg
