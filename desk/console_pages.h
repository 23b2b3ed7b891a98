// HTML of the staff console, rendered on the server (no build step, no external assets):
// the layout, the login page, the queue and the ticket page. Every text comes from the
// user's catalog; every value is escaped here.
#pragma once

#include <string>
#include <vector>

#include <set>

#include "core/attachments/attachment_store.h"
#include "core/attachments/file_size.h"
#include "core/calendar/time_zone.h"
#include "core/desk_state/departments.h"
#include "core/desk_state/staff_sessions.h"
#include "core/domain/help_request.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/notify/notice.h"
#include "core/reports/monthly_report.h"
#include "core/reports/monthly_trend.h"
#include "core/retention/retention_policy.h"
#include "core/sync/ticket_search.h"
#include "core/workflow/extension.h"
#include "desk/console_queue.h"
#include "desk/intake_form.h"

namespace complaint::desk {

struct PageContext {
  const Catalog& catalog;
  const Taxonomy& taxonomy;
  const TimeZone& zone;
  const StaffSession* session;  // null on the login page
  Instant now{};
  // Years without a holiday list (core/calendar/calendar_warning.h): a banner for
  // supervisors only, set by the routes; empty for everyone else.
  std::set<int> calendar_missing = {};
  // Kiosks' help requests nobody has attended (the header's link shows the count); -1: not
  // counted (the login page, or the store did not answer).
  int open_help = -1;
};

// "2026-11-20 16:00" in the site's zone; with_weekday appends "（星期五）" / " (Friday)".
// Deadlines pass end_of_day: one due at midnight reads "2026-11-20 24:00", as on the receipt.
std::string format_local(const PageContext& page, Instant at, bool with_weekday = false,
                         MidnightAs midnight = MidnightAs::start_of_day);
// A span as people say it, two units at most: "58分钟", "3小时5分钟", "2天3小时" / "58 min",
// "3 h 5 min", "2 d 3 h"; the sign is ignored. assets/desk/console.js mirrors it.
std::string time_span_text(const Catalog& catalog, std::chrono::seconds span);
// The server-rendered countdown ("剩余58分钟" / "overdue by 1 h 5 min"); JS keeps it live.
std::string countdown_html(const PageContext& page, Instant deadline);
// The whole document around `main` (header with user, language switch and logout).
std::string layout(const PageContext& page, const std::string& title, const std::string& main);
// A localised label of a taxonomy category, or the id when unknown.
std::string category_label(const PageContext& page, const std::string& id);
std::string topic_label(const PageContext& page, const std::string& id);  // the customer's words, else the id

std::string render_login(const PageContext& page, const std::string& csrf, const std::string& name,
                         const std::string& error);

struct QueuePageInput {
  QueueView view;
  QueueFilter filter;
  std::vector<std::string> departments;  // to choose from in the filter
};
std::string render_queue(const PageContext& page, const QueuePageInput& input);

struct TicketPageInput {
  Ticket ticket;
  std::vector<Department> departments;  // to forward or reassign to
  std::vector<TicketEvent> events;
  std::vector<Action> allowed;
  std::vector<std::string> missing;  // record-form fields still empty (archive refused)
  std::string error;                 // the refusal of the last POST, in the user's language
  std::vector<Notice> notices;       // the ticket's notices (core/notify), oldest first
  // Attachments (core/attachments): listed in the record form, with the upload form; none
  // and no form when the desk has no attachment store.
  bool attachments_enabled = false;
  std::vector<AttachmentInfo> attachments;
  std::int64_t attachment_max_bytes = 0;
  int attachment_max_count = 0;
  ExtensionLimits extension_limits;  // the policy's limits for this ticket (extension.h)
  // Its group complaint (Ticket::group_id): the members this account may see (its departments,
  // confidential ones for leaders only), and how many there are in all.
  std::vector<Ticket> group_members;
  std::size_t group_size = 0;
  int group_customers = 0;  // distinct customers among all members
};
std::string render_ticket(const PageContext& page, const TicketPageInput& input);
// The ticket's attachments and the upload form (desk/console_attachments.cpp).
std::string attachments_section(const PageContext& page, const TicketPageInput& input);
// The link to an attachment: /console/tickets/{number}/attachments/{id}.
std::string attachment_url(const std::string& number, std::int64_t id);

// The statistics page of one period (desk/console_reports_page.cpp): a month, quarter, year or
// range (docs/DOMAIN.md §9).
// `trend`: the 12 months ending with the period's last (core/reports/monthly_trend.h).
std::string render_report(const PageContext& page, const MonthlyReport& report,
                          const std::vector<TrendMonth>& trend);
// "month=2026-11", "quarter=2026-Q4", "year=2026" or "from=…&to=…": the period in a link.
std::string report_period_query(const ReportPeriod& period);

// The tickets behind one figure of the statistics page (drill-down): at most a page of them;
// confidential ones the account may not see are counted, not listed (report_access.h).
inline constexpr int k_report_tickets_page = 200;  // tickets listed per page
struct ReportTicketsInput {
  ReportPeriod period;
  Instant as_of{};
  std::string figure;           // its key (core/reports/report_figure.h)
  int total = 0;                // tickets the figure counts
  std::vector<Ticket> tickets;  // listed, in cohort order
  int confidential = 0;         // counted, not listed to this account
  int first = 0;                // the page's first listable ticket, 0-based
  bool more = false;            // another page follows
};
std::string render_report_tickets(const PageContext& page, const ReportTicketsInput& input);
// The figure's name in the user's language ("Forwarding on time · Missed").
std::string figure_label(const PageContext& page, const std::string& key);

// Supervisors' pages (desk/console_admin_pages.cpp): the department list with its add/rename
// form, and the staff accounts with their role, departments, disabled flag and password.
std::string render_departments(const PageContext& page, const std::vector<Department>& departments,
                               const std::string& error);
std::string render_staff(const PageContext& page, const std::vector<StaffUser>& users,
                         const std::vector<Department>& departments, const std::string& error);

// Ticket search (desk/console_search_page.cpp): the form with what was typed, the error of a
// refused search, and a page of results with links to the pages before and after.
inline constexpr int k_search_page = 50;  // results per page
struct SearchPageInput {
  SearchInput asked;      // as typed, for the form and the paging links
  bool searched = false;  // false: the empty form (nothing asked yet)
  std::string error;      // a refused search, in the user's language
  TicketSearchPage result;
  int page = 1;  // 1-based
};
std::string render_search(const PageContext& page, const SearchPageInput& input);

std::string render_message(const PageContext& page, const std::string& title, const std::string& message);
// Kiosks' open help requests, oldest first, each with its "attended" button (console_help_page.cpp).
std::string render_help_requests(const PageContext& page, const std::vector<DeskHelpRequest>& requests,
                                 const std::string& error);
// Notices that failed at least once and are not delivered, newest problem first, with the
// provider's last answer (console_notices_page.cpp; supervisors).
std::string render_notice_problems(const PageContext& page, const std::vector<Notice>& notices);
// Withdrawals recorded as not voluntary with their investigation open, oldest first
// (console_investigations_page.cpp; supervisors and executives).
std::string render_investigations(const PageContext& page, const std::vector<Ticket>& tickets);

// Intake at the desk (desk/console_intake_page.cpp): the form, shown again after a refusal
// with every entry and the field at fault marked; and the page of a committed filing with
// the receipt's print button (when [desk] receipt_printer is set) and its PDF.
struct IntakePageInput {
  IntakeForm form;
  std::string error;                 // the refusal, in the user's language
  std::string error_field;           // the refused input as the draft names it
  const RetentionPolicy& retention;  // for the consent text read to the customer
};
std::string render_intake(const PageContext& page, const IntakePageInput& input);
struct IntakeDoneInput {
  Ticket ticket;
  bool printer_configured = false;
  std::string message;  // the receipt's print outcome, in the user's language
  bool message_is_error = false;
};
std::string render_intake_done(const PageContext& page, const IntakeDoneInput& input);

}  // namespace complaint::desk
