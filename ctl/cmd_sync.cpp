// complaintctl sync: drains the kiosk's outbox to the desk once ([sync] in --config),
// storing the status updates the desk sends back. Prints what was sent, acknowledged and
// refused (and the latest refusal kept on the kiosk, with its reason);
// exits 0 only when nothing is left unsent, 1 otherwise (2: the configuration is wrong).
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/base/log_text.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/sync/sync_client.h"
#include "ctl/commands.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/transport/curl_transport.h"

namespace complaint::ctl {

int cmd_sync(CtlContext& context, Args args) {
  if (!args.empty()) return report_error(usage_error("usage: complaintctl [--config PATH] [--json] sync"));
  const SyncConfig& config = context.config().sync;
  if (config.url.empty() || config.key.empty()) {
    Error error =
        Error::invalid("sync.url", "desk.error.not_configured",
                       "[sync] url and key must be set in the config (see complaintctl desk kiosk add)");
    error.code = ErrorCode::config;
    report_error(error);
    return kExitBadInput;
  }
  auto signer = SodiumSigner::create();
  if (!signer.ok()) return report_error(signer.error());
  CurlOptions options;
  options.base_url = config.url;
  options.ca_file = config.ca_file;
  options.timeout = std::chrono::seconds(config.timeout_seconds);
  auto transport = make_curl_transport(options);
  if (!transport.ok()) {
    report_error(transport.error());  // e.g. an unreadable [sync] ca_file
    return transport.error().code == ErrorCode::config ? kExitBadInput : kExitFailure;
  }
  auto store = SqliteKioskSyncStore::open(context.options().db_path);
  if (!store.ok()) return report_error(store.error());

  SyncSettings settings;
  settings.kiosk_id = config.kiosk_id.empty() ? context.config().site.kiosk_id : config.kiosk_id;
  settings.key_hex = config.key;
  settings.batch_size = config.batch_size;
  SyncClient client(**store, **transport, *signer, context.clock(), settings);
  const SyncRound round = client.drain();

  if (context.options().json) {
    nlohmann::json out{{"requests", round.requests},
                       {"sent", round.sent},
                       {"acknowledged", round.acknowledged},
                       {"refused", round.refused},
                       {"refused_total", round.refusals.count},
                       {"updates", round.updates},
                       {"remaining", round.remaining}};
    if (round.error) out["error"] = round.error->message;
    if (const auto& latest = round.refusals.latest) {
      out["latest_refusal"] = {{"outbox_id", latest->outbox_id},
                               {"ticket", latest->ticket_number},
                               {"field", latest->reason.field},
                               {"key", latest->reason.key},
                               {"error", latest->reason.message}};
    }
    std::cout << out.dump() << std::endl;
  } else {
    std::cout << "sent " << round.sent << ", acknowledged " << round.acknowledged << ", refused "
              << round.refused << ", updates " << round.updates << ", remaining " << round.remaining
              << std::endl;
    if (const auto& latest = round.refusals.latest) {
      // The kiosk's own data, but it may hold what the desk refused it for: escaped.
      std::cout << "refused by the desk in all: " << round.refusals.count << "; latest: outbox row "
                << latest->outbox_id << " (" << log_safe(latest->ticket_number)
                << "): " << latest->reason.field << ": " << log_safe(latest->reason.message) << std::endl;
    }
  }
  if (round.error) report_error(*round.error);
  return round.ok() ? kExitOk : kExitFailure;
}

}  // namespace complaint::ctl
