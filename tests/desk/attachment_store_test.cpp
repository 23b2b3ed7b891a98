// Tickets' attachments on both stores (core/attachments/attachment_store.h): the bytes and
// their metadata round-trip, one row and one audit event per content, the count limit inside
// the transaction, a stale ticket refused with nothing written, retention deleting them with
// the ticket's personal data, and the SQLite desk file's upgrade from desk schema 11.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/attachments/attachment_service.h"
#include "core/retention/retention_run.h"
#include "core/store/sqlite_desk_store.h"
#include "desk_process.h"
#include "desk_store_fixture.h"
#include "drivers/crypto/sodium_crypto.h"
#include "tests/core/attachments/sample_files.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

class AttachmentStoreTest : public DeskStoreFixture {
 protected:
  void SetUp() override {
    DeskStoreFixture::SetUp();
    if (IsSkipped()) return;
    ticket = file();
    make_service();
  }
  void make_service(AttachmentLimits limits = {}) {
    service =
        std::make_unique<AttachmentService>(*tickets, *attachments, taxonomy, sha256_hex, clock, limits);
  }
  Ticket file() {
    TicketDraft draft;
    draft.kind = "complaint";
    draft.channel = "walk_in";
    draft.category = "service_attitude";
    draft.content = "来信反映柜台服务问题";
    draft.customer_name = "李雷";
    draft.phone = "13912345678";
    return must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
  }
  Result<AddedAttachment> attach(const std::string& name, const std::string& bytes,
                                 const std::string& caption = "") {
    return service->attach(ticket.number, supervisor, Upload{name, bytes, caption});
  }
  std::int64_t attach_events() {
    return std::stoll(raw_query("SELECT count(*) FROM events WHERE ticket_number = '" + ticket.number +
                                "' AND action = 'attach'"));
  }

  Ticket ticket;
  std::unique_ptr<AttachmentService> service;
  const Uploader supervisor{"主管", Role::supervisor, {}};
};

TEST_P(AttachmentStoreTest, BytesAndMetadataComeBackAsStored) {
  const std::string png = sample_png();
  const std::string pdf = sample_pdf();
  const AddedAttachment first = must(attach("来信扫描.pdf", png, "第一页"));
  clock.advance(1min);
  const AddedAttachment second = must(attach("reply.pdf", pdf));
  EXPECT_TRUE(first.created);
  EXPECT_LT(first.info.id, second.info.id);
  EXPECT_EQ(first.info.content_type, "image/png");
  EXPECT_EQ(first.info.sha256, sha256_hex(png));
  EXPECT_EQ(first.info.sha256.size(), 64u);
  const std::vector<AttachmentInfo> listed = must(attachments->attachments(ticket.number));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0], first.info);
  EXPECT_EQ(listed[1], second.info);
  EXPECT_EQ(listed[0].file_name, "来信扫描.pdf");
  EXPECT_EQ(listed[0].uploader, "主管");
  EXPECT_EQ(listed[0].uploaded_at, kNow);
  EXPECT_EQ(listed[1].uploaded_at, kNow + 1min);
  const auto read = must(attachments->attachment(ticket.number, first.info.id));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->bytes, png) << "every byte, zeros and 0xFF included";
  EXPECT_EQ(read->info, first.info);
  EXPECT_FALSE(must(attachments->attachment(ticket.number, second.info.id + 100)).has_value());
  const Ticket other = file();
  EXPECT_FALSE(must(attachments->attachment(other.number, first.info.id)).has_value())
      << "an id is found only under its own ticket";
  EXPECT_EQ(attach_events(), 2);
  EXPECT_EQ(must(tickets->find(ticket.number))->revision, ticket.revision + 2);
  EXPECT_EQ(rows("ticket_attachments"), 2);
}

TEST_P(AttachmentStoreTest, TheSameBytesTwiceAreStoredOnce) {
  const AddedAttachment first = must(attach("a.jpg", sample_jpeg()));
  const AddedAttachment again = must(attach("b.jpg", sample_jpeg(), "again"));
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.info, first.info);
  EXPECT_EQ(rows("ticket_attachments"), 1);
  EXPECT_EQ(attach_events(), 1);
  // The same file on another ticket is that ticket's own attachment.
  ticket = file();
  EXPECT_TRUE(must(attach("a.jpg", sample_jpeg())).created);
  EXPECT_EQ(rows("ticket_attachments"), 2);
}

TEST_P(AttachmentStoreTest, TheCountLimitHoldsInTheStore) {
  make_service(AttachmentLimits{960 * 1024, 2});
  must(attach("1.png", sample_png("1")));
  must(attach("2.png", sample_png("2")));
  const auto third = attach("3.png", sample_png("3"));
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().key, "error.attachment.too_many");
  EXPECT_EQ(rows("ticket_attachments"), 2);
  EXPECT_EQ(attach_events(), 2);
}

TEST_P(AttachmentStoreTest, AStaleTicketWritesNothing) {
  NewAttachment added;
  added.info =
      AttachmentInfo{0, ticket.number, "image/png", "a.png", 0, sha256_hex(sample_png()), "主管", kNow, ""};
  added.bytes = sample_png();
  added.info.size = static_cast<std::int64_t>(added.bytes.size());
  added.max_count = 20;
  added.ticket = ticket;
  added.ticket.revision = ticket.revision + 5;  // another change came first
  added.event = TicketEvent{0,        ticket.number, kNow,          "主管", "supervisor",
                            "attach", ticket.status, ticket.status, "",     "{}"};
  const auto stale = attachments->add_attachment(added);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(rows("ticket_attachments"), 0);
  EXPECT_EQ(attach_events(), 0);
}

TEST_P(AttachmentStoreTest, RetentionDeletesTheAttachmentsWithThePersonalData) {
  const std::string withdrawn_number = ticket.number;
  const Ticket kept = file();
  must(attach("scan.png", sample_png("letter of the customer"), "李雷的来信"));
  must(attach("photo.jpg", sample_jpeg()));
  ticket = kept;
  must(attach("other.pdf", sample_pdf()));
  ActionRequest withdraw;
  withdraw.action = Action::withdraw;
  withdraw.role = Role::dispatcher;
  withdraw.actor = "调度";
  withdraw.voluntary = true;
  withdraw.at = clock.now();
  must(staff->act(withdrawn_number, withdraw));
  const FakeSigner signer;
  const PhoneHasher hash = [&signer](std::string_view phone) {
    return signer.hmac_sha256_hex("salt", phone);
  };
  const RetentionReport report = must(
      run_desk_retention(*tickets, config.retention, clock.now() + 400 * 24h, hash, RetentionMode::apply));
  EXPECT_EQ(report.due, std::vector<std::string>{withdrawn_number});
  EXPECT_TRUE(must(attachments->attachments(withdrawn_number)).empty());
  EXPECT_EQ(must(attachments->attachments(kept.number)).size(), 1u) << "an open ticket keeps its files";
  EXPECT_EQ(rows("ticket_attachments"), 1);
  // The trail keeps that files were attached, not their names or captions.
  const std::string trail = raw_query("SELECT note, data_json FROM events WHERE ticket_number = '" +
                                      withdrawn_number + "' AND action = 'attach' ORDER BY id");
  EXPECT_EQ(trail.find("scan.png"), std::string::npos) << trail;
  EXPECT_NE(trail.find("image/png"), std::string::npos) << trail;
  // And none can come back: the service refuses an anonymised ticket.
  ticket = must(tickets->find(withdrawn_number)).value();
  const auto refused = attach("scan.png", sample_png("letter of the customer"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "error.attachment.anonymised");
  if (GetParam() != StoreKind::sqlite) return;
  // Not in the file's bytes either (secure_delete, then the checkpoint).
  for (const std::string& path : {database(), database() + "-wal"}) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("letter of the customer"), std::string::npos) << path;
  }
}

// A desk file of schema 11 (before attachments) gets the table and its trigger on opening.
TEST_P(AttachmentStoreTest, AnOlderDeskGetsTheAttachmentsTable) {
  if (GetParam() == StoreKind::sqlite) {
    ASSERT_TRUE(raw_sql(desk_attachments_before() +
                        "UPDATE schema_extensions SET version = 11 WHERE name = 'desk';"));
    EXPECT_FALSE(raw_sql("SELECT count(*) FROM ticket_attachments"));
  } else {
    ASSERT_TRUE(raw_sql("DROP TABLE ticket_attachments;" + older_release()));
  }
  reopen();
  make_service();
  must(attach("a.png", sample_png()));
  EXPECT_EQ(rows("ticket_attachments"), 1);
  if (GetParam() == StoreKind::sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
    EXPECT_EQ(raw_query("SELECT count(*) FROM sqlite_master WHERE name = 'ticket_attachments_anonymised'"),
              "1");
  }
}

TEST_P(AttachmentStoreTest, TheDatabaseRefusesARowWhoseSizeIsNotItsBytes) {
  const std::string insert =
      "INSERT INTO ticket_attachments (ticket_number, content_type, file_name, size, sha256, uploader, "
      "uploaded_at, caption, bytes) VALUES ('" +
      ticket.number + "', 'image/png', 'a.png', 5, '" + std::string(64, 'a') + "', 'x', 0, '', ";
  EXPECT_FALSE(raw_sql(insert + (GetParam() == StoreKind::sqlite ? "x'0102'" : "'\\x0102'::bytea") + ")"));
  EXPECT_FALSE(raw_sql(insert.substr(0, insert.find("'image/png'")) + "'text/html', 'a.png', 2, '" +
                       std::string(64, 'a') + "', 'x', 0, '', " +
                       (GetParam() == StoreKind::sqlite ? "x'0102'" : "'\\x0102'::bytea") + ")"));
  EXPECT_EQ(rows("ticket_attachments"), 0);
}

// complaintctl on the same database: `show` lists the attachments without their bytes,
// `attachment` saves one byte for byte, and an unknown id is refused with nothing written.
TEST_P(AttachmentStoreTest, ComplaintctlListsThemAndSavesOneByteForByte) {
  const std::string png = sample_png();
  const AddedAttachment added = must(attach("来信扫描.png", png, "第一页"));
  const CommandResult shown =
      run_command({COMPLAINTCTL_PATH, "--db", database(), "--json", "show", ticket.number});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto listed = nlohmann::json::parse(shown.out)["attachments"];
  ASSERT_EQ(listed.size(), 1u) << shown.out;
  EXPECT_EQ(listed[0]["id"], added.info.id);
  EXPECT_EQ(listed[0]["file_name"], "来信扫描.png");
  EXPECT_EQ(listed[0]["content_type"], "image/png");
  EXPECT_EQ(listed[0]["size"], static_cast<std::int64_t>(png.size()));
  EXPECT_EQ(listed[0]["sha256"], sha256_hex(png));
  EXPECT_EQ(listed[0]["caption"], "第一页");
  EXPECT_FALSE(listed[0].contains("bytes"));

  const std::string saved = dir.file("saved.png");
  const CommandResult written = run_command({COMPLAINTCTL_PATH, "--db", database(), "attachment",
                                             ticket.number, std::to_string(added.info.id), "-o", saved});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  std::ifstream file(saved, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(file), {}), png);

  const std::string nothing = dir.file("nothing.png");
  const CommandResult unknown =
      run_command({COMPLAINTCTL_PATH, "--db", database(), "attachment", ticket.number,
                   std::to_string(added.info.id + 7), "-o", nothing});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
  EXPECT_NE(unknown.err.find("error.attachment.not_found"), std::string::npos) << unknown.err;
  EXPECT_FALSE(std::filesystem::exists(nothing));
  EXPECT_FALSE(std::filesystem::exists(nothing + ".partial"));
  const CommandResult bad_id =
      run_command({COMPLAINTCTL_PATH, "--db", database(), "attachment", ticket.number, "x1", "-o", nothing});
  EXPECT_EQ(bad_id.exit_code, 2) << bad_id.err;
}

INSTANTIATE_TEST_SUITE_P(BothStores, AttachmentStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
