// current_sync_status(): the queue is counted in the repository at the time of asking,
// with sync off (no worker) too, and a store that cannot count says so (-1), not 0.
#include <gtest/gtest.h>

#include "core/store/fake_ticket_repository.h"
#include "core/sync/sync_status.h"
#include "tests/core/kiosk_request.h"

namespace complaint {
namespace {

NewTicketRequest request(const std::string& token) {
  return kiosk_request(token, Instant{});
}

TEST(SyncStatus, WithSyncOffTheQueueIsStillCountedNow) {
  FakeTicketRepository repository;
  SyncStatus status = current_sync_status(repository, nullptr);
  EXPECT_FALSE(status.running);
  EXPECT_EQ(status.queued, 0);
  EXPECT_EQ(status.rounds, 0);
  EXPECT_FALSE(status.last_success.has_value());
  EXPECT_FALSE(status.last_error.has_value());
  ASSERT_TRUE(repository.insert_new(request("a")).ok());
  status = current_sync_status(repository, nullptr);
  EXPECT_EQ(status.queued, 2);  // the ticket row and its first event
  EXPECT_EQ(repository.calls(RepositoryOperation::count_unsent), 2);
  EXPECT_EQ(repository.calls(RepositoryOperation::outbox), 0) << "a COUNT, not a listing";
}

TEST(SyncStatus, AStoreThatCannotCountGivesMinusOne) {
  FakeTicketRepository repository;
  ASSERT_TRUE(repository.insert_new(request("a")).ok());
  repository.fail(RepositoryOperation::count_unsent, 0, FailureMode::once,
                  Error::make(ErrorCode::storage, "disk gone", "sqlite3_step", 10));
  EXPECT_EQ(current_sync_status(repository, nullptr).queued, -1);
  EXPECT_EQ(current_sync_status(repository, nullptr).queued, 2);
}

}  // namespace
}  // namespace complaint
