// Opening the desk's stores on a PostgreSQL database another desk already made: what every
// complaint-desk start and every complaintctl command pays before its first statement. Since
// 2026-12-06 an open whose schema digests are this release's (drivers/postgres/pg_schema.h)
// runs no schema statement; before, every open ran the whole IF NOT EXISTS schema in one
// transaction, with its table locks. Measured in the same run on a private durable server
// (PostgresServer::durable, Unix socket):
//   BM_OpenUpToDate          open_desk_stores on an up-to-date database (today's every open)
//   BM_OpenAppliesSchema     the same after the digests are made an older release's (the
//                            schema runs: an upgrade, and what every open cost before)
//   BM_AnchorConnectAndPing  one libpq connection and SELECT 1 (the anchor)
// The stores open five connections (the desk store's pool of four and the state store's one).
// Usage: build/bin/open_bench [google benchmark flags]. Results: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "drivers/postgres/desk_stores.h"
#include "drivers/postgres/pg_session.h"
#include "tests/desk/postgres_server.h"

namespace complaint {
namespace {

testing::PostgresServer* g_server = nullptr;
std::string g_conninfo;

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "open_bench: %s\n", why.c_str());
  std::exit(1);
}

void BM_OpenUpToDate(benchmark::State& state) {
  for (auto _ : state) {
    Result<DeskStores> stores = open_desk_stores(g_conninfo);
    if (!stores.ok()) fail(stores.error().message);
    benchmark::DoNotOptimize(stores);
  }
}

void BM_OpenAppliesSchema(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    if (!g_server->run_sql(g_conninfo, "UPDATE desk_schema_applied SET digest = 'an older release'"))
      fail("could not reset the schema digests");
    state.ResumeTiming();
    Result<DeskStores> stores = open_desk_stores(g_conninfo);
    if (!stores.ok()) fail(stores.error().message);
    benchmark::DoNotOptimize(stores);
  }
}

void BM_AnchorConnectAndPing(benchmark::State& state) {
  for (auto _ : state) {
    auto session = pg::Session::open(g_conninfo, ConnectionOptions{});
    if (!session.ok()) fail(session.error().message);
    if (!session.value()->exec("SELECT 1").ok()) fail("SELECT 1 failed");
  }
}

BENCHMARK(BM_AnchorConnectAndPing)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenUpToDate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenAppliesSchema)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace complaint

int main(int argc, char** argv) {
  std::unique_ptr<complaint::testing::PostgresServer> server = complaint::testing::PostgresServer::durable();
  if (!server->running()) complaint::fail("no PostgreSQL server: " + server->why_not());
  complaint::g_server = server.get();
  complaint::g_conninfo = server->create_database("open_bench");
  if (complaint::g_conninfo.empty()) complaint::fail("createdb failed");
  // The first open makes the schema: every later one finds it, as a second desk does.
  if (auto made = complaint::open_desk_stores(complaint::g_conninfo); !made.ok())
    complaint::fail(made.error().message);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
