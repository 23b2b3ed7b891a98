// The complaint text as the desk's SQLite search index (the FTS5 table ticket_text, trigram
// tokenizer) holds it: every code point between two U+001F separators ("ab" is stored as
// "\x1fa\x1fb\x1f"). The tokenizer then makes a token of each pair of neighbouring characters
// ("a\x1fb") and of each character ("\x1fa\x1f"), so a word of any length is a phrase of
// tokens found by equality: a two-character word is one token.
//
// Why not the plain trigram text (desk schema 11 to 13): a trigram MATCH cannot look up a
// word of two characters, and the fts5vocab range that found the trigrams it starts took 90
// to 160 ms over 1,000,000 tickets, depending on the term sorted before it (the range scan
// starts by walking that term's doclist), against 1 to 5 ms for one token here (measured
// 2026-12-05 on bench/desk/search_bench.cpp's year).
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "core/base/result.h"

namespace complaint::store {

inline constexpr char kSearchSeparator = '\x1f';

// `text` as the index holds it. Bytes that are not valid UTF-8 step as utf8::length_at does.
std::string interleaved_search_text(std::string_view text);

// The FTS5 MATCH expression (one quoted phrase) that finds `word` in interleaved text.
std::string interleaved_search_phrase(std::string_view word);

// Defines the SQL function desk_search_text(text) (deterministic; NULL stays NULL) on `db`,
// which the triggers keeping ticket_text call: every connection that writes tickets needs it.
Result<void> register_search_text_function(sqlite3* db);

}  // namespace complaint::store
