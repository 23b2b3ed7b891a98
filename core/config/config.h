// Config: one TOML file per deployment. Every key is optional with a sane default;
// unknown keys are reported as warnings (not fatal) so a typo is visible at start-up.
// Core reads the sections the domain and core's services need; each program registers
// its own ([kiosk] and [pinyin]: kiosk/kiosk_config.h, [desk]: desk/desk_config.h,
// [printer]: drivers/printer/receipt_printer.h for the kiosk and complaintctl).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config_file.h"
#include "core/deadlines/deadline_policy.h"
#include "core/reports/assessment.h"
#include "core/retention/retention_policy.h"

namespace complaint {

// Sections the programs own (kiosk/kiosk_config.h, desk/desk_config.h; [printer] is read
// by the programs that print, drivers/printer/receipt_printer.h). One file may serve a
// kiosk and a desk on the same machine, so a program passes over the others' sections
// silently; a section nobody owns is reported as unknown.
inline constexpr const char* k_program_sections[] = {"kiosk", "pinyin", "desk", "printer", "notify"};

struct SiteConfig {
  std::string code = "WH01";
  std::string name_zh = "客户服务中心";
  std::string name_en = "Customer Service Centre";
  std::string kiosk_id = "K1";
  std::string location;  // e.g. "1F lobby"
  std::string hotline;
  // The organisation's logo (PNG or JPEG file, at most 256 KiB) at the top of the customer's
  // tracking page, so the page can be trusted; empty: the name alone.
  std::string logo;
};

struct EscalationPolicy {
  std::vector<std::string> trigger_words;  // defaults: docs/DOMAIN.md §4
  // A trigger word right after one of these (at most k_negation_gap characters between, in
  // the same clause) is waived, not claimed: "不需要赔偿" (defaults: Config::defaults).
  std::vector<std::string> trigger_negations;
  int repeat_window_days = 30;
  // Group complaints (群体投诉, docs/DOMAIN.md §2), detected at the desk: more than
  // group_threshold distinct customers with open complaints about one category filed within
  // the last group_window_days; a catch-all category names no one business item.
  int group_threshold = 10;
  int group_window_days = 7;
  std::vector<std::string> group_excluded_categories{"other"};
};

// The group complaint rule's policy (core/escalation/group_complaints.h), as the desk's stores
// take it.
struct GroupPolicy {
  int threshold = 10;  // more than this many distinct customers form a group
  int window_days = 7;
  std::vector<std::string> excluded_categories{"other"};

  bool operator==(const GroupPolicy&) const = default;
};
inline GroupPolicy group_policy_of(const EscalationPolicy& policy) {
  return {policy.group_threshold, policy.group_window_days, policy.group_excluded_categories};
}

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

struct Config {
  SiteConfig site;
  std::string tracking_url = "https://desk.example/t/{number}?k={token}";
  // Empty: the built-in defaults (equal to assets/taxonomy.toml). load_file() resolves a
  // relative path against the config file's folder.
  std::string taxonomy_path;
  CalendarConfig calendar;
  DeadlinePolicy deadlines;
  EscalationPolicy escalation;
  AssessmentRules assessment;  // [assessment]: the report's points (docs/DOMAIN.md §9)
  RetentionPolicy retention;   // [retention]: how long personal data is kept (docs/DOMAIN.md §11)
  SyncConfig sync;
  std::vector<std::string> warnings;  // unknown keys, with their dotted path

  static Config defaults();
  // `program`: the calling program's own sections, read in the same pass.
  static Result<Config> load_file(const std::string& path, const std::vector<ConfigSection>& program = {});
  static Result<Config> parse(std::string_view toml_text, const std::vector<ConfigSection>& program = {});
};

// Where assets live: $COMPLAINT_ASSETS, else the source tree's assets/ (development),
// else the install folder set at configure time (CMake COMPLAINT_INSTALLED_ASSETS).
std::string assets_dir();

}  // namespace complaint
