// GET /healthz: 200 {"status":"ok", ...} when the store answers, 503 otherwise (for load
// balancers, systemd watchdogs and the tests' "is the desk up yet" loop).
#include <nlohmann/json.hpp>

#include "core/sync/sync_protocol.h"
#include "desk/routes/routes.h"

namespace complaint::desk {

void add_health_routes(Router& router, DeskContext& context) {
  router.add("GET", "/healthz", [&context](const DeskRequest&) {
    auto tickets = context.desk.count_rows("tickets");
    if (!tickets.ok()) return DeskResponse::json(503, error_to_json(tickets.error()));
    const nlohmann::json body{{"status", "ok"},
                              {"tickets", *tickets},
                              {"time", context.clock.now().time_since_epoch().count()},
                              {"protocol", kSyncProtocolVersion}};
    return DeskResponse::json(200, body.dump());
  });
}

}  // namespace complaint::desk
