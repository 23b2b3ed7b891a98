// DeskResources: loading; see desk_resources.h.
#include "desk/desk_resources.h"

#include "core/attachments/content_sniff.h"
#include "core/config/text_file.h"
#include "drivers/crypto/sodium_crypto.h"

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

constexpr std::size_t kLogoMaxBytes = 256 * 1024;

// The bytes decide the type (content_sniff.h), as for attachments: a page that shows a file
// under the wrong type shows nothing.
Result<std::string> read_logo_data_uri(const std::string& path) {
  TRY_ASSIGN(const std::string bytes, read_text_file(path, "logo"));
  if (bytes.size() > kLogoMaxBytes)
    return Error::make(ErrorCode::config, "'" + path + "' is larger than 256 KiB", "logo", 0);
  const auto type = sniff_attachment(bytes);
  if (!type || *type == AttachmentType::pdf)
    return Error::make(ErrorCode::config, "'" + path + "' is not a whole PNG or JPEG image", "logo", 0);
  return std::string("data:") + content_type_of(*type) + ";base64," + base64_encode(bytes);
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
  if (!config.site.logo.empty()) {
    auto logo = read_logo_data_uri(config.site.logo);
    if (!logo.ok()) return named("[site] logo", logo.error());
    resources->logo_data_uri = std::move(logo).value();
  }
  return resources;
}

const Catalog& DeskResources::catalog(const std::string& language) const {
  const auto found = catalogs.find(language);
  return found != catalogs.end() ? found->second : catalogs.at("zh-CN");
}

}  // namespace complaint::desk
