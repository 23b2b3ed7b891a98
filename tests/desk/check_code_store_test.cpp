// Short check codes at the desk (core/domain/check_code.h) on SQLite and PostgreSQL: a kiosk's
// codes arrive with its tickets and a re-sync changes nothing; tickets filed at the desk get
// codes of station 0 from the desk's own counter, distinct across its intake stations; a
// second kiosk of the site claiming a station is refused with why and nothing of it is
// stored; the search finds a ticket by its code.
#include "core/domain/check_code.h"
#include "core/sync/ticket_search.h"
#include "desk_store_fixture.h"
#include "tests/core/good_draft.h"

namespace complaint::testing {
namespace {

class CheckCodeStoreTest : public DeskStoreFixture {
 protected:
  // The kiosk `id` of the site (WH01), opened on first use.
  KioskSide& kiosk(const std::string& id) {
    auto& side = m_kiosks[id];
    if (!side) side = std::make_unique<KioskSide>(dir.file(id + ".db"), clock, id);
    return *side;
  }

  // Customer `n`'s complaint (phone 1390000nnnn), by `channel`.
  static TicketDraft draft(int n, const std::string& channel = "kiosk") {
    TicketDraft d = good_draft();
    d.channel = channel;
    d.phone = "1390000" + std::to_string(1000 + n);
    return d;
  }

  static Ticket file_at(KioskSide& kiosk, int station, int n) {
    FilingContext context;
    context.check_code_station = station;
    return must(kiosk.filing->file(draft(n), context));
  }

  Ticket file_at_desk(int n, const std::string& station = {}) {
    FilingContext context{"受理员", Role::intake_clerk};
    context.station = station;
    context.check_code_station = 9;  // ignored: the desk's store codes its own tickets
    return must(staff->file(draft(n, "phone"), context));
  }

  Ticket stored(const std::string& number) { return must(tickets->find(number)).value(); }

 private:
  std::map<std::string, std::unique_ptr<KioskSide>> m_kiosks;
};

TEST_P(CheckCodeStoreTest, AKiosksCodesArriveWithItsTicketsOnce) {
  const Ticket first = file_at(kiosk("K7"), 3, 1);
  const Ticket second = file_at(kiosk("K7"), 3, 2);
  ASSERT_EQ(first.check_code.size(), 6u);
  EXPECT_NE(first.check_code, second.check_code);
  const SyncBatch batch = kiosk("K7").pending_batch();
  const StoredBatch once = must(desk->store_synced(batch, clock.now()));
  EXPECT_TRUE(once.refused.empty()) << once.refused.front().reason.message;
  EXPECT_EQ(once.tickets_added, 2);
  EXPECT_EQ(stored(first.number).check_code, first.check_code);
  EXPECT_EQ(stored(second.number).check_code, second.check_code);
  // The same batch again (a lost answer): held, nothing written twice or changed.
  const StoredBatch again = must(desk->store_synced(batch, clock.now()));
  EXPECT_EQ(again.tickets_added, 0);
  EXPECT_EQ(again.duplicates, static_cast<int>(batch.items.size()));
  EXPECT_EQ(stored(first.number).check_code, first.check_code);
  EXPECT_EQ(rows("tickets"), 2);
}

TEST_P(CheckCodeStoreTest, TicketsFiledAtTheDeskGetStationZeroCodesFromOneCounter) {
  const Ticket a = file_at_desk(1);
  const Ticket b = file_at_desk(2, "D2");  // another intake station, the same day
  for (const Ticket& t : {a, b}) {
    ASSERT_EQ(t.check_code.size(), 6u) << t.number;
    const auto parts = decode_check_code(t.site_code, t.check_code);
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(parts->station, 0) << "the desk's, whatever the request said";
    EXPECT_EQ(stored(t.number).check_code, t.check_code);
  }
  EXPECT_NE(a.check_code, b.check_code);
  EXPECT_EQ(decode_check_code(a.site_code, a.check_code)->sequence, 1);
  EXPECT_EQ(decode_check_code(b.site_code, b.check_code)->sequence, 2);
}

TEST_P(CheckCodeStoreTest, ASecondKioskClaimingAStationIsRefusedAndNothingOfItStored) {
  file_at(kiosk("K7"), 3, 1);
  must(desk->store_synced(kiosk("K7").pending_batch(), clock.now()));
  const Ticket clash = file_at(kiosk("K8"), 3, 2);
  const StoredBatch refused = must(desk->store_synced(kiosk("K8").pending_batch(), clock.now()));
  ASSERT_FALSE(refused.refused.empty());
  for (const ItemRefusal& refusal : refused.refused) {
    EXPECT_EQ(refusal.reason.key, "desk.refused.check_code_station") << refusal.reason.message;
    EXPECT_NE(refusal.reason.message.find("K7"), std::string::npos) << refusal.reason.message;
  }
  EXPECT_TRUE(refused.acknowledged.empty());
  EXPECT_FALSE(must(tickets->find(clash.number)).has_value());
  EXPECT_EQ(rows("tickets"), 1);
  // Set to a station of its own, its next tickets are taken.
  const Ticket own = file_at(kiosk("K9"), 4, 3);
  const StoredBatch taken = must(desk->store_synced(kiosk("K9").pending_batch(), clock.now()));
  EXPECT_TRUE(taken.refused.empty());
  EXPECT_EQ(stored(own.number).check_code, own.check_code);
}

TEST_P(CheckCodeStoreTest, AForgedCodeIsRefused) {
  file_at(kiosk("K7"), 3, 1);
  SyncBatch batch = kiosk("K7").pending_batch();
  ASSERT_EQ(batch.tickets.size(), 1u);
  batch.tickets[0].check_code = *make_check_code(batch.tickets[0].site_code, 0, "20261120", 1);  // the desk's
  const StoredBatch stored_batch = must(desk->store_synced(batch, clock.now()));
  ASSERT_FALSE(stored_batch.refused.empty());
  EXPECT_EQ(stored_batch.refused.front().reason.key, "desk.refused.check_code");
  EXPECT_EQ(rows("tickets"), 0);
}

TEST_P(CheckCodeStoreTest, TheSearchFindsATicketByItsCode) {
  const Ticket kiosk_ticket = file_at(kiosk("K7"), 3, 1);
  file_at(kiosk("K7"), 3, 2);
  must(desk->store_synced(kiosk("K7").pending_batch(), clock.now()));
  const Ticket desk_ticket = file_at_desk(3);
  for (const Ticket& wanted : {kiosk_ticket, desk_ticket}) {
    SearchInput typed;
    std::string lower = format_check_code(wanted.check_code);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    typed.any = lower;  // the console header's box, as printed, in lower case
    const TicketSearch search = must(parse_search(typed, calendar->zone()));
    EXPECT_EQ(search.check_code, wanted.check_code);
    const TicketSearchPage page = must(desk->search(search));
    ASSERT_EQ(page.tickets.size(), 1u) << wanted.check_code;
    EXPECT_EQ(page.tickets[0].number, wanted.number);
  }
  TicketSearch none;
  none.check_code = "000000";
  EXPECT_TRUE(must(desk->search(none)).tickets.empty());
}

// A database from before check codes (SQLite ticket schema 9 and desk schema 14; PostgreSQL
// without the column and the register) is upgraded when the desk opens it: its tickets keep
// no code, and kiosks' codes arrive and claim their stations at once.
TEST_P(CheckCodeStoreTest, ADatabaseFromBeforeCheckCodesIsUpgradedOnOpening) {
  const Ticket old = file_at_desk(1);
  const bool sqlite = GetParam() == StoreKind::sqlite;
  ASSERT_TRUE(
      raw_sql(std::string("DROP INDEX tickets_by_check_code; ALTER TABLE tickets DROP COLUMN check_code; "
                          "DROP TABLE check_code_stations;") +
              (sqlite ? " PRAGMA user_version = 9; UPDATE schema_extensions SET version = 14 WHERE name = "
                        "'desk';"
                      : older_release())));
  reopen();
  if (sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"), "15");
    EXPECT_EQ(raw_query("PRAGMA user_version"), "10");
  }
  EXPECT_EQ(stored(old.number).check_code, "");
  const Ticket coded = file_at(kiosk("K7"), 5, 2);
  EXPECT_TRUE(must(desk->store_synced(kiosk("K7").pending_batch(), clock.now())).refused.empty());
  EXPECT_EQ(stored(coded.number).check_code, coded.check_code);
  EXPECT_EQ(raw_query("SELECT kiosk_id FROM check_code_stations WHERE station = 5"), "K7");
}

INSTANTIATE_TEST_SUITE_P(BothStores, CheckCodeStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
