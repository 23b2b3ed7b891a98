// complaintctl export --month YYYY-MM --format csv [--lang zh-CN|en]: the month's
// register (the record form's columns) as RFC 4180 CSV, UTF-8 with a BOM and CRLF line
// ends so Excel opens Chinese text correctly. Column titles come from the i18n catalog.
#include <iostream>

#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/i18n/local_time_text.h"
#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

Result<std::chrono::year_month> parse_month(const std::string& text) {
  const auto bad =
      Error::invalid("month", "error.month.invalid", "month must be YYYY-MM, got '" + text + "'");
  if (text.size() != 7 || text[4] != '-') return bad;
  for (std::size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return bad;
  }
  const int year = std::stoi(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  if (month < 1 || month > 12) return bad;
  return std::chrono::year{year} / std::chrono::month{month};
}

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
  for (auto* option : {&month_text, &format, &language}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (!args.empty()) return report_error(usage_error("unknown argument '" + args[0] + "'"));
  if (!month_text->has_value()) return report_error(usage_error("export needs --month YYYY-MM"));
  if (format->value_or("csv") != "csv") {
    return report_error(Error::invalid("format", "error.format.unknown", "the only export format is csv"));
  }
  auto month = parse_month(**month_text);
  if (!month.ok()) return report_error(month.error());
  auto catalog = Catalog::load(assets_dir() + "/i18n", language->value_or("zh-CN"));
  if (!catalog.ok()) return report_error(catalog.error());

  const TimeZone& zone = context.calendar().zone();
  TicketQuery query;
  query.filed_from = zone.to_instant(std::chrono::local_days{*month / 1});
  query.filed_to = zone.to_instant(std::chrono::local_days{(*month + std::chrono::months{1}) / 1});
  auto tickets = context.store().list(query);
  if (!tickets.ok()) return report_error(tickets.error());

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
                                        "recorded_by"};
  const std::string& lang = catalog->language();
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel otherwise guesses GBK
  for (std::size_t i = 0; i < std::size(columns); ++i) {
    out += (i ? "," : "") + csv_field(catalog->text(std::string("register.column.") + columns[i]));
  }
  out += "\r\n";
  const Taxonomy& taxonomy = context.taxonomy();
  for (const Ticket& t : *tickets) {
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
    };
    static_assert(std::size(cells) == std::size(columns));
    for (std::size_t i = 0; i < std::size(cells); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  }
  std::cout << out << std::flush;
  return kExitOk;
}

}  // namespace complaint::ctl
