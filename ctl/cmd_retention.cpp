// complaintctl retention run [--dry-run] [--as-of ISO8601]: the desk's retention run
// (docs/DOMAIN.md §11), daily from complaint-desk-retention.timer; and complaintctl hold
// NUMBER on|off: a supervisor's legal hold, recorded in the ticket's trail. Either engine.
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/desk_state/desk_secrets.h"
#include "core/retention/retention_run.h"
#include "ctl/commands.h"
#include "drivers/crypto/sodium_crypto.h"

namespace complaint::ctl {
namespace {

// The salt of the phone hash: a desk secret, made on the first run and shared by every desk
// on the database, so hashes of one phone stay equal from run to run.
constexpr const char* k_phone_salt_secret = "retention_phone_salt";

int print_report(const CtlContext& context, const RetentionReport& report, RetentionMode mode, Instant now) {
  const char* verb = mode == RetentionMode::dry_run ? "would_anonymise" : "anonymised";
  if (context.options().json) {
    nlohmann::json out{{"as_of", context.calendar().zone().format_iso8601(now)},
                       {"dry_run", mode == RetentionMode::dry_run},
                       {"examined", report.examined},
                       {"on_hold", report.on_hold},
                       {"not_due", report.not_due},
                       {"conflicts", report.conflicts},
                       {verb, report.due}};
    std::cout << out.dump() << std::endl;
    return kExitOk;
  }
  std::cout << (mode == RetentionMode::dry_run ? "would anonymise " : "anonymised ") << report.due.size()
            << " ticket(s); examined " << report.examined << ", on legal hold " << report.on_hold
            << ", not due " << report.not_due << ", changed meanwhile " << report.conflicts << std::endl;
  for (const std::string& number : report.due) std::cout << "  " << number << "\n";
  return kExitOk;
}

}  // namespace

int cmd_retention(CtlContext& context, Args args) {
  const bool dry_run = take_flag(args, "--dry-run");
  auto as_of = take_option(args, "--as-of");
  if (!as_of.ok()) return report_error(as_of.error());
  if (args.size() != 1 || args[0] != "run")
    return report_error(usage_error("retention takes: run [--dry-run]"));
  auto now = as_of_option(context, *as_of);
  if (!now.ok()) return report_error(now.error());
  auto stores = context.desk_stores();
  if (!stores.ok()) return report_error(stores.error());
  if (*stores == nullptr) {
    return report_error(
        usage_error("retention run works on a desk's database (kiosks anonymise their own copies)"));
  }
  auto created = SodiumSigner::create();
  if (!created.ok()) return report_error(created.error());
  const SodiumSigner& signer = *created;
  DeskSecrets secrets((*stores)->state(), [&signer] { return signer.new_nonce() + signer.new_nonce(); });
  auto salt = secrets.get(k_phone_salt_secret);
  if (!salt.ok()) return report_error(salt.error());
  const PhoneHasher hash_phone = [&signer, &salt](std::string_view phone) {
    return signer.hmac_sha256_hex(*salt, phone);
  };
  const RetentionMode mode = dry_run ? RetentionMode::dry_run : RetentionMode::apply;
  auto report = run_desk_retention((*stores)->tickets(), context.config().retention, *now, hash_phone, mode);
  if (!report.ok()) return report_error(report.error());
  return print_report(context, *report, mode, *now);
}

int cmd_hold(CtlContext& context, Args args) {
  auto actor = take_option(args, "--actor");
  auto role = take_option(args, "--role");
  auto note = take_option(args, "--note");
  for (auto* option : {&actor, &role, &note}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (args.size() != 2 || (args[1] != "on" && args[1] != "off")) {
    return report_error(usage_error("hold takes NUMBER on|off"));
  }
  const std::string role_name = role->value_or("supervisor");
  if (role_name != "supervisor" && role_name != "executive") {
    return report_error(
        Error::make(ErrorCode::forbidden, "only a supervisor or executive sets a legal hold", "hold", 0));
  }
  if (!actor->has_value() || (*actor)->empty()) {
    return report_error(
        Error::invalid("actor", "error.actor.missing", "hold needs --actor NAME (the audit trail)"));
  }
  auto tickets = context.tickets();
  if (!tickets.ok()) return report_error(tickets.error());
  auto found = (*tickets)->find(args[0]);
  if (!found.ok()) return report_error(found.error());
  if (!*found) return report_error(unknown_ticket_error(args[0]));
  Ticket ticket = **found;
  const bool hold = args[1] == "on";
  if (ticket.legal_hold == hold) {
    std::cout << (context.options().json
                      ? nlohmann::json{{"number", ticket.number}, {"legal_hold", hold}}.dump()
                      : "legal hold already " + args[1])
              << std::endl;
    return kExitOk;
  }
  ticket.legal_hold = hold;
  TicketEvent event;
  event.at = context.clock().now();
  event.actor = **actor;
  event.role = role_name;
  event.action = "legal_hold";
  event.from = ticket.status;
  event.to = ticket.status;
  event.note = note->value_or("");
  event.data_json = nlohmann::json{{"legal_hold", hold}}.dump();
  auto stored = (*tickets)->apply(ticket, event);
  if (!stored.ok()) return report_error(stored.error());
  if (context.options().json) {
    std::cout << nlohmann::json{{"number", stored->number}, {"legal_hold", stored->legal_hold}}.dump()
              << std::endl;
  } else {
    std::cout << "legal hold " << args[1] << " for " << stored->number << std::endl;
  }
  return kExitOk;
}

}  // namespace complaint::ctl
