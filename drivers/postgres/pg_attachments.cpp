// PgDeskStore's AttachmentStore (core/attachments/attachment_store.h) on ticket_attachments
// (the schema in pg_ticket_store.cpp). The bytes cross libpq's text protocol as bytea's hex
// form ("\x..."). The row, the ticket's revision and the audit event commit together; the
// ticket's row lock (FOR UPDATE) serialises two uploads to one ticket, so the count limit
// and the same-content check hold between desks. (The event-order lock, taken again by
// store_applied, is re-entrant within a transaction.)
#include "core/sync/request_auth.h"
#include "drivers/postgres/pg_desk_store.h"
#include "drivers/postgres/pg_session.h"

namespace complaint {
namespace {

constexpr const char* kInfoColumns =
    "id, ticket_number, content_type, file_name, size, sha256, uploader, uploaded_at, caption";

Result<AttachmentInfo> read_info(const pg::Rows& rows, int row) {
  AttachmentInfo info;
  TRY_ASSIGN(info.id, rows.int64(row, 0));
  info.ticket_number = rows.text(row, 1);
  info.content_type = rows.text(row, 2);
  info.file_name = rows.text(row, 3);
  TRY_ASSIGN(info.size, rows.int64(row, 4));
  info.sha256 = rows.text(row, 5);
  info.uploader = rows.text(row, 6);
  TRY_ASSIGN(const std::int64_t at, rows.int64(row, 7));
  info.uploaded_at = Instant{std::chrono::seconds{at}};
  info.caption = rows.text(row, 8);
  return info;
}

}  // namespace

Result<AddedAttachment> PgDeskStore::add_attachment(const NewAttachment& attachment) {
  const AttachmentInfo& info = attachment.info;
  const pg::SessionPool::Lease lease = m_pool->lease();
  pg::Session& session = *lease;
  TRY_ASSIGN(pg::Transaction transaction, pg::Transaction::begin(session));
  // The event-order lock first, as apply takes it before the ticket's row: the other order
  // could deadlock with an action on the same ticket.
  TRY_VOID(pg::lock_event_order(session));
  TRY_ASSIGN(const pg::Rows locked,
             session.exec("SELECT 1 FROM tickets WHERE number = $1 FOR UPDATE", {info.ticket_number}));
  if (locked.size() == 0) return unknown_ticket_error(info.ticket_number);
  TRY_ASSIGN(const pg::Rows same, session.exec(std::string("SELECT ") + kInfoColumns +
                                                   " FROM ticket_attachments WHERE ticket_number = $1 AND "
                                                   "sha256 = $2",
                                               {info.ticket_number, info.sha256}));
  if (same.size() > 0) {
    TRY_ASSIGN(AttachmentInfo held, read_info(same, 0));
    return AddedAttachment{std::move(held), false};
  }
  TRY_ASSIGN(
      const pg::Rows counted,
      session.exec("SELECT count(*) FROM ticket_attachments WHERE ticket_number = $1", {info.ticket_number}));
  TRY_ASSIGN(const std::int64_t count, counted.int64(0, 0));
  if (count >= attachment.max_count) {
    return Error::invalid(
        "file", "error.attachment.too_many",
        "ticket " + info.ticket_number + " holds " + std::to_string(count) + " attachments already");
  }
  TRY_ASSIGN(
      const pg::Rows inserted,
      session.exec("INSERT INTO ticket_attachments (ticket_number, content_type, file_name, size, sha256, "
                   "uploader, uploaded_at, caption, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                   "$9::bytea) RETURNING id",
                   {info.ticket_number, info.content_type, info.file_name, std::to_string(info.size),
                    info.sha256, info.uploader, pg::instant_param(info.uploaded_at), info.caption,
                    "\\x" + hex_encode(attachment.bytes)}));
  AddedAttachment added{info, true};
  TRY_ASSIGN(added.info.id, inserted.int64(0, 0));
  TRY_ASSIGN([[maybe_unused]] const Ticket stored,
             pg::store_applied(session, attachment.ticket, attachment.event));
  TRY_VOID(transaction.commit());
  return added;
}

Result<std::vector<AttachmentInfo>> PgDeskStore::attachments(const std::string& ticket_number) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(const pg::Rows rows,
             lease->exec(std::string("SELECT ") + kInfoColumns +
                             " FROM ticket_attachments WHERE ticket_number = $1 ORDER BY id",
                         {ticket_number}));
  std::vector<AttachmentInfo> found;
  for (int row = 0; row < rows.size(); ++row) {
    TRY_ASSIGN(AttachmentInfo info, read_info(rows, row));
    found.push_back(std::move(info));
  }
  return found;
}

Result<std::optional<StoredAttachment>> PgDeskStore::attachment(const std::string& ticket_number,
                                                                std::int64_t id) {
  const pg::SessionPool::Lease lease = m_pool->lease();
  TRY_ASSIGN(
      const pg::Rows rows,
      lease->exec(std::string("SELECT ") + kInfoColumns +
                      ", encode(bytes, 'hex') FROM ticket_attachments WHERE ticket_number = $1 AND id = $2",
                  {ticket_number, std::to_string(id)}));
  if (rows.size() == 0) return std::optional<StoredAttachment>();
  TRY_ASSIGN(AttachmentInfo info, read_info(rows, 0));
  TRY_ASSIGN(std::string bytes, hex_decode(rows.view(0, 9)));
  return std::optional<StoredAttachment>(StoredAttachment{std::move(info), std::move(bytes)});
}

}  // namespace complaint
