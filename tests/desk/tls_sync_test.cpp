// HTTPS between kiosk and desk with the REAL processes: a throwaway CA and a certificate
// for 127.0.0.1 made with the openssl command line, complaint-desk serving https, and
// `complaintctl sync` trusting that CA through [sync] ca_file. Without the CA, or with
// another one, sync refuses with a certificate error and keeps the outbox; plain HTTP on the
// TLS port gets no answer; a bad certificate or key stops the desk with exit 2 naming the key.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"
#include "desk_process.h"
#include "sync_test_support.h"

namespace complaint::testing {
namespace {

constexpr const char* kOpenssl = "/usr/bin/openssl";

// Files of a throwaway PKI: `ca` signed `cert` (SAN IP:127.0.0.1); `other_ca` signed nothing.
struct TestPki {
  std::string ca, ca_key, other_ca, cert, key;
};

// Runs openssl; an empty string on success, else what it said.
std::string openssl(std::vector<std::string> args) {
  args.insert(args.begin(), kOpenssl);
  const CommandResult ran = run_command(args);
  return ran.exit_code == 0 ? std::string() : "openssl " + args[1] + ": " + ran.err;
}

std::string make_ca(const std::string& pem, const std::string& key, const std::string& name) {
  return openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                  "-keyout", key, "-out", pem, "-days", "2", "-subj", "/CN=" + name, "-addext",
                  "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
}

std::string make_pki(const TempDir& dir, TestPki& pki) {
  pki = {dir.file("ca.pem"), dir.file("ca.key"), dir.file("other-ca.pem"), dir.file("desk.pem"),
         dir.file("desk.key")};
  std::ofstream(dir.file("ext.cnf")) << "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                                        "basicConstraints=CA:FALSE\n";
  for (const std::string& failed :
       {make_ca(pki.ca, pki.ca_key, "complaint test CA"),
        make_ca(pki.other_ca, dir.file("other-ca.key"), "complaint other CA"),
        openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                 "-keyout", pki.key, "-out", dir.file("desk.csr"), "-subj", "/CN=127.0.0.1"}),
        openssl({"x509", "-req", "-in", dir.file("desk.csr"), "-CA", pki.ca, "-CAkey", pki.ca_key,
                 "-CAcreateserial", "-days", "2", "-out", pki.cert, "-extfile", dir.file("ext.cnf")})}) {
    if (!failed.empty()) return failed;
  }
  return {};
}

std::int64_t unsent(const std::string& kiosk_db) {
  return must(must(SqliteKioskSyncStore::open(kiosk_db))->count_unsent());
}

std::int64_t desk_rows(const std::string& desk_db, const std::string& table) {
  return must(must(SqliteDeskStore::open(desk_db))->count_rows(table));
}

class DeskTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::access(kOpenssl, X_OK) != 0) GTEST_SKIP() << "no openssl command line (Debian package openssl)";
    const std::string failed = make_pki(m_dir, m_pki);
    ASSERT_TRUE(failed.empty()) << failed;
  }

  std::string desk_config(const std::string& cert, const std::string& key) const {
    return "[desk]\ntls_certificate = \"" + cert + "\"\ntls_key = \"" + key + "\"\n";
  }

  // `complaintctl sync --json` for the kiosk database with [sync] url, key and `extra`.
  CommandResult sync(const std::string& url, const std::string& key, const std::string& extra = {}) {
    const std::string config = m_dir.file("kiosk.toml");
    std::ofstream(config) << kiosk_sync_config(url, key, "timeout_seconds = 5\n" + extra);
    return run_command({COMPLAINTCTL_PATH, "--config", config, "--db", m_kiosk_db, "--json", "sync"});
  }

  TempDir m_dir;
  TestPki m_pki;
  std::string m_kiosk_db = m_dir.file("kiosk.db");
};

TEST_F(DeskTls, SyncTrustsOnlyTheConfiguredCaAndDeliversExactlyOnce) {
  DeskProcess desk(m_dir.file("desk"), desk_config(m_pki.cert, m_pki.key));
  ASSERT_TRUE(desk.started()) << desk.log();
  ASSERT_EQ(desk.url().rfind("https://", 0), 0u) << desk.url();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(key.size(), 64u);
  const CommandResult filed = run_command({FILING_LOOP_PATH, m_kiosk_db, "4", "tls"});
  ASSERT_EQ(filed.exit_code, 0) << filed.err;
  ASSERT_EQ(unsent(m_kiosk_db), 8);  // each filing: the ticket and its "file" event

  // Not trusted: the system CAs only, or a CA that did not sign the desk's certificate.
  for (const std::string& extra : {std::string(), "ca_file = \"" + m_pki.other_ca + "\"\n"}) {
    SCOPED_TRACE(extra.empty() ? "system CAs" : "another CA");
    const CommandResult refused = sync(desk.url(), key, extra);
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    const nlohmann::json report = nlohmann::json::parse(refused.out);
    EXPECT_EQ(report["acknowledged"], 0);
    EXPECT_EQ(report["remaining"], 8);
    EXPECT_NE(report.value("error", "").find("TLS certificate"), std::string::npos) << refused.out;
    EXPECT_NE(refused.err.find("desk.error.certificate"), std::string::npos) << refused.err;
    EXPECT_EQ(unsent(m_kiosk_db), 8);
  }
  // An unreadable CA file is a configuration error naming the key, before any request.
  const CommandResult no_file = sync(desk.url(), key, "ca_file = \"" + m_dir.file("missing.pem") + "\"\n");
  EXPECT_EQ(no_file.exit_code, 2) << no_file.out << no_file.err;
  EXPECT_NE(no_file.err.find("sync.ca_file"), std::string::npos) << no_file.err;
  EXPECT_EQ(desk_rows(desk.db(), "tickets"), 0) << "nothing reached the desk";
  EXPECT_EQ(unsent(m_kiosk_db), 8);

  // Trusted through ca_file: everything goes once; a second round has nothing to send.
  const std::string trusted = "ca_file = \"" + m_pki.ca + "\"\n";
  const CommandResult delivered = sync(desk.url(), key, trusted);
  ASSERT_EQ(delivered.exit_code, 0) << delivered.out << delivered.err;
  const nlohmann::json done = nlohmann::json::parse(delivered.out);
  EXPECT_EQ(done["sent"], 8);
  EXPECT_EQ(done["acknowledged"], 8);
  EXPECT_EQ(done["remaining"], 0);
  const CommandResult again = sync(desk.url(), key, trusted);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["sent"], 0);

  std::set<std::string> numbers;
  std::istringstream lines(filed.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) numbers.insert(line);
  }
  ASSERT_EQ(numbers.size(), 4u);
  std::multiset<std::string> at_desk;
  for (const Ticket& ticket : must(must(SqliteTicketStore::open(desk.db()))->list(TicketQuery{}))) {
    at_desk.insert(ticket.number);
  }
  EXPECT_EQ(at_desk, std::multiset<std::string>(numbers.begin(), numbers.end()));
  EXPECT_EQ(desk_rows(desk.db(), "events"), 4);
  EXPECT_EQ(desk_rows(desk.db(), "synced_items"), 8);
  EXPECT_EQ(unsent(m_kiosk_db), 0);
  EXPECT_EQ(desk.stop(), 0) << "graceful shutdown";
}

TEST_F(DeskTls, PlainHttpOnTheTlsPortGetsNoAnswer) {
  DeskProcess desk(m_dir.file("desk"), desk_config(m_pki.cert, m_pki.key));
  ASSERT_TRUE(desk.started()) << desk.log();
  const std::string key = desk.add_kiosk("K1");
  ASSERT_EQ(run_command({FILING_LOOP_PATH, m_kiosk_db, "2", "plain"}).exit_code, 0);

  httplib::Client plain("127.0.0.1", desk.port());
  plain.set_connection_timeout(5);
  plain.set_read_timeout(5);
  const auto answer = plain.Get("/healthz");
  EXPECT_FALSE(answer) << "plain HTTP was answered with " << answer->status;

  const std::string http_url = "http://127.0.0.1:" + std::to_string(desk.port());
  const CommandResult refused = sync(http_url, key, "ca_file = \"" + m_pki.ca + "\"\n");
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_EQ(nlohmann::json::parse(refused.out)["remaining"], 4);
  EXPECT_EQ(unsent(m_kiosk_db), 4);
  EXPECT_EQ(desk_rows(desk.db(), "tickets"), 0);

  // The same port still serves https to a client that verifies the certificate.
  httplib::SSLClient tls("127.0.0.1", desk.port());
  tls.set_ca_cert_path(m_pki.ca.c_str());
  tls.enable_server_certificate_verification(true);
  const auto health = tls.Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(desk.stop(), 0) << "graceful shutdown";
}

// A certificate or key the desk cannot use stops it at startup (exit 2) with a message
// naming the config key; it never serves plain HTTP instead.
TEST_F(DeskTls, UnusableCertificateOrKeyStopsTheDeskNamingTheKey) {
  struct Case {
    const char* name;
    std::string config;
    const char* field;
    const char* reason;
  };
  const std::string missing = m_dir.file("missing.pem");
  const std::vector<Case> cases = {
      {"missing certificate", desk_config(missing, m_pki.key), "desk.tls_certificate", "No such file"},
      {"missing key", desk_config(m_pki.cert, missing), "desk.tls_key", "No such file"},
      {"key given as certificate", desk_config(m_pki.key, m_pki.key), "desk.tls_certificate",
       "not a PEM certificate"},
      {"key of another certificate", desk_config(m_pki.cert, m_pki.ca_key), "desk.tls_key", "matching"},
      {"certificate without key", "[desk]\ntls_certificate = \"" + m_pki.cert + "\"\n", "desk.tls_key",
       "together"},
      {"old spelling", "[desk]\ntls_cert = \"" + m_pki.cert + "\"\ntls_key = \"" + m_pki.key + "\"\n",
       "desk.tls_cert", "tls_certificate"},
  };
  int n = 0;
  for (const Case& bad : cases) {
    SCOPED_TRACE(bad.name);
    DeskProcess desk(m_dir.file("bad-" + std::to_string(n++)), bad.config);
    EXPECT_FALSE(desk.started()) << "served at " << desk.url();
    EXPECT_EQ(desk.startup_exit_code(), 2) << desk.log();
    EXPECT_NE(desk.log().find(bad.field), std::string::npos) << desk.log();
    EXPECT_NE(desk.log().find(bad.reason), std::string::npos) << desk.log();
  }
}

}  // namespace
}  // namespace complaint::testing
