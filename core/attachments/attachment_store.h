// Attachments of a ticket (scans of letters, photos of defects, documents), kept in the
// desk's store on both engines, keyed by ticket number and attachment id. The bytes are
// checked (content_sniff.h, attachment_service.h) before a store sees them; a store keeps
// them, lists them without their bytes, and adds one together with its audit event in one
// transaction. Retention deletes a ticket's attachments when it anonymises the ticket (the
// stores do it in the anonymisation's own transaction). Implementations: SqliteTicketStore
// (core/store/sqlite_attachments.cpp, desk schema 12), PgDeskStore
// (drivers/postgres/pg_attachments.cpp), FakeAttachmentStore for tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint {

// What is known of an attachment without its bytes.
struct AttachmentInfo {
  std::int64_t id = 0;
  std::string ticket_number;
  std::string content_type;  // sniffed from the bytes: image/jpeg, image/png, application/pdf
  std::string file_name;     // the uploader's name for it, sanitised for display
  std::int64_t size = 0;     // bytes
  std::string sha256;        // 64 lower-case hex digits of the bytes
  std::string uploader;      // the staff account
  Instant uploaded_at{};
  std::string caption;  // optional
  bool operator==(const AttachmentInfo&) const = default;
};

struct StoredAttachment {
  AttachmentInfo info;
  std::string bytes;
};

// An attachment to add, and the ticket's audit event that records it.
struct NewAttachment {
  AttachmentInfo info;  // id ignored (the store assigns it)
  std::string bytes;
  // The ticket as read before (its revision is checked: a stale one is a conflict) and the
  // event appended to its trail, as TicketRepository::apply stores them.
  Ticket ticket;
  TicketEvent event;
  int max_count = 0;  // the ticket may hold at most this many attachments
};

struct AddedAttachment {
  AttachmentInfo info;
  // False when the ticket already held these bytes (same SHA-256): nothing was written,
  // `info` is the attachment it holds.
  bool created = false;
};

class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;
  // In one transaction: the same bytes already on the ticket -> that one, nothing written;
  // else, when the ticket holds fewer than max_count, the row, the ticket's revision bump and
  // the event (with its outbox row); at max_count: invalid_input "error.attachment.too_many"
  // and nothing written. A stale ticket revision: conflict, nothing written.
  virtual Result<AddedAttachment> add_attachment(const NewAttachment& attachment) = 0;
  // The ticket's attachments without their bytes, oldest first.
  virtual Result<std::vector<AttachmentInfo>> attachments(const std::string& ticket_number) = 0;
  // One attachment with its bytes; nullopt when the ticket has none with this id.
  virtual Result<std::optional<StoredAttachment>> attachment(const std::string& ticket_number,
                                                             std::int64_t id) = 0;
};

}  // namespace complaint
