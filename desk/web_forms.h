// Small web helpers of the desk's pages: form bodies (application/x-www-form-urlencoded),
// the Cookie header, Set-Cookie values and HTML escaping. No HTTP library types.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace complaint::desk {

// "a=1&b=x+y%21" -> {a: "1", b: "x y!"}; the first value of a repeated name wins.
// Malformed escapes are kept literally (the fields are validated afterwards anyway).
std::map<std::string, std::string> parse_form(std::string_view body);
std::string url_decode(std::string_view text);
std::string url_encode(std::string_view text);

// The value of cookie `name` in a Cookie header, empty when absent.
std::string cookie_value(std::string_view cookie_header, std::string_view name);
// A Set-Cookie value: HttpOnly, SameSite=Strict, Path=/console; max_age_seconds < 0 deletes.
std::string session_cookie(std::string_view name, std::string_view value, long max_age_seconds, bool secure);

// "zh-CN" or "en" from an override (?lang=, the console's language cookie) or else the
// Accept-Language header (q-values honoured); zh-CN when neither names a language the desk
// has. The one language choice of the tracking page and the console.
std::string choose_language(std::string_view override_language, std::string_view accept_language);

// A Content-Disposition value ("attachment" or "inline") naming `file_name` (UTF-8) twice: as
// filename= with every byte outside printable ASCII (and '"', '\\', '%') replaced by '_' for
// old clients, and as RFC 8187's filename*=UTF-8''... that current browsers prefer.
std::string content_disposition(std::string_view disposition, std::string_view file_name);

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

}  // namespace complaint::desk
