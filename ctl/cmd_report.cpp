// complaintctl report [--month YYYY-MM | --from DATE --to DATE] [--as-of ISO8601]
// [--format json|csv] [--lang zh-CN|en] [-o FILE]: the period's statistics (docs/DOMAIN.md §9),
// on a SQLite file or a PostgreSQL desk alike. The figures are core's monthly_report; this file
// only reads the options, loads the cohort and writes the output.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/i18n/catalog.h"
#include "core/reports/monthly_report.h"
#include "core/reports/report_output.h"
#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

struct ReportOptions {
  std::optional<std::string> month, from, to, as_of, output;
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
  const Option named[] = {{"--month", &options.month}, {"--from", &options.from}, {"--to", &options.to},
                          {"--as-of", &options.as_of}, {"-o", &options.output},   {"--format", &format},
                          {"--lang", &language}};
  for (const Option& option : named) {
    TRY_ASSIGN(*option.target, take_option(args, option.flag));
  }
  if (!args.empty()) return usage_error("unknown argument '" + args[0] + "'");
  if (options.month && (options.from || options.to)) {
    return Error::invalid("month", "error.report.options", "give either --month or --from and --to");
  }
  if (options.from.has_value() != options.to.has_value()) {
    return Error::invalid(options.from ? "to" : "from", "error.report.options",
                          "--from and --to go together");
  }
  options.format = format.value_or("json");
  if (options.format != "json" && options.format != "csv") {
    return Error::invalid("format", "error.report.format", "the report format is json or csv");
  }
  options.language = language.value_or("zh-CN");
  return options;
}

Result<void> write_output(const std::optional<std::string>& path, const std::string& text) {
  if (!path) {
    std::cout << text << std::flush;
    return Ok{};
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return Error::make(ErrorCode::io, "cannot write the report to " + *path, "ofstream", errno);
  return Ok{};
}

}  // namespace

int cmd_report(CtlContext& context, Args args) {
  auto options = read_options(args);
  if (!options.ok()) return report_error(options.error());
  const TimeZone& zone = context.calendar().zone();
  auto as_of = as_of_option(context, options->as_of);
  if (!as_of.ok()) return report_error(as_of.error());
  Result<ReportPeriod> period = month_of(zone, *as_of);
  if (options->month) period = month_period(*options->month);
  if (options->from) period = range_period(*options->from, *options->to);
  if (!period.ok()) return report_error(period.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", options->language);
  if (!catalog.ok()) return report_error(catalog.error());

  auto store = context.tickets();
  if (!store.ok()) return report_error(store.error());
  auto cohort = load_cohort(**store, *period, zone);
  if (!cohort.ok()) return report_error(cohort.error());
  const MonthlyReport report = monthly_report(*cohort, *period, *as_of, zone);
  const std::string text = options->format == "csv"
                               ? report_to_csv(report, *catalog, context.taxonomy(), zone)
                               : report_to_json(report, zone).dump(2) + "\n";
  auto written = write_output(options->output, text);
  if (!written.ok()) return report_error(written.error());
  return kExitOk;
}

}  // namespace complaint::ctl
