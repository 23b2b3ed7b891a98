// complaint-desk: the service-desk server. `complaint-desk --listen HOST:PORT --db PATH
// [--config PATH]`; logs to stdout (journald), stops gracefully on SIGTERM/SIGINT
// (in-flight requests are answered, the stores closed). The only place that picks
// implementations: the stores (open_desk_stores), libsodium signer, the system clock. A lost
// PostgreSQL connection is reconnected (DatabaseWatch, ConnectionKeeper); only after
// [desk] db_give_up_seconds without it does the desk exit 1, for systemd to restart it.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "core/base/ip_address.h"
#include "core/base/log_text.h"
#include "core/notify/notice_scheduler.h"
#include "desk/database_watch.h"
#include "desk/http_server.h"
#include "desk/notice_loop.h"
#include "desk/routes/routes.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/notify/smtp_sender.h"
#include "drivers/postgres/desk_stores.h"
#include "drivers/printer/cups_printer.h"
#include "drivers/receipt_render/cairo_receipt_renderer.h"
#include "drivers/webhooks/group_senders.h"

namespace {

using namespace complaint;

constexpr const char* kUsage =
    "usage: complaint-desk --listen HOST:PORT --db PATH [--config PATH]\n"
    "  --listen  address to serve on (port 0: any free port); default [desk] listen\n"
    "  --db      the desk's SQLite file (created if missing), or a PostgreSQL database\n"
    "            (schema created if missing): postgresql://... or a libpq key=value string;\n"
    "            several hosts with target_session_attrs=read-write follow a failover;\n"
    "            default [desk] db\n"
    "  --config  TOML configuration (assets/config.example.toml)\n";

std::mutex g_log_mutex;

// The one sink of the desk's log: every line passes log_safe, so nothing a client sends (a
// path, a typed name) can start a forged line in the journal.
void log_line(std::string_view raw) {
  const std::string line = log_safe(raw);
  std::lock_guard lock(g_log_mutex);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

int fail(const Error& error) {
  log_line("complaint-desk: " + error.message + (error.call.empty() ? "" : " (" + error.call + ")"));
  return error.code == ErrorCode::invalid_input || error.code == ErrorCode::config ? 2 : 1;
}

struct Arguments {
  std::string listen;
  std::string db;
  std::string config;
};

Result<Arguments> parse_arguments(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    std::string* target = name == "--listen"   ? &arguments.listen
                          : name == "--db"     ? &arguments.db
                          : name == "--config" ? &arguments.config
                                               : nullptr;
    if (target == nullptr || i + 1 >= argc) {
      return Error::invalid(name, "desk.error.usage",
                            "unknown or incomplete option '" + name + "'\n" + kUsage);
    }
    *target = argv[++i];
  }
  return arguments;
}

int serve(int argc, char** argv) {
  auto arguments = parse_arguments(argc, argv);
  if (!arguments.ok()) return fail(arguments.error());
  DeskConfig settings;  // [desk], read with core's sections
  NotifyConfig notify;  // [notify]: the delivery worker and its senders
  auto config = arguments->config.empty()
                    ? Result<Config>(Config::defaults())
                    : Config::load_file(arguments->config, joined_sections({desk_config_sections(settings),
                                                                            notify_config_sections(notify)}));
  if (!config.ok()) return fail(config.error());
  for (const std::string& warning : config->warnings) log_line("complaint-desk: config: " + warning);
  const std::string listen = arguments->listen.empty() ? settings.listen : arguments->listen;
  const std::string db = arguments->db.empty() ? settings.db : arguments->db;
  auto address = desk::parse_listen_address(listen);
  if (!address.ok()) return fail(address.error());

  auto signer = SodiumSigner::create();
  if (!signer.ok()) return fail(signer.error());
  // The SQLite file or a PostgreSQL database (open_desk_stores decides): one
  // TicketRepository and one DeskRepository to the routes either way.
  SystemClock clock;
  ConnectionOptions connection;
  connection.clock = &clock;
  connection.reconnect.backoff.cap = std::chrono::seconds(settings.db_retry_max_seconds);
  connection.reconnect.backoff.base =
      std::min(connection.reconnect.backoff.base, connection.reconnect.backoff.cap);
  connection.reconnect.give_up_after = std::chrono::seconds(settings.db_give_up_seconds);
  connection.log = log_line;
  auto stores = open_desk_stores(db, connection);
  if (!stores.ok()) return fail(stores.error());
  TicketRepository* ticket_store = &stores->tickets();
  DeskRepository* desk_store = &stores->desk();
  // Kiosks' batches are run through the group complaint rule of [policy] (a filing at the
  // desk carries it in its request).
  desk_store->set_group_policy(group_policy_of(config->escalation));
  // Catalogs, taxonomy, calendar and console files load once, here: one that does not load
  // stops the desk (exit 2, systemd shows why) instead of leaving a route half-working.
  auto resources = desk::DeskResources::load(*config, *ticket_store, clock);
  if (!resources.ok()) return fail(resources.error());

  desk::DeskContext context{*config, settings, *ticket_store, *desk_store, stores->state(),
                            *signer, clock,    **resources,   log_line};
  context.verify_password = [](std::string_view hash, std::string_view password) {
    return complaint::verify_password(hash, password);
  };
  context.hash_password = [](const std::string& password) { return complaint::hash_password(password); };
  context.database_state = [&stores] { return stores->database_state(); };
  context.notices = &stores->notices();
  context.attachments = &stores->attachments();
  context.sha256_hex = [](std::string_view bytes) { return complaint::sha256_hex(bytes); };
  // Intake at the desk: the kiosk's receipt, as a PDF or on the desk's CUPS queue.
  CairoReceiptRenderer receipt_renderer;
  context.receipt_renderer = &receipt_renderer;
  std::optional<CupsPrinter> receipt_printer;
  if (!settings.receipt_printer.empty()) {
    receipt_printer.emplace(settings.receipt_printer);
    context.receipt_printer = &*receipt_printer;
  }
  // The desk is the source of the organisation's calendar: its config's data with the years
  // imported into the database laid over it, re-read every calendar_refresh_seconds.
  OrganisationCalendar calendar(config->calendar, *(*resources)->calendar, stores->state(), clock,
                                std::chrono::seconds(settings.calendar_refresh_seconds), log_line);
  // A database away at start (PostgreSQL) is retried on the next sync, as every store call is.
  if (auto loaded = calendar.reload(); !loaded.ok()) {
    log_line("complaint-desk: calendar: the stored calendar is not read yet: " + loaded.error().message);
  }
  (void)calendar.missing_years();  // logs a missing year at start
  context.calendar = &calendar;
  // The notification outbox's delivery worker on its own thread, on the same (thread-safe)
  // stores, each round after a scheduler round (reminders, overdue steps); with no sender
  // configured neither runs and notices wait in the outbox.
  std::vector<std::unique_ptr<NoticeSender>> senders;
  if (!notify.smtp_url.empty()) {
    auto made = make_smtp_sender(smtp_options(notify), clock);
    if (!made.ok()) return fail(made.error());
    senders.push_back(std::move(made).value());
  } else {
    log_line("complaint-desk: notify: email is not configured ([notify] smtp_url)");
  }
  auto groups = make_group_senders(notify, *signer, clock);
  if (!groups.ok()) return fail(groups.error());
  for (auto& group : *groups) senders.push_back(std::move(group));
  NoticeTextContext notice_text{(*resources)->catalog(notify.language), (*resources)->taxonomy,
                                (*resources)->calendar->zone(), notify.language, notify.console_url};
  // Customer notices: in the ticket's language, with the receipt's tracking link.
  notice_text.customer_catalog = [&resources](const std::string& language) -> const Catalog& {
    return (*resources)->catalog(language);
  };
  notice_text.tracking_url = config->tracking_url;
  std::unique_ptr<desk::NoticeLoop> notices;
  std::string channels;
  for (const auto& sender : senders) {
    const std::string name = sender->channel() == "email"
                                 ? "email through " + smtp_server_name(notify.smtp_url)
                                 : sender->channel();
    channels += (channels.empty() ? "" : ", ") + name;
  }
  if (senders.empty()) {
    log_line("complaint-desk: notify: no channel is configured; notices wait in the outbox");
  } else {
    auto jitter = [random = std::mt19937_64(std::random_device{}())]() mutable {
      return std::uniform_real_distribution<double>(0.0, 1.0)(random);
    };
    std::vector<NoticeSender*> used;
    for (const auto& sender : senders) used.push_back(sender.get());
    auto worker = std::make_unique<NoticeWorker>(
        NoticeWorker::Parts{stores->notices(), *ticket_store, *desk_store, notice_text, clock}, notify, used,
        desk::notice_worker_id(), std::move(jitter));
    auto scheduler = std::make_unique<NoticeScheduler>(
        NoticeScheduler::Parts{*desk_store, stores->notices(), clock, (*resources)->calendar->zone(),
                               (*resources)->calendar.get()},
        notify);
    notices = std::make_unique<desk::NoticeLoop>(
        std::move(worker), std::move(scheduler), std::chrono::seconds(notify.poll_seconds),
        std::chrono::seconds(notify.schedule_seconds), notify.batch, log_line);
  }
  desk::Router router;
  desk::add_all_routes(router, context);
  desk::ServerOptions options;
  options.host = address->first;
  options.port = address->second;
  options.threads = settings.threads;
  options.sync_threads = settings.sync_threads;
  options.sync_queue_limit = settings.sync_queue_limit;
  options.sync_busy_retry_seconds = settings.sync_busy_retry_seconds;
  options.max_body_bytes = static_cast<std::size_t>(settings.max_body_bytes);
  options.tls_cert = settings.tls_cert;
  options.tls_key = settings.tls_key;
  options.max_connections = settings.max_connections;
  options.max_connections_per_address = settings.max_connections_per_address;
  options.header_timeout_seconds = settings.header_timeout_seconds;
  options.body_timeout_seconds = settings.body_timeout_seconds;
  for (const std::string& proxy : settings.trusted_proxies) {
    if (const auto address = parse_ip_address(proxy)) options.trusted_proxies.push_back(*address);
  }
  options.retry_after_seconds = [&stores] {
    const auto state = stores->database_state();
    return state && !state->up ? static_cast<int>(state->retry_after.count()) : 1;
  };
  auto server = desk::DeskHttpServer::create(router, options, log_line);
  if (!server.ok()) return fail(server.error());
  if (auto bound = (*server)->bind(); !bound.ok()) return fail(bound.error());

  // Signals are taken by one thread with sigwait (blocked everywhere else, including the
  // server's workers started later), so stop() runs in ordinary thread context.
  std::thread watcher([&server] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGUSR1);
    int received = 0;
    sigwait(&signals, &received);
    if (received != SIGUSR1)
      log_line(std::string("complaint-desk: ") + strsignal(received) + ", shutting down");
    (*server)->stop();
  });
  const char* scheme = options.tls_cert.empty() ? "http" : "https";
  log_line(std::string("complaint-desk: listening on ") + scheme + "://" + options.host + ":" +
           std::to_string((*server)->bound_port()) + " db=" +
           (is_postgres_database(db) ? std::string("postgresql") : db));  // a conninfo may hold a password
  if (notices) {
    log_line("complaint-desk: notify: " + channels + " every " + std::to_string(notify.poll_seconds) + " s");
    notices->start();
  }
  Result<void> ran = Ok{};
  bool gave_up = false;
  {
    desk::DatabaseWatch database(
        [&stores] { return stores->database_state(); }, [&stores] { return stores->ping(); },
        [&server] {
          log_line(
              "complaint-desk: the database has been unreachable for [desk] db_give_up_seconds; exiting");
          (*server)->stop();
        });
    ran = (*server)->run();
    gave_up = database.gave_up();
  }
  pthread_kill(watcher.native_handle(), SIGUSR1);  // ends the watcher if no signal came
  watcher.join();
  if (notices) notices->stop();  // after the round in hand
  if (!ran.ok()) return fail(ran.error());
  if (gave_up) return 1;
  log_line("complaint-desk: stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a kiosk that hangs up mid-answer must not kill the desk
  return serve(argc, argv);
}
