// CtlContext: what every complaintctl command needs — parsed global options, the
// deployment's config, taxonomy, calendar and an open store — plus the CLI's output
// conventions (JSON errors on stderr; exit 2 for bad input, 1 for other failures).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/clock.h"
#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/notify/notify_config.h"
#include "core/store/sqlite_store.h"
#include "desk/desk_config.h"
#include "drivers/postgres/desk_stores.h"
#include "drivers/printer/receipt_printer.h"
#include "kiosk/kiosk_config.h"

namespace complaint::ctl {

// kExitWarning: the command did its work but something needs the operator soon (check: a
// year's holiday arrangement is missing).
enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitBadInput = 2, kExitWarning = 3 };

struct GlobalOptions {
  std::string db_path;
  std::string config_path;
  bool json = false;
  // --now ISO8601: every command runs as of this instant (a FixedClock), for what-if checks,
  // overdue lists and tests. Empty: the system clock.
  std::string now;
  // The command works on no database (notify test): --db is not opened.
  bool no_store = false;
};

class CtlContext {
 public:
  static Result<std::unique_ptr<CtlContext>> open(const GlobalOptions& options);

  const GlobalOptions& options() const { return m_options; }
  const Config& config() const { return m_config; }
  const ReceiptPrinterConfig& printer_config() const { return m_printer; }
  const NotifyConfig& notify_config() const { return m_notify; }
  const Taxonomy& taxonomy() const { return m_taxonomy; }
  const WorkCalendar& calendar() const { return *m_calendar; }
  // The SQLite file's store (kiosk or desk); absent when --db names a PostgreSQL desk.
  SqliteTicketStore& store() { return *m_store; }
  // The tickets of --db whatever its engine: the SQLite store, or the PostgreSQL desk's
  // (opened on first use). For the commands main.cpp lets run on PostgreSQL.
  Result<TicketRepository*> tickets();
  const Clock& clock() const { return *m_clock; }
  // A desk database (--db PostgreSQL, or a SQLite file holding the desk's tables): its stores,
  // opened on first use; nullptr for a kiosk's file.
  Result<DeskStores*> desk_stores();
  // Replaces calendar() with the organisation's: on a desk's database the imported years
  // laid over the config's data; on a kiosk's file the calendar the desk last sent it (the
  // config's until the first sync brings one).
  Result<void> use_organisation_calendar();

 private:
  GlobalOptions m_options;
  Config m_config;
  // The programs' own sections of the same file: read (no command uses them yet) so that a
  // wrong value or unknown key in them is reported by complaintctl too.
  KioskSettings m_kiosk;
  DeskConfig m_desk;
  ReceiptPrinterConfig m_printer;
  NotifyConfig m_notify;
  Taxonomy m_taxonomy;
  std::unique_ptr<WorkCalendar> m_calendar;
  std::unique_ptr<SqliteTicketStore> m_store;
  std::unique_ptr<DeskStores> m_desk_stores;
  std::unique_ptr<Clock> m_clock;
};

// A catalog text in both languages, one line each (zh-CN, then en): the operator may read
// either, and a log keeps both.
std::string both_languages(const std::string& key, const std::map<std::string, std::string>& values);
// Prints {"error": ..., "field": ...} on stderr and returns the exit code for it.
int report_error(const Error& error);
// Pulls "--name value" out of args; returns nullopt when absent, error when the value is.
Result<std::optional<std::string>> take_option(std::vector<std::string>& args, const std::string& name);
bool take_flag(std::vector<std::string>& args, const std::string& name);
Error usage_error(const std::string& message);
// The ticket a typed number names (hyphens optional) on --db, either engine; a not_found
// error naming it when there is none.
Result<Ticket> find_ticket(CtlContext& context, const std::string& typed);
// --as-of ISO8601 (report, export): the instant it names, or now when absent.
Result<Instant> as_of_option(const CtlContext& context, const std::optional<std::string>& text);

}  // namespace complaint::ctl
