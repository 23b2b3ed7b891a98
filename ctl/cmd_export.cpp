// complaintctl export --month YYYY-MM --format csv [--lang zh-CN|en] [--as-of ISO8601]: the
// month's register (台帐: the record form's columns, the judgement, and every clock's deadline,
// done time and outcome as of --as-of, default now) as RFC 4180 CSV, UTF-8 with a BOM and CRLF
// line ends so Excel opens Chinese text correctly (core/reports/csv.h). Column titles come from
// the i18n catalog. SQLite file or PostgreSQL desk.
#include <iostream>

#include "core/deadlines/clock_outcomes.h"
#include "core/deadlines/pending_deadlines.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/i18n/local_time_text.h"
#include "core/reports/csv.h"
#include "core/reports/monthly_report.h"
#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

std::string optional_instant(const Catalog& catalog, const TimeZone& zone, const std::optional<Instant>& at) {
  return at ? format_local_with_weekday(catalog, zone, *at) : std::string();
}

std::string label(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry != nullptr ? entry->label(language) : id;
}

}  // namespace

int cmd_export(CtlContext& context, Args args) {
  auto month_text = take_option(args, "--month");
  auto format = take_option(args, "--format");
  auto language = take_option(args, "--lang");
  auto as_of_text = take_option(args, "--as-of");
  for (auto* option : {&month_text, &format, &language, &as_of_text}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (!args.empty()) return report_error(usage_error("unknown argument '" + args[0] + "'"));
  if (!month_text->has_value()) return report_error(usage_error("export needs --month YYYY-MM"));
  if (format->value_or("csv") != "csv") {
    return report_error(Error::invalid("format", "error.format.unknown", "the only export format is csv"));
  }
  auto month = month_period(**month_text);
  if (!month.ok()) return report_error(month.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", language->value_or("zh-CN"));
  if (!catalog.ok()) return report_error(catalog.error());
  const TimeZone& zone = context.calendar().zone();
  auto as_of = as_of_option(context, *as_of_text);
  if (!as_of.ok()) return report_error(as_of.error());

  auto store = context.tickets();
  if (!store.ok()) return report_error(store.error());
  auto cohort = load_cohort(**store, *month, zone);
  if (!cohort.ok()) return report_error(cohort.error());

  static const char* const columns[] = {"number",
                                        "filed_at",
                                        "channel",
                                        "kind",
                                        "category",
                                        "severity",
                                        "name",
                                        "address",
                                        "phone",
                                        "content",
                                        "desired_outcome",
                                        "verification",
                                        "handling_opinion",
                                        "handling_result",
                                        "satisfaction",
                                        "callback_note",
                                        "handler",
                                        "supervisor",
                                        "department",
                                        "status",
                                        "major",
                                        "repeat_of",
                                        "group",
                                        "resolve_by",
                                        "recorded_by",
                                        "substantiated",
                                        "responsible_department",
                                        "responsible_person"};
  const std::string& lang = catalog->language();
  std::vector<std::string> header;
  for (const char* column : columns)
    header.push_back(catalog->text(std::string("register.column.") + column));
  // Every clock: its deadline, when its step was done, and the outcome as of --as-of.
  for (const PendingRule& rule : pending_rules()) {
    for (const char* part : {"due", "done", "outcome"}) {
      header.push_back(
          catalog->format(std::string("register.clock.") + part,
                          {{"clock", catalog->text(std::string("console.deadline.") + rule.name)}}));
    }
  }
  std::string out(kUtf8Bom);
  out += csv_row(header);
  const Taxonomy& taxonomy = context.taxonomy();
  for (const TicketHistory& history : *cohort) {
    const Ticket& t = history.ticket;
    const std::string yes = catalog->text("register.yes"), no = catalog->text("register.no");
    const std::string cells[] = {
        t.number,
        format_local_with_weekday(*catalog, zone, t.filed_at),
        label(taxonomy.channel(t.channel), t.channel, lang),
        label(taxonomy.kind(t.kind), t.kind, lang),
        label(taxonomy.category(t.category), t.category, lang),
        catalog->text(std::string("severity.") + to_string(t.severity)),
        t.anonymous ? catalog->text("register.anonymous") : t.customer_name,
        t.address,
        t.phone,
        t.content,
        t.desired_outcome,
        t.verification,
        t.handling_opinion,
        t.handling_result,
        t.satisfaction == Satisfaction::none
            ? ""
            : catalog->text(std::string("satisfaction.") + to_string(t.satisfaction)),
        t.callback_note,
        t.handler,
        t.supervisor,
        t.department,
        catalog->text(std::string("status.") + to_string(t.status)),
        t.major ? yes : no,
        t.repeat_of,
        t.group ? yes : no,
        optional_instant(*catalog, zone, t.deadlines.resolve_by),
        t.recorded_by,
        t.substantiated == Substantiated::none
            ? ""
            : catalog->text(std::string("substantiated.") + to_string(t.substantiated)),
        t.responsible_department,
        t.responsible_person,
    };
    static_assert(std::size(cells) == std::size(columns));
    std::vector<std::string> row(std::begin(cells), std::end(cells));
    const std::vector<DeadlineProgress> outcomes = clock_outcomes(t, history.events, *as_of);
    for (const PendingRule& rule : pending_rules()) {
      const auto found = std::find_if(outcomes.begin(), outcomes.end(),
                                      [&rule](const DeadlineProgress& p) { return p.clock == rule.name; });
      if (found == outcomes.end()) {
        row.insert(row.end(), {"", "", ""});
        continue;
      }
      row.push_back(format_local_with_weekday(*catalog, zone, found->due));
      row.push_back(optional_instant(*catalog, zone, found->done_at));
      row.push_back(catalog->text(std::string("register.outcome.") + to_string(found->outcome)));
    }
    out += csv_row(row);
  }
  std::cout << out << std::flush;
  return kExitOk;
}

}  // namespace complaint::ctl
