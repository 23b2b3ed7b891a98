// String names of ErrorCode, used in logs and the CLI's JSON errors.
#include "core/base/error.h"

namespace complaint {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::storage:
      return "storage";
    case ErrorCode::config:
      return "config";
    case ErrorCode::io:
      return "io";
    case ErrorCode::unavailable:
      return "unavailable";
    case ErrorCode::internal:
      return "internal";
  }
  return "internal";
}

std::optional<ErrorCode> error_code_from_string(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ErrorCode::internal); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (name == to_string(code)) return code;
  }
  return std::nullopt;
}

int http_status_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::too_large:
      return 413;
    case ErrorCode::storage:
    case ErrorCode::config:
    case ErrorCode::io:
    case ErrorCode::unavailable:
    case ErrorCode::internal:
      break;
  }
  return 503;  // the desk's side failed: the caller may retry
}

}  // namespace complaint
