#include "core/attachments/fake_attachment_store.h"

namespace complaint {

Result<AddedAttachment> FakeAttachmentStore::add_attachment(const NewAttachment& attachment) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_script.on_call(AttachmentStep::add)) return *error;
  int count = 0;
  for (const auto& [id, row] : m_rows) {
    if (row.info.ticket_number != attachment.info.ticket_number) continue;
    if (row.info.sha256 == attachment.info.sha256) return AddedAttachment{row.info, false};
    ++count;
  }
  if (count >= attachment.max_count) {
    return Error::invalid("file", "error.attachment.too_many",
                          "ticket " + attachment.info.ticket_number + " holds " + std::to_string(count) +
                              " attachments already");
  }
  TRY_ASSIGN([[maybe_unused]] const Ticket stored, m_tickets.apply(attachment.ticket, attachment.event));
  StoredAttachment row{attachment.info, attachment.bytes};
  row.info.id = m_next_id++;
  m_rows[row.info.id] = row;
  return AddedAttachment{row.info, true};
}

Result<std::vector<AttachmentInfo>> FakeAttachmentStore::attachments(const std::string& ticket_number) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_script.on_call(AttachmentStep::list)) return *error;
  std::vector<AttachmentInfo> found;
  for (const auto& [id, row] : m_rows) {
    if (row.info.ticket_number == ticket_number) found.push_back(row.info);
  }
  return found;
}

Result<std::optional<StoredAttachment>> FakeAttachmentStore::attachment(const std::string& ticket_number,
                                                                        std::int64_t id) {
  std::lock_guard lock(m_mutex);
  if (auto error = m_script.on_call(AttachmentStep::read)) return *error;
  const auto found = m_rows.find(id);
  if (found == m_rows.end() || found->second.info.ticket_number != ticket_number)
    return std::optional<StoredAttachment>();
  return std::optional<StoredAttachment>(found->second);
}

void FakeAttachmentStore::forget_ticket(const std::string& ticket_number) {
  std::lock_guard lock(m_mutex);
  std::erase_if(m_rows, [&ticket_number](const auto& entry) {
    return entry.second.info.ticket_number == ticket_number;
  });
}

std::size_t FakeAttachmentStore::size() const {
  std::lock_guard lock(m_mutex);
  return m_rows.size();
}

}  // namespace complaint
