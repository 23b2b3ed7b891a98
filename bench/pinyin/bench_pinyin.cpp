// pinyin_bench: what one key press costs in the real engine: candidates for the pinyin
// typed so far (letter by letter, as the keyboard asks), a whole phrase at once, paging
// deeper, and predictions after a commit. p99 is reported per benchmark (target <= 2 ms).
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/pinyin/google_pinyin_input_method.h"

namespace complaint {
namespace {

// What customers type: the domain words, one multi-word phrase, a long sentence.
const std::vector<std::string> kInputs = {"tousu",
                                          "wuye",
                                          "loushui",
                                          "dianti",
                                          "guiyuantaidu",
                                          "tousuwuye",
                                          "paiduishijianchang",
                                          "gongzuorenyuanfuwutaiduhenbuhao"};

// A fresh user dictionary per run (seeded like a first start), removed at exit after the
// engine (statics are destroyed in reverse order of construction).
GooglePinyinInputMethod& engine() {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pinyin_bench_" + std::to_string(::getpid()));
  static const struct RemoveAtExit {
    ~RemoveAtExit() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } remove_at_exit;
  static const std::string user = (dir / "user_dict.dat").string();
  static auto opened = GooglePinyinInputMethod::open(PinyinEngineOptions{{}, user, {}});
  if (!opened.ok()) std::abort();
  return *opened.value();
}

// Runs `lookup` once per iteration, timing each call, and reports p50/p99/max in ms.
template <class Lookup>
void measure(benchmark::State& state, Lookup lookup) {
  std::vector<double> samples;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    lookup(i++);
    samples.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  auto at = [&](double q) {
    return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))];
  };
  state.counters["p50_ms"] = at(0.50);
  state.counters["p99_ms"] = at(0.99);
  state.counters["max_ms"] = samples.back();
}

// Letter by letter through each input: the keyboard's real request pattern (13 = two
// pages of 6 plus one, what KeyboardModel fetches).
void BM_CandidatesPerKeyPress(benchmark::State& state) {
  std::vector<std::string> prefixes;
  for (const auto& input : kInputs) {
    for (std::size_t n = 1; n <= input.size(); ++n) prefixes.push_back(input.substr(0, n));
  }
  measure(state, [&](std::size_t i) {
    auto found = engine().candidates(prefixes[i % prefixes.size()], 13, InputContext::text);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_CandidatesPerKeyPress);

// A whole input at once (pasted or after a prediction), never an incremental search.
void BM_CandidatesWholeInput(benchmark::State& state) {
  measure(state, [&](std::size_t i) {
    auto found = engine().candidates(kInputs[i % kInputs.size()], 13, InputContext::text);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_CandidatesWholeInput);

// Paging deep into a common syllable: the worst candidate count per request.
void BM_CandidatesDeepPage(benchmark::State& state) {
  const std::vector<std::string> syllables = {"shi", "yi", "ji", "wu"};
  measure(state, [&](std::size_t i) {
    auto found = engine().candidates(syllables[i % syllables.size()], 61, InputContext::text);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_CandidatesDeepPage);

void BM_PredictionsAfterCommit(benchmark::State& state) {
  const std::vector<std::string> history = {"投诉", "物业", "工作人员", "电梯"};
  measure(state, [&](std::size_t i) {
    auto found = engine().predictions(history[i % history.size()], 24);
    benchmark::DoNotOptimize(found);
  });
}
BENCHMARK(BM_PredictionsAfterCommit);

}  // namespace
}  // namespace complaint
