// Benchmarks of the durable store: filing one ticket through SqliteTicketStore::insert_new
// (WAL, synchronous=FULL, a real fsync per commit) with p50/p99 latency counters, and
// the daily-number allocation alone. Files go to $STORE_BENCH_DIR, else the temp directory.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "core/domain/ticket_number.h"
#include "core/store/sqlite_store.h"

namespace complaint {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A fresh directory per benchmark run, on the disk under test (not tmpfs, or fsync is free).
std::string bench_dir() {
  const char* chosen = std::getenv("STORE_BENCH_DIR");
  const fs::path base = chosen != nullptr ? fs::path(chosen) : fs::temp_directory_path();
  std::string pattern = (base / "store-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    std::cerr << "store_bench: cannot create a directory under " << base << "\n";
    std::abort();
  }
  return pattern;
}

enum class LatencyUnit { milliseconds, microseconds };

// Reports percentiles of per-iteration latencies (seconds) as counters named p50_ms etc.
void report_percentiles(benchmark::State& state, std::vector<double> latencies, LatencyUnit unit) {
  if (latencies.empty()) return;
  std::sort(latencies.begin(), latencies.end());
  const bool ms = unit == LatencyUnit::milliseconds;
  const double scale = ms ? 1e3 : 1e6;
  const std::string suffix = ms ? "_ms" : "_us";
  auto at = [&](double fraction) {
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(latencies.size() - 1));
    return latencies[index] * scale;
  };
  state.counters["p50" + suffix] = at(0.50);
  state.counters["p99" + suffix] = at(0.99);
  state.counters["max" + suffix] = latencies.back() * scale;
}

NewTicketRequest sample_request() {
  NewTicketRequest request;
  Ticket& t = request.ticket;
  t.kind = "complaint";
  t.channel = "kiosk";
  t.category = "service_attitude";
  t.content = "柜员态度冷漠，排队四十分钟无人解释。希望改进服务并给出答复。";
  t.desired_outcome = "道歉并说明改进措施";
  t.customer_name = "张三";
  t.phone = "13800138000";
  t.site_code = "WH01";
  t.kiosk_id = "K1";
  t.filed_at = t.recorded_at =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  t.recorded_by = "kiosk";
  t.deadlines.forward_by = t.filed_at + std::chrono::hours(1);
  t.deadlines.contact_by = t.filed_at + std::chrono::hours(24);
  t.deadlines.resolve_by = t.filed_at + std::chrono::hours(72);
  request.first_event.at = t.filed_at;
  request.first_event.actor = "kiosk";
  request.first_event.role = "kiosk";
  request.first_event.action = "file";
  request.first_event.data_json = R"({"channel":"kiosk","major":false})";
  request.local_date = "20261122";
  return request;
}

// The anchor: the cheapest durable commit this disk allows through SQLite (one small row,
// WAL, synchronous=FULL, autocommit). Filing is reported as a ratio against it.
void BM_AnchorBareDurableInsert(benchmark::State& state) {
  const std::string dir = bench_dir();
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/anchor.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
               "CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO rows (body) VALUES (?1)", -1, &insert, nullptr);
  const std::string body(200, 'x');
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(state.max_iterations));
  for (auto _ : state) {
    const auto start = Clock::now();
    sqlite3_bind_text(insert, 1, body.c_str(), static_cast<int>(body.size()), SQLITE_STATIC);
    const int status = sqlite3_step(insert);
    sqlite3_reset(insert);
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    if (status != SQLITE_DONE) {
      state.SkipWithError(sqlite3_errmsg(db));
      break;
    }
    state.SetIterationTime(elapsed.count());
    latencies.push_back(elapsed.count());
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  report_percentiles(state, std::move(latencies), LatencyUnit::milliseconds);
  fs::remove_all(dir);
}
BENCHMARK(BM_AnchorBareDurableInsert)->UseManualTime()->Iterations(1000)->Unit(benchmark::kMillisecond);

void BM_DurableFiling(benchmark::State& state) {
  const std::string dir = bench_dir();
  auto store = SqliteTicketStore::open(dir + "/kiosk.db");
  if (!store.ok()) {
    state.SkipWithError(store.error().message.c_str());
    return;
  }
  NewTicketRequest request = sample_request();
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(state.max_iterations));
  long serial = 0;
  for (auto _ : state) {
    request.ticket.tracking_token = "bench-token-" + std::to_string(++serial);
    const auto start = Clock::now();
    auto stored = (*store)->insert_new(request);
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    if (!stored.ok()) {
      state.SkipWithError(stored.error().message.c_str());
      break;
    }
    state.SetIterationTime(elapsed.count());
    latencies.push_back(elapsed.count());
  }
  report_percentiles(state, std::move(latencies), LatencyUnit::milliseconds);
  store->reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_DurableFiling)->UseManualTime()->Iterations(1000)->Unit(benchmark::kMillisecond);

// The number alone: the store's counter upsert (same SQL, prepared per call as the store
// does) plus formatting, timed inside one open transaction so no commit or fsync is counted.
void BM_NumberAllocation(benchmark::State& state) {
  const std::string dir = bench_dir();
  {
    auto store = SqliteTicketStore::open(dir + "/kiosk.db");  // creates the real schema
    if (!store.ok()) {
      state.SkipWithError(store.error().message.c_str());
      return;
    }
  }
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/kiosk.db").c_str(), &db);
  sqlite3_exec(db, "PRAGMA synchronous = FULL; BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  const char* upsert =
      "INSERT INTO counters (key, value) VALUES (:key, 1) "
      "ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value";
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(state.max_iterations));
  for (auto _ : state) {
    const auto start = Clock::now();
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, upsert, -1, &statement, nullptr);
    sqlite3_bind_text(statement, 1, "WH01-K1-20261122", -1, SQLITE_STATIC);
    std::int64_t sequence = 0;
    if (sqlite3_step(statement) == SQLITE_ROW) sequence = sqlite3_column_int64(statement, 0);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    const std::string number = format_ticket_number({"WH01", "K1", "20261122", sequence});
    benchmark::DoNotOptimize(number);
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    if (sequence == 0) {
      state.SkipWithError(sqlite3_errmsg(db));
      break;
    }
    state.SetIterationTime(elapsed.count());
    latencies.push_back(elapsed.count());
  }
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  report_percentiles(state, std::move(latencies), LatencyUnit::microseconds);
  fs::remove_all(dir);
}
BENCHMARK(BM_NumberAllocation)->UseManualTime()->Iterations(20000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace complaint
