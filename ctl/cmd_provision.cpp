// complaintctl provision FILE [--write CONFIG] [--printer-env ENV]: validates a kiosk's
// provisioning file (the kiosk.toml an admin puts on the image's boot partition) and, when
// it is valid, writes the kiosk's config and the receipt queue's settings. Invalid: every
// problem is printed, one per line, nothing is written, exit 2.
// The file is a config file (assets/config.example.toml) that must set the site code, kiosk
// id, organisation name, desk URL, sync key, staff PIN hash, printer model and paper width;
// [printer] model and uri are for the CUPS queue only and are not copied into the config.
#include <toml++/toml.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/config/config.h"
#include "ctl/commands.h"

namespace complaint::ctl {
namespace {

// The keys the provisioning file must set (with the config's own checks on their values).
constexpr const char* k_required[][2] = {
    {"site", "code"}, {"site", "kiosk_id"},        {"site", "name_zh"},  {"sync", "url"},
    {"sync", "key"},  {"kiosk", "staff_pin_hash"}, {"printer", "model"}, {"printer", "paper"},
};

bool is_hex(const std::string& text) {
  for (char c : text)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Printer model and URI end up in a shell-sourced file and lpadmin's arguments: plain text only.
bool is_plain(const std::string& text) {
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view(" ._:/@%?=&+-,()").find(c) == std::string_view::npos)
      return false;
  return true;
}

std::string text_at(const toml::table& root, const char* section, const char* key) {
  return root[section][key].value_or(std::string());
}

// What the typed config checks leave open: presence and the formats of key, URL and hashes.
std::vector<std::string> problems_of(const toml::table& root, const Config& config) {
  std::vector<std::string> problems;
  for (const auto& [section, key] : k_required) {
    if (!root[section][key]) problems.push_back(std::string(section) + "." + key + ": missing (required)");
  }
  for (const std::string& warning : config.warnings) {
    if (warning.find("printer.model") == std::string::npos &&
        warning.find("printer.uri") == std::string::npos)
      problems.push_back(warning + " (a typo?)");
  }
  const std::string& url = config.sync.url;
  if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
    problems.push_back("sync.url: must start with https:// or http://");
  if (root["sync"]["key"] && (config.sync.key.size() != 64 || !is_hex(config.sync.key)))
    problems.push_back("sync.key: must be the 64 hexadecimal digits from `complaintctl desk kiosk add`");
  const std::string& pin = config.kiosk.staff_pin_hash;
  if (root["kiosk"]["staff_pin_hash"] && (pin.size() < 20 || pin[0] != '$'))
    problems.push_back(
        "kiosk.staff_pin_hash: must be a crypt(3) hash such as `mkpasswd -m yescrypt PIN` prints");
  for (const char* key : {"model", "uri"}) {
    if (root["printer"][key] && !root["printer"][key].is_string())
      problems.push_back(std::string("printer.") + key + ": must be a string");
    else if (!is_plain(text_at(root, "printer", key)))
      problems.push_back(std::string("printer.") + key +
                         ": letters, digits and . _ : / @ % ? = & + - , ( ) only");
  }
  return problems;
}

Result<void> write_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << text;
    if (!out.flush()) return Error::make(ErrorCode::storage, "cannot write " + temporary, "write");
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error)
    return Error::make(ErrorCode::storage, "cannot rename " + temporary + ": " + error.message(), "rename");
  return {};
}

}  // namespace

int cmd_provision(Args args) {
  auto config_out = take_option(args, "--write");
  auto printer_out = take_option(args, "--printer-env");
  if (!config_out.ok()) return report_error(config_out.error());
  if (!printer_out.ok()) return report_error(printer_out.error());
  if (args.size() != 1) return report_error(usage_error("provision takes the provisioning file"));
  const std::string& path = args[0];

  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    std::cerr << path << ": not valid TOML: " << error.description() << " (line " << error.source().begin.line
              << ")\n";
    return kExitBadInput;
  }
  auto config = Config::load_file(path);
  if (!config.ok()) {
    std::cerr << path << ": " << config.error().message << "\n";
    return kExitBadInput;
  }
  const auto problems = problems_of(root, *config);
  for (const std::string& problem : problems) std::cerr << path << ": " << problem << "\n";
  if (!problems.empty()) return kExitBadInput;

  const std::string model = text_at(root, "printer", "model");
  const std::string uri = text_at(root, "printer", "uri");
  if (auto* printer = root["printer"].as_table()) {
    printer->erase("model");
    printer->erase("uri");
  }
  if (config_out->has_value()) {
    std::ostringstream text;
    text << "# Written by `complaintctl provision` from " << path << "\n" << root << "\n";
    if (auto written = write_file(**config_out, text.str()); !written.ok())
      return report_error(written.error());
  }
  if (printer_out->has_value()) {
    std::ostringstream text;
    text << "PRINTER_QUEUE='" << config->printer.queue << "'\nPRINTER_MODEL='" << model << "'\nPRINTER_URI='"
         << uri << "'\n";
    if (auto written = write_file(**printer_out, text.str()); !written.ok())
      return report_error(written.error());
  }
  std::cout << "provisioning ok: site " << config->site.code << ", kiosk " << config->site.kiosk_id
            << ", desk " << config->sync.url << ", printer " << model << " (" << config->printer.paper_mm
            << " mm)\n";
  return kExitOk;
}

}  // namespace complaint::ctl
