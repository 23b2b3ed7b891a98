// PgDeskStore: the desk's store on PostgreSQL (libpq), for organisations with many sites:
// the same TicketRepository and DeskRepository the SQLite store implements, so the desk's
// routes and services cannot tell them apart. `complaint-desk --db postgresql://...`
// picks it (main.cpp). A few connections (kConnections), each store call on one; every write is one
// transaction. A lost connection is reconnected with backoff (pg_session.h), the calls in
// between failing as `unavailable` (503); database_state() says how it stands. libpq types
// stay in the .cpp files.
#pragma once

#include <memory>
#include <string>

#include "core/attachments/attachment_store.h"
#include "core/notify/notice_store.h"
#include "core/store/connection_keeper.h"
#include "core/store/ticket_repository.h"
#include "core/sync/desk_repository.h"

namespace complaint {

class CohortAssembler;

namespace pg {
class Session;
class SessionPool;
}  // namespace pg

class PgDeskStore final : public TicketRepository,
                          public DeskRepository,
                          public NoticeStore,
                          public AttachmentStore {
 public:
  // `conninfo`: a libpq connection string or URI ("postgresql://user@host/db",
  // "host=/tmp/sock port=5432 dbname=desk", or several hosts with
  // target_session_attrs=read-write, so a reconnect finds a promoted standby). Creates the
  // schema when missing.
  static Result<std::unique_ptr<PgDeskStore>> open(const std::string& conninfo,
                                                   const ConnectionOptions& options = {});
  ~PgDeskStore() override;

  DatabaseState database_state() const;
  // SELECT 1: reconnects first when the connection was lost and an attempt is due.
  Result<void> ping();

  // TicketRepository (pg_ticket_store.cpp)
  Result<Ticket> insert_new(const NewTicketRequest& request) override;
  Result<std::optional<Ticket>> find(const std::string& number) override;
  Result<std::vector<Ticket>> list(const TicketQuery& query) override;
  Result<std::vector<TicketEvent>> events(const std::string& number) override;
  Result<std::vector<TicketEvent>> events_filed(Instant from, Instant to) override;
  Result<Ticket> apply(const Ticket& updated, const TicketEvent& event) override;
  Result<Ticket> anonymise(const Ticket& anonymised, const std::vector<TicketEvent>& rewritten,
                           const TicketEvent& purge) override;
  Result<std::vector<bool>> anonymise_batch(const std::vector<Anonymisation>& batch) override;
  Result<void> purge_replaced_text() override;
  Result<std::vector<Ticket>> retention_page(Instant closed_before, std::int64_t after_id,
                                             int limit) override;
  Result<std::vector<TicketEvent>> events_of(const std::vector<std::string>& numbers) override;
  Result<std::vector<TicketHistory>> report_cohort(Instant from, Instant to) override;
  Result<std::optional<std::string>> latest_by_phone_category(const std::string& phone,
                                                              const std::string& category,
                                                              Instant since) override;
  Result<std::vector<OutboxEntry>> outbox(int limit) override;
  Result<std::int64_t> count_unsent() override;
  Result<std::int64_t> count_tickets() override;

  // DeskRepository (pg_desk_sync.cpp)
  Result<StoredBatch> store_synced(const SyncBatch& batch, Instant at) override;
  Result<ChangeFeed> changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor, int limit) override;
  Result<void> add_kiosk(const KioskRecord& kiosk) override;
  Result<bool> replace_kiosk_key(const std::string& kiosk_id, const std::string& public_key_hex) override;
  Result<std::optional<KioskRecord>> find_kiosk(const std::string& kiosk_id) override;
  Result<std::vector<KioskRecord>> kiosks() override;
  Result<void> remember_nonce(const std::string& kiosk_id, const std::string& nonce, Instant at,
                              Instant forget_before) override;
  Result<StaffUser> add_user(const StaffUser& user) override;
  Result<std::optional<StaffUser>> find_user(const std::string& name) override;
  Result<std::vector<StaffUser>> users() override;  // pg_notices.cpp
  Result<bool> update_user_contact(const std::string& name, const StaffContact& contact) override;
  Result<bool> update_user(const StaffUser& user) override;
  Result<DeskQueuePage> queue(const DeskQueueQuery& query) override;
  Result<TicketSearchPage> search(const TicketSearch& query) override;  // pg_desk_search.cpp
  Result<std::int64_t> count_rows(const std::string& table) override;
  Result<std::vector<DeskHelpRequest>> open_help_requests(int limit) override;
  Result<bool> attend_help_request(std::int64_t id, const std::string& staff, Instant at) override;

  // NoticeStore (pg_notices.cpp)
  Result<std::vector<Notice>> claim_due(Instant now, Instant lease_until, const std::string& worker,
                                        int limit) override;
  Result<std::vector<NoticeDelivery>> deliveries(std::int64_t notice_id) override;
  Result<std::vector<bool>> add_scheduled(const std::vector<ScheduledNotice>& batch) override;
  Result<std::vector<bool>> record_results(const std::string& worker,
                                           const std::vector<NoticeResult>& results) override;
  Result<std::vector<Notice>> ticket_notices(const std::string& ticket_number) override;
  Result<std::vector<NoticeDelivery>> ticket_deliveries(const std::string& ticket_number) override;
  Result<std::vector<Notice>> troubled_notices(int limit) override;

  // AttachmentStore (pg_attachments.cpp)
  Result<AddedAttachment> add_attachment(const NewAttachment& attachment) override;
  Result<std::vector<AttachmentInfo>> attachments(const std::string& ticket_number) override;
  Result<std::optional<StoredAttachment>> attachment(const std::string& ticket_number,
                                                     std::int64_t id) override;

 private:
  // Connections per desk: each store call takes one for its duration (pg_session.h).
  static constexpr int kConnections = 4;
  explicit PgDeskStore(std::unique_ptr<pg::SessionPool> pool);
  // report_cohort's digests of the tickets it read in full (core/store/report_digest.h).
  void store_report_digests(pg::Session& session, const CohortAssembler& cohort);
  std::unique_ptr<pg::SessionPool> m_pool;
};

}  // namespace complaint
