// GET /healthz: 200 {"status":"ok", ...} when the store answers, 503 otherwise (for load
// balancers, systemd watchdogs and the tests' "is the desk up yet" loop). "database" says
// how the store's connection stands: PostgreSQL's can be "down" (since when, how many
// reconnects failed, when the next is: also the 503's Retry-After); a SQLite file is "up".
#include <nlohmann/json.hpp>

#include "core/sync/sync_protocol.h"
#include "desk/routes/routes.h"

namespace complaint::desk {
namespace {

nlohmann::json database_json(const std::optional<DatabaseState>& state, Instant now) {
  nlohmann::json out{{"engine", state ? "postgresql" : "sqlite"},
                     {"state", !state || state->up ? "up" : "down"}};
  if (state && !state->up) {
    out["down_seconds"] = state->down_since ? (now - *state->down_since).count() : 0;
    out["failed_attempts"] = state->failed_attempts;
    out["retry_after"] = state->retry_after.count();
  }
  return out;
}

}  // namespace

void add_health_routes(Router& router, DeskContext& context) {
  router.add("GET", "/healthz", [&context](const DeskRequest&) {
    auto tickets = context.desk.count_rows("tickets");
    const Instant now = context.clock.now();
    const auto state = context.database_state ? context.database_state() : std::nullopt;
    if (!tickets.ok()) {
      nlohmann::json body = nlohmann::json::parse(error_to_json(tickets.error()), nullptr, false);
      body["status"] = "unavailable";
      body["database"] = database_json(state, now);
      return DeskResponse::json(503, body.dump());
    }
    const nlohmann::json body{{"status", "ok"},
                              {"tickets", *tickets},
                              {"time", now.time_since_epoch().count()},
                              {"protocol", kSyncProtocolVersion},
                              {"database", database_json(state, now)}};
    return DeskResponse::json(200, body.dump());
  });
}

}  // namespace complaint::desk
