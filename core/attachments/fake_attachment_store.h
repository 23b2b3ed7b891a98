// FakeAttachmentStore: AttachmentStore in memory over any TicketRepository (the fake one in
// tests), for the service's tests. The event goes through the repository's apply first, so
// a stale revision stores nothing; steps fail on a FaultScript.
#pragma once

#include <map>
#include <mutex>

#include "core/attachments/attachment_store.h"
#include "core/base/fault_script.h"
#include "core/store/ticket_repository.h"

namespace complaint {

enum class AttachmentStep { add, list, read };

class FakeAttachmentStore final : public AttachmentStore {
 public:
  explicit FakeAttachmentStore(TicketRepository& tickets) : m_tickets(tickets) {}
  FaultScript<AttachmentStep>& script() { return m_script; }

  Result<AddedAttachment> add_attachment(const NewAttachment& attachment) override;
  Result<std::vector<AttachmentInfo>> attachments(const std::string& ticket_number) override;
  Result<std::optional<StoredAttachment>> attachment(const std::string& ticket_number,
                                                     std::int64_t id) override;
  // What retention does in the stores' anonymisation: the ticket's attachments go.
  void forget_ticket(const std::string& ticket_number);
  std::size_t size() const;

 private:
  TicketRepository& m_tickets;
  mutable std::mutex m_mutex;
  std::map<std::int64_t, StoredAttachment> m_rows;  // by id, so oldest first
  std::int64_t m_next_id = 1;
  FaultScript<AttachmentStep> m_script;
};

}  // namespace complaint
