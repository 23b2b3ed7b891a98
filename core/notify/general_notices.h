// Notices about no one ticket (docs/DOMAIN.md §4a): a kiosk's help request and the
// supervisors' daily digest. Their text is fixed when they are made (Notice::data_json), so a
// retried round sends the same message; the worker reads it back with the *_facts functions.
#pragma once

#include <optional>
#include <string>

#include "core/domain/help_request.h"
#include "core/notify/notice.h"

namespace complaint {

// A kiosk's "Call staff" (help_request.h)
// tells the lobby staff ([notify] help_roles) at once: key "help:KIOSK:REQUEST_ID", made in the
// transaction that stores the synced request, so a retried batch makes none again.
inline constexpr const char* k_help_reason = "help";
Notice help_notice(const std::string& kiosk_id, const HelpRequest& request, Instant received_at);
// The supervisors' daily digest on a working day: key "digest:YYYY-MM-DD" (the local date).
inline constexpr const char* k_digest_reason = "digest";
struct DailyDigest {
  std::string date;      // YYYY-MM-DD, local
  int filed = 0;         // tickets filed since the previous working day's digest time
  int due_today = 0;     // open tickets with a step due before the day ends
  int overdue = 0;       // open tickets with a step past its deadline
  int dissatisfied = 0;  // open tickets whose customer said dissatisfied
  bool operator==(const DailyDigest&) const = default;
};
Notice digest_notice(const DailyDigest& digest, Instant now);
// The facts a help or digest notice carries (its data_json); nullopt when unreadable.
struct HelpNoticeFacts {
  std::string kiosk_id;
  std::string screen;
  std::string language;
  Instant requested_at{};
};
std::optional<HelpNoticeFacts> help_notice_facts(const Notice& notice);
std::optional<DailyDigest> digest_notice_facts(const Notice& notice);

}  // namespace complaint
