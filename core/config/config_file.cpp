// The one file that parses TOML for the configuration (see config_file.h). SectionReader
// remembers the keys its reader took, so whatever a reader did not take is reported as an
// unknown key.
#include "core/config/config_file.h"

#include <algorithm>
#include <filesystem>

#include <toml++/toml.h>

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

// A warning and the line it is about: toml++ tables are sorted by key, so warnings are put
// back into file order before the operator reads them.
struct Warning {
  std::uint32_t line = 0;
  std::string text;
};

std::uint32_t line(const toml::node& node) {
  return node.source().begin.line;
}

}  // namespace

struct SectionReader::Impl {
  const toml::table& table;
  std::string section;
  std::string base_folder;
  std::set<std::string, std::less<>> taken;

  // The node for `key`, or nullptr when absent; either way the key counts as known.
  const toml::node* take(std::string_view key) {
    taken.emplace(key);
    return table.get(key);
  }
  std::string field(std::string_view key) const { return section + "." + std::string(key); }

  void report_unknown(std::vector<Warning>& warnings) const {
    for (const auto& [key, value] : table) {
      if (taken.count(key.str()) == 0) warnings.push_back({line(value), "unknown key: " + field(key.str())});
    }
  }
};

std::string SectionReader::field(std::string_view key) const {
  return m_impl.field(key);
}

bool SectionReader::has(std::string_view key) const {
  return m_impl.table.get(key) != nullptr;
}

Error SectionReader::invalid(std::string_view key, const std::string& message, const char* i18n_key) const {
  return config_error(field(key), m_impl.table.get(key), i18n_key, message);
}

Error SectionReader::invalid_at(std::string_view key, std::string_view at_key,
                                const std::string& message) const {
  return config_error(field(key), m_impl.table.get(at_key), k_invalid_key, message);
}

Result<void> SectionReader::text(std::string_view key, std::string& out) {
  const toml::node* node = m_impl.take(key);
  if (node == nullptr) return Ok{};
  if (!node->is_string()) return config_error(field(key), node, k_type_key, "must be a string");
  out = node->as_string()->get();
  return Ok{};
}

Result<void> SectionReader::integer(std::string_view key, int& out, int min, int max) {
  const toml::node* node = m_impl.take(key);
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

Result<void> SectionReader::boolean(std::string_view key, bool& out) {
  const toml::node* node = m_impl.take(key);
  if (node == nullptr) return Ok{};
  if (!node->is_boolean()) return config_error(field(key), node, k_type_key, "must be true or false");
  out = node->as_boolean()->get();
  return Ok{};
}

Result<void> SectionReader::text_list(std::string_view key, std::vector<std::string>& out) {
  const toml::node* node = m_impl.take(key);
  if (node == nullptr) return Ok{};
  const toml::array* array = node->as_array();
  if (array == nullptr) return config_error(field(key), node, k_type_key, "must be an array of strings");
  std::vector<std::string> items;
  for (const toml::node& item : *array) {
    if (!item.is_string()) return config_error(field(key), &item, k_type_key, "must be an array of strings");
    if (item.as_string()->get().empty()) {
      return config_error(field(key), &item, k_invalid_key, "must not contain an empty string");
    }
    items.push_back(item.as_string()->get());
  }
  out = std::move(items);
  return Ok{};
}

Result<void> SectionReader::day_list(std::string_view key, std::set<LocalDays>& out) {
  const toml::node* node = m_impl.take(key);
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

Result<void> SectionReader::period(std::string_view key, Period& out) {
  const toml::node* node = m_impl.take(key);
  if (node == nullptr) return Ok{};
  if (!node->is_string()) {
    return config_error(field(key), node, k_type_key, "must be a string such as \"24h\", \"3wd\" or \"15d\"");
  }
  auto parsed = parse_period(node->as_string()->get(), field(key));
  if (!parsed.ok()) return as_config_error(parsed.error(), field(key), node);
  out = *parsed;
  return Ok{};
}

Result<void> SectionReader::optional_period(std::string_view key, std::optional<Period>& out) {
  const toml::node* node = m_impl.take(key);
  if (node == nullptr) return Ok{};
  if (!node->is_string()) {
    return config_error(field(key), node, k_type_key,
                        "must be \"none\" or a string such as \"3wd\" or \"15d\"");
  }
  const std::string& text = node->as_string()->get();
  if (text == "none") {
    out.reset();
    return Ok{};
  }
  auto parsed = parse_period(text, field(key));
  if (!parsed.ok()) return as_config_error(parsed.error(), field(key), node);
  out = *parsed;
  return Ok{};
}

Result<void> SectionReader::path(std::string_view key, std::string& out) {
  TRY_VOID(text(key, out));
  const std::filesystem::path named(out);
  if (has(key) && !named.empty() && named.is_relative() && !m_impl.base_folder.empty())
    out = (std::filesystem::path(m_impl.base_folder) / named).lexically_normal().string();
  return Ok{};
}

Result<void> SectionReader::choice_index(std::string_view key, const std::vector<std::string>& names,
                                         std::size_t& index) {
  std::string spelled;
  TRY_VOID(text(key, spelled));
  if (!has(key)) return Ok{};
  const auto found = std::find(names.begin(), names.end(), spelled);
  if (found != names.end()) {
    index = static_cast<std::size_t>(found - names.begin());
    return Ok{};
  }
  std::string allowed;
  for (const std::string& name : names) allowed += (allowed.empty() ? "\"" : ", \"") + name + "\"";
  return invalid(key, "must be one of " + allowed);
}

std::vector<ConfigSection> joined_sections(std::initializer_list<std::vector<ConfigSection>> lists) {
  std::vector<ConfigSection> all;
  for (const auto& list : lists) all.insert(all.end(), list.begin(), list.end());
  return all;
}

Result<std::vector<std::string>> read_config_sections(std::string_view toml_text, const std::string& source,
                                                      const std::string& base_folder,
                                                      const std::vector<ConfigSection>& sections) {
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
  std::vector<Warning> warnings;
  for (const auto& [key, value] : root) {
    const std::string name(key.str());
    const auto section = std::find_if(sections.begin(), sections.end(),
                                      [&](const ConfigSection& known) { return known.name == name; });
    if (section == sections.end()) {
      warnings.push_back({line(value), (value.is_table() ? "unknown section: " : "unknown key: ") + name});
      continue;
    }
    if (!value.is_table()) return config_error(name, &value, k_type_key, "must be a section [" + name + "]");
    if (!section->read) continue;  // another program's section
    SectionReader::Impl impl{*value.as_table(), name, base_folder, {}};
    SectionReader reader(impl);
    TRY_VOID(section->read(reader));
    impl.report_unknown(warnings);
  }
  std::stable_sort(warnings.begin(), warnings.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  std::vector<std::string> texts;
  for (Warning& warning : warnings) texts.push_back(std::move(warning.text));
  return texts;
}

}  // namespace complaint
