// SurnameList parsing and SurnameFirstInputMethod (see surname_first.h).
#include "core/input/surname_first.h"

#include <algorithm>
#include <utility>

#include "core/config/text_file.h"

namespace complaint {
namespace {

constexpr const char* k_what = "pinyin surname list";
const std::string k_field = "pinyin.surnames";

// How many candidates the engine is asked for beyond the caller's limit in a name's first
// syllables: a surname the dictionary ranks low for its syllable must still be among
// those reordered.
constexpr std::size_t k_name_window = 24;

// Candidates that are exactly a surname, most common first, then the rest in the engine's
// order.
void put_surnames_first(std::vector<PinyinCandidate>& candidates, const SurnameList& surnames) {
  std::vector<std::pair<std::size_t, PinyinCandidate>> named;
  std::vector<PinyinCandidate> rest;
  for (PinyinCandidate& candidate : candidates) {
    if (auto rank = surnames.rank(candidate.text))
      named.emplace_back(*rank, std::move(candidate));
    else
      rest.push_back(std::move(candidate));
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  candidates.clear();
  for (auto& [rank, candidate] : named) candidates.push_back(std::move(candidate));
  for (PinyinCandidate& candidate : rest) candidates.push_back(std::move(candidate));
}

}  // namespace

Result<SurnameList> SurnameList::parse(std::string_view text) {
  SurnameList list;
  TRY_ASSIGN(list.m_surnames, parse_word_list(text, k_what, k_field, "surname"));
  return list;
}

Result<SurnameList> SurnameList::load_file(const std::string& path) {
  SurnameList list;
  TRY_ASSIGN(list.m_surnames, load_word_list(path, k_what, k_field, "surname"));
  return list;
}

std::optional<std::size_t> SurnameList::rank(std::string_view text) const {
  // A hundred short strings, a few candidates per tap: a scan costs microseconds.
  for (std::size_t i = 0; i < m_surnames.size(); ++i) {
    if (m_surnames[i] == text) return i;
  }
  return std::nullopt;
}

SurnameFirstInputMethod::SurnameFirstInputMethod(std::unique_ptr<InputMethod> engine,
                                                 std::shared_ptr<const SurnameList> surnames)
    : ForwardingInputMethod(std::move(engine)), m_surnames(std::move(surnames)) {}

Result<std::vector<PinyinCandidate>> SurnameFirstInputMethod::candidates(std::string_view pinyin,
                                                                         std::size_t limit,
                                                                         InputContext context) {
  if (context != InputContext::name_start) return engine().candidates(pinyin, limit, context);
  TRY_ASSIGN(std::vector<PinyinCandidate> found, engine().candidates(pinyin, limit + k_name_window, context));
  put_surnames_first(found, *m_surnames);
  if (found.size() > limit) found.resize(limit);
  return found;
}

}  // namespace complaint
