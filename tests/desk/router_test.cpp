// The desk's Router: exact and captured segments, first match wins, 404 and 405 as JSON errors.
#include <gtest/gtest.h>

#include "desk/router.h"

namespace complaint::desk {
namespace {

DeskRequest request(const std::string& method, const std::string& path) {
  DeskRequest r;
  r.http.method = method;
  r.http.path = path;
  return r;
}

TEST(Router, MatchesExactPathsAndCapturesSegments) {
  Router router;
  router.add("GET", "/healthz", [](const DeskRequest&) { return DeskResponse::text(200, "health"); });
  router.add("GET", "/t/{number}",
             [](const DeskRequest& r) { return DeskResponse::text(200, r.params.at("number")); });
  DeskRequest health = request("GET", "/healthz");
  EXPECT_EQ(router.dispatch(health).body, "health");
  DeskRequest tracking = request("GET", "/t/WH01-K1-20261122-0007-3");
  EXPECT_EQ(router.dispatch(tracking).body, "WH01-K1-20261122-0007-3");
  DeskRequest head = request("HEAD", "/healthz");
  EXPECT_EQ(router.dispatch(head).status, 200);
}

TEST(Router, UnknownPathsAre404AndWrongMethods405) {
  Router router;
  router.add("POST", "/api/v1/sync", [](const DeskRequest&) { return DeskResponse::text(200, "ok"); });
  router.add("GET", "/t/{number}", [](const DeskRequest&) { return DeskResponse::text(200, "ok"); });
  for (const char* path : {"/", "/api", "/api/v1/sync/extra", "/t/", "/t/a/b"}) {
    DeskRequest r = request("GET", path);
    EXPECT_EQ(router.dispatch(r).status, 404) << path;
  }
  DeskRequest wrong = request("GET", "/api/v1/sync");
  const DeskResponse response = router.dispatch(wrong);
  EXPECT_EQ(response.status, 405);
  EXPECT_NE(response.body.find("desk.error.method"), std::string::npos);
}

TEST(Router, TheFirstMatchingRouteWins) {
  Router router;
  router.add("GET", "/t/new", [](const DeskRequest&) { return DeskResponse::text(200, "literal"); });
  router.add("GET", "/t/{number}", [](const DeskRequest&) { return DeskResponse::text(200, "capture"); });
  DeskRequest r = request("GET", "/t/new");
  EXPECT_EQ(router.dispatch(r).body, "literal");
}

}  // namespace
}  // namespace complaint::desk
