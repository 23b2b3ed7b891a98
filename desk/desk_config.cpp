// Reader of [desk] (see desk_config.h).
#include "desk/desk_config.h"

#include "core/base/ip_address.h"

namespace complaint {
namespace {

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
  TRY_VOID(in.integer("threads", desk.threads, 1, 256));
  TRY_VOID(in.integer("max_body_bytes", desk.max_body_bytes, 1024, 64 * 1048576));
  TRY_VOID(in.integer("tracking_rate_per_minute", desk.tracking_rate_per_minute, 0, 1000000));
  TRY_VOID(in.integer("tracking_burst", desk.tracking_burst, 1, 1000000));
  TRY_VOID(in.text_list("trusted_proxies", desk.trusted_proxies));
  for (const std::string& proxy : desk.trusted_proxies) {
    if (!parse_ip_address(proxy))
      return in.invalid("trusted_proxies", "'" + proxy + "' is not an IP address (no host names or ranges)");
  }
  TRY_VOID(in.integer("db_retry_max_seconds", desk.db_retry_max_seconds, 1, 3600));
  TRY_VOID(in.integer("db_give_up_seconds", desk.db_give_up_seconds, 0, 7 * 86400));
  return in.integer("clock_skew_seconds", desk.clock_skew_seconds, 1, 3600);
}

}  // namespace

std::vector<ConfigSection> desk_config_sections(DeskConfig& desk) {
  return {{"desk", [&desk](SectionReader& in) { return read_desk(in, desk); }}};
}

}  // namespace complaint
