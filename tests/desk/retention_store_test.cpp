// Retention on the desk (docs/DOMAIN.md §11), on SQLite and PostgreSQL: closed tickets whose
// retention expired are anonymised, and the raw database (sqlite3 on the file, psql on the
// server) holds none of the customer's personal texts afterwards while every statistics field
// and the month's report stay the same; held, major and report tickets wait; a second run
// changes nothing; the events' append-only trigger still refuses every other change.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/reports/monthly_report.h"
#include "core/reports/report_output.h"
#include "core/retention/retention_run.h"
#include "core/store/sqlite_search_text.h"
#include "core/sync/request_auth.h"
#include "core/sync/ticket_search.h"
#include "desk/desk_config.h"
#include "desk/routes/routes.h"
#include "desk_store_fixture.h"

namespace complaint::testing {
namespace {

using namespace std::chrono_literals;

// The reply's answer for the customer (the tracking page shows it).
constexpr const char* k_answer = "已向您书面致歉并培训柜员";
// Every personal text the tickets below carry; none may be left in the database.
const char* const k_personal[] = {
    "李雷",           "13912345678", "幸福路8号3单元", "柜台排队四十分钟无人解释",
    "要求书面道歉",   "核实属实",    "批评教育",       "已当面致歉",
    "客户说下次还来", "回访备注",    k_answer};

class RetentionStoreTest : public DeskStoreFixture {
 protected:
  Ticket file(const std::string& kind = "complaint", const std::string& category = "service_attitude") {
    TicketDraft draft;
    draft.kind = kind;
    draft.channel = "walk_in";
    draft.category = category;
    draft.content = "柜台排队四十分钟无人解释";
    draft.desired_outcome = "要求书面道歉";
    draft.customer_name = "李雷";
    draft.phone = "13912345678";
    draft.address = "幸福路8号3单元";
    return must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
  }

  ActionRequest request(Action action, Role role) {
    ActionRequest r;
    r.action = action;
    r.role = role;
    r.actor = to_string(role);
    return r;
  }

  // The whole procedure, each step a day after the last, ending archived; all by a supervisor,
  // who may act on major and confidential tickets (reports) too.
  Ticket handle_and_archive(const Ticket& ticket) {
    ActionRequest forward = request(Action::forward, Role::supervisor);
    forward.department = "营业部";
    ActionRequest notify = request(Action::notify_major, Role::supervisor);
    ActionRequest contact = request(Action::contact, Role::supervisor);
    contact.note = "客户说下次还来";
    ActionRequest record = request(Action::record, Role::supervisor);
    record.verification = "核实属实";
    record.handling_opinion = "批评教育";
    record.substantiated = Substantiated::substantiated;
    record.responsible_department = "营业部";
    ActionRequest reply = request(Action::reply, Role::supervisor);
    reply.handling_result = "已当面致歉";
    reply.customer_answer = k_answer;
    ActionRequest callback = request(Action::callback, Role::supervisor);
    callback.satisfaction = Satisfaction::satisfied;
    callback.callback_note = "回访备注";
    ActionRequest archive = request(Action::archive, Role::supervisor);
    std::vector<ActionRequest> steps = {forward, contact, record, reply, callback, archive};
    if (ticket.major) steps.insert(steps.begin(), notify);
    Ticket last = ticket;
    for (ActionRequest step : steps) {
      clock.advance(24h);
      // The callback waits for its window (the first working day after the reply).
      if (step.action == Action::callback) clock.set(in_callback_window(ticket.number, clock.now()));
      step.at = clock.now();  // as the console sets it: the event's time
      last = must(staff->act(ticket.number, step));
    }
    return last;
  }

  RetentionReport run(Instant at, RetentionMode mode = RetentionMode::apply) {
    return must(run_desk_retention(*tickets, config.retention, at, hash, mode));
  }

  // Every ticket and event column as the database holds it, for "changed nothing" checks.
  std::string dump() {
    return raw_query("SELECT * FROM tickets ORDER BY id") + "\n" +
           raw_query("SELECT * FROM events ORDER BY id");
  }

  std::string ticket_row(const std::string& number, const std::string& columns) {
    return raw_query("SELECT " + columns + " FROM tickets WHERE number = '" + number + "'");
  }

  nlohmann::json november_report() {
    const ReportPeriod period = must(range_period("2026-11-01", "2026-12-31"));
    const auto cohort = must(load_cohort(*tickets, period, calendar->zone()));
    const Instant as_of = calendar->zone().to_instant(
        LocalSeconds{std::chrono::local_days{std::chrono::year{2027} / std::chrono::January / 1}});
    return report_to_json(monthly_report(cohort, period, as_of, calendar->zone()), calendar->zone());
  }

  FakeSigner signer;
  PhoneHasher hash = [this](std::string_view phone) { return signer.hmac_sha256_hex("salt", phone); };
};

TEST_P(RetentionStoreTest, ExpiredTicketsLoseEveryPersonalTextAndKeepTheirStatistics) {
  const Ticket general = handle_and_archive(file());
  const Instant archived_at = clock.now();
  const Ticket major = handle_and_archive(file("complaint", "rule_violation"));
  ASSERT_TRUE(major.major);
  const Ticket report = handle_and_archive(file("report"));
  const Ticket held = handle_and_archive(file());
  Ticket hold = held;
  hold.legal_hold = true;
  TicketEvent hold_event{0,
                         held.number,
                         clock.now(),
                         "主管",
                         "supervisor",
                         "legal_hold",
                         held.status,
                         held.status,
                         "诉讼保全",
                         R"({"legal_hold":true})"};
  must(tickets->apply(hold, hold_event));
  const Ticket open = file();  // never closed: never due
  const std::string statistics =
      "number, kind, channel, category, severity, status, department, satisfaction, substantiated, "
      "responsible_department, filed_at, recorded_at, forward_by, contact_by, resolve_by, callback_by, "
      "first_contact_at, replied_at, major, anonymous, reopen_count, handler, supervisor";
  const std::string statistics_before = ticket_row(general.number, statistics);
  const nlohmann::json report_before = november_report();

  // A day short of a year: nothing is due, and a dry run says so without writing.
  const std::string before = dump();
  EXPECT_TRUE(run(archived_at + 364 * 24h, RetentionMode::dry_run).due.empty());
  EXPECT_TRUE(run(archived_at + 364 * 24h).due.empty());
  EXPECT_EQ(dump(), before);

  // A year and a day after: the general ticket only (the held one closed later, but within it).
  const Instant later = archived_at + 400 * 24h;
  const RetentionReport dry = run(later, RetentionMode::dry_run);
  EXPECT_EQ(dry.due, std::vector<std::string>{general.number});
  EXPECT_EQ(dump(), before);
  const RetentionReport done = run(later);
  EXPECT_EQ(done.due, std::vector<std::string>{general.number});
  EXPECT_EQ(done.on_hold, 1);
  EXPECT_EQ(done.not_due, 2);  // major and report: three years

  // The raw rows: every personal text is the tombstone, the phone a hash.
  EXPECT_EQ(ticket_row(general.number,
                       "customer_name, address, content, desired_outcome, verification, handling_opinion, "
                       "handling_result, callback_note"),
            "[anonymised]|[anonymised]|[anonymised]|[anonymised]|[anonymised]|[anonymised]|[anonymised]|"
            "[anonymised]");
  EXPECT_EQ(ticket_row(general.number, "phone"), "hash:" + signer.hmac_sha256_hex("salt", "13912345678"));
  const std::string trail = raw_query("SELECT note, data_json FROM events WHERE ticket_number = '" +
                                      general.number + "' ORDER BY id");
  for (const char* text : k_personal)
    EXPECT_EQ(trail.find(text), std::string::npos) << text << " in " << trail;
  // ...and the statistics fields and the report are exactly as before.
  EXPECT_EQ(ticket_row(general.number, statistics), statistics_before);
  EXPECT_EQ(november_report(), report_before);
  // The purge is in the trail.
  EXPECT_EQ(raw_query("SELECT actor, role, action FROM events WHERE ticket_number = '" + general.number +
                      "' ORDER BY id DESC LIMIT 1"),
            "retention|system|anonymise");
  // The others keep their data.
  for (const Ticket& kept : {major, report, held, open}) {
    EXPECT_EQ(ticket_row(kept.number, "customer_name, phone"), "李雷|13912345678") << kept.number;
  }

  // A second run changes nothing.
  const std::string after = dump();
  const RetentionReport again = run(later);
  EXPECT_TRUE(again.due.empty());
  EXPECT_EQ(again.examined, 3);  // major, report and held: the anonymised one is not read again
  EXPECT_EQ(dump(), after);

  // Three years on: major and report go too; the held one stays while held.
  const RetentionReport three = run(archived_at + (3 * 366 + 60) * 24h);
  EXPECT_EQ(three.due.size(), 2u);
  EXPECT_EQ(ticket_row(held.number, "customer_name"), "李雷");
  const std::string all_events = raw_query("SELECT note, data_json FROM events WHERE ticket_number <> '" +
                                           held.number + "' AND ticket_number <> '" + open.number + "'");
  for (const char* text : k_personal) EXPECT_EQ(all_events.find(text), std::string::npos) << text;
}

TEST_P(RetentionStoreTest, TheTrailStillRefusesEveryOtherChange) {
  const Ticket general = handle_and_archive(file());
  const Ticket other = file();  // open: never anonymised
  ASSERT_EQ(run(clock.now() + 400 * 24h).due, std::vector<std::string>{general.number});
  const std::string before = dump();
  const std::string anonymised = "ticket_number = '" + general.number + "'";
  const std::string kept = "ticket_number = '" + other.number + "'";
  // Not anonymised: no note may change; anonymised: nothing but the note and data may.
  EXPECT_FALSE(raw_sql("UPDATE events SET note = '[anonymised]' WHERE " + kept));
  EXPECT_FALSE(raw_sql("UPDATE events SET actor = 'someone' WHERE " + anonymised));
  EXPECT_FALSE(raw_sql("UPDATE events SET at = at + 1 WHERE " + anonymised));
  EXPECT_FALSE(raw_sql("UPDATE events SET note = 'new text' WHERE " + anonymised));
  EXPECT_FALSE(raw_sql("DELETE FROM events WHERE " + anonymised));
  EXPECT_FALSE(raw_sql("DELETE FROM events WHERE " + kept));
  EXPECT_EQ(dump(), before);
}

TEST_P(RetentionStoreTest, AWithdrawnTicketCountsFromItsWithdrawal) {
  const Ticket ticket = file();
  clock.advance(24h);
  ActionRequest withdraw = request(Action::withdraw, Role::dispatcher);
  withdraw.voluntary = true;
  withdraw.note = "客户说下次还来";
  withdraw.at = clock.now();
  must(staff->act(ticket.number, withdraw));
  const Instant withdrawn = clock.now();
  EXPECT_TRUE(run(withdrawn + 360 * 24h).due.empty());
  EXPECT_EQ(run(withdrawn + 366 * 24h).due, std::vector<std::string>{ticket.number});
  EXPECT_EQ(raw_query("SELECT note FROM events WHERE ticket_number = '" + ticket.number +
                      "' AND action = 'withdraw'"),
            "[anonymised]");
  if (GetParam() != StoreKind::sqlite) return;
  // Not even the file's bytes keep them: secure_delete zeroed the old cells and the
  // checkpoint wrote those pages over the old ones and emptied the WAL.
  for (const std::string& file : {database(), database() + "-wal"}) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* text : k_personal) {
      if (std::string_view(text) == "核实属实" || std::string_view(text) == "批评教育" ||
          std::string_view(text) == "已当面致歉" || std::string_view(text) == "回访备注")
        continue;  // never written for a withdrawn ticket
      EXPECT_EQ(bytes.find(text), std::string::npos) << text << " in " << file;
    }
  }
}

// A run's page is stored in one transaction, and a ticket staff changed after the run read it
// (a stale revision) is skipped there while the rest of the page is stored: on each store.
TEST_P(RetentionStoreTest, ABatchSkipsATicketChangedMeanwhileAndStoresTheRest) {
  const Ticket first = handle_and_archive(file());
  const Ticket second = handle_and_archive(file());
  const Instant closed_before = clock.now();
  const std::vector<Ticket> page = must(tickets->retention_page(closed_before, 0, 10));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_TRUE(must(tickets->retention_page(closed_before, page[0].id, 10)).size() == 1u);
  const std::vector<TicketEvent> events = must(tickets->events_of({first.number, second.number}));
  EXPECT_EQ(events.size(),
            must(tickets->events(first.number)).size() + must(tickets->events(second.number)).size());
  // A supervisor puts the second on hold after the run read it (and lifts it again).
  for (const bool on : {true, false}) {
    Ticket hold = must(tickets->find(second.number)).value();
    hold.legal_hold = on;
    must(tickets->apply(
        hold, TicketEvent{0, second.number, clock.now(), "主管", "supervisor", "legal_hold", hold.status,
                          hold.status, "", on ? R"({"legal_hold":true})" : R"({"legal_hold":false})"}));
  }
  std::vector<Anonymisation> batch;
  for (Ticket ticket : page) {
    anonymise_ticket(ticket, hash);
    batch.push_back(Anonymisation{ticket, {}, anonymisation_event(ticket, clock.now(), "retention", "{}")});
  }
  EXPECT_EQ(must(tickets->anonymise_batch(batch)), (std::vector<bool>{true, false}));
  EXPECT_EQ(ticket_row(first.number, "customer_name"), "[anonymised]");
  EXPECT_EQ(ticket_row(second.number, "customer_name"), "李雷");
  // Neither is offered again before its closing, and the anonymised one never again.
  EXPECT_TRUE(must(tickets->retention_page(first.filed_at, 0, 10)).empty());
  const std::vector<Ticket> left = must(tickets->retention_page(closed_before, 0, 10));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].number, second.number);
}

// The search index (SQLite: contentless FTS5; PostgreSQL: a GIN index over the text) must not
// keep pieces of a text retention replaced. FTS5 keeps a deleted document's terms in its older
// segments until they are merged, so the words stayed readable in the file; the run merges
// the index once it has stored its anonymisations (PostgreSQL: vacuums the tables).
TEST_P(RetentionStoreTest, NoPieceOfAnAnonymisedTextIsLeftInTheSearchIndex) {
  // Text no other ticket has: its tokens appear nowhere else in the file. The index holds the
  // interleaved text (core/store/sqlite_search_text.h) and FTS5's trigram tokenizer folds
  // case, so its tokens are "q\x1fz", "z\x1fx", ... (and "\x1fq\x1f", ..., which share their
  // first byte with every other one-character token and so are stored prefix-compressed:
  // not looked for). No other ticket has a term starting with these letters, so each pair
  // token would be stored whole.
  const std::string secret = "Qzxjvkwyq";
  TicketDraft draft;
  draft.kind = "complaint";
  draft.channel = "walk_in";
  draft.category = "service_attitude";
  draft.content = "柜台排队 " + secret + " 无人解释";
  draft.phone = "13912345678";
  draft.customer_name = "李雷";
  const Ticket target = must(staff->file(draft, FilingContext{"受理员", Role::intake_clerk}));
  // Later tickets, each its own transaction and so its own index segment, keep the index
  // from being merged by chance before the run.
  for (int i = 0; i < 6; ++i) file();
  handle_and_archive(target);
  const Instant archived_at = clock.now();
  EXPECT_EQ(must(tickets->find(target.number))->content, draft.content);

  const RetentionReport report = run(archived_at + 400 * 24h);
  ASSERT_EQ(report.due, std::vector<std::string>{target.number});
  TicketSearch query;
  query.words = {"qzxjvkwyq"};
  EXPECT_EQ(must(desk->search(query)).total, 0);

  if (GetParam() == StoreKind::postgres) {
    // VACUUM ran (a test database never waits for autovacuum's own run: last_vacuum is the
    // manual one's).
    EXPECT_EQ(raw_query("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'tickets'"),
              "t");
    return;
  }
  reopen();  // the last connection's close checkpoints the WAL into the file
  std::ifstream file(database(), std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  ASSERT_GT(bytes.size(), 4096u);
  const std::string lowered = "qzxjvkwyq";
  for (std::size_t i = 0; i + 1 < lowered.size(); ++i) {
    const std::string token = {lowered[i], store::kSearchSeparator, lowered[i + 1]};
    EXPECT_EQ(bytes.find(token), std::string::npos) << lowered.substr(i, 2) << " is still in " << database();
  }
}

// The receipt's QR still opens the tracking page after retention, but the reply's answer,
// now the tombstone, is no answer: the page has no answer block rather than "[anonymised]".
TEST_P(RetentionStoreTest, TheTrackingPageHasNoAnswerBlockOnceTheTicketIsAnonymised) {
  ::setenv("COMPLAINT_ASSETS", SOURCE_DIR "/assets", 1);
  const Ticket ticket = handle_and_archive(file());
  DeskConfig settings;
  settings.tracking_rate_per_minute = 0;
  settings.tracking_failures_per_minute = 0;
  auto resources = must(desk::DeskResources::load(config, *tickets, clock));
  desk::DeskContext context{
      config, settings, *tickets, *desk, *state, signer, clock, *resources, [](std::string_view) {}};
  desk::Router router;
  desk::add_tracking_routes(router, context);
  auto page = [&] {
    desk::DeskRequest request;
    request.http.method = "GET";
    request.http.path = "/t/" + ticket.number;
    request.query.emplace("k", ticket.tracking_token);
    request.remote_address = "192.0.2.1";
    return router.dispatch(request);
  };
  const desk::DeskResponse before = page();
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("id=\"answer\""), std::string::npos) << before.body;
  EXPECT_NE(before.body.find(k_answer), std::string::npos);

  ASSERT_EQ(run(clock.now() + 400 * 24h).due, std::vector<std::string>{ticket.number});
  const desk::DeskResponse after = page();
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.body.find("id=\"answer\""), std::string::npos) << after.body;
  EXPECT_EQ(after.body.find(std::string(k_tombstone)), std::string::npos) << after.body;
  EXPECT_EQ(after.body.find(k_answer), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(BothStores, RetentionStoreTest, kBothStores, store_name);

}  // namespace
}  // namespace complaint::testing
