// read_text_file with POSIX calls so the error carries errno (iostreams lose it).
#include "core/config/text_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "core/base/utf8.h"

namespace complaint {

namespace {

// Configuration and catalogs are a few kilobytes; a limit keeps a wrong path (a device,
// a database) from being read into memory whole.
constexpr std::size_t k_max_bytes = 4 * 1024 * 1024;

Error file_error(const std::string& path, std::string_view what, const char* call, int error_number) {
  return Error::make(ErrorCode::config,
                     "cannot read " + std::string(what) + " " + path + ": " + std::strerror(error_number),
                     call, error_number);
}

}  // namespace

Result<std::string> read_text_file(const std::string& path, std::string_view what) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return file_error(path, what, "open", errno);
  std::string text;
  char buffer[16384];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      return file_error(path, what, "read", saved);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > k_max_bytes) {
      ::close(fd);
      return file_error(path, what, "read", EFBIG);
    }
  }
  ::close(fd);
  return text;
}

std::vector<ListLine> list_lines(std::string_view text) {
  std::vector<ListLine> lines;
  std::istringstream in{std::string(text)};
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    ListLine parsed{number, {}};
    for (std::string word; words >> word;) parsed.fields.push_back(std::move(word));
    if (!parsed.fields.empty()) lines.push_back(std::move(parsed));
  }
  return lines;
}

Result<std::string> read_list_file(const std::string& path, std::string_view what, const std::string& field) {
  auto content = read_text_file(path, what);
  if (!content.ok()) {
    Error error = content.error();
    error.field = field;
    return error;
  }
  return content;
}

Error list_line_error(std::string_view what, const std::string& field, std::size_t line,
                      const std::string& why) {
  return Error{ErrorCode::config,
               std::string(what) + ", line " + std::to_string(line) + ": " + why,
               field,
               "error.config.invalid",
               {},
               0};
}

Result<std::vector<std::string>> parse_word_list(std::string_view text, std::string_view what,
                                                 const std::string& field, const std::string& item) {
  std::vector<std::string> words;
  for (ListLine& line : list_lines(text)) {
    if (line.fields.size() != 1)
      return list_line_error(what, field, line.number, "one " + item + " a line, without spaces");
    if (!utf8::is_valid(line.fields[0]))
      return list_line_error(what, field, line.number, "the " + item + " is not valid UTF-8");
    words.push_back(std::move(line.fields[0]));
  }
  return words;
}

Result<std::vector<std::string>> load_word_list(const std::string& path, std::string_view what,
                                                const std::string& field, const std::string& item) {
  TRY_ASSIGN(const std::string content, read_list_file(path, what, field));
  return parse_word_list(content, what, field, item);
}

}  // namespace complaint
