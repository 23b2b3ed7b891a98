// See intake_form.h.
#include "desk/intake_form.h"

#include "core/store/ticket_repository.h"
#include "core/workflow/extension.h"

namespace complaint::desk {

IntakeForm read_intake_form(const std::map<std::string, std::string>& fields) {
  const auto text = [&fields](const char* name) {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
  };
  const auto checked = [&fields](const char* name) {
    const auto found = fields.find(name);
    return found != fields.end() && found->second == "1";
  };
  IntakeForm form;
  form.token = text("token");
  form.kind = text("kind");
  form.category = text("category");
  form.channel = text("channel");
  form.received = text("received");
  form.referrer = text("referrer");
  form.referrer_deadline = text("referrer_deadline");
  form.language = text("language");
  form.name = text("name");
  form.phone = text("phone");
  form.email = text("email");
  form.content = text("content");
  form.outcome = text("outcome");
  form.anonymous = checked("anonymous");
  form.notify = checked("notify");
  form.consent = checked("consent");
  return form;
}

Result<TicketDraft> intake_draft(const IntakeForm& form, const WorkCalendar& calendar, Instant now) {
  if (!is_valid_intake_key(form.token)) {
    return Error::invalid("token", "error.intake.key",
                          "the form's idempotency token is missing or malformed");
  }
  // The lobby's own channel is the customer's at the kiosk, never a clerk's entry.
  if (form.channel == "kiosk") {
    return Error::invalid("channel", "error.intake.channel", "the desk does not file kiosk tickets");
  }
  TicketDraft draft;
  draft.kind = form.kind;
  draft.category = form.category;
  draft.channel = form.channel;
  draft.language = form.language;
  draft.content = form.content;
  draft.desired_outcome = form.outcome;
  draft.anonymous = form.anonymous;
  draft.customer_name = form.name;
  draft.phone = form.phone;
  draft.customer_email = form.email;
  draft.notify_customer = form.notify;
  draft.referrer = form.referrer;
  if (!form.received.empty()) {
    TRY_ASSIGN(const LocalDays day, parse_local_date(form.received, "received"));
    const LocalDays today = calendar.local_day(now);
    if (day > today) {
      return Error::invalid("received", "error.filed_at.future", "the received date lies in the future");
    }
    if (day < today) draft.filed_at = now - std::chrono::days((today - day).count());
  }
  if (!form.referrer_deadline.empty()) {
    TRY_ASSIGN(draft.referrer_deadline,
               parse_deadline_text(form.referrer_deadline, calendar, "referrer_deadline"));
  }
  // The kiosk's consent screen, given on the phone, by letter or at the counter: nothing is
  // filed without it (the kiosk's staff mode records it for the clerk; here the clerk ticks it).
  if (!form.consent) {
    return Error::invalid("consent", "error.intake.consent", "the customer's consent is not recorded");
  }
  return draft;
}

}  // namespace complaint::desk
