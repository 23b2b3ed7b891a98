// SyncClient::drain; see sync_client.h and docs/SYNC.md.
#include "core/sync/sync_client.h"

#include <algorithm>
#include <set>

namespace complaint {

SyncClient::SyncClient(KioskSyncStore& store, Transport& transport, const RequestSigner& signer,
                       const Clock& clock, SyncSettings settings)
    : m_store(store),
      m_transport(transport),
      m_signer(signer),
      m_clock(clock),
      m_settings(std::move(settings)) {}

SyncRound SyncClient::drain() {
  SyncRound round;
  while (m_settings.max_requests <= 0 || round.requests < m_settings.max_requests) {
    auto more = exchange(round);
    if (!more.ok()) {
      round.error = more.error();
      break;
    }
    if (!*more) break;
  }
  auto remaining = m_store.count_unsent();
  if (remaining.ok()) {
    round.remaining = *remaining;
  } else if (!round.error) {
    round.error = remaining.error();
  }
  auto refusals = m_store.refusals();
  if (refusals.ok()) {
    round.refusals = std::move(refusals).value();
  } else if (!round.error) {
    round.error = refusals.error();
  }
  round.finished_at = m_clock.now();
  return round;
}

// Tickets numbered by another kiosk id than the one that signs: the desk would refuse each for
// good, so a [sync] kiosk_id that differs from [site] kiosk_id stops the round before sending.
Result<void> SyncClient::check_own_tickets(const std::vector<Ticket>& tickets) const {
  for (const Ticket& ticket : tickets) {
    if (ticket.kiosk_id == m_settings.kiosk_id) continue;
    Error error = Error::make(ErrorCode::config,
                              "ticket " + ticket.number + " is numbered by kiosk " + ticket.kiosk_id +
                                  " but this kiosk syncs as " + m_settings.kiosk_id + " ([sync] kiosk_id)",
                              "sync", 0);
    error.field = "sync.kiosk_id";
    error.key = "desk.error.wrong_kiosk";
    return error;
  }
  return Ok{};
}

// Builds the batch body; halves the row count until it fits the byte cap, because one
// long complaint text must not make a request the desk refuses forever.
Result<std::string> SyncClient::encode_batch(std::vector<std::int64_t>& ids,
                                             std::vector<std::int64_t>& help_ids, int& sent) {
  TRY_ASSIGN(const std::int64_t cursor, m_store.cursor());
  TRY_ASSIGN(const std::optional<StoredCalendar> calendar, m_store.calendar());
  // A customer waits at the kiosk for each of these: they ride on every request until the
  // desk acknowledges them. A few dozen bytes each; a burst of presses is capped.
  TRY_ASSIGN(const std::vector<HelpRequest> help, m_store.pending_help(kHelpRequestsPerBatch));
  help_ids.clear();
  for (const HelpRequest& request : help) help_ids.push_back(request.id);
  int limit = std::max(1, m_settings.batch_size);
  while (true) {
    TRY_ASSIGN(PendingItems pending, m_store.pending(limit));
    TRY_VOID(check_own_tickets(pending.tickets));
    SyncBatch batch;
    batch.kiosk_id = m_settings.kiosk_id;
    batch.cursor = cursor;
    batch.tickets = std::move(pending.tickets);
    batch.items = std::move(pending.items);
    if (calendar) batch.calendar_version = calendar->version;
    batch.help_requests = help;
    std::string body = batch_to_json(batch);
    if (body.size() <= m_settings.max_body_bytes || limit == 1) {
      if (body.size() > m_settings.max_body_bytes) {
        return Error::make(ErrorCode::internal,
                           "outbox row " + std::to_string(batch.items.front().outbox_id) + " alone is " +
                               std::to_string(body.size()) + " bytes, over the request cap",
                           "sync", 0);
      }
      ids.clear();
      for (const SyncItem& item : batch.items) ids.push_back(item.outbox_id);
      sent = static_cast<int>(ids.size());
      return body;
    }
    limit = std::max(1, std::min(limit, static_cast<int>(batch.items.size())) / 2);
  }
}

Result<bool> SyncClient::exchange(SyncRound& round) {
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> help_ids;
  int sent = 0;
  HttpRequest request;
  request.method = "POST";
  request.path = kSyncPath;
  request.headers.emplace_back("Content-Type", "application/json");
  TRY_ASSIGN(request.body, encode_batch(ids, help_ids, sent));
  TRY_VOID(sign_request(request, m_signer, m_settings.kiosk_id, m_settings.key_hex, m_clock.now()));
  round.sent += sent;

  auto response = m_transport.send(request);
  if (!response.ok() || response->status != 200) {
    const Error error = response.ok() ? error_from_json(response->body, response->status) : response.error();
    if (response.ok()) round.retry_after = response->retry_after;
    // Best effort: the failure itself is what the caller must see.
    (void)m_store.record_failure(ids, error.message);
    return error;
  }
  ++round.requests;
  TRY_ASSIGN(const SyncAnswer answer, answer_from_json(response->body));
  // Only rows of this request count: an acknowledgement must never mark anything else sent.
  const std::set<std::int64_t> asked(ids.begin(), ids.end());
  std::vector<std::int64_t> acknowledged;
  for (const std::int64_t id : answer.acknowledged) {
    if (asked.count(id) != 0) acknowledged.push_back(id);
  }
  std::vector<ItemRefusal> refused;
  for (const ItemRefusal& refusal : answer.refused) {
    if (asked.count(refusal.outbox_id) != 0) refused.push_back(refusal);
  }
  TRY_VOID(m_store.mark_sent(acknowledged, m_clock.now()));
  round.acknowledged += static_cast<int>(acknowledged.size());
  // Final: recorded with its reason and out of the queue, so the rows behind it go on.
  TRY_VOID(m_store.mark_refused(refused, m_clock.now()));
  round.refused += static_cast<int>(refused.size());
  const std::set<std::int64_t> asked_help(help_ids.begin(), help_ids.end());
  std::vector<std::int64_t> help_acknowledged;
  for (const std::int64_t id : answer.help_acknowledged) {
    if (asked_help.count(id) != 0) help_acknowledged.push_back(id);
  }
  TRY_VOID(m_store.mark_help_sent(help_acknowledged, m_clock.now()));
  round.help_delivered += static_cast<int>(help_acknowledged.size());
  TRY_ASSIGN(const int updates, m_store.apply_remote(answer.updates, answer.cursor));
  round.updates += updates;
  if (answer.calendar) {
    // Validated by answer_from_json; stored before it is used, so a restart counts the same.
    const StoredCalendar calendar{answer.calendar_version, *answer.calendar, m_clock.now()};
    TRY_VOID(m_store.store_calendar(calendar));
    round.calendar_updated = true;
    if (m_on_calendar) m_on_calendar(calendar);
  }
  if (!ids.empty() && acknowledged.empty() && refused.empty()) {
    return Error::make(ErrorCode::io, "the desk answered none of " + std::to_string(ids.size()) + " rows",
                       "sync", 0);
  }
  return !ids.empty() || answer.more;
}

}  // namespace complaint
