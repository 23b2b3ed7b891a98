// Group complaints (群体投诉, docs/DOMAIN.md §2): "more than 10 customers about one business or
// service item", decided at the desk over every kiosk, site and channel. The rule is pure
// (decide_group_links); link_group_complaints runs it over a store's GroupComplaintPort inside
// the transaction that brought the tickets in (a sync batch, a filing at the desk), so every
// store shares one rule and only its queries differ (SQLite: core/store/sqlite_groups.cpp,
// PostgreSQL: drivers/postgres/pg_groups.cpp).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/config.h"
#include "core/domain/ticket.h"
#include "core/notify/notice.h"

namespace complaint {

inline constexpr const char* k_group_action = "group";
inline constexpr const char* k_group_notice_reason = "group";

// Who complained, as far as a ticket tells: "phone:<digits>", else "email:<address>"; empty
// when it cannot be told apart from another customer (anonymous, no phone and no email).
// Tickets carry no identity-card number, so phone and email are all there is.
std::string group_customer_key(const Ticket& ticket);

// Whether `ticket` can be a member: an open complaint (kind "complaint") in a category the
// policy does not exclude. Suggestions, inquiries and reports (举报, confidential) are not.
bool groupable(const Ticket& ticket, const GroupPolicy& policy);

struct GroupLink {
  std::string number;    // the ticket linked
  std::string group_id;  // the group it joins
};

struct GroupDecision {
  std::string group_id;          // empty: no group
  int customers = 0;             // distinct customers among the candidates
  bool formed = false;           // a new group (not one that existed before)
  std::vector<GroupLink> links;  // the candidates not yet in the group, in candidate order
};

// The rule for one category. `candidates` are its groupable tickets filed within the window
// (open, filed at or after now - window_days). When one of them is in a group already, every
// other candidate joins that group (the latest filed member's, when several). Otherwise more
// than `threshold` distinct customers form a new group, named by its earliest filed ticket
// (ties: the smaller number). Tickets whose customer cannot be told apart are linked but not
// counted. Candidates already linked are never relinked, so running it again changes nothing.
GroupDecision decide_group_links(const std::vector<Ticket>& candidates, const GroupPolicy& policy);

struct GroupCount {
  std::int64_t with_contact = 0;  // tickets with a phone or an email
  std::int64_t linked = 0;        // tickets in a group
};

// A desk store's statements for link_group_complaints, inside the caller's transaction.
class GroupComplaintPort {
 public:
  virtual ~GroupComplaintPort() = default;
  // Serialises group detection of these categories among concurrent writers (PostgreSQL
  // takes an advisory lock per category; SQLite has one writer). Called once, before any
  // other call and before the caller takes any other lock it holds to the commit.
  virtual Result<void> lock_categories(const std::set<std::string>& categories) = 0;
  // Of the open complaints of `category` filed at or after `since`: how many have a phone or
  // an email (a bound of the distinct customers), and how many are in a group. Counted in the
  // engine, so a filing reads the candidates only when a group may exist or form.
  virtual Result<GroupCount> count_candidates(const std::string& category, Instant since) = 0;
  // Open complaints of `category` filed at or after `since`, every field.
  virtual Result<std::vector<Ticket>> group_candidates(const std::string& category, Instant since) = 0;
  // Overwrites the ticket's group fields on the row at `revision` (revision + 1) and appends
  // `event` as a desk-made event (in the kiosk's feed).
  virtual Result<void> store_group_link(const Ticket& ticket, const TicketEvent& event) = 0;
  // Adds the notice (core/notify) unless its key is stored.
  virtual Result<void> add_notice(const Notice& notice) = 0;
};

// Runs the rule for the categories of `arrived` (tickets just stored) and stores each link:
// group = true, group_id, revision + 1 and a "group" event (actor "desk", role "system",
// state unchanged; data: group, category, customers, formed) per ticket; a newly formed group
// raises one notice to the leaders. Returns the number of tickets linked.
Result<int> link_group_complaints(GroupComplaintPort& port, const std::vector<Ticket>& arrived,
                                  const GroupPolicy& policy, Instant now);
// The leaders' notice of a newly formed group (reason "group", key "group:<group_id>", about
// the group's first ticket): the procedures' emergency plan for 群体性投诉 starts with them.
Notice group_notice(const std::string& group_id, Instant at);
// The categories of `arrived` the rule looks at (groupable ones), for lock_categories.
std::set<std::string> group_categories(const std::vector<Ticket>& arrived, const GroupPolicy& policy);

}  // namespace complaint
