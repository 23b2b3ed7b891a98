// handwriting_bench: recognition accuracy and latency of the kiosk's handwriting engine
// (ZinniaRecognizer, Debian's Simplified Chinese model) on the 3,500 level-1 characters of
// 通用规范汉字表, each written from hanzi-writer-data's stroke medians in standard order.
//
//   handwriting_bench --data "$(bench/handwriting/fetch_stroke_data.sh)" [--chars FILE] [--limit N]
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
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "drivers/handwriting/zinnia_recognizer.h"

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

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  std::string chars_path = LEVEL1_LIST;
  std::size_t limit = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data") == 0) data_dir = argv[i + 1];
    if (std::strcmp(argv[i], "--chars") == 0) chars_path = argv[i + 1];
    if (std::strcmp(argv[i], "--limit") == 0) limit = std::stoul(argv[i + 1]);
  }
  if (data_dir.empty()) {
    std::fprintf(stderr, "usage: handwriting_bench --data DIR [--chars FILE] [--limit N]\n");
    return 2;
  }
  std::vector<std::string> characters;
  {
    std::ifstream in(chars_path);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) characters.push_back(line);
  }
  if (limit > 0 && characters.size() > limit) characters.resize(limit);

  auto opened = ZinniaRecognizer::open({});
  if (!opened.ok()) {
    std::fprintf(stderr, "handwriting_bench: %s\n", opened.error().message.c_str());
    return 1;
  }
  ZinniaRecognizer& recognizer = *opened.value();

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
      auto found = recognizer.recognize(written, 10);
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
  return 0;
}
