// Help and digest notices; see general_notices.h.
#include "core/notify/general_notices.h"

#include <nlohmann/json.hpp>

namespace complaint {
namespace {

std::int64_t seconds_of(Instant at) {
  return at.time_since_epoch().count();
}

std::optional<nlohmann::json> data_of(const Notice& notice, const char* reason) {
  if (notice.reason != reason) return std::nullopt;
  nlohmann::json data = nlohmann::json::parse(notice.data_json, nullptr, false);
  if (data.is_discarded() || !data.is_object()) return std::nullopt;
  return data;
}

}  // namespace

Notice help_notice(const std::string& kiosk_id, const HelpRequest& request, Instant received_at) {
  Notice notice;
  notice.key = "help:" + kiosk_id + ":" + std::to_string(request.id);
  notice.reason = k_help_reason;
  notice.data_json = nlohmann::json{{"kiosk", kiosk_id},
                                    {"screen", request.screen},
                                    {"language", request.language},
                                    {"requested_at", seconds_of(request.requested_at)}}
                         .dump();
  notice.created_at = received_at;
  notice.next_attempt_at = received_at;
  return notice;
}

Notice digest_notice(const DailyDigest& digest, Instant now) {
  Notice notice;
  notice.key = "digest:" + digest.date;
  notice.reason = k_digest_reason;
  notice.data_json = nlohmann::json{{"date", digest.date},
                                    {"filed", digest.filed},
                                    {"due_today", digest.due_today},
                                    {"overdue", digest.overdue},
                                    {"dissatisfied", digest.dissatisfied}}
                         .dump();
  notice.created_at = now;
  notice.next_attempt_at = now;
  return notice;
}

std::optional<HelpNoticeFacts> help_notice_facts(const Notice& notice) {
  const auto data = data_of(notice, k_help_reason);
  if (!data) return std::nullopt;
  try {
    HelpNoticeFacts facts;
    facts.kiosk_id = data->at("kiosk").get<std::string>();
    facts.screen = data->at("screen").get<std::string>();
    facts.language = data->at("language").get<std::string>();
    facts.requested_at = Instant{std::chrono::seconds{data->at("requested_at").get<std::int64_t>()}};
    return facts;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<DailyDigest> digest_notice_facts(const Notice& notice) {
  const auto data = data_of(notice, k_digest_reason);
  if (!data) return std::nullopt;
  try {
    DailyDigest digest;
    digest.date = data->at("date").get<std::string>();
    digest.filed = data->at("filed").get<int>();
    digest.due_today = data->at("due_today").get<int>();
    digest.overdue = data->at("overdue").get<int>();
    digest.dissatisfied = data->at("dissatisfied").get<int>();
    return digest;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace complaint
