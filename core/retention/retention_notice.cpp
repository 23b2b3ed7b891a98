// retention_notice (see retention_notice.h).
#include "core/retention/retention_notice.h"

namespace complaint {
namespace {

std::string years_text(const Catalog& texts, int years) {
  return texts.format(years == 1 ? "kiosk.consent.kept.years_one" : "kiosk.consent.kept.years_other",
                      {{"n", std::to_string(years)}});
}

std::string days_text(const Catalog& texts, int days) {
  return texts.format(days == 1 ? "kiosk.consent.kept.days_one" : "kiosk.consent.kept.days_other",
                      {{"n", std::to_string(days)}});
}

}  // namespace

std::string retention_notice(const Catalog& texts, const RetentionPolicy& policy, const Taxonomy& taxonomy,
                             const char* end_key) {
  const std::string separator = texts.text("kiosk.consent.kept.separator");
  std::string text = texts.format("kiosk.consent.kept.base", {{"years", years_text(texts, policy.years)}});
  if (policy.major_years > policy.years) {
    text += separator +
            texts.format("kiosk.consent.kept.major", {{"years", years_text(texts, policy.major_years)}});
  }
  for (const auto& [kind, years] : policy.kind_years) {
    if (years <= policy.years) continue;
    const TaxonomyEntry* entry = taxonomy.kind(kind);
    const std::string label = entry != nullptr ? entry->label(texts.language()) : kind;
    text += separator +
            texts.format("kiosk.consent.kept.kind", {{"kind", label}, {"years", years_text(texts, years)}});
  }
  return text + texts.format(end_key, {{"days", days_text(texts, policy.kiosk_keep_days)}});
}

}  // namespace complaint
