// FilingService over the scriptable FakeTicketRepository: a filing stores ticket, number,
// first event and outbox row together; bad input is refused before the store is touched;
// and each store call the service makes gets a fault sibling that fails it, after which
// nothing was stored, no number was handed out, and the next filing gets the next number.
// The same for act(): a failed load or save leaves the stored ticket as it was.
#include "core/services/filing_service.h"

#include <gtest/gtest.h>

#include "core/domain/ticket_number.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/good_draft.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

// Friday 2026-11-20 10:00 in Shanghai.
const Instant kNow = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 2h;
const Error kDiskFull = Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13);

ActionRequest forward_request() {
  ActionRequest forward;
  forward.action = Action::forward;
  forward.role = Role::intake_clerk;
  forward.actor = "王芳";
  forward.at = kNow + 10min;
  forward.department = "retail";
  return forward;
}

struct Filing : ::testing::Test {
  Config config = Config::defaults();
  Taxonomy taxonomy = Taxonomy::defaults();
  WorkCalendar calendar = WorkCalendar::create(config.calendar).value();
  FixedClock clock{kNow};
  FakeTicketRepository repository;
  FilingService service{config, taxonomy, calendar, repository, clock};

  // Nothing of a failed filing is left behind, and numbering continues without a gap.
  void expect_nothing_stored_and_numbering_intact() {
    EXPECT_TRUE(repository.tickets().empty());
    EXPECT_TRUE(repository.all_events().empty());
    EXPECT_TRUE(repository.all_outbox().empty());
    repository.clear_failures();
    auto next = service.file(good_draft(), {});
    ASSERT_TRUE(next.ok()) << next.error().message;
    EXPECT_EQ(parse_ticket_number(next->number)->sequence, 1);
  }
};

TEST_F(Filing, StoresTicketFirstEventAndOutboxTogether) {
  auto filed = service.file(good_draft(), {"王芳", Role::intake_clerk});
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  EXPECT_EQ(filed->status, Status::filed);
  EXPECT_EQ(filed->recorded_by, "王芳");
  EXPECT_EQ(filed->filed_at, kNow);
  EXPECT_FALSE(filed->tracking_token.empty());
  ASSERT_TRUE(filed->deadlines.forward_by.has_value());
  EXPECT_EQ(*filed->deadlines.forward_by, kNow + 1h);
  ASSERT_EQ(repository.tickets().size(), 1u);
  EXPECT_EQ(repository.tickets()[0].number, filed->number);
  ASSERT_EQ(repository.all_events().size(), 1u);
  EXPECT_EQ(repository.all_events()[0].action, "file");
  EXPECT_EQ(repository.all_events()[0].role, "intake_clerk");
  EXPECT_FALSE(repository.all_outbox().empty());
  EXPECT_NE(service.tracking_url_for(*filed).find(filed->tracking_token), std::string::npos);
}

TEST_F(Filing, InvalidDraftIsRefusedBeforeTheStoreIsTouched) {
  TicketDraft draft = good_draft();
  draft.phone = "12345";
  auto refused = service.file(draft, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "phone");
  EXPECT_FALSE(refused.error().key.empty());
  EXPECT_EQ(repository.calls(RepositoryOperation::insert_new), 0);
  expect_nothing_stored_and_numbering_intact();
}

TEST_F(Filing, AFilingDateInTheFutureIsRefused) {
  TicketDraft draft = good_draft();
  draft.filed_at = kNow + 1h;
  auto refused = service.file(draft, {"王芳", Role::intake_clerk});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "filed_at");
  expect_nothing_stored_and_numbering_intact();
}

TEST_F(Filing, AnUnknownEarlierTicketIsRefused) {
  TicketDraft draft = good_draft();
  draft.repeat_of = format_ticket_number({"WH01", "K1", "20261119", 4});
  auto refused = service.file(draft, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "repeat_of");
  expect_nothing_stored_and_numbering_intact();
}

std::string operation_name(const ::testing::TestParamInfo<RepositoryOperation>& info) {
  switch (info.param) {
    case RepositoryOperation::find:
      return "find";
    case RepositoryOperation::latest_by_phone_category:
      return "latest_by_phone_category";
    case RepositoryOperation::insert_new:
      return "insert_new";
    case RepositoryOperation::apply:
      return "apply";
    default:
      return "operation" + std::to_string(static_cast<int>(info.param));
  }
}

// One fault sibling per store call file() makes.
class FilingFault : public Filing, public ::testing::WithParamInterface<RepositoryOperation> {};

TEST_P(FilingFault, AFailingStoreCallFilesNothingAndHandsOutNoNumber) {
  TicketDraft draft = good_draft();
  if (GetParam() == RepositoryOperation::find) {
    // find() is only asked for the earlier ticket of a repeat: file one to refer to.
    auto earlier = service.file(good_draft(), {});
    ASSERT_TRUE(earlier.ok());
    draft.repeat_of = earlier->number;
  }
  const std::size_t before = repository.tickets().size();
  repository.fail(GetParam(), 0, FailureMode::once, kDiskFull);
  auto failed = service.file(draft, {});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(failed.error().call, "sqlite3_step");
  EXPECT_EQ(repository.tickets().size(), before);
  // Retried once the store is back: filed, with the number the failed attempt did not use.
  auto retried = service.file(draft, {});
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_EQ(parse_ticket_number(retried->number)->sequence, static_cast<std::int64_t>(before) + 1);
}

INSTANTIATE_TEST_SUITE_P(EveryStoreCall, FilingFault,
                         ::testing::Values(RepositoryOperation::find,
                                           RepositoryOperation::latest_by_phone_category,
                                           RepositoryOperation::insert_new),
                         operation_name);

TEST_F(Filing, ActAppliesAnAllowedActionAndRecordsIt) {
  auto filed = service.file(good_draft(), {});
  ASSERT_TRUE(filed.ok());
  const ActionRequest forward = forward_request();
  auto acted = service.act(filed->number, forward);
  ASSERT_TRUE(acted.ok()) << acted.error().message;
  EXPECT_EQ(acted->status, Status::forwarded);
  EXPECT_EQ(repository.tickets()[0].status, Status::forwarded);
  EXPECT_EQ(repository.all_events().size(), 2u);
}

TEST_F(Filing, ActOnAnUnknownOrMalformedNumberIsAClearError) {
  ActionRequest forward;
  forward.department = "retail";
  auto unknown = service.act(format_ticket_number({"WH01", "K1", "20261119", 4}), forward);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  auto malformed = service.act("not-a-number", forward);
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(malformed.error().key.empty());
}

TEST_F(Filing, ActRefusesAnActionTheStateDoesNotAllowAndChangesNothing) {
  auto filed = service.file(good_draft(), {});
  ASSERT_TRUE(filed.ok());
  ActionRequest archive;
  archive.action = Action::archive;
  archive.role = Role::supervisor;
  archive.actor = "李主管";
  archive.at = kNow + 10min;
  auto refused = service.act(filed->number, archive);
  ASSERT_FALSE(refused.ok());
  EXPECT_FALSE(refused.error().key.empty());
  EXPECT_EQ(repository.tickets()[0].status, Status::filed);
  EXPECT_EQ(repository.all_events().size(), 1u);
}

class ActFault : public Filing, public ::testing::WithParamInterface<RepositoryOperation> {};

TEST_P(ActFault, AFailingLoadOrSaveLeavesTheTicketAsItWas) {
  auto filed = service.file(good_draft(), {});
  ASSERT_TRUE(filed.ok());
  const ActionRequest forward = forward_request();
  repository.fail(GetParam(), 0, FailureMode::once, kDiskFull);
  auto failed = service.act(filed->number, forward);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(repository.tickets()[0].status, Status::filed);
  EXPECT_EQ(repository.tickets()[0].revision, filed->revision);
  EXPECT_EQ(repository.all_events().size(), 1u);
  auto retried = service.act(filed->number, forward);
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_EQ(retried->status, Status::forwarded);
}

INSTANTIATE_TEST_SUITE_P(EveryStoreCall, ActFault,
                         ::testing::Values(RepositoryOperation::find, RepositoryOperation::apply),
                         operation_name);

}  // namespace
}  // namespace complaint
