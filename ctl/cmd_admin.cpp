// complaintctl backup / check: online backup and integrity verification of the store.
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
  if (context.options().json) {
    std::cout << nlohmann::json{{"integrity", "ok"},
                                {"schema_version", context.store().schema_version()},
                                {"tickets", *tickets}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "integrity ok, schema version " << context.store().schema_version() << ", " << *tickets
              << " ticket(s)" << std::endl;
  }
  return kExitOk;
}

}  // namespace complaint::ctl
