// The register as CSV; see register_csv.h.
#include "core/reports/register_csv.h"

#include <algorithm>

#include "core/deadlines/clock_outcomes.h"
#include "core/deadlines/pending_deadlines.h"
#include "core/i18n/local_time_text.h"
#include "core/reports/csv.h"

namespace complaint {
namespace {

std::string optional_instant(const Catalog& catalog, const TimeZone& zone, const std::optional<Instant>& at) {
  return at ? format_local_with_weekday(catalog, zone, *at) : std::string();
}

std::string label(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry != nullptr ? entry->label(language) : id;
}

}  // namespace

std::string register_to_csv(const std::vector<TicketHistory>& cohort, const Catalog& catalog,
                            const Taxonomy& taxonomy, const TimeZone& zone, Instant as_of) {
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
  const std::string& lang = catalog.language();
  std::vector<std::string> header;
  for (const char* column : columns) header.push_back(catalog.text(std::string("register.column.") + column));
  // Every clock: its deadline, when its step was done, and the outcome as of --as-of.
  for (const PendingRule& rule : pending_rules()) {
    for (const char* part : {"due", "done", "outcome"}) {
      header.push_back(
          catalog.format(std::string("register.clock.") + part,
                         {{"clock", catalog.text(std::string("console.deadline.") + rule.name)}}));
    }
  }
  std::string out(kUtf8Bom);
  out += csv_row(header);
  for (const TicketHistory& history : cohort) {
    const Ticket& t = history.ticket;
    const std::string yes = catalog.text("register.yes"), no = catalog.text("register.no");
    const std::string cells[] = {
        t.number,
        format_local_with_weekday(catalog, zone, t.filed_at),
        label(taxonomy.channel(t.channel), t.channel, lang),
        label(taxonomy.kind(t.kind), t.kind, lang),
        label(taxonomy.category(t.category), t.category, lang),
        catalog.text(std::string("severity.") + to_string(t.severity)),
        t.anonymous ? catalog.text("register.anonymous") : t.customer_name,
        t.address,
        t.phone,
        t.content,
        t.desired_outcome,
        t.verification,
        t.handling_opinion,
        t.handling_result,
        t.satisfaction == Satisfaction::none
            ? ""
            : catalog.text(std::string("satisfaction.") + to_string(t.satisfaction)),
        t.callback_note,
        t.handler,
        t.supervisor,
        t.department,
        catalog.text(std::string("status.") + to_string(t.status)),
        t.major ? yes : no,
        t.repeat_of,
        t.group ? yes : no,
        optional_instant(catalog, zone, t.deadlines.resolve_by),
        t.recorded_by,
        t.substantiated == Substantiated::none
            ? ""
            : catalog.text(std::string("substantiated.") + to_string(t.substantiated)),
        t.responsible_department,
        t.responsible_person,
    };
    static_assert(std::size(cells) == std::size(columns));
    std::vector<std::string> row(std::begin(cells), std::end(cells));
    const std::vector<DeadlineProgress> outcomes = clock_outcomes(t, history.events, as_of);
    for (const PendingRule& rule : pending_rules()) {
      const auto found = std::find_if(outcomes.begin(), outcomes.end(),
                                      [&rule](const DeadlineProgress& p) { return p.clock == rule.name; });
      if (found == outcomes.end()) {
        row.insert(row.end(), {"", "", ""});
        continue;
      }
      row.push_back(format_local_with_weekday(catalog, zone, found->due));
      row.push_back(optional_instant(catalog, zone, found->done_at));
      row.push_back(catalog.text(std::string("register.outcome.") + to_string(found->outcome)));
    }
    out += csv_row(row);
  }
  return out;
}

}  // namespace complaint
