// The constructed month (issue 14): 54 tickets of November 2026 walked through every path with
// actions entered after they happened (FilingService::act_at, as complaintctl transition --at
// does), on SQLite and PostgreSQL. Every figure of the report (docs/DOMAIN.md §9) is asserted
// exactly, as computed in process and as complaintctl report prints it from the same database;
// the report's and the register's CSV are read back by Python's csv module.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/reports/monthly_report.h"
#include "core/reports/report_access.h"
#include "core/reports/report_figure.h"
#include "core/reports/report_output.h"
#include "desk_process.h"
#include "desk_store_fixture.h"
#include "report_actions.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;

// What a constructed ticket is filed as.
struct Filing {
  std::string kind = "complaint";
  std::string channel = "kiosk";
  std::string category = "service_attitude";
  bool anonymous = false;
};

class MonthlyReportStoreTest : public DeskStoreFixture, protected ReportActions {
 protected:
  // Local time in the site's zone.
  Instant local(int month, int day, int hour, int minute = 0) {
    using namespace std::chrono;
    const local_days date{year{2026} / month / day};
    return calendar->zone().to_instant(LocalSeconds{date + hours{hour} + minutes{minute}});
  }

  // Files a ticket at `at` (the clock stands there: the file event's time) with its own phone,
  // so no two tickets are repeats of each other by phone.
  Ticket file(Instant at, const Filing& filing = {}) {
    clock.set(at);
    TicketDraft draft;
    draft.kind = filing.kind;
    draft.channel = filing.channel;
    draft.category = filing.category;
    draft.content = "柜员态度冷漠，排队四十分钟无人解释。";
    if (!filing.anonymous) {
      draft.customer_name = "张三";
      char phone[16];
      std::snprintf(phone, sizeof phone, "13800138%03d", m_next_phone++);
      draft.phone = phone;
    }
    draft.anonymous = filing.anonymous;
    return must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
  }

  // One action that happened at `at`, entered an hour later.
  void act(const Ticket& ticket, Instant at, ActionRequest request) {
    if (request.actor.empty()) request.actor = to_string(request.role);
    clock.set(at + 1h);
    must(staff->act_at(ticket.number, request, at));
  }

  // The happy path up to the callback: forward +30 min, contact +2 h, reply +26 h, callback +50 h.
  void on_time(const Ticket& t, const char* department, Satisfaction satisfaction,
               Role rater = Role::dispatcher) {
    act(t, t.filed_at + 30min, forward(department));
    act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
    act(t, t.filed_at + 25h, record());
    act(t, t.filed_at + 26h, reply());
    act(t, t.filed_at + 50h, callback(satisfaction, rater));
  }

  void build_month() {
    config.escalation.group_threshold = 1000;  // no group flags: every filing here is one customer
    // The customers' own ratings (G, L) stand for the callback at this deployment, so the report
    // counts them by source (docs/DOMAIN.md §9).
    config.deadlines.customer_rating_suffices = true;
    const Instant monday_2 = local(11, 2, 10), monday_9 = local(11, 9, 10), monday_16 = local(11, 16, 10);

    // A (10): every step on time, satisfied (staff), archived.
    for (int i = 0; i < 10; ++i) {
      const Ticket t = file(monday_2);
      if (i == 0) m_first = t.number;
      on_time(t, "营业部", Satisfaction::satisfied);
      act(t, t.filed_at + 51h, simple(Action::archive, Role::dispatcher));
    }
    // B (6, by phone): every step late, dissatisfied.
    for (int i = 0; i < 6; ++i) {
      const Ticket t = file(monday_2, Filing{.channel = "phone"});
      act(t, t.filed_at + 3h, forward("客服部"));
      act(t, t.filed_at + 30h, simple(Action::contact, Role::handler));
      act(t, t.filed_at + 240h, reply());
      act(t, t.filed_at + 432h, callback(Satisfaction::dissatisfied));
    }
    // C (5, letters about service quality): never touched.
    for (int i = 0; i < 5; ++i) file(monday_9, Filing{.channel = "letter", .category = "service_quality"});
    // D (4): forwarded and contacted on time on the last day, resolution still ahead.
    for (int i = 0; i < 4; ++i) {
      const Ticket t = file(local(11, 30, 10));
      act(t, t.filed_at + 30min, forward("营业部"));
      act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
    }
    // D2 (2): filed half an hour before the month ends; every clock still ahead.
    for (int i = 0; i < 2; ++i) file(local(11, 30, 23, 30));
    // E (3): forwarded, then withdrawn voluntarily before anything else was due.
    for (int i = 0; i < 3; ++i) {
      const Ticket t = file(monday_9);
      m_withdrawn_voluntarily.push_back(t.number);
      act(t, t.filed_at + 30min, forward("营业部"));
      act(t, t.filed_at + 1h, withdraw(true));
    }
    // F (2): nothing done for two days, then withdrawn, not voluntarily.
    for (int i = 0; i < 2; ++i) {
      const Ticket t = file(monday_9);
      act(t, t.filed_at + 48h, withdraw(false));
    }
    // G (3): on time, dissatisfied, reopened; the second round on time, the customer satisfied.
    for (int i = 0; i < 3; ++i) {
      const Ticket t = file(monday_9);
      on_time(t, "营业部", Satisfaction::dissatisfied);
      act(t, t.filed_at + 51h, simple(Action::reopen, Role::dispatcher));
      act(t, t.filed_at + 70h, reply());
      act(t, t.filed_at + 94h, callback(Satisfaction::satisfied, Role::customer));
    }
    // H (3): anonymous; no contact or callback clock; archived after the reply.
    for (int i = 0; i < 3; ++i) {
      const Ticket t = file(monday_16, Filing{.anonymous = true});
      act(t, t.filed_at + 30min, forward("营业部"));
      act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
      act(t, t.filed_at + 25h, record());
      act(t, t.filed_at + 26h, reply());
      act(t, t.filed_at + 27h, simple(Action::archive, Role::dispatcher));
    }
    // I (3) and I2 (2): major (rule violation, 48 h); I on time, I2 replied after 60 h, no callback.
    for (int i = 0; i < 5; ++i) {
      const Ticket t = file(monday_2, Filing{.category = "rule_violation"});
      act(t, t.filed_at + 10min, simple(Action::notify_major, Role::supervisor));
      act(t, t.filed_at + 30min, forward("营业部", Role::supervisor));
      act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
      if (i < 3) {
        act(t, t.filed_at + 30h, reply());
        act(t, t.filed_at + 50h, callback(Satisfaction::satisfied));
      } else {
        act(t, t.filed_at + 40h, record());  // substantiated, 营业部 / 王五: a major complaint to assess
        act(t, t.filed_at + 60h, reply());
      }
    }
    // J (4) and J2 (2): inquiries (answer within 24 h); J answered after 5 h, J2 after 30 h.
    for (int i = 0; i < 6; ++i) {
      const Ticket t = file(monday_16, Filing{.kind = "inquiry", .category = "other"});
      act(t, t.filed_at + 30min, forward("客服部"));
      act(t, t.filed_at + 2h, simple(Action::contact, Role::handler));
      const auto replied = t.filed_at + (i < 4 ? 5h : 30h);
      act(t, replied, reply());
      act(t, replied + 24h, callback(i < 4 ? Satisfaction::satisfied : Satisfaction::basically_satisfied));
    }
    // K (3): resolved on the spot, satisfied.
    for (int i = 0; i < 3; ++i) {
      const Ticket t = file(monday_16);
      ActionRequest spot = simple(Action::resolve_on_spot, Role::intake_clerk);
      spot.note = "当场说明";
      spot.handling_result = "客户接受解释";
      spot.verification = "收费标准核实无误";  // it archives: the record form is complete
      spot.handling_opinion = "当场解释";
      spot.satisfaction = Satisfaction::satisfied;
      act(t, t.filed_at + 20min, spot);
    }
    // L (2): marked as repeats of an A ticket, on time, the customer basically satisfied.
    for (int i = 0; i < 2; ++i) {
      const Ticket t = file(monday_16);
      ActionRequest repeat = simple(Action::mark_repeat, Role::dispatcher);
      repeat.repeat_of = m_first;
      act(t, t.filed_at + 10min, repeat);
      on_time(t, "营业部", Satisfaction::basically_satisfied, Role::customer);
    }
    // Outside the month: the last minute of October, the first of December.
    file(local(10, 31, 23, 59));
    file(local(12, 1, 0, 0));
    clock.set(as_of());
  }

  // The report's as-of instant: December begins.
  Instant as_of() { return local(12, 1, 0); }
  std::string m_first;
  std::vector<std::string> m_withdrawn_voluntarily;  // E, in filing order

 private:
  int m_next_phone = 0;
};

TEST_P(MonthlyReportStoreTest, EveryFigureOfTheConstructedMonth) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  const auto cohort = must(load_cohort(*tickets, month, calendar->zone()));
  ASSERT_EQ(cohort.size(), 54u);
  const MonthlyReport r = monthly_report(cohort, month, as_of(), calendar->zone());

  const MonthlyReport::Totals& t = r.totals;
  EXPECT_EQ(t.filed, 54);
  EXPECT_EQ(t.major, 5);
  EXPECT_EQ(t.group, 0);
  EXPECT_EQ(t.repeat, 2);
  EXPECT_EQ(t.anonymous, 3);
  EXPECT_EQ(t.withdrawn, 5);
  EXPECT_EQ(t.withdrawn_voluntary, 3);
  EXPECT_EQ(t.withdrawn_involuntary, 2);
  EXPECT_EQ(t.reopened, 3);
  EXPECT_EQ(t.open_at_end, 33);
  EXPECT_EQ(t.overdue_at_end, 7);
  EXPECT_EQ(t.not_forwarded, 12);

  EXPECT_EQ(r.by_kind, (CountById{{"complaint", 48}, {"inquiry", 6}}));
  EXPECT_EQ(
      r.by_category,
      (CountById{{"other", 6}, {"rule_violation", 5}, {"service_attitude", 38}, {"service_quality", 5}}));
  EXPECT_EQ(r.by_channel, (CountById{{"kiosk", 43}, {"letter", 5}, {"phone", 6}}));
  EXPECT_EQ(r.by_department, (CountById{{"营业部", 30}, {"客服部", 12}}));
  EXPECT_EQ(r.by_site, (CountById{{"WH01", 54}}));
  EXPECT_EQ(r.by_kiosk, (CountById{{"WH01-K1", 54}}));
  EXPECT_EQ(r.by_severity, (CountById{{"general", 49}, {"major", 5}}));

  const auto clock_is = [](const ClockCounts& c, int met, int missed, int pending) {
    return c.met == met && c.missed == missed && c.pending == pending;
  };
  EXPECT_TRUE(clock_is(r.forward, 36, 13, 2))
      << r.forward.met << "/" << r.forward.missed << "/" << r.forward.pending;
  EXPECT_TRUE(clock_is(r.contact, 30, 13, 2))
      << r.contact.met << "/" << r.contact.missed << "/" << r.contact.pending;
  EXPECT_TRUE(clock_is(r.resolve, 25, 15, 6))
      << r.resolve.met << "/" << r.resolve.missed << "/" << r.resolve.pending;
  EXPECT_TRUE(clock_is(r.callback, 24, 8, 0))
      << r.callback.met << "/" << r.callback.missed << "/" << r.callback.pending;
  EXPECT_DOUBLE_EQ(*r.forward.rate(), 36.0 / 49.0);
  EXPECT_DOUBLE_EQ(*r.callback.rate(), 24.0 / 32.0);

  EXPECT_EQ(r.satisfaction_staff.satisfied, 20);
  EXPECT_EQ(r.satisfaction_staff.basically_satisfied, 2);
  EXPECT_EQ(r.satisfaction_staff.dissatisfied, 6);
  EXPECT_EQ(r.satisfaction_customer.satisfied, 3);
  EXPECT_EQ(r.satisfaction_customer.basically_satisfied, 2);
  EXPECT_EQ(r.satisfaction_customer.dissatisfied, 0);
  EXPECT_EQ(r.satisfaction.rated(), 33);
  EXPECT_DOUBLE_EQ(*r.satisfaction.rate(), 27.0 / 33.0);
  EXPECT_DOUBLE_EQ(*r.satisfaction_customer.rate(), 1.0);

  // Assessment (the property company's rules): A, G, H and L substantiated general (-1 each,
  // 18), I2 substantiated major (-5) and late (-2), all charged to 营业部 / 王五; B and J2 late (-2),
  // charged to the department they were forwarded to, 客服部; C late but never forwarded: nobody.
  ASSERT_EQ(r.assessment.size(), 2u);
  EXPECT_EQ(r.assessment[0].department, "客服部");
  EXPECT_EQ(r.assessment[0].person, "");
  EXPECT_EQ(r.assessment[0].points, -16);
  EXPECT_EQ(r.assessment[0].lines.size(), 8u);
  EXPECT_EQ(r.assessment[1].department, "营业部");
  EXPECT_EQ(r.assessment[1].person, "王五");
  EXPECT_EQ(r.assessment[1].points, -18 - 2 * 7);
  EXPECT_EQ(r.assessment[1].lines.size(), 18u + 2 * 2);
  EXPECT_EQ(r.assessment[1].lines.front().number, m_first);
  EXPECT_EQ(r.assessment[1].lines.front().rule, "substantiated_general");
  // The tobacco company's profile: -1 for each complaint with someone to charge.
  AssessmentRules per_complaint;
  per_complaint.profile = AssessmentRules::Profile::per_complaint;
  const MonthlyReport tobacco = monthly_report(cohort, month, as_of(), calendar->zone(), per_complaint);
  int charged = 0;
  for (const AssessmentEntry& entry : tobacco.assessment) charged += -entry.points;
  EXPECT_EQ(charged, 48 - 12 + 0);  // the complaints (48) less those never forwarded nor judged (12)

  EXPECT_EQ(r.replied, 35);
  EXPECT_EQ(r.reply_hours_median, 26.0);
  EXPECT_EQ(r.reply_hours_p90, 240.0);

  // As of Wednesday 11-11 12:30, between G's dissatisfied callback and its reopening: only the
  // tickets filed by then, G not yet reopened, its rating the staff's; E and F withdrawn.
  const MonthlyReport earlier = monthly_report(cohort, month, local(11, 11, 12, 30), calendar->zone());
  EXPECT_EQ(earlier.totals.filed, 34);
  EXPECT_EQ(earlier.totals.reopened, 0);
  EXPECT_EQ(earlier.totals.withdrawn, 5);
  EXPECT_EQ(earlier.satisfaction_staff.dissatisfied, 3);
  EXPECT_EQ(earlier.satisfaction_customer.rated(), 0);

  // complaintctl prints the same report from the same database.
  const CommandResult printed = run_command({COMPLAINTCTL_PATH, "--db", database(), "report", "--month",
                                             "2026-11", "--as-of", "2026-12-01T00:00:00+08:00"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(json::parse(printed.out), report_to_json(r, calendar->zone()));
  const json printed_json = json::parse(printed.out);
  EXPECT_EQ(printed_json["on_time"]["resolve"],
            (json{{"met", 25}, {"missed", 15}, {"pending", 6}, {"rate", 25.0 / 40.0}}));
  EXPECT_EQ(printed_json["period"], (json{{"from", "2026-11-01"}, {"to", "2026-11-30"}}));
}

// Drill-down (docs/DOMAIN.md §9): every figure of the report lists exactly as many tickets as
// it counts, each once, and the lists are the tickets the definitions name.
TEST_P(MonthlyReportStoreTest, EveryFigureListsTheTicketsItCounts) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  const auto cohort = must(load_cohort(*tickets, month, calendar->zone()));
  const MonthlyReport r = monthly_report(cohort, month, as_of(), calendar->zone());
  const std::vector<ReportFigure> figures = report_figures(r);
  ASSERT_GT(figures.size(), 50u);
  for (const ReportFigure& figure : figures) {
    ReportScope drill;
    drill.drill = figure.key;
    const MonthlyReport listed = monthly_report(cohort, month, as_of(), calendar->zone(), {}, drill);
    EXPECT_EQ(static_cast<int>(listed.drilled.size()), figure.value) << figure.key;
    const std::set<std::string> distinct(listed.drilled.begin(), listed.drilled.end());
    EXPECT_EQ(distinct.size(), listed.drilled.size()) << figure.key << ": a ticket listed twice";
    EXPECT_EQ(listed.totals.filed, r.totals.filed) << "listing changes no figure";
  }
  const auto drilled = [&](const std::string& key) {
    ReportScope drill;
    drill.drill = key;
    return monthly_report(cohort, month, as_of(), calendar->zone(), {}, drill).drilled;
  };
  EXPECT_EQ(drilled("total.withdrawn_voluntary"), m_withdrawn_voluntarily);
  EXPECT_EQ(drilled("total.filed").size(), 54u);
  EXPECT_EQ(drilled("on_time.forward.missed").size(), 13u);
  EXPECT_EQ(drilled("by_channel.letter").size(), 5u);
  EXPECT_EQ(drilled("assessment.营业部,王五").front(), m_first);
  EXPECT_TRUE(drilled("by_category.no_such_category").empty());
  EXPECT_TRUE(drilled("total").empty());
  EXPECT_TRUE(drilled("on_time.forward").empty());
}

// A dispatcher's report counts only the tickets last forwarded to the account's departments:
// B and J went to 客服部.
TEST_P(MonthlyReportStoreTest, ADepartmentsReportCountsOnlyItsTickets) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  const auto cohort = must(load_cohort(*tickets, month, calendar->zone()));
  const ReportScope scope = must(report_scope(Role::dispatcher, {"客服部"}));
  const MonthlyReport r = monthly_report(cohort, month, as_of(), calendar->zone(), {}, scope);
  EXPECT_EQ(r.totals.filed, 12);
  EXPECT_EQ(r.totals.not_forwarded, 0);
  EXPECT_EQ(r.by_department, (CountById{{"客服部", 12}}));
  EXPECT_EQ(r.by_channel, (CountById{{"kiosk", 6}, {"phone", 6}}));
  EXPECT_EQ(r.forward.missed, 6);
  EXPECT_EQ(r.forward.met, 6);
  ASSERT_EQ(r.assessment.size(), 1u);
  EXPECT_EQ(r.assessment[0].department, "客服部");
  EXPECT_EQ(r.assessment[0].points, -16);
  EXPECT_EQ(r.departments, std::optional<std::vector<std::string>>({"客服部"}));
  // Supervisors and executives see every department; a dispatcher without one, handlers and
  // clerks see no report.
  EXPECT_FALSE(must(report_scope(Role::supervisor, {})).departments);
  EXPECT_FALSE(must(report_scope(Role::executive, {"客服部"})).departments);
  EXPECT_EQ(report_scope(Role::dispatcher, {}).error().key, "error.report.no_department");
  EXPECT_EQ(report_scope(Role::handler, {"客服部"}).error().key, "error.report.forbidden");
  EXPECT_EQ(report_scope(Role::intake_clerk, {}).error().code, ErrorCode::forbidden);
}

// The report's CSV and the register, written by complaintctl on either store and read back by a
// real CSV reader (Python's, as Excel reads it: utf-8-sig, RFC 4180).
// The slim cohort (TicketRepository::report_cohort: the report's fields only) gives the same
// report as the full rows, at the month's end and at instants inside it (where later events,
// a reopen's kept deadlines or a mark_repeat's previous value, decide the figures).
TEST_P(MonthlyReportStoreTest, TheSlimCohortGivesTheSameReportAsTheFullRows) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  const auto full = must(load_cohort(*tickets, month, calendar->zone()));
  const auto slim = must(load_report_cohort(*tickets, month, calendar->zone()));
  ASSERT_EQ(slim.size(), full.size());
  for (std::size_t i = 0; i < slim.size(); ++i) {
    EXPECT_EQ(slim[i].ticket.number, full[i].ticket.number);
    EXPECT_EQ(slim[i].events.size(), full[i].events.size()) << full[i].ticket.number;
  }
  for (const Instant at :
       {as_of(), local(11, 10, 12), local(11, 20, 12), local(11, 28, 18), local(11, 30, 23)}) {
    const MonthlyReport expected = monthly_report(full, month, at, calendar->zone());
    const MonthlyReport actual = monthly_report(slim, month, at, calendar->zone());
    EXPECT_EQ(report_to_json(actual, calendar->zone()), report_to_json(expected, calendar->zone()))
        << calendar->zone().format_iso8601(at);
    EXPECT_EQ(actual.by_severity, expected.by_severity);
    EXPECT_EQ(actual.totals.not_forwarded, expected.totals.not_forwarded);
    ASSERT_EQ(actual.assessment.size(), expected.assessment.size());
    for (std::size_t i = 0; i < actual.assessment.size(); ++i) {
      EXPECT_EQ(actual.assessment[i].department, expected.assessment[i].department);
      EXPECT_EQ(actual.assessment[i].person, expected.assessment[i].person);
      EXPECT_EQ(actual.assessment[i].points, expected.assessment[i].points);
    }
  }
  // Not a vacuous comparison: the month has every kind of figure.
  const MonthlyReport r = monthly_report(slim, month, as_of(), calendar->zone());
  EXPECT_EQ(r.totals.filed, 54);
  EXPECT_EQ(r.totals.reopened, 3);
  EXPECT_EQ(r.totals.repeat, 2);
  EXPECT_EQ(r.totals.withdrawn_voluntary, 3);
  EXPECT_GT(r.satisfaction.rated(), 0);
  EXPECT_FALSE(r.assessment.empty());
}

// The report digests (core/store/report_digest.h): the first report writes one per ticket, the
// next reads them, and one that no longer matches the ticket's events (an event appended
// since, a damaged row) or is missing (a ticket filed since) is read in full and rewritten;
// the report stays the full rows' each time. The count of events beside each digest is the
// trigger's (desk schema 8), kept as the events are appended.
TEST_P(MonthlyReportStoreTest, ReportDigestsAreFilledCheckedAndRefreshed) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  const auto same_as_full = [&](const char* when) {
    clock.set(as_of());
    const auto full = must(load_cohort(*tickets, month, calendar->zone()));
    const auto slim = must(load_report_cohort(*tickets, month, calendar->zone()));
    EXPECT_EQ(report_to_json(monthly_report(slim, month, as_of(), calendar->zone()), calendar->zone()),
              report_to_json(monthly_report(full, month, as_of(), calendar->zone()), calendar->zone()))
        << when;
    return full.size();
  };
  // Every ticket's row holds its count of events (the month's 54 and the tickets of other months).
  const char* const counts_agree =
      "SELECT count(*) = (SELECT count(*) FROM tickets) FROM report_digests d WHERE d.event_count = "
      "(SELECT count(*) FROM events e WHERE e.ticket_number = d.number)";
  const std::string yes = GetParam() == StoreKind::sqlite ? "1" : "t";
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest IS NOT NULL"), "0");
  EXPECT_EQ(raw_query(counts_agree), yes);
  EXPECT_EQ(same_as_full("cold"), 54u);
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest_count = event_count"), "54");
  // Kept: the data keys the report reads, never the filing's content or a typed note.
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest LIKE '%柜员%'"), "0");
  EXPECT_EQ(same_as_full("warm"), 54u);

  EXPECT_TRUE(raw_sql("UPDATE report_digests SET digest = 'damaged' WHERE number = '" + m_first + "'"));
  EXPECT_EQ(same_as_full("a damaged digest"), 54u);
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest = 'damaged'"), "0");

  const Ticket late = file(local(11, 30, 10));
  const std::string of_late = " FROM report_digests WHERE number = '" + late.number + "'";
  EXPECT_EQ(raw_query("SELECT event_count, digest_count IS NULL" + of_late),
            GetParam() == StoreKind::sqlite ? "1|1" : "1|t");
  EXPECT_EQ(same_as_full("a ticket filed since"), 55u);
  EXPECT_EQ(raw_query("SELECT event_count, digest_count" + of_late), "1|1");
  act(late, late.filed_at + 30min, forward("营业部"));
  EXPECT_EQ(raw_query("SELECT event_count, digest_count" + of_late), "2|1")
      << "the trigger counted the event";
  EXPECT_EQ(same_as_full("an event appended since"), 55u);
  EXPECT_EQ(raw_query("SELECT event_count, digest_count" + of_late), "2|2");
  const auto slim = must(load_report_cohort(*tickets, month, calendar->zone()));
  const auto found = std::find_if(slim.begin(), slim.end(),
                                  [&](const TicketHistory& h) { return h.ticket.number == late.number; });
  ASSERT_NE(found, slim.end());
  ASSERT_EQ(found->events.size(), 2u);
  EXPECT_EQ(found->events.back().action, "forward");
  EXPECT_EQ(found->events.back().data_json, R"({"department":"营业部"})");
  EXPECT_EQ(raw_query(counts_agree), yes);
}

// A desk whose report digests are the first version's (SQLite desk schema 7, and the PostgreSQL
// schema of that release: event_count was the digest's own, no trigger) upgrades when opened:
// each ticket's count is taken from its events, the digests that are still current are kept
// and used, a stale one is not, and the trigger counts what is appended after.
TEST_P(MonthlyReportStoreTest, ReportDigestsOfTheFirstVersionUpgrade) {
  build_month();
  const ReportPeriod month = must(month_period("2026-11"));
  clock.set(as_of());
  const auto report_of = [&](const std::vector<TicketHistory>& cohort) {
    return report_to_json(monthly_report(cohort, month, as_of(), calendar->zone()), calendar->zone());
  };
  const auto full = must(load_cohort(*tickets, month, calendar->zone()));
  must(load_report_cohort(*tickets, month, calendar->zone()));  // writes the digests
  // Back to the first version's table, its digests as they were, one of them no longer current
  // (its count is not its ticket's count of events).
  std::string old_schema =
      "CREATE TABLE report_digests_before (number TEXT PRIMARY KEY, event_count INTEGER NOT NULL, digest "
      "TEXT NOT "
      "NULL);"
      "INSERT INTO report_digests_before SELECT number, digest_count, digest FROM report_digests WHERE "
      "digest IS "
      "NOT NULL;"
      "UPDATE report_digests_before SET event_count = event_count + 1 WHERE number = '" +
      m_first + "';";
  if (GetParam() == StoreKind::sqlite) {
    old_schema +=
        "DROP TRIGGER events_count_for_report; DROP TABLE report_digests;"
        "ALTER TABLE report_digests_before RENAME TO report_digests;"
        "DROP TABLE help_requests;" +  // version 9, after this one
        desk_search_before() +         // version 11
        "UPDATE schema_extensions SET version = 7 WHERE name = 'desk';";
  } else {
    old_schema +=
        "DROP TRIGGER events_count_for_report ON events; DROP TABLE report_digests;"
        "ALTER TABLE report_digests_before RENAME TO report_digests;"
        "ALTER INDEX report_digests_before_pkey RENAME TO report_digests_pkey;";
  }
  ASSERT_TRUE(raw_sql(old_schema + older_release()));
  reopen();
  if (GetParam() == StoreKind::sqlite) {
    EXPECT_EQ(raw_query("SELECT version FROM schema_extensions WHERE name = 'desk'"),
              std::to_string(SqliteDeskStore::latest_desk_schema_version()));
  }
  EXPECT_EQ(raw_query("SELECT count(*) = (SELECT count(*) FROM tickets) FROM report_digests d WHERE "
                      "d.event_count = (SELECT count(*) FROM events e WHERE e.ticket_number = d.number)"),
            GetParam() == StoreKind::sqlite ? "1" : "t")
      << "every ticket's count, taken from its events";
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest_count = event_count"), "53")
      << "the first version's digests are kept; the stale one is not current";
  const auto upgraded = must(load_report_cohort(*tickets, month, calendar->zone()));
  EXPECT_EQ(report_of(upgraded), report_of(full));
  EXPECT_EQ(raw_query("SELECT count(*) FROM report_digests WHERE digest_count = event_count"), "54");
  reopen();  // the upgrade runs once
  const Ticket late = file(local(11, 30, 10));
  act(late, late.filed_at + 30min, forward("营业部"));
  EXPECT_EQ(raw_query("SELECT event_count FROM report_digests WHERE number = '" + late.number + "'"), "2");
  clock.set(as_of());
  EXPECT_EQ(report_of(must(load_report_cohort(*tickets, month, calendar->zone()))),
            report_of(must(load_cohort(*tickets, month, calendar->zone()))));
}

TEST_P(MonthlyReportStoreTest, TheCsvFilesReadBackWithChineseIntact) {
  build_month();
  const std::string report_csv = dir.file("report.csv");
  const CommandResult report =
      run_command({COMPLAINTCTL_PATH, "--db", database(), "report", "--month", "2026-11", "--as-of",
                   "2026-12-01T00:00:00+08:00", "--format", "csv", "-o", report_csv});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const CommandResult exported = run_command({COMPLAINTCTL_PATH, "--db", database(), "export", "--month",
                                              "2026-11", "--as-of", "2026-12-01T00:00:00+08:00"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string register_csv = dir.file("register.csv");
  std::ofstream(register_csv, std::ios::binary) << exported.out;

  const std::string reader =
      "import csv, json, sys\n"
      "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n"
      "print(json.dumps(rows, ensure_ascii=False))\n";
  const auto read = [&](const std::string& path) {
    const CommandResult parsed = run_command({"/usr/bin/python3", "-c", reader, path});
    EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
    return json::parse(parsed.out);
  };
  std::ifstream bytes(report_csv, std::ios::binary);
  std::string head(3, '\0');
  bytes.read(head.data(), 3);
  EXPECT_EQ(head, "\xEF\xBB\xBF");

  const json rows = read(report_csv);
  const auto value = [&rows](const std::string& section, const std::string& item) {
    for (const json& row : rows) {
      if (row.size() == 3 && row[0] == section && row[1] == item) return row[2].get<std::string>();
    }
    ADD_FAILURE() << "no row " << section << " / " << item;
    return std::string();
  };
  EXPECT_EQ(rows[0], (json{"分类", "项目", "数值"}));
  EXPECT_EQ(value("总计", "受理总数"), "54");
  EXPECT_EQ(value("总计", "期末超时未办结"), "7");
  EXPECT_EQ(value("按责任部门", "营业部"), "30");
  EXPECT_EQ(value("按投诉类别", "服务态度"), "38");
  EXPECT_EQ(value("转发及时", "按时"), "36");
  EXPECT_EQ(value("办结及时", "及时率"), "62.5%");
  EXPECT_EQ(value("满意度（客户自评）", "满意率"), "100.0%");
  EXPECT_EQ(value("受理至答复用时（小时）", "中位数"), "26.0");

  const json register_rows = read(register_csv);
  ASSERT_EQ(register_rows.size(), 55u) << "header + the month's 54 tickets";
  const json& header = register_rows[0];
  const auto column = [&header](const std::string& title) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == title) return i;
    }
    ADD_FAILURE() << "no column " << title;
    return std::size_t{0};
  };
  const json& first = register_rows[1];  // ordered by filing time: an A ticket
  EXPECT_EQ(first[column("编号")], m_first);
  EXPECT_EQ(first[column("是否属实")], "属实");
  EXPECT_EQ(first[column("责任部门（考核）")], "营业部");
  EXPECT_EQ(first[column("责任人")], "王五");
  EXPECT_EQ(first[column("转发时限：结果")], "按时");
  EXPECT_EQ(first[column("回访时限：结果")], "按时");
  for (const json& row : register_rows) EXPECT_EQ(row.size(), header.size());
}

INSTANTIATE_TEST_SUITE_P(BothStores, MonthlyReportStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
