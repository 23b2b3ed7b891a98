// PgDeskStore's NoticeStore half and the staff accounts' contact columns. Exactly once among
// several desks on one database: claim_due takes due rows FOR UPDATE SKIP LOCKED and leases
// them (claimed_by, claimed_until) in one statement, so two desks claiming at once get
// different notices and neither waits for the other; a delivery is recorded under the unique
// (notice, channel, recipient) key with its audit event, in one transaction.
#include <algorithm>

#include "core/domain/ticket_fields.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {

namespace pg {

Result<std::int64_t> insert_notices(Session& session, const std::vector<Notice>& notices) {
  if (notices.empty()) return 0;
  constexpr std::size_t kColumns = 7;
  std::vector<Param> params;
  for (const Notice& notice : notices) {
    // A notice about no one ticket (a help request, a digest) references none.
    const Param ticket = notice.ticket_number.empty() ? Param() : Param(notice.ticket_number);
    params.insert(params.end(),
                  {notice.key, ticket, notice.reason, notice.department, instant_param(notice.created_at),
                   instant_param(notice.next_attempt_at), notice.data_json});
  }
  TRY_ASSIGN(const Rows inserted,
             session.exec("INSERT INTO notices (key, ticket_number, reason, department, created_at, "
                          "next_attempt_at, data_json) VALUES " +
                              value_rows(notices.size(), kColumns) + " ON CONFLICT (key) DO NOTHING",
                          params));
  return inserted.affected();
}

Result<StaffUser> read_user(const Rows& rows, int row) {
  const auto role = role_from_string(rows.text(row, 2));
  if (!role) return Error::make(ErrorCode::storage, "staff_users row with unknown role " + rows.text(row, 2));
  StaffUser user;
  TRY_ASSIGN(user.id, rows.int64(row, 0));
  user.name = rows.text(row, 1);
  user.role = *role;
  user.password_hash = rows.text(row, 3);
  TRY_ASSIGN(const std::int64_t created_at, rows.int64(row, 4));
  user.created_at = Instant{std::chrono::seconds{created_at}};
  user.email = rows.text(row, 5);
  user.im_user_id = rows.text(row, 6);
  auto departments = text_list_from_json(rows.text(row, 7));
  if (!departments) return Error::make(ErrorCode::storage, "staff_users row with unreadable departments");
  user.departments = std::move(*departments);
  user.disabled = rows.text(row, 8) == "t";
  return user;
}

}  // namespace pg

namespace {

constexpr const char* kNoticeColumns =
    "id, key, ticket_number, reason, department, created_at, state, attempts, next_attempt_at, last_error, "
    "finished_at, data_json";

Result<std::vector<Notice>> read_notices(const pg::Rows& rows) {
  std::vector<Notice> notices;
  for (int i = 0; i < rows.size(); ++i) {
    Notice notice;
    TRY_ASSIGN(notice.id, rows.int64(i, 0));
    notice.key = rows.text(i, 1);
    notice.ticket_number = rows.text(i, 2);
    notice.reason = rows.text(i, 3);
    notice.department = rows.text(i, 4);
    TRY_ASSIGN(const std::int64_t created_at, rows.int64(i, 5));
    notice.created_at = Instant{std::chrono::seconds{created_at}};
    const auto state = notice_state_from_string(rows.text(i, 6));
    if (!state) return Error::make(ErrorCode::storage, "notices row with unknown state " + rows.text(i, 6));
    notice.state = *state;
    TRY_ASSIGN(const std::int64_t attempts, rows.int64(i, 7));
    notice.attempts = static_cast<int>(attempts);
    TRY_ASSIGN(const std::int64_t next, rows.int64(i, 8));
    notice.next_attempt_at = Instant{std::chrono::seconds{next}};
    notice.last_error = rows.text(i, 9);
    if (!rows.null(i, 10)) {
      TRY_ASSIGN(const std::int64_t finished, rows.int64(i, 10));
      notice.finished_at = Instant{std::chrono::seconds{finished}};
    }
    notice.data_json = rows.text(i, 11);
    notices.push_back(std::move(notice));
  }
  return notices;
}

Result<std::vector<NoticeDelivery>> read_deliveries(const pg::Rows& rows) {
  std::vector<NoticeDelivery> deliveries;
  for (int i = 0; i < rows.size(); ++i) {
    NoticeDelivery delivery;
    TRY_ASSIGN(delivery.notice_id, rows.int64(i, 0));
    delivery.channel = rows.text(i, 1);
    delivery.recipient = rows.text(i, 2);
    TRY_ASSIGN(const std::int64_t at, rows.int64(i, 3));
    delivery.delivered_at = Instant{std::chrono::seconds{at}};
    delivery.answer = rows.text(i, 4);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

}  // namespace

Result<std::vector<StaffUser>> PgDeskStore::users() {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec(std::string("SELECT ") + pg::kUserColumns +
                                              " FROM staff_users ORDER BY name COLLATE \"C\""));
  std::vector<StaffUser> users;
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(StaffUser user, pg::read_user(rows, i));
    users.push_back(std::move(user));
  }
  return users;
}

Result<bool> PgDeskStore::update_user_contact(const std::string& name, const StaffContact& contact) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec("UPDATE staff_users SET email = $1, im_user_id = $2 WHERE name = $3",
                         {contact.email, contact.im_user_id, name}));
  return rows.affected() > 0;
}

Result<std::vector<Notice>> PgDeskStore::claim_due(Instant now, Instant lease_until,
                                                   const std::string& worker, int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec(std::string("UPDATE notices SET claimed_by = $1, claimed_until = $2 WHERE id IN "
                              "(SELECT id FROM notices WHERE state = 'pending' AND next_attempt_at <= $3 "
                              "AND claimed_until <= $3 ORDER BY next_attempt_at, id LIMIT $4 "
                              "FOR UPDATE SKIP LOCKED) RETURNING ") +
                      kNoticeColumns,
                  {worker, pg::instant_param(lease_until), pg::instant_param(now), std::to_string(limit)}));
  TRY_ASSIGN(std::vector<Notice> claimed, read_notices(rows));
  std::sort(claimed.begin(), claimed.end(), [](const Notice& a, const Notice& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return claimed;
}

Result<std::vector<NoticeDelivery>> PgDeskStore::deliveries(std::int64_t notice_id) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec("SELECT notice_id, channel, recipient, delivered_at, answer FROM notice_deliveries "
                         "WHERE notice_id = $1 ORDER BY delivered_at, channel, recipient",
                         {std::to_string(notice_id)}));
  return read_deliveries(rows);
}

Result<std::vector<bool>> PgDeskStore::add_scheduled(const std::vector<ScheduledNotice>& batch) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(pg::lock_event_order(session));
  std::vector<bool> added;
  for (const ScheduledNotice& item : batch) {
    TRY_ASSIGN(const std::int64_t count, pg::insert_notices(session, {item.notice}));
    added.push_back(count > 0);
    if (added.back() && item.event) TRY_VOID(pg::insert_event(session, *item.event));
  }
  TRY_VOID(transaction.commit());
  return added;
}

Result<std::vector<bool>> PgDeskStore::record_results(const std::string& worker,
                                                      const std::vector<NoticeResult>& results) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  bool events_locked = false;
  std::vector<bool> finished;
  for (const NoticeResult& result : results) {
    for (const RecordedDelivery& recorded : result.deliveries) {
      const NoticeDelivery& delivery = recorded.delivery;
      if (!events_locked) {
        TRY_VOID(pg::lock_event_order(session));
        events_locked = true;
      }
      TRY_ASSIGN(
          const pg::Rows inserted,
          session.exec("INSERT INTO notice_deliveries (notice_id, channel, recipient, delivered_at, answer) "
                       "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                       {std::to_string(delivery.notice_id), delivery.channel, delivery.recipient,
                        pg::instant_param(delivery.delivered_at), delivery.answer}));
      if (inserted.affected() == 0 || !recorded.audit) continue;  // recorded before, with its event
      TRY_VOID(pg::insert_event(session, *recorded.audit));
    }
    if (!result.outcome) {
      finished.push_back(true);
      continue;
    }
    const NoticeOutcome& outcome = *result.outcome;
    const bool pending = outcome.state == NoticeState::pending;
    TRY_ASSIGN(
        const pg::Rows rows,
        session.exec("UPDATE notices SET state = $1, attempts = $2, next_attempt_at = $3, last_error = $4, "
                     "finished_at = $5, claimed_by = '', claimed_until = 0 WHERE id = $6 AND claimed_by = $7",
                     {std::string(to_string(outcome.state)), std::to_string(outcome.attempts),
                      pg::instant_param(pending ? outcome.retry_at : outcome.at), outcome.error,
                      pending ? pg::Param() : pg::instant_param(outcome.at), std::to_string(result.notice_id),
                      worker}));
    finished.push_back(rows.affected() > 0);
  }
  TRY_VOID(transaction.commit());
  return finished;
}

Result<std::vector<Notice>> PgDeskStore::ticket_notices(const std::string& ticket_number) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec(std::string("SELECT ") + kNoticeColumns +
                                                  " FROM notices WHERE ticket_number = $1 ORDER BY id",
                                              {ticket_number}));
  return read_notices(rows);
}

Result<std::vector<NoticeDelivery>> PgDeskStore::ticket_deliveries(const std::string& ticket_number) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("SELECT d.notice_id, d.channel, d.recipient, d.delivered_at, d.answer FROM "
                  "notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.ticket_number = $1 "
                  "ORDER BY d.delivered_at, d.notice_id, d.channel, d.recipient",
                  {ticket_number}));
  return read_deliveries(rows);
}

Result<std::vector<Notice>> PgDeskStore::troubled_notices(int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec(std::string("SELECT ") + kNoticeColumns +
                                                  " FROM notices WHERE state <> 'delivered' AND attempts > 0 "
                                                  "ORDER BY next_attempt_at DESC, id DESC LIMIT $1",
                                              {std::to_string(limit)}));
  return read_notices(rows);
}

}  // namespace complaint
