// POST /api/v1/sync: the kiosks' outbox batches (core/sync/desk_sync_service.h does the
// work; this file only adapts the request and owns the service for the server's life).
#include <memory>

#include "core/sync/desk_sync_service.h"
#include "desk/routes/routes.h"

namespace complaint::desk {

void add_sync_routes(Router& router, DeskContext& context) {
  DeskSyncLimits limits;
  limits.max_body_bytes = static_cast<std::size_t>(context.settings.max_body_bytes);
  limits.clock_skew = std::chrono::seconds(context.settings.clock_skew_seconds);
  auto service =
      std::make_shared<DeskSyncService>(context.desk, context.signer, context.clock, limits, context.log);
  if (context.calendar != nullptr) {
    OrganisationCalendar* calendar = context.calendar;
    service->set_calendar_source([calendar] { return calendar->current(); });
  }
  router.add("POST", kSyncPath, [service](const DeskRequest& request) {
    const HttpResponse response = service->handle(request.http);
    return DeskResponse::json(response.status, response.body);
  });
}

}  // namespace complaint::desk
