// A deployment's own taxonomy for tests that must prove a program loads the configured one
// rather than the built-in defaults: the shipped assets/taxonomy.toml with one category
// marked confidential (supervisor and executive only).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace complaint::testing {

// Writes the variant to `path`; returns "" or what went wrong.
inline std::string write_taxonomy_with_confidential_category(const std::string& path,
                                                             const std::string& category) {
  std::ifstream in(std::string(SOURCE_DIR) + "/assets/taxonomy.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const std::string id_line = "id = \"" + category + "\"\n";
  const std::size_t at = toml.find(id_line);
  if (at == std::string::npos) return "no category " + category + " in assets/taxonomy.toml";
  toml.insert(at + id_line.size(), "confidential = true\n");
  std::ofstream(path) << toml;
  return {};
}

}  // namespace complaint::testing
