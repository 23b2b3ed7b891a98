// complaintctl provision FILE [--write CONFIG] [--printer-env ENV]: validates a kiosk's
// provisioning file (the kiosk.toml an admin puts on the image's boot partition) and, when
// it is valid, writes the kiosk's config and the receipt queue's settings. Invalid: a report
// listing every problem, one per line, in each language of --lang (default en; e.g.
// "en,zh-CN"), nothing is written, exit 2.
// The file is a config file (assets/config.example.toml) that must set the site code, kiosk
// id, organisation name, desk URL, sync key, staff PIN hash, printer model and paper width;
// [printer] model and uri are for the CUPS queue only and are not copied into the config.
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string_view>
#include <utility>

#include "core/base/replace_file.h"
#include "core/config/config.h"
#include "core/config/text_file.h"
#include "core/i18n/catalog.h"
#include "ctl/commands.h"
#include "drivers/printer/receipt_printer.h"
#include "kiosk/kiosk_config.h"

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

// One problem with the file: a catalog key under provision.problem and its values, so the
// report can be given in each language (the screen's console font has no Chinese; the
// report file beside kiosk.toml has both).
struct Problem {
  std::string key;
  std::map<std::string, std::string> values;
  std::string config_error_key;  // key "config": the config check's own catalog key
};

Problem problem(const char* key, std::string field) {
  return {key, {{"field", std::move(field)}}, {}};
}

// What the typed config checks leave open: presence and the formats of key, URL and hashes.
std::vector<Problem> problems_of(const toml::table& root, const Config& config, const KioskSettings& kiosk) {
  std::vector<Problem> problems;
  for (const auto& [section, key] : k_required) {
    if (!root[section][key]) problems.push_back(problem("missing", std::string(section) + "." + key));
  }
  for (const std::string& warning : config.warnings) {
    if (warning.find("printer.model") != std::string::npos ||
        warning.find("printer.uri") != std::string::npos)
      continue;  // queue-only keys, read below
    // The config's warnings name what they are about after these prefixes.
    for (const auto& [prefix, key] : {std::pair{std::string_view("unknown key: "), "unknown_key"},
                                      std::pair{std::string_view("unknown section: "), "unknown_section"}}) {
      if (warning.rfind(prefix, 0) == 0) problems.push_back(problem(key, warning.substr(prefix.size())));
    }
  }
  const std::string& url = config.sync.url;
  if (!url.empty() && url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
    problems.push_back(problem("url", "sync.url"));
  if (root["sync"]["key"] && (config.sync.key.size() != 64 || !is_hex(config.sync.key)))
    problems.push_back(problem("key", "sync.key"));
  const std::string& pin = kiosk.kiosk.staff_pin_hash;
  if (root["kiosk"]["staff_pin_hash"] && (pin.size() < 20 || pin[0] != '$'))
    problems.push_back(problem("pin_hash", "kiosk.staff_pin_hash"));
  if (const std::string named = text_at(root, "sync", "ca_file"); !named.empty()) {
    // A private CA's certificate: a file beside kiosk.toml (copied with the config) or one
    // already on the kiosk (an absolute path).
    const bool plain_name = named.find('/') == std::string::npos;
    const auto pem = read_text_file(config.sync.ca_file, "sync.ca_file");
    if ((!plain_name && named.front() != '/') || !pem.ok() ||
        pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos)
      problems.push_back(problem("ca_file", "sync.ca_file"));
  }
  for (const char* key : {"model", "uri"}) {
    if (root["printer"][key] && !root["printer"][key].is_string())
      problems.push_back(problem("not_string", std::string("printer.") + key));
    else if (!is_plain(text_at(root, "printer", key)))
      problems.push_back(problem("plain", std::string("printer.") + key));
  }
  return problems;
}

// The report in one language: a title, "FILE: problem" lines, what to do.
std::string report(const Catalog& catalog, const std::string& path, const std::vector<Problem>& problems) {
  std::string text = catalog.text("provision.failed") + "\n";
  for (const Problem& each : problems) {
    auto values = each.values;
    if (!each.config_error_key.empty() && catalog.language() != "en") {
      // The config check's message is English: other languages get its catalog text, with
      // the message (which names the line and the allowed values) after it.
      values["detail"] = catalog.format(each.config_error_key, values) + " (" + values["detail"] + ")";
    }
    text += path + ": " + catalog.format("provision.problem." + each.key, values) + "\n";
  }
  return text + catalog.text("provision.fix") + "\n";
}

}  // namespace

int cmd_provision(Args args) {
  auto config_out = take_option(args, "--write");
  auto printer_out = take_option(args, "--printer-env");
  auto language = take_option(args, "--lang");
  if (!config_out.ok()) return report_error(config_out.error());
  if (!printer_out.ok()) return report_error(printer_out.error());
  if (!language.ok()) return report_error(language.error());
  if (args.size() != 1) return report_error(usage_error("provision takes the provisioning file"));
  const std::string& path = args[0];

  std::vector<std::string> languages;
  {
    std::string list = language->value_or("en");
    for (std::size_t start = 0; start <= list.size();) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      languages.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  std::vector<Catalog> catalogs;
  for (const std::string& each : languages) {
    auto catalog = Catalog::load(assets_dir() + "/i18n", each);
    if (!catalog.ok()) return report_error(catalog.error());
    catalogs.push_back(std::move(catalog).value());
  }
  const auto refuse = [&](const std::vector<Problem>& problems) {
    for (std::size_t i = 0; i < catalogs.size(); ++i)
      std::cerr << (i ? "\n" : "") << report(catalogs[i], path, problems);
    return kExitBadInput;
  };

  if (!std::filesystem::exists(path)) {
    for (std::size_t i = 0; i < catalogs.size(); ++i)
      std::cerr << (i ? "\n" : "") << catalogs[i].text("provision.absent") << "\n";
    return kExitBadInput;
  }
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    return refuse(
        {{"not_toml",
          {{"detail", std::string(error.description())}, {"line", std::to_string(error.source().begin.line)}},
          {}}});
  }
  KioskSettings kiosk;
  ReceiptPrinterConfig printer;
  auto config = Config::load_file(
      path, joined_sections({kiosk_config_sections(kiosk), receipt_printer_sections(printer)}));
  if (!config.ok()) {
    std::string message = config.error().message;  // "PATH: config: FIELD (line N): ..."
    if (message.rfind(path + ": ", 0) == 0) message.erase(0, path.size() + 2);
    if (message.rfind("config: ", 0) == 0) message.erase(0, 8);
    return refuse({{"config", {{"detail", message}, {"field", config.error().field}}, config.error().key}});
  }
  const auto problems = problems_of(root, *config, kiosk);
  if (!problems.empty()) return refuse(problems);

  const std::string model = text_at(root, "printer", "model");
  const std::string uri = text_at(root, "printer", "uri");
  if (auto* printer = root["printer"].as_table()) {
    printer->erase("model");
    printer->erase("uri");
  }
  // A kiosk counts deadlines with the shipped holiday calendar until its first sync brings
  // the desk's, unless the file names its own.
  if (!root.contains("calendar")) root.insert("calendar", toml::table{{"data", "cn"}});
  if (config_out->has_value()) {
    // A CA certificate named beside kiosk.toml goes beside the written config, where the
    // relative name in it points.
    if (const std::string named = text_at(root, "sync", "ca_file"); !named.empty() && named.front() != '/') {
      const auto pem = read_text_file(config->sync.ca_file, "sync.ca_file");
      if (!pem.ok()) return report_error(pem.error());
      const auto target = std::filesystem::path(**config_out).parent_path() / named;
      if (auto copied = replace_file(target.string(), *pem); !copied.ok())
        return report_error(copied.error());
    }
    std::ostringstream text;
    text << "# Written by `complaintctl provision` from " << path << "\n" << root << "\n";
    if (auto written = replace_file(**config_out, text.str()); !written.ok())
      return report_error(written.error());
  }
  if (printer_out->has_value()) {
    std::ostringstream text;
    text << "PRINTER_QUEUE='" << printer.queue << "'\nPRINTER_MODEL='" << model << "'\nPRINTER_URI='" << uri
         << "'\n";
    if (auto written = replace_file(**printer_out, text.str()); !written.ok())
      return report_error(written.error());
  }
  std::cout << "provisioning ok: site " << config->site.code << ", kiosk " << config->site.kiosk_id
            << ", desk " << config->sync.url << ", printer " << model << " (" << printer.receipt.paper_mm
            << " mm)\n";
  return kExitOk;
}

}  // namespace complaint::ctl
