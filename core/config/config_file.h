// The configuration file's mechanics, shared by core's sections and the programs' own: TOML
// is parsed here (toml++ stays in the .cpp), each [section] goes to the reader its owner
// registered, and a SectionReader hands that reader typed values. Keys a reader did not take
// and sections nobody registered are warnings ("unknown key: kiosk.idle_timeout"), never
// fatal; a known key of the wrong type or with a bad value is an ErrorCode::config error
// naming the key and its line.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"
#include "core/calendar/time_zone.h"
#include "core/deadlines/deadline_policy.h"

namespace complaint {

class SectionReader {
 public:
  struct Impl;
  explicit SectionReader(Impl& impl) : m_impl(impl) {}

  // "section.key", as errors and warnings name it.
  std::string field(std::string_view key) const;
  bool has(std::string_view key) const;

  // Each leaves `out` unchanged when the key is absent.
  Result<void> text(std::string_view key, std::string& out);
  Result<void> integer(std::string_view key, int& out, int min, int max);
  Result<void> boolean(std::string_view key, bool& out);
  Result<void> text_list(std::string_view key, std::vector<std::string>& out);
  // Dates as TOML local dates (2026-10-01) or strings ("2026-10-01"); both are common.
  Result<void> day_list(std::string_view key, std::set<LocalDays>& out);
  Result<void> period(std::string_view key, Period& out);
  // A period, or "none" (nullopt).
  Result<void> optional_period(std::string_view key, std::optional<Period>& out);
  // A file name; a relative one means beside the config file, not wherever the program
  // was started (unchanged when the text did not come from a file).
  Result<void> path(std::string_view key, std::string& out);
  // One of a fixed set of spellings, e.g. {{"escpos", ReceiptFormat::escpos}, ...}.
  template <class Enum>
  Result<void> choice(std::string_view key, Enum& out,
                      std::initializer_list<std::pair<const char*, Enum>> choices);

  // A config error about `key`, with its line in the file.
  Error invalid(std::string_view key, const std::string& message,
                const char* i18n_key = "error.config.invalid") const;
  // The same about a key that is missing, at the line of `at_key`, which needs it.
  Error invalid_at(std::string_view key, std::string_view at_key, const std::string& message) const;

 private:
  Result<void> choice_index(std::string_view key, const std::vector<std::string>& names, std::size_t& index);
  Impl& m_impl;
};

// A section and who reads it. A null `read` marks a section another program owns: a file
// shared by the kiosk and a local desk holds both, and neither warns about the other's.
struct ConfigSection {
  std::string name;
  std::function<Result<void>(SectionReader&)> read;
};

// The sections of several owners in one list, for a program that reads more than its own.
std::vector<ConfigSection> joined_sections(std::initializer_list<std::vector<ConfigSection>> lists);

// Parses `toml_text` (named `source` in errors) and hands each section to its reader;
// `base_folder` anchors relative paths ("" for text that came from no file). Returns the
// warnings in file order.
Result<std::vector<std::string>> read_config_sections(std::string_view toml_text, const std::string& source,
                                                      const std::string& base_folder,
                                                      const std::vector<ConfigSection>& sections);

template <class Enum>
Result<void> SectionReader::choice(std::string_view key, Enum& out,
                                   std::initializer_list<std::pair<const char*, Enum>> choices) {
  std::vector<std::string> names;
  for (const auto& choice : choices) names.emplace_back(choice.first);
  std::size_t index = names.size();
  TRY_VOID(choice_index(key, names, index));
  if (index < names.size()) out = std::data(choices)[index].second;
  return Ok{};
}

}  // namespace complaint
