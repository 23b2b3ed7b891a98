// The one error model: every fallible call returns Result<T> carrying an Error that
// names what failed (the call, the field) and the native status (errno, SQLite, CUPS).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace complaint {

enum class ErrorCode {
  invalid_input,  // the user's input is wrong: show it to them, change nothing
  not_found,
  conflict,         // e.g. a transition raced another one, or a duplicate
  forbidden,        // role or guard refuses the action
  unauthenticated,  // the caller could not be identified (a sync signature, a stale timestamp)
  too_large,        // the request or input is over a size limit
  storage,          // SQLite or filesystem failure
  config,           // the deployment's configuration is wrong
  io,               // devices, network
  unavailable,      // a device or service is not there
  internal,
};

const char* to_string(ErrorCode code);
// The code to_string named; nullopt for a name no code has (a newer peer's, say).
std::optional<ErrorCode> error_code_from_string(std::string_view name);

struct Error;
// The HTTP status that answers an error: from its code alone, never from its catalog key.
// One table for the sync API and the console.
int http_status_for(const Error& error);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // English, for logs and the admin CLI
  std::string field;    // the input field at fault, empty when none
  std::string key;      // i18n catalog key for the user's language, e.g. "error.phone.invalid"
  std::string call;     // the failing call, e.g. the SQLite step call
  int status = 0;       // errno / SQLite / CUPS status code where there is one

  static Error invalid(std::string field, std::string key, std::string message) {
    return Error{ErrorCode::invalid_input, std::move(message), std::move(field), std::move(key), {}, 0};
  }
  static Error not_found(std::string field, std::string key, std::string message) {
    return Error{ErrorCode::not_found, std::move(message), std::move(field), std::move(key), {}, 0};
  }
  static Error make(ErrorCode code, std::string message, std::string call = {}, int status = 0) {
    return Error{code, std::move(message), {}, {}, std::move(call), status};
  }
};

}  // namespace complaint
