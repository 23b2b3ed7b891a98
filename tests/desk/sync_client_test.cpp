// SyncClient against an in-process DeskSyncService over FakeTransport: every ticket
// arrives exactly once, outbox rows are marked sent only when acknowledged, status
// changes flow back once; each scenario has fault siblings (network cut, lost answers,
// desk storage down, kiosk store failing) and the request-forgery checks; a busy desk's
// Retry-After is honoured by the worker.
#include "sync_test_support.h"

#include <deque>
#include <thread>

#include "core/sync/sync_worker.h"
#include "desk/sync_admission.h"

namespace complaint::testing {
namespace {

const Instant kNow = Instant{std::chrono::seconds{1795400000}};
// Short waits, so the worker tests take milliseconds: 10 ms first retry, 50 ms cap, 20 ms between good
// rounds.
const BackoffPolicy kQuickBackoff{{std::chrono::milliseconds(10), std::chrono::milliseconds(50)},
                                  std::chrono::milliseconds(20)};

// Waits for the worker's outcome, not for a duration: at most 30 s of polling on a loaded machine.
template <class Done>
void wait_for(const SyncWorker& worker, Done done) {
  for (int i = 0; i < 3000 && !done(worker.status()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

class SyncClientTest : public ::testing::Test {
 protected:
  SyncClientTest()
      : kiosk(dir.file("kiosk.db"), clock),
        desk(dir.file("desk.db"), clock),
        transport([this](const HttpRequest& request) {
          if (canned.empty()) return desk.handle(request);
          HttpResponse answer = canned.front();
          canned.pop_front();
          return answer;
        }) {
    must(desk.store->add_kiosk(registered_kiosk("K1", desk.signer, kNow)));
  }

  void file(int count) {
    for (int i = 0; i < count; ++i) kiosk.file_one("排队时间过长 #" + std::to_string(i));
  }
  SyncRound drain(int batch_size = 7) {
    SyncClient client = make_client(kiosk, transport, desk.signer, clock, batch_size);
    return client.drain();
  }
  static ActionRequest forward_request(Role role, const std::string& actor) {
    ActionRequest forward;
    forward.action = Action::forward;
    forward.role = role;
    forward.actor = actor;
    forward.at = kNow;
    forward.department = "工程部";
    return forward;
  }
  void forward_at_desk(const std::string& number) {
    must(desk.staff->act(number, forward_request(Role::dispatcher, "调度员")));
  }
  // Exactly once: as many desk tickets and events as the kiosk filed, no more.
  void expect_desk_holds_exactly(int tickets) {
    EXPECT_EQ(desk.rows("tickets"), tickets);
    EXPECT_EQ(desk.rows("events"), tickets);
    EXPECT_EQ(desk.rows("synced_items"), 2 * tickets);
  }

  TempDir dir;
  FixedClock clock{kNow};
  KioskSide kiosk;
  DeskSide desk;
  // Answers given instead of the desk's, first to last (set before a worker starts).
  std::deque<HttpResponse> canned;
  FakeTransport transport;
};

// The desk's own busy answer (desk/sync_admission.h), as the kiosk's transport hands it over.
HttpResponse busy_answer(int retry_after_seconds) {
  const desk::DeskResponse busy = desk::busy_response(retry_after_seconds);
  return HttpResponse{busy.status, busy.body, std::chrono::seconds(retry_after_seconds)};
}

TEST_F(SyncClientTest, DrainsTheOutboxAndEveryTicketArrivesOnce) {
  file(30);
  const SyncRound round = drain();
  EXPECT_TRUE(round.ok()) << (round.error ? round.error->message : "");
  EXPECT_EQ(round.sent, 60);
  EXPECT_EQ(round.acknowledged, 60);
  EXPECT_EQ(round.remaining, 0);
  expect_desk_holds_exactly(30);
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 0);
  EXPECT_TRUE(drain().ok());  // nothing left: one request that only asks for updates
  expect_desk_holds_exactly(30);
}

// A row the desk refuses is final on the kiosk: kept with its reason and out of the queue, and
// the rows behind it, in the same request and in later ones, reach the desk. The refused rows
// are a ticket forwarded on the kiosk's own database (as `complaintctl transition` does).
TEST_F(SyncClientTest, ARefusedRowIsKeptWithItsReasonAndTheRestOfTheOutboxDrains) {
  file(2);
  const std::vector<Ticket> first_two = must(kiosk.store->list(TicketQuery{}));
  const std::string forwarded = first_two.at(0).number;
  must(kiosk.filing->act(forwarded, forward_request(Role::supervisor, "admin")));
  file(2);
  const SyncRound round = drain(3);  // batches of three rows: refused rows sit between good ones
  EXPECT_TRUE(round.ok()) << (round.error ? round.error->message : "");
  EXPECT_EQ(round.refused, 3);  // the forwarded ticket, its "file" event and the forward
  EXPECT_EQ(round.acknowledged, 6);
  EXPECT_EQ(round.remaining, 0);
  EXPECT_EQ(round.refusals.count, 3);
  ASSERT_TRUE(round.refusals.latest.has_value());
  EXPECT_EQ(round.refusals.latest->ticket_number, forwarded);
  EXPECT_EQ(round.refusals.latest->reason.key, "desk.refused.not_kiosk_state");
  EXPECT_EQ(round.refusals.latest->reason.code, ErrorCode::forbidden);
  expect_desk_holds_exactly(3);
  EXPECT_FALSE(must(desk.tickets->find(forwarded)).has_value());

  const SyncRound again = drain(3);
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.sent, 0);
  EXPECT_EQ(again.refused, 0);
  EXPECT_EQ(again.refusals.count, 3);  // kept, and what the staff screen shows after each round
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 3);
  SyncWorker worker(client, kQuickBackoff, [] { return 0.5; });
  worker.start();
  wait_for(worker, [](const SyncStatus& status) { return status.rounds >= 1; });
  worker.stop();
  EXPECT_EQ(worker.status().refusals.count, 3);
  EXPECT_EQ(worker.status().queued, 0);
}

// Tickets numbered by this kiosk but a [sync] kiosk_id of another: a configuration error that
// stops the round before sending, so the rows wait instead of being refused for good.
TEST_F(SyncClientTest, SyncingUnderAnotherKioskIdSendsNothing) {
  file(1);
  must(desk.store->add_kiosk(registered_kiosk("K2", FakeSigner(), kNow)));
  SyncSettings settings;
  settings.kiosk_id = "K2";
  settings.key_hex = kTestKey;
  SyncClient client(*kiosk.sync, transport, desk.signer, clock, settings);
  const SyncRound round = client.drain();
  ASSERT_TRUE(round.error.has_value());
  EXPECT_EQ(round.error->code, ErrorCode::config);
  EXPECT_EQ(round.error->key, "desk.error.wrong_kiosk");
  EXPECT_EQ(round.remaining, 2);
  EXPECT_EQ(round.refusals.count, 0);
  EXPECT_EQ(desk.rows("synced_items"), 0);
}

TEST_F(SyncClientTest, FaultNetworkCutLeavesTheRestForLaterWithoutGapsOrDuplicates) {
  file(30);
  transport.fail(TransportFault::refuse, 3, FailureMode::from_then_on);
  const SyncRound cut = drain();
  ASSERT_TRUE(cut.error.has_value());
  EXPECT_EQ(cut.error->code, ErrorCode::io);
  EXPECT_EQ(cut.acknowledged, 21);
  EXPECT_EQ(cut.remaining, 60 - 21);
  EXPECT_EQ(desk.rows("synced_items"), 21);
  transport.clear_failures();
  EXPECT_TRUE(drain().ok());
  expect_desk_holds_exactly(30);
}

TEST_F(SyncClientTest, FaultLostAnswersCauseNoDuplicates) {
  file(20);
  for (int round = 0; round < 4; ++round) {
    transport.fail(TransportFault::lose_response, 1, FailureMode::once);
    const SyncRound lossy = drain();
    EXPECT_TRUE(lossy.error.has_value());
  }
  transport.clear_failures();
  EXPECT_TRUE(drain().ok());
  expect_desk_holds_exactly(20);
}

TEST_F(SyncClientTest, FaultDeskStorageDownChangesNothingOnEitherSide) {
  file(5);
  desk.faulty->script().fail(DeskOperation::store_synced, 0, FailureMode::from_then_on,
                             Error::make(ErrorCode::storage, "disk I/O error", "sqlite3_step", 10));
  const SyncRound down = drain();
  ASSERT_TRUE(down.error.has_value());
  EXPECT_EQ(down.error->status, 503);
  EXPECT_EQ(down.remaining, 10);
  EXPECT_EQ(desk.rows("tickets"), 0);
  desk.faulty->script().clear();
  EXPECT_TRUE(drain().ok());
  expect_desk_holds_exactly(5);
}

TEST_F(SyncClientTest, FaultKioskCannotMarkRowsSentSoTheyAreResentAndAcknowledgedAsHeld) {
  file(5);
  FaultyKioskSyncStore faulty(*kiosk.sync);
  faulty.script().fail(KioskSyncOperation::mark_sent, 0, FailureMode::once,
                       Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  SyncSettings settings{"K1", kTestKey, 50, 512 * 1024, 0};
  SyncClient client(faulty, transport, desk.signer, clock, settings);
  EXPECT_TRUE(client.drain().error.has_value());
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 10);
  const SyncRound again = client.drain();
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(again.acknowledged, 10);
  expect_desk_holds_exactly(5);
}

// "Call staff": a press is kept at the kiosk and rides on the next request; it is marked
// delivered only when the desk acknowledged it, and a lost answer never makes a second one.
TEST_F(SyncClientTest, HelpRequestsReachTheDeskOnceAndAreMarkedDelivered) {
  const HelpRequest asked = must(kiosk.sync->record("details", "zh-CN", kNow));
  EXPECT_FALSE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 1);  // what waits for the desk, so the watcher wakes
  transport.fail(TransportFault::lose_response, 0, FailureMode::once);
  EXPECT_TRUE(drain().error.has_value());
  EXPECT_FALSE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_EQ(desk.rows("help_requests"), 1);  // stored, but the kiosk never heard
  const SyncRound round = drain();
  EXPECT_TRUE(round.ok()) << (round.error ? round.error->message : "");
  EXPECT_EQ(round.help_delivered, 1);
  EXPECT_TRUE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 0);
  EXPECT_EQ(desk.rows("help_requests"), 1);
  const auto open = must(desk.store->open_help_requests(10));
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].kiosk_id, "K1");
  EXPECT_EQ(open[0].request, asked);
  EXPECT_TRUE(drain().ok());  // nothing new is sent
  EXPECT_EQ(desk.rows("help_requests"), 1);
}

TEST_F(SyncClientTest, FaultADeskFromBeforeHelpRequestsLeavesThemQueued) {
  const HelpRequest asked = must(kiosk.sync->record("welcome", "en", kNow));
  SyncAnswer old_desk;  // answers without help_acknowledged
  canned.push_back(HttpResponse{200, answer_to_json(old_desk), std::nullopt});
  const SyncRound round = drain();
  EXPECT_FALSE(round.error.has_value());
  EXPECT_EQ(round.remaining, 1);  // still waiting for a desk that takes it
  EXPECT_FALSE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 1);
  EXPECT_TRUE(drain().ok());  // the real desk takes it
  EXPECT_TRUE(must(kiosk.sync->delivered(asked.id)));
}

TEST_F(SyncClientTest, FaultTheKioskCannotMarkHelpDeliveredSoItIsSentAgainAndHeldOnce) {
  const HelpRequest asked = must(kiosk.sync->record("review", "zh-CN", kNow));
  FaultyKioskSyncStore faulty(*kiosk.sync);
  faulty.script().fail(KioskSyncOperation::mark_help_sent, 0, FailureMode::once,
                       Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  SyncSettings settings{"K1", kTestKey, 50, 512 * 1024, 0};
  SyncClient client(faulty, transport, desk.signer, clock, settings);
  EXPECT_TRUE(client.drain().error.has_value());
  EXPECT_FALSE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_TRUE(client.drain().ok());
  EXPECT_TRUE(must(kiosk.sync->delivered(asked.id)));
  EXPECT_EQ(desk.rows("help_requests"), 1);
}

TEST_F(SyncClientTest, StatusChangesFlowBackToTheKioskOnce) {
  const Ticket ticket = kiosk.file_one("a");
  ASSERT_TRUE(drain().ok());
  forward_at_desk(ticket.number);
  const SyncRound round = drain();
  EXPECT_TRUE(round.ok());
  EXPECT_EQ(round.updates, 1);
  const Ticket local = must(kiosk.store->find(ticket.number)).value();
  EXPECT_EQ(local.status, Status::forwarded);
  EXPECT_EQ(local.department, "工程部");
  EXPECT_EQ(must(kiosk.store->events(ticket.number)).size(), 2u);
  EXPECT_EQ(drain().updates, 0);
  EXPECT_EQ(must(kiosk.store->events(ticket.number)).size(), 2u);
  // The desk's event is not sent back to the desk as a new kiosk event.
  EXPECT_EQ(must(kiosk.sync->count_unsent()), 0);
  EXPECT_EQ(desk.rows("events"), 2);
}

TEST_F(SyncClientTest, FaultAnUpdateWhoseAnswerIsLostIsStoredOnceLater) {
  const Ticket ticket = kiosk.file_one("a");
  ASSERT_TRUE(drain().ok());
  forward_at_desk(ticket.number);
  transport.fail(TransportFault::lose_response, 0, FailureMode::once);
  EXPECT_TRUE(drain().error.has_value());
  EXPECT_EQ(must(kiosk.store->find(ticket.number))->status, Status::filed);
  EXPECT_EQ(drain().updates, 1);
  EXPECT_EQ(must(kiosk.store->events(ticket.number)).size(), 2u);
}

TEST_F(SyncClientTest, FaultKioskStoreFailsToApplyUpdatesSoTheCursorStays) {
  const Ticket ticket = kiosk.file_one("a");
  ASSERT_TRUE(drain().ok());
  forward_at_desk(ticket.number);
  const std::int64_t cursor_before = must(kiosk.sync->cursor());
  FaultyKioskSyncStore faulty(*kiosk.sync);
  faulty.script().fail(KioskSyncOperation::apply_remote, 0, FailureMode::once,
                       Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  SyncClient client(faulty, transport, desk.signer, clock, SyncSettings{"K1", kTestKey, 50, 512 * 1024, 0});
  EXPECT_TRUE(client.drain().error.has_value());
  EXPECT_EQ(must(kiosk.sync->cursor()), cursor_before);
  EXPECT_EQ(client.drain().updates, 1);
  EXPECT_EQ(must(kiosk.store->find(ticket.number))->status, Status::forwarded);
}

TEST_F(SyncClientTest, RowsAreSplitToStayUnderTheByteCap) {
  file(10);
  SyncClient client(*kiosk.sync, transport, desk.signer, clock, SyncSettings{"K1", kTestKey, 100, 4000, 0});
  const SyncRound round = client.drain();
  EXPECT_TRUE(round.ok()) << (round.error ? round.error->message : "");
  EXPECT_GT(round.requests, 2);
  expect_desk_holds_exactly(10);
}

// ------------------------------------------------------------ forged requests
class ForgedRequestTest : public SyncClientTest {
 protected:
  HttpRequest signed_batch(const std::string& kiosk_id, const std::string& key, Instant at,
                           SignatureScheme scheme = SignatureScheme::ed25519) {
    return testing::signed_batch(kiosk, desk.signer, kiosk_id, key, at, scheme);
  }
  // The desk's answer, checking that it changed no ticket, event or item.
  HttpResponse refused(const HttpRequest& request) {
    const auto before = std::tuple(desk.rows("tickets"), desk.rows("events"), desk.rows("synced_items"));
    const HttpResponse response = desk.handle(request);
    EXPECT_EQ(before, std::tuple(desk.rows("tickets"), desk.rows("events"), desk.rows("synced_items")));
    return response;
  }
  void SetUp() override { file(2); }
};

TEST_F(ForgedRequestTest, AValidRequestIsAccepted) {
  EXPECT_EQ(desk.handle(signed_batch("K1", kTestKey, kNow)).status, 200);
  expect_desk_holds_exactly(2);
}

TEST_F(ForgedRequestTest, AWrongKeyIsRefused) {
  const HttpResponse response = refused(signed_batch("K1", std::string(64, 'a'), kNow));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(error_from_json(response.body, response.status).key, "desk.error.signature");
}

TEST_F(ForgedRequestTest, ATamperedBodyIsRefused) {
  HttpRequest tampered = signed_batch("K1", kTestKey, kNow);
  tampered.body.replace(tampered.body.find("排队"), 6, "投诉");
  EXPECT_EQ(refused(tampered).status, 401);
}

TEST_F(ForgedRequestTest, AnUnknownKioskIsRefusedLikeABadSignature) {
  EXPECT_EQ(refused(signed_batch("K9", kTestKey, kNow)).status, 401);
}

TEST_F(ForgedRequestTest, StaleAndFutureTimestampsAreRefused) {
  EXPECT_EQ(refused(signed_batch("K1", kTestKey, kNow - std::chrono::seconds(301))).status, 401);
  EXPECT_EQ(refused(signed_batch("K1", kTestKey, kNow + std::chrono::seconds(301))).status, 401);
}

TEST_F(ForgedRequestTest, AReplayedRequestIsRefused) {
  const HttpRequest request = signed_batch("K1", kTestKey, kNow);
  EXPECT_EQ(desk.handle(request).status, 200);
  const HttpResponse replay = refused(request);
  EXPECT_EQ(replay.status, 409);
  EXPECT_EQ(error_from_json(replay.body, replay.status).key, "desk.error.replay");
}

TEST_F(ForgedRequestTest, AKioskCannotSendAnotherKiosksTickets) {
  must(desk.store->add_kiosk(registered_kiosk("K2", desk.signer, kNow)));
  EXPECT_EQ(refused(signed_batch("K2", kTestKey, kNow)).status, 403);
}

TEST_F(ForgedRequestTest, OversizedAndMalformedBodiesAreRefused) {
  HttpRequest big;
  big.path = kSyncPath;
  big.body = std::string(1024 * 1024 + 1, ' ');
  ASSERT_TRUE(sign_request(big, desk.signer, "K1", kTestKey, kNow).ok());
  EXPECT_EQ(refused(big).status, 413);
  for (const std::string body :
       {"", "{", "[]", R"({"version":1,"kiosk_id":"K1","cursor":0,"tickets":[],"items":[{}]})"}) {
    HttpRequest bad;
    bad.path = kSyncPath;
    bad.body = body;
    ASSERT_TRUE(sign_request(bad, desk.signer, "K1", kTestKey, kNow).ok());
    const HttpResponse response = refused(bad);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_EQ(error_from_json(response.body, response.status).key, "desk.error.schema") << body;
  }
}

// The desk holds a public key: what it knows cannot sign, as an HMAC key or as a secret key.
TEST_F(ForgedRequestTest, ThePublicKeyTheDeskHoldsCannotSign) {
  const KioskKeys held = must(desk.store->find_kiosk("K1"))->keys;
  ASSERT_TRUE(held.shared_key_hex.empty());
  ASSERT_EQ(held.public_key_hex.size(), 64u);
  for (const SignatureScheme scheme : {SignatureScheme::ed25519, SignatureScheme::hmac_sha256}) {
    const HttpResponse response = refused(signed_batch("K1", held.public_key_hex, kNow, scheme));
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(error_from_json(response.body, response.status).key, "desk.error.signature");
  }
  // Nor does the kiosk's own key as an HMAC key: a kiosk with a public key signs Ed25519 only.
  EXPECT_EQ(refused(signed_batch("K1", kTestKey, kNow, SignatureScheme::hmac_sha256)).status, 401);
}

// ------------------------------------------------------------ kiosks registered before Ed25519
// A kiosk whose desk row holds a shared HMAC key: it keeps working until it is re-keyed, and
// once it signs with Ed25519 (its software updated, its key unchanged) the desk forgets the key.
class SharedKeyKioskTest : public ForgedRequestTest {
 protected:
  SharedKeyKioskTest() { must(desk.store->add_kiosk(shared_key_kiosk("K3", kNow))); }
  HttpRequest as_k3(Instant at, SignatureScheme scheme, const std::string& key = kTestKey) {
    // K3 signs; the batch names K1's tickets as KioskSide files them, so a K3 request that
    // verifies is refused after the signature (403), one that does not at it (401).
    return signed_batch("K3", key, at, scheme);
  }
  KioskKeys k3_keys() { return must(desk.store->find_kiosk("K3"))->keys; }
};

TEST_F(SharedKeyKioskTest, ItStillSignsWithItsSharedKey) {
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::hmac_sha256)).status, 403) << "the signature verified";
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::hmac_sha256, std::string(64, 'a'))).status, 401);
  EXPECT_EQ(k3_keys(), (KioskKeys{{}, kTestKey}));
}

TEST_F(SharedKeyKioskTest, ItsFirstEd25519RequestMakesTheDeskForgetTheSharedKey) {
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519)).status, 403) << "the signature verified";
  EXPECT_EQ(k3_keys(), (KioskKeys{must(kiosk_public_key_hex(desk.signer, kTestKey)), {}}));
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::hmac_sha256)).status, 401) << "the shared key is gone";
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519)).status, 403) << "Ed25519 still verifies";
}

TEST_F(SharedKeyKioskTest, FaultTheStoreCannotForgetTheKeySoTheNextRequestTries) {
  desk.faulty->script().fail(DeskOperation::registry, 1, FailureMode::once,
                             Error::make(ErrorCode::storage, "disk I/O error", "sqlite3_step", 10));
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519)).status, 403) << "the request itself stands";
  EXPECT_EQ(k3_keys(), (KioskKeys{{}, kTestKey}));
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519)).status, 403);
  EXPECT_EQ(k3_keys().shared_key_hex, "");
}

TEST_F(SharedKeyKioskTest, AfterARekeyOnlyTheNewKeySigns) {
  const std::string fresh(64, 'c');
  ASSERT_TRUE(must(desk.store->replace_kiosk_key("K3", must(kiosk_public_key_hex(desk.signer, fresh)))));
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::hmac_sha256)).status, 401);
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519)).status, 401);
  EXPECT_EQ(refused(as_k3(kNow, SignatureScheme::ed25519, fresh)).status, 403);
}

// ------------------------------------------------------------ backoff and worker
TEST(Backoff, DoublesFromTheBaseUpToTheCapWithJitterInTheUpperHalf) {
  const Backoff policy{std::chrono::milliseconds(1000), std::chrono::milliseconds(60000)};
  EXPECT_EQ(backoff_delay(1, policy, 0.0).count(), 500);
  EXPECT_EQ(backoff_delay(1, policy, 1.0).count(), 1000);
  EXPECT_EQ(backoff_delay(3, policy, 1.0).count(), 4000);
  EXPECT_EQ(backoff_delay(7, policy, 1.0).count(), 60000);  // 64 s capped
  EXPECT_EQ(backoff_delay(1000, policy, 0.0).count(), 30000);
  for (int failures = 1; failures < 40; ++failures) {
    EXPECT_LE(backoff_delay(failures, policy, 0.999), policy.cap);
    EXPECT_LE(backoff_delay(failures, policy, 0.0), backoff_delay(failures + 1, policy, 0.0));
  }
}

TEST_F(SyncClientTest, TheWorkerDrainsInTheBackgroundAndStops) {
  file(12);
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 5);
  SyncWorker worker(client, kQuickBackoff, [] { return 0.5; });
  worker.start();
  wait_for(worker, [](const SyncStatus& status) { return status.queued == 0; });
  worker.stop();
  EXPECT_EQ(worker.status().queued, 0);
  expect_desk_holds_exactly(12);
}

TEST_F(SyncClientTest, FaultTheWorkerBacksOffWhileTheDeskIsDownAndRecovers) {
  file(3);
  transport.fail(TransportFault::refuse, 0, FailureMode::once);
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 5);
  SyncWorker worker(client, kQuickBackoff, [] { return 0.5; });
  worker.start();
  wait_for(worker, [](const SyncStatus& status) { return status.queued == 0; });
  worker.stop();
  EXPECT_EQ(worker.status().queued, 0);
  EXPECT_GE(worker.status().rounds, 2);
  expect_desk_holds_exactly(3);
  // The staff screen's view: the recovery round succeeded and cleared the failure.
  EXPECT_FALSE(worker.status().running);
  EXPECT_EQ(worker.status().last_success, kNow);
  EXPECT_FALSE(worker.status().last_error.has_value());
}

TEST_F(SyncClientTest, FaultWhileTheDeskStaysDownTheStatusKeepsTheErrorAndNoSuccess) {
  file(2);
  transport.fail(TransportFault::refuse, 0, FailureMode::from_then_on);
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 5);
  SyncWorker worker(client, kQuickBackoff, [] { return 0.5; });
  EXPECT_FALSE(worker.status().running);
  worker.start();
  EXPECT_TRUE(worker.status().running);
  wait_for(worker, [](const SyncStatus& status) { return status.rounds >= 2; });
  const SyncStatus status = worker.status();
  worker.stop();
  EXPECT_GE(status.rounds, 2);
  EXPECT_GE(status.consecutive_failures, 2);
  EXPECT_TRUE(status.last_error.has_value());
  EXPECT_FALSE(status.last_success.has_value());
  EXPECT_EQ(status.queued, 4);  // a ticket row and an event row per filing, none acknowledged
}

// ------------------------------------------------------------ a busy desk
TEST(Backoff, ARetryAfterIsWaitedAtLeastWithUpToHalfAgainAsJitter) {
  using std::chrono::milliseconds;
  const milliseconds cap = std::chrono::minutes(15);
  EXPECT_EQ(retry_after_delay(std::chrono::seconds(2), 0.0, cap), milliseconds(2000));
  EXPECT_EQ(retry_after_delay(std::chrono::seconds(2), 0.5, cap), milliseconds(2500));
  EXPECT_EQ(retry_after_delay(std::chrono::seconds(2), 0.999, cap), milliseconds(2999));
  EXPECT_EQ(retry_after_delay(std::chrono::seconds(3600), 0.0, cap), cap)
      << "no Retry-After parks a kiosk beyond its backoff cap";
}

TEST_F(SyncClientTest, ABusyDeskStoresNothingAndTheRoundKeepsItsKeyAndRetryAfter) {
  file(2);
  canned.push_back(busy_answer(30));
  const SyncRound busy = drain();
  ASSERT_TRUE(busy.error.has_value());
  EXPECT_EQ(busy.error->key, kDeskBusyKey) << "the staff screen names the reason";
  EXPECT_EQ(busy.retry_after, std::chrono::seconds(30));
  EXPECT_EQ(busy.remaining, 4);
  expect_desk_holds_exactly(0);
  const SyncRound next = drain();
  EXPECT_TRUE(next.ok());
  EXPECT_FALSE(next.retry_after.has_value()) << "nothing left over from the busy round";
  expect_desk_holds_exactly(2);
}

TEST_F(SyncClientTest, TheWorkerWaitsABusyDesksRetryAfterInsteadOfItsBackoff) {
  file(3);
  canned.push_back(busy_answer(1));
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 5);
  BackoffPolicy policy = kQuickBackoff;  // the backoff alone would retry within 10 ms
  policy.cap = std::chrono::minutes(15);
  SyncWorker worker(client, policy, [] { return 0.0; });  // no jitter: exactly the Retry-After
  const auto start = std::chrono::steady_clock::now();
  worker.start();
  wait_for(worker, [](const SyncStatus& status) { return status.rounds >= 1; });
  const SyncStatus busy = worker.status();
  ASSERT_TRUE(busy.last_error.has_value());
  EXPECT_EQ(busy.last_error->key, kDeskBusyKey);
  EXPECT_EQ(busy.next_wait, std::chrono::milliseconds(1000));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(worker.status().rounds, 1) << "asked again before the desk's Retry-After";
  wait_for(worker, [](const SyncStatus& status) { return status.queued == 0; });
  const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - start;
  worker.stop();
  EXPECT_EQ(worker.status().queued, 0);
  EXPECT_GE(waited.count(), 1.0) << "the outbox drained before the Retry-After had passed";
  EXPECT_GE(worker.status().rounds, 2);
  expect_desk_holds_exactly(3);
}

// A desk whose database is away also says Retry-After (until its next reconnect attempt): the
// backoff applies, but never shorter than that.
TEST_F(SyncClientTest, FaultAnotherRetryAfterIsTheLeastTheBackoffWaits) {
  file(1);
  Error away = Error::make(ErrorCode::unavailable, "the database is away");
  canned.push_back(HttpResponse{503, error_to_json(away), std::chrono::seconds(1)});
  SyncClient client = make_client(kiosk, transport, desk.signer, clock, 5);
  BackoffPolicy policy = kQuickBackoff;
  policy.cap = std::chrono::minutes(15);
  SyncWorker worker(client, policy, [] { return 0.5; });
  worker.start();
  wait_for(worker, [](const SyncStatus& status) { return status.rounds >= 1; });
  const SyncStatus status = worker.status();
  worker.stop();
  EXPECT_EQ(status.consecutive_failures, 1);
  EXPECT_EQ(status.next_wait, std::chrono::milliseconds(1250))
      << "the Retry-After and its jitter, not 7.5 ms";
}

}  // namespace
}  // namespace complaint::testing
