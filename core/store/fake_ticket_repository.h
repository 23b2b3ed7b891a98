// FakeTicketRepository: an in-memory TicketRepository with the store's semantics
// (gapless daily numbers, revision check, outbox rows) that tests script to fail on
// purpose: per operation, after n successful calls, once or from then on, with a chosen Error.
// A scripted failure changes nothing, like a rolled-back transaction.
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "core/base/fault_script.h"
#include "core/store/ticket_repository.h"

namespace complaint {

enum class RepositoryOperation {
  insert_new,
  find,
  list,
  events,
  events_filed,
  apply,
  latest_by_phone_category,
  outbox,
  count_tickets,
  count_unsent,
  anonymise,
  anonymise_batch,
  retention_page,
  events_of,
  purge_replaced_text,
  report_cohort,  // keep last: the count below follows it
};
inline constexpr int kRepositoryOperationCount = static_cast<int>(RepositoryOperation::report_cohort) + 1;

class FakeTicketRepository final : public TicketRepository {
 public:
  FakeTicketRepository() = default;

  // After `after_calls` successful calls to `operation` (counted from now), the next one
  // fails with `error`. Replaces an earlier script for the same operation.
  void fail(RepositoryOperation operation, int after_calls, FailureMode mode, Error error);
  // The same script for every operation at once (the whole store goes away).
  void fail_all(int after_calls, FailureMode mode, const Error& error);
  void clear_failures();
  // Calls made to `operation` so far, failed ones included.
  int calls(RepositoryOperation operation) const;

  // Inspection for assertions: everything stored, in insertion order.
  std::vector<Ticket> tickets() const;
  std::vector<TicketEvent> all_events() const;
  std::vector<OutboxEntry> all_outbox() const;

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

 private:
  std::size_t index_of(const std::string& number) const;  // m_tickets.size() when absent
  void add_outbox(const std::string& number, std::int64_t event_id, Instant at);
  // Stores `next` over `stored` as the store's UPDATE does (identity fields kept, revision
  // + 1) and appends `event`; returns the stored ticket. No outbox row: apply adds it.
  Ticket store_next(Ticket& stored, const Ticket& next, const TicketEvent& event);
  // anonymise's body under the lock: false when the revision is stale or the ticket unknown.
  bool store_anonymisation(const Anonymisation& item);

  mutable std::mutex m_mutex;
  FaultScript<RepositoryOperation> m_faults;
  std::vector<Ticket> m_tickets;
  std::vector<TicketEvent> m_events;
  std::vector<OutboxEntry> m_outbox;
  std::map<std::string, std::int64_t> m_counters;
  std::map<std::string, std::string> m_intake_keys;  // key -> number (intake_keys_sql.h)
};

}  // namespace complaint
