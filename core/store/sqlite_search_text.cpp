#include "core/store/sqlite_search_text.h"

#include "core/base/utf8.h"
#include "core/store/sqlite_statement.h"

namespace complaint::store {
namespace {

// Each code point followed by the separator.
void append_interleaved(std::string& out, std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8::length_at(text, at);
    out.append(text.substr(at, length));
    out += kSearchSeparator;
    at += length;
  }
}

void desk_search_text(sqlite3_context* context, int, sqlite3_value** arguments) {
  if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
  const std::string text = interleaved_search_text(std::string_view(
      bytes != nullptr ? bytes : "", static_cast<std::size_t>(sqlite3_value_bytes(arguments[0]))));
  sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

std::string interleaved_search_text(std::string_view text) {
  std::string out(1, kSearchSeparator);
  out.reserve(text.size() * 2 + 1);
  append_interleaved(out, text);
  return out;
}

std::string interleaved_search_phrase(std::string_view word) {
  std::string tokens = interleaved_search_text(word);
  // One character is the token "\x1fa\x1f"; longer words need no outer separators, and fewer
  // tokens make a shorter phrase to match.
  if (utf8::code_points(word).value_or(0) > 1) tokens = tokens.substr(1, tokens.size() - 2);
  std::string phrase = "\"";
  for (const char c : tokens) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
  return phrase + "\"";
}

Result<void> register_search_text_function(sqlite3* db) {
  const int rc = sqlite3_create_function_v2(db, "desk_search_text", 1,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                            desk_search_text, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(db, "sqlite3_create_function_v2", rc, "defining desk_search_text");
  return Ok{};
}

}  // namespace complaint::store
