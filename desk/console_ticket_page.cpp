// The console's ticket page: the record form of docs/DOMAIN.md §5, the major-complaint box
// (who was notified), one form per action the state machine allows this role, and the
// audit trail, each event's details as a sentence (core/workflow/event_sentence.h). See
// console_pages.h.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/domain/check_code.h"
#include "core/notify/notice.h"
#include "core/workflow/customer_rating.h"
#include "core/workflow/event_sentence.h"
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string row(const std::string& label, const std::string& value, const std::string& id = {}) {
  return "<tr><th>" + html_escape(label) + "</th><td" + (id.empty() ? "" : " id=\"" + id + "\"") + ">" +
         html_escape(value) + "</td></tr>";
}

std::string entry_label(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry != nullptr ? entry->label(language) : id;
}

// The promise before extensions, why it moved (the category, never the text), a referrer's own
// deadline, and a request awaiting a leader.
std::string extension_rows(const PageContext& page, const Ticket& t) {
  const Catalog& c = page.catalog;
  std::string html;
  if (t.resolve_by_original) {
    html +=
        row(c.text("console.deadline.resolve_by_original"),
            format_local(page, *t.resolve_by_original, false, MidnightAs::end_of_day), "resolve_by_original");
  }
  if (!t.extension_reason.empty()) {
    html += row(c.text("console.deadline.extension_reason"), c.text("extension.reason." + t.extension_reason),
                "extension_reason");
  }
  if (t.referrer_deadline) {
    html += row(c.text("console.deadline.referrer_deadline"),
                format_local(page, *t.referrer_deadline, false, MidnightAs::end_of_day), "referrer_deadline");
  }
  return html;
}

// Departments by their names in the reader's language, as the printed form shows them.
std::string record_form(const PageContext& page, const Ticket& t,
                        const std::vector<Department>& departments) {
  const Catalog& c = page.catalog;
  const std::string lang = c.language();
  const auto col = [&c](const char* name) { return c.text(std::string("register.column.") + name); };
  std::string html = "<table class=\"record\" id=\"record\">";
  html += row(col("number"), t.number, "number");
  if (!t.check_code.empty()) {
    html += row(c.text("console.search.check_code"), format_check_code(t.check_code), "check_code");
  }
  html += row(col("status"), c.text(std::string("status.") + to_string(t.status)), "status");
  html += row(col("kind"), entry_label(page.taxonomy.kind(t.kind), t.kind, lang));
  html += row(col("channel"), entry_label(page.taxonomy.channel(t.channel), t.channel, lang));
  html += row(col("category"), category_label(page, t.category));
  // What the customer chose on the kiosk, in their words: kept when the category is reclassified.
  if (!t.topic.empty()) html += row(col("topic"), topic_label(page, t.topic), "topic");
  html += row(col("severity"), c.text(std::string("severity.") + to_string(t.severity)));
  html += row(col("name"), t.anonymous ? c.text("register.anonymous") : t.customer_name);
  html += row(col("filed_at"), format_local(page, t.filed_at, true));
  html += row(col("address"), t.address);
  html += row(col("phone"), t.phone);
  html += row(col("customer_email"), t.customer_email);
  html += row(col("notify_customer"), t.notify_customer ? c.text("register.yes") : std::string());
  html += row(col("content"), t.content);
  html += row(col("desired_outcome"), t.desired_outcome);
  html += row(col("department"), department_name(departments, t.department, lang), "department");
  html += row(col("verification"), t.verification, "verification");
  html += row(col("substantiated"),
              t.substantiated == Substantiated::none
                  ? std::string()
                  : c.text(std::string("substantiated.") + to_string(t.substantiated)),
              "substantiated");
  html += row(col("responsible_department"), department_name(departments, t.responsible_department, lang),
              "responsible_department");
  html += row(col("responsible_person"), t.responsible_person, "responsible_person");
  html += row(col("handling_opinion"), t.handling_opinion, "handling_opinion");
  html += row(col("handling_result"), t.handling_result, "handling_result");
  html += row(col("satisfaction"), c.text(std::string("satisfaction.") + to_string(t.satisfaction)));
  html += row(col("callback_note"), t.callback_note);
  html += row(col("handler"), t.handler, "handler");
  html += row(col("supervisor"), t.supervisor, "supervisor");
  html += row(col("recorded_by"), t.recorded_by);
  html += row(col("repeat_of"), t.repeat_of, "repeat_of");
  html += row(col("group"), c.text(t.group ? "register.yes" : "register.no"));
  html += "</table><h2>" + html_escape(c.text("console.ticket.deadlines")) + "</h2><table class=\"record\">";
  const Deadlines& d = t.deadlines;
  const std::pair<const char*, const std::optional<Instant>*> deadlines[] = {
      {"forward_by", &d.forward_by}, {"contact_by", &d.contact_by},   {"resolve_by", &d.resolve_by},
      {"answer_by", &d.answer_by},   {"callback_by", &d.callback_by},
  };
  for (const auto& [name, at] : deadlines) {
    if (*at) {
      html += row(c.text(std::string("console.deadline.") + name),
                  format_local(page, **at, false, MidnightAs::end_of_day), name);
    }
  }
  return html + extension_rows(page, t) + "</table>";
}

// A delivery's channel as staff know it ("钉钉" for "dingtalk"); a channel the catalog does
// not name shows as stored.
std::string channel_label(const Catalog& c, const std::string& channel) {
  const std::string key = "notify.channel." + channel;
  return c.has(key) ? c.text(key) : channel;
}

// What reached whom about a major complaint: the deliveries recorded on the trail (events
// "notice_sent", core/notify), never an intention; and who confirmed the report (notify_major).
std::string major_box(const PageContext& page, const Ticket& t, const std::vector<TicketEvent>& events) {
  const Catalog& c = page.catalog;
  std::string reasons;
  for (const std::string& reason : t.major_reasons) reasons += (reasons.empty() ? "" : ", ") + reason;
  std::string html = "<section class=\"major-box\" id=\"major\"><h2>" +
                     html_escape(c.text("severity.major")) + "</h2><p>" +
                     html_escape(c.format("console.ticket.major_reasons", {{"reasons", reasons}})) + "</p>";
  bool delivered = false;
  for (const TicketEvent& event : events) {
    const auto data = nlohmann::json::parse(event.data_json, nullptr, false);
    const auto text = [&data](const char* key) {
      return data.is_object() && data.contains(key) && data[key].is_string() ? data[key].get<std::string>()
                                                                             : std::string();
    };
    if (event.action == k_notice_sent_action) {
      delivered = true;
      html +=
          "<p class=\"notified\">" +
          html_escape(c.format("console.ticket.delivered", {{"channel", channel_label(c, text("channel"))},
                                                            {"recipient", text("recipient")},
                                                            {"time", format_local(page, event.at)},
                                                            {"answer", text("answer")}})) +
          "</p>";
    } else if (event.action == "notify_major") {
      html += "<p class=\"confirmed\">" +
              html_escape(c.format("console.ticket.report_confirmed",
                                   {{"actor", event.actor}, {"time", format_local(page, event.at)}})) +
              "</p>";
    }
  }
  if (!delivered)
    html += "<p class=\"warning\">" + html_escape(c.text("console.ticket.nothing_delivered")) + "</p>";
  if (!t.major_notified)
    html += "<p class=\"warning\">" + html_escape(c.text("console.ticket.not_notified")) + "</p>";
  return html + "</section>";
}

// The ticket's notices and how each stands: a notice that keeps failing shows the
// provider's last answer, so nobody takes an undelivered notice for a delivered one.
std::string notices_box(const PageContext& page, const std::vector<Notice>& notices) {
  const Catalog& c = page.catalog;
  std::string html = "<section class=\"notices\" id=\"notices\"><h2>" +
                     html_escape(c.text("console.notices.title")) + "</h2><ul>";
  for (const Notice& notice : notices) {
    html += "<li class=\"notice-" + std::string(to_string(notice.state)) + "\">" +
            html_escape(
                c.format("console.notices.line",
                         {{"reason", c.text("console.notices.reason." + notice.reason)},
                          {"state", c.text(std::string("console.notices.state.") + to_string(notice.state))},
                          {"attempts", std::to_string(notice.attempts)}}));
    if (!notice.last_error.empty())
      html += "<br><span class=\"warning\">" +
              html_escape(c.format("console.notices.error", {{"error", notice.last_error}})) + "</span>";
    html += "</li>";
  }
  return html + "</ul></section>";
}

// The callback step: its window (the procedures' 1-3 working days after the reply), the
// customer's own rating of this round beside it, and where a dissatisfied callback stands.
std::string callback_box(const PageContext& page, const Ticket& t, const std::vector<TicketEvent>& events) {
  const Catalog& c = page.catalog;
  const Deadlines& d = t.deadlines;
  const std::optional<CustomerRating> rated = current_customer_rating(events);
  const bool waiting = t.status == Status::replied && !t.anonymous;
  if (!waiting && !rated && t.escalation == Escalation::none) return {};
  std::string html = "<section class=\"callback-box\" id=\"callback\"><h2>" +
                     html_escape(c.text("action.callback")) + "</h2>";
  if (waiting && d.callback_not_before && d.callback_by) {
    html +=
        "<p id=\"callback-window\">" +
        html_escape(c.format("console.ticket.callback_window",
                             {{"from", format_local(page, *d.callback_not_before, true)},
                              {"to", format_local(page, *d.callback_by, true, MidnightAs::end_of_day)}})) +
        "</p>";
    html += page.now < *d.callback_not_before
                ? "<p class=\"warning\" id=\"callback-not-yet\">" +
                      html_escape(c.format("console.ticket.callback_window_not_yet",
                                           {{"from", format_local(page, *d.callback_not_before, true)}})) +
                      "</p>"
                : "<p id=\"callback-open\">" + html_escape(c.text("console.ticket.callback_window_open")) +
                      "</p>";
  }
  if (rated) {
    html += "<p id=\"customer-rating\" data-rating=\"" + std::string(to_string(rated->satisfaction)) + "\">" +
            html_escape(
                c.format("console.ticket.customer_rating",
                         {{"rating", c.text(std::string("satisfaction.") + to_string(rated->satisfaction))},
                          {"time", format_local(page, rated->at)}})) +
            "</p>";
    if (!rated->comment.empty()) {
      html += "<p id=\"customer-comment\">" +
              html_escape(c.format("console.ticket.customer_rating_comment", {{"comment", rated->comment}})) +
              "</p>";
    }
    html +=
        "<p>" +
        html_escape(c.text(rated->counted_as_callback ? "console.ticket.customer_rating_counted"
                                                      : "console.ticket.customer_rating_needs_callback")) +
        "</p>";
  } else if (waiting) {
    html +=
        "<p id=\"no-customer-rating\">" + html_escape(c.text("console.ticket.no_customer_rating")) + "</p>";
  }
  if (t.escalation != Escalation::none) {
    html += "<p class=\"warning\" id=\"escalation\" data-escalation=\"" +
            std::string(to_string(t.escalation)) + "\">" +
            html_escape(
                c.format("console.ticket.escalation",
                         {{"state", c.text(std::string("console.escalation.") + to_string(t.escalation))}})) +
            "</p>";
  }
  return html + "</section>";
}

// A not-voluntary withdrawal's investigation, open or closed.
std::string investigation_box(const PageContext& page, const Ticket& t) {
  if (t.investigation == Investigation::none) return {};
  const Catalog& c = page.catalog;
  return "<p class=\"warning\" id=\"investigation\" data-investigation=\"" +
         std::string(to_string(t.investigation)) + "\">" +
         html_escape(c.format(
             "console.ticket.investigation",
             {{"state", c.text(std::string("console.investigation.") + to_string(t.investigation))}})) +
         "</p>";
}

std::string text_field(const Catalog& c, const char* name, const char* label_key, const std::string& value,
                       bool area) {
  const std::string label = html_escape(c.text(label_key));
  if (area) {
    return "<label>" + label + "<textarea name=\"" + name + "\" rows=\"3\">" + html_escape(value) +
           "</textarea></label>";
  }
  return "<label>" + label + "<input name=\"" + name + "\" value=\"" + html_escape(value) + "\"></label>";
}

std::string satisfaction_field(const Catalog& c, const char* label_key = "register.column.satisfaction") {
  std::string html = "<label>" + html_escape(c.text(label_key)) +
                     "<select name=\"satisfaction\"><option value=\"\"></option>";
  for (const Satisfaction s :
       {Satisfaction::satisfied, Satisfaction::basically_satisfied, Satisfaction::dissatisfied}) {
    html += "<option value=\"" + std::string(to_string(s)) + "\">" +
            html_escape(c.text(std::string("satisfaction.") + to_string(s))) + "</option>";
  }
  return html + "</select></label>";
}

std::string substantiated_field(const Catalog& c, Substantiated current) {
  std::string html = "<label>" + html_escape(c.text("register.column.substantiated")) +
                     "<select name=\"substantiated\"><option value=\"\"></option>";
  for (const Substantiated s :
       {Substantiated::substantiated, Substantiated::unsubstantiated, Substantiated::partly}) {
    html += "<option value=\"" + std::string(to_string(s)) + "\"" + (s == current ? " selected" : "") + ">" +
            html_escape(c.text(std::string("substantiated.") + to_string(s))) + "</option>";
  }
  return html + "</select></label>";
}

// The configured departments to choose from (the server refuses any other, departments.h).
std::string department_field(const Catalog& c, const std::vector<Department>& departments,
                             const std::string& current) {
  std::string html = "<label>" + html_escape(c.text("register.column.department")) +
                     "<select name=\"department\" required><option value=\"\"></option>";
  for (const Department& d : departments) {
    html += "<option value=\"" + html_escape(d.id) + "\"" + (d.id == current ? " selected" : "") + ">" +
            html_escape(department_name(departments, d.id, c.language())) + "</option>";
  }
  return html + "</select></label>";
}

// A taxonomy choice (category or kind), the current one selected. Classes that would make the
// ticket confidential are offered to leaders only (the workflow refuses them to others).
std::string class_field(const PageContext& page, const char* name, const std::vector<TaxonomyEntry>& entries,
                        const std::string& current) {
  const Catalog& c = page.catalog;
  const bool leader = page.session != nullptr &&
                      (page.session->role == Role::supervisor || page.session->role == Role::executive);
  std::string html = "<label>" + html_escape(c.text(std::string("register.column.") + name)) +
                     "<select name=\"" + name + "\">";
  for (const TaxonomyEntry& entry : entries) {
    const bool confidential =
        entry.confidential || (std::string_view(name) == "kind" && entry.id == "report");
    if (confidential && !leader && entry.id != current) continue;
    html += "<option value=\"" + html_escape(entry.id) + "\"" + (entry.id == current ? " selected" : "") +
            ">" + html_escape(entry.label(c.language())) + "</option>";
  }
  return html + "</select></label>";
}

std::string severity_field(const Catalog& c, Severity current) {
  std::string html =
      "<label>" + html_escape(c.text("register.column.severity")) + "<select name=\"severity\">";
  for (const Severity s : {Severity::light, Severity::general, Severity::major}) {
    html += "<option value=\"" + std::string(to_string(s)) + "\"" + (s == current ? " selected" : "") + ">" +
            html_escape(c.text(std::string("severity.") + to_string(s))) + "</option>";
  }
  return html + "</select></label>";
}

std::string reason_category_field(const Catalog& c) {
  std::string html = "<label>" + html_escape(c.text("console.field.reason_category")) +
                     "<select name=\"reason_category\" required><option value=\"\"></option>";
  for (const std::string& reason : extension_reasons()) {
    html +=
        "<option value=\"" + reason + "\">" + html_escape(c.text("extension.reason." + reason)) + "</option>";
  }
  return html + "</select></label>";
}

// The new deadline, the reason category, and what the policy lets this account do alone.
std::string extend_fields(const PageContext& page, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  const ExtensionLimits& limits = input.extension_limits;
  std::string html =
      text_field(c, "resolve_by", "console.field.resolve_by", "", false) + reason_category_field(c);
  const auto at = [&page](Instant when) { return format_local(page, when, false, MidnightAs::end_of_day); };
  std::string limits_text = limits.alone
                                ? c.format("console.ticket.extension_alone", {{"alone", at(*limits.alone)}})
                                : c.text("console.ticket.extension_never_alone");
  if (limits.max) limits_text += " " + c.format("console.ticket.extension_max", {{"max", at(*limits.max)}});
  html += "<p class=\"hint\" id=\"extension-limits\">" + html_escape(limits_text) + "</p>";
  return html;
}

// The inputs each action takes; the server checks them again (workflow.h).
std::string action_fields(const PageContext& page, Action action, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  const Ticket& t = input.ticket;
  switch (action) {
    case Action::reclassify:
      return class_field(page, "category", page.taxonomy.categories(), t.category) +
             class_field(page, "kind", page.taxonomy.kinds(), t.kind) + severity_field(c, t.severity);
    case Action::extend:
      return extend_fields(page, input);
    case Action::forward:
      return department_field(c, input.departments, t.department);
    case Action::reassign:
      return department_field(c, input.departments, t.department) +
             text_field(c, "assignee", "console.field.assignee", "", false);
    case Action::record:
      return text_field(c, "verification", "register.column.verification", t.verification, true) +
             substantiated_field(c, t.substantiated) +
             text_field(c, "responsible_department", "register.column.responsible_department",
                        t.responsible_department, false) +
             text_field(c, "responsible_person", "register.column.responsible_person", t.responsible_person,
                        false) +
             text_field(c, "handling_opinion", "register.column.handling_opinion", t.handling_opinion, true) +
             text_field(c, "handling_result", "register.column.handling_result", t.handling_result, true);
    case Action::reply:
      // The transfer form (转办单) the department returns with its answer (workflow.h).
      return text_field(c, "handling_result", "register.column.handling_result", t.handling_result, true) +
             text_field(c, "customer_answer", "transfer.field.customer_answer", "", true) +
             "<p class=\"hint\" id=\"customer-answer-hint\">" +
             html_escape(c.text("transfer.field.customer_answer_hint")) + "</p>" +
             text_field(c, "cause_findings", "transfer.field.cause_findings", "", true) +
             text_field(c, "accountability", "transfer.field.accountability", "", true) +
             text_field(c, "corrective_measures", "transfer.field.corrective_measures", "", true) +
             satisfaction_field(c, "transfer.field.reported_satisfaction") +
             text_field(c, "handler_phone", "transfer.field.handler_phone", "", false);
    case Action::callback:
      return satisfaction_field(c) +
             text_field(c, "callback_note", "register.column.callback_note", "", true);
    case Action::resolve_on_spot:
      // It archives at once, so it takes what the archive requires (workflow.h).
      return text_field(c, "verification", "register.column.verification", t.verification, true) +
             text_field(c, "handling_opinion", "register.column.handling_opinion", t.handling_opinion, true) +
             text_field(c, "handling_result", "register.column.handling_result", t.handling_result, true) +
             satisfaction_field(c);
    case Action::withdraw:
      return "<fieldset><legend>" + html_escape(c.text("console.field.voluntary")) +
             "</legend><label><input type=\"radio\" name=\"voluntary\" value=\"yes\">" +
             html_escape(c.text("register.yes")) +
             "</label><label><input type=\"radio\" name=\"voluntary\" value=\"no\">" +
             html_escape(c.text("register.no")) + "</label></fieldset>";
    case Action::mark_repeat:
      return text_field(c, "repeat_of", "register.column.repeat_of", "", false);
    default:
      return {};
  }
}

// The note's label: a required reason for the actions the workflow refuses without one.
const char* note_label(Action action) {
  switch (action) {
    case Action::reassign:
    case Action::deny_extension:
    case Action::escalate:
      return "console.field.reason";
    case Action::settle_escalation:
    case Action::close_investigation:
      return "console.field.finding";
    case Action::extend:
      return "console.field.reason_text";
    default:
      return reclassifies(action) ? "console.field.reason" : "console.field.note";
  }
}

// A request awaiting a leader, on top of the forms so that nobody misses it.
std::string extension_pending(const PageContext& page, const Ticket& t) {
  if (!t.extension_requested_until || !is_open(t.status)) return {};
  const Catalog& c = page.catalog;
  return "<p class=\"warning\" id=\"extension-pending\">" +
         html_escape(c.format(
             "console.ticket.extension_pending",
             {{"by", t.extension_requested_by},
              {"until", format_local(page, *t.extension_requested_until, false, MidnightAs::end_of_day)},
              {"reason", c.text("extension.reason." + t.extension_requested_reason)}})) +
         "</p>";
}

// The actions after which the case is over for its handlers: a withdrawal ends it, an archive
// closes the record for good.
bool ends_the_case(Action action) {
  return action == Action::withdraw || action == Action::archive;
}

std::string action_forms(const PageContext& page, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  std::string html = "<section class=\"actions\" id=\"actions\"><h2>" +
                     html_escape(c.text("console.ticket.actions")) + "</h2>";
  if (!input.missing.empty() && is_open(input.ticket.status)) {
    std::string fields;
    for (const std::string& field : input.missing) {
      fields += (fields.empty() ? "" : ", ") + c.text("register.column." + field);
    }
    html += "<p class=\"warning\" id=\"incomplete\">" +
            html_escape(c.format("console.ticket.incomplete", {{"fields", fields}})) + "</p>";
  }
  html += extension_pending(page, input.ticket);
  if (input.allowed.empty()) html += "<p>" + html_escape(c.text("console.ticket.no_actions")) + "</p>";
  // Routine steps first; the two that end a case (withdraw, archive) last, set apart in red
  // with what they do spelled out, so that nobody ends a case reaching for the next step.
  for (const bool destructive : {false, true}) {
    for (const Action action : input.allowed) {
      if (ends_the_case(action) != destructive) continue;
      const std::string name = to_string(action);
      html += "<form method=\"post\" class=\"action" + std::string(destructive ? " destructive" : "") +
              "\" id=\"action-" + name + "\" action=\"/console/tickets/" + url_encode(input.ticket.number) +
              "/act\"><input type=\"hidden\" name=\"csrf\" value=\"" +
              html_escape(page.session != nullptr ? page.session->csrf : "") +
              "\"><input type=\"hidden\" name=\"action\" value=\"" + name + "\"><h3>" +
              html_escape(c.text("action." + name)) + "</h3>" +
              (destructive
                   ? "<p class=\"consequence\">" + html_escape(c.text("console.consequence." + name)) + "</p>"
                   : std::string()) +
              action_fields(page, action, input) +
              text_field(c, "note", note_label(action), "", action == Action::extend) +
              "<button type=\"submit\"" + (destructive ? " class=\"danger\"" : "") + ">" +
              html_escape(c.text("action." + name)) + "</button></form>";
    }
  }
  return html + "</section>";
}

// The group complaint the ticket is in: its size, the members this account may see (each a
// link), how many others there are, and the queue's filter of every group ticket.
std::string group_box(const PageContext& page, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  const Ticket& t = input.ticket;
  std::string html =
      "<section class=\"group-box\" id=\"group\"><h2>" + html_escape(c.text("console.group.title")) +
      "</h2><p id=\"group-summary\">" +
      html_escape(c.format("console.group.summary", {{"group", t.group_id},
                                                     {"total", std::to_string(input.group_size)},
                                                     {"customers", std::to_string(input.group_customers)},
                                                     {"category", category_label(page, t.category)}})) +
      "</p><ul id=\"group-members\">";
  for (const Ticket& member : input.group_members) {
    html += "<li data-number=\"" + html_escape(member.number) + "\">";
    if (member.number == t.number) {
      html += html_escape(member.number) + " " + html_escape(c.text("console.group.this"));
    } else {
      html += "<a href=\"/console/tickets/" + url_encode(member.number) + "\">" + html_escape(member.number) +
              "</a>";
    }
    html += " · " + html_escape(c.text(std::string("status.") + to_string(member.status))) + "</li>";
  }
  html += "</ul>";
  if (input.group_size > input.group_members.size()) {
    html +=
        "<p class=\"hidden-members\" id=\"group-hidden\">" +
        html_escape(c.format("console.group.hidden",
                             {{"hidden", std::to_string(input.group_size - input.group_members.size())}})) +
        "</p>";
  }
  return html + "<p><a href=\"/console?group=yes\">" + html_escape(c.text("console.group.queue_link")) +
         "</a></p></section>";
}

std::string audit_trail(const PageContext& page, const std::vector<TicketEvent>& events,
                        const std::vector<Department>& departments) {
  const Catalog& c = page.catalog;
  std::string html = "<section><h2>" + html_escape(c.text("console.ticket.trail")) +
                     "</h2><table class=\"trail\" id=\"trail\"><thead><tr>";
  for (const char* column : {"console.trail.time", "console.trail.actor", "console.trail.action",
                             "console.trail.change", "console.trail.note", "console.trail.details"}) {
    html += "<th>" + html_escape(c.text(column)) + "</th>";
  }
  html += "</tr></thead><tbody>";
  const EventTextContext words{c, page.taxonomy, page.zone, departments};
  for (const TicketEvent& e : events) {
    const std::string action_key = "action." + e.action;
    const std::string role_key = "role." + e.role;
    html +=
        "<tr data-action=\"" + html_escape(e.action) + "\"><td>" + html_escape(format_local(page, e.at)) +
        "</td><td>" + html_escape(e.actor) + " (" + html_escape(c.has(role_key) ? c.text(role_key) : e.role) +
        ")</td><td>" + html_escape(c.has(action_key) ? c.text(action_key) : e.action) + "</td><td>" +
        html_escape(c.text(std::string("status.") + to_string(e.from))) + " → " +
        html_escape(c.text(std::string("status.") + to_string(e.to))) + "</td><td>" + html_escape(e.note) +
        "</td><td class=\"details\">" + html_escape(event_sentence(words, e)) + "</td></tr>";
  }
  return html + "</tbody></table></section>";
}

// The printed forms (core/reports/record_form.h), served under the ticket page's checks.
std::string form_links(const PageContext& page, const Ticket& t) {
  const Catalog& c = page.catalog;
  const std::string base = "/console/tickets/" + url_encode(t.number) + "/form.pdf?form=";
  return "<p class=\"downloads\" id=\"forms\"><a id=\"form-record\" href=\"" + html_escape(base + "record") +
         "\">" + html_escape(c.text("console.ticket.download_record")) +
         "</a> · <a id=\"form-transfer\" href=\"" + html_escape(base + "transfer") + "\">" +
         html_escape(c.text("console.ticket.download_transfer")) + "</a></p>";
}

}  // namespace

std::string render_ticket(const PageContext& page, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  const Ticket& t = input.ticket;
  std::string main = "<p><a href=\"/console\">" + html_escape(c.text("console.queue.back")) + "</a></p><h1>" +
                     html_escape(t.number) + "</h1>";
  if (!input.error.empty()) {
    main += "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(input.error) + "</p>";
  }
  if (t.major) main += major_box(page, t, input.events);
  if (!t.group_id.empty()) main += group_box(page, input);
  if (!input.notices.empty()) main += notices_box(page, input.notices);
  main += investigation_box(page, t) + callback_box(page, t, input.events);
  main += "<div class=\"columns\"><section><h2>" + html_escape(c.text("console.ticket.record")) + "</h2>" +
          form_links(page, t) + record_form(page, t, input.departments) + attachments_section(page, input) +
          "</section>" + action_forms(page, input) + "</div>";
  main += audit_trail(page, input.events, input.departments);
  return layout(page, t.number, main);
}

}  // namespace complaint::desk
