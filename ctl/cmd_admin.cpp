// complaintctl backup / check: online backup and integrity verification of the store; check
// also warns (exit 3) about a missing year of the holiday calendar.
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "ctl/commands.h"

namespace complaint::ctl {

int cmd_backup(CtlContext& context, Args args) {
  auto keep = take_option(args, "--keep");
  if (!keep.ok()) return report_error(keep.error());
  if (args.size() != 1) return report_error(usage_error("backup takes the destination path"));
  std::string written = args[0];
  if (keep->has_value()) {
    int count = 0;
    const auto [end, error] = std::from_chars((*keep)->data(), (*keep)->data() + (*keep)->size(), count);
    if (error != std::errc() || end != (*keep)->data() + (*keep)->size() || count < 1 || count > 10000) {
      return report_error(
          Error::invalid("keep", "error.backup.keep", "--keep must be a count from 1 to 10000"));
    }
    auto rotated = rotated_backup(context.store(), args[0], count, context.clock().now());
    if (!rotated.ok()) return report_error(rotated.error());
    written = *rotated;
  } else {
    auto done = context.store().backup_to(args[0]);
    if (!done.ok()) return report_error(done.error());
  }
  if (context.options().json) {
    std::cout << nlohmann::json{{"backup", written}}.dump() << std::endl;
  } else {
    std::cout << "backup written to " << written << std::endl;
  }
  return kExitOk;
}

int cmd_check(CtlContext& context, Args args) {
  if (!args.empty()) return report_error(usage_error("check takes no arguments"));
  auto checked = context.store().integrity_check();
  if (!checked.ok()) return report_error(checked.error());
  auto tickets = context.store().count_tickets();
  if (!tickets.ok()) return report_error(tickets.error());
  auto missing = missing_years(context);
  if (!missing.ok()) return report_error(missing.error());
  if (context.options().json) {
    nlohmann::json out{{"integrity", "ok"},
                       {"schema_version", context.store().schema_version()},
                       {"tickets", *tickets},
                       {"calendar_missing_years", *missing}};
    if (!missing->empty()) out["warning"] = missing_years_text(*missing);
    std::cout << out.dump() << std::endl;
  } else {
    std::cout << "integrity ok, schema version " << context.store().schema_version() << ", " << *tickets
              << " ticket(s)" << std::endl;
    if (!missing->empty()) std::cout << missing_years_text(*missing);
  }
  // The database is sound, but deadlines into a year without its list may be wrong: a
  // distinct code so a monitoring job can tell "act soon" from "broken".
  return missing->empty() ? kExitOk : kExitWarning;
}

}  // namespace complaint::ctl
