// handwriting_bench: recognition accuracy and latency of the kiosk's handwriting engine
// (ZinniaRecognizer, Debian's Simplified Chinese model) on the 3,500 level-1 characters of
// 通用规范汉字表, each written from hanzi-writer-data's stroke medians in standard order.
//
//   handwriting_bench --data "$(bench/handwriting/fetch_stroke_data.sh)" [--chars FILE] [--limit N] [--model
//   FILE] [--fallback debian] [--margins M,M]
//
// Then the context ranking (RankedHandwritingRecognizer, with the shipped surname list and
// domain words): top-1 of each surname written in an empty name field, and of each domain
// word's later characters written after the one before, against the engine's own order; and
// what the ranking costs: top-1 of the level-1 characters in those places when they are not
// what the context expects. --margins M,M runs the ranking once for each margin (how close to
// the engine's best score a likely character must be to move ahead; default the kiosk's).
//
// Each character is recognised as the kiosk does it: after every stroke (the latency of
// those calls is the "per stroke" figure) and finally with all strokes (the "per character"
// figure, whose candidates give top-1/top-5/top-10). Medians are in a 1024-unit box with
// y up and an offset of 900 (hanzi-writer's convention); they are turned into pad pixels
// with y down on a 1024-pixel square pad.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/utf8.h"
#include "core/input/handwriting_fallback.h"
#include "core/input/handwriting_ranking.h"
#include "drivers/handwriting/zinnia_recognizer.h"
#include "drivers/pinyin/seed_vocabulary.h"

using namespace complaint;

namespace {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

bool read_ink(const std::string& path, Ink& ink) {
  std::ifstream in(path);
  if (!in) return false;
  const nlohmann::json data = nlohmann::json::parse(in, nullptr, false);
  if (data.is_discarded() || !data.contains("medians")) return false;
  ink = Ink{1024, 1024, {}};
  for (const auto& median : data["medians"]) {
    InkStroke stroke;
    for (const auto& point : median)
      stroke.push_back(InkPoint{point[0].get<int>(), 900 - point[1].get<int>()});
    ink.strokes.push_back(std::move(stroke));
  }
  return !ink.strokes.empty();
}

// The characters of a UTF-8 word.
std::vector<std::string> characters_of(const std::string& word) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < word.size();) {
    const std::size_t length = utf8::length_at(word, at);
    out.push_back(word.substr(at, length));
    at += length;
  }
  return out;
}

// Top-1 counts of written characters in their contexts, by the engine alone and ranked.
struct ContextScore {
  std::size_t tested = 0;
  std::size_t engine_top1 = 0;
  std::size_t ranked_top1 = 0;

  void print(const char* what) const {
    auto pct = [&](std::size_t n) { return tested == 0 ? 0.0 : 100.0 * static_cast<double>(n) / tested; };
    std::printf("%s: %zu written; top-1 engine %.1f %%, ranked %.1f %%\n", what, tested, pct(engine_top1),
                pct(ranked_top1));
  }
};

void score(ContextScore& into, HandwritingRecognizer& engine, HandwritingRecognizer& ranked, const Ink& ink,
           const std::string& character, const HandwritingContext& context) {
  const auto first_is = [&](HandwritingRecognizer& recognizer) {
    auto found = recognizer.recognize(ink, 10, context);
    return found.ok() && !found.value().empty() && found.value().front() == character;
  };
  ++into.tested;
  if (first_is(engine)) ++into.engine_top1;
  if (first_is(ranked)) ++into.ranked_top1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  std::string chars_path = LEVEL1_LIST;
  std::size_t limit = 0;
  std::string model;      // empty: Debian's model
  bool fallback = false;  // --fallback debian
  // --margins 0.1,0.5: the context ranking once for each (RankedHandwritingRecognizer's margin)
  std::vector<double> margins = {RankedHandwritingRecognizer::k_default_margin};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data") == 0) data_dir = argv[i + 1];
    if (std::strcmp(argv[i], "--chars") == 0) chars_path = argv[i + 1];
    if (std::strcmp(argv[i], "--limit") == 0) limit = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--model") == 0) model = argv[i + 1];
    if (std::strcmp(argv[i], "--fallback") == 0) fallback = std::strcmp(argv[i + 1], "debian") == 0;
    if (std::strcmp(argv[i], "--margins") == 0) {
      margins.clear();
      std::string list = argv[i + 1];
      for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        margins.push_back(std::stod(list.substr(start, comma - start)));
        start = comma + 1;
      }
    }
  }
  if (data_dir.empty()) {
    std::fprintf(stderr,
                 "usage: handwriting_bench --data DIR [--chars FILE] [--limit N] [--model FILE] [--fallback "
                 "debian] [--margins M,M]\n");
    return 2;
  }
  std::vector<std::string> characters;
  {
    std::ifstream in(chars_path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) characters.push_back(line);
  }
  if (limit > 0 && characters.size() > limit) characters.resize(limit);

  // The engine as the kiosk composes it: the model, and with --fallback Debian's model
  // behind it (FallbackHandwritingRecognizer: every sixth place, so top-5 is the model's).
  const auto engine = [&]() -> Result<std::unique_ptr<HandwritingRecognizer>> {
    TRY_ASSIGN(std::unique_ptr<ZinniaRecognizer> primary, ZinniaRecognizer::open({model}));
    if (!fallback) return std::unique_ptr<HandwritingRecognizer>(std::move(primary));
    TRY_ASSIGN(std::unique_ptr<ZinniaRecognizer> debian, ZinniaRecognizer::open({}));
    return std::unique_ptr<HandwritingRecognizer>(
        std::make_unique<FallbackHandwritingRecognizer>(std::move(primary), std::move(debian)));
  };
  auto opened = engine();
  if (!opened.ok()) {
    std::fprintf(stderr, "handwriting_bench: %s\n", opened.error().message.c_str());
    return 1;
  }
  HandwritingRecognizer& recognizer = *opened.value();

  std::size_t tested = 0;
  std::size_t missing = 0;
  std::size_t top1 = 0;
  std::size_t top5 = 0;
  std::size_t top10 = 0;
  std::vector<double> per_character_ms;
  std::vector<double> per_stroke_ms;
  std::string misses;
  for (const std::string& character : characters) {
    Ink ink;
    if (!read_ink(data_dir + "/" + character + ".json", ink)) {
      ++missing;
      continue;
    }
    // As the customer writes: one recognition after each stroke.
    Ink written{ink.width, ink.height, {}};
    std::vector<std::string> candidates;
    for (const InkStroke& stroke : ink.strokes) {
      written.strokes.push_back(stroke);
      const auto start = std::chrono::steady_clock::now();
      auto found = recognizer.recognize(written, 10, {});
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      per_stroke_ms.push_back(ms);
      if (!found.ok()) {
        std::fprintf(stderr, "handwriting_bench: %s: %s\n", character.c_str(), found.error().message.c_str());
        return 1;
      }
      candidates = std::move(found).value();
      if (written.strokes.size() == ink.strokes.size()) per_character_ms.push_back(ms);
    }
    ++tested;
    const auto at = std::find(candidates.begin(), candidates.end(), character);
    const auto rank = static_cast<std::size_t>(std::distance(candidates.begin(), at));
    if (rank < 1) ++top1;
    if (rank < 5) ++top5;
    if (rank < 10) ++top10;
    if (rank >= 5 && misses.size() < 300) misses += character;
  }
  auto pct = [&](std::size_t n) { return tested == 0 ? 0.0 : 100.0 * static_cast<double>(n) / tested; };
  std::printf("characters tested: %zu (no stroke data: %zu)\n", tested, missing);
  std::printf("top-1: %.1f %%  top-5: %.1f %%  top-10: %.1f %%\n", pct(top1), pct(top5), pct(top10));
  std::printf("per character (all strokes): p50 %.2f ms  p99 %.2f ms  max %.2f ms\n",
              percentile(per_character_ms, 0.5), percentile(per_character_ms, 0.99),
              percentile(per_character_ms, 1.0));
  std::printf("per stroke (as written, %zu calls): p50 %.2f ms  p99 %.2f ms\n", per_stroke_ms.size(),
              percentile(per_stroke_ms, 0.5), percentile(per_stroke_ms, 0.99));
  std::printf("first misses (not in top 5): %s\n", misses.c_str());

  // The context ranking, on a second engine of the same model behind the ranking.
  auto surnames = std::make_shared<SurnameList>();
  if (auto parsed = SurnameList::load_file(SURNAME_LIST); parsed.ok()) *surnames = std::move(parsed).value();
  // The domain words as the kiosk reads them (drivers/pinyin's SeedVocabulary).
  auto seeds = SeedVocabulary::load_file(SEED_WORDS);
  if (!seeds.ok()) {
    std::fprintf(stderr, "handwriting_bench: %s\n", seeds.error().message.c_str());
    return 1;
  }
  std::vector<std::string> words;
  for (const SeedWord& seed : seeds.value().all()) words.push_back(seed.word);
  const DomainCharacterPairs pairs(words);
  for (const double margin : margins) {
    auto second = engine();
    if (!second.ok()) return 1;
    RankedHandwritingRecognizer ranked(std::move(second).value(), surnames, pairs, margin);
    std::printf("\ncontext ranking, margin %g:\n", margin);
    const HandwritingContext name_start{InputContext::name_start, ""};
    ContextScore surname_score, surname_cost, pair_score, pair_cost;
    std::vector<std::string> word_starts;
    for (const std::string& word : words) {
      const std::vector<std::string> chars = characters_of(word);
      for (std::size_t i = 1; i < chars.size(); ++i) {
        Ink ink;
        if (!read_ink(data_dir + "/" + chars[i] + ".json", ink)) continue;
        score(pair_score, recognizer, ranked, ink, chars[i], {InputContext::text, chars[i - 1]});
      }
      if (chars.size() > 1) word_starts.push_back(chars[0]);
    }
    std::size_t index = 0;
    for (const std::string& character : characters) {
      Ink ink;
      if (!read_ink(data_dir + "/" + character + ".json", ink)) continue;
      if (surnames->rank(character)) {
        score(surname_score, recognizer, ranked, ink, character, name_start);
      } else {
        score(surname_cost, recognizer, ranked, ink, character, name_start);
      }
      // After a domain word's first character that does not lead to this one.
      if (word_starts.empty()) continue;
      const std::string& before = word_starts[index++ % word_starts.size()];
      if (!pairs.contains(before, character))
        score(pair_cost, recognizer, ranked, ink, character, {InputContext::text, before});
    }
    // The reference complaint of the kiosk's taps test (tests/kiosk/taps_test.cpp) written on
    // the pad: the strokes until each character is on the candidate bar's first page (6, as on
    // the kiosk; the pad recognises after every stroke), then one tap on it; the comma is a key.
    const std::string reference = "柜台排队太久，服务态度不好";
    std::size_t strokes_needed = 0, strokes_all = 0, reference_taps = 0, not_offered = 0;
    std::string before;
    std::string missed;
    for (const std::string& character : characters_of(reference)) {
      Ink ink;
      if (!read_ink(data_dir + "/" + character + ".json", ink)) {
        ++reference_taps;  // a key of the layout
        before = character;
        continue;
      }
      Ink written{ink.width, ink.height, {}};
      bool offered = false;
      for (const InkStroke& stroke : ink.strokes) {
        written.strokes.push_back(stroke);
        auto found = ranked.recognize(written, 6, {InputContext::text, before});
        if (found.ok() &&
            std::find(found.value().begin(), found.value().end(), character) != found.value().end()) {
          offered = true;
          break;
        }
      }
      strokes_needed += written.strokes.size();
      strokes_all += ink.strokes.size();
      if (offered) ++reference_taps;
      if (!offered) {
        ++not_offered;
        missed += character;
      }
      before = character;
    }
    std::printf(
        "reference complaint %s by handwriting: %zu strokes (of %zu) and %zu taps; not offered: %zu %s\n",
        reference.c_str(), strokes_needed, strokes_all, reference_taps, not_offered, missed.c_str());

    surname_score.print("surnames (list) in an empty name field");
    surname_cost.print("other level-1 characters in an empty name field");
    pair_score.print("domain words' later characters after the one before");
    pair_cost.print("level-1 characters after a domain word's first character, not its next");
  }
  return 0;
}
