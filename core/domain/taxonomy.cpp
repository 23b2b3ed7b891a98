// Taxonomy lookup and the TOML reader for assets/taxonomy.toml. The reader is strict (an
// unknown key or a wrong type is an ErrorCode::config error naming it and its line): a typo
// such as "confidental" would otherwise silently drop a confidentiality flag.
#include "core/domain/taxonomy.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include <toml++/toml.h>

#include "core/config/text_file.h"

namespace complaint {

namespace {

constexpr const char* k_key = "error.taxonomy.invalid";

Error taxonomy_error(const std::string& field, const toml::node* node, const std::string& message) {
  std::string where;
  if (node != nullptr && node->source().begin.line != 0) {
    where = " (line " + std::to_string(node->source().begin.line) + ")";
  }
  return Error{ErrorCode::config, "taxonomy: " + field + where + ": " + message, field, k_key, {}, 0};
}

Result<std::string> read_string(const toml::node& node, const std::string& field) {
  const auto* value = node.as_string();
  if (value == nullptr) return taxonomy_error(field, &node, "must be a string");
  return value->get();
}

Result<bool> read_bool(const toml::node& node, const std::string& field) {
  const auto* value = node.as_boolean();
  if (value == nullptr) return taxonomy_error(field, &node, "must be true or false");
  return value->get();
}

Result<std::vector<std::string>> read_phrases(const toml::node& node, const std::string& field) {
  const auto* array = node.as_array();
  if (array == nullptr) return taxonomy_error(field, &node, "must be an array of strings");
  std::vector<std::string> phrases;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string item_field = field + "[" + std::to_string(i) + "]";
    TRY_ASSIGN(std::string phrase, read_string(*array->get(i), item_field));
    if (phrase.empty()) return taxonomy_error(item_field, array->get(i), "must not be empty");
    phrases.push_back(std::move(phrase));
  }
  return phrases;
}

Result<void> read_key(TaxonomyEntry& entry, std::string_view key, const toml::node& node,
                      const std::string& field, bool& severity_given) {
  if (key == "id") {
    TRY_ASSIGN(entry.id, read_string(node, field));
  } else if (key == "label_zh") {
    TRY_ASSIGN(entry.label_zh, read_string(node, field));
  } else if (key == "label_en") {
    TRY_ASSIGN(entry.label_en, read_string(node, field));
  } else if (key == "icon") {
    TRY_ASSIGN(entry.icon, read_string(node, field));
  } else if (key == "default_severity") {
    TRY_ASSIGN(const std::string name, read_string(node, field));
    const auto severity = severity_from_string(name);
    if (!severity) return taxonomy_error(field, &node, "'" + name + "' is not one of light, general, major");
    entry.default_severity = *severity;
    severity_given = true;
  } else if (key == "complex") {
    TRY_ASSIGN(entry.complex, read_bool(node, field));
  } else if (key == "major") {
    TRY_ASSIGN(entry.major, read_bool(node, field));
  } else if (key == "confidential") {
    TRY_ASSIGN(entry.confidential, read_bool(node, field));
  } else if (key == "staff_only") {
    TRY_ASSIGN(entry.staff_only, read_bool(node, field));
  } else if (key == "quick_phrases_zh") {
    TRY_ASSIGN(entry.quick_phrases_zh, read_phrases(node, field));
  } else if (key == "quick_phrases_en") {
    TRY_ASSIGN(entry.quick_phrases_en, read_phrases(node, field));
  } else {
    return taxonomy_error(field, &node, "unknown key");
  }
  return Ok{};
}

Result<TaxonomyEntry> read_entry(const toml::node& node, const std::string& field) {
  const auto* table = node.as_table();
  if (table == nullptr) return taxonomy_error(field, &node, "must be a table ([[...]])");
  TaxonomyEntry entry;
  bool severity_given = false;
  for (const auto& [key, value] : *table) {
    TRY_VOID(read_key(entry, key.str(), value, field + "." + std::string(key.str()), severity_given));
  }
  if (!is_valid_taxonomy_id(entry.id)) {
    return taxonomy_error(
        field + ".id", &node,
        "'" + entry.id + "' is not an id (lower-case letters, digits and _, e.g. work_error)");
  }
  if (entry.label_zh.empty()) return taxonomy_error(field + ".label_zh", &node, "is required");
  if (entry.label_en.empty()) return taxonomy_error(field + ".label_en", &node, "is required");
  // Same rule as the built-in defaults: an always-major entry starts at major severity.
  if (entry.major && !severity_given) entry.default_severity = Severity::major;
  return entry;
}

Result<std::vector<TaxonomyEntry>> read_list(const toml::table& root, const std::string& name) {
  const toml::node* node = root.get(name);
  if (node == nullptr)
    return taxonomy_error(name, nullptr, "is missing (needs at least one [[" + name + "]])");
  const auto* array = node->as_array();
  if (array == nullptr || array->empty()) {
    return taxonomy_error(name, node, "must be a non-empty array of tables ([[" + name + "]])");
  }
  std::vector<TaxonomyEntry> entries;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string field = name + "[" + std::to_string(i) + "]";
    TRY_ASSIGN(TaxonomyEntry entry, read_entry(*array->get(i), field));
    if (!ids.insert(entry.id).second) {
      return taxonomy_error(field + ".id", array->get(i), "duplicate id '" + entry.id + "'");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<TaxonomyTopic> read_topic(const toml::node& node, const std::string& field) {
  const auto* table = node.as_table();
  if (table == nullptr) return taxonomy_error(field, &node, "must be a table ([[topics]])");
  TaxonomyTopic topic;
  for (const auto& [key, value] : *table) {
    const std::string_view name = key.str();
    const std::string key_field = field + "." + std::string(name);
    std::string* target = name == "id"         ? &topic.id
                          : name == "kind"     ? &topic.kind
                          : name == "category" ? &topic.category
                          : name == "label_zh" ? &topic.label_zh
                          : name == "label_en" ? &topic.label_en
                          : name == "icon"     ? &topic.icon
                                               : nullptr;
    if (target == nullptr) return taxonomy_error(key_field, &value, "unknown key");
    TRY_ASSIGN(*target, read_string(value, key_field));
  }
  if (!is_valid_taxonomy_id(topic.id)) {
    return taxonomy_error(
        field + ".id", &node,
        "'" + topic.id + "' is not an id (lower-case letters, digits and _, e.g. long_wait)");
  }
  if (topic.label_zh.empty()) return taxonomy_error(field + ".label_zh", &node, "is required");
  if (topic.label_en.empty()) return taxonomy_error(field + ".label_en", &node, "is required");
  return topic;
}

// Topics are optional (a file from before them has none). Each names a kind of the file and a
// category a customer may be filed under: a staff-only one would put the customer's own
// choice beyond what the kiosk may set.
Result<std::vector<TaxonomyTopic>> read_topics(const toml::table& root, const Taxonomy& taxonomy) {
  const toml::node* node = root.get("topics");
  if (node == nullptr) return std::vector<TaxonomyTopic>{};
  const auto* array = node->as_array();
  if (array == nullptr) return taxonomy_error("topics", node, "must be an array of tables ([[topics]])");
  std::vector<TaxonomyTopic> topics;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string field = "topics[" + std::to_string(i) + "]";
    TRY_ASSIGN(TaxonomyTopic topic, read_topic(*array->get(i), field));
    if (!ids.insert(topic.id).second) {
      return taxonomy_error(field + ".id", array->get(i), "duplicate id '" + topic.id + "'");
    }
    if (taxonomy.kind(topic.kind) == nullptr) {
      return taxonomy_error(field + ".kind", array->get(i),
                            "'" + topic.kind + "' is not a kind of this file");
    }
    const TaxonomyEntry* category = taxonomy.category(topic.category);
    if (category == nullptr || category->staff_only) {
      Error error = taxonomy_error(field + ".category", array->get(i),
                                   "'" + topic.category + "' is not a category customers may choose");
      error.key = "error.taxonomy.topic_category";
      return error;
    }
    topics.push_back(std::move(topic));
  }
  return topics;
}

const TaxonomyEntry* find(const std::vector<TaxonomyEntry>& entries, std::string_view id) {
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.id == id; });
  return it == entries.end() ? nullptr : &*it;
}

}  // namespace

const std::string& taxonomy_label(const std::string& label_zh, const std::string& label_en,
                                  std::string_view language) {
  return language == "en" && !label_en.empty() ? label_en : label_zh;
}

const std::string& TaxonomyEntry::label(std::string_view language) const {
  return taxonomy_label(label_zh, label_en, language);
}

const std::string& TaxonomyTopic::label(std::string_view language) const {
  return taxonomy_label(label_zh, label_en, language);
}

Result<Taxonomy> Taxonomy::load_file(const std::string& path) {
  TRY_ASSIGN(const std::string text, read_text_file(path, "taxonomy file"));
  auto taxonomy = parse(text);
  if (!taxonomy.ok()) {
    Error error = taxonomy.error();
    error.message = path + ": " + error.message;
    return error;
  }
  return taxonomy;
}

Result<Taxonomy> Taxonomy::load_configured(const std::string& taxonomy_path) {
  if (taxonomy_path.empty()) return defaults();
  return load_file(taxonomy_path);
}

Result<Taxonomy> Taxonomy::parse(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Error{ErrorCode::config,
                 "taxonomy: line " + std::to_string(begin.line) + ", column " + std::to_string(begin.column) +
                     ": " + std::string(e.description()),
                 {},
                 k_key,
                 "toml::parse",
                 0};
  }
  for (const auto& [key, value] : root) {
    const std::string_view name = key.str();
    if (name != "kinds" && name != "channels" && name != "categories" && name != "topics") {
      return taxonomy_error(std::string(name), &value,
                            "unknown key (expected kinds, channels, categories, topics)");
    }
  }
  Taxonomy taxonomy;
  TRY_ASSIGN(taxonomy.m_kinds, read_list(root, "kinds"));
  TRY_ASSIGN(taxonomy.m_channels, read_list(root, "channels"));
  TRY_ASSIGN(taxonomy.m_categories, read_list(root, "categories"));
  // The kiosk must have something to offer; staff-only categories are never shown there.
  const bool any_for_customers = std::any_of(taxonomy.m_categories.begin(), taxonomy.m_categories.end(),
                                             [](const auto& e) { return !e.staff_only; });
  if (!any_for_customers) return taxonomy_error("categories", nullptr, "every category is staff_only");
  TRY_ASSIGN(taxonomy.m_topics, read_topics(root, taxonomy));
  return taxonomy;
}

const TaxonomyEntry* Taxonomy::kind(std::string_view id) const {
  return find(m_kinds, id);
}
const TaxonomyEntry* Taxonomy::channel(std::string_view id) const {
  return find(m_channels, id);
}
const TaxonomyEntry* Taxonomy::category(std::string_view id) const {
  return find(m_categories, id);
}
const TaxonomyTopic* Taxonomy::topic(std::string_view id) const {
  const auto it = std::find_if(m_topics.begin(), m_topics.end(), [&](const auto& t) { return t.id == id; });
  return it == m_topics.end() ? nullptr : &*it;
}

std::vector<const TaxonomyTopic*> Taxonomy::topics_of(std::string_view kind) const {
  std::vector<const TaxonomyTopic*> out;
  for (const TaxonomyTopic& topic : m_topics) {
    if (topic.kind == kind) out.push_back(&topic);
  }
  return out;
}

Result<void> check_taxonomy_icons(const Taxonomy& taxonomy, const std::string& icons_dir) {
  const auto check = [&](const std::string& field, const std::string& icon) -> Result<void> {
    std::error_code ignored;
    if (!icon.empty() && std::filesystem::is_regular_file(icons_dir + "/" + icon + ".svg", ignored))
      return Ok{};
    Error error =
        taxonomy_error(field + ".icon", nullptr,
                       icon.empty() ? "is required" : "no pictogram " + icons_dir + "/" + icon + ".svg");
    error.key = "error.taxonomy.icon_missing";
    return error;
  };
  for (const TaxonomyEntry& kind : taxonomy.kinds()) TRY_VOID(check("kinds." + kind.id, kind.icon));
  for (const TaxonomyTopic& topic : taxonomy.topics()) TRY_VOID(check("topics." + topic.id, topic.icon));
  return Ok{};
}

bool is_valid_taxonomy_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace complaint
