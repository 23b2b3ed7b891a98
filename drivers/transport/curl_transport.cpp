// CurlTransport (see curl_transport.h). libcurl errors become Error{io} naming
// curl_easy_perform and the CURLcode; no C++ exception crosses this file. Certificate
// verification (peer and host name) is always on; ca_file only adds the CAs to trust.
#include "drivers/transport/curl_transport.h"

#include <curl/curl.h>

#include <mutex>
#include <vector>

#include "drivers/transport/curl_setup.h"

namespace complaint {
namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// A desk whose certificate is not trusted (or not for this host) is told apart from a desk
// that is away: the first needs [sync] ca_file or a new certificate, not patience. Either
// way it stays an io error, so the outbox keeps everything and retries.
Error transfer_error(CURLcode rc, const std::string& url, const std::string& detail,
                     const CurlOptions& options) {
  const bool certificate = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
                           rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
  Error error = Error::make(ErrorCode::io,
                            certificate ? options.peer + "'s TLS certificate at " + url +
                                              " is not trusted (check " + options.ca_file_key + "): " + detail
                                        : "cannot reach " + options.peer + " at " + url + ": " + detail,
                            "curl_easy_perform", static_cast<int>(rc));
  error.key = certificate ? "desk.error.certificate" : "desk.error.unreachable";
  return error;
}

class CurlTransport final : public Transport {
 public:
  CurlTransport(CURL* handle, CurlOptions options) : m_handle(handle), m_options(std::move(options)) {}
  ~CurlTransport() override { curl_easy_cleanup(m_handle); }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::string body;
    std::string url = m_options.base_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    url += request.path;
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for big batches
    CURL* h = m_handle;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    if (request.method == "GET") {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    char message[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, message);
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // libcurl parses Retry-After (seconds, or an HTTP date made relative); 0: absent.
    curl_off_t retry_after = 0;
    curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &retry_after);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK)
      return transfer_error(rc, url, message[0] != '\0' ? message : curl_easy_strerror(rc), m_options);
    HttpResponse response{static_cast<int>(status), std::move(body), std::nullopt};
    if (retry_after > 0) response.retry_after = std::chrono::seconds(retry_after);
    return response;
  }

 private:
  CURL* m_handle;
  CurlOptions m_options;
};

class SharedCurlTransport final : public Transport {
 public:
  SharedCurlTransport(CurlOptions options, std::unique_ptr<Transport> first) : m_options(std::move(options)) {
    m_idle.push_back(std::move(first));
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::unique_ptr<Transport> transport;
    {
      std::lock_guard lock(m_mutex);
      if (!m_idle.empty()) {
        transport = std::move(m_idle.back());
        m_idle.pop_back();
      }
    }
    if (!transport) {
      TRY_ASSIGN(transport, make_curl_transport(m_options));
    }
    Result<HttpResponse> response = transport->send(request);
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(transport));
    return response;
  }

 private:
  CurlOptions m_options;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<Transport>> m_idle;
};

}  // namespace

Result<std::unique_ptr<Transport>> make_shared_curl_transport(const CurlOptions& options) {
  TRY_ASSIGN(std::unique_ptr<Transport> first, make_curl_transport(options));
  return std::unique_ptr<Transport>(new SharedCurlTransport(options, std::move(first)));
}

Result<std::unique_ptr<Transport>> make_curl_transport(const CurlOptions& options) {
  if (options.base_url.rfind("http://", 0) != 0 && options.base_url.rfind("https://", 0) != 0) {
    return Error::invalid("sync.url", "desk.error.url", "the desk URL must start with http:// or https://");
  }
  TRY_VOID(start_curl());
  TRY_VOID(check_ca_file(options.ca_file, options.ca_file_key, "desk.error.ca_file"));
  CURL* handle = curl_easy_init();
  if (handle == nullptr)
    return Error::make(ErrorCode::unavailable, "libcurl has no handle", "curl_easy_init");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL,
                   1L);  // a background thread must not get SIGALRM/SIGPIPE handling
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count() * 1000));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connect_timeout.count() * 1000));
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);  // a signed request is for one path only
  if (!options.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options.ca_file.c_str());
  return std::unique_ptr<Transport>(new CurlTransport(handle, options));
}

}  // namespace complaint
