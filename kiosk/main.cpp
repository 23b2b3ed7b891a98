// complaint-kiosk: the lobby touchscreen app. main() is the only place that picks
// implementations (SQLite store, libgooglepinyin, SDL platform, system or fixed clock).
//   complaint-kiosk [--config PATH] [--db PATH] [--windowed WxH | --fullscreen] [--dpi N]
//                   [--assets DIR] [--test-control] [--fake-clock ISO8601] [--fake-speaker]
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "core/input/blocking_input.h"
#include "core/input/deferred_handwriting.h"
#include "core/input/deferred_input_method.h"
#include "core/input/fake_input_method.h"
#include "core/input/handwriting_fallback.h"
#include "core/input/handwriting_ranking.h"
#include "core/input/surname_first.h"
#include "core/speech/fake_speaker.h"
#include "core/store/sqlite_store.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/handwriting/zinnia_recognizer.h"
#include "drivers/pinyin/google_pinyin_input_method.h"
#include "drivers/pinyin/seed_vocabulary.h"
#include "drivers/speech/espeak_speaker.h"
#include "drivers/transport/curl_transport.h"
#include "kiosk/app/app.h"
#include "kiosk/app/background_sync.h"
#include "kiosk/app/kiosk_calendar.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/platform/sdl_platform.h"
#include "kiosk/receipt_printing.h"

namespace {

using namespace complaint;

struct Arguments {
  std::string config;
  std::string db = "var/kiosk.db";
  WindowOptions window;
  std::string assets;
  bool test_control = false;
  bool fake_speaker = false;  // tests: speech goes to a log that test control returns
  std::string fake_clock;
  int dpi = 0;
};

int usage() {
  std::fprintf(
      stderr,
      "usage: complaint-kiosk [--config PATH] [--db PATH] [--windowed WxH | --fullscreen] [--dpi N]\n"
      "                       [--assets DIR] [--test-control] [--fake-clock ISO8601] [--fake-speaker]\n");
  return 2;
}

bool parse(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string text;
    if (arg == "--config") {
      if (!value(args.config)) return false;
    } else if (arg == "--db") {
      if (!value(args.db)) return false;
    } else if (arg == "--assets") {
      if (!value(args.assets)) return false;
    } else if (arg == "--fake-clock") {
      if (!value(args.fake_clock)) return false;
    } else if (arg == "--test-control") {
      args.test_control = true;
    } else if (arg == "--fake-speaker") {
      args.fake_speaker = true;
    } else if (arg == "--fullscreen") {
      args.window.mode = WindowMode::fullscreen;
    } else if (arg == "--windowed") {
      if (!value(text)) return false;
      int w = 0;
      int h = 0;
      if (std::sscanf(text.c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 320) return false;
      args.window.mode = WindowMode::windowed;
      args.window.size = {w, h};
    } else if (arg == "--dpi") {
      if (!value(text)) return false;
      args.dpi = std::atoi(text.c_str());
    } else {
      return false;
    }
  }
  return true;
}

// A [pinyin] word list's file: "-" none (empty result), empty the shipped one in assets/pinyin/.
std::string word_list_path(const std::string& assets, const std::string& configured, const char* shipped) {
  if (configured == "-") return {};
  return configured.empty() ? assets + "/pinyin/" + shipped : configured;
}

int fail(const Error& error) {
  std::fprintf(stderr, "complaint-kiosk: %s\n", error.message.c_str());
  return 1;
}

// The pinyin engine behind the block list and the surnames rule; letters only (with the
// reason logged) when libgooglepinyin cannot open.
std::unique_ptr<InputMethod> open_pinyin(PinyinEngineOptions pinyin,
                                         std::shared_ptr<const SurnameList> surnames,
                                         std::shared_ptr<const CandidateBlockList> block_list) {
  if (std::filesystem::path(pinyin.user_dictionary).has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(std::filesystem::path(pinyin.user_dictionary).parent_path(), ignored);
  }
  auto engine = GooglePinyinInputMethod::open(pinyin);
  if (!engine.ok()) {
    std::fprintf(stderr, "complaint-kiosk: pinyin unavailable: %s\n", engine.error().message.c_str());
    return std::make_unique<FakeInputMethod>();
  }
  return std::make_unique<BlockingInputMethod>(
      std::make_unique<SurnameFirstInputMethod>(std::move(engine).value(), std::move(surnames)),
      std::move(block_list));
}

// Both languages' catalogs, for the screens and the receipts alike.
struct Catalogs {
  Catalog zh_cn;
  Catalog en;
};

Result<Catalogs> load_catalogs(const std::string& directory) {
  TRY_ASSIGN(Catalog zh_cn, Catalog::load(directory, "zh-CN"));
  TRY_ASSIGN(Catalog en, Catalog::load(directory, "en"));
  return Catalogs{std::move(zh_cn), std::move(en)};
}

// The shipped handwriting model in the kiosk's assets: trained on distorted level-1 writing
// (bench/handwriting/train_model.sh).
std::string level1_model(const std::string& assets) {
  return assets + "/handwriting/level1.model";
}

// The handwriting engine: the shipped model first, Debian's behind it for the characters
// outside level 1; either alone if the other cannot open; null (the reason logged) if neither.
std::unique_ptr<HandwritingRecognizer> open_handwriting(
    const std::string& assets, std::shared_ptr<const SurnameList> surnames, DomainCharacterPairs domain_pairs,
    std::shared_ptr<const CandidateBlockList> block_list) {
  auto debian_engine = ZinniaRecognizer::open({});
  auto level1_engine = ZinniaRecognizer::open({level1_model(assets)});
  const bool level1 = level1_engine.ok();
  const bool debian = debian_engine.ok();
  std::unique_ptr<HandwritingRecognizer> engine;
  if (level1_engine.ok() && debian_engine.ok()) {
    engine = std::make_unique<FallbackHandwritingRecognizer>(std::move(level1_engine).value(),
                                                             std::move(debian_engine).value());
  } else if (level1_engine.ok()) {
    engine = std::move(level1_engine).value();
  } else if (debian_engine.ok()) {
    engine = std::move(debian_engine).value();
  }
  if (!engine) {
    std::fprintf(stderr, "complaint-kiosk: handwriting unavailable: %s; %s\n",
                 level1_engine.error().message.c_str(), debian_engine.error().message.c_str());
    return nullptr;
  }
  if (!level1) {
    std::fprintf(stderr, "complaint-kiosk: the shipped handwriting model: %s\n",
                 level1_engine.error().message.c_str());
  }
  // Which models write for the customers: the journal (and the tests) tell a kiosk whose
  // shipped model went missing from one that has it.
  std::fprintf(stderr, "complaint-kiosk: handwriting: %s%s\n",
               level1 ? "the shipped level-1 model" : "Debian's model only",
               level1 ? (debian ? ", Debian's model behind it" : " only") : "");
  return std::make_unique<BlockingHandwritingRecognizer>(
      std::make_unique<RankedHandwritingRecognizer>(std::move(engine), std::move(surnames),
                                                    std::move(domain_pairs)),
      std::move(block_list));
}

// What main() opens on one thread beside the store and the screen, one after another: the
// catalogs (TOML, ~9 ms; the first frame waits for them), then the handwriting models (~9 ms)
// and the pinyin engine (~20 ms on a new kiosk, which seeds its user dictionary), which the
// first frame does not wait for (Deferred*) and which therefore wait for it: on two cores
// they only took CPU from it. One thread, not three: three beside the screen's start slowed
// the start itself. Start to first frame (kiosk_bench, quiet machine): 86 -> 53 ms on a
// restart, 90 -> 53 ms on the very first start (docs/BENCHMARKS.md).
class FirstFrameGate {
 public:
  void open() {
    {
      std::lock_guard lock(m_mutex);
      m_open = true;
    }
    m_changed.notify_all();
  }
  // False when the kiosk is leaving before its first frame (a start error).
  bool wait(std::stop_token stop) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait(lock, stop, [this] { return m_open; });
  }

 private:
  std::mutex m_mutex;
  std::condition_variable_any m_changed;
  bool m_open = false;
};

struct BackgroundOpening {
  std::future<Result<Catalogs>> catalogs;
  std::future<std::unique_ptr<HandwritingRecognizer>> handwriting;  // null: none could open
  std::future<std::unique_ptr<InputMethod>> pinyin;
  std::shared_ptr<FirstFrameGate> first_frame;
  std::jthread thread;  // last: stopped and joined first, on every way out of main()
};

BackgroundOpening open_in_background(const std::string& assets, const PinyinEngineOptions& pinyin,
                                     std::shared_ptr<const SurnameList> surnames,
                                     DomainCharacterPairs domain_pairs,
                                     std::shared_ptr<const CandidateBlockList> block_list) {
  std::promise<Result<Catalogs>> catalogs;
  std::promise<std::unique_ptr<HandwritingRecognizer>> handwriting;
  std::promise<std::unique_ptr<InputMethod>> engine;
  BackgroundOpening opening{catalogs.get_future(),
                            handwriting.get_future(),
                            engine.get_future(),
                            std::make_shared<FirstFrameGate>(),
                            {}};
  opening.thread = std::jthread([=, first_frame = opening.first_frame, catalogs = std::move(catalogs),
                                 handwriting = std::move(handwriting), engine = std::move(engine),
                                 domain_pairs = std::move(domain_pairs)](std::stop_token stop) mutable {
    catalogs.set_value(load_catalogs(assets + "/i18n"));
    if (!first_frame->wait(stop)) return;  // nobody will ask for the engines
    handwriting.set_value(open_handwriting(assets, surnames, std::move(domain_pairs), block_list));
    engine.set_value(open_pinyin(pinyin, surnames, block_list));
  });
  return opening;
}

}  // namespace

int main(int argc, char** argv) {
  Arguments args;
  if (!parse(argc, argv, args)) return usage();

  KioskSettings settings;        // [kiosk] and [pinyin], read with core's sections
  ReceiptPrinterConfig printer;  // [printer]
  Result<Config> loaded =
      args.config.empty()
          ? Result<Config>(Config::defaults())
          : Config::load_file(args.config, joined_sections({kiosk_config_sections(settings),
                                                            receipt_printer_sections(printer)}));
  if (!loaded.ok()) return fail(loaded.error());
  const Config config = std::move(loaded).value();
  for (const std::string& warning : config.warnings)
    std::fprintf(stderr, "complaint-kiosk: config: %s\n", warning.c_str());

  Result<Taxonomy> taxonomy = Taxonomy::load_configured(config.taxonomy_path);
  if (!taxonomy.ok()) return fail(taxonomy.error());
  // Every kind and topic tile shows its pictogram: a tailored taxonomy naming one that is not
  // shipped stops the kiosk here, as a broken config does, rather than showing blank tiles.
  const std::string assets = args.assets.empty() ? assets_dir() : args.assets;
  if (auto icons = check_taxonomy_icons(taxonomy.value(), assets + "/icons"); !icons.ok())
    return fail(icons.error());
  Result<WorkCalendar> calendar = WorkCalendar::create(config.calendar);
  if (!calendar.ok()) return fail(calendar.error());
  // A broken block list or surname list stops the kiosk at start, like a broken config: a
  // lobby kiosk must not run offering what the block list is there to keep off the screen.
  auto block_list = std::make_shared<CandidateBlockList>();
  if (const std::string path = word_list_path(assets, settings.pinyin.block_list, "blocked_words.txt");
      !path.empty()) {
    Result<CandidateBlockList> loaded_list = CandidateBlockList::load_file(path);
    if (!loaded_list.ok()) return fail(loaded_list.error());
    *block_list = std::move(loaded_list).value();
  }
  auto surnames = std::make_shared<SurnameList>();
  if (const std::string path = word_list_path(assets, settings.pinyin.surnames, "surnames.txt");
      !path.empty()) {
    Result<SurnameList> loaded_list = SurnameList::load_file(path);
    if (!loaded_list.ok()) return fail(loaded_list.error());
    *surnames = std::move(loaded_list).value();
  }
  // The domain words' character pairs rank handwriting after the character before (态 -> 度).
  DomainCharacterPairs domain_pairs;
  if (const std::string path = word_list_path(assets, settings.pinyin.seed_words, "seed_words.txt");
      !path.empty()) {
    Result<SeedVocabulary> seeds = SeedVocabulary::load_file(path);
    if (!seeds.ok()) return fail(seeds.error());
    std::vector<std::string> words;
    for (const SeedWord& seed : seeds.value().all()) words.push_back(seed.word);
    domain_pairs = DomainCharacterPairs(words);
  }

  PinyinEngineOptions pinyin{settings.pinyin.system_dictionary, settings.pinyin.user_dictionary,
                             settings.pinyin.seed_words};
  BackgroundOpening opening =
      open_in_background(assets, pinyin, surnames, std::move(domain_pairs), block_list);

  std::unique_ptr<Clock> clock;
  FixedClock* fake_clock = nullptr;
  if (!args.fake_clock.empty()) {
    auto at = calendar.value().zone().parse_iso8601(args.fake_clock);
    if (!at.ok()) return fail(at.error());
    auto fixed = std::make_unique<FixedClock>(at.value());
    fake_clock = fixed.get();
    clock = std::move(fixed);
  } else {
    clock = std::make_unique<SystemClock>();
  }

  // The ticket store opens on a thread of its own while this one opens the screen: on a new
  // kiosk it creates its schema (8-13 ms). Very first start to first frame 57.4 -> 53.9 ms
  // (kiosk_bench, two runs each, alternated).
  std::future<Result<std::unique_ptr<SqliteTicketStore>>> store_opening =
      std::async(std::launch::async, [db = args.db] {
        const std::filesystem::path db_path(db);
        std::error_code ignored;  // a folder that cannot be made fails the open, with its path
        if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path(), ignored);
        return SqliteTicketStore::open(db);
      });
  args.window.icons_dir = assets + "/icons";
  auto platform = open_sdl_platform(args.window);
  if (!platform.ok()) {
    std::fprintf(stderr,
                 "complaint-kiosk: cannot open the screen: %s\n"
                 "  Run it on a machine with a display (or set SDL_VIDEODRIVER=dummy to run it headless).\n",
                 platform.error().message.c_str());
    return 3;
  }
  auto store = store_opening.get();
  if (!store.ok()) return fail(store.error());
  // The desk's calendar from the last sync, if any; a kiosk that never synced keeps the
  // shipped data of its config. A broken stored one is logged and the config's used.
  if (auto stored = adopt_stored_calendar(config.calendar, args.db, calendar.value()); !stored.ok()) {
    std::fprintf(stderr, "complaint-kiosk: stored calendar not used: %s\n", stored.error().message.c_str());
  }
  FilingService filing(config, taxonomy.value(), calendar.value(), *store.value(), *clock);

  // [sync] url set: the outbox drains to the desk on a background thread over libcurl,
  // signed with libsodium and the real time (whatever clock the UI runs on). Without it,
  // or when it cannot start, the kiosk keeps working offline.
  SystemClock sync_clock;
  std::unique_ptr<Transport> transport;
  std::optional<SodiumSigner> signer;
  std::unique_ptr<BackgroundSync> sync;
  if (!config.sync.url.empty()) {
    auto curl =
        make_curl_transport({config.sync.url, config.sync.ca_file,
                             std::chrono::seconds(config.sync.timeout_seconds), std::chrono::seconds(5)});
    auto sodium = SodiumSigner::create();
    if (curl.ok() && sodium.ok()) {
      transport = std::move(curl).value();
      signer.emplace(std::move(sodium).value());
      // A calendar the desk sends is used for the next deadline (every holder of `calendar`).
      WorkCalendar* shared_calendar = &calendar.value();
      auto on_calendar = [&config, shared_calendar](const StoredCalendar& received) {
        if (auto adopted = adopt_received_calendar(config.calendar, received, *shared_calendar);
            !adopted.ok()) {
          std::fprintf(stderr, "complaint-kiosk: calendar from the desk not used: %s\n",
                       adopted.error().message.c_str());
        }
      };
      auto started = BackgroundSync::start(config.sync, config.site.kiosk_id, args.db, *transport, *signer,
                                           sync_clock, config.retention, *clock, on_calendar);
      if (started.ok()) sync = std::move(started).value();
      if (!started.ok())
        std::fprintf(stderr, "complaint-kiosk: sync off: %s\n", started.error().message.c_str());
    } else {
      std::fprintf(stderr, "complaint-kiosk: sync off: %s\n",
                   (curl.ok() ? sodium.error() : curl.error()).message.c_str());
    }
  }

  // The pinyin engine, still opening (DeferredInputMethod); without it the keyboard still
  // types letters.
  DeferredInputMethod input_method(std::move(opening.pinyin));

  // Voice mode's speech: espeak-ng through SDL audio, opened after the screen (SDL is up);
  // without an audio output the welcome screen offers no voice switch.
  std::unique_ptr<Speaker> speaker;
  FakeSpeaker* fake_speaker = nullptr;
  if (args.fake_speaker) {
    auto fake = std::make_unique<FakeSpeaker>();
    fake_speaker = fake.get();
    speaker = std::move(fake);
  } else if (auto engine = EspeakSpeaker::open({settings.kiosk.voice_clips_dir}); engine.ok()) {
    speaker = std::move(engine).value();
  } else {
    std::fprintf(stderr, "complaint-kiosk: speech unavailable: %s\n", engine.error().message.c_str());
  }
  // The handwriting engine, still opening; without a model the keyboards offer no pad
  // (pinyin still works). A model that is there but cannot open makes each stroke an error.
  std::optional<DeferredHandwritingRecognizer> handwriting;
  std::error_code no_file;
  if (std::filesystem::exists(level1_model(assets), no_file) ||
      std::filesystem::exists(ZinniaRecognizer::default_model(), no_file))
    handwriting.emplace(std::move(opening.handwriting));
  Result<Catalogs> texts = opening.catalogs.get();
  if (!texts.ok()) return fail(texts.error());
  Services services{config,           settings.kiosk, taxonomy.value(),
                    calendar.value(), filing,         *store.value(),
                    *clock,           input_method,   {}};
  if (sync) services.sync = &sync->worker();
  if (handwriting) services.handwriting = &*handwriting;  // the staff screen shows its status
  services.speaker = speaker.get();
  // "Call staff": kept in the kiosk's file on a connection of the UI's own (the sync thread
  // has its own), sent with the next sync round; without sync the screen sends customers to
  // the counter, and the requests wait for a desk.
  auto help = SqliteKioskSyncStore::open(args.db);
  if (help.ok()) {
    services.help = help.value().get();
  } else {
    std::fprintf(stderr, "complaint-kiosk: help requests off: %s\n", help.error().message.c_str());
  }
  // Receipts print on their own thread once a ticket is committed (kiosk/receipt_printing.h).
  auto printing = start_receipt_printing(config, printer, taxonomy.value(), calendar.value(), *clock, args.db,
                                         ReceiptCatalogs{texts.value().zh_cn, texts.value().en});
  if (printing.ok()) {
    services.devices = printing.value().device;
    services.printing = printing.value().queue;
  } else {
    std::fprintf(stderr, "complaint-kiosk: receipts off: %s\n", printing.error().message.c_str());
  }
  AppOptions options;
  options.assets_dir = assets;
  options.after_first_frame = [gate = opening.first_frame] { gate->open(); };
  options.test_control = args.test_control;
  options.fake_clock = fake_clock;
  options.fake_speaker = fake_speaker;
  options.dpi = args.dpi > 0 ? args.dpi
                             : (settings.kiosk.screen_dpi > 0 ? settings.kiosk.screen_dpi
                                                              : platform.value()->display_dpi());
  App app(*platform.value(), services, options);
  app.use_texts(texts.value().zh_cn, texts.value().en);
  return app.run();
}
