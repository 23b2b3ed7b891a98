// DeskResources: loading; see desk_resources.h.
#include "desk/desk_resources.h"

#include "core/config/text_file.h"

namespace complaint::desk {
namespace {

constexpr std::pair<const char*, const char*> kConsoleFiles[] = {
    {"console.css", "text/css; charset=utf-8"},
    {"console.js", "text/javascript; charset=utf-8"},
};

// The resource's name in front of its error, so the one line the desk logs before it stops
// says what to fix.
Error named(const char* resource, Error error) {
  error.message = std::string(resource) + ": " + error.message;
  if (error.code != ErrorCode::config && error.code != ErrorCode::invalid_input)
    error.code = ErrorCode::config;
  return error;
}

}  // namespace

Result<std::unique_ptr<DeskResources>> DeskResources::load(const Config& config, TicketRepository& tickets,
                                                           const Clock& clock) {
  auto resources = std::make_unique<DeskResources>();
  const std::string assets = assets_dir();
  for (const char* language : {"zh-CN", "en"}) {
    auto catalog = Catalog::load(assets + "/i18n", language);
    if (!catalog.ok()) return named("texts", catalog.error());
    resources->catalogs.emplace(language, std::move(catalog).value());
  }
  auto taxonomy = Taxonomy::load_configured(config.taxonomy_path);
  if (!taxonomy.ok()) return named("taxonomy", taxonomy.error());
  resources->taxonomy = std::move(taxonomy).value();
  auto calendar = WorkCalendar::create(config.calendar);
  if (!calendar.ok()) return named("calendar", calendar.error());
  resources->calendar = std::make_unique<WorkCalendar>(std::move(calendar).value());
  resources->filing =
      std::make_unique<FilingService>(config, resources->taxonomy, *resources->calendar, tickets, clock);
  for (const auto& [name, type] : kConsoleFiles) {
    auto body = read_text_file(assets + "/desk/" + name, "console file");
    if (!body.ok()) return named("console", body.error());
    resources->console_files[name] = StaticFile{type, std::move(body).value()};
  }
  return resources;
}

const Catalog& DeskResources::catalog(const std::string& language) const {
  const auto found = catalogs.find(language);
  return found != catalogs.end() ? found->second : catalogs.at("zh-CN");
}

}  // namespace complaint::desk
