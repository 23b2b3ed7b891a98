// complaintctl desk: provisioning on the desk's database (--db is the desk's file).
//   desk kiosk add KIOSK_ID      registers a kiosk and prints its new secret key (shown once;
//                                the desk keeps only the public key)
//   desk kiosk rekey KIOSK_ID    a new key pair for a registered kiosk: the old key (a shared
//                                key from before Ed25519, or a leaked one) stops working
//   desk kiosk list              the registered kiosks, their key kind, when each last synced
//   desk user add NAME --role R [--departments ID,...] [--email E] [--im ID]
//                                creates a staff account; the password is asked for (echo off)
//                                on a terminal, else read as the first line of stdin
//   desk user list | user set NAME [--role R] [--departments ID,...] [--email E] [--im ID] |
//   user disable NAME | user enable NAME | user password NAME
//                                staff accounts (core/desk_state/staff_accounts.h); a disabled
//                                account's console sessions end at their next request; email and
//                                IM id say where notices reach the person (core/notify), "" clears
//   desk department add ID --zh NAME --en NAME | department list
//                                the department list tickets are forwarded to (adds or renames)
// --db may also be a PostgreSQL connection string (postgresql://..., or key=value with one or
// several hosts and target_session_attrs=read-write), as for complaint-desk.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "core/desk_state/staff_accounts.h"
#include "core/domain/ticket_number.h"
#include "core/notify/notice_worker.h"
#include "ctl/commands.h"
#include "drivers/crypto/sodium_crypto.h"
#include "drivers/postgres/desk_stores.h"

namespace complaint::ctl {
namespace {

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
  TRY_VOID(check_new_password(password));
  return password;
}

// --email and --im as given (an option left out keeps the account's value; "" clears it).
struct ContactOptions {
  std::optional<std::string> email, im_user_id;
  bool given() const { return email || im_user_id; }
  // `contact` with the given options over it, checked.
  Result<StaffContact> over(StaffContact contact) const {
    if (email) contact.email = *email;
    if (im_user_id) contact.im_user_id = *im_user_id;
    TRY_VOID(check_staff_contact(contact));
    return contact;
  }
};

Result<ContactOptions> take_contact_options(Args& args) {
  ContactOptions options;
  TRY_ASSIGN(options.email, take_option(args, "--email"));
  TRY_ASSIGN(options.im_user_id, take_option(args, "--im"));
  return options;
}

nlohmann::json user_json(const StaffUser& user) {
  return {{"user", user.name},
          {"role", to_string(user.role)},
          {"id", user.id},
          {"departments", user.departments},
          {"disabled", user.disabled},
          {"email", user.email},
          {"im_user_id", user.im_user_id}};
}

int print_user(CtlContext& context, const StaffUser& user, const char* verb) {
  if (context.options().json) {
    std::cout << user_json(user).dump() << std::endl;
  } else {
    std::string departments;
    for (const std::string& id : user.departments) departments += (departments.empty() ? "" : ",") + id;
    std::cout << verb << " " << user.name << " (" << to_string(user.role)
              << (departments.empty() ? "" : "; " + departments) << (user.disabled ? "; disabled" : "")
              << (user.email.empty() ? "" : "; " + user.email) << ")" << std::endl;
  }
  return kExitOk;
}

int user_add(CtlContext& context, DeskRepository& desk, DepartmentList& list, Args args) {
  auto role_text = take_option(args, "--role");
  if (!role_text.ok()) return report_error(role_text.error());
  auto departments_text = take_option(args, "--departments");
  if (!departments_text.ok()) return report_error(departments_text.error());
  auto contact_options = take_contact_options(args);
  if (!contact_options.ok()) return report_error(contact_options.error());
  auto contact = contact_options->over(StaffContact{});
  if (!contact.ok()) return report_error(contact.error());
  take_flag(args, "--password-stdin");  // the only way a password is taken: never on the command line
  if (args.size() != 1 || !*role_text) {
    return report_error(usage_error(
        "usage: complaintctl desk user add NAME --role ROLE [--departments ID,...] [--password-stdin]"));
  }
  const auto role = staff_role(**role_text);
  if (!role.ok()) return report_error(role.error());
  if (args[0].empty() || args[0].size() > 64) {
    return report_error(Error::invalid("name", "desk.error.user_name", "a user name has 1-64 characters"));
  }
  StaffUser user{0, args[0], *role, "", context.clock().now()};
  if (*departments_text) {
    auto ids = department_ids(**departments_text, list);
    if (!ids.ok()) return report_error(ids.error());
    user.departments = std::move(*ids);
  }
  auto password = read_password();
  if (!password.ok()) return report_error(password.error());
  auto hash = hash_password(*password);
  if (!hash.ok()) return report_error(hash.error());
  user.password_hash = std::move(*hash);
  user.email = contact->email;
  user.im_user_id = contact->im_user_id;
  auto stored = desk.add_user(user);
  if (!stored.ok()) {
    Error error = stored.error();
    if (error.code == ErrorCode::conflict) error.message = "user " + args[0] + " already exists";
    return report_error(error);
  }
  return print_user(context, *stored, "created");
}

int user_list(CtlContext& context, DeskRepository& desk) {
  auto users = desk.users();
  if (!users.ok()) return report_error(users.error());
  nlohmann::json out = nlohmann::json::array();
  for (const StaffUser& user : *users) {
    if (context.options().json) {
      out.push_back(user_json(user));
    } else {
      print_user(context, user, "");
    }
  }
  if (context.options().json) std::cout << out.dump() << std::endl;
  return kExitOk;
}

// user set NAME [--role R] [--departments IDS] | user disable NAME | user enable NAME |
// user password NAME (the new password from stdin, as for add).
int user_change(CtlContext& context, DeskRepository& desk, DepartmentList& list, const std::string& verb,
                Args args) {
  AccountChange change;
  ContactOptions contact;
  if (verb == "set") {
    auto taken = take_contact_options(args);
    if (!taken.ok()) return report_error(taken.error());
    contact = *taken;
    // Refused before anything changes: a header-injecting address never reaches the store.
    if (auto checked = contact.over(StaffContact{}); !checked.ok()) return report_error(checked.error());
    auto role_text = take_option(args, "--role");
    if (!role_text.ok()) return report_error(role_text.error());
    auto departments_text = take_option(args, "--departments");
    if (!departments_text.ok()) return report_error(departments_text.error());
    if (*role_text) {
      auto role = staff_role(**role_text);
      if (!role.ok()) return report_error(role.error());
      change.role = *role;
    }
    if (*departments_text) {
      auto ids = department_ids(**departments_text, list);
      if (!ids.ok()) return report_error(ids.error());
      change.departments = std::move(*ids);
    }
  } else if (verb == "disable" || verb == "enable") {
    change.disabled = verb == "disable";
  }
  take_flag(args, "--password-stdin");
  if (args.size() != 1) {
    return report_error(
        usage_error("usage: complaintctl desk user set NAME [--role R] [--departments ID,...] [--email E] "
                    "[--im ID] | "
                    "user disable NAME | user enable NAME | user password NAME"));
  }
  if (verb == "password") {
    auto password = read_password();
    if (!password.ok()) return report_error(password.error());
    auto hash = hash_password(*password);
    if (!hash.ok()) return report_error(hash.error());
    change.password_hash = std::move(*hash);
  }
  auto changed = change_account(desk, args[0], change, "");
  if (!changed.ok()) return report_error(changed.error());
  if (contact.given()) {
    auto applied = contact.over(StaffContact{changed->email, changed->im_user_id});
    if (!applied.ok()) return report_error(applied.error());
    auto stored = desk.update_user_contact(changed->name, *applied);
    if (!stored.ok()) return report_error(stored.error());
    changed->email = applied->email;
    changed->im_user_id = applied->im_user_id;
  }
  return print_user(context, *changed, "changed");
}

int department_save(CtlContext& context, DepartmentList& list, Args args) {
  auto zh = take_option(args, "--zh");
  if (!zh.ok()) return report_error(zh.error());
  auto en = take_option(args, "--en");
  if (!en.ok()) return report_error(en.error());
  if (args.size() != 1 || !*zh || !*en) {
    return report_error(usage_error("usage: complaintctl desk department add ID --zh NAME --en NAME"));
  }
  const Department department{args[0], **zh, **en};
  auto saved = list.save(department);
  if (!saved.ok()) return report_error(saved.error());
  if (context.options().json) {
    std::cout << nlohmann::json{{"id", department.id},
                                {"name_zh", department.name_zh},
                                {"name_en", department.name_en}}
                     .dump()
              << std::endl;
  } else {
    std::cout << "saved " << department.id << std::endl;
  }
  return kExitOk;
}

int department_list(CtlContext& context, DepartmentList& list) {
  auto departments = list.all();
  if (!departments.ok()) return report_error(departments.error());
  nlohmann::json out = nlohmann::json::array();
  for (const Department& department : *departments) {
    out.push_back({{"id", department.id}, {"name_zh", department.name_zh}, {"name_en", department.name_en}});
    if (!context.options().json) {
      std::cout << department.id << "\t" << department.name_zh << "\t" << department.name_en << "\n";
    }
  }
  if (context.options().json) std::cout << out.dump() << std::endl;
  return kExitOk;
}

}  // namespace

int cmd_desk(CtlContext& context, Args args) {
  if (args.size() < 2) {
    return report_error(usage_error(
        "usage: complaintctl desk kiosk add ID | kiosk rekey ID | kiosk list | user add NAME --role R | "
        "user list | user set|disable|enable|password NAME | department add ID --zh NAME --en NAME | "
        "department list"));
  }
  auto stores = open_desk_stores(context.options().db_path);
  if (!stores.ok()) return report_error(stores.error());
  DeskRepository& desk = stores->desk();
  DepartmentList departments(stores->state());
  const std::string noun = args[0];
  const std::string verb = args[1];
  args.erase(args.begin(), args.begin() + 2);
  if (noun == "kiosk" && verb == "add") return kiosk_add(context, desk, args);
  if (noun == "kiosk" && verb == "rekey") return kiosk_rekey(context, desk, args);
  if (noun == "kiosk" && verb == "list") return kiosk_list(context, desk);
  if (noun == "user" && verb == "add") return user_add(context, desk, departments, std::move(args));
  if (noun == "user" && verb == "list") return user_list(context, desk);
  if (noun == "user" && (verb == "set" || verb == "disable" || verb == "enable" || verb == "password")) {
    return user_change(context, desk, departments, verb, std::move(args));
  }
  if (noun == "department" && verb == "add") return department_save(context, departments, std::move(args));
  if (noun == "department" && verb == "list") return department_list(context, departments);
  return report_error(usage_error("unknown desk command '" + noun + " " + verb + "'"));
}

}  // namespace complaint::ctl
