// Catalog loading and lookup. A file may nest tables ([error.phone] invalid = "...") or use
// dotted keys (error.phone.invalid = "..."): both flatten to the same dotted key. Every
// value must be a string. Lookups fall back: this language, the other language, the key.
#include "core/i18n/catalog.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include <toml++/toml.h>

#include "core/config/text_file.h"

namespace complaint {

namespace {

using Texts = std::map<std::string, std::string, std::less<>>;

Error catalog_error(const std::string& path, const std::string& key, const toml::node* node,
                    const std::string& message) {
  std::string where = path;
  if (node != nullptr && node->source().begin.line != 0)
    where += " line " + std::to_string(node->source().begin.line);
  return Error{ErrorCode::config, where + ": " + key + ": " + message, key, "error.catalog.invalid", {}, 0};
}

Result<void> flatten(const toml::table& table, const std::string& prefix, const std::string& path,
                     Texts& out) {
  for (const auto& [key, value] : table) {
    const std::string full = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* nested = value.as_table()) {
      TRY_VOID(flatten(*nested, full, path, out));
    } else if (const auto* text = value.as_string()) {
      out.emplace(full, text->get());
    } else {
      return catalog_error(path, full, &value, "must be a string");
    }
  }
  return Ok{};
}

Result<Texts> load_texts(const std::string& path) {
  TRY_ASSIGN(const std::string source, read_text_file(path, "message catalog"));
  toml::table root;
  try {
    root = toml::parse(source);
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Error{ErrorCode::config,
                 path + " line " + std::to_string(begin.line) + ", column " + std::to_string(begin.column) +
                     ": " + std::string(e.description()),
                 {},
                 "error.catalog.invalid",
                 "toml::parse",
                 0};
  }
  Texts texts;
  TRY_VOID(flatten(root, "", path, texts));
  return texts;
}

// Language tags name files: letters, digits and '-' only, so "../x" cannot escape the folder.
bool is_language_tag(std::string_view language) {
  if (language.empty() || language.size() > 16) return false;
  return std::all_of(language.begin(), language.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// The main file <lang>.toml, then every area file <lang>.<area>.toml beside it (the kiosk's,
// the keyboard's, the receipt's, ...). A key defined twice is an error: which text wins
// must never depend on directory order.
Result<Texts> load_language(const std::string& directory, const std::string& language) {
  TRY_ASSIGN(Texts texts, load_texts(directory + "/" + language + ".toml"));
  std::vector<std::string> areas;
  std::error_code ignored;
  for (const auto& file : std::filesystem::directory_iterator(directory, ignored)) {
    const std::string name = file.path().filename().string();
    if (name.rfind(language + ".", 0) == 0 && name != language + ".toml" &&
        file.path().extension() == ".toml" && name.find('.', language.size() + 1) == name.size() - 5) {
      areas.push_back(file.path().string());
    }
  }
  std::sort(areas.begin(), areas.end());
  for (const auto& path : areas) {
    TRY_ASSIGN(Texts area, load_texts(path));
    for (auto& [key, text] : area) {
      if (!texts.emplace(key, std::move(text)).second) {
        return catalog_error(path, key, nullptr, "is already defined in another file of this language");
      }
    }
  }
  return texts;
}

}  // namespace

Result<Catalog> Catalog::load(const std::string& directory, const std::string& language) {
  if (!is_language_tag(language)) {
    return Error::invalid("language", "error.language.unknown", "'" + language + "' is not a language tag");
  }
  Catalog catalog;
  catalog.m_language = language;
  TRY_ASSIGN(catalog.m_texts, load_language(directory, language));
  // Chinese falls back to English and everything else to Chinese, the working language.
  const std::string fallback = language == "en" ? "zh-CN" : "en";
  auto fallback_texts = load_language(directory, fallback);
  if (fallback_texts.ok()) {
    catalog.m_fallback = std::move(fallback_texts).value();
  } else if (fallback_texts.error().status != ENOENT) {
    return fallback_texts.error();  // present but broken: the assets need fixing
  }
  return catalog;
}

bool Catalog::has(std::string_view key) const {
  return m_texts.find(key) != m_texts.end();
}

std::vector<std::string> Catalog::keys() const {
  std::vector<std::string> out;
  out.reserve(m_texts.size());
  for (const auto& [key, text] : m_texts) out.push_back(key);
  return out;
}

std::string Catalog::text(std::string_view key) const {
  if (const auto it = m_texts.find(key); it != m_texts.end()) return it->second;
  if (const auto it = m_fallback.find(key); it != m_fallback.end()) return it->second;
  // The key itself is ugly but visible: a missing text is noticed and reported, never blank.
  return std::string(key);
}

std::string Catalog::format(std::string_view key, const std::map<std::string, std::string>& values) const {
  const std::string pattern = text(key);
  std::string out;
  out.reserve(pattern.size());
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::size_t open = pattern.find('{', pos);
    const std::size_t close = open == std::string::npos ? std::string::npos : pattern.find('}', open + 1);
    if (close == std::string::npos) break;
    out.append(pattern, pos, open - pos);
    // Unknown placeholders stay as written, so a missing value shows up instead of vanishing.
    const auto value = values.find(pattern.substr(open + 1, close - open - 1));
    if (value != values.end()) {
      out += value->second;
    } else {
      out.append(pattern, open, close - open + 1);
    }
    pos = close + 1;
  }
  out.append(pattern, std::min(pos, pattern.size()), std::string::npos);
  return out;
}

}  // namespace complaint
