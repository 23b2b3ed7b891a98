// Receipt benchmarks (targets: layout + raster + QR <= 30 ms; submit to job accepted through
// the local cupsd <= 150 ms, the printer itself excluded). The "bytes" counter is the
// ESC/POS payload a thermal printer receives for one customer copy.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "core/domain/taxonomy.h"
#include "core/domain/tracking_token.h"
#include "core/printing/print_service.h"
#include "drivers/printer/cups_printer.h"
#include "drivers/receipt_render/cairo_receipt_renderer.h"
#include "tests/drivers/printer/cups_server.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

struct Fixture {
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  TimeZone zone = must(TimeZone::load("Asia/Shanghai"));
  Catalog zh_cn = must(Catalog::load(assets_dir() + "/i18n", "zh-CN"));
  Catalog en = must(Catalog::load(assets_dir() + "/i18n", "en"));
  Ticket ticket;

  template <class T>
  static T must(Result<T> result) {
    if (!result.ok()) {
      std::cerr << "receipt_bench: " << result.error().message << "\n";
      std::abort();
    }
    return std::move(result).value();
  }

  Fixture() {
    config.site.name_zh = "武汉农村商业银行 光谷支行";
    config.site.hotline = "027-8765 4321";
    ticket.number = "WH01-K1-20261120-0007-3";
    ticket.tracking_token = "q7Lm2Xc9Vb4Nz8Rt";
    ticket.kind = "complaint";
    ticket.channel = "kiosk";
    ticket.category = "service_attitude";
    ticket.customer_name = "张三";
    ticket.phone = "13800138000";
    ticket.filed_at = Instant{std::chrono::sys_days{2026y / 11 / 20}} + 8h;  // Friday 16:00 Shanghai
    ticket.deadlines.contact_by = ticket.filed_at + 24h;
    ticket.deadlines.resolve_by = Instant{std::chrono::sys_days{2026y / 11 / 25}} + 16h;  // 26th 00:00
  }

  ReceiptLayout layout() const {
    const ReceiptSources sources{config, taxonomy, zone, zh_cn, zh_cn, ticket.filed_at};  // printed at filing
    return build_receipt(ticket, tracking_url(config.tracking_url, ticket.number, ticket.tracking_token),
                         sources, StaffCopy::omit);
  }
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

// Layout + rasterisation + QR + encoding, for one customer copy.
void render(benchmark::State& state, ReceiptFormat format, int paper_mm) {
  PrinterConfig printer;
  printer.format = format;
  printer.paper_mm = paper_mm;
  CairoReceiptRenderer renderer;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto document = renderer.render(fixture().layout(), render_options(printer));
    if (!document.ok()) {
      state.SkipWithError(document.error().message.c_str());
      return;
    }
    bytes = document->bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_ReceiptEscpos80(benchmark::State& state) {
  render(state, ReceiptFormat::escpos, 80);
}
void BM_ReceiptEscpos58(benchmark::State& state) {
  render(state, ReceiptFormat::escpos, 58);
}
void BM_ReceiptPdf80(benchmark::State& state) {
  render(state, ReceiptFormat::pdf, 80);
}
BENCHMARK(BM_ReceiptEscpos80)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReceiptEscpos58)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReceiptPdf80)->Unit(benchmark::kMillisecond);

// Submit (create job, send, finish document) until cupsd has accepted the job, against a
// private cupsd with a raw queue to a loopback sink; the document is rendered beforehand.
void BM_SubmitToJobAccepted(benchmark::State& state) {
  std::string why;
  test::CupsServer* server = test::CupsServer::shared(&why);
  if (server == nullptr) {
    state.SkipWithError(("no private cupsd: " + why).c_str());
    return;
  }
  static auto sink = test::SocketSink::start(test::SocketSink::Behaviour::read_all_then_close, &why);
  if (!sink || server->add_raw_queue("bench", sink->port()) != "") {
    state.SkipWithError("cannot create the raw queue");
    return;
  }
  PrinterConfig printer;
  CairoReceiptRenderer renderer;
  auto document = renderer.render(fixture().layout(), render_options(printer));
  CupsPrinter cups("bench");
  for (auto _ : state) {
    auto job = cups.submit(*document);
    if (!job.ok()) {
      state.SkipWithError(job.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(*job);
  }
  state.counters["bytes"] = static_cast<double>(document->bytes.size());
}
BENCHMARK(BM_SubmitToJobAccepted)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(50);

}  // namespace
}  // namespace complaint
