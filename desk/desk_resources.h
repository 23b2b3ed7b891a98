// DeskResources: what the desk loads once at start from its configuration — the catalogs
// (zh-CN, en), the taxonomy, the working-day calendar, the console's static files — and the
// one FilingService built on them that every route acts through (console, tracking page).
// A resource that does not load stops the desk with a message naming it (desk/main.cpp): no
// route falls back to defaults or disables itself, so what the console offers and what the
// server enforces come from the same taxonomy.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/base/clock.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/services/filing_service.h"
#include "core/store/ticket_repository.h"

namespace complaint::desk {

struct StaticFile {
  std::string content_type;
  std::string body;
};

struct DeskResources {
  // Loads every resource from `config` and the assets folder; the error names what is broken.
  static Result<std::unique_ptr<DeskResources>> load(const Config& config, TicketRepository& tickets,
                                                     const Clock& clock);

  std::map<std::string, Catalog> catalogs;  // "zh-CN", "en"
  Taxonomy taxonomy;
  std::unique_ptr<WorkCalendar> calendar;
  std::unique_ptr<FilingService> filing;
  std::map<std::string, StaticFile> console_files;  // assets/desk/, by file name
  // [site] logo as a data: URI for the tracking page (which loads nothing from elsewhere);
  // empty when none is configured.
  std::string logo_data_uri;

  const Catalog& catalog(const std::string& language) const;  // zh-CN for an unknown language
};

}  // namespace complaint::desk
