// current_customer_rating (see customer_rating.h).
#include "core/workflow/customer_rating.h"

#include <nlohmann/json.hpp>

namespace complaint {

std::optional<CustomerRating> current_customer_rating(const std::vector<TicketEvent>& events) {
  std::optional<CustomerRating> latest;
  for (const TicketEvent& event : events) {
    if (event.action == "reply") latest.reset();
    if (event.action != "customer_rating") continue;
    const auto data = nlohmann::json::parse(event.data_json, nullptr, false);
    if (!data.is_object()) continue;
    const auto text = [&data](const char* key) {
      const auto found = data.find(key);
      return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    CustomerRating rating;
    rating.at = event.at;
    rating.satisfaction = satisfaction_from_string(text("satisfaction")).value_or(Satisfaction::none);
    rating.counted_as_callback = event.from != event.to;
    rating.comment = rating.counted_as_callback ? text("callback_note") : text("comment");
    latest = rating;
  }
  return latest;
}

}  // namespace complaint
