// The attachment rules (see attachment_service.h).
#include "core/attachments/attachment_service.h"

#include <nlohmann/json.hpp>

#include "core/attachments/content_sniff.h"
#include "core/base/utf8.h"
#include "core/desk_state/departments.h"
#include "core/retention/anonymise.h"

namespace complaint {
namespace {

bool may_attach(Role role) {
  switch (role) {
    case Role::intake_clerk:
    case Role::dispatcher:
    case Role::handler:
    case Role::supervisor:
    case Role::executive:
      return true;
    case Role::customer:
    case Role::kiosk:
      return false;
  }
  return false;
}

bool is_leader(Role role) {
  return role == Role::supervisor || role == Role::executive;
}

Error forbidden(const char* key, const std::string& message) {
  Error error = Error::make(ErrorCode::forbidden, message);
  error.key = key;
  return error;
}

Error attachment_not_found(const std::string& number, std::int64_t id) {
  return Error::not_found("attachment", "error.attachment.not_found",
                          "ticket " + number + " has no attachment " + std::to_string(id));
}

}  // namespace

std::string sanitise_file_name(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string valid;
  for (std::size_t at = 0; at < name.size();) {
    const std::size_t length = utf8::length_at(name, at);
    const std::string_view piece = name.substr(at, length);
    valid += utf8::is_valid(piece) && !(length == 1 && static_cast<unsigned char>(piece[0]) >= 0x80)
                 ? std::string(piece)
                 : std::string("_");
    at += length;
  }
  std::string clean = utf8::trim(utf8::strip_controls(valid, utf8::KeepNewlines::no));
  // Quotes would end a Content-Disposition value a client parses loosely.
  for (char& c : clean) {
    if (c == '"') c = '\'';
  }
  std::string out;
  std::size_t count = 0;
  for (std::size_t at = 0; at < clean.size() && count < k_max_attachment_name; ++count) {
    const std::size_t length = utf8::length_at(clean, at);
    out.append(clean, at, length);
    at += length;
  }
  if (out.empty() || out == "." || out == "..") return "attachment";
  return out;
}

std::string download_name(const AttachmentInfo& info) {
  const auto type = attachment_type_from_content_type(info.content_type);
  if (!type) return info.file_name;
  const std::string extension = extension_of(*type);
  std::string lower = info.file_name;
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  const auto ends_with = [&lower](std::string_view suffix) {
    return lower.size() >= suffix.size() &&
           lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(extension) || (*type == AttachmentType::jpeg && ends_with(".jpeg"))) return info.file_name;
  return info.file_name + extension;
}

AttachmentService::AttachmentService(TicketRepository& tickets, AttachmentStore& store,
                                     const Taxonomy& taxonomy, ContentHasher sha256_hex, const Clock& clock,
                                     AttachmentLimits limits)
    : m_tickets(tickets),
      m_store(store),
      m_taxonomy(taxonomy),
      m_sha256_hex(std::move(sha256_hex)),
      m_clock(clock),
      m_limits(limits) {}

Result<Ticket> AttachmentService::visible_ticket(const std::string& number, const Uploader& who) {
  TRY_ASSIGN(std::optional<Ticket> ticket, m_tickets.find(number));
  // Outside the account's departments the ticket does not exist for it (the ticket page's rule).
  if (!ticket || !may_attach(who.role) || !sees_ticket(who.role, who.departments, *ticket))
    return outside_scope_error(number);
  if (!is_leader(who.role) && is_confidential(*ticket, m_taxonomy))
    return forbidden("error.workflow.confidential", "ticket " + number + " is confidential");
  return std::move(*ticket);
}

Result<AddedAttachment> AttachmentService::attach(const std::string& number, const Uploader& who,
                                                  const Upload& upload) {
  TRY_ASSIGN(const Ticket ticket, visible_ticket(number, who));
  // Retention removed this ticket's personal data and its files: nothing may come back.
  if (is_anonymised(ticket))
    return forbidden("error.attachment.anonymised", "ticket " + number + " is anonymised");
  if (upload.bytes.empty()) return Error::invalid("file", "error.attachment.empty", "no file was sent");
  if (static_cast<std::int64_t>(upload.bytes.size()) > m_limits.max_bytes) {
    Error error = Error::invalid("file", "error.attachment.too_large",
                                 "the file has " + std::to_string(upload.bytes.size()) + " bytes, over " +
                                     std::to_string(m_limits.max_bytes));
    error.code = ErrorCode::too_large;
    return error;
  }
  const auto type = sniff_attachment(upload.bytes);
  if (!type)
    return Error::invalid("file", "error.attachment.type", "the file is not a complete JPEG, PNG or PDF");
  const std::string caption = utf8::trim(upload.caption);
  const auto caption_length = utf8::code_points(caption);
  if (!caption_length || *caption_length > k_max_attachment_caption ||
      utf8::strip_controls(caption, utf8::KeepNewlines::no) != caption) {
    return Error::invalid("caption", "error.attachment.caption", "the caption is not acceptable");
  }
  if (!m_sha256_hex) return Error::make(ErrorCode::internal, "no content hash configured");

  NewAttachment added;
  AttachmentInfo& info = added.info;
  info.ticket_number = ticket.number;
  info.content_type = content_type_of(*type);
  info.file_name = sanitise_file_name(upload.file_name);
  info.size = static_cast<std::int64_t>(upload.bytes.size());
  info.sha256 = m_sha256_hex(upload.bytes);
  info.uploader = who.user;
  info.uploaded_at = m_clock.now();
  info.caption = caption;
  added.bytes = upload.bytes;
  added.max_count = m_limits.max_count;
  added.ticket = ticket;
  TicketEvent& event = added.event;
  event.ticket_number = ticket.number;
  event.at = info.uploaded_at;
  event.actor = who.user;
  event.role = to_string(who.role);
  event.action = k_attach_action;
  event.from = ticket.status;
  event.to = ticket.status;
  event.note = caption;
  event.data_json = nlohmann::json{
      {"file_name", info.file_name},
      {"content_type", info.content_type},
      {"size", info.size},
      {"sha256",
       info.sha256}}.dump();
  return m_store.add_attachment(added);
}

Result<std::vector<AttachmentInfo>> AttachmentService::list(const std::string& number, const Uploader& who) {
  TRY_ASSIGN(const Ticket ticket, visible_ticket(number, who));
  return m_store.attachments(ticket.number);
}

Result<StoredAttachment> AttachmentService::open(const std::string& number, std::int64_t id,
                                                 const Uploader& who) {
  TRY_ASSIGN(const Ticket ticket, visible_ticket(number, who));
  TRY_ASSIGN(std::optional<StoredAttachment> found, m_store.attachment(ticket.number, id));
  if (!found) return attachment_not_found(number, id);
  return std::move(*found);
}

}  // namespace complaint
