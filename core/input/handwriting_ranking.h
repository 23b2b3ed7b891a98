// RankedHandwritingRecognizer: the shape engine's best few candidates put in the order the
// place they go makes likely. The engine (Zinnia) knows only shapes, and characters of like
// shape come close together (王 玉 主, 度 席 庶): in a name field that is still empty a
// surname is far likelier, and after 态 the 度 of 态度. So within the engine's top
// k_shape_window, a surname (name_start) or a character that continues a domain word from
// the character before (text) moves ahead of the others, each group in the engine's order.
// Below the window the shapes are too far apart for the context to outweigh the writing,
// and the order is left alone. Where the engine scores its candidates (Zinnia), a likely one
// moves only when its score is within `margin` of the best one's: a confident first guess
// (the shipped model's usual answer) is not overruled by the context.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/input/handwriting_recognizer.h"
#include "core/input/surname_first.h"

namespace complaint {

// Pairs of adjacent characters in the domain words (assets/pinyin/seed_words.txt: 态度 gives
// 态+度, 投诉人 gives 投+诉 and 诉+人).
class DomainCharacterPairs {
 public:
  DomainCharacterPairs() = default;  // no words: nothing is reordered after text
  explicit DomainCharacterPairs(const std::vector<std::string>& words);

  bool contains(std::string_view first, std::string_view second) const;
  std::size_t size() const { return m_pairs.size(); }

 private:
  std::unordered_set<std::string> m_pairs;  // the two characters' UTF-8, concatenated
};

class RankedHandwritingRecognizer final : public HandwritingRecognizer {
 public:
  // How many of the engine's best candidates the context may reorder.
  static constexpr std::size_t k_shape_window = 5;

  // The margin the kiosk uses: see BENCHMARKS "Ranking by where the character goes".
  static constexpr double k_default_margin = 0.7;

  RankedHandwritingRecognizer(std::unique_ptr<HandwritingRecognizer> engine,
                              std::shared_ptr<const SurnameList> surnames, DomainCharacterPairs pairs,
                              double margin = k_default_margin);

  Result<std::vector<std::string>> recognize(const Ink& ink, std::size_t limit,
                                             const HandwritingContext& context) override;
  void release_memory() override;

 private:
  std::unique_ptr<HandwritingRecognizer> m_engine;
  std::shared_ptr<const SurnameList> m_surnames;
  DomainCharacterPairs m_pairs;
  double m_margin;
};

}  // namespace complaint
