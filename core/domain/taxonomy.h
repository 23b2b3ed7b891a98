// Taxonomy: kinds, channels and categories with zh-CN/English labels, icon, default
// severity and the complex flag, and per kind the topics a customer chooses from in their
// own words, each mapped to a procedure category. Configuration, loaded from
// assets/taxonomy.toml; the built-in defaults equal docs/DOMAIN.md §1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/domain/ticket.h"

namespace complaint {

// `label_en` for English ("en") when there is one, else `label_zh`: Chinese is the
// organisation's working language, so anything but English reads it.
const std::string& taxonomy_label(const std::string& label_zh, const std::string& label_en,
                                  std::string_view language);

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

// What a customer picks on the kiosk ("排队太久" / "Waited too long"): the customer's words for
// one kind, and the procedure category the ticket starts in (staff may reclassify it later;
// the ticket keeps the topic). `icon` names a pictogram assets/icons/<icon>.svg.
struct TaxonomyTopic {
  std::string id;  // unique across all kinds: the ticket stores it
  std::string kind;
  std::string category;
  std::string label_zh;
  std::string label_en;
  std::string icon;

  const std::string& label(std::string_view language) const;
  friend bool operator==(const TaxonomyTopic&, const TaxonomyTopic&) = default;
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
  const std::vector<TaxonomyTopic>& topics() const { return m_topics; }
  // The topics offered for `kind`, in file order; empty when the file gives none for it
  // (then the kiosk offers the customer categories themselves, as before topics existed).
  std::vector<const TaxonomyTopic*> topics_of(std::string_view kind) const;

  const TaxonomyEntry* kind(std::string_view id) const;
  const TaxonomyEntry* channel(std::string_view id) const;
  const TaxonomyEntry* category(std::string_view id) const;
  const TaxonomyTopic* topic(std::string_view id) const;

 private:
  std::vector<TaxonomyEntry> m_kinds;
  std::vector<TaxonomyEntry> m_channels;
  std::vector<TaxonomyEntry> m_categories;
  std::vector<TaxonomyTopic> m_topics;
};

// Every kind's and topic's pictogram is a file `<icons_dir>/<icon>.svg`: an ErrorCode::config
// error (error.taxonomy.icon_missing) naming the first entry whose icon is empty or absent.
// The kiosk checks this at start, so a tailored taxonomy cannot show blank tiles.
Result<void> check_taxonomy_icons(const Taxonomy& taxonomy, const std::string& icons_dir);

// What an id of a kind, channel or category looks like: [a-z][a-z0-9_]*, at most 64 long.
bool is_valid_taxonomy_id(std::string_view id);

}  // namespace complaint
