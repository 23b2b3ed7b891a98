// Config::parse/load_file and assets_dir(): core's section readers, one per [section], over
// the SectionReader of config_file.h (which parses the TOML and reports unknown keys).
#include "core/config/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/calendar/holiday_files.h"
#include "core/config/config_file.h"
#include "core/config/text_file.h"
#include "core/domain/ticket_number.h"

namespace complaint {

namespace {

Result<void> read_site(SectionReader& in, Config& config) {
  SiteConfig& site = config.site;
  TRY_VOID(in.text("code", site.code));
  TRY_VOID(in.text("kiosk_id", site.kiosk_id));
  TRY_VOID(in.text("name_zh", site.name_zh));
  TRY_VOID(in.text("name_en", site.name_en));
  TRY_VOID(in.text("location", site.location));
  TRY_VOID(in.text("hotline", site.hotline));
  TRY_VOID(in.text("logo", site.logo));
  // Both go into every ticket number, whose check character only covers [A-Z0-9].
  for (const auto& [key, value] : {std::pair{"code", &site.code}, std::pair{"kiosk_id", &site.kiosk_id}}) {
    if (!is_valid_station_code(*value)) {
      return in.invalid(key, "'" + *value + "' must be 1 to 8 upper-case letters or digits, e.g. WH01");
    }
  }
  return Ok{};
}

Result<void> read_tracking(SectionReader& in, Config& config) {
  TRY_VOID(in.text("url", config.tracking_url));
  const std::string& url = config.tracking_url;
  // The QR code on the receipt is useless without both placeholders and a web scheme.
  const bool web = url.starts_with("https://") || url.starts_with("http://");
  if (!web || url.find("{number}") == std::string::npos || url.find("{token}") == std::string::npos) {
    return in.invalid("url", "'" + url + "' must be an http(s) URL containing {number} and {token}");
  }
  return Ok{};
}

Result<void> read_taxonomy(SectionReader& in, Config& config) {
  return in.path("path", config.taxonomy_path);
}

bool is_time_zone_name(std::string_view name) {
  // Only the shape of an IANA name ("Asia/Shanghai", "Etc/GMT-8", "UTC"); whether the zone
  // exists is checked against the tz database by WorkCalendar::create.
  if (name.empty() || name.front() == '/' || name.back() == '/' ||
      name.find("//") != std::string_view::npos) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '-' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

// "HH:MM" -> minutes after midnight; 24:00 is allowed (as a closing time).
std::optional<std::chrono::minutes> parse_clock(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) ||
      !digit(text[4])) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return std::chrono::minutes{hours * 60 + minutes};
}

// data = "cn" names a shipped calendar (assets/calendar/cn); a path names any folder of
// the same files (another country, a regional arrangement). Read after the day lists, which
// override the data's days.
Result<void> read_calendar_data(SectionReader& in, CalendarConfig& calendar) {
  std::string name;
  TRY_VOID(in.text("data", name));
  if (name.empty()) return Ok{};
  if (name.find('/') == std::string::npos) {
    calendar.data = assets_dir() + "/calendar/" + name;
  } else {
    TRY_VOID(in.path("data", calendar.data));
  }
  auto data = load_holiday_folder(calendar.data);
  if (!data.ok()) return in.invalid("data", data.error().message, data.error().key.c_str());
  calendar.published = std::move(*data);
  return Ok{};
}

Result<void> read_calendar(SectionReader& in, Config& config) {
  CalendarConfig& calendar = config.calendar;
  TRY_VOID(in.text("timezone", calendar.timezone));
  if (!is_time_zone_name(calendar.timezone)) {
    return in.invalid("timezone", "'" + calendar.timezone + "' is not a time zone name such as Asia/Shanghai",
                      "error.timezone.unknown");
  }
  TRY_VOID(in.day_list("holidays", calendar.holidays));
  TRY_VOID(in.day_list("extra_workdays", calendar.extra_workdays));
  TRY_VOID(read_calendar_data(in, calendar));

  std::string hours_text;
  TRY_VOID(in.text("business_hours", hours_text));
  if (hours_text.empty()) return Ok{};  // absent or "": periods end at 24:00
  const auto dash = hours_text.find('-');
  const auto open = dash == std::string::npos ? std::nullopt : parse_clock(hours_text.substr(0, dash));
  const auto close = dash == std::string::npos ? std::nullopt : parse_clock(hours_text.substr(dash + 1));
  if (!open || !close || *open >= *close) {
    return in.invalid("business_hours",
                      "'" + hours_text + "' is not opening hours such as \"09:00-17:30\" (open before close)",
                      "error.business_hours.invalid");
  }
  calendar.business_hours = BusinessHours{*open, *close};
  return Ok{};
}

Result<void> read_policy(SectionReader& in, Config& config) {
  DeadlinePolicy& deadlines = config.deadlines;
  TRY_VOID(in.period("forward", deadlines.forward));
  TRY_VOID(in.period("contact", deadlines.contact));
  TRY_VOID(in.period("resolve", deadlines.resolve));
  TRY_VOID(in.period("resolve_complex", deadlines.resolve_complex));
  TRY_VOID(in.period("resolve_major", deadlines.resolve_major));
  if (in.has("resolve_light")) {
    Period light = deadlines.resolve;
    TRY_VOID(in.period("resolve_light", light));
    deadlines.resolve_light = light;
  }
  TRY_VOID(in.choice("resolve_precedence", deadlines.resolve_precedence,
                     {{"major", ResolvePrecedence::major}, {"complex", ResolvePrecedence::complex}}));
  TRY_VOID(in.period("answer_inquiry", deadlines.answer_inquiry));
  TRY_VOID(in.period("callback_earliest", deadlines.callback_earliest));
  TRY_VOID(in.period("callback_latest", deadlines.callback_latest));
  TRY_VOID(in.optional_period("extend_alone", deadlines.extend_alone));
  TRY_VOID(in.optional_period("extend_max", deadlines.extend_max));
  if (auto limits = check_extension_limits(deadlines); !limits.ok()) {
    return in.invalid("extend_alone", limits.error().message, limits.error().key.c_str());
  }
  TRY_VOID(in.boolean("customer_rating_suffices", deadlines.customer_rating_suffices));
  TRY_VOID(
      in.choice("dissatisfied_callback", deadlines.dissatisfied_callback,
                {{"reopen", DissatisfiedCallback::reopen}, {"escalate", DissatisfiedCallback::escalate}}));
  EscalationPolicy& escalation = config.escalation;
  TRY_VOID(in.text_list("trigger_words", escalation.trigger_words));
  TRY_VOID(in.text_list("trigger_negations", escalation.trigger_negations));
  TRY_VOID(in.integer("repeat_window_days", escalation.repeat_window_days, 1, 3660));
  TRY_VOID(in.integer("group_threshold", escalation.group_threshold, 1, 100000));
  TRY_VOID(in.integer("group_window_days", escalation.group_window_days, 1, 3660));
  TRY_VOID(in.text_list("group_excluded_categories", escalation.group_excluded_categories));
  return Ok{};
}

Result<void> read_assessment(SectionReader& in, Config& config) {
  AssessmentRules& rules = config.assessment;
  TRY_VOID(in.choice("profile", rules.profile,
                     {{"property", AssessmentRules::Profile::property},
                      {"per_complaint", AssessmentRules::Profile::per_complaint}}));
  for (const auto& [key, points] :
       {std::pair{"substantiated_general", &rules.substantiated_general},
        std::pair{"substantiated_major", &rules.substantiated_major}, std::pair{"late", &rules.late},
        std::pair{"per_complaint", &rules.per_complaint}}) {
    TRY_VOID(in.integer(key, *points, -1000, 1000));
  }
  return Ok{};
}

Result<void> read_sync(SectionReader& in, Config& config) {
  SyncConfig& sync = config.sync;
  for (const auto& [key, value] :
       {std::pair{"url", &sync.url}, std::pair{"kiosk_id", &sync.kiosk_id}, std::pair{"key", &sync.key}}) {
    TRY_VOID(in.text(key, *value));
  }
  TRY_VOID(in.path("ca_file", sync.ca_file));
  TRY_VOID(in.integer("batch_size", sync.batch_size, 1, 1000));
  TRY_VOID(in.integer("interval_seconds", sync.interval_seconds, 1, 86400));
  TRY_VOID(in.integer("backoff_max_seconds", sync.backoff_max_seconds, 1, 86400));
  return in.integer("timeout_seconds", sync.timeout_seconds, 1, 600);
}

Result<void> read_retention_section(SectionReader& in, Config& config) {
  return read_retention(in, config.retention);
}

// Adding a section: a struct in Config, a reader above, a row here. A program's own sections
// ([kiosk], [desk], ...) live with the program and come in through `program`.
std::vector<ConfigSection> sections_for(Config& config, const std::vector<ConfigSection>& program) {
  using Reader = Result<void> (*)(SectionReader&, Config&);
  constexpr std::pair<const char*, Reader> k_core[] = {
      {"site", read_site},
      {"tracking", read_tracking},
      {"taxonomy", read_taxonomy},
      {"calendar", read_calendar},
      {"policy", read_policy},
      {"sync", read_sync},
      {"assessment", read_assessment},
      {"retention", read_retention_section},
  };
  std::vector<ConfigSection> sections;
  // No structured binding here: a lambda capturing one needs clang 16 (the fuzz build uses 14).
  for (const auto& entry : k_core) {
    const Reader read = entry.second;
    sections.push_back({entry.first, [read, &config](SectionReader& in) { return read(in, config); }});
  }
  for (const ConfigSection& section : program) sections.push_back(section);
  for (const char* other : k_program_sections) {
    const bool registered = std::any_of(sections.begin(), sections.end(),
                                        [&](const ConfigSection& section) { return section.name == other; });
    if (!registered) sections.push_back({other, nullptr});
  }
  return sections;
}

Result<Config> parse_config(std::string_view toml_text, const std::string& source,
                            const std::string& base_folder, const std::vector<ConfigSection>& program) {
  Config config = Config::defaults();
  TRY_ASSIGN(config.warnings,
             read_config_sections(toml_text, source, base_folder, sections_for(config, program)));
  return config;
}

}  // namespace

Config Config::defaults() {
  Config config;
  // docs/DOMAIN.md §4: words that signal media exposure, litigation, loss claims or extreme action.
  config.escalation.trigger_words = {"媒体",   "曝光",  "记者",  "报社", "电视台", "网上发", "起诉",
                                     "诉讼",   "律师",  "法院",  "仲裁", "报警",   "公安",   "监管",
                                     "银保监", "12315", "12345", "赔偿", "自杀",   "跳楼",   "同归于尽"};
  // "不需要赔偿" waives compensation, it does not claim it (docs/DOMAIN.md §4).
  config.escalation.trigger_negations = {"不需要", "不要", "无需", "无须", "不用",
                                         "不必",   "不想", "不会", "并不"};
  return config;
}

Result<Config> Config::parse(std::string_view toml_text, const std::vector<ConfigSection>& program) {
  return parse_config(toml_text, "config", "", program);
}

Result<Config> Config::load_file(const std::string& path, const std::vector<ConfigSection>& program) {
  TRY_ASSIGN(const std::string text, read_text_file(path, "config file"));
  auto config = parse_config(text, path, std::filesystem::path(path).parent_path().string(), program);
  if (!config.ok()) {
    Error error = config.error();
    if (error.call.empty()) error.message = path + ": " + error.message;
    return error;
  }
  return config;
}

std::string assets_dir() {
  if (const char* configured = std::getenv("COMPLAINT_ASSETS");
      configured != nullptr && *configured != '\0') {
    return configured;
  }
#ifdef COMPLAINT_SOURCE_ASSETS
  std::error_code ignored;
  if (std::filesystem::is_directory(COMPLAINT_SOURCE_ASSETS, ignored)) return COMPLAINT_SOURCE_ASSETS;
#endif
  return COMPLAINT_INSTALLED_ASSETS;
}

}  // namespace complaint
