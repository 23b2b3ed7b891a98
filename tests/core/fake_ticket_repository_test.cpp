// FakeTicketRepository: its scripted failures (after n calls, once or from then on, per
// operation, with the chosen Error) and the store semantics other tests rely on.
#include <gtest/gtest.h>

#include "core/domain/ticket_number.h"
#include "core/store/fake_ticket_repository.h"
#include "tests/core/kiosk_request.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const Instant kFiled = Instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}} + 8h;

NewTicketRequest request(const std::string& token, const std::string& local_date = "20261120") {
  return kiosk_request(token, kFiled, local_date);
}

std::int64_t sequence_of(const Result<Ticket>& ticket) {
  if (!ticket.ok()) return -1;
  return parse_ticket_number(ticket->number)->sequence;
}

const Error kDiskFull = Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13);

TEST(FakeTicketRepository, FailsOnceAfterNCallsThenRecovers) {
  FakeTicketRepository repository;
  repository.fail(RepositoryOperation::insert_new, 2, FailureMode::once, kDiskFull);
  EXPECT_EQ(sequence_of(repository.insert_new(request("a"))), 1);
  EXPECT_EQ(sequence_of(repository.insert_new(request("b"))), 2);
  auto failed = repository.insert_new(request("c"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
  EXPECT_EQ(failed.error().call, "sqlite3_step");
  EXPECT_EQ(failed.error().status, 13);
  // The failed call changed nothing: the next one gets the next number, no gap.
  EXPECT_EQ(sequence_of(repository.insert_new(request("c"))), 3);
  EXPECT_EQ(repository.calls(RepositoryOperation::insert_new), 4);
  EXPECT_EQ(repository.tickets().size(), 3u);
  EXPECT_EQ(repository.all_events().size(), 3u);
  EXPECT_EQ(repository.all_outbox().size(), 6u);
}

// The fake numbers with the stores' own checks (check_new_ticket): a local date that is not
// YYYYMMDD is refused under local_date and moves no counter, as on SQLite and PostgreSQL.
TEST(FakeTicketRepository, RefusesALocalDateThatIsNotYYYYMMDDLikeTheStores) {
  FakeTicketRepository repository;
  for (const char* date : {"2026-11-20", "2026112", "2026112a", ""}) {
    const auto refused = repository.insert_new(request("a", date));
    ASSERT_FALSE(refused.ok()) << date;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(refused.error().field, "local_date");
    EXPECT_EQ(refused.error().key, "error.date.invalid");
  }
  EXPECT_TRUE(repository.tickets().empty());
  EXPECT_EQ(sequence_of(repository.insert_new(request("a"))), 1);
}

// Each station code under its own field, in the words of check_new_ticket.
TEST(FakeTicketRepository, RefusesABadKioskIdUnderKioskId) {
  FakeTicketRepository repository;
  NewTicketRequest bad = request("a");
  bad.ticket.kiosk_id = "k1";
  const auto refused = repository.insert_new(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "kiosk_id");
  EXPECT_EQ(refused.error().message, check_new_ticket(bad).error().message);
}

TEST(FakeTicketRepository, FailsFromThenOnUntilCleared) {
  FakeTicketRepository repository;
  ASSERT_TRUE(repository.insert_new(request("a")).ok());
  repository.fail(RepositoryOperation::find, 1, FailureMode::from_then_on, kDiskFull);
  const std::string number = repository.tickets()[0].number;
  EXPECT_TRUE(repository.find(number).ok());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(repository.find(number).ok());
  // Other operations are unaffected by a script for find.
  EXPECT_TRUE(repository.count_tickets().ok());
  repository.clear_failures();
  EXPECT_TRUE(repository.find(number).ok());
  EXPECT_EQ(repository.calls(RepositoryOperation::find), 5);
}

TEST(FakeTicketRepository, FailAllTakesEveryOperationDown) {
  FakeTicketRepository repository;
  repository.fail_all(0, FailureMode::from_then_on,
                      Error::make(ErrorCode::unavailable, "store gone", "sqlite3_open_v2", 14));
  EXPECT_EQ(repository.insert_new(request("a")).error().code, ErrorCode::unavailable);
  EXPECT_FALSE(repository.find("x").ok());
  EXPECT_FALSE(repository.list({}).ok());
  EXPECT_FALSE(repository.events("x").ok());
  EXPECT_FALSE(repository.apply(Ticket{}, TicketEvent{}).ok());
  EXPECT_FALSE(repository.latest_by_phone_category("1", "c", kFiled).ok());
  EXPECT_FALSE(repository.outbox(0).ok());
  EXPECT_FALSE(repository.count_tickets().ok());
  EXPECT_FALSE(repository.count_unsent().ok());
  EXPECT_TRUE(repository.tickets().empty());
}

TEST(FakeTicketRepository, CountUnsentCountsItsOutboxRowsAndCanFail) {
  FakeTicketRepository repository;
  EXPECT_EQ(repository.count_unsent().value(), 0);
  ASSERT_TRUE(repository.insert_new(request("a")).ok());
  ASSERT_TRUE(repository.insert_new(request("b")).ok());
  EXPECT_EQ(repository.count_unsent().value(), 4);  // a ticket row and an event row per filing
  EXPECT_EQ(repository.count_unsent().value(), static_cast<std::int64_t>(repository.all_outbox().size()));
  repository.fail(RepositoryOperation::count_unsent, 0, FailureMode::once, kDiskFull);
  EXPECT_EQ(repository.count_unsent().error().code, ErrorCode::storage);
  EXPECT_EQ(repository.count_unsent().value(), 4);
}

TEST(FakeTicketRepository, MirrorsStoreNumberingConflictsAndRevisions) {
  FakeTicketRepository repository;
  auto first = repository.insert_new(request("a"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->revision, 1);
  EXPECT_EQ(first->number.substr(0, 21), "WH01-K1-20261120-0001");
  EXPECT_EQ(repository.insert_new(request("a")).error().code, ErrorCode::conflict);
  EXPECT_EQ(sequence_of(repository.insert_new(request("b"))), 2);
  EXPECT_EQ(sequence_of(repository.insert_new(request("c", "20261121"))), 1);

  Ticket updated = *first;
  updated.status = Status::forwarded;
  TicketEvent event;
  event.action = "forward";
  auto applied = repository.apply(updated, event);
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->revision, 2);
  EXPECT_EQ(repository.apply(updated, event).error().code, ErrorCode::conflict);  // revision 1 is stale
  EXPECT_EQ(repository.events(first->number)->size(), 2u);
  EXPECT_EQ(repository.events(first->number)->back().ticket_number, first->number);

  TicketQuery query;
  query.status = Status::forwarded;
  EXPECT_EQ(repository.list(query)->size(), 1u);
  query = {};
  query.overdue_at = kFiled + 1h;
  EXPECT_TRUE(repository.list(query)->empty());  // no deadlines set
}

}  // namespace
}  // namespace complaint
