// The real App and screens in this process, over FakePlatform: scripted taps found by widget
// id in the scene, assertions on the texts the screens drew and on the store. Fast and
// deterministic; the subprocess tests (kiosk_process.h) still run the real SDL platform.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/input/fake_input_method.h"
#include "core/store/fake_ticket_repository.h"
#include "core/store/sqlite_store.h"
#include "kiosk/app/app.h"
#include "kiosk/platform/fake_platform.h"

namespace complaint {
namespace {

using namespace std::chrono_literals;

const std::string k_assets = std::string(SOURCE_DIR) + "/assets";

// One kiosk: the default deployment on a Friday afternoon, SQLite in a temporary folder (or a
// repository the test scripts), the fake input method, no printer, and the fake platform.
class InProcessKiosk {
 public:
  explicit InProcessKiosk(TicketRepository* repository = nullptr)
      : m_config(Config::defaults()),
        m_taxonomy(Taxonomy::load_configured(m_config.taxonomy_path).value()),
        m_calendar(WorkCalendar::create(m_config.calendar).value()),
        m_clock(m_calendar.zone().parse_iso8601("2026-11-20T16:00:00+08:00").value()) {
    if (repository == nullptr) {
      char pattern[] = "/tmp/kiosk-inprocess-XXXXXX";
      m_folder = ::mkdtemp(pattern);
      m_sqlite = SqliteTicketStore::open(m_folder + "/kiosk.db").value();
      repository = m_sqlite.get();
    }
    m_repository = repository;
    m_filing = std::make_unique<FilingService>(m_config, m_taxonomy, m_calendar, *m_repository, m_clock);
    m_input.add_words("tousu", {"投诉", "头速"});
    Services services{m_config,      m_kiosk, m_taxonomy, m_calendar, *m_filing,
                      *m_repository, m_clock, m_input,    {}};
    AppOptions options;
    options.assets_dir = k_assets;
    m_app = std::make_unique<App>(platform, services, options);
    loaded = m_app->load_texts().ok();
    if (loaded) m_app->start();
  }
  ~InProcessKiosk() {
    m_app.reset();
    m_filing.reset();
    m_sqlite.reset();
    std::error_code ignored;
    if (!m_folder.empty()) std::filesystem::remove_all(m_folder, ignored);
  }

  std::string screen() const { return m_app->screen_name(); }
  const ui::Widget* find(const std::string& id) const { return m_app->scene()->find(id); }
  std::string text_of(const std::string& id) const {
    const ui::Widget* widget = find(id);
    return widget == nullptr ? std::string("<no widget " + id + ">") : widget->text;
  }
  // Taps the widget where a finger would, then lets the app handle it and redraw.
  void tap(const std::string& id) {
    const ui::Widget* widget = find(id);
    if (widget == nullptr) {
      ADD_FAILURE() << "no widget " << id << " on screen " << screen();
      return;
    }
    platform.push_tap(ui::tap_point(*widget));
    m_app->step();
  }
  void type_text(const std::string& utf8) {  // as a USB keyboard or a scanner
    platform.push_text(utf8);
    m_app->step();
  }
  // Time passes with no input: the app's wait times out and its timers run.
  void idle(std::chrono::seconds seconds) {
    m_clock.advance(seconds);
    m_app->step();
  }
  std::vector<Ticket> tickets() {
    auto list = m_repository->list(TicketQuery{});
    EXPECT_TRUE(list.ok());
    return list.ok() ? list.value() : std::vector<Ticket>{};
  }
  FilingSession& session() { return m_app->session(); }
  App& app() { return *m_app; }

  FakePlatform platform;
  bool loaded = false;

 private:
  Config m_config;
  KioskConfig m_kiosk;
  Taxonomy m_taxonomy;
  WorkCalendar m_calendar;
  FixedClock m_clock;
  std::string m_folder;
  std::unique_ptr<SqliteTicketStore> m_sqlite;
  TicketRepository* m_repository = nullptr;
  std::unique_ptr<FilingService> m_filing;
  FakeInputMethod m_input;
  std::unique_ptr<App> m_app;
};

Texts texts(const std::string& language) {
  return Texts::load(k_assets + "/i18n", language).value();
}

// The candidate bar's button showing `word`, or "" when it is not offered.
std::string candidate_id(const InProcessKiosk& kiosk, const std::string& word) {
  for (int i = 0; i < 10; ++i) {
    const std::string id = "kb.cand." + std::to_string(i);
    if (kiosk.text_of(id) == word) return id;
  }
  return {};
}

// Welcome -> kind -> details with "投诉" typed on the pinyin keyboard and the category's
// first quick phrase -> outcome -> contact with a phone number: the customer's half-filled form.
void fill_up_to_contact(InProcessKiosk& kiosk) {
  kiosk.tap("welcome.complaint");
  ASSERT_EQ(kiosk.screen(), "kind");
  kiosk.tap("topic.rude_staff");
  ASSERT_EQ(kiosk.screen(), "details");
  for (const char* key : {"kb.t", "kb.o", "kb.u", "kb.s", "kb.u"}) kiosk.tap(key);
  const std::string chosen = candidate_id(kiosk, "投诉");
  ASSERT_FALSE(chosen.empty()) << "the input method's word is offered";
  kiosk.tap(chosen);
  kiosk.tap("details.phrase.0");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "outcome");
  kiosk.tap("outcome.choice.0");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  kiosk.tap("contact.phone");
  kiosk.type_text("13800138000");
}

TEST(KioskInProcess, WelcomeShowsItsTextsAndBothLanguageSwitches) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  ASSERT_EQ(kiosk.screen(), "welcome");
  const Texts zh = texts("zh-CN");
  for (const char* key : {"kiosk.welcome.title", "kiosk.welcome.greeting", "kiosk.welcome.complaint",
                          "kiosk.welcome.suggestion", "kiosk.welcome.check"}) {
    EXPECT_TRUE(kiosk.platform.shows(zh.text(key))) << key << " not drawn:\n" << kiosk.platform.shown_text();
  }
  // Each language offers itself in its own script, whatever the current language.
  EXPECT_TRUE(kiosk.platform.shows("中文"));
  EXPECT_TRUE(kiosk.platform.shows("English"));
  EXPECT_FALSE(kiosk.platform.shows(texts("en").text("kiosk.welcome.greeting")));
  EXPECT_EQ(kiosk.platform.stats().frames, 1U) << "one frame at start";
}

TEST(KioskInProcess, LanguageSwitchRedrawsEveryText) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  const Texts zh = texts("zh-CN");
  const Texts en = texts("en");
  kiosk.tap("welcome.lang.en");
  EXPECT_TRUE(kiosk.platform.shows(en.text("kiosk.welcome.greeting")));
  EXPECT_TRUE(kiosk.platform.shows(en.text("kiosk.welcome.complaint")));
  EXPECT_FALSE(kiosk.platform.shows(zh.text("kiosk.welcome.complaint")));
  EXPECT_FALSE(kiosk.platform.shows(zh.text("kiosk.welcome.greeting")));
  // The next screen keeps the language.
  kiosk.tap("welcome.complaint");
  EXPECT_TRUE(kiosk.platform.shows(en.text("kiosk.kind.title")));
  kiosk.tap("nav.back");
  kiosk.tap("welcome.lang.zh");
  EXPECT_TRUE(kiosk.platform.shows(zh.text("kiosk.welcome.greeting")));
  EXPECT_FALSE(kiosk.platform.shows(en.text("kiosk.welcome.greeting")));
}

TEST(KioskInProcess, FilingByTapsEndsOnDoneWithTheStoredNumber) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  fill_up_to_contact(kiosk);
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "consent");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  const std::string content = kiosk.session().content;
  EXPECT_EQ(content.rfind("投诉", 0), 0U) << content;
  EXPECT_TRUE(kiosk.platform.shows("138 0013 8000")) << "the review shows what will be filed, grouped";
  EXPECT_TRUE(kiosk.tickets().empty()) << "nothing is stored before Submit";

  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
  const std::vector<Ticket> tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  const Ticket& ticket = tickets[0];
  // What the customer entered, as filed: content, category, phone, channel.
  EXPECT_EQ((std::vector<std::string>{ticket.content, ticket.category, ticket.phone, ticket.channel}),
            (std::vector<std::string>{content, "service_attitude", "13800138000", "kiosk"}));
  EXPECT_EQ(kiosk.text_of("done.number"), ticket.number);
  EXPECT_TRUE(kiosk.platform.shows(ticket.number)) << kiosk.platform.shown_text();
}

TEST(KioskInProcess, NoNumberIsShownWhenTheStoreDidNotCommit) {
  FakeTicketRepository repository;
  InProcessKiosk kiosk(&repository);
  ASSERT_TRUE(kiosk.loaded);
  fill_up_to_contact(kiosk);
  kiosk.tap("nav.next");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  repository.fail(RepositoryOperation::insert_new, 0, FailureMode::once,
                  Error::make(ErrorCode::storage, "disk full", "insert_new"));
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.screen(), "review") << "a failed commit never reaches the done screen";
  EXPECT_TRUE(repository.tickets().empty());
  EXPECT_TRUE(kiosk.platform.shows(texts("zh-CN").text("kiosk.review.failed")))
      << kiosk.platform.shown_text();
  EXPECT_FALSE(kiosk.platform.shows("-20261120-")) << "no ticket number on screen:\n"
                                                   << kiosk.platform.shown_text();

  kiosk.tap("nav.next");  // the customer tries again; the store works now
  ASSERT_EQ(kiosk.screen(), "done");
  ASSERT_EQ(repository.tickets().size(), 1U);
  const std::string number = repository.tickets()[0].number;
  EXPECT_NE(number.find("-20261120-0001-"), std::string::npos) << number << ": the failure used no number";
  EXPECT_TRUE(kiosk.platform.shows(number));
}

TEST(KioskInProcess, IdleTimeoutOnAHalfFilledFormWipesIt) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  fill_up_to_contact(kiosk);
  ASSERT_EQ(kiosk.session().phone, "13800138000");
  EXPECT_EQ(kiosk.platform.last_wait_timeout_ms(), 1000) << "timers run while a form is open";
  kiosk.idle(59s);
  EXPECT_EQ(kiosk.find("idle.continue"), nullptr) << "not idle yet";
  kiosk.idle(1s);
  ASSERT_NE(kiosk.find("idle.continue"), nullptr) << "are you still there?";
  EXPECT_TRUE(kiosk.platform.shows(texts("zh-CN").text("kiosk.idle.title")));
  kiosk.idle(14s);
  EXPECT_EQ(kiosk.screen(), "contact") << "the countdown is still running";
  kiosk.idle(1s);
  EXPECT_EQ(kiosk.screen(), "welcome");
  EXPECT_TRUE(kiosk.session().empty());
  EXPECT_EQ(kiosk.session().phone, "");
  EXPECT_EQ(kiosk.session().content, "");
  EXPECT_FALSE(kiosk.platform.shows("13800138000"));
  EXPECT_TRUE(kiosk.tickets().empty());
  kiosk.idle(0s);
  EXPECT_EQ(kiosk.platform.last_wait_timeout_ms(), -1) << "at rest the kiosk sleeps until input";
  // The next customer's form starts empty.
  kiosk.tap("welcome.complaint");
  kiosk.tap("topic.rude_staff");
  EXPECT_EQ(kiosk.text_of("details.text"), "");
}

TEST(KioskInProcess, IdleContinueKeepsTheForm) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  fill_up_to_contact(kiosk);
  kiosk.idle(65s);
  kiosk.tap("idle.continue");
  EXPECT_EQ(kiosk.find("idle.continue"), nullptr);
  kiosk.idle(14s);
  EXPECT_EQ(kiosk.screen(), "contact");
  EXPECT_EQ(kiosk.session().phone, "13800138000");
}

TEST(KioskInProcess, RunHandlesTheScriptUntilQuit) {
  InProcessKiosk kiosk;
  ASSERT_TRUE(kiosk.loaded);
  kiosk.platform.push_tap(ui::tap_point(*kiosk.find("welcome.complaint")));
  kiosk.platform.push_timeout();
  kiosk.platform.push({InputKind::quit, {}, {}, Key::none});
  EXPECT_EQ(kiosk.app().run(), 0);
  EXPECT_EQ(kiosk.screen(), "kind");
  EXPECT_EQ(kiosk.platform.queued(), 0U);
  EXPECT_EQ(kiosk.platform.timed_out_waits(), 1);
}

}  // namespace
}  // namespace complaint
