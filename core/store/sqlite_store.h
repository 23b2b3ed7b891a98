// SqliteTicketStore: the kiosk's (and the default desk's) durable store. WAL,
// synchronous=FULL, foreign keys, busy timeout; schema versioned by user_version with
// forward migrations; integrity check at open; online backup via the backup API.
// Tables: tickets, events (append-only), outbox, counters, print_jobs.
// The sqlite3 handle is hidden: no vendor type in this header.
#pragma once

#include <memory>
#include <string>

#include "core/attachments/attachment_store.h"
#include "core/store/ticket_repository.h"

namespace complaint {

class CohortAssembler;

struct PrintJobRecord {
  std::int64_t id = 0;
  std::string ticket_number;
  std::string state;  // "pending", "sent", "completed", "failed", "cancelled"
  std::string printer;
  std::string reason;
  Instant created_at{};
  Instant updated_at{};
};

struct StoreOptions {
  // 0: migrate to the latest schema. Tests set an older version to build a database as an
  // earlier release left it, then reopen it to exercise the forward migration.
  int schema_version_limit = 0;
};

// The connection's durability settings as SQLite reports them (for tests and `check`).
struct ConnectionSettings {
  std::string journal_mode;  // "wal"
  int synchronous = 0;       // 2: FULL
  bool foreign_keys = false;
  int busy_timeout_ms = 0;
};

class SqliteTicketStore final : public TicketRepository, public AttachmentStore {
 public:
  // Opens (creating if needed), migrates and runs quick_check; fails on corruption.
  static Result<std::unique_ptr<SqliteTicketStore>> open(const std::string& path);
  static Result<std::unique_ptr<SqliteTicketStore>> open(const std::string& path,
                                                         const StoreOptions& options);
  static int latest_schema_version();
  // How many times open() has run PRAGMA quick_check in this process: once per open of a file,
  // however many stores share the file (the desk's stores open on one SqliteTicketStore).
  static std::int64_t quick_checks_run();
  ~SqliteTicketStore() override;

  // The file this store opened.
  const std::string& path() const;
  // Re-reads which extension tables the file holds: a desk store opened on this store's file
  // after it may have added the notification outbox, whose notices ticket writes then add.
  Result<void> refresh_extensions();

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

  // AttachmentStore (sqlite_attachments.cpp): the desk file's ticket_attachments (desk schema
  // version 12); a kiosk's file has no such table and answers a storage error.
  Result<AddedAttachment> add_attachment(const NewAttachment& attachment) override;
  Result<std::vector<AttachmentInfo>> attachments(const std::string& ticket_number) override;
  Result<std::optional<StoredAttachment>> attachment(const std::string& ticket_number,
                                                     std::int64_t id) override;

  // Row counts of every table, for "changed nothing" checks and diagnostics.
  Result<std::int64_t> count_rows(const std::string& table);
  Result<void> integrity_check();  // full PRAGMA integrity_check + foreign_key_check
  Result<void> backup_to(const std::string& path);
  // Copies the database file `source` page by page into `destination` (created if missing)
  // through SQLite's backup API, under the destination's write lock: a connection to it sees
  // the old database or the new one, never a mix. Checks nothing; `complaintctl restore`
  // checks the source first (docs/OPERATIONS.md).
  static Result<void> copy_file(const std::string& source, const std::string& destination);
  int schema_version() const;
  Result<ConnectionSettings> connection_settings();

  // Print jobs (the receipt issue fills these in).
  Result<std::int64_t> add_print_job(const std::string& number, const std::string& printer, Instant at);
  Result<void> update_print_job(std::int64_t id, const std::string& state, const std::string& reason,
                                Instant at);
  Result<std::vector<PrintJobRecord>> print_jobs(const std::string& number);
  // The newest `limit` print jobs of any ticket, newest first (the kiosk's state at start).
  Result<std::vector<PrintJobRecord>> recent_print_jobs(int limit);

  struct Impl;

 private:
  explicit SqliteTicketStore(std::unique_ptr<Impl> impl);
  // report_cohort's digests of the tickets it read in full (core/store/report_digest.h).
  void store_report_digests(const CohortAssembler& cohort);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace complaint
