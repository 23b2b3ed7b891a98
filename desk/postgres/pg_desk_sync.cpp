// PgDeskStore's DeskRepository half: synced batches (idempotent on kiosk and outbox id),
// the change feed back to kiosks, registry, nonces, staff and the console queue. The rules
// are those of core/store/sqlite_desk_store.cpp, statement for statement.
#include <map>

#include "core/deadlines/pending_deadlines_sql.h"
#include "desk/postgres/pg_desk_store.h"
#include "desk/postgres/pg_session.h"

namespace complaint {

namespace {

constexpr const char* kOpen = "status IN ('filed', 'forwarded', 'in_progress', 'replied', 'called_back')";
constexpr const char* kCountableTables[] = {"tickets",     "events",       "outbox",     "kiosks",
                                            "sync_nonces", "synced_items", "staff_users"};

Result<std::optional<Ticket>> find_ticket(pg::Session& session, const std::string& number) {
  TRY_ASSIGN(const pg::Rows rows,
             session.exec("SELECT " + pg::ticket_columns() + " FROM tickets WHERE number = $1", {number}));
  if (rows.size() == 0) return std::optional<Ticket>();
  TRY_ASSIGN(Ticket ticket, pg::read_ticket(rows, 0));
  return std::optional<Ticket>(std::move(ticket));
}

KioskRecord read_kiosk(const pg::Rows& rows, int row) {
  KioskRecord kiosk;
  kiosk.kiosk_id = rows.text(row, 0);
  kiosk.key_hex = rows.text(row, 1);
  kiosk.created_at = Instant{std::chrono::seconds{rows.int64(row, 2)}};
  if (!rows.null(row, 3)) kiosk.last_sync_at = Instant{std::chrono::seconds{rows.int64(row, 3)}};
  return kiosk;
}

}  // namespace

Result<StoredBatch> PgDeskStore::store_synced(const SyncBatch& batch, Instant at) {
  std::map<std::string, const Ticket*> snapshots;
  for (const Ticket& ticket : batch.tickets) snapshots[ticket.number] = &ticket;
  std::lock_guard lock(m_session->mutex());
  pg::Session& session = *m_session;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  // One batch per kiosk at a time, so two desks behind a balancer cannot both add an item.
  TRY_VOID(session.exec("SELECT pg_advisory_xact_lock(hashtext($1))", {batch.kiosk_id}));
  TRY_VOID(pg::lock_event_order(session));  // after the kiosk's lock, always in this order
  StoredBatch stored;
  std::map<std::string, bool> snapshot_written;
  for (const SyncItem& item : batch.items) {
    stored.acknowledged.push_back(item.outbox_id);
    TRY_ASSIGN(const pg::Rows held,
               session.exec("SELECT 1 FROM synced_items WHERE kiosk_id = $1 AND outbox_id = $2",
                            {batch.kiosk_id, std::to_string(item.outbox_id)}));
    if (held.size() > 0) {
      ++stored.duplicates;
      continue;
    }
    const auto snapshot = snapshots.find(item.ticket_number);
    if (snapshot == snapshots.end()) {
      return item_without_ticket_error(item.ticket_number);
    }
    if (!snapshot_written[item.ticket_number]) {
      TRY_ASSIGN(const std::optional<Ticket> current, find_ticket(session, item.ticket_number));
      if (current && current->kiosk_id != batch.kiosk_id) {
        return foreign_ticket_error(item.ticket_number);
      }
      if (!current) {
        Ticket fresh = *snapshot->second;
        fresh.revision = 1;
        TRY_VOID(session.exec(pg::insert_ticket_sql(), pg::ticket_params(fresh)));
        ++stored.tickets_added;
      } else {
        // Desk-owned once the desk itself added an event (an event no kiosk sent).
        TRY_ASSIGN(
            const pg::Rows desk_owned,
            session.exec("SELECT 1 FROM events e WHERE e.ticket_number = $1 AND NOT EXISTS (SELECT 1 FROM "
                         "synced_items s WHERE s.desk_event_id = e.id) LIMIT 1",
                         {item.ticket_number}));
        if (desk_owned.size() == 0) {
          TRY_VOID(session.exec(pg::update_ticket_sql(),
                                pg::update_params(*snapshot->second, item.ticket_number, current->revision)));
        }
      }
      snapshot_written[item.ticket_number] = true;
    }
    pg::Param desk_event_id;
    if (item.event) {
      TicketEvent event = *item.event;
      event.ticket_number = item.ticket_number;
      TRY_ASSIGN(const std::int64_t id, pg::insert_event(session, event));
      desk_event_id = std::to_string(id);
      ++stored.events_added;
    }
    TRY_VOID(
        session.exec("INSERT INTO synced_items (kiosk_id, outbox_id, ticket_number, kind, desk_event_id, "
                     "received_at) VALUES ($1, $2, $3, $4, $5, $6)",
                     {batch.kiosk_id, std::to_string(item.outbox_id), item.ticket_number,
                      std::string(to_string(item.kind)), desk_event_id, pg::instant_param(at)}));
  }
  TRY_VOID(session.exec("UPDATE kiosks SET last_sync_at = $1 WHERE kiosk_id = $2",
                        {pg::instant_param(at), batch.kiosk_id}));
  TRY_VOID(transaction.commit());
  return stored;
}

Result<ChangeFeed> PgDeskStore::changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                                  int limit) {
  std::lock_guard lock(m_session->mutex());
  pg::Session& session = *m_session;
  // REPEATABLE READ: one snapshot for the events and the "nothing left" cursor below.
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(session.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  TRY_ASSIGN(
      const pg::Rows rows,
      session.exec("SELECT " + pg::event_columns() +
                       " FROM events WHERE id > $1 AND EXISTS (SELECT 1 FROM tickets t WHERE t.number = "
                       "events.ticket_number AND t.kiosk_id = $2) AND NOT EXISTS (SELECT 1 FROM synced_items "
                       "s WHERE s.desk_event_id = events.id) ORDER BY id LIMIT $3",
                   {std::to_string(cursor), kiosk_id, std::to_string(limit + 1)}));
  ChangeFeed feed;
  feed.cursor = cursor;
  std::map<std::string, std::size_t> update_of;
  for (int i = 0; i < rows.size(); ++i) {
    if (i == limit) {
      feed.more = true;
      break;
    }
    TicketEvent event = pg::read_event(rows, i);
    feed.cursor = event.id;
    auto [slot, added] = update_of.try_emplace(event.ticket_number, feed.updates.size());
    if (added) feed.updates.push_back(StatusUpdate{});
    feed.updates[slot->second].events.push_back(RemoteEvent{event.id, std::move(event)});
  }
  for (StatusUpdate& update : feed.updates) {
    const std::string& number = update.events.front().event.ticket_number;
    TRY_ASSIGN(const std::optional<Ticket> ticket, find_ticket(session, number));
    if (!ticket) return Error::make(ErrorCode::internal, "event for missing ticket " + number);
    update.ticket = *ticket;
  }
  if (!feed.more) {
    TRY_ASSIGN(const pg::Rows newest, session.exec("SELECT coalesce(max(id), 0) FROM events"));
    if (newest.int64(0, 0) > feed.cursor) feed.cursor = newest.int64(0, 0);
  }
  TRY_VOID(transaction.commit());
  return feed;
}

Result<void> PgDeskStore::add_kiosk(const KioskRecord& kiosk) {
  std::lock_guard lock(m_session->mutex());
  TRY_VOID(m_session->exec("INSERT INTO kiosks (kiosk_id, key_hex, created_at) VALUES ($1, $2, $3)",
                           {kiosk.kiosk_id, kiosk.key_hex, pg::instant_param(kiosk.created_at)}));
  return Ok{};
}

Result<std::optional<KioskRecord>> PgDeskStore::find_kiosk(const std::string& kiosk_id) {
  std::lock_guard lock(m_session->mutex());
  TRY_ASSIGN(
      const pg::Rows rows,
      m_session->exec("SELECT kiosk_id, key_hex, created_at, last_sync_at FROM kiosks WHERE kiosk_id = $1",
                      {kiosk_id}));
  if (rows.size() == 0) return std::optional<KioskRecord>();
  return std::optional<KioskRecord>(read_kiosk(rows, 0));
}

Result<std::vector<KioskRecord>> PgDeskStore::kiosks() {
  std::lock_guard lock(m_session->mutex());
  TRY_ASSIGN(
      const pg::Rows rows,
      m_session->exec("SELECT kiosk_id, key_hex, created_at, last_sync_at FROM kiosks ORDER BY kiosk_id"));
  std::vector<KioskRecord> kiosks;
  for (int i = 0; i < rows.size(); ++i) kiosks.push_back(read_kiosk(rows, i));
  return kiosks;
}

Result<void> PgDeskStore::remember_nonce(const std::string& kiosk_id, const std::string& nonce, Instant at,
                                         Instant forget_before) {
  std::lock_guard lock(m_session->mutex());
  pg::Session& session = *m_session;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(session.exec("DELETE FROM sync_nonces WHERE seen_at < $1", {pg::instant_param(forget_before)}));
  auto inserted = session.exec("INSERT INTO sync_nonces (kiosk_id, nonce, seen_at) VALUES ($1, $2, $3)",
                               {kiosk_id, nonce, pg::instant_param(at)});
  if (!inserted.ok()) return replay_error(inserted.error(), kiosk_id, nonce);
  return transaction.commit();
}

Result<StaffUser> PgDeskStore::add_user(const StaffUser& user) {
  std::lock_guard lock(m_session->mutex());
  TRY_ASSIGN(const pg::Rows rows,
             m_session->exec(
                 "INSERT INTO staff_users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4) "
                 "RETURNING id",
                 {user.name, std::string(to_string(user.role)), user.password_hash,
                  pg::instant_param(user.created_at)}));
  StaffUser stored = user;
  stored.id = rows.int64(0, 0);
  return stored;
}

Result<std::optional<StaffUser>> PgDeskStore::find_user(const std::string& name) {
  std::lock_guard lock(m_session->mutex());
  TRY_ASSIGN(
      const pg::Rows rows,
      m_session->exec("SELECT id, name, role, password_hash, created_at FROM staff_users WHERE name = $1",
                      {name}));
  if (rows.size() == 0) return std::optional<StaffUser>();
  const auto role = role_from_string(rows.text(0, 2));
  if (!role) return Error::make(ErrorCode::storage, "staff_users row with unknown role " + rows.text(0, 2));
  return std::optional<StaffUser>(StaffUser{rows.int64(0, 0), rows.text(0, 1), *role, rows.text(0, 3),
                                            Instant{std::chrono::seconds{rows.int64(0, 4)}}});
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
  for (const std::string& kind : query.hidden_kinds) where += " AND kind <> " + param(kind);
  for (const std::string& category : query.hidden_categories) where += " AND category <> " + param(category);
  const std::string deadline = next_deadline_sql(SqlDialect::postgres);  // NULL: nothing due

  std::lock_guard lock(m_session->mutex());
  pg::Session& session = *m_session;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  TRY_VOID(session.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
  DeskQueuePage page;
  std::vector<pg::Param> count_params = params;
  count_params.push_back(pg::instant_param(query.now));
  const std::string now = "$" + std::to_string(count_params.size());
  TRY_ASSIGN(const pg::Rows counts, session.exec("SELECT count(*), count(*) FILTER (WHERE " + deadline +
                                                     " < " + now + ") FROM tickets" + where,
                                                 count_params));
  page.total = counts.int64(0, 0);
  page.overdue = counts.int64(0, 1);
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

Result<std::int64_t> PgDeskStore::count_rows(const std::string& table) {
  for (const char* known : kCountableTables) {
    if (table == known) {
      std::lock_guard lock(m_session->mutex());
      TRY_ASSIGN(const pg::Rows rows, m_session->exec(std::string("SELECT count(*) FROM ") + known));
      return rows.int64(0, 0);
    }
  }
  return Error::invalid("table", "error.table.unknown", "no table '" + table + "'");
}

}  // namespace complaint
