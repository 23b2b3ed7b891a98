// Reader of [desk] (see desk_config.h).
#include "desk/desk_config.h"

#include <algorithm>

#include "core/base/ip_address.h"
#include "core/domain/ticket_number.h"

namespace complaint {
namespace {

// The integer keys of [desk] and their ranges, read in this order.
struct IntegerKey {
  const char* name;
  int DeskConfig::*member;
  int min;
  int max;
};
constexpr IntegerKey kIntegerKeys[] = {
    {"threads", &DeskConfig::threads, 1, 256},
    {"sync_threads", &DeskConfig::sync_threads, 1, 256},
    // 0: a sync request that finds every sync thread busy is refused at once.
    {"sync_queue_limit", &DeskConfig::sync_queue_limit, 0, 100000},
    {"sync_busy_retry_seconds", &DeskConfig::sync_busy_retry_seconds, 1, 3600},
    {"max_body_bytes", &DeskConfig::max_body_bytes, 1024, 64 * 1048576},
    {"clock_skew_seconds", &DeskConfig::clock_skew_seconds, 1, 3600},
    {"header_timeout_seconds", &DeskConfig::header_timeout_seconds, 1, 3600},
    {"body_timeout_seconds", &DeskConfig::body_timeout_seconds, 1, 3600},
    {"max_connections", &DeskConfig::max_connections, 16, 1000000},
    {"max_connections_per_address", &DeskConfig::max_connections_per_address, 0, 1000000},
    {"tracking_rate_per_minute", &DeskConfig::tracking_rate_per_minute, 0, 1000000},
    {"tracking_burst", &DeskConfig::tracking_burst, 1, 1000000},
    {"tracking_failures_per_minute", &DeskConfig::tracking_failures_per_minute, 0, 1000000},
    {"tracking_failure_burst", &DeskConfig::tracking_failure_burst, 1, 1000000},
    {"attachment_max_bytes", &DeskConfig::attachment_max_bytes, 1024, 64 * 1048576},
    {"attachment_max_count", &DeskConfig::attachment_max_count, 1, 1000},
};

Result<void> read_desk(SectionReader& in, DeskConfig& desk) {
  TRY_VOID(in.text("listen", desk.listen));
  TRY_VOID(in.text("db", desk.db));
  // The old spelling would only be an "unknown key" warning and the desk would serve plain
  // HTTP where https was meant: refuse it instead.
  if (in.has("tls_cert")) return in.invalid("tls_cert", "is now spelled tls_certificate");
  TRY_VOID(in.path("tls_certificate", desk.tls_cert));
  TRY_VOID(in.path("tls_key", desk.tls_key));
  // One without the other would silently serve plain HTTP.
  if (desk.tls_cert.empty() != desk.tls_key.empty()) {
    const char* missing = desk.tls_cert.empty() ? "tls_certificate" : "tls_key";
    const char* given = desk.tls_cert.empty() ? "tls_key" : "tls_certificate";
    return in.invalid_at(missing, given,
                         std::string("must be set together with ") + in.field(given) + " (https needs both)");
  }
  for (const IntegerKey& key : kIntegerKeys)
    TRY_VOID(in.integer(key.name, desk.*key.member, key.min, key.max));
  // Unset, the file limit follows a lowered body limit; set, it must fit in it.
  const int fits = desk.max_body_bytes - kAttachmentFormRoom;
  if (!in.has("attachment_max_bytes")) {
    desk.attachment_max_bytes = std::min(desk.attachment_max_bytes, std::max(1024, fits));
  } else if (desk.attachment_max_bytes > fits) {
    return in.invalid("attachment_max_bytes",
                      "must leave " + std::to_string(kAttachmentFormRoom) + " bytes of " +
                          in.field("max_body_bytes") + " (" + std::to_string(desk.max_body_bytes) +
                          ") for the upload form: raise " + in.field("max_body_bytes") + " or lower it");
  }
  TRY_VOID(in.text_list("trusted_proxies", desk.trusted_proxies));
  for (const std::string& proxy : desk.trusted_proxies) {
    if (!parse_ip_address(proxy))
      return in.invalid("trusted_proxies", "'" + proxy + "' is not an IP address (no host names or ranges)");
  }
  TRY_VOID(in.integer("db_retry_max_seconds", desk.db_retry_max_seconds, 1, 3600));
  TRY_VOID(in.integer("db_give_up_seconds", desk.db_give_up_seconds, 0, 7 * 86400));
  TRY_VOID(in.integer("calendar_refresh_seconds", desk.calendar_refresh_seconds, 1, 86400));
  TRY_VOID(in.text("intake_station", desk.intake_station));
  if (!is_valid_station_code(desk.intake_station))
    return in.invalid("intake_station", "must be 1-8 characters of A-Z and 0-9 (it is part of the number)");
  TRY_VOID(in.text("receipt_printer", desk.receipt_printer));
  return Ok{};
}

}  // namespace

std::vector<ConfigSection> desk_config_sections(DeskConfig& desk) {
  return {{"desk", [&desk](SectionReader& in) { return read_desk(in, desk); }}};
}

}  // namespace complaint
