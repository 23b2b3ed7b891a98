// subject_label(): see subject_label.h.
#include "core/domain/subject_label.h"

namespace complaint {

std::string SubjectLabel::text() const {
  if (kind.empty() || category.empty()) return kind.empty() ? category : kind;
  return kind + std::string(k_subject_separator) + category;
}

SubjectLabel subject_label(const Taxonomy& taxonomy, std::string_view kind, std::string_view category,
                           std::string_view language) {
  const TaxonomyEntry* kind_entry = taxonomy.kind(kind);
  const TaxonomyEntry* category_entry = taxonomy.category(category);
  return SubjectLabel{kind_entry != nullptr ? kind_entry->label(language) : std::string(),
                      category_entry != nullptr ? category_entry->label(language) : std::string()};
}

}  // namespace complaint
