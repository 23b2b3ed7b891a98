// Ticket search: the input's checks and normal forms; see ticket_search.h.
#include "core/sync/ticket_search.h"

#include <algorithm>
#include <chrono>

#include "core/base/utf8.h"
#include "core/domain/check_code.h"
#include "core/domain/ticket_number.h"

namespace complaint {
namespace {

constexpr std::size_t kMaxField = 64;  // code points of a number, phone, name or one word

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), lower_ascii);
  return text;
}

Result<void> check_text(const std::string& text, const char* field) {
  const auto length = utf8::code_points(text);
  if (!length)
    return Error::invalid(field, "error.text.invalid_utf8", std::string(field) + " is not valid UTF-8");
  if (*length > kMaxField)
    return Error::invalid(field, "error.search.too_long", std::string(field) + " is too long");
  return {};
}

// Whitespace (ASCII and the ideographic space U+3000) splits words.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t c = utf8::decode_next(text, pos);
    if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text, start, pos - start);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// The header box's text as the field it most likely is (see SearchInput::any).
void classify_any(SearchInput& input) {
  const std::string text = utf8::trim(input.any);
  if (text.empty()) return;
  bool digits_only = true, number_like = true, has_digit = false;
  for (const char c : text) {
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    has_digit = has_digit || digit;
    if (!digit && c != ' ' && c != '-' && c != '+') digits_only = false;
    if (!digit && !letter && c != '-') number_like = false;
  }
  // Six symbols with a digit, or printed as "K7M-4PX", are a check code: a whole number is
  // longer, and a six-letter word without the hyphen stays a word. A hyphen anywhere else is a
  // number's ("WH01-K1", the start of a number).
  const bool printed = text.size() == 7 && text[3] == '-';
  const bool hyphen = text.find('-') != std::string::npos;
  const bool code = !digits_only && (printed || (has_digit && !hyphen)) && read_check_code(text).ok();
  std::string& field = code                       ? input.check_code
                       : digits_only              ? input.phone
                       : number_like && has_digit ? input.number
                                                  : input.words;
  field = field.empty() ? text : field + " " + text;
}

}  // namespace

const char* to_string(SearchState state) {
  switch (state) {
    case SearchState::any:
      return "any";
    case SearchState::open:
      return "open";
    case SearchState::archived:
      return "archived";
    case SearchState::withdrawn:
      return "withdrawn";
  }
  return "any";
}

std::optional<SearchState> search_state_from_string(std::string_view text) {
  for (const SearchState state :
       {SearchState::any, SearchState::open, SearchState::archived, SearchState::withdrawn}) {
    if (text == to_string(state)) return state;
  }
  return std::nullopt;
}

Result<TicketSearch> parse_search(const SearchInput& typed, const TimeZone& zone) {
  SearchInput input = typed;
  classify_any(input);
  TicketSearch search;
  for (const auto& [text, field] :
       {std::pair{&input.number, "number"}, std::pair{&input.phone, "phone"}, std::pair{&input.name, "name"},
        std::pair{&input.check_code, "check_code"}}) {
    TRY_VOID(check_text(*text, field));
  }
  if (input.words.size() > kMaxField * kSearchWordsMax * 4)
    return Error::invalid("words", "error.search.too_long", "words is too long");
  if (!utf8::is_valid(input.words))
    return Error::invalid("words", "error.text.invalid_utf8", "words is not valid UTF-8");

  TRY_ASSIGN(search.number, compact_ticket_number(utf8::trim(input.number)));
  if (!utf8::trim(input.check_code).empty()) {
    TRY_ASSIGN(search.check_code, read_check_code(input.check_code));
  }
  for (const char c : utf8::trim(input.phone)) {
    if (c == '-' || c == ' ' || c == '+') continue;
    if (c < '0' || c > '9') return Error::invalid("phone", "error.search.phone", "a phone has digits only");
    search.phone += c;
  }
  if (!search.phone.empty() && search.phone.size() < kPhoneSuffixDigits)
    return Error::invalid("phone", "error.search.phone", "give the whole phone or its last four digits");
  search.name = utf8::trim(input.name);

  for (std::string& word : split_words(input.words)) {
    TRY_VOID(check_text(word, "words"));
    if (*utf8::code_points(word) < kSearchWordMin)
      return Error::invalid("words", "error.search.word_short", "each word needs at least 2 characters");
    word = lowered(std::move(word));
    if (std::find(search.words.begin(), search.words.end(), word) == search.words.end())
      search.words.push_back(std::move(word));
  }
  if (search.words.size() > kSearchWordsMax)
    return Error::invalid("words", "error.search.too_many_words", "at most 5 words");

  std::optional<LocalDays> from, to;
  if (const std::string text = utf8::trim(input.from); !text.empty()) {
    TRY_ASSIGN(from, parse_local_date(text, "from"));
    search.filed_from = zone.to_instant(LocalSeconds{*from});
  }
  if (const std::string text = utf8::trim(input.to); !text.empty()) {
    TRY_ASSIGN(to, parse_local_date(text, "to"));
    search.filed_before = zone.to_instant(LocalSeconds{*to + std::chrono::days{1}});
  }
  if (from && to && *to < *from)
    return Error::invalid("to", "error.search.dates_reversed", "the range ends before it starts");

  if (!input.state.empty()) {
    const auto state = search_state_from_string(input.state);
    if (!state) return Error::invalid("state", "error.search.state", "unknown state '" + input.state + "'");
    search.state = *state;
  }
  return search;
}

std::string prefix_end(const std::string& prefix) {
  if (prefix.empty()) return {};
  return prefix + "\xF4\x8F\xBF\xBF";  // U+10FFFF, above every character a prefix is followed by
}

void set_capped_total(TicketSearchPage& page, std::int64_t counted) {
  page.more = counted > kSearchCountCap;
  page.total = page.more ? kSearchCountCap : counted;
}

}  // namespace complaint
