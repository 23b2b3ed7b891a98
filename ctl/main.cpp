// complaintctl: the admin command line for kiosk and desk. Global options may appear
// anywhere: --db PATH, --config PATH, --json, --now ISO8601. Exit 0 ok, 1 failure, 2 bad input.
#include <sys/stat.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "ctl/commands.h"
#include "drivers/postgres/desk_stores.h"

namespace {

constexpr const char* kUsage =
    R"(usage: complaintctl [--db PATH] [--config PATH] [--json] [--now ISO8601] COMMAND ...

--now ISO8601                run the command as of that instant (what-if checks, overdue lists)

commands:
  file                       file one ticket read as JSON from stdin
  show NUMBER [--lang L]     the full record, its audit trail in words (zh-CN or en) and (on a desk) its attachments
  attachment NUMBER ID -o FILE   save one of a ticket's attachments (a desk's --db)
  list [--status S] [--overdue | --overdue-at ISO8601] [--category ID]
       [--investigation open|closed]   not-voluntary withdrawals by their investigation
  transition NUMBER ACTION [--role R] [--actor NAME] [--note TEXT] [--department D]
             [--verification T] [--opinion T] [--result T] [--satisfaction S]
             [--callback-note T] [--voluntary yes|no] [--repeat-of NUMBER]
             [--cause T] [--accountability T] [--measures T] [--handler-phone P]
             [--customer-answer T]
                                 reply: the transfer form's answer (--satisfaction: the
                                 customer's view as the department reports it;
                                 --customer-answer: shown on the customer's tracking page)
             [--substantiated substantiated|unsubstantiated|partly]
             [--responsible-department D] [--responsible-person P]
             [--category ID] [--kind ID] [--severity light|general|major]
                                 reclassify; declare_major, clear_major (--note: the reason)
             [--resolve-by DATE|ISO8601|PERIOD] [--reason-category C]   (extend; --note: why)
             [--at ISO8601]      when it happened, if entered later (not in the future,
                                 not before the ticket's latest event)
             actions of the callback step: callback (staff, within the window),
             customer_rating (--role customer), escalate, settle_escalation and
             close_investigation (leaders; the reason or finding is --note)
  search [TEXT] [--number N] [--check-code C] [--phone P] [--name N] [--words W] [--from DATE] [--to DATE]
         [--state any|open|archived|withdrawn] [--limit N]
                             (desk db) find tickets as the console's search does (number with or
                             without hyphens, phone or its last 4 digits, start of a name, words of
                             2+ characters, filing dates); every department, newest first
  validate NUMBER            check a number's check character
  export --month YYYY-MM [--format csv] [--lang zh-CN|en] [--as-of ISO8601]
                             the month's register (台帐), with every clock's outcome
  report [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY | --from DATE --to DATE]
         [--as-of ISO8601] [--format json|csv|pdf] [--lang zh-CN|en] [-o FILE]
                             the period's statistics (docs/DOMAIN.md §9)
  record-form NUMBER [--form record|transfer] [--lang zh-CN|en] -o FILE
                             (desk db) the complaint's record form (客户投诉记录表) or its transfer
                             form (转办单) as an A4 PDF, as the console prints it
  backup PATH [--keep N]     online backup of the database; with --keep, PATH is a folder that
                             gets desk-<UTC time>.db and keeps the newest N
  restore PATH               (SQLite desk) check a backup (integrity, schema not newer than this
                             program) on a copy, then replace --db with it; nothing changes on error
  check                      integrity check of the database, and the holiday calendar: exit 3
                             when a year's arrangement is missing (from 1 November the next year's)
  calendar import FILE       (desk db) store a year's holidays and make-up working days for the
                             organisation: the open JSON format (name, date, isOffDay) or .ics
  calendar show              the calendar in effect: years, source, days
  retention run [--dry-run] [--as-of ISO8601]
                             (desk db) anonymise closed tickets whose retention expired
                             ([retention] in --config; docs/DOMAIN.md §11)
  hold NUMBER on|off --actor NAME [--role supervisor|executive] [--note TEXT]
                             legal hold: stops the ticket's retention clock (audited)
  provision FILE [--write CONFIG] [--printer-env ENV] [--lang en,zh-CN]
                             validate a kiosk's provisioning file (kiosk image); write its config;
                             problems reported in each --lang (default en)
  desk kiosk add KIOSK_ID    (desk db) register a kiosk; prints its new secret key
  desk kiosk rekey KIOSK_ID  (desk db) a new key pair for a kiosk; prints its new secret key
  desk kiosk list            (desk db) registered kiosks, their key kind and last sync
  desk user add NAME --role ROLE [--password-stdin]
                             (desk db) staff account; password asked for on a terminal (echo
                             off, twice), else the first line of stdin; roles: intake_clerk,
                             dispatcher, handler, supervisor, executive; --departments ID,...
  desk user list | user set NAME [--role R] [--departments ID,...] | user disable NAME
  desk user enable NAME | user password NAME
                             (desk db) staff accounts; a disabled account's sessions end at once
  desk department add ID --zh NAME --en NAME | desk department list
                             (desk db) the departments tickets are forwarded to (add or rename)
  sync                       send the outbox to the desk once ([sync] in --config); exit 1 if rows remain
  reprint NUMBER [--printer QUEUE] [--format escpos|pdf|png] [--paper 58|80]
                             print a ticket's receipt again; exit 0 only when the job completed
  print-test [--printer QUEUE] [--format F] [--paper P] [--lang zh-CN|en]
                             a test page; without options both use the config's [printer]
  notify test --channel email --to ADDRESS [--lang zh-CN|en]
                             send a test notice through [notify] in --config; prints the
                             server's answer, exit 1 with its error when it refuses

defaults: --db $COMPLAINT_DB or var/kiosk.db; --config $COMPLAINT_CONFIG or built-in defaults
desk, transition, export, report, record-form, retention, hold and search take a PostgreSQL --db too: postgresql://... or a libpq key=value string, also
with several hosts, e.g. "host=db1,db2 dbname=complaints target_session_attrs=read-write"
)";

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace complaint::ctl;
  // Databases, backups, exports and written configs hold customers' data or keys: never
  // readable by other users, whatever the admin's shell umask (the units set UMask=0027).
  ::umask(::umask(0) | 027);
  Args args(argv + 1, argv + argc);
  if (args.empty() || take_flag(args, "--help") || take_flag(args, "-h")) {
    std::cout << kUsage;
    return args.empty() && argc == 1 ? kExitBadInput : kExitOk;
  }
  GlobalOptions options;
  options.json = take_flag(args, "--json");
  auto db = take_option(args, "--db");
  auto config = take_option(args, "--config");
  auto now = take_option(args, "--now");
  if (!db.ok()) return report_error(db.error());
  if (!config.ok()) return report_error(config.error());
  if (!now.ok()) return report_error(now.error());
  options.now = now->value_or("");
  options.db_path = db->value_or(env_or("COMPLAINT_DB", "var/kiosk.db"));
  options.config_path = config->value_or(env_or("COMPLAINT_CONFIG", ""));
  if (args.empty()) return report_error(usage_error("no command given"));

  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "validate") return cmd_validate(std::move(args));
  if (command == "provision") return cmd_provision(std::move(args));
  // The database to replace may be the damaged one: restore opens no store on it first.
  if (command == "restore") return cmd_restore(options, std::move(args));

  using Handler = int (*)(CtlContext&, Args);
  static const std::map<std::string, Handler> handlers = {
      {"file", cmd_file},
      {"show", cmd_show},
      {"attachment", cmd_attachment},
      {"list", cmd_list},
      {"transition", cmd_transition},
      {"search", cmd_search},
      {"export", cmd_export},
      {"report", cmd_report},
      {"record-form", cmd_record_form},
      {"backup", cmd_backup},
      {"check", cmd_check},
      {"desk", cmd_desk},
      {"sync", cmd_sync},
      {"reprint", cmd_reprint},
      {"print-test", cmd_print_test},
      {"retention", cmd_retention},
      {"hold", cmd_hold},
      {"calendar", cmd_calendar},
      {"notify", cmd_notify},
  };
  const auto handler = handlers.find(command);
  if (handler == handlers.end()) return report_error(usage_error("unknown command '" + command + "'"));
  // The commands that work on a desk's PostgreSQL database as well as on a SQLite file.
  static const std::set<std::string> on_postgres = {"desk",      "transition", "export",     "report",
                                                    "retention", "hold",       "calendar",   "notify",
                                                    "search",    "show",       "attachment", "record-form"};
  if (!on_postgres.contains(command) && complaint::is_postgres_database(options.db_path)) {
    return report_error(usage_error(
        "a PostgreSQL --db serves only the desk, transition, export, report, retention, hold, calendar, "
        "search, show, attachment and record-form commands"));
  }
  options.no_store = command == "notify";  // a test notice touches no database
  auto context = CtlContext::open(options);
  if (!context.ok()) return report_error(context.error());
  return handler->second(**context, std::move(args));
}
