// The desk's [desk] section (desk/desk_config.h): its values, the https pair rule, trusted
// proxies as plain addresses, and certificate files beside the config file.
#include "desk/desk_config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/config/config.h"

namespace complaint {
namespace {

Result<Config> parse_desk(const std::string& text, DeskConfig& desk) {
  return Config::parse(text, desk_config_sections(desk));
}

TEST(DeskConfig, ReadsEveryKey) {
  DeskConfig desk;
  const auto parsed = parse_desk(
      "[desk]\nlisten = \"0.0.0.0:8443\"\ndb = \"/var/lib/desk.db\"\nthreads = 8\nmax_body_bytes = 2048\n"
      "sync_threads = 2\nsync_queue_limit = 0\nsync_busy_retry_seconds = 5\n"
      "clock_skew_seconds = 60\ntls_certificate = \"/etc/d/cert.pem\"\ntls_key = \"/etc/d/key.pem\"\n"
      "tracking_rate_per_minute = 0\ntracking_burst = 5\ntrusted_proxies = [\"127.0.0.1\", \"::1\"]\n"
      "tracking_failures_per_minute = 2\ntracking_failure_burst = 3\nheader_timeout_seconds = 4\n"
      "body_timeout_seconds = 9\nmax_connections = 300\nmax_connections_per_address = 7\n"
      "db_retry_max_seconds = 5\ndb_give_up_seconds = 600\n",
      desk);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_TRUE(parsed->warnings.empty()) << parsed->warnings.front();
  EXPECT_EQ(desk.listen, "0.0.0.0:8443");
  EXPECT_EQ(desk.db, "/var/lib/desk.db");
  EXPECT_EQ(desk.threads, 8);
  EXPECT_EQ(desk.sync_threads, 2);
  EXPECT_EQ(desk.sync_queue_limit, 0) << "no waiting at all is allowed";
  EXPECT_EQ(desk.sync_busy_retry_seconds, 5);
  EXPECT_EQ(desk.max_body_bytes, 2048);
  EXPECT_EQ(desk.clock_skew_seconds, 60);
  EXPECT_EQ(desk.tls_cert, "/etc/d/cert.pem");
  EXPECT_EQ(desk.tls_key, "/etc/d/key.pem");
  EXPECT_EQ(desk.tracking_rate_per_minute, 0);
  EXPECT_EQ(desk.tracking_burst, 5);
  EXPECT_EQ(desk.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
  EXPECT_EQ(desk.tracking_failures_per_minute, 2);
  EXPECT_EQ(desk.tracking_failure_burst, 3);
  EXPECT_EQ(desk.header_timeout_seconds, 4);
  EXPECT_EQ(desk.body_timeout_seconds, 9);
  EXPECT_EQ(desk.max_connections, 300);
  EXPECT_EQ(desk.max_connections_per_address, 7);
  EXPECT_EQ(desk.db_retry_max_seconds, 5);
  EXPECT_EQ(desk.db_give_up_seconds, 600);
}

TEST(DeskConfig, AbsentSectionKeepsTheDefaults) {
  DeskConfig desk;
  ASSERT_TRUE(parse_desk("", desk).ok());
  EXPECT_EQ(desk.listen, "127.0.0.1:8080");
  EXPECT_TRUE(desk.trusted_proxies.empty());
  EXPECT_TRUE(desk.tls_cert.empty());
  EXPECT_EQ(desk.db_retry_max_seconds, 30);
  EXPECT_EQ(desk.db_give_up_seconds, 0) << "reconnecting for ever is the default";
  EXPECT_EQ(desk.threads, 8);
  EXPECT_EQ(desk.sync_threads, 4);
  EXPECT_EQ(desk.sync_queue_limit, 32);
  EXPECT_EQ(desk.sync_busy_retry_seconds, 2);
}

// The attachments' limits: defaults that fit the default body limit, values as given, and a
// file limit that follows a lowered body limit when it is not given.
TEST(DeskConfig, AttachmentLimits) {
  DeskConfig defaults;
  ASSERT_TRUE(parse_desk("", defaults).ok());
  EXPECT_EQ(defaults.attachment_max_bytes, 960 * 1024);
  EXPECT_EQ(defaults.attachment_max_count, 20);
  DeskConfig given;
  ASSERT_TRUE(
      parse_desk("[desk]\nmax_body_bytes = 4194304\nattachment_max_bytes = 4000000\nattachment_max_count = 5",
                 given)
          .ok());
  EXPECT_EQ(given.attachment_max_bytes, 4000000);
  EXPECT_EQ(given.attachment_max_count, 5);
  DeskConfig lowered;
  ASSERT_TRUE(parse_desk("[desk]\nmax_body_bytes = 196608", lowered).ok());
  EXPECT_EQ(lowered.attachment_max_bytes, 131072);
}

// Intake at the desk: its own station id in the numbers, and the receipt's CUPS queue.
TEST(DeskConfig, IntakeStationAndReceiptPrinter) {
  DeskConfig defaults;
  ASSERT_TRUE(parse_desk("", defaults).ok());
  EXPECT_EQ(defaults.intake_station, "DESK");
  EXPECT_TRUE(defaults.receipt_printer.empty()) << "no printer unless one is named";
  DeskConfig given;
  ASSERT_TRUE(parse_desk("[desk]\nintake_station = \"HOT1\"\nreceipt_printer = \"front\"", given).ok());
  EXPECT_EQ(given.intake_station, "HOT1");
  EXPECT_EQ(given.receipt_printer, "front");
}

TEST(DeskConfig, BadValuesAreErrorsNamingTheKey) {
  struct Bad {
    std::string name, text, field;
  };
  // https needs both files; the old spelling must not quietly mean plain HTTP.
  const std::vector<Bad> cases = {
      {"certificate without key", "[desk]\ntls_certificate = \"c.pem\"", "desk.tls_key"},
      {"key without certificate", "[desk]\ntls_key = \"k.pem\"", "desk.tls_certificate"},
      {"old certificate spelling", "[desk]\ntls_cert = \"c.pem\"\ntls_key = \"k.pem\"", "desk.tls_cert"},
      {"proxy as a host name", "[desk]\ntrusted_proxies = [\"proxy.example\"]", "desk.trusted_proxies"},
      {"proxy as a range", "[desk]\ntrusted_proxies = [\"10.0.0.0/8\"]", "desk.trusted_proxies"},
      {"no threads", "[desk]\nthreads = 0", "desk.threads"},
      {"no sync threads", "[desk]\nsync_threads = 0", "desk.sync_threads"},
      {"too many sync threads", "[desk]\nsync_threads = 257", "desk.sync_threads"},
      {"negative sync queue", "[desk]\nsync_queue_limit = -1", "desk.sync_queue_limit"},
      {"huge sync queue", "[desk]\nsync_queue_limit = 100001", "desk.sync_queue_limit"},
      {"busy answer retried at once", "[desk]\nsync_busy_retry_seconds = 0", "desk.sync_busy_retry_seconds"},
      {"busy answer retried after a day", "[desk]\nsync_busy_retry_seconds = 86400",
       "desk.sync_busy_retry_seconds"},
      {"no header time", "[desk]\nheader_timeout_seconds = 0", "desk.header_timeout_seconds"},
      {"no body time", "[desk]\nbody_timeout_seconds = 0", "desk.body_timeout_seconds"},
      {"too few connections", "[desk]\nmax_connections = 2", "desk.max_connections"},
      {"negative cap", "[desk]\nmax_connections_per_address = -1", "desk.max_connections_per_address"},
      {"no reconnect wait", "[desk]\ndb_retry_max_seconds = 0", "desk.db_retry_max_seconds"},
      {"negative give-up time", "[desk]\ndb_give_up_seconds = -1", "desk.db_give_up_seconds"},
      {"no attachment at all", "[desk]\nattachment_max_count = 0", "desk.attachment_max_count"},
      {"a station no number can carry", "[desk]\nintake_station = \"desk-1\"", "desk.intake_station"},
      {"a file limit no request can reach", "[desk]\nattachment_max_bytes = 1000000",
       "desk.attachment_max_bytes"},
      {"a file limit over a lowered body limit",
       "[desk]\nmax_body_bytes = 65536\nattachment_max_bytes = 1024", "desk.attachment_max_bytes"},
  };
  for (const Bad& bad : cases) {
    DeskConfig desk;
    const auto parsed = parse_desk(bad.text, desk);
    ASSERT_FALSE(parsed.ok()) << bad.name;
    EXPECT_EQ(parsed.error().code, ErrorCode::config) << bad.name;
    EXPECT_EQ(parsed.error().field, bad.field) << bad.name << ": " << parsed.error().message;
    EXPECT_EQ(parsed.error().key, "error.config.invalid") << bad.name;
    EXPECT_NE(parsed.error().message.find(bad.field), std::string::npos) << parsed.error().message;
  }
}

TEST(DeskConfig, SyncLaneKeysOfTheWrongTypeAreErrorsNamingTheKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[desk]\nsync_threads = \"4\"", "desk.sync_threads"},
      {"[desk]\nsync_queue_limit = 2.5", "desk.sync_queue_limit"},
      {"[desk]\nsync_busy_retry_seconds = true", "desk.sync_busy_retry_seconds"},
  };
  for (const auto& [text, field] : cases) {
    DeskConfig desk;
    const auto parsed = parse_desk(text, desk);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().field, field) << parsed.error().message;
    EXPECT_EQ(parsed.error().key, "error.config.type") << text;
    EXPECT_NE(parsed.error().message.find("whole number"), std::string::npos) << parsed.error().message;
  }
}

TEST(DeskConfig, RelativeCertificateFilesAreReadBesideTheConfigFile) {
  char pattern[] = "/tmp/desk_config_test_XXXXXX";
  ASSERT_NE(::mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  std::ofstream(dir + "/desk.toml")
      << "[desk]\ntls_certificate = \"tls/cert.pem\"\ntls_key = \"/etc/d/key.pem\"\n";
  DeskConfig desk;
  const auto loaded = Config::load_file(dir + "/desk.toml", desk_config_sections(desk));
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(desk.tls_cert, dir + "/tls/cert.pem");
  EXPECT_EQ(desk.tls_key, "/etc/d/key.pem") << "absolute paths stay";
}

TEST(DeskConfig, TheShippedExampleHasNoUnknownDeskKeys) {
  DeskConfig desk;
  const auto loaded = Config::load_file(std::string(COMPLAINT_SOURCE_ASSETS) + "/config.example.toml",
                                        desk_config_sections(desk));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_TRUE(loaded->warnings.empty()) << loaded->warnings.front();
  EXPECT_EQ(desk.listen, DeskConfig{}.listen);
}

}  // namespace
}  // namespace complaint
