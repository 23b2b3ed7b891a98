// monthly_report and its period helpers; see monthly_report.h. The definitions are
// docs/DOMAIN.md §9; the clocks' outcomes come from clock_outcomes (core/deadlines), which
// the QR page uses too.
#include "core/reports/monthly_report.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/deadlines/clock_outcomes.h"
#include "core/reports/report_figure.h"
#include "core/workflow/workflow.h"

namespace complaint {
namespace {

using std::chrono::days;
using std::chrono::local_days;
using std::chrono::year_month_day;

Error bad_month(const std::string& text) {
  return Error::invalid("month", "error.month.invalid", "month must be YYYY-MM, got '" + text + "'");
}

nlohmann::json data_of(const TicketEvent& event) {
  auto data = nlohmann::json::parse(event.data_json, nullptr, false);
  return data.is_object() ? data : nlohmann::json::object();
}

std::string text_in(const nlohmann::json& data, const char* key) {
  return data.contains(key) && data[key].is_string() ? data[key].get<std::string>() : std::string();
}

bool has_clock(const std::vector<DeadlineProgress>& outcomes, const char* clock) {
  return std::any_of(outcomes.begin(), outcomes.end(),
                     [clock](const DeadlineProgress& progress) { return progress.clock == clock; });
}

// What the events had made of the ticket by `as_of`, beyond status and clocks.
struct Facts {
  std::string department;  // last forwarded to
  std::string repeat_of;
  bool withdrawn = false;
  std::optional<bool> voluntary;
  bool reopened = false;
  std::optional<Satisfaction> satisfaction;
  bool rated_by_customer = false;
  std::optional<Instant> first_reply;
  // The verification's judgement as the record events had left it.
  Substantiated substantiated = Substantiated::none;
  std::string responsible_department, responsible_person;
};

Facts facts_as_of(const TicketHistory& history, Instant as_of) {
  Facts facts;
  facts.repeat_of = history.ticket.repeat_of;
  bool repeat_known = false;
  for (const TicketEvent& event : history.events) {
    // Only these actions' data is read below: parsing every event's JSON (the filing's is the
    // largest) was most of a month's report on a 1,000,000-ticket year (docs/BENCHMARKS.md).
    static const std::set<std::string, std::less<>> k_read = {
        "mark_repeat", "forward", "withdraw", "record", "callback", "resolve_on_spot", "customer_rating"};
    const nlohmann::json data = k_read.contains(event.action) ? data_of(event) : nlohmann::json::object();
    if (event.at > as_of) {
      // repeat_of as it was then: the first later mark_repeat kept the value before it.
      if (event.action == "mark_repeat" && !repeat_known) {
        facts.repeat_of = text_in(data, "previous_repeat_of");
        repeat_known = true;
      }
      continue;
    }
    if (event.action == "forward") facts.department = text_in(data, "department");
    if (event.action == "withdraw") {
      facts.withdrawn = true;
      if (data.contains("voluntary") && data["voluntary"].is_boolean())
        facts.voluntary = data["voluntary"].get<bool>();
    }
    if (starts_new_round(event)) facts.reopened = true;
    if (event.action == "reply" && !facts.first_reply) facts.first_reply = event.at;
    if (event.action == "record") {
      if (const auto judged = substantiated_from_string(text_in(data, "substantiated")))
        facts.substantiated = *judged;
      if (const std::string text = text_in(data, "responsible_department"); !text.empty()) {
        facts.responsible_department = text;
      }
      if (const std::string text = text_in(data, "responsible_person"); !text.empty()) {
        facts.responsible_person = text;
      }
    }
    // A customer's rating counts only where it stood for the callback (customer_rating_suffices).
    if ((counts_as_callback(event) || event.action == "resolve_on_spot") && data.contains("satisfaction")) {
      const auto satisfaction = satisfaction_from_string(text_in(data, "satisfaction"));
      if (satisfaction && *satisfaction != Satisfaction::none) {
        facts.satisfaction = satisfaction;
        facts.rated_by_customer = event.role == "customer";
      }
    }
  }
  return facts;
}

// Counts each ticket into its figures and, when the report lists one figure's tickets
// (ReportScope::drill), lists the ticket under it. The figure keys are report_figure.h's.
class Tally {
 public:
  Tally(const std::string& drill, std::vector<std::string>& drilled) : m_drill(drill), m_drilled(drilled) {}

  void start(const std::string& number) { m_number = &number; }

  // Compared part by part, so counting builds no key.
  void add(int& counter, std::string_view group, std::string_view name, std::string_view outcome = {}) {
    ++counter;
    if (m_drill.empty()) return;
    if (outcome.empty() ? is_figure_key(m_drill, {group, name})
                        : is_figure_key(m_drill, {group, name, outcome})) {
      m_drilled.push_back(*m_number);
    }
  }

  void satisfaction(SatisfactionCounts& counts, std::string_view group, Satisfaction satisfaction) {
    int rated = 0;  // counts.rated() is the sum; this only lists the ticket under "rated"
    add(rated, group, "rated");
    if (satisfaction == Satisfaction::satisfied) add(counts.satisfied, group, "satisfied");
    if (satisfaction == Satisfaction::basically_satisfied) {
      add(counts.basically_satisfied, group, "basically_satisfied");
    }
    if (satisfaction == Satisfaction::dissatisfied) add(counts.dissatisfied, group, "dissatisfied");
  }

  // One clock of the ticket into `counts`; returns the ticket's own counts of it.
  ClockCounts clock(ClockCounts& counts, const std::vector<DeadlineProgress>& outcomes, std::string_view name,
                    const char* deadline) {
    ClockCounts mine;
    for (const DeadlineProgress& progress : outcomes) {
      if (progress.clock != deadline) continue;
      switch (progress.outcome) {
        case DeadlineOutcome::met:
          ++mine.met;
          add(counts.met, "on_time", name, "met");
          break;
        case DeadlineOutcome::missed:
        case DeadlineOutcome::overdue:
          ++mine.missed;
          add(counts.missed, "on_time", name, "missed");
          break;
        case DeadlineOutcome::pending:
          ++mine.pending;
          add(counts.pending, "on_time", name, "pending");
          break;
        case DeadlineOutcome::not_needed:
          break;
      }
    }
    return mine;
  }

  // An assessment entry's tickets, each once, in the order of its lines.
  void assessment(const std::vector<AssessmentEntry>& entries) {
    if (m_drill.empty()) return;
    for (const AssessmentEntry& entry : entries) {
      if (m_drill != assessment_figure(entry.department, entry.person)) continue;
      for (const AssessmentLine& line : entry.lines) {
        if (std::find(m_drilled.begin(), m_drilled.end(), line.number) == m_drilled.end()) {
          m_drilled.push_back(line.number);
        }
      }
    }
  }

 private:
  const std::string& m_drill;
  std::vector<std::string>& m_drilled;
  const std::string* m_number = nullptr;
};

// Nearest rank: the smallest value with at least `fraction` of the values at or below it.
double percentile(const std::vector<double>& sorted, double fraction) {
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

double one_decimal(double value) {
  return std::round(value * 10.0) / 10.0;
}

}  // namespace

Result<ReportPeriod> month_period(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return bad_month(text);
  for (std::size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return bad_month(text);
  }
  const int year = std::stoi(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  if (month < 1 || month > 12) return bad_month(text);
  const std::chrono::year_month first = std::chrono::year{year} / std::chrono::month{month};
  return ReportPeriod{first / 1, first / std::chrono::last};
}

Result<ReportPeriod> range_period(const std::string& from, const std::string& to) {
  TRY_ASSIGN(const LocalDays first, parse_local_date(from, "from"));
  TRY_ASSIGN(const LocalDays last, parse_local_date(to, "to"));
  if (last < first) {
    return Error::invalid("to", "error.report.range",
                          "the period ends (" + to + ") before it starts (" + from + ")");
  }
  return ReportPeriod{year_month_day{first}, year_month_day{last}};
}

ReportPeriod month_of(const TimeZone& zone, Instant at) {
  const year_month_day day{std::chrono::floor<days>(zone.to_local(at))};
  const std::chrono::year_month month = day.year() / day.month();
  return ReportPeriod{month / 1, month / std::chrono::last};
}

Instant period_begin(const ReportPeriod& period, const TimeZone& zone) {
  return zone.to_instant(LocalSeconds{local_days{period.from}});
}

Instant period_end(const ReportPeriod& period, const TimeZone& zone) {
  return zone.to_instant(LocalSeconds{local_days{period.to} + days{1}});
}

std::string format_date(const year_month_day& day) {
  return format_local_date(local_days{day});
}

Result<std::vector<TicketHistory>> load_cohort(TicketRepository& store, const ReportPeriod& period,
                                               const TimeZone& zone) {
  TicketQuery query;
  query.filed_from = period_begin(period, zone);
  query.filed_to = period_end(period, zone);
  TRY_ASSIGN(std::vector<Ticket> tickets, store.list(query));
  // All the cohort's events in one query (one per ticket took most of a month's report).
  TRY_ASSIGN(std::vector<TicketEvent> events, store.events_filed(*query.filed_from, *query.filed_to));
  std::vector<TicketHistory> cohort;
  cohort.reserve(tickets.size());
  std::unordered_map<std::string, std::size_t> index;  // number -> position in the cohort
  index.reserve(tickets.size());
  for (Ticket& ticket : tickets) {
    index.emplace(ticket.number, cohort.size());
    cohort.push_back(TicketHistory{std::move(ticket), {}});
  }
  // An event of a ticket filed between the two reads has no ticket here: left out with it.
  for (TicketEvent& event : events) {
    const auto found = index.find(event.ticket_number);
    if (found != index.end()) cohort[found->second].events.push_back(std::move(event));
  }
  return cohort;
}

Result<std::vector<TicketHistory>> load_report_cohort(TicketRepository& store, const ReportPeriod& period,
                                                      const TimeZone& zone) {
  return store.report_cohort(period_begin(period, zone), period_end(period, zone));
}

std::optional<double> ClockCounts::rate() const {
  if (met + missed == 0) return std::nullopt;
  return static_cast<double>(met) / static_cast<double>(met + missed);
}

std::optional<double> SatisfactionCounts::rate() const {
  if (rated() == 0) return std::nullopt;
  return static_cast<double>(satisfied + basically_satisfied) / static_cast<double>(rated());
}

MonthlyReport monthly_report(const std::vector<TicketHistory>& cohort, const ReportPeriod& period,
                             Instant as_of, const TimeZone& zone, const AssessmentRules& rules,
                             const ReportScope& scope) {
  MonthlyReport report;
  report.assessment_profile = rules.profile;
  std::vector<AssessedTicket> assessed;
  assessed.reserve(cohort.size());
  report.period = period;
  report.as_of = as_of;
  report.departments = scope.departments;
  const Instant begin = period_begin(period, zone);
  const Instant end = period_end(period, zone);
  // The period's end as far as the as-of instant knows it.
  const Instant end_known = std::min(end, as_of);
  std::vector<double> reply_hours;
  Tally tally(scope.drill, report.drilled);
  for (const TicketHistory& history : cohort) {
    const Ticket& t = history.ticket;
    if (t.filed_at < begin || t.filed_at >= end || t.filed_at > as_of) continue;
    const Facts facts = facts_as_of(history, as_of);
    if (scope.departments && std::find(scope.departments->begin(), scope.departments->end(),
                                       facts.department) == scope.departments->end()) {
      continue;
    }
    tally.start(t.number);
    MonthlyReport::Totals& totals = report.totals;
    tally.add(totals.filed, "total", "filed");
    tally.add(report.by_kind[t.kind], "by_kind", t.kind);
    tally.add(report.by_category[t.category], "by_category", t.category);
    tally.add(report.by_channel[t.channel], "by_channel", t.channel);
    tally.add(report.by_site[t.site_code], "by_site", t.site_code);
    const std::string kiosk = t.site_code + "-" + t.kiosk_id;
    tally.add(report.by_kiosk[kiosk], "by_kiosk", kiosk);
    tally.add(report.by_severity[to_string(t.severity)], "by_severity", to_string(t.severity));
    if (t.major) tally.add(totals.major, "total", "major");
    if (t.group) tally.add(totals.group, "total", "group");
    if (t.anonymous) tally.add(totals.anonymous, "total", "anonymous");

    if (facts.department.empty()) {
      tally.add(totals.not_forwarded, "total", "not_forwarded");
    } else {
      tally.add(report.by_department[facts.department], "by_department", facts.department);
    }
    if (!facts.repeat_of.empty()) tally.add(totals.repeat, "total", "repeat");
    if (facts.reopened) tally.add(totals.reopened, "total", "reopened");
    if (facts.withdrawn) {
      tally.add(totals.withdrawn, "total", "withdrawn");
      if (facts.voluntary) {
        if (*facts.voluntary) {
          tally.add(totals.withdrawn_voluntary, "total", "withdrawn_voluntary");
        } else {
          tally.add(totals.withdrawn_involuntary, "total", "withdrawn_involuntary");
        }
      }
    }
    if (facts.satisfaction) {
      tally.satisfaction(report.satisfaction, "satisfaction", *facts.satisfaction);
      if (facts.rated_by_customer) {
        tally.satisfaction(report.satisfaction_customer, "customer", *facts.satisfaction);
      } else {
        tally.satisfaction(report.satisfaction_staff, "staff", *facts.satisfaction);
      }
    }
    if (facts.first_reply) {
      reply_hours.push_back(
          std::chrono::duration<double, std::ratio<3600>>(*facts.first_reply - t.filed_at).count());
      tally.add(report.replied, "reply_hours", "count");
    }

    const std::vector<DeadlineProgress> outcomes = clock_outcomes(t, history.events, as_of);
    tally.clock(report.forward, outcomes, "forward", "forward_by");
    tally.clock(report.contact, outcomes, "contact", "contact_by");
    // An inquiry's resolve clock is its answer_by (DOMAIN.md §9).
    const ClockCounts resolve = tally.clock(report.resolve, outcomes, "resolve",
                                            has_clock(outcomes, "answer_by") ? "answer_by" : "resolve_by");
    tally.clock(report.callback, outcomes, "callback", "callback_by");
    assessed.push_back(AssessedTicket{t.number, t.kind, t.major, facts.substantiated,
                                      facts.responsible_department, facts.responsible_person,
                                      facts.department, resolve.missed > 0});

    if (is_open(status_as_of(history.events, end_known))) {
      tally.add(totals.open_at_end, "total", "open_at_end");
      const std::vector<DeadlineProgress> at_end = clock_outcomes(t, history.events, end_known);
      const bool overdue = std::any_of(at_end.begin(), at_end.end(), [](const DeadlineProgress& progress) {
        return progress.outcome == DeadlineOutcome::overdue;
      });
      if (overdue) tally.add(totals.overdue_at_end, "total", "overdue_at_end");
    }
  }
  report.assessment = assess(assessed, rules);
  tally.assessment(report.assessment);
  if (!reply_hours.empty()) {
    std::sort(reply_hours.begin(), reply_hours.end());
    report.reply_hours_median = one_decimal(percentile(reply_hours, 0.5));
    report.reply_hours_p90 = one_decimal(percentile(reply_hours, 0.9));
  }
  return report;
}

}  // namespace complaint
