// Attachments in core: recognition by content (content_sniff.h), file names, and the
// service's checks over the fake stores (attachment_service.h): scope, state, type, size,
// count, the same bytes twice, the audit event.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "core/attachments/attachment_service.h"
#include "core/attachments/content_sniff.h"
#include "core/attachments/fake_attachment_store.h"
#include "core/retention/anonymise.h"
#include "core/services/filing_service.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/attachments/sample_files.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace complaint::testing;

// A stand-in for SHA-256 (drivers/crypto's is tested with the stores): 64 hex digits that
// differ when the bytes do.
std::string fake_sha256(std::string_view bytes) {
  char text[17];
  std::snprintf(text, sizeof text, "%016zx", std::hash<std::string_view>{}(bytes));
  return std::string(text) + std::string(text) + std::string(text) + std::string(text);
}

TEST(ContentSniff, RecognisesTheThreeFormatsByTheirBytes) {
  EXPECT_EQ(sniff_attachment(sample_png()), AttachmentType::png);
  EXPECT_EQ(sniff_attachment(sample_jpeg()), AttachmentType::jpeg);
  EXPECT_EQ(sniff_attachment(sample_pdf()), AttachmentType::pdf);
  EXPECT_EQ(sniff_attachment(sample_jpeg() + std::string(16, '\0')), AttachmentType::jpeg)
      << "a scanner's zero padding after the end marker";
}

TEST(ContentSniff, RefusesTextHtmlAndEmptyFiles) {
  EXPECT_EQ(sniff_attachment(""), std::nullopt);
  EXPECT_EQ(sniff_attachment("hello, this is a letter\n"), std::nullopt);
  EXPECT_EQ(sniff_attachment("<html><script>alert(1)</script></html>"), std::nullopt);
  EXPECT_EQ(sniff_attachment("GIF89a\x01\x00\x01\x00"), std::nullopt);
  // A signature alone is not a file.
  EXPECT_EQ(sniff_attachment("\xFF\xD8\xFF"), std::nullopt);
  EXPECT_EQ(sniff_attachment(std::string("\x89PNG\r\n\x1a\n", 8)), std::nullopt);
  EXPECT_EQ(sniff_attachment("%PDF-1.4\n"), std::nullopt);
}

TEST(ContentSniff, RefusesTruncatedFiles) {
  for (const std::string& whole : {sample_png(), sample_jpeg(), sample_pdf()}) {
    for (std::size_t cut = 1; cut < whole.size(); ++cut) {
      EXPECT_EQ(sniff_attachment(whole.substr(0, whole.size() - cut)), std::nullopt)
          << "cut " << cut << " bytes from a " << content_type_of(*sniff_attachment(whole));
    }
  }
}

TEST(ContentSniff, RefusesAPngWithDataAfterItsEndOrAChunkPastTheEnd) {
  EXPECT_EQ(sniff_attachment(sample_png() + "<script>"), std::nullopt);
  std::string png = sample_png();
  png[8 + 3] = '\x40';  // IHDR's length now runs past the file
  EXPECT_EQ(sniff_attachment(png), std::nullopt);
}

TEST(AttachmentNames, SanitisedForDisplay) {
  EXPECT_EQ(sanitise_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitise_file_name("C:\\Users\\li\\来信扫描.pdf"), "来信扫描.pdf");
  EXPECT_EQ(sanitise_file_name("\xE2\x80\xAEgpj.exe"), "gpj.exe") << "no right-to-left override";
  EXPECT_EQ(sanitise_file_name("a\r\nb\"c.png"), "ab'c.png");
  EXPECT_EQ(sanitise_file_name("bad\xFF\xFEname.jpg"), "bad__name.jpg");
  EXPECT_EQ(sanitise_file_name(""), "attachment");
  EXPECT_EQ(sanitise_file_name("dir/"), "attachment");
  EXPECT_EQ(sanitise_file_name(".."), "attachment");
  const std::string long_name(300, 'x');
  EXPECT_EQ(sanitise_file_name(long_name).size(), k_max_attachment_name);
  std::string chinese;
  for (int i = 0; i < 200; ++i) chinese += "图";
  EXPECT_EQ(sanitise_file_name(chinese).size(), k_max_attachment_name * 3) << "cut between characters";
}

TEST(AttachmentNames, DownloadNameCarriesTheExtensionOfTheContent) {
  AttachmentInfo info;
  info.content_type = "image/png";
  info.file_name = "scan.pdf";
  EXPECT_EQ(download_name(info), "scan.pdf.png");
  info.file_name = "Photo.PNG";
  EXPECT_EQ(download_name(info), "Photo.PNG");
  info.content_type = "image/jpeg";
  info.file_name = "defect.jpeg";
  EXPECT_EQ(download_name(info), "defect.jpeg");
}

class AttachmentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    calendar.emplace(WorkCalendar::create(CalendarConfig{}).value());
    filing = std::make_unique<FilingService>(config, taxonomy, *calendar, tickets, clock);
    auto filed = filing->file(good_draft(), {});
    ASSERT_TRUE(filed.ok()) << filed.error().message;
    number = filed->number;
    ActionRequest forward;
    forward.action = Action::forward;
    forward.role = Role::dispatcher;
    forward.actor = "dispatch";
    forward.department = "retail";
    ASSERT_TRUE(filing->act(number, forward).ok());
    make_service(AttachmentLimits{});
  }
  void make_service(AttachmentLimits limits) {
    service = std::make_unique<AttachmentService>(tickets, store, taxonomy, fake_sha256, clock, limits);
  }
  std::size_t events_of(const char* action) {
    std::size_t count = 0;
    const std::vector<TicketEvent> events = tickets.events(number).value();
    for (const TicketEvent& event : events) count += event.action == action ? 1 : 0;
    return count;
  }

  FixedClock clock{Instant{std::chrono::seconds{1795400000}}};
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  std::optional<WorkCalendar> calendar;
  FakeTicketRepository tickets;
  FakeAttachmentStore store{tickets};
  std::unique_ptr<FilingService> filing;
  std::unique_ptr<AttachmentService> service;
  std::string number;
  const Uploader supervisor{"zhou", Role::supervisor, {}};
  const Uploader retail_handler{"li", Role::handler, {"retail"}};
  const Uploader credit_handler{"wang", Role::handler, {"credit"}};
};

TEST_F(AttachmentServiceTest, StoresThePngUnderItsSniffedTypeWithAnAuditEvent) {
  const std::int64_t revision = tickets.find(number).value()->revision;
  auto added = service->attach(number, retail_handler, Upload{"scan.pdf", sample_png(), " 来信第一页 "});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_TRUE(added->created);
  const AttachmentInfo& info = added->info;
  EXPECT_EQ(info.content_type, "image/png") << "a PNG named .pdf is a PNG";
  EXPECT_EQ(info.file_name, "scan.pdf");
  EXPECT_EQ(info.size, static_cast<std::int64_t>(sample_png().size()));
  EXPECT_EQ(info.sha256, fake_sha256(sample_png()));
  EXPECT_EQ(info.uploader, "li");
  EXPECT_EQ(info.uploaded_at, clock.now());
  EXPECT_EQ(info.caption, "来信第一页");
  EXPECT_EQ(tickets.find(number).value()->revision, revision + 1);
  const TicketEvent event = tickets.events(number).value().back();
  EXPECT_EQ(event.action, "attach");
  EXPECT_EQ(event.actor, "li");
  EXPECT_EQ(event.role, "handler");
  EXPECT_EQ(event.from, event.to);
  EXPECT_EQ(event.note, "来信第一页");
  const auto data = nlohmann::json::parse(event.data_json);
  EXPECT_EQ(data["content_type"], "image/png");
  EXPECT_EQ(data["file_name"], "scan.pdf");
  auto opened = service->open(number, info.id, retail_handler);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->bytes, sample_png());
  EXPECT_EQ(service->list(number, supervisor).value(), std::vector<AttachmentInfo>{info});
}

TEST_F(AttachmentServiceTest, TheSameBytesTwiceAddNothing) {
  auto first = service->attach(number, retail_handler, Upload{"a.jpg", sample_jpeg(), ""});
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = service->attach(number, supervisor, Upload{"other-name.jpg", sample_jpeg(), "again"});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->info, first->info);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(events_of("attach"), 1u);
}

TEST_F(AttachmentServiceTest, RefusesByContentNotByName) {
  auto text = service->attach(number, supervisor, Upload{"photo.jpg", "just some text\n", ""});
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(text.error().key, "error.attachment.type");
  const std::string png = sample_png();
  auto truncated = service->attach(number, supervisor, Upload{"scan.png", png.substr(0, png.size() - 6), ""});
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().key, "error.attachment.type");
  auto empty = service->attach(number, supervisor, Upload{"none.pdf", "", ""});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().key, "error.attachment.empty");
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(events_of("attach"), 0u);
}

TEST_F(AttachmentServiceTest, RefusesAFileOverTheSizeLimit) {
  const std::string pdf = sample_pdf(std::string(500, 'x'));
  make_service(AttachmentLimits{static_cast<std::int64_t>(pdf.size()) - 1, 20});
  auto over = service->attach(number, supervisor, Upload{"big.pdf", pdf, ""});
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, ErrorCode::too_large);
  EXPECT_EQ(over.error().key, "error.attachment.too_large");
  make_service(AttachmentLimits{static_cast<std::int64_t>(pdf.size()), 20});
  EXPECT_TRUE(service->attach(number, supervisor, Upload{"big.pdf", pdf, ""}).ok()) << "exactly the limit";
}

TEST_F(AttachmentServiceTest, RefusesOneFileOverTheCountButTakesTheSameBytesAgain) {
  make_service(AttachmentLimits{960 * 1024, 2});
  ASSERT_TRUE(service->attach(number, supervisor, Upload{"1.png", sample_png("1"), ""}).ok());
  ASSERT_TRUE(service->attach(number, supervisor, Upload{"2.png", sample_png("2"), ""}).ok());
  auto third = service->attach(number, supervisor, Upload{"3.png", sample_png("3"), ""});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(third.error().key, "error.attachment.too_many");
  auto repeated = service->attach(number, supervisor, Upload{"2.png", sample_png("2"), ""});
  ASSERT_TRUE(repeated.ok()) << "an upload repeated after a lost answer is not refused";
  EXPECT_FALSE(repeated->created);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(events_of("attach"), 2u);
}

TEST_F(AttachmentServiceTest, AnotherDepartmentsHandlerFindsNoTicket) {
  auto added = service->attach(number, retail_handler, Upload{"a.png", sample_png(), ""});
  ASSERT_TRUE(added.ok());
  auto attach = service->attach(number, credit_handler, Upload{"b.pdf", sample_pdf(), ""});
  ASSERT_FALSE(attach.ok());
  EXPECT_EQ(attach.error().code, ErrorCode::not_found);
  EXPECT_EQ(attach.error().key, "error.ticket.not_found");
  auto open = service->open(number, added->info.id, credit_handler);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().key, "error.ticket.not_found") << "the same answer as for the ticket";
  auto list = service->list(number, credit_handler);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().key, "error.ticket.not_found");
  auto unknown = service->open("WH01-K1-20260101-0001-X", added->info.id, supervisor);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().key, "error.ticket.not_found");
  EXPECT_EQ(store.size(), 1u);
}

TEST_F(AttachmentServiceTest, AnAttachmentIdOfAnotherTicketIsNotFound) {
  auto other = filing->file(good_draft(), {});
  ASSERT_TRUE(other.ok());
  auto added = service->attach(other->number, supervisor, Upload{"a.png", sample_png(), ""});
  ASSERT_TRUE(added.ok());
  auto crossed = service->open(number, added->info.id, supervisor);
  ASSERT_FALSE(crossed.ok());
  EXPECT_EQ(crossed.error().key, "error.attachment.not_found");
}

TEST_F(AttachmentServiceTest, ConfidentialTicketsAreForLeaders) {
  TicketDraft draft = good_draft();
  draft.kind = "report";
  auto filed = filing->file(draft, {});
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  ASSERT_TRUE(is_confidential(*filed, taxonomy));
  const Uploader dispatcher{"d", Role::dispatcher, {}};
  auto refused = service->attach(filed->number, dispatcher, Upload{"a.png", sample_png(), ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(refused.error().key, "error.workflow.confidential");
  EXPECT_TRUE(service->attach(filed->number, supervisor, Upload{"a.png", sample_png(), ""}).ok());
}

TEST_F(AttachmentServiceTest, NothingIsAttachedToAnAnonymisedTicket) {
  Ticket ticket = *tickets.find(number).value();
  anonymise_ticket(ticket, [](std::string_view) { return std::string("hash:00"); });
  ASSERT_TRUE(
      tickets.anonymise(ticket, {}, anonymisation_event(ticket, clock.now(), "retention", "{}")).ok());
  auto refused = service->attach(number, supervisor, Upload{"a.png", sample_png(), ""});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(refused.error().key, "error.attachment.anonymised");
}

TEST_F(AttachmentServiceTest, RefusesAMultiLineOrLongCaption) {
  auto lines = service->attach(number, supervisor, Upload{"a.png", sample_png(), "one\ntwo"});
  ASSERT_FALSE(lines.ok());
  EXPECT_EQ(lines.error().key, "error.attachment.caption");
  auto long_caption =
      service->attach(number, supervisor, Upload{"a.png", sample_png(), std::string(201, 'x')});
  ASSERT_FALSE(long_caption.ok());
  EXPECT_EQ(long_caption.error().key, "error.attachment.caption");
  EXPECT_EQ(store.size(), 0u);
}

TEST_F(AttachmentServiceTest, AStoreFailureLeavesNothing) {
  store.script().fail(AttachmentStep::add, 0, FailureMode::once,
                      Error::make(ErrorCode::storage, "disk full"));
  auto failed = service->attach(number, supervisor, Upload{"a.png", sample_png(), ""});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(events_of("attach"), 0u);
}

}  // namespace
}  // namespace complaint
