// ReceiptWorld: what the receipt tests share: a real SQLite store in a fresh temp folder,
// the default config (hotline and location set), both catalogs, a FixedClock at the
// domain's worked example (Friday 2026-11-20 16:00 Asia/Shanghai) and a FilingService to
// file real tickets; forward_at_the_desk() applies a desk status update as sync does. The
// decoding tools' helpers are in tests/drivers/printer/decode_tools.h.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/printing/escpos.h"
#include "core/printing/print_service.h"
#include "core/services/filing_service.h"
#include "core/store/sqlite_kiosk_sync_store.h"
#include "core/store/sqlite_store.h"

namespace complaint::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// 2026-11-20 08:00 UTC = Friday 16:00 in Shanghai.
inline const Instant kFiledAt = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 8h;

inline fs::path fresh_temp_dir(const std::string& name) {
  std::string pattern = (fs::temp_directory_path() / (name + "-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  return pattern;
}

inline void write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The print_jobs states of a ticket, oldest first.
inline std::vector<std::string> print_job_states(SqliteTicketStore& store, const std::string& number) {
  std::vector<std::string> states;
  auto jobs = store.print_jobs(number);
  if (jobs.ok())
    for (const PrintJobRecord& job : *jobs) states.push_back(job.state);
  return states;
}

// A CUPS queue name for the running test: its name, letters and digits only.
inline std::string queue_for_this_test() {
  std::string queue = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::erase_if(queue, [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); });
  return queue;
}

class ReceiptWorld {
 public:
  ReceiptWorld() : dir(fresh_temp_dir("receipt-test")), clock(kFiledAt) {
    config = Config::defaults();
    config.site.name_zh = "武汉农村商业银行 光谷支行";
    config.site.name_en = "Wuhan Rural Commercial Bank, Optics Valley";
    config.site.location = "1F lobby";
    config.site.hotline = "027-8765 4321";
    taxonomy = Taxonomy::defaults();
    auto made = WorkCalendar::create(config.calendar);
    EXPECT_TRUE(made.ok());
    calendar = std::make_unique<WorkCalendar>(std::move(made).value());
    auto opened = SqliteTicketStore::open((dir / "kiosk.db").string());
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().message);
    store = std::move(opened).value();
    const std::string i18n = assets_dir() + "/i18n";
    auto zh = Catalog::load(i18n, "zh-CN");
    auto en = Catalog::load(i18n, "en");
    EXPECT_TRUE(zh.ok() && en.ok());
    zh_cn = std::make_unique<Catalog>(std::move(zh).value());
    english = std::make_unique<Catalog>(std::move(en).value());
    filing = std::make_unique<FilingService>(config, taxonomy, *calendar, *store, clock);
  }
  ~ReceiptWorld() {
    std::error_code ignored;
    if (!::testing::Test::HasFailure()) fs::remove_all(dir, ignored);
  }

  ReceiptCatalogs catalogs() const { return ReceiptCatalogs{*zh_cn, *english}; }
  const Catalog& catalog(const std::string& language) const { return catalogs().for_language(language); }

  Ticket file(const std::string& kind = "complaint", const std::string& language = "zh-CN",
              bool anonymous = false) {
    TicketDraft draft;
    draft.kind = kind;
    draft.channel = "kiosk";
    draft.category = kind == "inquiry" ? "service_quality" : "service_attitude";
    draft.content = "柜员态度冷漠，机密投诉内容 SECRET-CONTENT";
    draft.desired_outcome = "道歉";
    draft.language = language;
    draft.anonymous = anonymous;
    if (!anonymous) {
      draft.customer_name = "张三";
      draft.phone = "13800138000";
    }
    FilingContext context;
    context.check_code_station = check_code_station;
    auto filed = filing->file(draft, context);
    EXPECT_TRUE(filed.ok()) << (filed.ok() ? "" : filed.error().message);
    return filed.ok() ? filed.value() : Ticket{};
  }

  std::string url_of(const Ticket& ticket) const { return filing->tracking_url_for(ticket); }

  // The kiosk's [kiosk] check_code_station the next file() passes; nullopt: no check code.
  std::optional<int> check_code_station;

  // The desk forwards `ticket` at `at` and this kiosk's sync applies it, as SyncClient does.
  void forward_at_the_desk(const Ticket& ticket, Instant at) {
    auto sync = SqliteKioskSyncStore::open((dir / "kiosk.db").string());
    ASSERT_TRUE(sync.ok()) << sync.error().message;
    StatusUpdate update;
    update.ticket = ticket;
    update.ticket.status = Status::forwarded;
    update.ticket.department = "营业部";
    TicketEvent event;
    event.ticket_number = ticket.number;
    event.at = at;
    event.actor = "调度员";
    event.role = "dispatcher";
    event.action = "forward";
    event.from = Status::filed;
    event.to = Status::forwarded;
    event.data_json = "{}";
    update.events.push_back(RemoteEvent{7, event});
    auto applied = (*sync)->apply_remote({update}, 7);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    ASSERT_EQ(*applied, 1);
  }

  fs::path dir;
  FixedClock clock;
  Config config;
  PrinterConfig printer;  // [printer] as core's printing reads it
  Taxonomy taxonomy;
  std::unique_ptr<WorkCalendar> calendar;
  std::unique_ptr<SqliteTicketStore> store;
  std::unique_ptr<Catalog> zh_cn;
  std::unique_ptr<Catalog> english;
  std::unique_ptr<FilingService> filing;
};

}  // namespace complaint::test
