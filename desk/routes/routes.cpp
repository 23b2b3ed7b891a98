// add_all_routes: the one list of route areas (see routes.h).
#include "desk/routes/routes.h"

namespace complaint::desk {

void add_all_routes(Router& router, DeskContext& context) {
  add_health_routes(router, context);
  add_sync_routes(router, context);
  add_tracking_routes(router, context);
  add_console_routes(router, context);
}

}  // namespace complaint::desk
