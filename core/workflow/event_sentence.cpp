// event_sentence (see header). Each action's data is read by the key its writer uses
// (workflow.cpp, extension.cpp, intake_correction.cpp, filing_service.cpp, core/notify,
// core/attachments, recompute_deadlines.cpp, complaintctl hold) and turned into clauses
// joined by the catalog's separator.
#include "core/workflow/event_sentence.h"

#include <nlohmann/json.hpp>

#include "core/attachments/file_size.h"
#include "core/deadlines/deadline_policy.h"
#include "core/desk_state/departments.h"

namespace complaint {
namespace {

using nlohmann::json;

class Sentence {
 public:
  Sentence(const EventTextContext& context, const TicketEvent& event)
      : m_c(context), m_data(json::parse(event.data_json, nullptr, false)) {
    if (!m_data.is_object()) m_data = json::object();
  }

  const Catalog& catalog() const { return m_c.catalog; }
  const std::string& language() const { return m_c.catalog.language(); }
  bool has(const char* key) const { return m_data.contains(key) && !m_data[key].is_null(); }
  const json& data() const { return m_data; }

  std::string text(const char* key) const {
    const auto found = m_data.find(key);
    if (found == m_data.end()) return {};
    if (found->is_string()) return found->get<std::string>();
    if (found->is_number_integer()) return std::to_string(found->get<long long>());
    return {};
  }
  bool flag(const char* key) const {
    const auto found = m_data.find(key);
    return found != m_data.end() && found->is_boolean() && found->get<bool>();
  }

  // A time the data holds as ISO 8601, in local time; as stored when it does not parse.
  std::string time(const std::string& iso, bool deadline = true) const {
    if (iso.empty()) return m_c.catalog.text("trail.none");
    const auto at = m_c.zone.parse_iso8601(iso);
    return at.ok() ? local_time_text(m_c.zone, *at, deadline) : iso;
  }
  std::string seconds_text(std::int64_t seconds) const {
    return local_time_text(m_c.zone, Instant{std::chrono::seconds{seconds}});
  }
  std::string department(const std::string& id) const {
    return id.empty() ? m_c.catalog.text("trail.none") : department_name(m_c.departments, id, language());
  }
  std::string category(const std::string& id) const {
    const TaxonomyEntry* entry = m_c.taxonomy.category(id);
    return entry != nullptr ? entry->label(language()) : id;
  }
  std::string kind(const std::string& id) const {
    const TaxonomyEntry* entry = m_c.taxonomy.kind(id);
    return entry != nullptr ? entry->label(language()) : id;
  }
  std::string channel(const std::string& id) const {
    const TaxonomyEntry* entry = m_c.taxonomy.channel(id);
    return entry != nullptr ? entry->label(language()) : id;
  }
  // A catalog word for a stored enum value ("satisfaction.satisfied"), the value when unknown.
  std::string word(const std::string& prefix, const std::string& value) const {
    const std::string key = prefix + value;
    return m_c.catalog.has(key) ? m_c.catalog.text(key) : value;
  }
  std::string period(const std::string& text) const {
    const auto parsed = parse_period(text, "period");
    if (!parsed.ok()) return text;
    const char* unit = parsed->unit == PeriodUnit::hours          ? "hours"
                       : parsed->unit == PeriodUnit::working_days ? "working_days"
                                                                  : "calendar_days";
    return m_c.catalog.format(std::string("trail.period.") + unit, {{"n", std::to_string(parsed->amount)}});
  }
  std::string list(const char* key) const {
    std::string out;
    const auto found = m_data.find(key);
    if (found == m_data.end() || !found->is_array()) return out;
    for (const auto& item : *found) {
      if (!item.is_string()) continue;
      out += (out.empty() ? "" : m_c.catalog.text("trail.list_separator")) + reason(item.get<std::string>());
    }
    return out;
  }
  // A major reason ("declared", a category id, ...): the catalog's words where it has them.
  // A major reason as escalation.cpp and intake_correction.cpp store it: "declared",
  // "category:ID", "channel:ID" or "word:WORD".
  std::string reason(const std::string& id) const {
    const std::size_t colon = id.find(':');
    if (colon == std::string::npos) return word("trail.major_reason.", id);
    const std::string kind_of = id.substr(0, colon), value = id.substr(colon + 1);
    const std::string shown = kind_of == "category"  ? category(value)
                              : kind_of == "channel" ? channel(value)
                                                     : value;
    return word("trail.major_reason.", kind_of) + " " + shown;
  }

  void add(const std::string& key, const std::map<std::string, std::string>& values = {}) {
    m_clauses.push_back(m_c.catalog.format("trail." + key, values));
  }
  void add_text(std::string text) { m_clauses.push_back(std::move(text)); }

  std::string joined() const {
    std::string out;
    for (const std::string& clause : m_clauses)
      out += (out.empty() ? "" : m_c.catalog.text("trail.separator")) + clause;
    return out;
  }

 private:
  const EventTextContext& m_c;
  json m_data;
  std::vector<std::string> m_clauses;
};

std::string field_label(const Sentence& s, const std::string& field) {
  const std::string transfer = "transfer.field." + field;
  if (s.catalog().has(transfer)) return s.catalog().text(transfer);
  return s.catalog().text("register.column." + field);
}

// "field: value", or "field: before → after" when the data keeps the value it replaced
// (previous_<field>); `word` is the catalog prefix of a stored enum value, empty for a text.
void field_clause(Sentence& s, const std::string& field, const std::string& word = {}) {
  if (!s.has(field.c_str())) return;
  const auto shown = [&s, &word](const std::string& key) {
    return word.empty() ? s.text(key.c_str()) : s.word(word, s.text(key.c_str()));
  };
  const std::string previous = "previous_" + field;
  if (s.has(previous.c_str())) {
    s.add("changed", {{"field", field_label(s, field)}, {"from", shown(previous)}, {"to", shown(field)}});
  } else {
    s.add("field", {{"field", field_label(s, field)}, {"value", shown(field)}});
  }
}

// The record form's fields an action set (record, reply, resolve_on_spot) and the reply's
// transfer form.
void record_fields(Sentence& s) {
  for (const char* field : {"verification", "handling_opinion", "handling_result", "customer_answer",
                            "cause_findings", "accountability", "corrective_measures", "handler_phone"}) {
    field_clause(s, field);
  }
  field_clause(s, "reported_satisfaction", "satisfaction.");
  field_clause(s, "substantiated", "substantiated.");
  field_clause(s, "responsible_department");
  field_clause(s, "responsible_person");
}

void satisfaction(Sentence& s) {
  if (s.has("satisfaction"))
    s.add("satisfaction", {{"value", s.word("satisfaction.", s.text("satisfaction"))}});
}

// A new round of handling (reopen, or a dissatisfied callback under the "reopen" policy).
void new_round(Sentence& s) {
  if (!s.has("reopen_count")) return;
  s.add("new_round", {{"count", s.text("reopen_count")}, {"resolve_by", s.time(s.text("resolve_by"))}});
  if (!s.text("previous_replied_at").empty()) {
    s.add("previous_round", {{"replied_at", s.time(s.text("previous_replied_at"), false)},
                             {"satisfaction", s.word("satisfaction.", s.text("previous_satisfaction"))}});
  }
  if (!s.text("previous_callback_note").empty())
    s.add("previous_callback_note", {{"note", s.text("previous_callback_note")}});
  if (s.has("previous_escalation"))
    s.add("previous_escalation", {{"state", s.word("console.escalation.", s.text("previous_escalation"))}});
}

void callback(Sentence& s) {
  satisfaction(s);
  // Not as a change: a reopening keeps this round's note as previous_callback_note (new_round).
  if (s.has("callback_note"))
    s.add("field", {{"field", field_label(s, "callback_note")}, {"value", s.text("callback_note")}});
  if (s.has("escalated_to")) s.add("escalated." + s.text("escalated_to"));
  if (s.flag("reopened")) new_round(s);
}

void file(Sentence& s) {
  if (s.has("channel")) s.add("file.channel", {{"channel", s.channel(s.text("channel"))}});
  if (s.flag("major")) s.add("file.major", {{"reasons", s.list("major_reasons")}});
  if (!s.text("repeat_of").empty()) s.add("repeat_of", {{"number", s.text("repeat_of")}});
  if (s.flag("group")) s.add("file.group");
  if (s.flag("confidential")) s.add("file.confidential");
  if (s.has("referrer_deadline"))
    s.add("file.referrer_deadline", {{"due", s.time(s.text("referrer_deadline"))}});
}

void reassign(Sentence& s) {
  s.add("reassign.department",
        {{"from", s.department(s.text("from_department"))}, {"to", s.department(s.text("department"))}});
  if (s.has("assignee") || s.has("previous_handler")) {
    const std::string none = s.catalog().text("trail.none");
    s.add("reassign.handler", {{"from", s.has("previous_handler") ? s.text("previous_handler") : none},
                               {"to", s.has("assignee") ? s.text("assignee") : none}});
  }
}

// A correction of intake: each changed field from → to, the deadlines it moved, the period.
void correction(Sentence& s) {
  const json& data = s.data();
  const auto shown = [&s](const std::string& field, const json& value) -> std::string {
    if (value.is_boolean()) return s.catalog().text(value.get<bool>() ? "register.yes" : "register.no");
    if (value.is_array()) {
      std::string list;
      for (const auto& item : value) {
        if (item.is_string())
          list += (list.empty() ? "" : s.catalog().text("trail.list_separator")) +
                  s.reason(item.get<std::string>());
      }
      return list.empty() ? s.catalog().text("trail.none") : list;
    }
    if (!value.is_string()) return s.catalog().text("trail.none");
    const std::string text = value.get<std::string>();
    if (field == "category") return s.category(text);
    if (field == "kind") return s.kind(text);
    if (field == "severity") return s.word("severity.", text);
    return s.time(text);  // a deadline
  };
  const auto change = [&](const std::string& label, const std::string& field, const json& value) {
    if (!value.is_object()) return;
    s.add("changed", {{"field", label},
                      {"from", shown(field, value.value("from", json()))},
                      {"to", shown(field, value.value("to", json()))}});
  };
  if (data.contains("changes") && data["changes"].is_object()) {
    for (const auto& [field, value] : data["changes"].items()) {
      change(s.catalog().text(field == "major_reasons" ? std::string("trail.major_reasons")
                                                       : "register.column." + field),
             field, value);
    }
  }
  if (data.contains("deadlines") && data["deadlines"].is_object()) {
    for (const auto& [clock, value] : data["deadlines"].items())
      change(s.catalog().text("console.deadline." + clock), clock, value);
  }
  if (s.has("resolve_period")) s.add("resolve_period", {{"period", s.period(s.text("resolve_period"))}});
  if (s.flag("resolve_by_kept")) s.add("resolve_by_kept");
  if (s.flag("extension_kept")) s.add("extension_kept");
}

void extension(Sentence& s, const std::string& action) {
  const std::string reason = s.word("extension.reason.", s.text("reason_category"));
  if (action == "extend" && s.flag("pending")) {
    s.add("extend.requested", {{"until", s.time(s.text("requested_resolve_by"))},
                               {"current", s.time(s.text("current_resolve_by"))},
                               {"reason", reason}});
  } else if (action == "deny_extension") {
    s.add("extend.denied", {{"by", s.text("requested_by")},
                            {"until", s.time(s.text("requested_resolve_by"))},
                            {"reason", reason}});
  } else if (s.has("resolve_by")) {
    s.add("extend.moved", {{"from", s.time(s.text("previous_resolve_by"))},
                           {"to", s.time(s.text("resolve_by"))},
                           {"reason", reason}});
    if (action == "approve_extension") {
      s.add("extend.approved", {{"by", s.text("requested_by")}});
    } else if (s.flag("within_limit")) {
      s.add("extend.within_limit");
    }
  }
  if (s.has("extend_by")) s.add("extend.by", {{"period", s.period(s.text("extend_by"))}});
}

void recompute(Sentence& s) {
  const json& data = s.data();
  if (!data.contains("changes") || !data["changes"].is_array()) return;
  for (const json& change : data["changes"]) {
    if (!change.is_object()) continue;
    s.add("changed", {{"field", s.catalog().text("console.deadline." + change.value("clock", std::string()))},
                      {"from", s.time(change.value("old", std::string()))},
                      {"to", s.time(change.value("new", std::string()))}});
  }
}

// A retention run's purge (core/retention/retention_run.cpp): times as seconds since the epoch.
void anonymised(Sentence& s) {
  const auto seconds = [&s](const char* key) {
    const auto found = s.data().find(key);
    if (found == s.data().end() || !found->is_number_integer()) return s.catalog().text("trail.none");
    return s.seconds_text(found->get<std::int64_t>());
  };
  if (s.text("rule") == "kiosk_copy") return s.add("anonymise.kiosk_copy", {{"days", s.text("keep_days")}});
  s.add("anonymise.retention",
        {{"years", s.text("years")}, {"closed", seconds("closed_at")}, {"expired", seconds("expired_at")}});
}

void by_action(Sentence& s, const std::string& action) {
  if (action == "file") return file(s);
  if (action == "forward") return s.add("forward", {{"department", s.department(s.text("department"))}});
  if (action == "notify_major") return s.add("notify_major", {{"reasons", s.list("major_reasons")}});
  if (action == "contact") {
    return s.add(s.flag("anonymous")       ? "contact.anonymous"
                 : s.flag("first_contact") ? "contact.first"
                                           : "contact.again");
  }
  if (action == "record" || action == "reply") return record_fields(s);
  if (action == "resolve_on_spot") {
    record_fields(s);
    return satisfaction(s);
  }
  if (action == "callback") return callback(s);
  if (action == "customer_rating") {
    satisfaction(s);
    if (s.has("comment")) s.add("comment", {{"comment", s.text("comment")}});
    if (s.flag("counts_as_callback")) {
      s.add("counts_as_callback");
      if (s.has("escalated_to")) s.add("escalated." + s.text("escalated_to"));
      if (s.flag("reopened")) new_round(s);
    }
    return;
  }
  if (action == "escalate") return s.add("escalated." + s.text("escalated_to"));
  if (action == "settle_escalation") {
    return s.add("settled", {{"state", s.word("console.escalation.", s.text("previous_escalation"))}});
  }
  if (action == "close_investigation") return s.add("investigation_closed");
  if (action == "archive") {
    if (s.has("without_callback")) s.add("archive.without_callback");
    return;
  }
  if (action == "withdraw") return s.add(s.flag("voluntary") ? "withdraw.voluntary" : "withdraw.investigate");
  if (action == "reopen") return new_round(s);
  if (action == "mark_repeat") {
    if (s.has("previous_repeat_of")) {
      return s.add("changed", {{"field", s.catalog().text("register.column.repeat_of")},
                               {"from", s.text("previous_repeat_of")},
                               {"to", s.text("repeat_of")}});
    }
    return s.add("repeat_of", {{"number", s.text("repeat_of")}});
  }
  if (action == "reassign") return reassign(s);
  if (action == "reclassify" || action == "declare_major" || action == "clear_major") return correction(s);
  if (action == "extend" || action == "approve_extension" || action == "deny_extension")
    return extension(s, action);
  if (action == "notice_sent") {
    return s.add("notice_sent", {{"channel", s.word("notify.channel.", s.text("channel"))},
                                 {"recipient", s.text("recipient")},
                                 {"reason", s.word("console.notices.reason.", s.text("reason"))},
                                 {"answer", s.text("answer")}});
  }
  if (action == "deadline_missed") {
    return s.add("deadline_missed", {{"clock", s.catalog().text("console.deadline." + s.text("clock"))},
                                     {"due", s.time(s.text("due"))}});
  }
  if (action == "attach") {
    const auto size = s.data().find("size");
    return s.add(
        "attach",
        {{"name", s.text("file_name")},
         {"type", s.word("console.attachments.kind.",
                         s.text("content_type").substr(s.text("content_type").find('/') + 1))},
         {"size", size != s.data().end() && size->is_number_integer() ? format_size(size->get<std::int64_t>())
                                                                      : s.catalog().text("trail.none")}});
  }
  if (action == "group") {  // the desk's group complaint link (core/escalation/group_complaints.h)
    return s.add(s.flag("formed") ? "group.formed" : "group.joined",
                 {{"group", s.text("group")}, {"customers", s.text("customers")}});
  }
  if (action == "recompute_deadlines") return recompute(s);
  if (action == "legal_hold") return s.add(s.flag("legal_hold") ? "legal_hold.on" : "legal_hold.off");
  if (action == "anonymise") return anonymised(s);
}

}  // namespace

std::string local_time_text(const TimeZone& zone, Instant at, bool deadline) {
  return format_day_time(split_local(zone, at, deadline ? MidnightAs::end_of_day : MidnightAs::start_of_day));
}

std::string event_sentence(const EventTextContext& context, const TicketEvent& event) {
  Sentence s(context, event);
  by_action(s, event.action);
  // Any action: a request to extend that the action made moot, and a late entry.
  if (s.has("dropped_extension_request"))
    s.add("dropped_extension", {{"until", s.time(s.text("dropped_extension_request"))}});
  if (s.has("recorded_at")) s.add("recorded_at", {{"time", s.time(s.text("recorded_at"), false)}});
  return s.joined();
}

}  // namespace complaint
