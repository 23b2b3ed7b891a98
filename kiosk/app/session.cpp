// FilingSession::wipe/empty/draft.
#include "kiosk/app/session.h"

#include <algorithm>

namespace complaint {

namespace {

void scrub(std::string& text) {
  // Overwrite, then release the buffer, so the old characters are not left in the heap.
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
  text.shrink_to_fit();
}

}  // namespace

void FilingSession::wipe() {
  for (std::string* field : {&kind, &category, &topic, &content, &outcome_text, &name, &phone, &address,
                             &email, &channel, &recorded_by, &scanned}) {
    scrub(*field);
  }
  for (std::string& choice : outcome_choices) scrub(choice);
  if (filed) {
    for (std::string* field : {&filed->content, &filed->customer_name, &filed->phone, &filed->address,
                               &filed->customer_email, &filed->desired_outcome, &filed->tracking_token}) {
      scrub(*field);
    }
  }
  *this = FilingSession{};
}

bool FilingSession::empty() const {
  return kind.empty() && category.empty() && topic.empty() && content.empty() && outcome_choices.empty() &&
         outcome_text.empty() && name.empty() && phone.empty() && address.empty() && email.empty() &&
         !notify_customer && !anonymous && !consent && !filed;
}

bool FilingSession::has_entries() const {
  return !category.empty() || !content.empty() || !outcome_choices.empty() || !outcome_text.empty() ||
         !name.empty() || !phone.empty() || !address.empty() || !email.empty() || notify_customer ||
         anonymous;
}

TicketDraft FilingSession::draft(const std::string& language, const std::string& outcome_label) const {
  TicketDraft d;
  d.kind = kind;
  d.channel = channel;
  d.category = category;
  d.topic = topic;
  d.content = content;
  d.desired_outcome = outcome_label;
  if (!outcome_text.empty()) d.desired_outcome += (d.desired_outcome.empty() ? "" : "\n") + outcome_text;
  d.anonymous = anonymous;
  if (!anonymous) {
    d.customer_name = name;
    d.phone = phone;
    d.customer_email = email;
    d.notify_customer = notify_customer && (!phone.empty() || !email.empty());
  }
  d.address = address;
  d.language = language;
  d.filed_at = filed_at;
  return d;
}

}  // namespace complaint
