// load_tls_credentials with GnuTLS, the TLS library of the desk's HTTP server (see
// tls_credentials.h). GnuTLS types stay in this file.
#include "desk/tls_credentials.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace complaint::desk {
namespace {

Error tls_error(const char* field, std::string message, const char* call, int status = 0) {
  Error error =
      Error::make(ErrorCode::config, "config: " + std::string(field) + ": " + message, call, status);
  error.field = field;
  return error;
}

Result<std::string> read_pem(const char* field, const std::string& path) {
  if (path.empty()) return tls_error(field, "must be set for https (the other TLS file is)", "");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int code = errno;
    return tls_error(field, "cannot read " + path + ": " + std::strerror(code), "open", code);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

gnutls_datum_t datum_of(const std::string& text) {
  return gnutls_datum_t{reinterpret_cast<unsigned char*>(const_cast<char*>(text.data())),
                        static_cast<unsigned>(text.size())};
}

Result<void> check_certificate(const std::string& path, const std::string& pem) {
  gnutls_x509_crt_t* chain = nullptr;
  unsigned count = 0;
  const gnutls_datum_t data = datum_of(pem);
  const int status = gnutls_x509_crt_list_import2(&chain, &count, &data, GNUTLS_X509_FMT_PEM, 0);
  for (unsigned i = 0; i < count; ++i) gnutls_x509_crt_deinit(chain[i]);
  gnutls_free(chain);
  if (status < 0 || count == 0) {
    return tls_error("desk.tls_certificate",
                     path + " is not a PEM certificate (" + gnutls_strerror(status) + ")",
                     "gnutls_x509_crt_list_import2", status);
  }
  return Ok{};
}

Error key_error(const std::string& key_path, const std::string& certificate_path, int status,
                const char* call) {
  return tls_error("desk.tls_key",
                   key_path + " is not an unencrypted PEM private key matching desk.tls_certificate " +
                       certificate_path + " (" + gnutls_strerror(status) + ")",
                   call, status);
}

// Without a password an encrypted key fails to import here: it never waits at a prompt.
Result<void> check_key(const std::string& key_path, const std::string& key_pem,
                       const std::string& certificate_path, const std::string& certificate_pem) {
  gnutls_x509_privkey_t key = nullptr;
  gnutls_x509_privkey_init(&key);
  const gnutls_datum_t key_data = datum_of(key_pem);
  int status = gnutls_x509_privkey_import(key, &key_data, GNUTLS_X509_FMT_PEM);
  gnutls_x509_privkey_deinit(key);
  if (status < 0) return key_error(key_path, certificate_path, status, "gnutls_x509_privkey_import");
  // The same call the server's credentials go through: it refuses a key of another certificate.
  gnutls_certificate_credentials_t credentials = nullptr;
  gnutls_certificate_allocate_credentials(&credentials);
  const gnutls_datum_t certificate_data = datum_of(certificate_pem);
  status = gnutls_certificate_set_x509_key_mem2(credentials, &certificate_data, &key_data,
                                                GNUTLS_X509_FMT_PEM, nullptr, 0);
  gnutls_certificate_free_credentials(credentials);
  if (status < 0)
    return key_error(key_path, certificate_path, status, "gnutls_certificate_set_x509_key_mem2");
  return Ok{};
}

}  // namespace

Result<TlsCredentials> load_tls_credentials(const std::string& certificate_path,
                                            const std::string& key_path) {
  TlsCredentials loaded;
  TRY_ASSIGN(loaded.certificate_pem, read_pem("desk.tls_certificate", certificate_path));
  TRY_ASSIGN(loaded.key_pem, read_pem("desk.tls_key", key_path));
  TRY_VOID(check_certificate(certificate_path, loaded.certificate_pem));
  TRY_VOID(check_key(key_path, loaded.key_pem, certificate_path, loaded.certificate_pem));
  return loaded;
}

}  // namespace complaint::desk
