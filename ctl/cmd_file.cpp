// complaintctl file: one ticket as JSON on stdin -> FilingService -> the stored ticket.
// Input is checked strictly: unknown fields and wrong types are errors naming the field.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/services/filing_service.h"
#include "core/workflow/extension.h"
#include "ctl/commands.h"
#include "ctl/ticket_json.h"

namespace complaint::ctl {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxInputBytes = 256 * 1024;

Result<std::string> read_stdin() {
  std::string input;
  char buffer[8192];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    input.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (input.size() > kMaxInputBytes) {
      return Error::invalid("", "error.input.too_large", "input larger than 256 KiB");
    }
  }
  return input;
}

Error wrong_type(const std::string& field, const char* expected) {
  return Error::invalid(field, "error.input.type", "field '" + field + "' must be " + expected);
}

Result<TicketDraft> draft_from_json(const json& input, const WorkCalendar& calendar) {
  if (!input.is_object()) return Error::invalid("", "error.input.malformed", "input must be one JSON object");
  static const std::vector<std::pair<const char*, std::string TicketDraft::*>> text_fields = {
      {"kind", &TicketDraft::kind},
      {"channel", &TicketDraft::channel},
      {"category", &TicketDraft::category},
      {"topic", &TicketDraft::topic},
      {"content", &TicketDraft::content},
      {"desired_outcome", &TicketDraft::desired_outcome},
      {"name", &TicketDraft::customer_name},
      {"phone", &TicketDraft::phone},
      {"address", &TicketDraft::address},
      {"language", &TicketDraft::language},
      {"staff_involved", &TicketDraft::staff_involved},
      {"repeat_of", &TicketDraft::repeat_of},
      {"customer_email", &TicketDraft::customer_email},
  };
  TicketDraft draft;
  for (const auto& [key, value] : input.items()) {
    if (key == "anonymous" || key == "notify_customer") {
      if (!value.is_boolean()) return wrong_type(key, "true or false");
      (key == "anonymous" ? draft.anonymous : draft.notify_customer) = value.get<bool>();
      continue;
    }
    if (key == "filed_at") {
      if (!value.is_string()) return wrong_type(key, "an ISO 8601 date or date-time");
      auto at = calendar.zone().parse_iso8601(value.get<std::string>());
      if (!at.ok()) return Error::invalid("filed_at", "error.date.invalid", at.error().message);
      draft.filed_at = *at;
      continue;
    }
    if (key == "referrer_deadline") {  // a date is the end of that day, as any deadline
      if (!value.is_string()) return wrong_type(key, "an ISO 8601 date or date-time");
      TRY_ASSIGN(draft.referrer_deadline,
                 parse_deadline_text(value.get<std::string>(), calendar, key.c_str()));
      continue;
    }
    const auto field = std::find_if(text_fields.begin(), text_fields.end(),
                                    [&](const auto& entry) { return key == entry.first; });
    if (field == text_fields.end()) {
      return Error::invalid(key, "error.input.unknown_field", "unknown field '" + key + "'");
    }
    if (value.is_null()) continue;
    if (!value.is_string()) return wrong_type(key, "a string");
    draft.*(field->second) = value.get<std::string>();
  }
  return draft;
}

}  // namespace

int cmd_file(CtlContext& context, Args args) {
  auto recorded_by = take_option(args, "--actor");
  if (!recorded_by.ok()) return report_error(recorded_by.error());
  if (!args.empty()) return report_error(usage_error("file takes no arguments: it reads JSON on stdin"));
  auto input = read_stdin();
  if (!input.ok()) return report_error(input.error());
  const json parsed = json::parse(*input, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return report_error(
        Error::invalid("", "error.input.malformed", "input is not valid JSON (or not valid UTF-8)"));
  }
  const TimeZone& zone = context.calendar().zone();
  auto draft = draft_from_json(parsed, context.calendar());
  if (!draft.ok()) return report_error(draft.error());

  // On a desk's file, the organisation's calendar (imports included), as the desk counts.
  if (auto used = context.use_organisation_calendar(); !used.ok()) return report_error(used.error());
  FilingService service(context.config(), context.taxonomy(), context.calendar(), context.store(),
                        context.clock());
  FilingContext filing;
  filing.recorded_by = recorded_by->value_or(draft->channel == "kiosk" ? "kiosk" : "complaintctl");
  filing.role = draft->channel == "kiosk" ? Role::kiosk : Role::intake_clerk;
  auto ticket = service.file(*draft, filing);
  if (!ticket.ok()) return report_error(ticket.error());

  const std::string url = service.tracking_url_for(*ticket);
  if (context.options().json) {
    json out{{"number", ticket->number},
             {"tracking_url", url},
             {"severity", to_string(ticket->severity)},
             {"major", ticket->major},
             {"major_reasons", ticket->major_reasons},
             {"repeat_of", ticket->repeat_of},
             {"group", ticket->group},
             {"status", to_string(ticket->status)},
             {"filed_at", zone.format_iso8601(ticket->filed_at)},
             {"deadlines", json::parse(deadlines_to_json(ticket->deadlines, zone))}};
    std::cout << out.dump() << std::endl;
  } else {
    std::cout << ticket->number << "\n" << url << "\n";
    const json deadlines = json::parse(deadlines_to_json(ticket->deadlines, zone));
    for (const auto& [name, at] : deadlines.items())
      std::cout << name << " " << at.get<std::string>() << "\n";
    std::cout.flush();
  }
  return kExitOk;
}

}  // namespace complaint::ctl
