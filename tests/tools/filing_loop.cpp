// filing_loop: files tickets through the real FilingService and SQLite store in a
// loop, printing each number only after its commit. Used by the concurrency and
// kill-at-random-moments tests. Usage: filing_loop DB COUNT [TAG [KIOSK_ID]]  (COUNT 0 =
// forever; KIOSK_ID, default K1, for tests with several kiosks on one desk)
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/services/filing_service.h"
#include "core/store/sqlite_store.h"

int main(int argc, char** argv) {
  using namespace complaint;
  if (argc < 3) {
    std::fprintf(stderr, "usage: filing_loop DB COUNT [TAG [KIOSK_ID]]\n");
    return 2;
  }
  const std::string tag = argc > 3 ? argv[3] : "loop";
  const long count = std::strtol(argv[2], nullptr, 10);
  auto store = SqliteTicketStore::open(argv[1]);
  if (!store.ok()) {
    std::fprintf(stderr, "open: %s\n", store.error().message.c_str());
    return 1;
  }
  Config config = Config::defaults();
  if (argc > 4) config.site.kiosk_id = argv[4];
  const Taxonomy taxonomy = Taxonomy::defaults();
  auto calendar = WorkCalendar::create(config.calendar);
  if (!calendar.ok()) return 1;
  SystemClock clock;
  FilingService service(config, taxonomy, *calendar, **store, clock);
  for (long i = 0; count == 0 || i < count; ++i) {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "kiosk";
    draft.category = "service_quality";
    draft.content = "排队时间过长 " + tag + " #" + std::to_string(i);
    draft.anonymous = true;
    auto ticket = service.file(draft, FilingContext{});
    if (!ticket.ok()) {
      std::fprintf(stderr, "file: %s\n", ticket.error().message.c_str());
      return 1;
    }
    std::printf("%s\n", ticket->number.c_str());
    std::fflush(stdout);
  }
  return 0;
}
