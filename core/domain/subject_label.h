// What a ticket is about, in one language: its kind and the customer's topic ("投诉 · 卡被吞",
// "Complaint · Card retained by ATM"), else its category's label ("投诉 · 服务态度"): the pair
// the kiosk's review screen, the receipt and the desk's tracking page show. The customer's
// own words stay when staff reclassify the category. Never the ticket's text.
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
  std::string topic;     // the topic's label; empty when none was chosen (or it is unknown)

  // "kind · topic", else "kind · category"; a part that is empty is left out with its separator.
  std::string text() const;
};

// The labels of `kind` and `category` in `language` (English for "en", else Chinese, as
// TaxonomyEntry::label reads it).
SubjectLabel subject_label(const Taxonomy& taxonomy, std::string_view kind, std::string_view category,
                           std::string_view language, std::string_view topic = {});

}  // namespace complaint
