// retention_notice: the consent screen's "how long we keep it" text, generated from the
// configured RetentionPolicy, so the promise is what the desk and the kiosk actually do
// (docs/DOMAIN.md §11). Every word comes from the catalogs (kiosk.consent.kept.*).
#pragma once

#include <string>

#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/retention/retention_policy.h"

namespace complaint {

// E.g. "办结（归档或撤诉）后保存1年；重大投诉保存3年；举报保存3年。期满后……本机……7天……".
// A rule no longer than the default is not listed; kinds the taxonomy does not know are
// named by their id. `end_key` is the closing sentence's key: the kiosk's names the copy the
// kiosk keeps; the desk's intake form (which keeps none) passes its own.
std::string retention_notice(const Catalog& texts, const RetentionPolicy& policy, const Taxonomy& taxonomy,
                             const char* end_key = "kiosk.consent.kept.end");

}  // namespace complaint
