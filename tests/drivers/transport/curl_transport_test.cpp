// CurlTransport (drivers/transport) against an in-process HTTP server on 127.0.0.1: an
// answer's status and body come through, and its Retry-After (seconds, or an HTTP date) as
// HttpResponse::retry_after, absent when the header is; a desk that is not there is an io
// error with the unreachable key.
#include "drivers/transport/curl_transport.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <ctime>
#include <thread>

namespace complaint {
namespace {

class CurlTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.Post("/busy", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
      response.set_header("Retry-After", "7");
      response.set_content(R"({"key":"desk.error.busy"})", "application/json");
    });
    m_server.Post("/later", [](const httplib::Request&, httplib::Response& response) {
      response.status = 503;
      // Two minutes from now as an HTTP date, which a proxy in front of the desk may send.
      const std::time_t at = std::time(nullptr) + 120;
      char date[64];
      std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&at));
      response.set_header("Retry-After", date);
    });
    m_server.Post("/fine", [](const httplib::Request& request, httplib::Response& response) {
      response.set_content("echo " + request.body, "text/plain");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(m_port, 0);
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void TearDown() override {
    m_server.stop();
    if (m_thread.joinable()) m_thread.join();
  }

  Result<HttpResponse> post(const std::string& path) {
    CurlOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(m_port);
    auto transport = make_curl_transport(options);
    EXPECT_TRUE(transport.ok());
    HttpRequest request;
    request.path = path;
    request.body = "{}";
    return (*transport)->send(request);
  }

  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
};

TEST_F(CurlTransportTest, ARetryAfterInSecondsIsReadFromTheAnswer) {
  const auto busy = post("/busy");
  ASSERT_TRUE(busy.ok()) << busy.error().message;
  EXPECT_EQ(busy->status, 503);
  EXPECT_EQ(busy->body, R"({"key":"desk.error.busy"})");
  EXPECT_EQ(busy->retry_after, std::chrono::seconds(7));
}

TEST_F(CurlTransportTest, ARetryAfterDateBecomesSecondsFromNow) {
  const auto later = post("/later");
  ASSERT_TRUE(later.ok()) << later.error().message;
  ASSERT_TRUE(later->retry_after.has_value());
  EXPECT_GE(later->retry_after->count(), 100);
  EXPECT_LE(later->retry_after->count(), 121);
}

TEST_F(CurlTransportTest, AnAnswerWithoutRetryAfterHasNone) {
  const auto fine = post("/fine");
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->status, 200);
  EXPECT_EQ(fine->body, "echo {}");
  EXPECT_FALSE(fine->retry_after.has_value());
}

TEST_F(CurlTransportTest, ADeskThatIsNotThereIsAnUnreachableError) {
  TearDown();  // nobody listens on the port any more
  const auto gone = post("/busy");
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::io);
  EXPECT_EQ(gone.error().key, "desk.error.unreachable");
}

}  // namespace
}  // namespace complaint
