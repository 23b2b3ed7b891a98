// ReceiptLayout from real filed tickets: the actual promised date-times (24:00 rule), the
// masked identity, the QR payload, the bilingual title, anonymous and English receipts,
// the staff copy, that the customer copy never carries the complaint text, and that a
// reprint (not the first print) shows the status the desk sent back.
#include "core/receipt/receipt_layout.h"

#include <algorithm>

#include "core/domain/check_code.h"
#include "core/printing/fake_printer.h"
#include "core/printing/fake_receipt_renderer.h"
#include "tests/core/printing/receipt_fixture.h"

namespace complaint::test {
namespace {

ReceiptLayout layout_for(ReceiptWorld& world, const Ticket& ticket, StaffCopy staff = StaffCopy::omit) {
  const ReceiptSources sources{world.config,           world.taxonomy,
                               world.calendar->zone(), world.catalog(ticket.language),
                               *world.zh_cn,           world.clock.now()};
  return build_receipt(ticket, world.url_of(ticket), sources, staff);
}

std::string qr_payload(const ReceiptCopy& copy) {
  for (const ReceiptBlock& block : copy.blocks)
    if (block.kind == BlockKind::qr) return block.text;
  return {};
}

TEST(ReceiptLayout, CatalogsDefineTheSameReceiptKeys) {
  ReceiptWorld world;
  std::vector<std::string> zh, en;
  for (const std::string& key : world.zh_cn->keys())
    if (key.starts_with("receipt.")) zh.push_back(key);
  for (const std::string& key : world.english->keys())
    if (key.starts_with("receipt.")) en.push_back(key);
  EXPECT_FALSE(zh.empty()) << "assets/i18n/zh-CN.receipt.toml not loaded";
  EXPECT_EQ(zh, en);
}

TEST(ReceiptLayout, ChineseComplaintPrintsTheActualPromisedDateTimes) {
  ReceiptWorld world;
  const Ticket ticket = world.file();
  const ReceiptLayout layout = layout_for(world, ticket);
  ASSERT_EQ(layout.copies.size(), 1u);
  const std::string text = plain_text(layout.copies[0]);
  EXPECT_NE(text.find("投诉受理回执"), std::string::npos) << text;
  EXPECT_NE(text.find("Complaint Receipt"), std::string::npos) << text;
  EXPECT_NE(text.find(ticket.number), std::string::npos);
  EXPECT_NE(text.find("受理时间：2026年11月20日 16:00 星期五"), std::string::npos) << text;
  // Printed at filing (Fri 20 Nov 16:00): contact_by 2026-11-21 16:00 is tomorrow; resolve_by is
  // the instant 2026-11-26T00:00, i.e. the end of Wednesday 25 November.
  EXPECT_NE(text.find("我们将于明天 16:00 前（还有1天）与您联系，11月25日（周三）当天内（还有5天）处理完毕"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("张*"), std::string::npos);
  EXPECT_NE(text.find("138****8000"), std::string::npos);
  EXPECT_NE(text.find("服务态度"), std::string::npos);
  EXPECT_NE(text.find("027-8765 4321"), std::string::npos);
  EXPECT_NE(text.find("武汉农村商业银行"), std::string::npos);
  EXPECT_EQ(qr_payload(layout.copies[0]), world.url_of(ticket));
}

// The short check code (core/domain/check_code.h) large under the number, labelled in both
// languages; a ticket without one prints neither.
TEST(ReceiptLayout, PrintsTheCheckCodeLargeWithItsBilingualLabel) {
  ReceiptWorld world;
  world.check_code_station = 4;
  const Ticket coded = world.file();
  ASSERT_EQ(coded.check_code.size(), 6u);
  const std::string printed = format_check_code(coded.check_code);
  for (const std::string language : {"zh-CN", "en"}) {
    Ticket ticket = coded;
    ticket.language = language;
    const ReceiptCopy copy = layout_for(world, ticket).copies[0];
    const auto code = std::find_if(copy.blocks.begin(), copy.blocks.end(),
                                   [&](const ReceiptBlock& block) { return block.text == printed; });
    ASSERT_NE(code, copy.blocks.end()) << plain_text(copy);
    EXPECT_EQ(code->size, TextSize::huge);
    EXPECT_EQ(code->weight, TextWeight::bold);
    ASSERT_NE(code, copy.blocks.begin());
    const std::string label = (code - 1)->text;
    EXPECT_NE(label.find("查询码"), std::string::npos) << label;
    EXPECT_NE(label.find("Check code"), std::string::npos) << label;
  }
  world.check_code_station.reset();
  const std::string plain = plain_text(layout_for(world, world.file()).copies[0]);
  EXPECT_EQ(plain.find("查询码"), std::string::npos) << plain;
}

TEST(ReceiptLayout, CustomerCopyNeverCarriesTheComplaintOrUnmaskedIdentity) {
  ReceiptWorld world;
  const Ticket ticket = world.file();
  const std::string text = plain_text(layout_for(world, ticket).copies[0]);
  EXPECT_EQ(text.find("SECRET-CONTENT"), std::string::npos);
  EXPECT_EQ(text.find("柜员态度冷漠"), std::string::npos);
  EXPECT_EQ(text.find("张三"), std::string::npos);
  EXPECT_EQ(text.find("13800138000"), std::string::npos);
}

TEST(ReceiptLayout, StaffCopyHasTheFullRecordOnItsOwnPiece) {
  ReceiptWorld world;
  const Ticket ticket = world.file();
  const ReceiptLayout layout = layout_for(world, ticket, StaffCopy::include);
  ASSERT_EQ(layout.copies.size(), 2u);
  EXPECT_EQ(layout.copies[1].kind, CopyKind::staff);
  const std::string staff = plain_text(layout.copies[1]);
  EXPECT_NE(staff.find("SECRET-CONTENT"), std::string::npos);
  EXPECT_NE(staff.find("张三"), std::string::npos);
  EXPECT_NE(staff.find("13800138000"), std::string::npos);
  EXPECT_EQ(plain_text(layout.copies[0]).find("SECRET-CONTENT"), std::string::npos);
}

TEST(ReceiptLayout, AnonymousInquiryPromisesAnAnswerOnTheTrackingPage) {
  ReceiptWorld world;
  const Ticket ticket = world.file("inquiry", "zh-CN", true);
  ASSERT_TRUE(ticket.anonymous);
  const std::string text = plain_text(layout_for(world, ticket).copies[0]);
  EXPECT_NE(text.find("客户：匿名"), std::string::npos) << text;
  EXPECT_NE(text.find("咨询"), std::string::npos) << text;
  EXPECT_NE(text.find("我们将于明天 16:00 前（还有1天）答复，请扫码查看"), std::string::npos) << text;
  EXPECT_EQ(text.find("与您联系"), std::string::npos);
  // One answer deadline: the inquiry's resolve clock is not promised beside it.
  EXPECT_EQ(text.find("处理完毕"), std::string::npos) << text;
}

TEST(ReceiptLayout, EnglishReceiptKeepsTheBilingualTitle) {
  ReceiptWorld world;
  const Ticket ticket = world.file("complaint", "en");
  const std::string text = plain_text(layout_for(world, ticket).copies[0]);
  EXPECT_EQ(text.rfind("Complaint Receipt\n投诉受理回执\n", 0), 0u) << text;
  EXPECT_NE(text.find("Accepted: Friday 20 Nov 2026, 16:00"), std::string::npos) << text;
  EXPECT_NE(
      text.find("We will contact you tomorrow by 16:00 (1 day left) and resolve this by end of Wed 25 Nov "
                "(5 days left)."),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("Service attitude"), std::string::npos) << text;
  EXPECT_NE(text.find("Wuhan Rural Commercial Bank"), std::string::npos);
}

// Each kind prints its own title, in the customer's language first, the other under it.
TEST(ReceiptLayout, TitleNamesTheKindInBothLanguages) {
  ReceiptWorld world;
  const struct {
    const char* kind;
    const char* zh;
    const char* en;
  } kinds[] = {{"complaint", "投诉受理回执", "Complaint Receipt"},
               {"suggestion", "建议受理回执", "Suggestion Receipt"},
               {"inquiry", "咨询受理回执", "Inquiry Receipt"},
               {"report", "举报受理回执", "Report Receipt"}};
  for (const auto& k : kinds) {
    const Ticket zh = world.file(k.kind, "zh-CN");
    ASSERT_FALSE(zh.number.empty()) << k.kind;
    const std::string zh_text = plain_text(layout_for(world, zh).copies[0]);
    EXPECT_EQ(zh_text.rfind(std::string(k.zh) + "\n" + k.en + "\n", 0), 0u) << zh_text;
    const Ticket en = world.file(k.kind, "en");
    const std::string en_text = plain_text(layout_for(world, en).copies[0]);
    EXPECT_EQ(en_text.rfind(std::string(k.en) + "\n" + k.zh + "\n", 0), 0u) << en_text;
    if (std::string(k.kind) != "complaint") {
      EXPECT_EQ(zh_text.find("投诉受理回执"), std::string::npos) << zh_text;
      EXPECT_EQ(en_text.find("Complaint Receipt"), std::string::npos) << en_text;
    }
  }
}

// The customer's topic, in their words, names the matter beside the kind (not the category it
// was filed under), in the customer's language.
TEST(ReceiptLayout, NamesTheCustomersTopic) {
  ReceiptWorld world;
  Ticket zh = world.file("complaint", "zh-CN");
  zh.topic = "card_retained";
  zh.category = "service_channel";
  const std::string zh_text = plain_text(layout_for(world, zh).copies[0]);
  EXPECT_NE(zh_text.find("投诉 · 卡被吞"), std::string::npos) << zh_text;
  EXPECT_EQ(zh_text.find("服务渠道"), std::string::npos) << zh_text;
  Ticket en = world.file("inquiry", "en");
  en.topic = "ask_fees";
  en.category = "product";
  const std::string en_text = plain_text(layout_for(world, en).copies[0]);
  EXPECT_NE(en_text.find("Inquiry · Fees and charges"), std::string::npos) << en_text;
}

// A named inquiry promises its answer, once, on the receipt as on the kiosk and tracking page.
TEST(ReceiptLayout, NamedInquiryPromisesOneAnswerDeadline) {
  ReceiptWorld world;
  const Ticket ticket = world.file("inquiry", "en");
  ASSERT_TRUE(ticket.deadlines.answer_by && ticket.deadlines.resolve_by);
  const std::string text = plain_text(layout_for(world, ticket).copies[0]);
  EXPECT_NE(text.find("We will answer you tomorrow by 16:00 (1 day left)."), std::string::npos) << text;
  EXPECT_EQ(text.find("resolve"), std::string::npos) << text;
}

// A reprint days later counts the time left from when it is printed.
TEST(ReceiptLayout, TimeLeftCountsFromThePrintingClock) {
  ReceiptWorld world;
  const Ticket ticket = world.file();
  world.clock.advance(std::chrono::hours{24 * 3});  // Mon 23 Nov 16:00
  const std::string text = plain_text(layout_for(world, ticket).copies[0]);
  EXPECT_NE(
      text.find(
          "我们将于11月21日（周六）16:00 前（已超时）与您联系，11月25日（周三）当天内（还有2天）处理完毕"),
      std::string::npos)
      << text;
}

TEST(ReceiptLayout, DeadlineAtLocalMidnightIsTheDayBeforeAt2400) {
  ReceiptWorld world;
  const TimeZone& zone = world.calendar->zone();
  auto midnight = zone.parse_iso8601("2026-11-26T00:00:00+08:00");
  auto afternoon = zone.parse_iso8601("2026-11-21T16:00:00+08:00");
  auto early = zone.parse_iso8601("2026-11-26T00:01:00+08:00");
  ASSERT_TRUE(midnight.ok() && afternoon.ok() && early.ok());
  EXPECT_EQ(format_deadline(*midnight, zone, *world.zh_cn), "11月25日24:00");
  EXPECT_EQ(format_deadline(*afternoon, zone, *world.zh_cn), "11月21日16:00");
  EXPECT_EQ(format_deadline(*early, zone, *world.zh_cn), "11月26日0:01");
  EXPECT_EQ(format_deadline(*midnight, zone, *world.english), "25 Nov 24:00");
  // The acceptance time is an instant, not an end of day: midnight stays midnight.
  EXPECT_EQ(format_accepted_at(*midnight, zone, *world.zh_cn), "2026年11月26日 0:00 星期四");
}

TEST(ReceiptLayout, AReprintShowsTheStatusTheDeskSentBackAndTheFirstPrintDoesNot) {
  ReceiptWorld world;
  FakePrinter printer{"fake-reprint"};
  FakeReceiptRenderer renderer;
  PrintServiceOptions options;
  options.sleep = [&world](std::chrono::milliseconds) { world.clock.advance(std::chrono::seconds(1)); };
  PrintService printing(world.config, world.printer, world.taxonomy, *world.calendar, *world.store, printer,
                        renderer, world.clock, world.catalogs(), options);
  const Ticket ticket = world.file();
  ASSERT_TRUE(printing.print_receipt(ticket.number).ok());
  // Next morning, 10:00 in Shanghai, the desk forwards it; the kiosk hears of it by sync.
  world.forward_at_the_desk(ticket, kFiledAt + 18h);
  ASSERT_TRUE(printing.print_receipt(ticket.number).ok());  // an original print still says nothing
  ASSERT_TRUE(printing.print_receipt(ticket.number, ReceiptPrint::reprint).ok());
  ASSERT_EQ(printer.submitted().size(), 3u);
  const std::string line = "当前状态：已转发（截至11月21日10:00）";
  const std::string& first = printer.submitted()[0].bytes;
  EXPECT_EQ(first.find("当前状态"), std::string::npos) << first;
  EXPECT_EQ(printer.submitted()[1].bytes.find("当前状态"), std::string::npos);
  const std::string& reprint = printer.submitted()[2].bytes;
  EXPECT_NE(reprint.find(line), std::string::npos) << reprint;
  EXPECT_NE(reprint.find(ticket.number), std::string::npos);
  EXPECT_EQ(reprint.find("SECRET-CONTENT"), std::string::npos);
  EXPECT_EQ(reprint.find("柜员态度冷漠"), std::string::npos);
}

TEST(ReceiptLayout, AnEnglishReprintShowsTheCurrentStatusInEnglish) {
  ReceiptWorld world;
  const Ticket ticket = world.file("complaint", "en");
  world.forward_at_the_desk(ticket, kFiledAt + 18h);
  const Ticket forwarded = world.store->find(ticket.number).value().value();
  ASSERT_EQ(forwarded.status, Status::forwarded);
  const ReceiptSources sources{world.config,   world.taxonomy, world.calendar->zone(),
                               *world.english, *world.zh_cn,   world.clock.now()};
  const std::string original =
      plain_text(build_receipt(forwarded, world.url_of(forwarded), sources, StaffCopy::omit).copies[0]);
  EXPECT_EQ(original.find("Current status"), std::string::npos) << original;
  const std::string reprint = plain_text(build_receipt(forwarded, world.url_of(forwarded), sources,
                                                       StaffCopy::omit, ReprintStatus{kFiledAt + 18h})
                                             .copies[0]);
  EXPECT_NE(reprint.find("Current status: Forwarded (as of 21 Nov 10:00)"), std::string::npos) << reprint;
  EXPECT_EQ(reprint.find("SECRET-CONTENT"), std::string::npos);
}

}  // namespace
}  // namespace complaint::test
