// read_text_file: a whole (small) configuration or asset file as bytes. Errors are
// ErrorCode::config naming the path, the failing call and errno, because a missing or
// unreadable config file is a deployment problem, not a user's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace complaint {

// `what` names the file's role in the message, e.g. "config file", "taxonomy file".
Result<std::string> read_text_file(const std::string& path, std::string_view what);

// Word-list assets (the pinyin seed words, the candidate block list): one entry a line,
// fields split at white space, '#' starts a comment, blank lines skipped. Each line keeps its
// 1-based number, so that a malformed one is named and found at start-up, not by users.
struct ListLine {
  std::size_t number = 0;
  std::vector<std::string> fields;
};
std::vector<ListLine> list_lines(std::string_view text);
// read_text_file for such a list; the error names `field`, the config key naming the file.
Result<std::string> read_list_file(const std::string& path, std::string_view what, const std::string& field);
// ErrorCode::config "WHAT, line N: WHY" naming `field`, catalog key error.config.invalid.
Error list_line_error(std::string_view what, const std::string& field, std::size_t line,
                      const std::string& why);
// A list of single words (the block list, the surnames) in file order: a line with more
// than one, or one that is not valid UTF-8, is a list_line_error. `item` names an entry in
// the message ("word", "surname").
Result<std::vector<std::string>> parse_word_list(std::string_view text, std::string_view what,
                                                 const std::string& field, const std::string& item);
// read_list_file then parse_word_list: the one loader of the word-list files.
Result<std::vector<std::string>> load_word_list(const std::string& path, std::string_view what,
                                                const std::string& field, const std::string& item);

}  // namespace complaint
