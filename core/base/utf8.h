// UTF-8 helpers: strict validation (no overlongs, surrogates or > U+10FFFF), code point
// counting, and removal of control characters. Text is never "repaired": invalid input
// is an error for the caller to report.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace complaint::utf8 {

bool is_valid(std::string_view text);
// Number of code points, or nullopt when not valid UTF-8.
std::optional<std::size_t> code_points(std::string_view text);
enum class KeepNewlines { no, yes };
// C0/C1 controls and DEL.
bool is_control(char32_t c);
// The bidirectional controls (marks, embeddings, overrides, isolates): invisible, and able to
// make text read differently from how it is stored ("RLO" turns "exe.txt" around).
bool is_bidi_control(char32_t c);
// Drops controls and bidirectional controls (keeping \n and \t when asked); input must be valid.
std::string strip_controls(std::string_view text, KeepNewlines keep);
std::string trim(std::string_view text);
// Decodes the next code point at `pos`, advancing it; input must be valid.
char32_t decode_next(std::string_view text, std::size_t& pos);
void append(std::string& out, char32_t code_point);
// Byte length of the code point at `pos`: 1 for a byte that starts no well-formed sequence,
// so a loop over untrusted text steps exactly as decode_next() does.
std::size_t length_at(std::string_view text, std::size_t pos);
// Start of the code point that ends at `end` (the last one before it): never splits a
// sequence, for deleting the last character or cutting text into bounded chunks.
std::size_t previous_start(std::string_view text, std::size_t end);

}  // namespace complaint::utf8
