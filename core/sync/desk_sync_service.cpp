// DeskSyncService::handle; see desk_sync_service.h and docs/SYNC.md.
#include "core/sync/desk_sync_service.h"

#include "core/base/log_text.h"

namespace complaint {
namespace {

Error with_key(Error error, const char* key) {
  error.key = key;
  return error;
}

Error unauthenticated() {
  // One answer for an unknown kiosk and a bad signature: no probing for kiosk ids.
  return with_key(
      Error::make(ErrorCode::unauthenticated, "the request signature does not verify", "verify_request", 401),
      "desk.error.signature");
}

}  // namespace

DeskSyncService::DeskSyncService(DeskRepository& repository, const RequestSigner& signer, const Clock& clock,
                                 DeskSyncLimits limits, Log log)
    : m_repository(repository), m_signer(signer), m_clock(clock), m_limits(limits), m_log(std::move(log)) {}

void DeskSyncService::log(const std::string& line) const {
  if (m_log) m_log(line);
}

// The kiosk of a shared key now signs with Ed25519 (its software was updated): from here on
// the desk keeps only the public key, so no later copy of the database can sign as it.
// Best effort: when the store fails, the next request tries again.
void DeskSyncService::forget_shared_key(const KioskRecord& kiosk) {
  auto public_key = kiosk_public_key_hex(m_signer, kiosk.keys.shared_key_hex);
  auto replaced = public_key.ok() ? m_repository.replace_kiosk_key(kiosk.kiosk_id, *public_key)
                                  : Result<bool>(public_key.error());
  log(replaced.ok() ? "sync: kiosk=" + kiosk.kiosk_id + " signs with Ed25519; its shared key is forgotten"
                    : "sync: kiosk=" + kiosk.kiosk_id +
                          " signs with Ed25519, but its shared key stays: " + replaced.error().message);
}

HttpResponse DeskSyncService::handle(const HttpRequest& request) {
  auto answer = handle_checked(request);
  if (answer.ok()) return HttpResponse{200, std::move(answer).value(), std::nullopt};
  const Error& error = answer.error();
  const int status = http_status_for(error);
  log("sync: refused " + std::to_string(status) + " kiosk=" + log_safe(request.header(kHeaderKiosk)) + ": " +
      error.message);
  return HttpResponse{status, error_to_json(error), std::nullopt};
}

Result<std::string> DeskSyncService::handle_checked(const HttpRequest& request) {
  if (request.body.size() > m_limits.max_body_bytes) {
    Error error = Error::make(ErrorCode::too_large, "the body is " + std::to_string(request.body.size()) +
                                                        " bytes; the limit is " +
                                                        std::to_string(m_limits.max_body_bytes));
    error.field = "body";
    error.key = "desk.error.too_large";
    return error;
  }
  TRY_ASSIGN(const SignedHeaders headers, read_signed_headers(request));
  TRY_ASSIGN(const std::optional<KioskRecord> kiosk, m_repository.find_kiosk(headers.kiosk_id));
  if (!kiosk) return unauthenticated();
  const Instant now = m_clock.now();
  auto verified = verify_request(request, headers, m_signer, kiosk->keys, now, m_limits.clock_skew);
  if (!verified.ok())
    return verified.error().key == "desk.error.stale" ? verified.error() : unauthenticated();
  // Remembered before the payload is read: a replay is refused even if the original failed.
  TRY_VOID(m_repository.remember_nonce(headers.kiosk_id, headers.nonce, now, now - 2 * m_limits.clock_skew));
  if (headers.scheme == SignatureScheme::ed25519 && !kiosk->keys.shared_key_hex.empty()) {
    forget_shared_key(*kiosk);
  }

  TRY_ASSIGN(const SyncBatch batch, batch_from_json(request.body));
  if (batch.kiosk_id != headers.kiosk_id) {
    return with_key(Error::make(ErrorCode::forbidden, "the batch names kiosk " + batch.kiosk_id +
                                                          " but was signed by " + headers.kiosk_id),
                    "desk.error.wrong_kiosk");
  }
  TRY_ASSIGN(StoredBatch stored, m_repository.store_synced(batch, now));
  for (const ItemRefusal& refusal : stored.refused) {
    // The number and the message quote what the kiosk sent: escaped, whatever the sink does.
    log("sync: kiosk=" + batch.kiosk_id + " refused outbox_id=" + std::to_string(refusal.outbox_id) +
        " ticket=" + log_safe(refusal.ticket_number) + " field=" + refusal.reason.field +
        " key=" + refusal.reason.key + ": " + log_safe(refusal.reason.message));
  }
  TRY_ASSIGN(ChangeFeed feed,
             m_repository.changes_for_kiosk(batch.kiosk_id, batch.cursor, m_limits.feed_limit));
  if (!batch.items.empty() || !feed.updates.empty()) {
    log("sync: kiosk=" + batch.kiosk_id + " items=" + std::to_string(batch.items.size()) + " tickets_added=" +
        std::to_string(stored.tickets_added) + " events_added=" + std::to_string(stored.events_added) +
        " duplicates=" + std::to_string(stored.duplicates) + " refused=" +
        std::to_string(stored.refused.size()) + " updates_out=" + std::to_string(feed.updates.size()));
  }
  for (const HelpRequest& request : batch.help_requests) {
    log("sync: kiosk=" + batch.kiosk_id + " help request " + std::to_string(request.id) + " from screen " +
        request.screen);
  }
  SyncAnswer answer;
  answer.acknowledged = std::move(stored.acknowledged);
  answer.help_acknowledged = std::move(stored.help_acknowledged);
  answer.refused = std::move(stored.refused);
  answer.updates = std::move(feed.updates);
  answer.cursor = feed.cursor;
  answer.more = feed.more;
  if (m_calendar) {
    StoredCalendar calendar = m_calendar();
    answer.calendar_version = calendar.version;
    if (batch.calendar_version != calendar.version) {
      log("sync: kiosk=" + batch.kiosk_id + " calendar " + calendar.version + " sent (it had '" +
          batch.calendar_version + "')");
      answer.calendar = std::move(calendar.document);
    }
  }
  return answer_to_json(answer);
}

}  // namespace complaint
