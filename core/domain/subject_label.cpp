// subject_label(): see subject_label.h.
#include "core/domain/subject_label.h"

namespace complaint {

std::string SubjectLabel::text() const {
  const std::string& what = topic.empty() ? category : topic;
  if (kind.empty() || what.empty()) return kind.empty() ? what : kind;
  return kind + std::string(k_subject_separator) + what;
}

SubjectLabel subject_label(const Taxonomy& taxonomy, std::string_view kind, std::string_view category,
                           std::string_view language, std::string_view topic) {
  const TaxonomyEntry* kind_entry = taxonomy.kind(kind);
  const TaxonomyEntry* category_entry = taxonomy.category(category);
  const TaxonomyTopic* topic_entry = topic.empty() ? nullptr : taxonomy.topic(topic);
  return SubjectLabel{kind_entry != nullptr ? kind_entry->label(language) : std::string(),
                      category_entry != nullptr ? category_entry->label(language) : std::string(),
                      topic_entry != nullptr ? topic_entry->label(language) : std::string()};
}

}  // namespace complaint
