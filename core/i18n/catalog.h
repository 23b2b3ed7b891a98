// Catalog: user-facing strings by key, one TOML file per language in assets/i18n/
// (zh-CN.toml, en.toml). Placeholders are {name}. A missing key falls back to the
// other language, then to the key itself, and is reported so tests can catch it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace complaint {

class Catalog {
 public:
  static Result<Catalog> load(const std::string& directory, const std::string& language);
  const std::string& language() const { return m_language; }
  // True when this language's own file defines the key (a fallback does not count).
  bool has(std::string_view key) const;
  // The keys this language's own file defines, sorted: tests compare the catalogs with it.
  std::vector<std::string> keys() const;
  std::string text(std::string_view key) const;
  std::string format(std::string_view key, const std::map<std::string, std::string>& values) const;

 private:
  std::string m_language;
  std::map<std::string, std::string, std::less<>> m_texts;
  std::map<std::string, std::string, std::less<>> m_fallback;
};

}  // namespace complaint
