// complaintctl desk: provisioning on the desk's database (--db is the desk's file).
//   desk kiosk add KIOSK_ID      registers a kiosk and prints its new secret key (shown once;
//                                the desk keeps only the public key)
//   desk kiosk rekey KIOSK_ID    a new key pair for a registered kiosk: the old key (a shared
//                                key from before Ed25519, or a leaked one) stops working
//   desk kiosk list              the registered kiosks, their key kind, when each last synced
//   desk user add NAME --role R [--email E] [--im ID] [--department D]
//                                creates a staff account; the password is asked for (echo off)
//                                on a terminal, else read as the first line of stdin
//   desk user set NAME [--email E] [--im ID] [--department D]
//                                where notices reach the account (core/notify); an option left
//                                out keeps its value, "" clears it
//   desk user list               the accounts with role, department and addresses
// --db may also be a PostgreSQL connection string (postgresql://..., or key=value with one or
// several hosts and target_session_attrs=read-write), as for complaint-desk.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "core/domain/ticket_number.h"
#include "core/notify/notice_worker.h"
#include "ctl/commands.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/postgres/desk_stores.h"

namespace complaint::ctl {
namespace {

constexpr std::size_t kMinPasswordLength = 8;

Result<std::string> kiosk_id_argument(const Args& args, const char* usage) {
  if (args.size() != 1) return usage_error(usage);
  if (!is_valid_station_code(args[0])) {
    return Error::invalid("kiosk_id", "error.station.invalid",
                          "a kiosk id is 1-8 characters of A-Z and 0-9 (it is part of ticket numbers)");
  }
  return args[0];
}

// The new secret key, once: it goes into the kiosk's config ([sync] key); the desk cannot
// show it again.
int print_secret_key(CtlContext& context, const std::string& kiosk_id, const KioskKeyPair& pair) {
  if (context.options().json) {
    std::cout << nlohmann::json{{"kiosk_id", kiosk_id},
                                {"key", pair.secret_key_hex},
                                {"public_key", pair.public_key_hex}}
                     .dump()
              << std::endl;
  } else {
    std::cout << pair.secret_key_hex << std::endl;
  }
  return kExitOk;
}

int kiosk_add(CtlContext& context, DeskRepository& desk, const Args& args) {
  auto kiosk_id = kiosk_id_argument(args, "usage: complaintctl desk kiosk add KIOSK_ID");
  if (!kiosk_id.ok()) return report_error(kiosk_id.error());
  auto pair = new_kiosk_key_pair();
  if (!pair.ok()) return report_error(pair.error());
  auto added = desk.add_kiosk(
      KioskRecord{*kiosk_id, KioskKeys{pair->public_key_hex, {}}, context.clock().now(), std::nullopt});
  if (!added.ok()) {
    Error error = added.error();
    if (error.code == ErrorCode::conflict) error.message = "kiosk " + *kiosk_id + " is already registered";
    return report_error(error);
  }
  return print_secret_key(context, *kiosk_id, *pair);
}

int kiosk_rekey(CtlContext& context, DeskRepository& desk, const Args& args) {
  auto kiosk_id = kiosk_id_argument(args, "usage: complaintctl desk kiosk rekey KIOSK_ID");
  if (!kiosk_id.ok()) return report_error(kiosk_id.error());
  auto pair = new_kiosk_key_pair();
  if (!pair.ok()) return report_error(pair.error());
  auto replaced = desk.replace_kiosk_key(*kiosk_id, pair->public_key_hex);
  if (!replaced.ok()) return report_error(replaced.error());
  if (!*replaced) {
    return report_error(Error::make(ErrorCode::not_found, "kiosk " + *kiosk_id + " is not registered"));
  }
  return print_secret_key(context, *kiosk_id, *pair);
}

int kiosk_list(CtlContext& context, DeskRepository& desk) {
  auto kiosks = desk.kiosks();
  if (!kiosks.ok()) return report_error(kiosks.error());
  nlohmann::json out = nlohmann::json::array();
  for (const KioskRecord& kiosk : *kiosks) {
    const auto last = kiosk.last_sync_at ? nlohmann::json(kiosk.last_sync_at->time_since_epoch().count())
                                         : nlohmann::json(nullptr);
    // "shared": registered before Ed25519, the desk holds a key that signs as the kiosk.
    const bool shared = !kiosk.keys.shared_key_hex.empty();
    if (context.options().json) {
      out.push_back(
          {{"kiosk_id", kiosk.kiosk_id}, {"key", shared ? "shared" : "ed25519"}, {"last_sync_at", last}});
    } else {
      std::cout << kiosk.kiosk_id << "\t" << (shared ? "shared (rekey)" : "ed25519") << "\t"
                << (kiosk.last_sync_at ? last.dump() : "never") << "\n";
    }
  }
  if (context.options().json) std::cout << out.dump() << std::endl;
  return kExitOk;
}

// One line from stdin; on a terminal with a prompt on stderr and the echo turned off.
std::string read_secret_line(const std::string& prompt) {
  termios saved{};
  const bool terminal = ::isatty(STDIN_FILENO) != 0 && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    std::cerr << prompt << std::flush;
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << std::endl;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> read_password() {
  const std::string password = read_secret_line("Password: ");
  if (::isatty(STDIN_FILENO) != 0 && read_secret_line("Password again: ") != password) {
    return Error::invalid("password", "desk.error.password_mismatch", "the two passwords differ");
  }
  if (password.size() < kMinPasswordLength) {
    return Error::invalid("password", "desk.error.password_short",
                          "the password (read from stdin) must have at least 8 characters");
  }
  return password;
}

// --email, --im and --department over `contact` (an option left out keeps the value).
Result<StaffContact> contact_options(Args& args, StaffContact contact) {
  const std::pair<const char*, std::string StaffContact::*> options[] = {
      {"--email", &StaffContact::email},
      {"--im", &StaffContact::im_user_id},
      {"--department", &StaffContact::department}};
  for (const auto& [name, member] : options) {
    TRY_ASSIGN(const std::optional<std::string> value, take_option(args, name));
    if (value) contact.*member = *value;
  }
  TRY_VOID(check_staff_contact(contact));
  return contact;
}

int user_set(CtlContext& context, DeskRepository& desk, Args args) {
  if (args.empty())
    return report_error(
        usage_error("usage: complaintctl desk user set NAME [--email E] [--im ID] [--department D]"));
  const std::string name = args[0];
  args.erase(args.begin());
  auto found = desk.find_user(name);
  if (!found.ok()) return report_error(found.error());
  if (!*found) return report_error(Error::not_found("name", "desk.error.no_user", "no user " + name));
  auto contact =
      contact_options(args, StaffContact{(*found)->email, (*found)->im_user_id, (*found)->department});
  if (!contact.ok()) return report_error(contact.error());
  if (!args.empty()) return report_error(usage_error("unknown option '" + args[0] + "'"));
  auto changed = desk.update_user_contact(name, *contact);
  if (!changed.ok()) return report_error(changed.error());
  if (context.options().json) {
    std::cout << nlohmann::json{{"user", name},
                                {"email", contact->email},
                                {"im_user_id", contact->im_user_id},
                                {"department", contact->department}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "updated " << name << std::endl;
  }
  return kExitOk;
}

int user_list(CtlContext& context, DeskRepository& desk) {
  auto users = desk.users();
  if (!users.ok()) return report_error(users.error());
  nlohmann::json list = nlohmann::json::array();
  for (const StaffUser& user : *users) {
    if (context.options().json) {
      list.push_back({{"user", user.name},
                      {"role", to_string(user.role)},
                      {"department", user.department},
                      {"email", user.email},
                      {"im_user_id", user.im_user_id}});
    } else {
      std::cout << user.name << "\t" << to_string(user.role) << "\t" << user.department << "\t" << user.email
                << "\t" << user.im_user_id << std::endl;
    }
  }
  if (context.options().json) std::cout << list.dump() << std::endl;
  return kExitOk;
}

int user_add(CtlContext& context, DeskRepository& desk, Args args) {
  auto role_text = take_option(args, "--role");
  if (!role_text.ok()) return report_error(role_text.error());
  auto contact = contact_options(args, StaffContact{});
  if (!contact.ok()) return report_error(contact.error());
  take_flag(args, "--password-stdin");  // the only way a password is taken: never on the command line
  if (args.size() != 1 || !*role_text) {
    return report_error(usage_error("usage: complaintctl desk user add NAME --role ROLE [--password-stdin]"));
  }
  const auto role = role_from_string(**role_text);
  if (!role || *role == Role::customer || *role == Role::kiosk) {
    return report_error(
        Error::invalid("role", "desk.error.role",
                       "role must be intake_clerk, dispatcher, handler, supervisor or executive"));
  }
  if (args[0].empty() || args[0].size() > 64) {
    return report_error(Error::invalid("name", "desk.error.user_name", "a user name has 1-64 characters"));
  }
  auto password = read_password();
  if (!password.ok()) return report_error(password.error());
  auto hash = hash_password(*password);
  if (!hash.ok()) return report_error(hash.error());
  StaffUser user{0,
                 args[0],
                 *role,
                 *hash,
                 context.clock().now(),
                 contact->email,
                 contact->im_user_id,
                 contact->department};
  auto stored = desk.add_user(user);
  if (!stored.ok()) {
    Error error = stored.error();
    if (error.code == ErrorCode::conflict) error.message = "user " + args[0] + " already exists";
    return report_error(error);
  }
  if (context.options().json) {
    std::cout << nlohmann::json{{"user", stored->name}, {"role", to_string(stored->role)}, {"id", stored->id}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "created " << stored->name << " (" << to_string(stored->role) << ")" << std::endl;
  }
  return kExitOk;
}

}  // namespace

int cmd_desk(CtlContext& context, Args args) {
  if (args.size() < 2) {
    return report_error(usage_error(
        "usage: complaintctl desk kiosk add ID | kiosk rekey ID | kiosk list | user add NAME --role R | "
        "user set NAME [--email E] [--im ID] [--department D] | user list"));
  }
  auto stores = open_desk_stores(context.options().db_path);
  if (!stores.ok()) return report_error(stores.error());
  DeskRepository& desk = stores->desk();
  const std::string noun = args[0];
  const std::string verb = args[1];
  args.erase(args.begin(), args.begin() + 2);
  if (noun == "kiosk" && verb == "add") return kiosk_add(context, desk, args);
  if (noun == "kiosk" && verb == "rekey") return kiosk_rekey(context, desk, args);
  if (noun == "kiosk" && verb == "list") return kiosk_list(context, desk);
  if (noun == "user" && verb == "add") return user_add(context, desk, std::move(args));
  if (noun == "user" && verb == "set") return user_set(context, desk, std::move(args));
  if (noun == "user" && verb == "list") return user_list(context, desk);
  return report_error(usage_error("unknown desk command '" + noun + " " + verb + "'"));
}

}  // namespace complaint::ctl
