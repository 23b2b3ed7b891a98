// The group complaint rule (core/escalation/group_complaints.h): distinct customers, the
// threshold's edge, the window's edges, kiosks and channels together, joining an existing
// group, idempotence; and its run inside store_sync_batch over FakeDeskSyncPort (the same run
// on SQLite and PostgreSQL: tests/desk/group_complaint_store_test.cpp).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/escalation/group_complaints.h"
#include "core/sync/fake_desk_sync_port.h"
#include "sync/kiosk_items.h"

namespace complaint::testing {
namespace {

const Instant kNow = kSyncNow;
const GroupPolicy kPolicy;  // more than 10 customers within 7 days, "other" excluded

// Customer `n`'s complaint (phone 1380000000n), from kiosk `kiosk`, filed `age` before now.
Ticket complaint_from(int n, const std::string& kiosk = "K1",
                      std::chrono::seconds age = std::chrono::hours(1)) {
  Ticket t = kiosk_ticket(n, kiosk);
  t.phone = "1380000" + std::to_string(1000 + n);
  t.filed_at = kNow - age;
  t.recorded_at = t.filed_at;
  t.revision = 1;
  return t;
}

std::vector<Ticket> customers(int count) {
  std::vector<Ticket> tickets;
  for (int n = 1; n <= count; ++n) tickets.push_back(complaint_from(n));
  return tickets;
}

TEST(GroupComplaints, TenCustomersAreNoGroupAndTheEleventhFormsOne) {
  std::vector<Ticket> tickets = customers(10);
  EXPECT_EQ(kPolicy.threshold, 10);
  GroupDecision ten = decide_group_links(tickets, kPolicy);
  EXPECT_EQ(ten.customers, 10);
  EXPECT_TRUE(ten.group_id.empty());
  EXPECT_TRUE(ten.links.empty());

  tickets.push_back(complaint_from(11));
  GroupDecision eleven = decide_group_links(tickets, kPolicy);
  EXPECT_EQ(eleven.customers, 11);
  EXPECT_TRUE(eleven.formed);
  ASSERT_EQ(eleven.links.size(), 11u);
  for (const GroupLink& link : eleven.links) EXPECT_EQ(link.group_id, eleven.group_id);
}

TEST(GroupComplaints, TheGroupIsNamedByItsEarliestFiledTicket) {
  std::vector<Ticket> tickets = customers(11);
  tickets[6].filed_at = kNow - std::chrono::hours(30);
  EXPECT_EQ(decide_group_links(tickets, kPolicy).group_id, tickets[6].number);
}

TEST(GroupComplaints, OneCustomerTwiceCountsOnce) {
  std::vector<Ticket> tickets = customers(10);
  Ticket again = complaint_from(11);
  again.phone = tickets[3].phone;  // the same customer complains a second time
  tickets.push_back(again);
  const GroupDecision decision = decide_group_links(tickets, kPolicy);
  EXPECT_EQ(decision.customers, 10);
  EXPECT_TRUE(decision.links.empty());
}

TEST(GroupComplaints, KiosksAndChannelsCountTogether) {
  std::vector<Ticket> tickets;
  const char* channels[] = {"kiosk", "phone", "letter", "walk_in"};
  for (int n = 1; n <= 11; ++n) {
    Ticket t = complaint_from(n, n % 2 == 0 ? "K1" : "K2");
    t.channel = channels[n % 4];
    if (n == 5) t.site_code = "WH02";  // another site of the same organisation
    tickets.push_back(t);
  }
  const GroupDecision decision = decide_group_links(tickets, kPolicy);
  EXPECT_TRUE(decision.formed);
  EXPECT_EQ(decision.links.size(), 11u);
}

TEST(GroupComplaints, CustomersAreToldApartByPhoneElseEmailAndTheNamelessAreLinkedNotCounted) {
  Ticket by_email = complaint_from(1);
  by_email.phone.clear();
  by_email.customer_email = "Li@Example.com";
  EXPECT_EQ(group_customer_key(by_email), "email:li@example.com");
  Ticket nameless = complaint_from(2);
  nameless.anonymous = true;
  nameless.customer_name.clear();
  nameless.phone.clear();
  EXPECT_EQ(group_customer_key(nameless), "");

  std::vector<Ticket> tickets = customers(10);
  for (int i = 0; i < 3; ++i) {
    Ticket anonymous = complaint_from(20 + i);
    anonymous.anonymous = true;
    anonymous.customer_name.clear();
    anonymous.phone.clear();
    tickets.push_back(anonymous);
  }
  EXPECT_TRUE(decide_group_links(tickets, kPolicy).links.empty()) << "anonymous tickets are not customers";
  tickets.push_back(complaint_from(11));
  const GroupDecision decision = decide_group_links(tickets, kPolicy);
  EXPECT_EQ(decision.customers, 11);
  EXPECT_EQ(decision.links.size(), 14u) << "the anonymous ones about the item are members too";
}

TEST(GroupComplaints, OnlyOpenComplaintsOfAGroupableCategoryCount) {
  std::vector<Ticket> tickets = customers(11);
  tickets[0].kind = "suggestion";
  EXPECT_TRUE(decide_group_links(tickets, kPolicy).links.empty());
  tickets[0].kind = "complaint";
  tickets[0].status = Status::archived;
  EXPECT_TRUE(decide_group_links(tickets, kPolicy).links.empty());
  tickets[0].status = Status::in_progress;
  EXPECT_EQ(decide_group_links(tickets, kPolicy).links.size(), 11u);
  for (Ticket& t : tickets) t.category = "other";
  EXPECT_TRUE(decide_group_links(tickets, kPolicy).links.empty()) << "a catch-all category is no one item";
}

TEST(GroupComplaints, ALaterTicketJoinsTheExistingGroupAndLinkedOnesAreNeverRelinked) {
  std::vector<Ticket> tickets = customers(3);
  for (Ticket& t : tickets) {
    t.group = true;
    t.group_id = "WH01-K1-20261115-0009-X";
  }
  tickets.push_back(complaint_from(12, "K2"));
  const GroupDecision decision = decide_group_links(tickets, kPolicy);
  EXPECT_FALSE(decision.formed);
  ASSERT_EQ(decision.links.size(), 1u);
  EXPECT_EQ(decision.links[0].number, tickets.back().number);
  EXPECT_EQ(decision.links[0].group_id, "WH01-K1-20261115-0009-X");
  tickets.back().group_id = decision.links[0].group_id;
  EXPECT_TRUE(decide_group_links(tickets, kPolicy).links.empty());
}

// The port selects the window (filed at or after now - 7 days): its edges, through the fake.
TEST(GroupComplaints, TheWindowHoldsTicketsFiledExactlyItsLengthAgoAndNoneEarlier) {
  const auto window = std::chrono::days(kPolicy.window_days);
  const auto run = [&](std::chrono::seconds oldest_age) {
    FakeDeskSyncPort port;
    std::vector<Ticket> tickets;
    for (int n = 1; n <= 11; ++n)
      tickets.push_back(complaint_from(n, "K1", n == 1 ? oldest_age : std::chrono::hours(1)));
    EXPECT_TRUE(port.insert_tickets(tickets).ok());
    return link_group_complaints(port, {tickets.back()}, kPolicy, kNow);
  };
  const auto at_edge = run(std::chrono::duration_cast<std::chrono::seconds>(window));
  ASSERT_TRUE(at_edge.ok());
  EXPECT_EQ(*at_edge, 11);
  const auto past_edge =
      run(std::chrono::duration_cast<std::chrono::seconds>(window) + std::chrono::seconds(1));
  ASSERT_TRUE(past_edge.ok());
  EXPECT_EQ(*past_edge, 0);
}

// The whole run in a sync batch: two kiosks, one event per member, one notice, and a
// re-sync or a second run changes nothing.
TEST(GroupComplaints, ASyncBatchThatMakesElevenCustomersLinksEveryMemberOnce) {
  FakeDeskSyncPort port;
  std::vector<Ticket> first;
  std::vector<SyncItem> first_items;
  for (int n = 1; n <= 10; ++n) {
    Ticket t = complaint_from(n, "K1");
    t.group = true;  // an old kiosk's own count is not the desk's
    first.push_back(t);
    first_items.push_back(ticket_item(n, t));
  }
  SyncBatch batch{};
  batch.kiosk_id = "K1";
  batch.tickets = first;
  batch.items = first_items;
  ASSERT_TRUE(store_sync_batch(port, batch, kNow).ok());
  EXPECT_FALSE(port.ticket(first[0].number)->group);
  EXPECT_TRUE(port.events().empty());

  Ticket eleventh = complaint_from(11, "K2");
  SyncBatch second{};
  second.kiosk_id = "K2";
  second.tickets = {eleventh};
  second.items = {ticket_item(1, eleventh), file_item(2, eleventh)};
  ASSERT_TRUE(store_sync_batch(port, second, kNow).ok());
  int group_events = 0;
  for (const TicketEvent& event : port.events()) {
    if (event.action != k_group_action) continue;
    ++group_events;
    const auto data = nlohmann::json::parse(event.data_json);
    EXPECT_EQ(data["group"], first[0].number);
    EXPECT_EQ(data["customers"], 11);
    EXPECT_EQ(event.actor, "desk");
  }
  EXPECT_EQ(group_events, 11);
  EXPECT_EQ(port.events().back().action, k_group_action) << "after the eleventh's file event";
  const Ticket linked = *port.ticket(eleventh.number);
  EXPECT_TRUE(linked.group);
  EXPECT_EQ(linked.group_id, first[0].number);
  EXPECT_EQ(port.notices().count("group:" + first[0].number), 1u);

  // The feed carries the flag and the link back to each kiosk.
  const auto feed = read_change_feed(port, "K1", 0, 500);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->updates.size(), 10u);
  EXPECT_EQ(feed->updates[0].ticket.group_id, first[0].number);

  const std::size_t events = port.events().size();
  ASSERT_TRUE(store_sync_batch(port, second, kNow).ok());
  ASSERT_TRUE(link_group_complaints(port, first, kPolicy, kNow).ok());
  EXPECT_EQ(port.events().size(), events);
  EXPECT_EQ(port.notices().size(), 1u);
}

TEST(GroupComplaints, AFailingLinkFailsTheBatch) {
  FakeDeskSyncPort port;
  std::vector<Ticket> tickets = customers(11);
  ASSERT_TRUE(port.insert_tickets(tickets).ok());
  port.script().fail(DeskSyncStep::store_group_link, 0, FailureMode::once,
                     Error::make(ErrorCode::storage, "disk full", "sqlite3_step", 13));
  const auto failed = link_group_complaints(port, {tickets.back()}, kPolicy, kNow);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::storage);
}

}  // namespace
}  // namespace complaint::testing
