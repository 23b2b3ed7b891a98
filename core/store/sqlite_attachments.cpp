// SqliteTicketStore's AttachmentStore (core/attachments/attachment_store.h) on the desk file's
// ticket_attachments table (desk schema version 12, sqlite_desk_store.cpp). On the ticket
// store's writing connection, so the row, the ticket's revision and the audit event commit
// together; reads on the reader pool, as the tracking page's.
#include "core/store/sqlite_statement.h"
#include "core/store/sqlite_store.h"
#include "core/store/sqlite_store_impl.h"

namespace complaint {

using store::Statement;
using store::WriteTransaction;

namespace {

constexpr const char* kInfoColumns =
    "id, ticket_number, content_type, file_name, size, sha256, uploader, uploaded_at, caption";

AttachmentInfo read_info(const Statement& row) {
  AttachmentInfo info;
  info.id = row.column_int64(0);
  info.ticket_number = row.column_text(1);
  info.content_type = row.column_text(2);
  info.file_name = row.column_text(3);
  info.size = row.column_int64(4);
  info.sha256 = row.column_text(5);
  info.uploader = row.column_text(6);
  info.uploaded_at = Instant{std::chrono::seconds{row.column_int64(7)}};
  info.caption = row.column_text(8);
  return info;
}

Error too_many(const std::string& number, std::int64_t count) {
  return Error::invalid("file", "error.attachment.too_many",
                        "ticket " + number + " holds " + std::to_string(count) + " attachments already");
}

}  // namespace

Result<AddedAttachment> SqliteTicketStore::add_attachment(const NewAttachment& attachment) {
  const AttachmentInfo& info = attachment.info;
  std::lock_guard lock(m_impl->m_mutex);
  sqlite3* db = m_impl->m_db;
  TRY_ASSIGN(WriteTransaction transaction, WriteTransaction::begin(db));
  {
    TRY_ASSIGN(Statement same, Statement::prepare(db, std::string("SELECT ") + kInfoColumns +
                                                          " FROM ticket_attachments WHERE ticket_number = "
                                                          ":number AND sha256 = :sha256"));
    same.bind(":number", info.ticket_number).bind(":sha256", info.sha256);
    TRY_ASSIGN(const bool found, same.step());
    if (found) return AddedAttachment{read_info(same), false};
  }
  {
    TRY_ASSIGN(
        Statement count,
        Statement::prepare(db, "SELECT count(*) FROM ticket_attachments WHERE ticket_number = :number"));
    count.bind(":number", info.ticket_number);
    TRY_ASSIGN([[maybe_unused]] const bool row, count.step());
    if (count.column_int64(0) >= attachment.max_count)
      return too_many(info.ticket_number, count.column_int64(0));
  }
  TRY_ASSIGN(Statement insert,
             Statement::prepare(db,
                                "INSERT INTO ticket_attachments (ticket_number, content_type, "
                                "file_name, size, sha256, uploader, uploaded_at, caption, bytes) "
                                "VALUES (:number, :type, :name, :size, :sha256, :uploader, :at, "
                                ":caption, :bytes)"));
  insert.bind(":number", info.ticket_number).bind(":type", info.content_type).bind(":name", info.file_name);
  insert.bind(":size", info.size).bind(":sha256", info.sha256).bind(":uploader", info.uploader);
  insert.bind(":at", info.uploaded_at).bind(":caption", info.caption).bind_blob(":bytes", attachment.bytes);
  TRY_VOID(insert.run());
  AddedAttachment added{info, true};
  added.info.id = sqlite3_last_insert_rowid(db);
  TRY_ASSIGN([[maybe_unused]] const Ticket stored,
             store::store_applied(*m_impl, attachment.ticket, attachment.event));
  TRY_VOID(transaction.commit());
  return added;
}

Result<std::vector<AttachmentInfo>> SqliteTicketStore::attachments(const std::string& ticket_number) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  TRY_ASSIGN(Statement select,
             Statement::prepare(reader->db, std::string("SELECT ") + kInfoColumns +
                                                " FROM ticket_attachments WHERE ticket_number = "
                                                ":number ORDER BY id"));
  select.bind(":number", ticket_number);
  std::vector<AttachmentInfo> found;
  while (true) {
    TRY_ASSIGN(const bool row, select.step());
    if (!row) break;
    found.push_back(read_info(select));
  }
  return found;
}

Result<std::optional<StoredAttachment>> SqliteTicketStore::attachment(const std::string& ticket_number,
                                                                      std::int64_t id) {
  TRY_ASSIGN(store::ReaderLease reader, m_impl->m_readers.lease(m_impl->m_path));
  TRY_ASSIGN(Statement select, Statement::prepare(reader->db, std::string("SELECT ") + kInfoColumns +
                                                                  ", bytes FROM ticket_attachments WHERE "
                                                                  "ticket_number = :number AND id = :id"));
  select.bind(":number", ticket_number).bind(":id", id);
  TRY_ASSIGN(const bool row, select.step());
  if (!row) return std::optional<StoredAttachment>();
  return std::optional<StoredAttachment>(StoredAttachment{read_info(select), select.column_blob(9)});
}

}  // namespace complaint
