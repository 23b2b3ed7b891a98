// complaintctl report [--month YYYY-MM | --quarter YYYY-Qn | --year YYYY | --from DATE --to DATE]
// [--as-of ISO8601] [--format json|csv|pdf] [--lang zh-CN|en] [-o FILE]: the period's statistics
// (docs/DOMAIN.md §9), on a SQLite file or a PostgreSQL desk alike. The figures are core's
// monthly_report, the PDF's text core's statistics_sheet; this file only reads the options,
// loads the cohort and writes the output.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/base/replace_file.h"
#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"
#include "core/reports/report_output.h"
#include "core/reports/report_period.h"
#include "core/reports/statistics_sheet.h"
#include "ctl/commands.h"
#include "drivers/report_pdf/statistics_pdf.h"

namespace complaint::ctl {
namespace {

struct ReportOptions {
  std::optional<std::string> month, quarter, year, from, to, as_of, output;
  std::string format = "json";
  std::string language = "zh-CN";
};

Result<ReportOptions> read_options(Args& args) {
  ReportOptions options;
  struct Option {
    const char* flag;
    std::optional<std::string>* target;
  };
  std::optional<std::string> format, language;
  const Option named[] = {
      {"--month", &options.month}, {"--quarter", &options.quarter}, {"--year", &options.year},
      {"--from", &options.from},   {"--to", &options.to},           {"--as-of", &options.as_of},
      {"-o", &options.output},     {"--format", &format},           {"--lang", &language}};
  for (const Option& option : named) {
    TRY_ASSIGN(*option.target, take_option(args, option.flag));
  }
  if (!args.empty()) return usage_error("unknown argument '" + args[0] + "'");
  options.format = format.value_or("json");
  if (options.format != "json" && options.format != "csv" && options.format != "pdf") {
    return Error::invalid("format", "error.report.format", "the report format is json, csv or pdf");
  }
  options.language = language.value_or("zh-CN");
  return options;
}

Result<void> write_output(const std::optional<std::string>& path, const std::string& text) {
  if (!path) {
    std::cout << text << std::flush;
    return Ok{};
  }
  return replace_file(*path, text);
}

}  // namespace

int cmd_report(CtlContext& context, Args args) {
  auto options = read_options(args);
  if (!options.ok()) return report_error(options.error());
  const TimeZone& zone = context.calendar().zone();
  auto as_of = as_of_option(context, options->as_of);
  if (!as_of.ok()) return report_error(as_of.error());
  // An option given empty (--month "") is still given: choose_period sees it as malformed.
  const auto given = [](const std::optional<std::string>& value) {
    return value ? (value->empty() ? std::string(" ") : *value) : std::string();
  };
  const Result<ReportPeriod> period =
      choose_period({given(options->month), given(options->quarter), given(options->year),
                     given(options->from), given(options->to)},
                    zone, *as_of);
  if (!period.ok()) return report_error(period.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", options->language);
  if (!catalog.ok()) return report_error(catalog.error());

  auto store = context.tickets();
  if (!store.ok()) return report_error(store.error());
  auto cohort = load_report_cohort(**store, *period, zone);
  if (!cohort.ok()) return report_error(cohort.error());
  const MonthlyReport report = monthly_report(*cohort, *period, *as_of, zone, context.config().assessment);
  std::string text;
  if (options->format == "pdf") {
    const std::string& organisation =
        options->language == "en" ? context.config().site.name_en : context.config().site.name_zh;
    const StatisticsSheet sheet =
        statistics_sheet(report, *catalog, context.taxonomy(), zone, organisation, context.clock().now());
    auto pdf = statistics_pdf(
        sheet, catalog->format("report.sheet.page", {{"page", "{page}"}, {"pages", "{pages}"}}));
    if (!pdf.ok()) return report_error(pdf.error());
    text = std::move(*pdf);
  } else {
    text = options->format == "csv" ? report_to_csv(report, *catalog, context.taxonomy(), zone)
                                    : report_to_json(report, zone).dump(2) + "\n";
  }
  auto written = write_output(options->output, text);
  if (!written.ok()) return report_error(written.error());
  return kExitOk;
}

}  // namespace complaint::ctl
