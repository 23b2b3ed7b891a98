// GooglePinyinInputMethod against the real libgooglepinyin and its Debian dictionary:
// candidates, partial choice, seeding, predictions, learning that survives a restart,
// the one-decoder rule, bad input, and the keyboard model typing through the engine.
#include "drivers/pinyin/google_pinyin_input_method.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/base/utf8.h"
#include "core/config/config.h"
#include "core/input/blocking_input.h"
#include "core/input/keyboard_model.h"
#include "core/input/surname_first.h"

namespace complaint {
namespace {

namespace fs = std::filesystem;

class GooglePinyinTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(GooglePinyinInputMethod::default_system_dictionary())) {
      GTEST_SKIP() << "libgooglepinyin0's dictionary is not installed: "
                   << GooglePinyinInputMethod::default_system_dictionary();
    }
    m_dir = fs::temp_directory_path() / ("pinyin_test_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  PinyinEngineOptions options(std::string seed_words = {}) const {
    return PinyinEngineOptions{{}, (m_dir / "var" / "user_dict.dat").string(), std::move(seed_words)};
  }

  std::string write_seed_file(const std::string& content) const {
    const auto path = (m_dir / "seeds.txt").string();
    std::ofstream(path) << content;
    return path;
  }

  static std::vector<std::string> texts(const std::vector<PinyinCandidate>& candidates) {
    std::vector<std::string> out;
    for (const auto& c : candidates) out.push_back(c.text);
    return out;
  }

  static std::unique_ptr<GooglePinyinInputMethod> open_or_fail(const PinyinEngineOptions& options) {
    auto engine = GooglePinyinInputMethod::open(options);
    EXPECT_TRUE(engine.ok()) << (engine.ok() ? "" : engine.error().message);
    return engine.ok() ? std::move(engine).value() : nullptr;
  }

  fs::path m_dir;
};

TEST_F(GooglePinyinTest, TousuGivesTousuAmongTheFirstCandidates) {
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  auto found = engine->candidates("tousu", 6, InputContext::text);
  ASSERT_TRUE(found.ok()) << found.error().message;
  auto words = texts(*found);
  ASSERT_FALSE(words.empty());
  auto at = std::find(words.begin(), words.end(), "投诉");
  ASSERT_NE(at, words.end());
  EXPECT_LT(at - words.begin(), 3);
  EXPECT_EQ(found->front().pinyin_length, 5U);
}

// The real dictionary offers 台独 for "taidu" (态度, the key word of attitude complaints), so
// the kiosk puts the shipped block list in front of it: the engine alone still offers it (the
// list is not a no-op), the blocking engine never does, and 态度 stays first.
TEST_F(GooglePinyinTest, TheShippedBlockListKeepsTaiduFromOfferingSeparatism) {
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  const auto raw = texts(engine->candidates("taidu", 10, InputContext::text).value());
  ASSERT_NE(std::find(raw.begin(), raw.end(), "台独"), raw.end()) << "the dictionary no longer offers it";
  auto list = CandidateBlockList::load_file(assets_dir() + "/pinyin/blocked_words.txt");
  ASSERT_TRUE(list.ok()) << list.error().message;
  BlockingInputMethod blocking(std::move(engine),
                               std::make_shared<const CandidateBlockList>(std::move(list).value()));
  const auto words = texts(blocking.candidates("taidu", 10, InputContext::text).value());
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words.front(), "态度");
  EXPECT_EQ(words.size(), 10u);
  for (const std::string& word : words) EXPECT_EQ(word.find("台独"), std::string::npos) << word;
}

TEST_F(GooglePinyinTest, MultiSyllableInputOffersPartialChoices) {
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  auto found = engine->candidates("tousuwuye", 12, InputContext::text);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->front().pinyin_length, 9U) << "the first candidate converts everything";
  auto partial = std::find_if(found->begin(), found->end(), [](const auto& c) { return c.text == "投诉"; });
  ASSERT_NE(partial, found->end());
  EXPECT_EQ(partial->pinyin_length, 5U) << "投诉 leaves \"wuye\" to compose";
  // A separator belongs to the syllable before it.
  auto xian = engine->candidates("xi'an", 12, InputContext::text);
  ASSERT_TRUE(xian.ok());
  EXPECT_EQ(xian->front(), (PinyinCandidate{"西安", 5}));
  auto xi = std::find_if(xian->begin(), xian->end(), [](const auto& c) { return c.text == "西"; });
  ASSERT_NE(xi, xian->end());
  EXPECT_EQ(xi->pinyin_length, 3U);
}

TEST_F(GooglePinyinTest, EverySeedWordRanksFirstForItsPinyin) {
  auto seeds = SeedVocabulary::load_file(assets_dir() + "/pinyin/seed_words.txt");
  ASSERT_TRUE(seeds.ok()) << seeds.error().message;
  ASSERT_GE(seeds->all().size(), 300U);
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  for (const auto& seed : seeds->all()) {
    // Seeds sharing a pinyin (报修, 保修) lead it together, in file order.
    const auto& sharing = seeds->words_for(seed.pinyin);
    auto found = engine->candidates(SeedVocabulary::key_of(seed.pinyin), sharing.size(), InputContext::text);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(texts(*found), sharing) << seed.pinyin;
  }
  auto wuye = engine->candidates("wuye", 6, InputContext::text);
  ASSERT_TRUE(wuye.ok());
  EXPECT_EQ(wuye->front().text, "物业");
  const auto words = texts(*wuye);
  EXPECT_EQ(std::count(words.begin(), words.end(), "物业"), 1) << "no duplicate of a seed word";
}

// The shipped vocabulary is written by hand: a word with a wrong pinyin would lead a pinyin
// it does not spell. Each character must be one the dictionary itself offers for its
// syllable (seeds off), one syllable a character.
TEST_F(GooglePinyinTest, EveryShippedSeedWordIsSpelledAsTheDictionarySpellsIt) {
  auto seeds = SeedVocabulary::load_file(assets_dir() + "/pinyin/seed_words.txt");
  ASSERT_TRUE(seeds.ok()) << seeds.error().message;
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  for (const auto& seed : seeds->all()) {
    std::vector<std::string> syllables;
    for (std::size_t from = 0, to = 0; to != std::string::npos; from = to + 1) {
      to = seed.pinyin.find('\'', from);
      syllables.push_back(seed.pinyin.substr(from, to == std::string::npos ? to : to - from));
    }
    std::vector<std::string> characters;
    for (std::size_t at = 0; at < seed.word.size(); at += utf8::length_at(seed.word, at))
      characters.push_back(seed.word.substr(at, utf8::length_at(seed.word, at)));
    ASSERT_EQ(syllables.size(), characters.size()) << seed.word << " " << seed.pinyin;
    for (std::size_t i = 0; i < syllables.size(); ++i) {
      const auto offered = texts(engine->candidates(syllables[i], 1000, InputContext::text).value());
      EXPECT_NE(std::find(offered.begin(), offered.end(), characters[i]), offered.end())
          << seed.word << " " << seed.pinyin << ": " << characters[i] << " is not " << syllables[i];
    }
  }
}

// Complaint words the general dictionary ranks lower lead once the vocabulary is in.
TEST_F(GooglePinyinTest, TheDomainVocabularyLeadsItsPinyinOverGeneralWords) {
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"taidu", "态度"},       {"luanshoufei", "乱收费"}, {"tunka", "吞卡"},
      {"xinyongka", "信用卡"}, {"zhengxin", "征信"},      {"baoxiu", "报修"},
      {"loushui", "漏水"},     {"guiyuan", "柜员"},       {"gongzuorenyuan", "工作人员"}};
  for (const auto& [pinyin, word] : cases) {
    auto found = engine->candidates(pinyin, 6, InputContext::text);
    ASSERT_TRUE(found.ok()) << pinyin;
    ASSERT_FALSE(found->empty()) << pinyin;
    EXPECT_EQ(found->front().text, word) << pinyin;
  }
}

// The kiosk's stack (block list over surname order over the engine) in a name field's first
// syllable: the surname leads; in any other field the engine's own order is untouched.
TEST_F(GooglePinyinTest, ANameFieldsFirstSyllableOffersTheSurnameFirst) {
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  GooglePinyinInputMethod* raw = engine.get();
  auto surnames = SurnameList::load_file(assets_dir() + "/pinyin/surnames.txt");
  ASSERT_TRUE(surnames.ok()) << surnames.error().message;
  auto blocked = CandidateBlockList::load_file(assets_dir() + "/pinyin/blocked_words.txt");
  ASSERT_TRUE(blocked.ok()) << blocked.error().message;
  BlockingInputMethod kiosk(
      std::make_unique<SurnameFirstInputMethod>(
          std::move(engine), std::make_shared<const SurnameList>(std::move(surnames).value())),
      std::make_shared<const CandidateBlockList>(std::move(blocked).value()));

  const auto wang_raw = texts(raw->candidates("wang", 6, InputContext::text).value());
  ASSERT_FALSE(wang_raw.empty());
  ASSERT_NE(wang_raw.front(), "王") << "the premise: the dictionary alone does not rank 王 first";
  EXPECT_EQ(texts(kiosk.candidates("wang", 6, InputContext::text).value()), wang_raw)
      << "the details field keeps the engine's order";
  const std::vector<std::pair<std::string, std::string>> names = {
      {"wang", "王"}, {"li", "李"}, {"zhang", "张"}, {"chen", "陈"}, {"liu", "刘"}, {"huang", "黄"}};
  for (const auto& [pinyin, surname] : names) {
    const auto found = texts(kiosk.candidates(pinyin, 6, InputContext::name_start).value());
    ASSERT_FALSE(found.empty()) << pinyin;
    EXPECT_EQ(found.front(), surname) << pinyin;
    EXPECT_EQ(found.size(), 6u) << pinyin;
  }
  // taidu in a name field: still never the blocked word.
  for (const std::string& word : texts(kiosk.candidates("taidu", 12, InputContext::name_start).value()))
    EXPECT_EQ(word.find("台独"), std::string::npos) << word;
}

TEST_F(GooglePinyinTest, TheKeyboardInANameFieldGivesTheSurnameThenTheGivenName) {
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  auto surnames = SurnameList::load_file(assets_dir() + "/pinyin/surnames.txt");
  ASSERT_TRUE(surnames.ok()) << surnames.error().message;
  SurnameFirstInputMethod named(std::move(engine),
                                std::make_shared<const SurnameList>(std::move(surnames).value()));
  KeyboardModel keyboard(named);
  keyboard.set_field(FieldKind::person_name, true);
  for (char c : std::string("wang")) keyboard.press(std::string(1, c));
  ASSERT_FALSE(keyboard.candidate_page().empty());
  EXPECT_EQ(keyboard.candidate_page().front(), "王");
  keyboard.choose_candidate(0);
  keyboard.set_field(FieldKind::person_name, false);  // the text area now holds 王
  for (char c : std::string("wang")) keyboard.press(std::string(1, c));
  const auto raw = texts(named.candidates("wang", 6, InputContext::text).value());
  EXPECT_EQ(keyboard.candidate_page(), raw) << "after the surname, characters come in the engine's order";
}

TEST_F(GooglePinyinTest, SeedingReordersWhatTheDictionaryRanksLower) {
  {
    auto plain = open_or_fail(options("-"));
    ASSERT_TRUE(plain);
    auto found = plain->candidates("wuye", 6, InputContext::text);
    ASSERT_TRUE(found.ok());
    ASSERT_NE(found->front().text, "午夜") << "the premise: the dictionary alone ranks 午夜 lower";
  }
  fs::remove_all(m_dir / "var");
  auto seeded = open_or_fail(options(write_seed_file("午夜 wu'ye\n")));
  ASSERT_TRUE(seeded);
  EXPECT_EQ(seeded->seeded(), 1U);
  auto found = seeded->candidates("wu'ye", 6, InputContext::text);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->front(), (PinyinCandidate{"午夜", 5}));
}

TEST_F(GooglePinyinTest, FirstStartSeedsTheUserDictionaryOnce) {
  {
    auto first = open_or_fail(options());
    ASSERT_TRUE(first);
    EXPECT_GE(first->seeded(), 21U);
  }
  EXPECT_TRUE(fs::exists(m_dir / "var" / "user_dict.dat"));
  auto second = open_or_fail(options());
  ASSERT_TRUE(second);
  EXPECT_EQ(second->seeded(), 0U) << "an existing user dictionary is not seeded again";
}

TEST_F(GooglePinyinTest, PredictionsFollowTousu) {
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  auto predicted = engine->predictions("我要投诉", 10);
  ASSERT_TRUE(predicted.ok()) << predicted.error().message;
  EXPECT_FALSE(predicted->empty());
  // Predicting must not disturb the next search.
  auto found = engine->candidates("dianti", 3, InputContext::text);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->front().text, "电梯");
}

TEST_F(GooglePinyinTest, LearnedPhraseSurvivesARestart) {
  {
    auto engine = open_or_fail(options("-"));
    ASSERT_TRUE(engine);
    auto before = engine->candidates("tousuwuye", 30, InputContext::text);
    ASSERT_TRUE(before.ok());
    auto words = texts(*before);
    ASSERT_EQ(std::count(words.begin(), words.end(), "投诉无业"), 0) << "premise: not known before learning";
    ASSERT_TRUE(engine->learn("tousuwuye", "投诉无业").ok());
    ASSERT_TRUE(engine->flush().ok());
  }
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  auto after = engine->candidates("tousuwuye", 30, InputContext::text);
  ASSERT_TRUE(after.ok());
  auto words = texts(*after);
  EXPECT_NE(std::find(words.begin(), words.end(), "投诉无业"), words.end());
}

TEST_F(GooglePinyinTest, OnlyOneDecoderAtATime) {
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  auto second = GooglePinyinInputMethod::open(options("-"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  engine.reset();
  EXPECT_TRUE(GooglePinyinInputMethod::open(options("-")).ok()) << "closing releases the decoder";
}

TEST_F(GooglePinyinTest, BadInputIsRefusedWithoutHarm) {
  auto engine = open_or_fail(options("-"));
  ASSERT_TRUE(engine);
  EXPECT_EQ(engine->candidates("tou su", 6, InputContext::text).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(engine->learn("tousu", "电梯").error().code, ErrorCode::invalid_input);
  EXPECT_EQ(engine->predictions("\xff", 6).error().code, ErrorCode::invalid_input);
  auto none = engine->candidates("vvv", 6, InputContext::text);
  ASSERT_TRUE(none.ok());
  auto found = engine->candidates("tousu", 6, InputContext::text);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->front().text, "投诉");
}

TEST_F(GooglePinyinTest, MissingDictionaryOrSeedsFailToOpen) {
  auto missing = GooglePinyinInputMethod::open(
      PinyinEngineOptions{(m_dir / "none.dat").string(), (m_dir / "u.dat").string(), "-"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::unavailable);
  auto bad_seeds = GooglePinyinInputMethod::open(options(write_seed_file("物业\n")));
  ASSERT_FALSE(bad_seeds.ok());
  EXPECT_EQ(bad_seeds.error().code, ErrorCode::config);
  EXPECT_TRUE(GooglePinyinInputMethod::open(options("-")).ok()) << "a failed open leaves the decoder free";
}

TEST_F(GooglePinyinTest, KeyboardTypesAComplaintThroughTheEngine) {
  auto engine = open_or_fail(options());
  ASSERT_TRUE(engine);
  KeyboardModel keyboard(*engine);
  for (char c : std::string("tousuwuye")) keyboard.press(std::string(1, c));
  auto page = keyboard.candidate_page();
  auto at = std::find(page.begin(), page.end(), "投诉");
  ASSERT_NE(at, page.end());
  keyboard.choose_candidate(static_cast<std::size_t>(at - page.begin()));
  EXPECT_EQ(keyboard.composing(), "wuye");
  EXPECT_EQ(keyboard.candidate_page().at(0), "物业");
  keyboard.press("space");
  EXPECT_EQ(keyboard.candidate_source(), CandidateSource::prediction);
  keyboard.type_text("loushui,");
  auto edits = keyboard.take_edits();
  ASSERT_EQ(edits.size(), 1U);
  EXPECT_EQ(edits[0].text, "投诉物业漏水，");
}

}  // namespace
}  // namespace complaint
