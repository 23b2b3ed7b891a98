// The notification outbox on SQLite: insert_notices (sqlite_notices.h) and SqliteDeskStore's
// NoticeStore half. One writer at a time (the file's write lock), so a claim inside
// BEGIN IMMEDIATE cannot hand a notice to two workers.
#include "core/store/sqlite_notices.h"

#include <algorithm>

#include "core/store/sqlite_connection.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/ticket_rows.h"

namespace complaint {

namespace store {

Result<void> insert_notices(sqlite3* db, const std::vector<Notice>& notices) {
  for (const Notice& notice : notices) {
    TRY_ASSIGN(Statement statement,
               Statement::prepare(db,
                                  "INSERT INTO notices (key, ticket_number, reason, department, created_at, "
                                  "next_attempt_at, data_json) VALUES (:key, :n, :reason, :dep, :at, :next, "
                                  ":data) ON CONFLICT (key) DO NOTHING"));
    statement.bind(":key", notice.key).bind(":reason", notice.reason).bind(":data", notice.data_json);
    // A notice about no one ticket (a help request, a digest) references none.
    if (notice.ticket_number.empty()) {
      statement.bind_null(":n");
    } else {
      statement.bind(":n", notice.ticket_number);
    }
    statement.bind(":dep", notice.department).bind(":at", notice.created_at);
    statement.bind(":next", notice.next_attempt_at);
    TRY_VOID(statement.run());
  }
  return Ok{};
}

Result<bool> has_notices_table(sqlite3* db) {
  TRY_ASSIGN(Statement statement,
             Statement::prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'notices'"));
  return statement.step();
}

}  // namespace store

namespace {

using store::Statement;
using store::WriteTransaction;

constexpr const char* kNoticeColumns =
    "id, key, ticket_number, reason, department, created_at, state, attempts, next_attempt_at, last_error, "
    "finished_at, data_json";

Result<Notice> read_notice(const Statement& statement) {
  Notice notice;
  notice.id = statement.column_int64(0);
  notice.key = statement.column_text(1);
  notice.ticket_number = statement.column_text(2);
  notice.reason = statement.column_text(3);
  notice.department = statement.column_text(4);
  notice.created_at = Instant{std::chrono::seconds{statement.column_int64(5)}};
  const auto state = notice_state_from_string(statement.column_text(6));
  if (!state)
    return Error::make(ErrorCode::storage, "notices row with unknown state " + statement.column_text(6));
  notice.state = *state;
  notice.attempts = static_cast<int>(statement.column_int64(7));
  notice.next_attempt_at = Instant{std::chrono::seconds{statement.column_int64(8)}};
  notice.last_error = statement.column_text(9);
  if (const auto finished = statement.column_optional_int64(10))
    notice.finished_at = Instant{std::chrono::seconds{*finished}};
  notice.data_json = statement.column_text(11);
  return notice;
}

Result<std::vector<Notice>> read_notices(Statement& statement) {
  std::vector<Notice> notices;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return notices;
    TRY_ASSIGN(Notice notice, read_notice(statement));
    notices.push_back(std::move(notice));
  }
}

Result<std::vector<NoticeDelivery>> read_deliveries(Statement& statement) {
  std::vector<NoticeDelivery> deliveries;
  while (true) {
    TRY_ASSIGN(const bool row, statement.step());
    if (!row) return deliveries;
    NoticeDelivery delivery;
    delivery.notice_id = statement.column_int64(0);
    delivery.channel = statement.column_text(1);
    delivery.recipient = statement.column_text(2);
    delivery.delivered_at = Instant{std::chrono::seconds{statement.column_int64(3)}};
    delivery.answer = statement.column_text(4);
    deliveries.push_back(std::move(delivery));
  }
}

}  // namespace

Result<std::vector<Notice>> SqliteDeskStore::claim_due(Instant now, Instant lease_until,
                                                       const std::string& worker, int limit) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  TRY_ASSIGN(Statement claim,
             Statement::prepare(db, std::string("UPDATE notices SET claimed_by = :w, claimed_until = :until "
                                                "WHERE id IN (SELECT id FROM notices WHERE state = 'pending' "
                                                "AND next_attempt_at <= :now AND claimed_until <= :now "
                                                "ORDER BY next_attempt_at, id LIMIT :limit) RETURNING ") +
                                        kNoticeColumns));
  claim.bind(":w", worker).bind(":until", lease_until).bind(":now", now).bind(":limit", limit);
  TRY_ASSIGN(std::vector<Notice> claimed, read_notices(claim));
  TRY_VOID(transaction.commit());
  std::sort(claimed.begin(), claimed.end(), [](const Notice& a, const Notice& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return claimed;
}

Result<std::vector<NoticeDelivery>> SqliteDeskStore::deliveries(std::int64_t notice_id) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(),
                         "SELECT notice_id, channel, recipient, delivered_at, answer FROM notice_deliveries "
                         "WHERE notice_id = :id ORDER BY delivered_at, channel, recipient"));
  statement.bind(":id", notice_id);
  return read_deliveries(statement);
}

Result<std::vector<bool>> SqliteDeskStore::add_scheduled(const std::vector<ScheduledNotice>& batch) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  std::vector<bool> added;
  for (const ScheduledNotice& item : batch) {
    TRY_VOID(store::insert_notices(db, {item.notice}));
    added.push_back(sqlite3_changes(db) > 0);
    if (!added.back() || !item.event) continue;
    TRY_ASSIGN(Statement insert, Statement::prepare(db, store::insert_event_sql()));
    store::bind_event(insert, *item.event);
    TRY_VOID(insert.run());
  }
  TRY_VOID(transaction.commit());
  return added;
}

Result<std::vector<bool>> SqliteDeskStore::record_results(const std::string& worker,
                                                          const std::vector<NoticeResult>& results) {
  std::lock_guard lock(m_connection->mutex());
  sqlite3* db = m_connection->db();
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  std::vector<bool> finished;
  for (const NoticeResult& result : results) {
    for (const RecordedDelivery& recorded : result.deliveries) {
      const NoticeDelivery& delivery = recorded.delivery;
      TRY_ASSIGN(Statement insert,
                 Statement::prepare(
                     db,
                     "INSERT INTO notice_deliveries (notice_id, channel, recipient, delivered_at, answer) "
                     "VALUES (:id, :channel, :recipient, :at, :answer) ON CONFLICT DO NOTHING"));
      insert.bind(":id", delivery.notice_id).bind(":channel", delivery.channel);
      insert.bind(":recipient", delivery.recipient).bind(":at", delivery.delivered_at);
      insert.bind(":answer", delivery.answer);
      TRY_VOID(insert.run());
      if (sqlite3_changes(db) == 0 || !recorded.audit) continue;  // recorded before, with its event
      TRY_ASSIGN(Statement event, Statement::prepare(db, store::insert_event_sql()));
      store::bind_event(event, *recorded.audit);
      TRY_VOID(event.run());
    }
    if (!result.outcome) {
      finished.push_back(true);
      continue;
    }
    const NoticeOutcome& outcome = *result.outcome;
    TRY_ASSIGN(Statement update,
               Statement::prepare(
                   db,
                   "UPDATE notices SET state = :state, attempts = :attempts, next_attempt_at = :next, "
                   "last_error = :error, finished_at = :finished, claimed_by = '', claimed_until = 0 "
                   "WHERE id = :id AND claimed_by = :w"));
    update.bind(":state", to_string(outcome.state)).bind(":attempts", outcome.attempts);
    update.bind(":next", outcome.state == NoticeState::pending ? outcome.retry_at : outcome.at);
    update.bind(":error", outcome.error).bind(":id", result.notice_id).bind(":w", worker);
    if (outcome.state == NoticeState::pending) {
      update.bind_null(":finished");
    } else {
      update.bind(":finished", outcome.at);
    }
    TRY_VOID(update.run());
    finished.push_back(sqlite3_changes(db) > 0);
  }
  TRY_VOID(transaction.commit());
  return finished;
}

Result<std::vector<Notice>> SqliteDeskStore::ticket_notices(const std::string& ticket_number) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(), std::string("SELECT ") + kNoticeColumns +
                                                 " FROM notices WHERE ticket_number = :n ORDER BY id"));
  statement.bind(":n", ticket_number);
  return read_notices(statement);
}

Result<std::vector<NoticeDelivery>> SqliteDeskStore::ticket_deliveries(const std::string& ticket_number) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(),
                         "SELECT d.notice_id, d.channel, d.recipient, d.delivered_at, d.answer FROM "
                         "notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.ticket_number = "
                         ":n ORDER BY d.delivered_at, d.notice_id, d.channel, d.recipient"));
  statement.bind(":n", ticket_number);
  return read_deliveries(statement);
}

Result<std::vector<Notice>> SqliteDeskStore::troubled_notices(int limit) {
  std::lock_guard lock(m_connection->mutex());
  TRY_ASSIGN(
      Statement statement,
      Statement::prepare(m_connection->db(), std::string("SELECT ") + kNoticeColumns +
                                                 " FROM notices WHERE state <> 'delivered' AND attempts > 0 "
                                                 "ORDER BY next_attempt_at DESC, id DESC LIMIT :limit"));
  statement.bind(":limit", limit);
  return read_notices(statement);
}

}  // namespace complaint
