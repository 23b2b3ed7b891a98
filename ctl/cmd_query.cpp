// complaintctl show / list / validate: read-only views of the register.
#include <charconv>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/attachments/attachment_store.h"
#include "core/base/replace_file.h"
#include "core/deadlines/pending_deadlines.h"
#include "core/desk_state/departments.h"
#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
#include "core/sync/ticket_search.h"
#include "core/workflow/event_sentence.h"
#include "ctl/commands.h"
#include "ctl/ticket_json.h"

namespace complaint::ctl {
using nlohmann::json;

namespace {

json attachment_json(const AttachmentInfo& a, const TimeZone& zone) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"uploader", a.uploader},
          {"uploaded_at", zone.format_iso8601(a.uploaded_at)},
          {"caption", a.caption}};
}

}  // namespace

// complaintctl show NUMBER [--lang zh-CN|en]: the whole record, its attachments (on a desk)
// and its trail. Each event keeps its raw data for scripts and is also worded as the console's
// trail and the record form word it (core/workflow/event_sentence.h): "action_text" and
// "details" in JSON; without --json the trail is printed as lines of those words.
int cmd_show(CtlContext& context, Args args) {
  auto language = take_option(args, "--lang");
  if (!language.ok()) return report_error(language.error());
  if (args.size() != 1) return report_error(usage_error("show takes one ticket number"));
  const std::string lang = language->value_or("zh-CN");
  if (lang != "zh-CN" && lang != "en")
    return report_error(Error::invalid("lang", "error.language.unknown", "--lang is zh-CN or en"));
  auto catalog = Catalog::load(assets_dir() + "/i18n", lang);
  if (!catalog.ok()) return report_error(catalog.error());
  const auto ticket = find_ticket(context, args[0]);
  if (!ticket.ok()) return report_error(ticket.error());
  const auto tickets = context.tickets();
  if (!tickets.ok()) return report_error(tickets.error());
  auto events = (*tickets)->events(ticket->number);
  if (!events.ok()) return report_error(events.error());
  const auto desk = context.desk_stores();
  if (!desk.ok()) return report_error(desk.error());
  std::vector<Department> departments;
  if (*desk != nullptr) {
    auto all = DepartmentList((*desk)->state()).all();
    if (!all.ok()) return report_error(all.error());
    departments = std::move(*all);
  }
  const TimeZone& zone = context.calendar().zone();
  const EventTextContext words{*catalog, context.taxonomy(), zone, departments};
  const auto action_text = [&](const TicketEvent& event) {
    const std::string key = "action." + event.action;
    return catalog->has(key) ? catalog->text(key) : event.action;
  };
  json out = json::parse(ticket_to_json(*ticket, zone, TicketView::full));
  out["events"] = json::array();
  for (const TicketEvent& event : *events) {
    json item = json::parse(event_to_json(event, zone));
    item["action_text"] = action_text(event);
    item["details"] = event_sentence(words, event);
    out["events"].push_back(std::move(item));
  }
  // A desk's tickets may carry attachments (a kiosk's file has none): listed without bytes;
  // `complaintctl attachment NUMBER ID -o FILE` saves one.
  if (*desk != nullptr) {
    const auto attachments = (*desk)->attachments().attachments(ticket->number);
    if (!attachments.ok()) return report_error(attachments.error());
    out["attachments"] = json::array();
    for (const AttachmentInfo& a : *attachments) out["attachments"].push_back(attachment_json(a, zone));
  }
  if (context.options().json) {
    std::cout << out.dump() << std::endl;
    return kExitOk;
  }
  out.erase("events");
  std::cout << out.dump(2) << "\n" << catalog->text("console.ticket.trail") << "\n";
  for (const TicketEvent& event : *events) {
    const std::string details = event_sentence(words, event);
    std::cout << local_time_text(zone, event.at) << "  " << event.actor << "  " << action_text(event) << "  "
              << catalog->text(std::string("status.") + to_string(event.from)) << " -> "
              << catalog->text(std::string("status.") + to_string(event.to)) << (details.empty() ? "" : "  ")
              << details << (event.note.empty() ? "" : "  " + event.note) << "\n";
  }
  std::cout << std::flush;
  return kExitOk;
}

int cmd_attachment(CtlContext& context, Args args) {
  auto output = take_option(args, "-o");
  if (!output.ok()) return report_error(output.error());
  if (args.size() != 2 || !output->has_value()) {
    return report_error(usage_error("attachment takes a ticket number, an attachment id and -o FILE"));
  }
  std::int64_t id = 0;
  const auto [end, parsed] = std::from_chars(args[1].data(), args[1].data() + args[1].size(), id);
  if (parsed != std::errc() || end != args[1].data() + args[1].size() || id <= 0) {
    return report_error(
        Error::invalid("id", "error.attachment.not_found", "'" + args[1] + "' is not an attachment id"));
  }
  const auto ticket = find_ticket(context, args[0]);
  if (!ticket.ok()) return report_error(ticket.error());
  const auto desk = context.desk_stores();
  if (!desk.ok()) return report_error(desk.error());
  if (*desk == nullptr)
    return report_error(usage_error("a kiosk's file holds no attachments; give a desk's --db"));
  const auto stored = (*desk)->attachments().attachment(ticket->number, id);
  if (!stored.ok()) return report_error(stored.error());
  if (!*stored) {
    return report_error(Error::not_found("id", "error.attachment.not_found",
                                         "ticket " + ticket->number + " has no attachment " + args[1]));
  }
  const auto written = replace_file(**output, (*stored)->bytes);
  if (!written.ok()) return report_error(written.error());
  std::cout << attachment_json((*stored)->info, context.calendar().zone()).dump() << std::endl;
  return kExitOk;
}

int cmd_list(CtlContext& context, Args args) {
  TicketQuery query;
  auto status = take_option(args, "--status");
  auto overdue = take_option(args, "--overdue-at");
  // --overdue: as of now, which --now sets for a what-if list.
  if (take_flag(args, "--overdue") && overdue.ok() && !overdue->has_value()) {
    overdue = std::optional<std::string>(context.calendar().zone().format_iso8601(context.clock().now()));
  }
  auto category = take_option(args, "--category");
  auto investigation = take_option(args, "--investigation");
  for (auto* option : {&status, &overdue, &category, &investigation}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (!args.empty()) return report_error(usage_error("unknown argument '" + args[0] + "'"));
  const TimeZone& zone = context.calendar().zone();
  if (status->has_value()) {
    query.status = status_from_string(**status);
    if (!query.status) {
      return report_error(Error::invalid("status", "error.status.unknown",
                                         "unknown status '" + **status +
                                             "'; valid: filed, forwarded, in_progress, replied, called_back, "
                                             "archived, withdrawn"));
    }
  }
  if (overdue->has_value()) {
    auto at = zone.parse_iso8601(**overdue);
    if (!at.ok()) return report_error(Error::invalid("overdue_at", "error.date.invalid", at.error().message));
    query.overdue_at = *at;
  }
  if (category->has_value()) query.category = **category;
  // --investigation open: the not-voluntary withdrawals a leader has still to look into.
  if (investigation->has_value()) {
    query.investigation = investigation_from_string(**investigation);
    if (!query.investigation || *query.investigation == Investigation::none) {
      return report_error(Error::invalid("investigation", "error.investigation.unknown",
                                         "--investigation takes open or closed"));
    }
  }

  auto tickets = context.store().list(query);
  if (!tickets.ok()) return report_error(tickets.error());
  if (context.options().json) {
    json out = json::array();
    for (const Ticket& t : *tickets) out.push_back(json::parse(ticket_to_json(t, zone, TicketView::summary)));
    std::cout << out.dump() << std::endl;
    return kExitOk;
  }
  for (const Ticket& t : *tickets) {
    const auto next = next_deadline(t);  // the pending one (core/deadlines), as the console shows
    std::cout << std::left << std::setw(26) << t.number << std::setw(12) << to_string(t.status)
              << std::setw(12) << t.kind << std::setw(24) << t.category
              << (next ? zone.format_iso8601(next->at) : "-") << (t.major ? "  MAJOR" : "") << "\n";
  }
  std::cout << tickets->size() << " ticket(s)" << std::endl;
  return kExitOk;
}

// The console's search (core/sync/ticket_search.h) with the operator's authority: every
// department, confidential tickets included, archived and withdrawn ones too.
int cmd_search(CtlContext& context, Args args) {
  SearchInput input;
  std::optional<std::string> limit_text;
  for (const auto& [name, field] :
       {std::pair{"--number", &input.number}, std::pair{"--check-code", &input.check_code},
        std::pair{"--phone", &input.phone}, std::pair{"--name", &input.name},
        std::pair{"--words", &input.words}, std::pair{"--from", &input.from}, std::pair{"--to", &input.to},
        std::pair{"--state", &input.state}}) {
    auto value = take_option(args, name);
    if (!value.ok()) return report_error(value.error());
    *field = value->value_or("");
  }
  auto limit = take_option(args, "--limit");
  if (!limit.ok()) return report_error(limit.error());
  if (args.size() == 1)
    input.any = args[0];
  else if (!args.empty())
    return report_error(usage_error("unknown argument '" + args[1] + "'"));
  auto search = parse_search(input, context.calendar().zone());
  if (!search.ok()) return report_error(search.error());
  search->limit = 50;
  if (limit->has_value()) {
    try {
      search->limit = std::stoi(**limit);
    } catch (const std::exception&) {
      search->limit = 0;
    }
    if (search->limit < 1 || search->limit > 10000)
      return report_error(Error::invalid("limit", "error.search.page", "--limit takes 1 to 10000"));
  }
  auto stores = context.desk_stores();
  if (!stores.ok()) return report_error(stores.error());
  if (*stores == nullptr) return report_error(usage_error("search works on a desk's database"));
  auto found = (*stores)->desk().search(*search);
  if (!found.ok()) return report_error(found.error());
  const TimeZone& zone = context.calendar().zone();
  if (context.options().json) {
    // "more": the total is the count's cap, and more tickets matched (core/sync/ticket_search.h).
    json out = {{"total", found->total}, {"more", found->more}, {"tickets", json::array()}};
    for (const Ticket& t : found->tickets)
      out["tickets"].push_back(json::parse(ticket_to_json(t, zone, TicketView::summary)));
    std::cout << out.dump() << std::endl;
    return kExitOk;
  }
  for (const Ticket& t : found->tickets) {
    std::cout << std::left << std::setw(26) << t.number << std::setw(12) << to_string(t.status)
              << std::setw(28) << zone.format_iso8601(t.filed_at) << t.category << "\n";
  }
  std::cout << found->tickets.size() << " of " << (found->more ? "more than " : "") << found->total
            << " ticket(s)" << std::endl;
  return kExitOk;
}

int cmd_validate(Args args) {
  if (args.size() != 1) return report_error(usage_error("validate takes one ticket number"));
  auto number = normalize_ticket_number(args[0]);
  if (!number.ok()) return report_error(number.error());
  std::cout << *number << std::endl;
  return kExitOk;
}

}  // namespace complaint::ctl
