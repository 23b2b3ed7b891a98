// DeskContext: what route handlers share — configuration, the stores, crypto, the clock,
// the resources loaded at start (catalogs, taxonomy, calendar, the filing service) and the log. Built once in
// main.cpp (the only place that picks implementations); handlers run on several server threads, so everything
// here is thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "core/attachments/attachment_store.h"
#include "core/base/clock.h"
#include "core/calendar/organisation_calendar.h"
#include "core/config/config.h"
#include "core/desk_state/desk_state_store.h"
#include "core/notify/notice_store.h"
#include "core/printing/printer.h"
#include "core/printing/receipt_renderer.h"
#include "core/store/connection_keeper.h"
#include "core/store/ticket_repository.h"
#include "core/sync/desk_repository.h"
#include "core/sync/request_auth.h"
#include "desk/desk_config.h"
#include "desk/desk_resources.h"

namespace complaint::desk {

struct DeskContext {
  const Config& config;
  const DeskConfig& settings;  // [desk]: the server's own section
  TicketRepository& tickets;   // the register: tracking page and console read and apply here
  DeskRepository& desk;        // sync, kiosk registry, staff accounts
  DeskStateStore& state;       // staff sessions, sign-in throttle, form secrets (shared by desks)
  const RequestSigner& signer;
  const Clock& clock;
  DeskResources& resources;
  std::function<void(std::string_view)> log;  // one line to stdout (journald)
  // Staff passwords: true only when `password` matches the stored argon2id hash
  // (libsodium, set by main.cpp). Unset: every staff login is refused.
  std::function<bool(std::string_view hash, std::string_view password)> verify_password = {};
  // A new password's argon2id hash (libsodium, set by main.cpp), for a supervisor resetting a
  // staff password. Unset: the reset is refused.
  std::function<Result<std::string>(const std::string& password)> hash_password = {};
  // How the database connection stands (PostgreSQL); unset or nullopt: a SQLite file.
  std::function<std::optional<DatabaseState>()> database_state = {};
  // The organisation's holiday calendar (the desk's config with the imports stored in the
  // database); unset: sync answers carry no calendar.
  OrganisationCalendar* calendar = nullptr;
  // The notification outbox (core/notify): the ticket page shows each notice's state and the
  // provider's last answer. Unset: no notices shown.
  NoticeStore* notices = nullptr;
  // Tickets' attachments (core/attachments) and the SHA-256 of their bytes (libsodium, set by
  // main.cpp). Either unset: the ticket page lists none and uploads are refused.
  AttachmentStore* attachments = nullptr;
  std::function<std::string(std::string_view)> sha256_hex = {};
  // Intake at the desk: the receipt's renderer (cairo, set by main.cpp; unset: no receipt PDF
  // and nothing printed) and the CUPS queue of [desk] receipt_printer (unset: not configured).
  ReceiptRenderer* receipt_renderer = nullptr;
  Printer* receipt_printer = nullptr;
};

}  // namespace complaint::desk
