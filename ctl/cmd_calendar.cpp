// complaintctl calendar import FILE / calendar show, and the missing-year check behind
// `complaintctl check`. Import stores on the desk (SQLite file or PostgreSQL) through the
// DeskStateStore; a file that fails validation changes nothing (docs/DOMAIN.md §3).
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/calendar/calendar_warning.h"
#include "core/calendar/holiday_files.h"
#include "core/calendar/organisation_calendar.h"
#include "core/config/text_file.h"
#include "core/deadlines/recompute_deadlines.h"
#include "core/i18n/catalog.h"
#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

using nlohmann::json;

// The error's catalog text in both languages after the usual JSON line.
int report_calendar_error(const Error& error) {
  const int code = report_error(error);
  if (!error.key.empty()) std::cerr << both_languages(error.key, {{"field", error.field}});
  return code;
}

int calendar_import(CtlContext& context, const Args& args) {
  if (args.size() != 1) return report_error(usage_error("usage: complaintctl calendar import FILE"));
  auto desk = context.desk_stores();
  if (!desk.ok()) return report_error(desk.error());
  if (*desk == nullptr) {
    return report_error(usage_error("calendar import stores on the desk: --db must be the desk's database"));
  }
  auto text = read_text_file(args[0], "calendar file");
  if (!text.ok()) return report_error(text.error());
  auto summary = import_calendar((*desk)->state(), context.config().calendar, *text, context.clock().now());
  if (!summary.ok()) return report_calendar_error(summary.error());
  // Open tickets' pending promises, counted again with the new days: only ever later.
  RecomputeReport recomputed;
  if (summary->changed) {
    if (auto used = context.use_organisation_calendar(); !used.ok()) return report_error(used.error());
    auto tickets = context.tickets();
    if (!tickets.ok()) return report_error(tickets.error());
    auto report =
        recompute_open_deadlines(**tickets, context.config().deadlines, context.taxonomy(),
                                 context.calendar(), "calendar " + summary->version, context.clock().now());
    if (!report.ok()) return report_error(report.error());
    recomputed = *report;
  }
  json years = json::array();
  for (const int year : summary->years) years.push_back(year);
  if (context.options().json) {
    std::cout << json{{"imported", years},
                      {"version", summary->version},
                      {"changed", summary->changed},
                      {"tickets_examined", recomputed.examined},
                      {"tickets_recomputed", recomputed.changed}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "calendar " << (summary->changed ? "imported" : "unchanged (already stored)") << ": "
              << join_years(summary->years) << ", version " << summary->version << "; " << recomputed.changed
              << " of " << recomputed.examined << " open ticket(s) got a later deadline" << std::endl;
  }
  return kExitOk;
}

int calendar_show(CtlContext& context, const Args& args) {
  if (!args.empty()) return report_error(usage_error("calendar show takes no arguments"));
  CalendarConfig calendar = context.config().calendar;
  auto desk = context.desk_stores();
  if (!desk.ok()) return report_error(desk.error());
  if (*desk != nullptr) {
    auto merged = organisation_calendar(calendar, (*desk)->state());
    if (!merged.ok()) return report_error(merged.error());
    calendar = std::move(*merged);
  }
  const json document = json::parse(holiday_data_json(calendar.published));
  if (context.options().json) {
    std::cout << json{{"version", calendar_version(calendar)},
                      {"data", calendar.data},
                      {"years", document["years"]}}
                     .dump()
              << std::endl;
    return kExitOk;
  }
  std::cout << "version " << calendar_version(calendar)
            << (calendar.data.empty() ? "" : ", data " + calendar.data) << "\n";
  for (const json& year : document["years"]) {
    int off = 0, work = 0;
    for (const json& day : year["days"]) (day["isOffDay"].get<bool>() ? off : work) += 1;
    std::cout << year["year"].get<int>() << ": " << off << " holiday(s), " << work
              << " make-up working day(s)  " << year["source"].get<std::string>() << "\n";
  }
  return kExitOk;
}

}  // namespace

Result<std::set<int>> missing_years(CtlContext& context) {
  TRY_VOID(context.use_organisation_calendar());
  return missing_calendar_years(context.calendar(), context.clock().now());
}

std::string missing_years_text(const std::set<int>& years) {
  return both_languages("calendar.missing_year", {{"years", join_years(years)}});
}

int cmd_calendar(CtlContext& context, Args args) {
  if (args.empty()) return report_error(usage_error("calendar takes import FILE or show"));
  const std::string sub = args.front();
  args.erase(args.begin());
  if (sub == "import") return calendar_import(context, args);
  if (sub == "show") return calendar_show(context, args);
  return report_error(usage_error("unknown calendar command '" + sub + "'"));
}

}  // namespace complaint::ctl
