// CtlContext set-up and the CLI's shared argument and error helpers.
#include "ctl/ctl_context.h"

#include "core/calendar/organisation_calendar.h"
#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "drivers/postgres/desk_stores.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

namespace complaint::ctl {

Result<std::unique_ptr<CtlContext>> CtlContext::open(const GlobalOptions& options) {
  auto context = std::unique_ptr<CtlContext>(new CtlContext());
  context->m_options = options;
  context->m_clock = std::make_unique<SystemClock>();
  if (options.config_path.empty()) {
    context->m_config = Config::defaults();
  } else {
    // complaintctl administers both programs: it reads (and so checks) every section.
    const auto sections = joined_sections(
        {kiosk_config_sections(context->m_kiosk), desk_config_sections(context->m_desk),
         receipt_printer_sections(context->m_printer), notify_config_sections(context->m_notify)});
    TRY_ASSIGN(context->m_config, Config::load_file(options.config_path, sections));
  }
  for (const std::string& warning : context->m_config.warnings) {
    std::cerr << "complaintctl: config: " << warning << "\n";
  }
  TRY_ASSIGN(context->m_taxonomy, Taxonomy::load_configured(context->m_config.taxonomy_path));
  TRY_ASSIGN(WorkCalendar calendar, WorkCalendar::create(context->m_config.calendar));
  context->m_calendar = std::make_unique<WorkCalendar>(std::move(calendar));
  if (!options.now.empty()) {
    auto now = context->m_calendar->zone().parse_iso8601(options.now);
    if (!now.ok()) {
      return Error::invalid("now", "error.at.invalid",
                            "--now must be an ISO 8601 time, e.g. 2026-12-15T09:00:00+08:00");
    }
    context->m_clock = std::make_unique<FixedClock>(*now);
  }
  // A PostgreSQL desk database is opened by the commands that serve it (tickets(), cmd_desk).
  if (options.no_store || is_postgres_database(options.db_path)) return context;
  TRY_ASSIGN(context->m_store, SqliteTicketStore::open(options.db_path));
  return context;
}

std::string both_languages(const std::string& key, const std::map<std::string, std::string>& values) {
  std::string out;
  for (const char* language : {"zh-CN", "en"}) {
    auto catalog = Catalog::load(assets_dir() + "/i18n", language);
    if (catalog.ok()) out += catalog->format(key, values) + "\n";
  }
  return out;
}

Result<TicketRepository*> CtlContext::tickets() {
  if (m_store) return m_store.get();
  if (!m_desk_stores) {
    TRY_ASSIGN(DeskStores stores, open_desk_stores(m_options.db_path));
    m_desk_stores = std::make_unique<DeskStores>(std::move(stores));
  }
  return &m_desk_stores->tickets();
}

Result<DeskStores*> CtlContext::desk_stores() {
  if (m_desk_stores) return m_desk_stores.get();
  // A kiosk's file has no kiosks table; opening the desk's stores on it would add them.
  if (m_store && !m_store->count_rows("kiosks").ok()) return static_cast<DeskStores*>(nullptr);
  // On the SQLite file already open (and checked): its check is not run again.
  TRY_ASSIGN(DeskStores stores, m_store ? open_desk_stores(*m_store) : open_desk_stores(m_options.db_path));
  m_desk_stores = std::make_unique<DeskStores>(std::move(stores));
  return m_desk_stores.get();
}

Result<void> CtlContext::use_organisation_calendar() {
  TRY_ASSIGN(DeskStores* const desk, desk_stores());
  CalendarConfig merged;
  if (desk != nullptr) {
    TRY_ASSIGN(merged, organisation_calendar(m_config.calendar, desk->state()));
  } else {
    // A kiosk's file: the calendar the desk last sent it, as complaint-kiosk counts.
    TRY_ASSIGN(const auto sync_store, SqliteKioskSyncStore::open(m_options.db_path));
    TRY_ASSIGN(const std::optional<StoredCalendar> received, sync_store->calendar());
    if (!received) return Ok{};
    TRY_ASSIGN(merged, with_received_calendar(m_config.calendar, *received));
  }
  TRY_ASSIGN(const WorkCalendar calendar, WorkCalendar::create(merged));
  // Adopted, not replaced: commands hold references to the calendar and its zone.
  m_calendar->adopt_days(calendar);
  return Ok{};
}

Result<Ticket> find_ticket(CtlContext& context, const std::string& typed) {
  TRY_ASSIGN(const std::string number, normalize_ticket_number(typed));
  TRY_ASSIGN(TicketRepository* const tickets, context.tickets());
  TRY_ASSIGN(std::optional<Ticket> ticket, tickets->find(number));
  if (!ticket) return Error::not_found("number", "error.ticket.not_found", "no ticket " + number);
  return std::move(*ticket);
}

int report_error(const Error& error) {
  nlohmann::json out{{"error", error.message}, {"field", error.field}, {"code", to_string(error.code)}};
  if (!error.key.empty()) out["key"] = error.key;
  if (!error.call.empty()) out["call"] = error.call;
  if (error.status != 0) out["status"] = error.status;
  std::cerr << out.dump() << "\n";
  return error.code == ErrorCode::invalid_input ? kExitBadInput : kExitFailure;
}

Result<std::optional<std::string>> take_option(std::vector<std::string>& args, const std::string& name) {
  const auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end()) return std::optional<std::string>{};
  if (it + 1 == args.end()) return usage_error(name + " needs a value");
  std::string value = *(it + 1);
  args.erase(it, it + 2);
  return std::optional<std::string>{std::move(value)};
}

bool take_flag(std::vector<std::string>& args, const std::string& name) {
  const auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end()) return false;
  args.erase(it);
  return true;
}

Result<Instant> as_of_option(const CtlContext& context, const std::optional<std::string>& text) {
  if (!text) return context.clock().now();
  auto parsed = context.calendar().zone().parse_iso8601(*text);
  if (!parsed.ok()) {
    return Error::invalid("as_of", "error.at.invalid",
                          "--as-of must be an ISO 8601 time, e.g. 2026-12-01T00:00:00+08:00");
  }
  return *parsed;
}

Error usage_error(const std::string& message) {
  return Error::invalid("", "error.usage", message + " (see complaintctl --help)");
}

}  // namespace complaint::ctl
