// complaintctl backup / check: online backup and integrity verification of the store.
#include <iostream>
#include <nlohmann/json.hpp>

#include "ctl/commands.h"

namespace complaint::ctl {

int cmd_backup(CtlContext& context, Args args) {
  if (args.size() != 1) return report_error(usage_error("backup takes the destination path"));
  auto done = context.store().backup_to(args[0]);
  if (!done.ok()) return report_error(done.error());
  if (context.options().json) {
    std::cout << nlohmann::json{{"backup", args[0]}}.dump() << std::endl;
  } else {
    std::cout << "backup written to " << args[0] << std::endl;
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
