// BlockingInputMethod and BlockingHandwritingRecognizer (see blocking_input.h).
#include "core/input/blocking_input.h"

#include <utility>

namespace complaint {
namespace {

// How many more candidates than asked for an engine is asked for: a blocked word rarely has
// more than a couple of neighbours on the list for the same input.
constexpr std::size_t k_spare = 8;

template <class Item, class TextOf>
std::vector<Item> without_blocked(std::vector<Item> items, const CandidateBlockList& blocked,
                                  std::size_t limit, TextOf text_of) {
  std::vector<Item> kept;
  for (Item& item : items) {
    if (kept.size() == limit) break;
    if (!blocked.blocks(text_of(item))) kept.push_back(std::move(item));
  }
  return kept;
}

}  // namespace

BlockingInputMethod::BlockingInputMethod(std::unique_ptr<InputMethod> engine,
                                         std::shared_ptr<const CandidateBlockList> blocked)
    : ForwardingInputMethod(std::move(engine)), m_blocked(std::move(blocked)) {}

Result<std::vector<PinyinCandidate>> BlockingInputMethod::candidates(std::string_view pinyin,
                                                                     std::size_t limit,
                                                                     InputContext context) {
  TRY_ASSIGN(std::vector<PinyinCandidate> found, engine().candidates(pinyin, limit + k_spare, context));
  return without_blocked(
      std::move(found), *m_blocked, limit,
      [](const PinyinCandidate& candidate) -> const std::string& { return candidate.text; });
}

Result<std::vector<std::string>> BlockingInputMethod::predictions(std::string_view history,
                                                                  std::size_t limit) {
  TRY_ASSIGN(std::vector<std::string> found, engine().predictions(history, limit + k_spare));
  return without_blocked(std::move(found), *m_blocked, limit,
                         [](const std::string& word) -> const std::string& { return word; });
}

Result<void> BlockingInputMethod::learn(std::string_view pinyin, std::string_view text) {
  if (m_blocked->blocks(text)) return Ok{};  // typed letter by letter, but never ranked up
  return engine().learn(pinyin, text);
}

BlockingHandwritingRecognizer::BlockingHandwritingRecognizer(
    std::unique_ptr<HandwritingRecognizer> engine, std::shared_ptr<const CandidateBlockList> blocked)
    : m_engine(std::move(engine)), m_blocked(std::move(blocked)) {}

Result<std::vector<std::string>> BlockingHandwritingRecognizer::recognize(const Ink& ink, std::size_t limit,
                                                                          const HandwritingContext& context) {
  TRY_ASSIGN(std::vector<std::string> found, m_engine->recognize(ink, limit + k_spare, context));
  return without_blocked(std::move(found), *m_blocked, limit,
                         [](const std::string& character) -> const std::string& { return character; });
}

void BlockingHandwritingRecognizer::release_memory() {
  m_engine->release_memory();
}

}  // namespace complaint
