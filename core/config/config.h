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
  std::vector<std::string> trigger_words;  // defaults: domain.md §4
  int repeat_window_days = 30;
  int group_threshold = 10;  // more than this many open tickets -> group
  int group_window_days = 7;
};

struct Config {
  SiteConfig site;
  std::string tracking_url = "https://desk.example/t/{number}?k={token}";
  std::string taxonomy_path;  // empty: assets/taxonomy.toml, else built-in defaults
  CalendarConfig calendar;
  DeadlinePolicy deadlines;
  EscalationPolicy escalation;
  std::vector<std::string> warnings;  // unknown keys, with their dotted path

  static Config defaults();
  static Result<Config> load_file(const std::string& path);
  static Result<Config> parse(std::string_view toml_text);
};

// Where assets live: $COMPLAINT_ASSETS, else the source tree's assets/ (development),
// else /usr/share/complaint-kiosk.
std::string assets_dir();

}  // namespace complaint
