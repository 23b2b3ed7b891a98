// Deadlines that act, at scale (issue 16): N open tickets whose forward_by is 10 minutes away,
// so each is due a reminder; one NoticeScheduler round finds them and adds the N notices, then
// NoticeWorker rounds deliver every one to a JSON webhook on a loopback sink
// (tests/drivers/webhooks/webhook_sink.py, which checks each signature) until none is left.
// Measured: the scheduler round and the delivery (wall, CPU of this process, peak memory
// added); the sink's count of verified requests must equal N. Target: N = 10,000 found and
// delivered within 10 s. The tickets are filed beforehand through FilingService (not timed).
// The worker sends --parallel messages at once ([notify] send_parallel, default 4).
// Usage: build/bin/reminder_bench [--tickets N] [--parallel N] [--dir DIR]
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "bench/desk/bench_measure.h"
#include "bench/desk/ticket_year.h"
#include "core/config/config.h"
#include "core/i18n/catalog.h"
#include "core/notify/notice_scheduler.h"
#include "core/notify/notice_worker.h"
#include "core/services/filing_service.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/postgres/desk_stores.h"
#include "drivers/webhooks/group_senders.h"
#include "tests/drivers/webhooks/webhook_sink.h"

int main(int argc, char** argv) {
  using namespace complaint;
  using bench::fail;
  using bench::must;
  int count = 10000;
  int parallel = NotifyConfig{}.send_parallel;
  std::string dir = "/tmp";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--tickets" && i + 1 < argc) {
      count = std::atoi(argv[++i]);
    } else if (arg == "--parallel" && i + 1 < argc) {
      parallel = std::atoi(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      fail("usage: reminder_bench [--tickets N] [--parallel N] [--dir DIR]");
    }
  }
  if (count < 1) fail("--tickets must be at least 1");
  if (parallel < 1) fail("--parallel must be at least 1");
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 0);
  Config config = Config::defaults();
  config.escalation.group_threshold = 1000000;  // one customer each: no group, no major
  const Taxonomy taxonomy = Taxonomy::defaults();
  const WorkCalendar calendar = must(WorkCalendar::create(config.calendar), "calendar");
  const std::string path = dir + "/reminder-bench-" + std::to_string(count) + ".db";
  std::filesystem::remove(path);
  DeskStores stores = must(open_desk_stores(path), "open sqlite");
  const Instant filed_at = bench::kYearStart;
  FixedClock clock(filed_at);
  FilingService filing(config, taxonomy, calendar, stores.tickets(), clock);
  std::cout << "filing " << count << " tickets..." << std::endl;
  for (int i = 0; i < count; ++i) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "kiosk";
    draft.category = "service_quality";
    draft.content = "排队等候时间过长，无人解释。";
    draft.customer_name = "张三";
    draft.phone = "139" + std::to_string(10000000 + i);
    must(filing.file(draft, FilingContext{"受理员", Role::intake_clerk}), "file");
  }

  std::string why;
  const auto sink = test::WebhookSink::start(test::SinkSecrets{}, &why);
  if (!sink) fail("no webhook sink: " + why);
  NotifyConfig notify;
  notify.batch = 500;
  notify.send_parallel = parallel;
  for (GroupChannel& group : notify.groups) {
    if (group.kind != GroupKind::webhook) continue;
    group.enabled = true;
    group.name = "短信网关";
    group.url = sink->origin() + "/hook";
    group.secret = test::SinkSecrets{}.webhook_secret;
    group.reasons = {k_reminder_reason};
  }
  const SodiumSigner signer = must(SodiumSigner::create(), "signer");
  const SystemClock wall_clock;  // the sink checks signatures' timestamps against the wall clock
  const auto owned = must(make_group_senders(notify, signer, wall_clock), "senders");
  std::vector<NoticeSender*> senders;
  for (const auto& sender : owned) senders.push_back(sender.get());
  const Catalog catalog = must(Catalog::load(SOURCE_DIR "/assets/i18n", "zh-CN"), "catalog");
  const NoticeTextContext text{catalog, taxonomy, calendar.zone(), "zh-CN", ""};

  // Ten minutes before forward_by (an hour after filing): every ticket is due its reminder.
  clock.set(filed_at + std::chrono::minutes(50));
  NoticeScheduler scheduler({stores.desk(), stores.notices(), clock, calendar.zone()}, notify);
  NoticeWorker worker({stores.notices(), stores.tickets(), stores.desk(), text, clock}, notify, senders,
                      "bench", [] { return 0.5; });
  ScheduleRound found;
  const bench::Measured scheduled = bench::measure([&] { found = must(scheduler.run_once(), "schedule"); });
  int delivered = 0, rounds = 0;
  const bench::Measured sent = bench::measure([&] {
    for (;;) {
      const NoticeRound round = must(worker.run_once(), "deliver");
      ++rounds;
      delivered += round.delivered;
      if (round.claimed == 0) break;
    }
  });
  int verified = 0;
  for (const auto& got : sink->received()) verified += got["verified"].get<bool>() ? 1 : 0;
  std::cout << "scheduler: " << found.reminders << " reminders from " << found.scanned << " open tickets in "
            << bench::describe(scheduled) << "\n"
            << "delivery: " << delivered << " notices in " << rounds << " rounds, " << parallel
            << " in flight, " << verified << " verified at the sink, in " << bench::describe(sent) << "\n"
            << "total: " << scheduled.wall + sent.wall << " s wall" << std::endl;
  std::filesystem::remove(path);
  if (found.reminders != count || delivered != count || verified != count) {
    fail("not every reminder arrived exactly once");
  }
  return 0;
}
