// The report digest's encoding; see report_digest.h.
#include "core/store/report_digest.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/store/ticket_repository.h"

namespace complaint {
namespace {

bool carries(std::string_view text) {
  return text.find_first_of("\t\n") == std::string_view::npos;
}

}  // namespace

std::string report_data_of(std::string_view action, std::string_view data_json) {
  if (!report_reads_data(action)) return "{}";
  const auto data = nlohmann::json::parse(data_json, nullptr, false);
  if (!data.is_object()) return "{}";
  nlohmann::json kept = nlohmann::json::object();
  for (const std::string_view key : report_data_keys()) {
    const auto found = data.find(std::string(key));
    if (found != data.end()) kept[std::string(key)] = *found;
  }
  return kept.dump();
}

std::optional<std::string> encode_report_digest(const std::vector<TicketEvent>& events) {
  std::string out;
  for (const TicketEvent& event : events) {
    if (!carries(event.role) || !carries(event.action)) return std::nullopt;
    out += std::to_string(event.at.time_since_epoch().count());
    out += '\t';
    out += event.role;
    out += '\t';
    out += event.action;
    out += '\t';
    out += to_string(event.to);
    out += '\t';
    // dump() escapes every control character inside strings: no raw tab or line break.
    out += report_data_of(event.action, event.data_json);
    out += '\n';
  }
  return out;
}

bool decode_report_digest(std::string_view digest, std::int64_t count, std::vector<TicketEvent>& out) {
  out.reserve(out.size() + static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
  const std::size_t before = out.size();
  while (!digest.empty()) {
    const std::size_t end = digest.find('\n');
    if (end == std::string_view::npos) return false;
    std::string_view line = digest.substr(0, end);
    digest.remove_prefix(end + 1);
    std::string_view fields[5];
    for (int i = 0; i < 4; ++i) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) return false;
      fields[i] = line.substr(0, tab);
      line.remove_prefix(tab + 1);
    }
    fields[4] = line;
    std::int64_t seconds = 0;
    const auto parsed = std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), seconds);
    if (parsed.ec != std::errc() || parsed.ptr != fields[0].data() + fields[0].size()) return false;
    const auto to = status_from_string(fields[3]);
    if (!to) return false;
    TicketEvent& event = out.emplace_back();
    event.at = Instant{std::chrono::seconds{seconds}};
    event.role = fields[1];
    event.action = fields[2];
    event.to = *to;
    event.data_json = fields[4];
  }
  return static_cast<std::int64_t>(out.size() - before) == count;
}

}  // namespace complaint
