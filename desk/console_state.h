// ConsoleState: what the staff console's routes share for the server's life — the desk's
// resources (catalogs, taxonomy, calendar, the filing service that applies workflow
// actions, the console's static files; loaded once in main.cpp), staff sessions and the login
// throttle (both kept in the desk's store, so every desk on the database shares them). Also
// the per-request helpers: the user's language and the signed-in session.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/attachments/attachment_service.h"
#include "core/calendar/work_calendar.h"
#include "core/desk_state/departments.h"
#include "core/desk_state/login_throttle.h"
#include "core/desk_state/staff_sessions.h"
#include "core/domain/taxonomy.h"
#include "core/i18n/catalog.h"
#include "core/services/filing_service.h"
#include "desk/desk_context.h"
#include "desk/router.h"

namespace complaint::desk {

inline constexpr const char* kSessionCookie = "desk_session";
inline constexpr const char* kLoginCookie = "desk_login";  // pre-login CSRF token
inline constexpr const char* kLanguageCookie = "desk_lang";

struct ConsoleState {
  explicit ConsoleState(DeskContext& context);

  DeskContext& context;
  const std::map<std::string, Catalog>& catalogs;  // "zh-CN", "en"
  const Taxonomy& taxonomy;
  const WorkCalendar& calendar;
  FilingService& filing;
  const std::map<std::string, StaticFile>& files;  // by file name
  StaffSessions sessions;
  LoginThrottle throttle;
  DepartmentList departments;
  // Tickets' attachments; null when the desk was given no attachment store.
  std::unique_ptr<AttachmentService> attachments;
  bool secure_cookies = false;  // the desk speaks https

  // The user's language: the desk_lang cookie, else Accept-Language, else zh-CN.
  const Catalog& catalog_for(const DeskRequest& request) const;
  // The live session of the request's cookie, with the account's departments, if any; none
  // when the account is gone, disabled or has another role now (the session ends then), and
  // none when the store cannot answer
  // (fail closed: the request is refused, the session stays for when the store is back).
  std::optional<StaffSession> session_for(const DeskRequest& request);
  // The text of an error in the user's language: its key when the catalog has it, else a
  // generic text for its code.
  std::string error_text(const Catalog& catalog, const Error& error) const;
};

// Constant-time comparison of two tokens (CSRF), false when the lengths differ.
bool same_token(const std::string& a, const std::string& b);

// Common response shapes: HTML with the console's security headers, and 303 redirects.
DeskResponse html_page(int status, std::string body);
DeskResponse redirect_to(const std::string& location);

}  // namespace complaint::desk
