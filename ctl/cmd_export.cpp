// complaintctl export --month YYYY-MM --format csv [--lang zh-CN|en] [--as-of ISO8601]: the
// month's register (台帐: the record form's columns, the judgement, and every clock's deadline,
// done time and outcome as of --as-of, default now) as RFC 4180 CSV, UTF-8 with a BOM and CRLF
// line ends so Excel opens Chinese text correctly (core/reports/register_csv.h, which the
// console's download writes too). SQLite file or PostgreSQL desk.
#include <iostream>

#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"
#include "core/reports/register_csv.h"
#include "ctl/commands.h"

namespace complaint::ctl {

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

  std::cout << register_to_csv(*cohort, *catalog, context.taxonomy(), zone, *as_of) << std::flush;
  return kExitOk;
}

}  // namespace complaint::ctl
