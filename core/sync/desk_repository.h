// DeskRepository: what the desk stores beyond TicketRepository — tickets numbered at
// kiosks arriving by sync (idempotent on (kiosk_id, outbox_id)), the change feed back to
// each kiosk, the kiosk registry with their keys, seen nonces and staff accounts.
// SqliteDeskStore (core/store/sqlite_desk_store.h) implements it on the desk's SQLite
// file; a PostgreSQL store implements it later. FaultyDeskRepository scripts failures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/sync/request_auth.h"
#include "core/sync/sync_protocol.h"
#include "core/sync/ticket_search.h"
#include "core/workflow/workflow.h"

namespace complaint {

struct KioskRecord {
  std::string kiosk_id;
  KioskKeys keys;  // new kiosks: the public key only; registered before: the shared key
  Instant created_at{};
  std::optional<Instant> last_sync_at;
};

struct StaffUser {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::intake_clerk;
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id)
  Instant created_at{};
  // Where notices reach the person (core/notify); empty: not by that channel.
  std::string email = {};
  std::string im_user_id = {};  // the office IM's user id (mobile number or user id), for @-mentions
  // Department ids (core/desk_state/departments.h): a handler sees these departments' tickets
  // and is told of the tickets forwarded to them.
  std::vector<std::string> departments = {};
  bool disabled = false;  // a disabled account cannot sign in and its sessions end at once
};

// The parts of an account update_user_contact changes.
struct StaffContact {
  std::string email;
  std::string im_user_id;
};

// The staff console's queue (open tickets only), chosen and ordered in the store so a large
// register is not read whole: earliest pending deadline first, nothing due last.
struct DeskQueueQuery {
  std::optional<Status> status;
  std::string category;  // empty: any
  std::string department;
  std::optional<bool> major;
  std::optional<bool> group;  // members of a group complaint (群体投诉) or not
  // The account's departments (department_scope): only their tickets; nullopt: every department.
  std::optional<std::vector<std::string>> departments_in;
  std::vector<std::string> hidden_kinds;  // confidential for this role: left out
  std::vector<std::string> hidden_categories;
  Instant now{};
  int limit = 200;
};

struct DeskQueuePage {
  std::vector<Ticket> tickets;           // at most limit, in queue order
  std::int64_t total = 0;                // matching open tickets
  std::int64_t overdue = 0;              // of those, with a pending deadline before now
  std::vector<std::string> departments;  // of all open tickets, sorted, for the filter
};

struct StoredBatch {
  std::vector<std::int64_t> acknowledged;  // every item of the batch the desk holds, new or already held
  std::vector<ItemRefusal> refused;        // the others, with why (synced_item_rules.h)
  int tickets_added = 0;
  int events_added = 0;
  int duplicates = 0;                           // items the desk already held (a retry after a lost answer)
  std::vector<std::int64_t> help_acknowledged;  // the batch's help requests, all held now
};

struct ChangeFeed {
  std::vector<StatusUpdate> updates;
  std::int64_t cursor = 0;  // send this next time; never smaller than the one given
  bool more = false;        // the limit cut the feed short: ask again
};

// What both desk stores answer when remember_nonce hits the unique (kiosk, nonce) key: the
// store's conflict, reworded as the replay it is. Other errors pass unchanged.
inline Error replay_error(Error error, const std::string& kiosk_id, const std::string& nonce) {
  if (error.code != ErrorCode::conflict) return error;
  error.message = "nonce " + nonce + " was already used by kiosk " + kiosk_id + " (a replayed request)";
  error.key = "desk.error.replay";
  return error;
}
// What both desk stores refuse in a sync batch: an item whose ticket the batch does not
// carry (the whole batch), and a ticket that another kiosk filed (the item).
inline Error item_without_ticket_error(const std::string& number) {
  return Error::invalid("items", "desk.error.schema", "item for " + number + " has no ticket");
}
inline Error foreign_ticket_error(const std::string& number) {
  Error error = Error::make(ErrorCode::forbidden, "ticket " + number + " belongs to another kiosk");
  error.field = "kiosk_id";
  error.key = "desk.refused.wrong_kiosk";
  return error;
}

class DeskRepository {
 public:
  virtual ~DeskRepository() = default;

  // Stores the batch's items the desk does not hold yet, all in one transaction: a
  // ticket from its snapshot, an event appended to the audit trail. While the desk has
  // not changed a ticket itself, the kiosk's snapshot also updates the desk's copy. An item
  // that breaks a rule of synced_item_rules.h is refused (StoredBatch::refused), the rest stored.
  virtual Result<StoredBatch> store_synced(const SyncBatch& batch, Instant at) = 0;
  // The group complaint policy store_synced runs the batch's new tickets through
  // (core/escalation/group_complaints.h); the default policy until the desk sets its [policy].
  void set_group_policy(GroupPolicy policy) { m_group_policy = std::move(policy); }
  const GroupPolicy& group_policy() const { return m_group_policy; }
  // Desk-made events on `kiosk_id`'s tickets after `cursor`, at most `limit` events,
  // grouped per ticket with its current state. Events the kiosk sent are never echoed.
  virtual Result<ChangeFeed> changes_for_kiosk(const std::string& kiosk_id, std::int64_t cursor,
                                               int limit) = 0;

  // Kiosk registry. add_kiosk: conflict when the id exists.
  virtual Result<void> add_kiosk(const KioskRecord& kiosk) = 0;
  // The kiosk's key becomes this Ed25519 public key, and a shared key it had is forgotten
  // (overwritten where the engine allows). False when no kiosk has the id.
  virtual Result<bool> replace_kiosk_key(const std::string& kiosk_id, const std::string& public_key_hex) = 0;
  virtual Result<std::optional<KioskRecord>> find_kiosk(const std::string& kiosk_id) = 0;
  virtual Result<std::vector<KioskRecord>> kiosks() = 0;
  // Records a request nonce; conflict when this kiosk used it before (a replay). Forgets
  // nonces seen before `forget_before` (older requests fail the timestamp check anyway).
  virtual Result<void> remember_nonce(const std::string& kiosk_id, const std::string& nonce, Instant at,
                                      Instant forget_before) = 0;

  // Staff accounts. add_user: conflict when the name exists.
  virtual Result<StaffUser> add_user(const StaffUser& user) = 0;
  virtual Result<std::optional<StaffUser>> find_user(const std::string& name) = 0;
  // Every account, by name (the notices' recipients too).
  virtual Result<std::vector<StaffUser>> users() = 0;
  // Sets the account's email and IM user id; false when no account has the name.
  virtual Result<bool> update_user_contact(const std::string& name, const StaffContact& contact) = 0;
  // Stores the account's role, password hash, departments and disabled flag (by name); false
  // when no account has the name.
  virtual Result<bool> update_user(const StaffUser& user) = 0;

  virtual Result<DeskQueuePage> queue(const DeskQueueQuery& query) = 0;
  // Tickets in any state matching every criterion given (core/sync/ticket_search.h), within
  // the search's scope, newest filing first: a page of `limit` after `offset`, and the count.
  virtual Result<TicketSearchPage> search(const TicketSearch& query) = 0;

  // Row count of a table the desk schema knows, for "changed nothing" checks.
  virtual Result<std::int64_t> count_rows(const std::string& table) = 0;

  // Help requests from kiosks (core/domain/help_request.h): the open ones (not attended),
  // oldest first, at most `limit`.
  virtual Result<std::vector<DeskHelpRequest>> open_help_requests(int limit) = 0;
  // Marks request `id` attended by `staff` at `at`; false when no open request has the id
  // (unknown, or attended already: the first to come keeps the record).
  virtual Result<bool> attend_help_request(std::int64_t id, const std::string& staff, Instant at) = 0;

 private:
  GroupPolicy m_group_policy;
};

}  // namespace complaint
