// The desk's routes, one file per area. To add an area: write routes/<area>_routes.cpp
// with add_<area>_routes(Router&, DeskContext&), declare it here and call it in
// routes.cpp. Handlers get a DeskRequest and return a DeskResponse (router.h).
#pragma once

#include "desk/desk_context.h"
#include "desk/router.h"

namespace complaint::desk {

void add_health_routes(Router& router, DeskContext& context);    // GET /healthz
void add_sync_routes(Router& router, DeskContext& context);      // POST /api/v1/sync
void add_tracking_routes(Router& router, DeskContext& context);  // GET /t/{number}, POST /t/{number}/rating
void add_console_routes(Router& router, DeskContext& context);   // /console: the staff console

// Every area above, in order (earlier routes win on overlapping patterns).
void add_all_routes(Router& router, DeskContext& context);

}  // namespace complaint::desk
