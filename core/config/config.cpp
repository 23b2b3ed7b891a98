// Config::parse/load_file and assets_dir(). Each [section] has one reader function listed in
// k_sections; a reader takes keys through SectionReader, which remembers them, so whatever a
// reader did not take is reported as "unknown key: section.key" (a warning, never fatal).
// A known key of the wrong type or with an invalid value is an ErrorCode::config error.
//
// Sections: SectionReader (typed getters) · section readers · Config::parse · assets_dir.
#include "core/config/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <toml++/toml.h>

#include "core/base/ip_address.h"
#include "core/config/text_file.h"
#include "core/domain/ticket_number.h"

namespace complaint {

namespace {

constexpr const char* k_type_key = "error.config.type";
constexpr const char* k_invalid_key = "error.config.invalid";

std::string line_of(const toml::node* node) {
  if (node == nullptr || node->source().begin.line == 0) return {};
  return " (line " + std::to_string(node->source().begin.line) + ")";
}

Error config_error(const std::string& field, const toml::node* node, const char* key,
                   const std::string& message) {
  return Error{ErrorCode::config, "config: " + field + line_of(node) + ": " + message, field, key, {}, 0};
}

// Errors from shared parsers (periods, dates) keep their i18n key but become config errors.
Error as_config_error(Error error, const std::string& field, const toml::node* node) {
  error.code = ErrorCode::config;
  error.field = field;
  error.message = "config: " + field + line_of(node) + ": " + error.message;
  return error;
}

// ---------------------------------------------------------------- SectionReader

// A warning and the line it is about: toml++ tables are sorted by key, so warnings are put
// back into file order before the operator reads them.
struct Warning {
  std::uint32_t line = 0;
  std::string text;
};

std::uint32_t line(const toml::node& node) {
  return node.source().begin.line;
}

class SectionReader {
 public:
  SectionReader(const toml::table& table, std::string section)
      : m_table(table), m_section(std::move(section)) {}

  std::string field(std::string_view key) const { return m_section + "." + std::string(key); }

  // Where `key` is in the file, for error messages; nullptr when absent.
  const toml::node* find(std::string_view key) const { return m_table.get(key); }

  // The node for `key`, or nullptr when absent; either way the key counts as known.
  const toml::node* take(std::string_view key) {
    m_taken.emplace(key);
    return m_table.get(key);
  }

  Result<void> text(std::string_view key, std::string& out) {
    const toml::node* node = take(key);
    if (node == nullptr) return Ok{};
    if (!node->is_string()) return config_error(field(key), node, k_type_key, "must be a string");
    out = node->as_string()->get();
    return Ok{};
  }

  Result<void> integer(std::string_view key, int& out, int min, int max) {
    const toml::node* node = take(key);
    if (node == nullptr) return Ok{};
    if (!node->is_integer()) return config_error(field(key), node, k_type_key, "must be a whole number");
    const std::int64_t value = node->as_integer()->get();
    if (value < min || value > max) {
      return config_error(field(key), node, k_invalid_key,
                          "must be from " + std::to_string(min) + " to " + std::to_string(max) + ", got " +
                              std::to_string(value));
    }
    out = static_cast<int>(value);
    return Ok{};
  }

  Result<void> text_list(std::string_view key, std::vector<std::string>& out) {
    const toml::node* node = take(key);
    if (node == nullptr) return Ok{};
    const toml::array* array = node->as_array();
    if (array == nullptr) return config_error(field(key), node, k_type_key, "must be an array of strings");
    std::vector<std::string> items;
    for (const toml::node& item : *array) {
      if (!item.is_string())
        return config_error(field(key), &item, k_type_key, "must be an array of strings");
      if (item.as_string()->get().empty()) {
        return config_error(field(key), &item, k_invalid_key, "must not contain an empty string");
      }
      items.push_back(item.as_string()->get());
    }
    out = std::move(items);
    return Ok{};
  }

  // Dates as TOML local dates (2026-10-01) or strings ("2026-10-01"); both are common.
  Result<void> day_list(std::string_view key, std::set<LocalDays>& out) {
    const toml::node* node = take(key);
    if (node == nullptr) return Ok{};
    const toml::array* array = node->as_array();
    if (array == nullptr) return config_error(field(key), node, k_type_key, "must be an array of dates");
    std::set<LocalDays> days;
    for (const toml::node& item : *array) {
      if (const auto* date = item.as_date()) {
        const toml::date d = date->get();
        const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{d.month},
                                              std::chrono::day{d.day}};
        days.insert(LocalDays{ymd});
      } else if (const auto* text = item.as_string()) {
        auto day = parse_local_date(text->get(), field(key));
        if (!day.ok()) return as_config_error(day.error(), field(key), &item);
        days.insert(*day);
      } else {
        return config_error(field(key), &item, k_type_key, "must be an array of dates (YYYY-MM-DD)");
      }
    }
    out = std::move(days);
    return Ok{};
  }

  Result<void> period(std::string_view key, Period& out) {
    const toml::node* node = take(key);
    if (node == nullptr) return Ok{};
    if (!node->is_string()) {
      return config_error(field(key), node, k_type_key,
                          "must be a string such as \"24h\", \"3wd\" or \"15d\"");
    }
    auto parsed = parse_period(node->as_string()->get(), field(key));
    if (!parsed.ok()) return as_config_error(parsed.error(), field(key), node);
    out = *parsed;
    return Ok{};
  }

  void report_unknown(std::vector<Warning>& warnings) const {
    for (const auto& [key, value] : m_table) {
      if (m_taken.count(key.str()) == 0)
        warnings.push_back({line(value), "unknown key: " + field(key.str())});
    }
  }

 private:
  const toml::table& m_table;
  std::string m_section;
  std::set<std::string, std::less<>> m_taken;
};

// ---------------------------------------------------------------- section readers

Result<void> read_site(SectionReader& in, Config& config) {
  SiteConfig& site = config.site;
  TRY_VOID(in.text("code", site.code));
  TRY_VOID(in.text("kiosk_id", site.kiosk_id));
  TRY_VOID(in.text("name_zh", site.name_zh));
  TRY_VOID(in.text("name_en", site.name_en));
  TRY_VOID(in.text("location", site.location));
  TRY_VOID(in.text("hotline", site.hotline));
  // Both go into every ticket number, whose check character only covers [A-Z0-9].
  for (const auto& [key, value] : {std::pair{"code", &site.code}, std::pair{"kiosk_id", &site.kiosk_id}}) {
    if (!is_valid_station_code(*value)) {
      return config_error(in.field(key), in.find(key), k_invalid_key,
                          "'" + *value + "' must be 1 to 8 upper-case letters or digits, e.g. WH01");
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
    return config_error(in.field("url"), in.find("url"), k_invalid_key,
                        "'" + url + "' must be an http(s) URL containing {number} and {token}");
  }
  return Ok{};
}

Result<void> read_taxonomy(SectionReader& in, Config& config) {
  return in.text("path", config.taxonomy_path);
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

Result<void> read_calendar(SectionReader& in, Config& config) {
  CalendarConfig& calendar = config.calendar;
  TRY_VOID(in.text("timezone", calendar.timezone));
  if (!is_time_zone_name(calendar.timezone)) {
    return config_error(in.field("timezone"), in.find("timezone"), "error.timezone.unknown",
                        "'" + calendar.timezone + "' is not a time zone name such as Asia/Shanghai");
  }
  TRY_VOID(in.day_list("holidays", calendar.holidays));
  TRY_VOID(in.day_list("extra_workdays", calendar.extra_workdays));

  std::string hours_text;
  TRY_VOID(in.text("business_hours", hours_text));
  if (hours_text.empty()) return Ok{};  // absent or "": periods end at 24:00
  const auto dash = hours_text.find('-');
  const auto open = dash == std::string::npos ? std::nullopt : parse_clock(hours_text.substr(0, dash));
  const auto close = dash == std::string::npos ? std::nullopt : parse_clock(hours_text.substr(dash + 1));
  if (!open || !close || *open >= *close) {
    return config_error(
        in.field("business_hours"), in.find("business_hours"), "error.business_hours.invalid",
        "'" + hours_text + "' is not opening hours such as \"09:00-17:30\" (open before close)");
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
  TRY_VOID(in.period("answer_inquiry", deadlines.answer_inquiry));
  TRY_VOID(in.period("callback_earliest", deadlines.callback_earliest));
  TRY_VOID(in.period("callback_latest", deadlines.callback_latest));
  EscalationPolicy& escalation = config.escalation;
  TRY_VOID(in.text_list("trigger_words", escalation.trigger_words));
  TRY_VOID(in.integer("repeat_window_days", escalation.repeat_window_days, 1, 3660));
  TRY_VOID(in.integer("group_threshold", escalation.group_threshold, 1, 100000));
  TRY_VOID(in.integer("group_window_days", escalation.group_window_days, 1, 3660));
  return Ok{};
}

Result<void> read_pinyin(SectionReader& in, Config& config) {
  TRY_VOID(in.text("user_dictionary", config.pinyin.user_dictionary));
  TRY_VOID(in.text("seed_words", config.pinyin.seed_words));
  return in.text("system_dictionary", config.pinyin.system_dictionary);
}

Result<void> read_kiosk(SectionReader& in, Config& config) {
  KioskConfig& kiosk = config.kiosk;
  TRY_VOID(in.integer("idle_timeout_seconds", kiosk.idle_timeout_seconds, 10, 3600));
  TRY_VOID(in.integer("idle_countdown_seconds", kiosk.idle_countdown_seconds, 5, 300));
  TRY_VOID(in.integer("staff_idle_seconds", kiosk.staff_idle_seconds, 10, 3600));
  TRY_VOID(in.integer("staff_long_press_seconds", kiosk.staff_long_press_seconds, 1, 30));
  TRY_VOID(in.integer("staff_pin_attempts", kiosk.staff_pin_attempts, 1, 100));
  TRY_VOID(in.integer("staff_lock_seconds", kiosk.staff_lock_seconds, 0, 86400));
  TRY_VOID(in.integer("screen_dpi", kiosk.screen_dpi, 0, 1000));
  TRY_VOID(in.text("staff_pin_hash", kiosk.staff_pin_hash));
  TRY_VOID(in.text("language", kiosk.language));
  if (kiosk.language != "zh-CN" && kiosk.language != "en") {
    return config_error(in.field("language"), in.find("language"), k_invalid_key,
                        "must be \"zh-CN\" or \"en\"");
  }
  for (auto [key, flag] :
       {std::pair{"large_text", &kiosk.large_text}, {"high_contrast", &kiosk.high_contrast}}) {
    const toml::node* node = in.take(key);
    if (node == nullptr) continue;
    if (!node->is_boolean()) return config_error(in.field(key), node, k_type_key, "must be true or false");
    *flag = node->as_boolean()->get();
  }
  std::string address = "none";
  TRY_VOID(in.text("address_field", address));
  if (address == "none") {
    kiosk.address_field = AddressField::none;
  } else if (address == "address") {
    kiosk.address_field = AddressField::address;
  } else if (address == "building_unit") {
    kiosk.address_field = AddressField::building_unit;
  } else {
    return config_error(in.field("address_field"), in.find("address_field"), k_invalid_key,
                        "must be \"none\", \"address\" or \"building_unit\"");
  }
  return Ok{};
}

Result<void> read_sync(SectionReader& in, Config& config) {
  SyncConfig& sync = config.sync;
  for (const auto& [key, value] : {std::pair{"url", &sync.url}, std::pair{"kiosk_id", &sync.kiosk_id},
                                   std::pair{"key", &sync.key}, std::pair{"ca_file", &sync.ca_file}}) {
    TRY_VOID(in.text(key, *value));
  }
  TRY_VOID(in.integer("batch_size", sync.batch_size, 1, 1000));
  TRY_VOID(in.integer("interval_seconds", sync.interval_seconds, 1, 86400));
  TRY_VOID(in.integer("backoff_max_seconds", sync.backoff_max_seconds, 1, 86400));
  return in.integer("timeout_seconds", sync.timeout_seconds, 1, 600);
}

Result<void> read_desk(SectionReader& in, Config& config) {
  DeskConfig& desk = config.desk;
  TRY_VOID(in.text("listen", desk.listen));
  TRY_VOID(in.text("db", desk.db));
  // The old spelling would only be an "unknown key" warning and the desk would serve plain
  // HTTP where https was meant: refuse it instead.
  if (in.find("tls_cert") != nullptr) {
    return config_error(in.field("tls_cert"), in.find("tls_cert"), k_invalid_key,
                        "is now spelled tls_certificate");
  }
  TRY_VOID(in.text("tls_certificate", desk.tls_cert));
  TRY_VOID(in.text("tls_key", desk.tls_key));
  // One without the other would silently serve plain HTTP.
  if (desk.tls_cert.empty() != desk.tls_key.empty()) {
    const char* missing = desk.tls_cert.empty() ? "tls_certificate" : "tls_key";
    const char* given = desk.tls_cert.empty() ? "tls_key" : "tls_certificate";
    return config_error(in.field(missing), in.find(given), k_invalid_key,
                        std::string("must be set together with ") + in.field(given) + " (https needs both)");
  }
  TRY_VOID(in.integer("threads", desk.threads, 1, 256));
  TRY_VOID(in.integer("max_body_bytes", desk.max_body_bytes, 1024, 64 * 1048576));
  TRY_VOID(in.integer("tracking_rate_per_minute", desk.tracking_rate_per_minute, 0, 1000000));
  TRY_VOID(in.integer("tracking_burst", desk.tracking_burst, 1, 1000000));
  TRY_VOID(in.text_list("trusted_proxies", desk.trusted_proxies));
  for (const std::string& proxy : desk.trusted_proxies) {
    if (!parse_ip_address(proxy)) {
      return config_error(in.field("trusted_proxies"), in.find("trusted_proxies"), k_invalid_key,
                          "'" + proxy + "' is not an IP address (no host names or ranges)");
    }
  }
  return in.integer("clock_skew_seconds", desk.clock_skew_seconds, 1, 3600);
}

// [printer]: enumerations are spelled as in the example config ("escpos", "partial", "M").
template <class Enum>
Result<void> read_choice(SectionReader& in, std::string_view key, Enum& out,
                         std::initializer_list<std::pair<const char*, Enum>> choices) {
  std::string text;
  TRY_VOID(in.text(key, text));
  if (in.find(key) == nullptr) return Ok{};
  std::string allowed;
  for (const auto& [name, value] : choices) {
    if (text == name) {
      out = value;
      return Ok{};
    }
    allowed += (allowed.empty() ? "\"" : ", \"") + std::string(name) + "\"";
  }
  return config_error(in.field(key), in.find(key), k_invalid_key, "must be one of " + allowed);
}

Result<void> read_printer(SectionReader& in, Config& config) {
  PrinterConfig& printer = config.printer;
  TRY_VOID(in.text("queue", printer.queue));
  TRY_VOID(in.text("output_dir", printer.output_dir));
  TRY_VOID(read_choice(
      in, "format", printer.format,
      {{"escpos", ReceiptFormat::escpos}, {"pdf", ReceiptFormat::pdf}, {"png", ReceiptFormat::png}}));
  TRY_VOID(read_choice(
      in, "cut", printer.cut,
      {{"full", ReceiptCut::full}, {"partial", ReceiptCut::partial}, {"none", ReceiptCut::none}}));
  TRY_VOID(read_choice(in, "qr_ec_level", printer.qr_ec_level,
                       {{"L", QrErrorLevel::low},
                        {"M", QrErrorLevel::medium},
                        {"Q", QrErrorLevel::quartile},
                        {"H", QrErrorLevel::high}}));
  TRY_VOID(in.integer("paper", printer.paper_mm, 58, 80));
  if (printer.paper_mm != 58 && printer.paper_mm != 80)
    return config_error(in.field("paper"), in.find("paper"), k_invalid_key, "must be 58 or 80");
  TRY_VOID(in.integer("width_dots", printer.width_dots, 0, 4096));
  TRY_VOID(in.integer("dpi", printer.dpi, 100, 1200));
  TRY_VOID(in.integer("job_timeout_seconds", printer.job_timeout_seconds, 1, 3600));
  TRY_VOID(in.integer("qr_module_dots", printer.qr_module_dots, 1, 32));
  const toml::node* staff_copy = in.take("staff_copy");
  if (staff_copy != nullptr && !staff_copy->is_boolean())
    return config_error(in.field("staff_copy"), staff_copy, k_type_key, "must be true or false");
  if (staff_copy != nullptr) printer.staff_copy = staff_copy->as_boolean()->get();
  return Ok{};
}

struct Section {
  const char* name;
  Result<void> (*read)(SectionReader&, Config&);
};

// Adding a section ([printer], [sync], ...): a struct in Config, a reader above, a row here.
constexpr Section k_sections[] = {
    {"site", read_site},         {"tracking", read_tracking}, {"taxonomy", read_taxonomy},
    {"calendar", read_calendar}, {"policy", read_policy},     {"pinyin", read_pinyin},
    {"kiosk", read_kiosk},       {"sync", read_sync},         {"desk", read_desk},
    {"printer", read_printer},
};

const Section* find_section(std::string_view name) {
  for (const Section& section : k_sections) {
    if (name == section.name) return &section;
  }
  return nullptr;
}

// ---------------------------------------------------------------- Config::parse

Result<Config> parse_config(std::string_view toml_text, const std::string& source) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Error{ErrorCode::config,
                 source + " line " + std::to_string(begin.line) + ", column " + std::to_string(begin.column) +
                     ": " + std::string(e.description()),
                 {},
                 k_invalid_key,
                 "toml::parse",
                 0};
  }
  Config config = Config::defaults();
  std::vector<Warning> warnings;
  for (const auto& [key, value] : root) {
    const std::string name(key.str());
    const Section* section = find_section(name);
    if (section == nullptr) {
      warnings.push_back({line(value), (value.is_table() ? "unknown section: " : "unknown key: ") + name});
      continue;
    }
    if (!value.is_table()) return config_error(name, &value, k_type_key, "must be a section [" + name + "]");
    SectionReader reader(*value.as_table(), name);
    TRY_VOID(section->read(reader, config));
    reader.report_unknown(warnings);
  }
  std::stable_sort(warnings.begin(), warnings.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  for (Warning& warning : warnings) config.warnings.push_back(std::move(warning.text));
  return config;
}

}  // namespace

Config Config::defaults() {
  Config config;
  // docs/DOMAIN.md §4: words that signal media exposure, litigation, loss claims or extreme action.
  config.escalation.trigger_words = {"媒体",   "曝光",  "记者",  "报社", "电视台", "网上发", "起诉",
                                     "诉讼",   "律师",  "法院",  "仲裁", "报警",   "公安",   "监管",
                                     "银保监", "12315", "12345", "赔偿", "自杀",   "跳楼",   "同归于尽"};
  return config;
}

Result<Config> Config::parse(std::string_view toml_text) {
  return parse_config(toml_text, "config");
}

Result<Config> Config::load_file(const std::string& path) {
  TRY_ASSIGN(const std::string text, read_text_file(path, "config file"));
  auto config = parse_config(text, path);
  if (!config.ok()) {
    Error error = config.error();
    if (error.call.empty()) error.message = path + ": " + error.message;
    return error;
  }
  // A relative file name means "beside this config file", not "wherever we were started".
  for (std::string* file :
       {&config->taxonomy_path, &config->sync.ca_file, &config->desk.tls_cert, &config->desk.tls_key}) {
    const std::filesystem::path named(*file);
    if (!named.empty() && named.is_relative()) {
      *file = (std::filesystem::path(path).parent_path() / named).lexically_normal().string();
    }
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
