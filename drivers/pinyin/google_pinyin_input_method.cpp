// GooglePinyinInputMethod over libgooglepinyin's im_* API. All im_* calls happen under
// g_engine_mutex; predictions share the decoder's search buffers, so every call that is
// not a plain search ends with im_reset_search() to keep the next search sound.
#include "drivers/pinyin/google_pinyin_input_method.h"

#include <pinyinime.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <mutex>

#include "core/base/utf8.h"
#include "core/config/config.h"

namespace complaint {
namespace {

using ime_pinyin::char16;

std::mutex g_engine_mutex;
bool g_engine_open = false;  // guarded by g_engine_mutex

constexpr std::size_t kCandidateBuffer = 64;

bool is_pinyin(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; });
}

// UTF-8 -> the engine's UCS-2; characters outside the BMP have no place in its dictionary.
Result<std::u16string> to_ucs2(std::string_view text) {
  if (!utf8::is_valid(text)) return Error::invalid("text", "", "text is not valid UTF-8");
  std::u16string out;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = utf8::decode_next(text, pos);
    if (c > 0xFFFF) return Error::invalid("text", "", "character outside the BMP");
    out.push_back(static_cast<char16_t>(c));
  }
  return out;
}

std::string to_utf8(const char16* text) {
  std::string out;
  for (; *text != 0; ++text) utf8::append(out, static_cast<char32_t>(*text));
  return out;
}

std::size_t ucs2_length(const char16* text) {
  std::size_t length = 0;
  while (text[length] != 0) ++length;
  return length;
}

// Engine candidates in its order, with how many input bytes each converts. Candidate 0
// is the whole-sentence conversion; the others are words from the start of the input,
// one spelling (syllable) per character, so spl_start[length] is where they end.
std::vector<PinyinCandidate> search(std::string_view pinyin, std::size_t limit) {
  const std::size_t count = ime_pinyin::im_search(pinyin.data(), pinyin.size());
  std::size_t decoded = 0;
  ime_pinyin::im_get_sps_str(&decoded);
  const ime_pinyin::uint16* spl_start = nullptr;
  const std::size_t spellings = ime_pinyin::im_get_spl_start_pos(spl_start);
  std::vector<PinyinCandidate> out;
  char16 buffer[kCandidateBuffer];
  for (std::size_t i = 0; i < count && out.size() < limit; ++i) {
    if (ime_pinyin::im_get_candidate(i, buffer, kCandidateBuffer) == nullptr) continue;
    const std::size_t characters = ucs2_length(buffer);
    if (characters == 0) continue;
    std::size_t length = decoded;
    if (i > 0 && spl_start != nullptr && characters < spellings) length = spl_start[characters];
    PinyinCandidate candidate{to_utf8(buffer), std::min(length, pinyin.size())};
    if (std::find(out.begin(), out.end(), candidate) == out.end()) out.push_back(std::move(candidate));
  }
  return out;
}

// Fixes `text` over `pinyin` one character at a time: a conversion made of several
// lemmas differs from the engine's own, which is what makes it store the phrase.
Result<void> learn_locked(std::string_view pinyin, std::string_view text) {
  TRY_ASSIGN(const std::u16string wanted, to_ucs2(text));
  ime_pinyin::im_reset_search();
  std::size_t count = ime_pinyin::im_search(pinyin.data(), pinyin.size());
  char16 buffer[kCandidateBuffer];
  for (std::size_t pos = 0; pos < wanted.size();) {
    std::size_t pick = 0;
    std::size_t pick_length = 0;
    for (std::size_t i = 1; i < count; ++i) {
      if (ime_pinyin::im_get_candidate(i, buffer, kCandidateBuffer) == nullptr) continue;
      const std::size_t length = ucs2_length(buffer);
      const bool matches = std::u16string_view(reinterpret_cast<const char16_t*>(buffer), length) ==
                           std::u16string_view(wanted).substr(pos, length);
      // A single character is preferred; a longer word only where no character fits.
      if (matches && (pick == 0 || length < pick_length)) {
        pick = i;
        pick_length = length;
        if (length == 1) break;
      }
    }
    if (pick == 0) {
      ime_pinyin::im_reset_search();
      return Error::invalid("text", "", "the text is not a conversion of the pinyin");
    }
    count = ime_pinyin::im_choose(pick);
    pos += pick_length;
  }
  ime_pinyin::im_reset_search();
  return Ok{};
}

bool exists(const std::string& path) {
  std::error_code ignored;
  return std::filesystem::exists(path, ignored);
}

}  // namespace

std::string GooglePinyinInputMethod::default_system_dictionary() {
  return COMPLAINT_GOOGLEPINYIN_SYSTEM_DICT;
}

Result<std::unique_ptr<GooglePinyinInputMethod>> GooglePinyinInputMethod::open(
    const PinyinEngineOptions& options) {
  const std::string system_dictionary =
      options.system_dictionary.empty() ? default_system_dictionary() : options.system_dictionary;
  const std::string seed_path =
      options.seed_words.empty() ? assets_dir() + "/pinyin/seed_words.txt" : options.seed_words;
  SeedVocabulary seeds;
  if (seed_path != "-") {
    TRY_ASSIGN(seeds, SeedVocabulary::load_file(seed_path));
  }
  if (!exists(system_dictionary)) {
    return Error::make(ErrorCode::unavailable, "pinyin system dictionary missing: " + system_dictionary,
                       "open", ENOENT);
  }
  const std::filesystem::path user_path(options.user_dictionary);
  if (user_path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(user_path.parent_path(), error);
    if (error) {
      return Error::make(ErrorCode::storage, "cannot create " + user_path.parent_path().string(),
                         "create_directories", error.value());
    }
  }

  std::lock_guard lock(g_engine_mutex);
  if (g_engine_open) {
    return Error::make(ErrorCode::conflict, "libgooglepinyin's decoder is already open in this process");
  }
  const bool fresh = !exists(options.user_dictionary);
  if (!ime_pinyin::im_open_decoder(system_dictionary.c_str(), options.user_dictionary.c_str())) {
    return Error::make(
        ErrorCode::unavailable,
        "cannot open the pinyin decoder with " + system_dictionary + " and " + options.user_dictionary,
        "im_open_decoder");
  }
  g_engine_open = true;
  std::unique_ptr<GooglePinyinInputMethod> engine(new GooglePinyinInputMethod(std::move(seeds)));
  if (fresh) {
    // A word the dictionary cannot spell that way is skipped: seeds are a ranking hint.
    for (const auto& seed : engine->m_seeds.all()) {
      if (learn_locked(seed.pinyin, seed.word).ok()) ++engine->m_seeded;
    }
    ime_pinyin::im_flush_cache();
  }
  return engine;
}

GooglePinyinInputMethod::~GooglePinyinInputMethod() {
  std::lock_guard lock(g_engine_mutex);
  ime_pinyin::im_flush_cache();
  ime_pinyin::im_close_decoder();
  g_engine_open = false;
}

// The context is not the engine's business: libgooglepinyin has no notion of a field, and
// the surname order for names is one rule for every engine (core/input/surname_first.h).
Result<std::vector<PinyinCandidate>> GooglePinyinInputMethod::candidates(std::string_view pinyin,
                                                                         std::size_t limit,
                                                                         InputContext /*context*/) {
  if (!is_pinyin(pinyin)) return Error::invalid("pinyin", "", "pinyin must be a-z and ' only");
  if (pinyin.empty() || limit == 0) return std::vector<PinyinCandidate>{};
  // Seed words lead for their exact pinyin: the engine cannot rank a user word above a
  // system word of the same spelling, and the domain's words must come first here.
  std::vector<PinyinCandidate> out;
  for (const auto& word : m_seeds.words_for(pinyin)) {
    if (out.size() < limit) out.push_back(PinyinCandidate{word, pinyin.size()});
  }
  const std::size_t seeded = out.size();
  std::vector<PinyinCandidate> found;
  {
    std::lock_guard lock(g_engine_mutex);
    found = search(pinyin, limit + seeded);
  }
  for (auto& candidate : found) {
    if (out.size() >= limit) break;
    if (std::find(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(seeded), candidate) !=
        out.begin() + static_cast<std::ptrdiff_t>(seeded)) {
      continue;
    }
    out.push_back(std::move(candidate));
  }
  return out;
}

Result<std::vector<std::string>> GooglePinyinInputMethod::predictions(std::string_view history,
                                                                      std::size_t limit) {
  TRY_ASSIGN(std::u16string text, to_ucs2(history));
  if (text.empty() || limit == 0) return std::vector<std::string>{};
  // The engine predicts from the last few characters only.
  if (text.size() > ime_pinyin::kMaxPredictSize) text.erase(0, text.size() - ime_pinyin::kMaxPredictSize);
  std::vector<std::string> out;
  std::lock_guard lock(g_engine_mutex);
  char16(*predicted)[ime_pinyin::kMaxPredictSize + 1] = nullptr;
  const std::size_t count =
      ime_pinyin::im_get_predicts(reinterpret_cast<const char16*>(text.c_str()), predicted);
  for (std::size_t i = 0; i < count && out.size() < limit; ++i) {
    std::string word = to_utf8(predicted[i]);
    if (!word.empty() && std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
  }
  ime_pinyin::im_reset_search();
  return out;
}

Result<void> GooglePinyinInputMethod::learn(std::string_view pinyin, std::string_view text) {
  if (!is_pinyin(pinyin) || pinyin.empty())
    return Error::invalid("pinyin", "", "pinyin must be a-z and ' only");
  std::lock_guard lock(g_engine_mutex);
  return learn_locked(pinyin, text);
}

Result<void> GooglePinyinInputMethod::flush() {
  std::lock_guard lock(g_engine_mutex);
  ime_pinyin::im_flush_cache();
  return Ok{};
}

}  // namespace complaint

#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer builds only (docs/TESTING.md §2): libgooglepinyin frees arrays it made with
// new[] through plain delete (ime_pinyin::SpellingTrie::build_ym_info, on every open), which
// ASan reports as alloc-dealloc-mismatch. Its suppression files cannot name a library for that
// report, so every program that links this driver, and only those, turns the check off by
// default; ASAN_OPTIONS still overrides. Harmless for the engine's trivially destructible arrays.
extern "C" const char* __asan_default_options() {
  return "alloc_dealloc_mismatch=0";
}
#endif
