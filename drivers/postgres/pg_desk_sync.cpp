// PgDeskStore's DeskRepository half: synced batches (idempotent on kiosk and outbox id),
// the change feed back to kiosks, registry, nonces, staff and the console queue. The sync
// rules are core/sync/desk_sync_batch.cpp; this file holds their statements (the port),
// as core/store/sqlite_desk_store.cpp does for SQLite.

#include "core/deadlines/pending_deadlines_sql.h"
#include "core/domain/ticket_fields.h"
#include "core/store/check_code_stations_sql.h"
#include "core/store/desk_tables.h"
#include "core/sync/desk_sync_batch.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/postgres/pg_groups.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {

namespace {

constexpr const char* kOpen = "status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back')";

// The statements of store_sync_batch and read_change_feed (core/sync/desk_sync_batch.h) on
// the session, inside the transaction the caller holds. Two ways save round trips: a caller
// that marked the kiosk synced already (its row lock is the batch's per-kiosk lock) says so
// with `kiosk_marked`; a `combined_feed` port reads the feed's events and its horizon in one
// statement (one snapshot without a transaction).
class PgDeskSyncPort final : public DeskSyncPort {
 public:
  explicit PgDeskSyncPort(pg::Session& session, bool kiosk_marked = false, bool combined_feed = false)
      : m_session(session), m_kiosk_marked(kiosk_marked), m_combined_feed(combined_feed), m_groups(session) {}

  GroupComplaintPort& groups() override { return m_groups; }

  Result<std::set<std::int64_t>> held_items(const std::string& kiosk_id,
                                            const std::vector<std::int64_t>& outbox_ids) override {
    std::vector<pg::Param> params{kiosk_id};
    for (const std::int64_t outbox_id : outbox_ids) params.emplace_back(std::to_string(outbox_id));
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("SELECT outbox_id FROM synced_items WHERE kiosk_id = $1 AND outbox_id IN (" +
                                  pg::placeholders(outbox_ids.size(), 2) + ")",
                              params));
    std::set<std::int64_t> held;
    for (int i = 0; i < rows.size(); ++i) {
      TRY_ASSIGN(const std::int64_t outbox_id, rows.int64(i, 0));
      held.insert(outbox_id);
    }
    return held;
  }

  Result<std::map<std::string, Ticket>> find_tickets(const std::vector<std::string>& numbers) override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("SELECT " + pg::ticket_columns() + " FROM tickets WHERE number IN (" +
                                  pg::placeholders(numbers.size()) + ")",
                              {numbers.begin(), numbers.end()}));
    std::map<std::string, Ticket> found;
    for (int i = 0; i < rows.size(); ++i) {
      TRY_ASSIGN(Ticket ticket, pg::read_ticket(rows, i));
      std::string number = ticket.number;
      found.emplace(std::move(number), std::move(ticket));
    }
    return found;
  }

  Result<std::string> kiosk_site(const std::string& kiosk_id) override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec("SELECT t.site_code FROM synced_items s JOIN tickets t ON t.number = "
                              "s.ticket_number WHERE s.kiosk_id = $1 ORDER BY s.outbox_id LIMIT 1",
                              {kiosk_id}));
    return rows.size() > 0 ? rows.text(0, 0) : std::string();
  }

  Result<std::string> claim_check_code_station(const std::string& site_code, int station,
                                               const std::string& kiosk_id) override {
    const std::string number = std::to_string(station);
    TRY_VOID(m_session.exec(store::check_code_station_claim_sql(SqlDialect::postgres),
                            {site_code, number, kiosk_id}));
    TRY_ASSIGN(const pg::Rows rows, m_session.exec(store::check_code_station_holder_sql(SqlDialect::postgres),
                                                   {site_code, number}));
    if (rows.size() == 0) return Error::make(ErrorCode::storage, "the check code station claim left no row");
    return rows.text(0, 0);
  }

  Result<std::set<std::string>> desk_changed(const std::vector<std::string>& numbers) override {
    TRY_ASSIGN(const pg::Rows rows,
               m_session.exec(
                   "SELECT DISTINCT ticket_number FROM events WHERE NOT kiosk_made AND ticket_number IN (" +
                       pg::placeholders(numbers.size()) + ")",
                   {numbers.begin(), numbers.end()}));
    std::set<std::string> changed;
    for (int i = 0; i < rows.size(); ++i) changed.insert(rows.text(i, 0));
    return changed;
  }

  Result<void> insert_tickets(const std::vector<Ticket>& tickets) override {
    std::vector<pg::Param> params;
    for (const Ticket& ticket : tickets) {
      std::vector<pg::Param> row = pg::ticket_params(ticket);
      params.insert(params.end(), std::make_move_iterator(row.begin()), std::make_move_iterator(row.end()));
    }
    TRY_VOID(m_session.exec(pg::insert_tickets_sql(tickets.size()), params));
    return Ok{};
  }

  Result<void> insert_notices(const std::vector<Notice>& notices) override {
    TRY_VOID(pg::insert_notices(m_session, notices));
    return Ok{};
  }

  Result<void> update_ticket(const Ticket& ticket, std::int64_t revision) override {
    TRY_VOID(m_session.exec(pg::update_ticket_sql(), pg::update_params(ticket, ticket.number, revision)));
    return Ok{};
  }

  Result<std::vector<std::int64_t>> insert_kiosk_events(const std::vector<TicketEvent>& events) override {
    return pg::insert_kiosk_events(m_session, events);
  }

  Result<void> record_items(const std::string& kiosk_id, const std::vector<RecordedItem>& items,
                            Instant at) override {
    constexpr std::size_t kColumns = 6;
    std::vector<pg::Param> params;
    params.reserve(items.size() * kColumns);
    for (const RecordedItem& row : items) {
      const SyncItem& item = *row.item;
      params.emplace_back(kiosk_id);
      params.emplace_back(std::to_string(item.outbox_id));
      params.emplace_back(item.ticket_number);
      params.emplace_back(std::string(to_string(item.kind)));
      params.push_back(row.desk_event_id ? pg::Param(std::to_string(*row.desk_event_id)) : pg::Param());
      params.push_back(pg::instant_param(at));
    }
    TRY_VOID(
        m_session.exec("INSERT INTO synced_items (kiosk_id, outbox_id, ticket_number, kind, desk_event_id, "
                       "received_at) VALUES " +
                           pg::value_rows(items.size(), kColumns),
                       params));
    return Ok{};
  }

  Result<void> insert_help_requests(const std::string& kiosk_id, const std::vector<HelpRequest>& requests,
                                    Instant at) override {
    constexpr std::size_t kColumns = 6;
    std::vector<pg::Param> params;
    params.reserve(requests.size() * kColumns);
    for (const HelpRequest& request : requests) {
      params.emplace_back(kiosk_id);
      params.emplace_back(std::to_string(request.id));
      params.emplace_back(request.screen);
      params.emplace_back(request.language);
      params.push_back(pg::instant_param(request.requested_at));
      params.push_back(pg::instant_param(at));
    }
    TRY_VOID(
        m_session.exec("INSERT INTO help_requests (kiosk_id, kiosk_request_id, screen, language, "
                       "requested_at, received_at) VALUES " +
                           pg::value_rows(requests.size(), kColumns) +
                           " ON CONFLICT (kiosk_id, kiosk_request_id) DO NOTHING",
                       params));
    return Ok{};
  }

  Result<void> mark_kiosk_synced(const std::string& kiosk_id, Instant at) override {
    if (m_kiosk_marked) return Ok{};
    return mark_kiosk(m_session, kiosk_id, at);
  }

  static Result<void> mark_kiosk(pg::Session& session, const std::string& kiosk_id, Instant at) {
    TRY_VOID(session.exec("UPDATE kiosks SET last_sync_at = $1 WHERE kiosk_id = $2",
                          {pg::instant_param(at), kiosk_id}));
    return Ok{};
  }

  Result<std::vector<TicketEvent>> desk_events_after(const std::string& kiosk_id, std::int64_t cursor,
                                                     int limit) override {
    // Desk-made events only (events_made_at_desk, a partial index): the kiosk-made ones are
    // most of the table and never in a feed.
    const std::string events =
        "SELECT " + pg::event_columns() +
        " FROM events WHERE NOT kiosk_made AND id > $1 AND EXISTS (SELECT 1 FROM tickets t WHERE t.number = "
        "events.ticket_number AND t.kiosk_id = $2) ORDER BY id LIMIT $3";
    const std::vector<pg::Param> params{std::to_string(cursor), kiosk_id, std::to_string(limit)};
    // The combined form has the horizon in the first column of every row (one row with no
    // event when none is left): one statement, so one snapshot for both.
    const int first_column = m_combined_feed ? 1 : 0;
    auto fetched = m_combined_feed
                       ? m_session.exec(std::string(kHorizonCte) +
                                            "SELECT h.id, e.* FROM horizon h LEFT JOIN LATERAL (" + events +
                                            ") e ON true ORDER BY e.id",
                                        params)
                       : m_session.exec(events, params);
    if (!fetched.ok()) return fetched.error();
    const pg::Rows& rows = *fetched;
    if (m_combined_feed && rows.size() > 0) {
      TRY_ASSIGN(m_horizon, rows.int64(0, 0));
    }
    std::vector<TicketEvent> found;
    for (int i = 0; i < rows.size(); ++i) {
      if (rows.null(i, first_column)) continue;  // the combined form's row without an event
      TRY_ASSIGN(TicketEvent event, pg::read_event(rows, i, first_column));
      found.push_back(std::move(event));
    }
    return found;
  }

  // Desk-made events commit in id order (lock_event_order), so one still being written has a
  // larger id than the newest committed. Kiosk-made events commit in any order, but no feed
  // shows them, so the horizon ignores them.
  Result<std::int64_t> feed_horizon() override {
    if (m_horizon) return *m_horizon;
    TRY_ASSIGN(const pg::Rows newest, m_session.exec(std::string(kHorizonCte) + "SELECT id FROM horizon"));
    return newest.int64(0, 0);
  }

 private:
  static constexpr const char* kHorizonCte =
      "WITH horizon AS (SELECT coalesce(max(id), 0) AS id FROM events WHERE NOT kiosk_made) ";

  pg::Session& m_session;
  bool m_kiosk_marked;
  bool m_combined_feed;
  std::optional<std::int64_t> m_horizon;  // read with the events by the combined form
  pg::PgGroupPort m_groups;
};

constexpr const char* kKioskColumns = "kiosk_id, public_key, shared_key, created_at, last_sync_at";

pg::Param text_or_null(const std::string& text) {
  return text.empty() ? pg::Param() : pg::Param(text);
}

Result<KioskRecord> read_kiosk(const pg::Rows& rows, int row) {
  KioskRecord kiosk;
  kiosk.kiosk_id = rows.text(row, 0);
  kiosk.keys.public_key_hex = rows.optional_text(row, 1).value_or("");
  kiosk.keys.shared_key_hex = rows.optional_text(row, 2).value_or("");
  TRY_ASSIGN(const std::int64_t created_at, rows.int64(row, 3));
  kiosk.created_at = Instant{std::chrono::seconds{created_at}};
  if (!rows.null(row, 4)) {
    TRY_ASSIGN(const std::int64_t last_sync_at, rows.int64(row, 4));
    kiosk.last_sync_at = Instant{std::chrono::seconds{last_sync_at}};
  }
  return kiosk;
}

}  // namespace

Result<StoredBatch> PgDeskStore::store_synced(const SyncBatch& batch, Instant at) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  if (batch.items.empty() && batch.help_requests.empty()) {
    // A kiosk's poll with nothing to send: store_sync_batch only marks the kiosk synced, one
    // statement, so no transaction or lock (3 round trips of 4 saved on most requests).
    PgDeskSyncPort port(session);
    return store_sync_batch(port, batch, at);
  }
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  // One batch per kiosk at a time, so two desks behind a balancer cannot both add an item:
  // marking the kiosk synced first locks its row until the commit (and saves the statement
  // at the end). No lock_event_order: a kiosk's events are never in a feed (see
  // feed_horizon), so batches of different kiosks run in parallel on every desk.
  TRY_VOID(PgDeskSyncPort::mark_kiosk(session, batch.kiosk_id, at));
  PgDeskSyncPort port(session, /*kiosk_marked=*/true);
  TRY_ASSIGN(StoredBatch stored, store_sync_batch(port, batch, at, group_policy()));
  TRY_VOID(transaction.commit());
  return stored;
}

Result<ChangeFeed> PgDeskStore::changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                                  int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  {
    // Most answers carry nothing: the events and the horizon in one statement, no
    // transaction (one round trip instead of four).
    PgDeskSyncPort quick(session, false, /*combined_feed=*/true);
    TRY_ASSIGN(ChangeFeed feed, read_change_feed(quick, kiosk_id, cursor, limit));
    if (feed.updates.empty()) return feed;
  }
  // Events to send: read again with their tickets, all in one snapshot (REPEATABLE READ), so
  // a ticket's state is never ahead of the events sent with it.
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin_snapshot(session));
  PgDeskSyncPort port(session);
  TRY_ASSIGN(ChangeFeed feed, read_change_feed(port, kiosk_id, cursor, limit));
  TRY_VOID(transaction.commit());
  return feed;
}

Result<void> PgDeskStore::add_kiosk(const KioskRecord& kiosk) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_VOID(
      lease->exec("INSERT INTO kiosks (kiosk_id, public_key, shared_key, created_at) VALUES ($1, $2, $3, $4)",
                  {kiosk.kiosk_id, text_or_null(kiosk.keys.public_key_hex),
                   text_or_null(kiosk.keys.shared_key_hex), pg::instant_param(kiosk.created_at)}));
  return Ok{};
}

Result<bool> PgDeskStore::replace_kiosk_key(const std::string& kiosk_id, const std::string& public_key_hex) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  // The old row version stays in the table's files until VACUUM reuses its space (and in
  // WAL archives): docs/SYNC.md §2 says what re-keying is for.
  TRY_ASSIGN(const pg::Rows changed,
             lease->exec("UPDATE kiosks SET public_key = $1, shared_key = NULL WHERE kiosk_id = $2 "
                         "RETURNING kiosk_id",
                         {public_key_hex, kiosk_id}));
  return changed.size() > 0;
}

Result<std::optional<KioskRecord>> PgDeskStore::find_kiosk(const std::string& kiosk_id) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec(std::string("SELECT ") + kKioskColumns + " FROM kiosks WHERE kiosk_id = $1", {kiosk_id}));
  if (rows.size() == 0) return std::optional<KioskRecord>();
  TRY_ASSIGN(KioskRecord kiosk, read_kiosk(rows, 0));
  return std::optional<KioskRecord>(std::move(kiosk));
}

Result<std::vector<KioskRecord>> PgDeskStore::kiosks() {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec(std::string("SELECT ") + kKioskColumns + " FROM kiosks ORDER BY kiosk_id"));
  std::vector<KioskRecord> kiosks;
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(KioskRecord kiosk, read_kiosk(rows, i));
    kiosks.push_back(std::move(kiosk));
  }
  return kiosks;
}

Result<void> PgDeskStore::remember_nonce(const std::string& kiosk_id, const std::string& nonce, Instant at,
                                         Instant forget_before) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  // One statement, so one round trip and one commit: the old nonces go in the same
  // transaction the new one is written in.
  auto inserted = lease->exec(
      "WITH forgotten AS (DELETE FROM sync_nonces WHERE seen_at < $4) "
      "INSERT INTO sync_nonces (kiosk_id, nonce, seen_at) VALUES ($1, $2, $3)",
      {kiosk_id, nonce, pg::instant_param(at), pg::instant_param(forget_before)});
  if (!inserted.ok()) return replay_error(inserted.error(), kiosk_id, nonce);
  return Ok{};
}

Result<StaffUser> PgDeskStore::add_user(const StaffUser& user) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("INSERT INTO staff_users (name, role, password_hash, created_at, email, im_user_id, "
                  "departments, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                  {user.name, std::string(to_string(user.role)), user.password_hash,
                   pg::instant_param(user.created_at), user.email, user.im_user_id,
                   text_list_to_json(user.departments), std::string(user.disabled ? "true" : "false")}));
  StaffUser stored = user;
  TRY_ASSIGN(stored.id, rows.int64(0, 0));
  return stored;
}

Result<std::optional<StaffUser>> PgDeskStore::find_user(const std::string& name) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec(std::string("SELECT ") + pg::kUserColumns + " FROM staff_users WHERE name = $1", {name}));
  if (rows.size() == 0) return std::optional<StaffUser>();
  TRY_ASSIGN(StaffUser user, pg::read_user(rows, 0));
  return std::optional<StaffUser>(std::move(user));
}

Result<bool> PgDeskStore::update_user(const StaffUser& user) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec("UPDATE staff_users SET role = $1, password_hash = $2, departments = $3, disabled = $4 "
                  "WHERE name = $5 RETURNING id",
                  {std::string(to_string(user.role)), user.password_hash, text_list_to_json(user.departments),
                   std::string(user.disabled ? "true" : "false"), user.name}));
  return rows.size() > 0;
}

Result<DeskQueuePage> PgDeskStore::queue(const DeskQueueQuery& query) {
  std::vector<pg::Param> params;
  const auto param = [&params](pg::Param value) {
    params.push_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  std::string where = std::string(" WHERE ") + kOpen;
  if (query.status) where += " AND status = " + param(std::string(to_string(*query.status)));
  if (!query.category.empty()) where += " AND category = " + param(query.category);
  if (!query.department.empty()) where += " AND department = " + param(query.department);
  if (query.major) where += " AND major = " + param(std::string(*query.major ? "true" : "false"));
  if (query.group) where += " AND group_complaint = " + param(std::string(*query.group ? "true" : "false"));
  if (query.departments_in) {
    // No department at all: nothing (a handler whose account names none sees no ticket).
    if (query.departments_in->empty()) where += " AND false";
    for (std::size_t i = 0; i < query.departments_in->size(); ++i) {
      where += (i ? ", " : " AND department IN (") + param((*query.departments_in)[i]);
    }
    if (!query.departments_in->empty()) where += ")";
  }
  for (const std::string& kind : query.hidden_kinds) where += " AND kind <> " + param(kind);
  for (const std::string& category : query.hidden_categories) where += " AND category <> " + param(category);
  const std::string deadline = next_deadline_sql(SqlDialect::postgres);  // NULL: nothing due

  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin_snapshot(session));
  DeskQueuePage page;
  std::vector<pg::Param> count_params = params;
  count_params.push_back(pg::instant_param(query.now));
  const std::string now = "$" + std::to_string(count_params.size());
  TRY_ASSIGN(const pg::Rows counts, session.exec("SELECT count(*), count(*) FILTER (WHERE " + deadline +
                                                     " < " + now + ") FROM tickets" + where,
                                                 count_params));
  TRY_ASSIGN(page.total, counts.int64(0, 0));
  TRY_ASSIGN(page.overdue, counts.int64(0, 1));
  std::vector<pg::Param> row_params = params;
  row_params.push_back(std::to_string(query.limit));
  TRY_ASSIGN(
      const pg::Rows rows,
      session.exec("SELECT " + pg::ticket_columns() + " FROM tickets" + where + " ORDER BY " + deadline +
                       " NULLS LAST, number COLLATE \"C\" LIMIT $" + std::to_string(row_params.size()),
                   row_params));
  for (int i = 0; i < rows.size(); ++i) {
    TRY_ASSIGN(Ticket ticket, pg::read_ticket(rows, i));
    page.tickets.push_back(std::move(ticket));
  }
  TRY_ASSIGN(
      const pg::Rows departments,
      session.exec(
          std::string("SELECT DISTINCT department COLLATE \"C\" FROM tickets WHERE department <> '' AND ") +
          kOpen + " ORDER BY 1"));
  for (int i = 0; i < departments.size(); ++i) page.departments.push_back(departments.text(i, 0));
  TRY_VOID(transaction.commit());
  return page;
}

Result<std::vector<DeskHelpRequest>> PgDeskStore::open_help_requests(int limit) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec("SELECT id, kiosk_id, kiosk_request_id, screen, language, requested_at, received_at "
                         "FROM help_requests WHERE attended_at IS NULL ORDER BY id LIMIT $1",
                         {std::to_string(limit > 0 ? limit : 1000000)}));
  std::vector<DeskHelpRequest> open;
  for (int i = 0; i < rows.size(); ++i) {
    DeskHelpRequest help;
    TRY_ASSIGN(help.id, rows.int64(i, 0));
    help.kiosk_id = rows.text(i, 1);
    TRY_ASSIGN(help.request.id, rows.int64(i, 2));
    help.request.screen = rows.text(i, 3);
    help.request.language = rows.text(i, 4);
    TRY_ASSIGN(const std::int64_t requested, rows.int64(i, 5));
    TRY_ASSIGN(const std::int64_t received, rows.int64(i, 6));
    help.request.requested_at = Instant{std::chrono::seconds{requested}};
    help.received_at = Instant{std::chrono::seconds{received}};
    open.push_back(std::move(help));
  }
  return open;
}

Result<bool> PgDeskStore::attend_help_request(std::int64_t id, const std::string& staff, Instant at) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows, lease->exec("UPDATE help_requests SET attended_at = $1, attended_by = $2 "
                                              "WHERE id = $3 AND attended_at IS NULL",
                                              {pg::instant_param(at), staff, std::to_string(id)}));
  return rows.affected() > 0;
}

Result<std::int64_t> PgDeskStore::count_rows(const std::string& table) {
  for (const char* known : store::k_countable_desk_tables) {
    if (table == known) {
      const pg::SessionPool::Lease lease = m_pool->lease();
      TRY_ASSIGN(const pg::Rows rows, lease->exec(std::string("SELECT count(*) FROM ") + known));
      return rows.int64(0, 0);
    }
  }
  return Error::invalid("table", "error.table.unknown", "no table '" + table + "'");
}

}  // namespace complaint
