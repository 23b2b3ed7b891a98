// What a ticket is about, in one language: its kind and its category's label, the pair the
// kiosk's review screen and the desk's tracking page both show ("投诉 · 服务态度",
// "Complaint · Service attitude"). Never the ticket's text.
#pragma once

#include <string>
#include <string_view>

#include "core/domain/taxonomy.h"

namespace complaint {

// Between the kind and the category wherever the two stand on one line.
inline constexpr std::string_view k_subject_separator = " · ";

struct SubjectLabel {
  std::string kind;      // the kind's label; empty when the taxonomy has no such kind
  std::string category;  // the category's label; empty when unknown (or none given)

  // "kind · category"; a part that is empty is left out with its separator.
  std::string text() const;
};

// The labels of `kind` and `category` in `language` (English for "en", else Chinese, as
// TaxonomyEntry::label reads it).
SubjectLabel subject_label(const Taxonomy& taxonomy, std::string_view kind, std::string_view category,
                           std::string_view language);

}  // namespace complaint
