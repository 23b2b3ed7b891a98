// monthly_report: the statistics of a period's cohort (docs/DOMAIN.md §9), computed once from
// the cohort's tickets and their events as of an instant. Pure: loading is load_cohort's, the
// JSON and CSV are report_output.h's. Every figure follows the definitions in DOMAIN.md §9.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/time_zone.h"
#include "core/domain/ticket.h"
#include "core/reports/assessment.h"
#include "core/store/ticket_repository.h"

namespace complaint {

// Local days `from` to `to`, both included.
struct ReportPeriod {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
};

// "--month YYYY-MM" or "--from DATE --to DATE" (YYYY-MM-DD); invalid_input (month, from, to)
// for a malformed value or a range that ends before it starts.
Result<ReportPeriod> month_period(const std::string& month);
Result<ReportPeriod> range_period(const std::string& from, const std::string& to);
ReportPeriod month_of(const TimeZone& zone, Instant at);
// The instants the period covers: [begin, end).
Instant period_begin(const ReportPeriod& period, const TimeZone& zone);
Instant period_end(const ReportPeriod& period, const TimeZone& zone);
std::string format_date(const std::chrono::year_month_day& day);  // 2026-11-01

// TicketHistory (a ticket with its events) is core/store/ticket_repository.h's.

// The period's cohort as the store holds it: tickets filed in it, each with its events, every
// field read (the register's CSV needs them).
Result<std::vector<TicketHistory>> load_cohort(TicketRepository& store, const ReportPeriod& period,
                                               const TimeZone& zone);
// The same cohort with only the fields monthly_report reads (TicketRepository::report_cohort,
// report_fields_of): its report is the same, at a fraction of the reading (docs/BENCHMARKS.md).
Result<std::vector<TicketHistory>> load_report_cohort(TicketRepository& store, const ReportPeriod& period,
                                                      const TimeZone& zone);

struct ClockCounts {
  int met = 0, missed = 0, pending = 0;
  std::optional<double> rate() const;  // met / (met + missed); nullopt when both are 0
};

struct SatisfactionCounts {
  int satisfied = 0, basically_satisfied = 0, dissatisfied = 0;
  int rated() const { return satisfied + basically_satisfied + dissatisfied; }
  std::optional<double> rate() const;  // (satisfied + basically) / rated; nullopt when none
};

using CountById = std::map<std::string, int>;

// What a report covers beyond its period, and whose tickets to list (docs/DOMAIN.md §9).
struct ReportScope {
  // Only the tickets last forwarded (by the as-of instant) to one of these departments, as a
  // dispatcher's report shows them; nullopt: every ticket of the cohort.
  std::optional<std::vector<std::string>> departments;
  // A figure's key (report_figure.h): the numbers of the tickets it counts go to
  // MonthlyReport::drilled, in cohort order. Empty: no list.
  std::string drill;
};

struct MonthlyReport {
  ReportPeriod period;
  Instant as_of{};
  struct Totals {
    int filed = 0, major = 0, group = 0, repeat = 0, anonymous = 0, withdrawn = 0, withdrawn_voluntary = 0,
        withdrawn_involuntary = 0, reopened = 0, open_at_end = 0, overdue_at_end = 0, not_forwarded = 0;
  } totals;
  CountById by_kind, by_category, by_channel, by_department, by_site, by_kiosk, by_severity;
  ClockCounts forward, contact, resolve, callback;
  SatisfactionCounts satisfaction, satisfaction_staff, satisfaction_customer;
  // Hours from filing to the first reply, over the cohort's replied tickets.
  int replied = 0;
  std::optional<double> reply_hours_median, reply_hours_p90;
  AssessmentRules::Profile assessment_profile = AssessmentRules::Profile::property;
  std::vector<AssessmentEntry> assessment;
  // ReportScope::departments: the report counts only the tickets of these; nullopt: all.
  std::optional<std::vector<std::string>> departments;
  // ReportScope::drill's tickets; each is counted by that figure, and the figure counts no other.
  std::vector<std::string> drilled;
};

// `cohort` may hold tickets outside the period or filed after `as_of`: they are left out.
MonthlyReport monthly_report(const std::vector<TicketHistory>& cohort, const ReportPeriod& period,
                             Instant as_of, const TimeZone& zone, const AssessmentRules& rules = {},
                             const ReportScope& scope = {});

}  // namespace complaint
