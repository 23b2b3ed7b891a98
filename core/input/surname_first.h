// SurnameList and SurnameFirstInputMethod: in a person's name field, a surname leads the
// candidates for the syllables a name starts with ("wang" gives 王, not 网, first).
// The list is assets/pinyin/surnames.txt (the most common Chinese surnames by population,
// most common first, one a line, '#' comments; [pinyin] surnames names another file). Only
// InputContext::name_start is reordered: the given name after the surname, and every other
// field, keep the engine's own order.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/input/forwarding_input_method.h"

namespace complaint {

class SurnameList {
 public:
  SurnameList() = default;  // no surnames: nothing is reordered
  // config error naming the line for a word that is not valid UTF-8 or holds a space.
  static Result<SurnameList> parse(std::string_view text);
  static Result<SurnameList> load_file(const std::string& path);

  // The surname's place in the list (0: the most common), none for any other text.
  std::optional<std::size_t> rank(std::string_view text) const;
  std::size_t size() const { return m_surnames.size(); }

 private:
  std::vector<std::string> m_surnames;
};

// Only candidates() changes; predictions, learning and flushing pass straight on.
class SurnameFirstInputMethod final : public ForwardingInputMethod {
 public:
  SurnameFirstInputMethod(std::unique_ptr<InputMethod> engine, std::shared_ptr<const SurnameList> surnames);

  Result<std::vector<PinyinCandidate>> candidates(std::string_view pinyin, std::size_t limit,
                                                  InputContext context) override;

 private:
  std::shared_ptr<const SurnameList> m_surnames;
};

}  // namespace complaint
