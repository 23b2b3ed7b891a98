// Taxonomy: kinds, channels and categories with zh-CN/English labels, icon, default
// severity and the complex flag. Configuration, loaded from assets/taxonomy.toml; the
// built-in defaults equal docs/DOMAIN.md §1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint {

struct TaxonomyEntry {
  std::string id;
  std::string label_zh;
  std::string label_en;
  std::string icon;
  Severity default_severity = Severity::general;
  bool complex = false;
  bool major = false;                         // always major (rule_violation, financial_crime, media, ...)
  bool confidential = false;                  // goes straight to the supervisor (reports, financial crime)
  bool staff_only = false;                    // never offered to the customer (not_our_responsibility)
  std::vector<std::string> quick_phrases_zh;  // tappable phrases on the kiosk
  std::vector<std::string> quick_phrases_en;

  const std::string& label(std::string_view language) const;
};

class Taxonomy {
 public:
  static Taxonomy defaults();
  static Result<Taxonomy> load_file(const std::string& path);
  // The deployment's taxonomy: the file of the config's `taxonomy_path`, the built-in
  // defaults when that is empty. Every program loads it through here.
  static Result<Taxonomy> load_configured(const std::string& taxonomy_path);
  static Result<Taxonomy> parse(std::string_view toml_text);

  const std::vector<TaxonomyEntry>& kinds() const { return m_kinds; }
  const std::vector<TaxonomyEntry>& channels() const { return m_channels; }
  const std::vector<TaxonomyEntry>& categories() const { return m_categories; }

  const TaxonomyEntry* kind(std::string_view id) const;
  const TaxonomyEntry* channel(std::string_view id) const;
  const TaxonomyEntry* category(std::string_view id) const;

 private:
  std::vector<TaxonomyEntry> m_kinds;
  std::vector<TaxonomyEntry> m_channels;
  std::vector<TaxonomyEntry> m_categories;
};

// What an id of a kind, channel or category looks like: [a-z][a-z0-9_]*, at most 64 long.
bool is_valid_taxonomy_id(std::string_view id);

}  // namespace complaint
