// complaintctl's commands. Each takes the arguments after its name and returns the
// process exit code (see ctl_context.h for the conventions).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "ctl/ctl_context.h"

namespace complaint::ctl {

using Args = std::vector<std::string>;

int cmd_file(CtlContext& context, Args args);
int cmd_show(CtlContext& context, Args args);
int cmd_attachment(CtlContext& context, Args args);
int cmd_list(CtlContext& context, Args args);
int cmd_search(CtlContext& context, Args args);
int cmd_validate(Args args);
int cmd_provision(Args args);  // ctl/cmd_provision.cpp
int cmd_transition(CtlContext& context, Args args);
int cmd_export(CtlContext& context, Args args);
int cmd_report(CtlContext& context, Args args);       // ctl/cmd_report.cpp
int cmd_record_form(CtlContext& context, Args args);  // ctl/cmd_record_form.cpp
int cmd_backup(CtlContext& context, Args args);
int cmd_check(CtlContext& context, Args args);
int cmd_calendar(CtlContext& context, Args args);  // ctl/cmd_calendar.cpp
// The years whose holiday arrangement is missing as of the context's clock, with the
// organisation's calendar when --db is a desk (ctl/cmd_calendar.cpp).
Result<std::set<int>> missing_years(CtlContext& context);
// The warning about them in both languages, one line each.
std::string missing_years_text(const std::set<int>& years);
int cmd_desk(CtlContext& context, Args args);              // ctl/cmd_desk.cpp
int cmd_sync(CtlContext& context, Args args);              // ctl/cmd_sync.cpp
int cmd_reprint(CtlContext& context, Args args);           // ctl/cmd_print.cpp
int cmd_print_test(CtlContext& context, Args args);        // ctl/cmd_print.cpp
int cmd_retention(CtlContext& context, Args args);         // ctl/cmd_retention.cpp
int cmd_hold(CtlContext& context, Args args);              // ctl/cmd_retention.cpp
int cmd_notify(CtlContext& context, Args args);            // ctl/cmd_notify.cpp
int cmd_restore(const GlobalOptions& options, Args args);  // ctl/cmd_restore.cpp: before any store opens
// A backup named desk-<UTC time>.db in `folder`, keeping the newest `keep`; returns its path.
Result<std::string> rotated_backup(SqliteTicketStore& store, const std::string& folder, int keep,
                                   Instant now);

}  // namespace complaint::ctl
