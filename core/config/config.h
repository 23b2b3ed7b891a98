// Config: one TOML file per deployment. Every key is optional with a sane default;
// unknown keys are reported as warnings (not fatal) so a typo is visible at start-up.
// Later issues add [printer] and [sync] sections here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/deadlines/deadline_policy.h"
#include "core/printing/qr_error_level.h"

namespace complaint {

struct SiteConfig {
  std::string code = "WH01";
  std::string name_zh = "客户服务中心";
  std::string name_en = "Customer Service Centre";
  std::string kiosk_id = "K1";
  std::string location;  // e.g. "1F lobby"
  std::string hotline;
};

struct EscalationPolicy {
  std::vector<std::string> trigger_words;  // defaults: docs/DOMAIN.md §4
  int repeat_window_days = 30;
  int group_threshold = 10;  // more than this many open tickets -> group
  int group_window_days = 7;
};

// [pinyin]: the kiosk keyboard's input method (drivers/pinyin). Empty paths: defaults.
struct PinyinConfig {
  // Writable; seeded with the domain words when created.
  std::string user_dictionary = "var/pinyin/user_dict.dat";
  std::string seed_words;         // empty: assets/pinyin/seed_words.txt; "-": none
  std::string system_dictionary;  // empty: Debian's libgooglepinyin0 dictionary
};

// [kiosk]: the lobby touchscreen app (kiosk/). Times in seconds.
enum class AddressField { none, address, building_unit };
struct KioskConfig {
  int idle_timeout_seconds = 60;     // no input this long -> "are you still there?"
  int idle_countdown_seconds = 15;   // then this countdown, then every field is wiped
  int staff_idle_seconds = 120;      // staff mode ends after this long without input
  int staff_long_press_seconds = 3;  // the hidden corner gesture that opens the PIN pad
  int staff_pin_attempts = 5;        // wrong PINs in a row before staff mode locks...
  int staff_lock_seconds = 300;      // ...for this long
  std::string staff_pin_hash;        // crypt(3) hash ("$y$...", mkpasswd); empty: staff mode off
  std::string language = "zh-CN";    // the welcome screen's language
  bool large_text = false;           // large-text mode at the welcome screen
  bool high_contrast = false;        // the high-contrast theme
  AddressField address_field = AddressField::none;  // asked for (and required) on the contact screen
  int screen_dpi = 0;                               // physical density; 0: ask the display, else assume 96
};

// [sync]: how a kiosk reaches the desk (core/sync, drivers/transport). Empty url: no sync.
struct SyncConfig {
  std::string url;                // the desk's base URL, e.g. "https://desk.example:8443"
  std::string kiosk_id;           // empty: [site] kiosk_id
  std::string key;                // the kiosk's key from `complaintctl desk kiosk add` (64 hex digits)
  std::string ca_file;            // extra CA bundle for a desk with a private CA; relative: beside the config
  int batch_size = 200;           // outbox rows per request (the byte cap applies too)
  int interval_seconds = 30;      // between rounds when all went well
  int backoff_max_seconds = 900;  // the ceiling of the exponential backoff after failures
  int timeout_seconds = 20;       // per request
};

// [desk]: complaint-desk (desk/). The command line's --listen and --db override these.
struct DeskConfig {
  std::string listen = "127.0.0.1:8080";
  std::string db = "var/desk.db";
  int threads = 32;                   // one open connection per thread (cpp-httplib): >= concurrent clients
  int max_body_bytes = 1048576;       // larger requests get 413 and change nothing
  int clock_skew_seconds = 300;       // signed requests further off the desk's clock are refused
  std::string tls_cert;               // key tls_certificate: PEM chain; with tls_key: https only
  std::string tls_key;                // PEM private key; set both or neither (config checks)
  int tracking_rate_per_minute = 60;  // tracking page requests per client address and minute; 0: no limit
  int tracking_burst = 20;            // requests an address may make at once before the rate applies
  // Reverse proxies in front of the desk (IP addresses): only from these is X-Forwarded-For
  // believed, for the per-address rate limit and the logs. Empty: the socket's peer.
  std::vector<std::string> trusted_proxies;
};

// [printer]: the receipt printer (core/printing, drivers/printer). Empty queue: no CUPS;
// the file printer writes receipts under output_dir (the development default).
enum class ReceiptFormat { escpos, pdf, png };  // escpos: CUPS raw queue; pdf: a queue with a driver
enum class ReceiptCut { full, partial, none };  // none: the printer has no cutter
struct PrinterConfig {
  std::string queue;  // CUPS queue name; libcups honours $CUPS_SERVER
  ReceiptFormat format = ReceiptFormat::escpos;
  int paper_mm = 80;   // 58 (384 dots) or 80 (576 dots) at 203 dpi
  int width_dots = 0;  // 0: from paper_mm and dpi
  int dpi = 203;       // the printer's device resolution
  ReceiptCut cut = ReceiptCut::partial;
  bool staff_copy = false;       // a second copy with the full record, cut separately
  int job_timeout_seconds = 60;  // a job not completed by then is cancelled and reported
  int qr_module_dots = 6;        // printer dots per QR module (6 at 203 dpi: about 0.75 mm)
  QrErrorLevel qr_ec_level = QrErrorLevel::medium;
  std::string output_dir = "var/receipts";  // the file printer's folder
};

struct Config {
  SiteConfig site;
  std::string tracking_url = "https://desk.example/t/{number}?k={token}";
  // Empty: the built-in defaults (equal to assets/taxonomy.toml). load_file() resolves a
  // relative path against the config file's folder.
  std::string taxonomy_path;
  CalendarConfig calendar;
  DeadlinePolicy deadlines;
  EscalationPolicy escalation;
  PinyinConfig pinyin;
  KioskConfig kiosk;
  SyncConfig sync;
  DeskConfig desk;
  PrinterConfig printer;
  std::vector<std::string> warnings;  // unknown keys, with their dotted path

  static Config defaults();
  static Result<Config> load_file(const std::string& path);
  static Result<Config> parse(std::string_view toml_text);
};

// Where assets live: $COMPLAINT_ASSETS, else the source tree's assets/ (development),
// else the install folder set at configure time (CMake COMPLAINT_INSTALLED_ASSETS).
std::string assets_dir();

}  // namespace complaint
