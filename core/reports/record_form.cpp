// printed_form (see header): the record form and the transfer form as labelled blocks. Every
// label from the catalogs (<lang>.forms.toml, the register's column names), every time in the
// site's zone, the trail through event_sentence.
#include "core/reports/record_form.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/attachments/file_size.h"
#include "core/deadlines/clock_outcomes.h"
#include "core/desk_state/departments.h"
#include "core/workflow/event_sentence.h"

namespace complaint {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class FormWriter {
 public:
  FormWriter(const FormInput& input, const Catalog& catalog, const Taxonomy& taxonomy, const TimeZone& zone)
      : m_in(input), m_c(catalog), m_taxonomy(taxonomy), m_zone(zone) {}

  std::string text(const std::string& key) const { return m_c.text(key); }
  std::string column(const char* name) const { return m_c.text(std::string("register.column.") + name); }
  std::string at(Instant when) const { return local_time_text(m_zone, when); }
  std::string at(const std::optional<Instant>& when) const { return when ? at(*when) : std::string(); }
  std::string due(const std::optional<Instant>& when) const {
    return when ? local_time_text(m_zone, *when, true) : std::string();
  }
  std::string yes_no(bool value) const { return m_c.text(value ? "register.yes" : "register.no"); }
  std::string department(const std::string& id) const {
    return id.empty() ? std::string() : department_name(m_in.departments, id, m_c.language());
  }
  std::string entry(const TaxonomyEntry* found, const std::string& id) const {
    return found != nullptr ? found->label(m_c.language()) : id;
  }

  PrintedForm::Signature signature(const std::string& role, const std::string& recorded) const {
    return {m_c.format("form.signature.line", {{"role", role}}), recorded};
  }

  PrintedForm frame(const char* title_key) const {
    PrintedForm form;
    form.title = text(title_key);
    form.organisation = m_in.organisation;
    form.number = m_c.format("form.number", {{"number", m_in.ticket.number}});
    form.generated = m_c.format("form.generated", {{"time", at(m_in.now)}});
    form.page_label = m_c.format("form.page", {{"page", "{page}"}, {"pages", "{pages}"}});
    form.date_label = text("form.signature.date");
    return form;
  }

  // The customer and the complaint as received.
  FormBlock complaint_block() const {
    const Ticket& t = m_in.ticket;
    FormBlock block{text("form.section.complaint"), {}, {0.24, 0.76}, {}};
    Rows& r = block.rows;
    r.push_back({column("name"), t.anonymous ? text("register.anonymous") : t.customer_name});
    r.push_back({column("filed_at"), at(t.filed_at)});
    r.push_back({column("address"), t.address});
    r.push_back({column("phone"), t.phone});
    r.push_back({column("customer_email"), t.customer_email});
    r.push_back({column("notify_customer"), yes_no(t.notify_customer)});
    r.push_back({column("channel"), entry(m_taxonomy.channel(t.channel), t.channel)});
    r.push_back({column("kind"), entry(m_taxonomy.kind(t.kind), t.kind)});
    r.push_back({column("category"), entry(m_taxonomy.category(t.category), t.category)});
    r.push_back({column("severity"), text(std::string("severity.") + to_string(t.severity))});
    r.push_back({column("major"), t.major
                                      ? yes_no(true) + (t.major_notified ? text("form.major_notified")
                                                                         : text("form.major_not_notified"))
                                      : yes_no(false)});
    r.push_back({column("group"), yes_no(t.group)});
    r.push_back({column("repeat_of"), t.repeat_of});
    r.push_back({column("content"), t.content});
    r.push_back({column("desired_outcome"), t.desired_outcome});
    r.push_back({text("form.field.staff_involved"), t.staff_involved});
    r.push_back({column("recorded_by"), t.recorded_by});
    return block;
  }

  // What was found and done: 情况核实, 处理意见, 处理结果, 客户回访 and the judgement.
  FormBlock handling_block() const {
    const Ticket& t = m_in.ticket;
    FormBlock block{text("form.section.handling"), {}, {0.24, 0.76}, {}};
    Rows& r = block.rows;
    r.push_back({column("status"), text(std::string("status.") + to_string(t.status))});
    r.push_back({column("department"), department(t.department)});
    r.push_back({column("handler"), t.handler});
    r.push_back({column("supervisor"), t.supervisor});
    r.push_back({text("form.field.first_contact_at"), at(t.first_contact_at)});
    r.push_back({column("verification"), t.verification});
    r.push_back(
        {column("substantiated"), t.substantiated == Substantiated::none
                                      ? std::string()
                                      : text(std::string("substantiated.") + to_string(t.substantiated))});
    r.push_back({column("responsible_department"), t.responsible_department});
    r.push_back({column("responsible_person"), t.responsible_person});
    r.push_back({column("handling_opinion"), t.handling_opinion});
    r.push_back({column("handling_result"), t.handling_result});
    r.push_back({text("form.field.replied_at"), at(t.replied_at)});
    r.push_back(
        {column("satisfaction"), t.satisfaction == Satisfaction::none
                                     ? std::string()
                                     : text(std::string("satisfaction.") + to_string(t.satisfaction))});
    r.push_back({column("callback_note"), t.callback_note});
    r.push_back({text("form.field.reopen_count"), std::to_string(t.reopen_count)});
    if (t.resolved_on_the_spot) r.push_back({text("form.field.resolved_on_the_spot"), yes_no(true)});
    if (t.withdrawn_at) {
      r.push_back({text("form.field.withdrawn"),
                   at(t.withdrawn_at) + " " +
                       text(t.withdrawn_voluntarily.value_or(false) ? "trail.withdraw.voluntary"
                                                                    : "trail.withdraw.investigate")});
    }
    if (t.escalation != Escalation::none)
      r.push_back({text("form.field.escalation"),
                   text(std::string("console.escalation.") + to_string(t.escalation))});
    if (t.investigation != Investigation::none) {
      r.push_back({text("form.field.investigation"),
                   text(std::string("console.investigation.") + to_string(t.investigation))});
    }
    return block;
  }

  // Each deadline, when its step was done, and whether it was met (clock_outcomes.h).
  FormBlock deadlines_block(const std::vector<std::string>& only = {}) const {
    FormBlock block{text("form.section.deadlines"),
                    {text("form.column.clock"), text("form.column.due"), text("form.column.done"),
                     text("form.column.outcome")},
                    {0.25, 0.27, 0.27, 0.21},
                    {}};
    for (const DeadlineProgress& p : clock_outcomes(m_in.ticket, m_in.events, m_in.now)) {
      if (!only.empty() && std::find(only.begin(), only.end(), p.clock) == only.end()) continue;
      block.rows.push_back({text("console.deadline." + p.clock), due(p.due), at(p.done_at),
                            text(std::string("register.outcome.") + to_string(p.outcome))});
    }
    const Ticket& t = m_in.ticket;
    if (t.resolve_by_original) {
      block.rows.push_back(
          {text("console.deadline.resolve_by_original"), due(t.resolve_by_original), "",
           t.extension_reason.empty() ? "" : text("extension.reason." + t.extension_reason)});
    }
    if (t.referrer_deadline)
      block.rows.push_back({text("console.deadline.referrer_deadline"), due(t.referrer_deadline), "", ""});
    if (block.rows.empty()) block.rows.push_back({text("form.none"), "", "", ""});
    return block;
  }

  FormBlock attachments_block() const {
    FormBlock block{text("form.section.attachments"),
                    {text("form.column.file"), text("form.column.type"), text("form.column.size"),
                     text("form.column.uploader"), text("form.column.time")},
                    {0.38, 0.16, 0.12, 0.14, 0.20},
                    {}};
    for (const AttachmentInfo& a : m_in.attachments) {
      const std::string kind_key =
          "console.attachments.kind." + a.content_type.substr(a.content_type.find('/') + 1);
      block.rows.push_back({a.file_name + (a.caption.empty() ? "" : "\n" + a.caption),
                            m_c.has(kind_key) ? text(kind_key) : a.content_type, format_size(a.size),
                            a.uploader, at(a.uploaded_at)});
    }
    if (block.rows.empty()) block.rows.push_back({text("form.none"), "", "", "", ""});
    return block;
  }

  FormBlock trail_block() const {
    FormBlock block{text("form.section.trail"),
                    {text("form.column.time"), text("form.column.actor"), text("form.column.action"),
                     text("form.column.details")},
                    {0.17, 0.13, 0.15, 0.55},
                    {}};
    const EventTextContext words{m_c, m_taxonomy, m_zone, m_in.departments};
    for (const TicketEvent& e : m_in.events) {
      const std::string action_key = "action." + e.action;
      std::string details = event_sentence(words, e);
      if (!e.note.empty())
        details += (details.empty() ? "" : "\n") + m_c.format("form.note", {{"note", e.note}});
      block.rows.push_back(
          {at(e.at), e.actor, m_c.has(action_key) ? text(action_key) : e.action, std::move(details)});
    }
    return block;
  }

  // The latest reply: the department's answer (转办单的回复栏), or none yet.
  const TicketEvent* latest_reply() const {
    const TicketEvent* found = nullptr;
    for (const TicketEvent& e : m_in.events) {
      if (e.action == "reply") found = &e;
    }
    return found;
  }
  const TicketEvent* latest_forward() const {
    const TicketEvent* found = nullptr;
    for (const TicketEvent& e : m_in.events) {
      if (e.action == "forward" || e.action == "reassign") found = &e;
    }
    return found;
  }

  FormBlock transfer_block() const {
    const Ticket& t = m_in.ticket;
    FormBlock block{text("form.section.transfer"), {}, {0.24, 0.76}, {}};
    Rows& r = block.rows;
    const TicketEvent* sent = latest_forward();
    r.push_back({column("department"), department(t.department)});
    r.push_back({text("form.field.forwarded_at"), sent != nullptr ? at(sent->at) : std::string()});
    r.push_back({text("form.field.forwarded_by"), sent != nullptr ? sent->actor : std::string()});
    r.push_back({text("console.deadline.resolve_by"), due(t.deadlines.resolve_by)});
    r.push_back({column("name"), t.anonymous ? text("register.anonymous") : t.customer_name});
    r.push_back({column("phone"), t.phone});
    r.push_back({column("filed_at"), at(t.filed_at)});
    r.push_back({column("category"), entry(m_taxonomy.category(t.category), t.category)});
    r.push_back({column("content"), t.content});
    r.push_back({column("desired_outcome"), t.desired_outcome});
    return block;
  }

  FormBlock reply_block() const {
    FormBlock block{text("form.section.reply"), {}, {0.24, 0.76}, {}};
    Rows& r = block.rows;
    const TicketEvent* reply = latest_reply();
    if (reply == nullptr) {
      r.push_back({text("form.field.replied_at"), text("form.no_reply")});
      return block;
    }
    auto data = nlohmann::json::parse(reply->data_json, nullptr, false);
    if (!data.is_object()) data = nlohmann::json::object();
    const auto value = [&data](const char* key) {
      const auto found = data.find(key);
      return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    const std::string result = value("handling_result");
    r.push_back({column("handling_result"), result.empty() ? m_in.ticket.handling_result : result});
    for (const char* field : {"cause_findings", "accountability", "corrective_measures"})
      r.push_back({text(std::string("transfer.field.") + field), value(field)});
    const std::string reported = value("reported_satisfaction");
    r.push_back({text("transfer.field.reported_satisfaction"),
                 reported.empty() ? std::string() : text("satisfaction." + reported)});
    r.push_back({text("form.field.replied_at"), at(reply->at)});
    r.push_back({column("handler"), reply->actor});
    r.push_back({text("transfer.field.handler_phone"), value("handler_phone")});
    return block;
  }

  PrintedForm record() const {
    PrintedForm form = frame("form.record.title");
    form.blocks = {complaint_block(), handling_block(), deadlines_block(), attachments_block(),
                   trail_block()};
    form.signatures = {signature(column("handler"), m_in.ticket.handler),
                       signature(column("supervisor"), m_in.ticket.supervisor)};
    return form;
  }

  PrintedForm transfer() const {
    PrintedForm form = frame("form.transfer.title");
    form.blocks = {transfer_block(), reply_block(), deadlines_block({"contact_by", "resolve_by"})};
    const TicketEvent* reply = latest_reply();
    form.signatures = {signature(column("handler"), reply != nullptr ? reply->actor : m_in.ticket.handler),
                       signature(text("form.signature.department_head"), "")};
    return form;
  }

 private:
  const FormInput& m_in;
  const Catalog& m_c;
  const Taxonomy& m_taxonomy;
  const TimeZone& m_zone;
};

}  // namespace

std::optional<FormKind> form_kind_from_string(std::string_view text) {
  if (text == "record") return FormKind::record;
  if (text == "transfer") return FormKind::transfer;
  return std::nullopt;
}

PrintedForm printed_form(FormKind kind, const FormInput& input, const Catalog& catalog,
                         const Taxonomy& taxonomy, const TimeZone& zone) {
  const FormWriter writer(input, catalog, taxonomy, zone);
  return kind == FormKind::record ? writer.record() : writer.transfer();
}

}  // namespace complaint
