// The console's queue view over a large desk store: GET /console dispatched through the
// desk's own Router and console routes (sign-in, session cookie, store read, queue order,
// HTML), i.e. everything but the socket. The store is built once per run (cached by size
// in $CONSOLE_BENCH_DIR, default /tmp) by filing tickets through FilingService; filing
// times spread over 40 days so deadlines range from long overdue to days ahead.
// Anchor: reading the same tickets with TicketRepository::list alone.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "core/services/filing_service.h"
#include "core/store/sqlite_desk_state_store.h"
#include "core/store/sqlite_desk_store.h"
#include "core/store/sqlite_store.h"
#include "desk/routes/routes.h"
#include "desk/web_forms.h"

namespace complaint {
namespace {

const char* k_categories[] = {"service_attitude", "service_quality", "work_error", "system_failure",
                              "product",          "service_channel", "other"};

std::string store_path(int tickets) {
  const char* dir = std::getenv("CONSOLE_BENCH_DIR");
  return std::string(dir != nullptr ? dir : "/tmp") + "/console-bench-" + std::to_string(tickets) + ".db";
}

// Files `count` anonymous tickets (anonymous: no phone look-ups, the cheapest filing).
void build_store(const std::string& path, int count, const Clock& clock) {
  if (std::filesystem::exists(path)) return;
  const std::string building = path + ".building";
  std::filesystem::remove(building);
  auto desk = SqliteDeskStore::open(building);  // desk schema on the same file
  auto tickets = SqliteTicketStore::open(building);
  if (!desk.ok() || !tickets.ok()) std::abort();
  Config config = Config::defaults();
  const Taxonomy taxonomy = Taxonomy::defaults();
  auto calendar = WorkCalendar::create(config.calendar);
  FilingService filing(config, taxonomy, *calendar, **tickets, clock);
  for (int i = 0; i < count; ++i) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = k_categories[i % 7];
    draft.content = "排队时间过长，柜台只开了一个窗口 #" + std::to_string(i);
    draft.anonymous = true;
    draft.filed_at = clock.now() - std::chrono::minutes((i * 37) % (40 * 24 * 60));
    auto filed = filing.file(draft, FilingContext{"bench", Role::intake_clerk});
    if (!filed.ok()) {
      std::cerr << "filing failed: " << filed.error().message << "\n";
      std::abort();
    }
  }
  std::filesystem::rename(building, path);
}

struct Desk {
  explicit Desk(int count) {
    ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
    build_store(store_path(count), count, clock);
    desk_store = std::move(SqliteDeskStore::open(store_path(count))).value();
    ticket_store = std::move(SqliteTicketStore::open(store_path(count))).value();
    state_store = std::move(SqliteDeskStateStore::open(store_path(count))).value();
    signer = std::make_unique<FakeSigner>();
    if (!desk_store->find_user("bench").value()) {
      desk_store->add_user(StaffUser{0, "bench", Role::supervisor, "not-a-hash", clock.now()}).value();
    }
    resources = std::move(desk::DeskResources::load(config, *ticket_store, clock)).value();
    context = std::make_unique<desk::DeskContext>(desk::DeskContext{config, settings, *ticket_store,
                                                                    *desk_store, *state_store, *signer, clock,
                                                                    *resources, [](std::string_view) {}});
    // The password check is libsodium's job (tested elsewhere); the bench measures the queue.
    context->verify_password = [](std::string_view, std::string_view) { return true; };
    desk::add_all_routes(router, *context);
    cookie = sign_in();
  }

  desk::DeskResponse get(const std::string& path, const std::string& query = {}) {
    desk::DeskRequest request;
    request.http.method = "GET";
    request.http.path = path;
    request.http.headers = {{"Cookie", cookie}, {"Accept-Language", "zh-CN"}};
    for (const auto& [name, value] : desk::parse_form(query)) request.query.emplace(name, value);
    request.remote_address = "127.0.0.1";
    return router.dispatch(request);
  }

  std::string sign_in() {
    desk::DeskRequest page;
    page.http.method = "GET";
    page.http.path = "/console/login";
    const auto login = router.dispatch(page);
    std::string token;
    for (const auto& [name, value] : login.headers) {
      if (name == "Set-Cookie" && value.rfind("desk_login=", 0) == 0) token = value.substr(11, 64);
    }
    desk::DeskRequest post;
    post.http.method = "POST";
    post.http.path = "/console/login";
    post.http.headers = {{"Cookie", "desk_login=" + token}};
    post.http.body = "csrf=" + token + "&name=bench&password=x";
    const auto signed_in = router.dispatch(post);
    for (const auto& [name, value] : signed_in.headers) {
      if (name == "Set-Cookie" && value.rfind("desk_session=", 0) == 0)
        return value.substr(0, value.find(';'));
    }
    std::cerr << "sign-in failed: " << signed_in.status << "\n";
    std::abort();
  }

  Config config = Config::defaults();
  DeskConfig settings;
  SystemClock clock;
  std::unique_ptr<SqliteDeskStore> desk_store;
  std::unique_ptr<SqliteTicketStore> ticket_store;
  std::unique_ptr<SqliteDeskStateStore> state_store;
  std::unique_ptr<FakeSigner> signer;
  std::unique_ptr<desk::DeskResources> resources;
  std::unique_ptr<desk::DeskContext> context;
  desk::Router router;
  std::string cookie;
};

Desk& desk_of(int count) {
  static std::map<int, std::unique_ptr<Desk>> desks;
  auto& slot = desks[count];
  if (!slot) slot = std::make_unique<Desk>(count);
  return *slot;
}

void BM_ConsoleQueue(benchmark::State& state) {
  Desk& desk = desk_of(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto response = desk.get("/console");
    if (response.status != 200) state.SkipWithError("queue did not answer 200");
    bytes = response.body.size();
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}

void BM_ConsoleQueueFiltered(benchmark::State& state) {
  Desk& desk = desk_of(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const auto response = desk.get("/console", "status=filed&category=product&major=no");
    if (response.status != 200) state.SkipWithError("queue did not answer 200");
  }
}

// Anchor: the store read alone (every ticket, no queue, no HTML).
void BM_AnchorListAllTickets(benchmark::State& state) {
  Desk& desk = desk_of(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto tickets = desk.ticket_store->list(TicketQuery{});
    benchmark::DoNotOptimize(tickets);
  }
}

BENCHMARK(BM_ConsoleQueue)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_ConsoleQueueFiltered)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_AnchorListAllTickets)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
}  // namespace complaint

BENCHMARK_MAIN();
