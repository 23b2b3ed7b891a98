// AttachmentService: the one way staff add, list and open a ticket's attachments, with the
// checks every console action has: the account must see the ticket (its departments; a
// ticket outside them is not_found, as on the ticket page), confidential tickets are for
// leaders, only staff roles attach, never to an anonymised ticket; the bytes must be a JPEG,
// PNG or PDF by content (content_sniff.h) within the size limit, the ticket within the count
// limit. An upload is an audited action: its event ("attach") is stored with it in one
// transaction (AttachmentStore::add_attachment), and the same bytes twice add nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/attachments/attachment_store.h"
#include "core/base/clock.h"
#include "core/domain/taxonomy.h"
#include "core/store/ticket_repository.h"
#include "core/workflow/workflow.h"

namespace complaint {

// [desk] attachment_max_bytes and attachment_max_count (desk/desk_config.h checks them).
struct AttachmentLimits {
  std::int64_t max_bytes = 960 * 1024;  // under the default request body limit of 1 MiB
  int max_count = 20;
};

struct Upload {
  std::string file_name;  // as the browser sent it; sanitised before it is kept
  std::string bytes;
  std::string caption;  // optional, at most kMaxCaption code points
};

// Who asks: the signed-in account.
struct Uploader {
  std::string user;
  Role role = Role::intake_clerk;
  std::vector<std::string> departments;
};

inline constexpr const char* k_attach_action = "attach";
inline constexpr std::size_t k_max_attachment_caption = 200;  // code points
inline constexpr std::size_t k_max_attachment_name = 120;     // code points

// The uploader's file name fit to show and to send back: the last path component, controls
// and bidirectional controls dropped, invalid UTF-8 replaced, at most k_max_attachment_name
// code points; "attachment" when nothing is left.
std::string sanitise_file_name(std::string_view name);
// The name to download under: the sanitised name with the extension of the type the bytes
// are (a PNG uploaded as "scan.pdf" is saved as "scan.pdf.png"), so the viewer picked by the
// name is the one for the content.
std::string download_name(const AttachmentInfo& info);

// Content hash of an attachment: SHA-256 as 64 lower-case hex digits (drivers/crypto).
using ContentHasher = std::function<std::string(std::string_view bytes)>;

class AttachmentService {
 public:
  AttachmentService(TicketRepository& tickets, AttachmentStore& store, const Taxonomy& taxonomy,
                    ContentHasher sha256_hex, const Clock& clock, AttachmentLimits limits);

  // Errors (nothing stored): not_found (unknown ticket, or outside the account's departments),
  // forbidden (error.workflow.confidential, error.attachment.role, error.attachment.anonymised),
  // invalid_input (error.attachment.empty, .too_large, .type, .too_many, .caption), conflict
  // (the ticket changed meanwhile: try again).
  Result<AddedAttachment> attach(const std::string& number, const Uploader& who, const Upload& upload);
  // The ticket's attachments, under the same visibility checks.
  Result<std::vector<AttachmentInfo>> list(const std::string& number, const Uploader& who);
  // One attachment with its bytes; not_found when the ticket has none with that id or the
  // account may not see the ticket.
  Result<StoredAttachment> open(const std::string& number, std::int64_t id, const Uploader& who);

  const AttachmentLimits& limits() const { return m_limits; }

 private:
  Result<Ticket> visible_ticket(const std::string& number, const Uploader& who);

  TicketRepository& m_tickets;
  AttachmentStore& m_store;
  const Taxonomy& m_taxonomy;
  ContentHasher m_sha256_hex;
  const Clock& m_clock;
  AttachmentLimits m_limits;
};

}  // namespace complaint
