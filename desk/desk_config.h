// The desk's own configuration section, [desk]. complaint-desk reads it with core's sections
// in one pass; complaintctl reads it too, for the desk commands' database.
#pragma once

#include <string>
#include <vector>

#include "core/config/config_file.h"

namespace complaint {

// [desk]: complaint-desk. The command line's --listen and --db override these.
struct DeskConfig {
  std::string listen = "127.0.0.1:8080";
  std::string db = "var/desk.db";
  int threads = 8;               // handler threads: requests answered at once (the store's work)
  int max_body_bytes = 1048576;  // larger requests get 413 and change nothing
  int clock_skew_seconds = 300;  // signed requests further off the desk's clock are refused
  std::string tls_cert;          // key tls_certificate: PEM chain; with tls_key: https only
  std::string tls_key;           // PEM private key; set both or neither (config checks)
  // The kiosks' sync requests (POST /api/v1/sync) have a lane of their own, so that pages,
  // console and health never wait behind them (threads answers those): sync_threads answer
  // sync requests, at most sync_queue_limit more wait for one, and the rest are told at once
  // to come back (503 desk.error.busy with Retry-After), before any store work.
  int sync_threads = 4;
  int sync_queue_limit = 32;        // 0: none waits
  int sync_busy_retry_seconds = 2;  // the busy answer's Retry-After
  // Slow and greedy clients (see desk/http_server.h): an open connection costs a socket, not a
  // thread, but sockets are finite. A connection that does not deliver its request in time is
  // closed; an address that holds too many connections has its next ones closed at once.
  int header_timeout_seconds = 10;       // from opening (or the previous answer) to the headers' end
  int body_timeout_seconds = 30;         // headers' end to body's end: 1 MiB needs 35 KB/s
  int max_connections = 1000;            // open at once, all clients together
  int max_connections_per_address = 32;  // per client address (IPv6: per /64); 0: no cap
  // The QR tracking page, per client address (a carrier's NAT puts many phones behind one):
  // every look-up counts against the loose limit, a failed one (unknown number, wrong token)
  // also against the strict one. 0: no limit.
  int tracking_rate_per_minute = 120;    // look-ups per address and minute
  int tracking_burst = 60;               // look-ups an address may make at once
  int tracking_failures_per_minute = 6;  // failed look-ups per address and minute
  int tracking_failure_burst = 10;       // failed look-ups an address may make at once
  // Reverse proxies in front of the desk (IP addresses): only from these is X-Forwarded-For
  // believed, for the per-address rate limit and the logs. Empty: the socket's peer.
  std::vector<std::string> trusted_proxies;
  // PostgreSQL only: a lost connection is retried at once, then after waits doubling from
  // 1 s up to this; and once the database has been unreachable for db_give_up_seconds the desk
  // exits 1 for systemd to restart it (a last resort; 0: it never does, it keeps retrying).
  int db_retry_max_seconds = 30;
  int db_give_up_seconds = 0;
  // Seconds between re-reads of the imported holiday calendar from the database: another
  // desk on the same PostgreSQL may have imported one (docs/DOMAIN.md §3).
  int calendar_refresh_seconds = 300;
  // Tickets' attachments (core/attachments): the largest file and how many a ticket may hold.
  // An upload is one request, so a file must fit max_body_bytes with room for the form
  // (kAttachmentFormRoom): the config refuses a limit that could never be reached.
  int attachment_max_bytes = 960 * 1024;
  int attachment_max_count = 20;
  // Intake at the desk (/console/intake): the station id in the numbers of tickets filed
  // there (SITE-STATION-DATE-NNNN-C; 1-8 of A-Z, 0-9; no kiosk of the site may use it, or
  // their numbers would meet), and the CUPS queue the receipt goes to (empty: no printing,
  // the receipt is only offered as a PDF).
  std::string intake_station = "DESK";
  std::string receipt_printer;
};

inline constexpr int kAttachmentFormRoom = 64 * 1024;

// The reader of [desk], writing into `desk` (which must outlive the parse).
std::vector<ConfigSection> desk_config_sections(DeskConfig& desk);

}  // namespace complaint
