// Form, cookie and escaping helpers; see web_forms.h.
#include "desk/web_forms.h"

#include <cstdlib>

namespace complaint::desk {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string content_disposition(std::string_view disposition, std::string_view file_name) {
  std::string fallback;
  for (const unsigned char c : file_name) {
    const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%';
    fallback += plain ? static_cast<char>(c) : '_';
  }
  return std::string(disposition) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" +
         url_encode(file_name);
}

std::string url_encode(std::string_view text) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> fields;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string name = url_decode(pair.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
    fields.try_emplace(name, value);
  }
  return fields;
}

std::string cookie_value(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const std::size_t semi = cookie_header.find(';');
    const std::string_view pair = trim(cookie_header.substr(0, semi));
    cookie_header = semi == std::string_view::npos ? std::string_view() : cookie_header.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::string session_cookie(std::string_view name, std::string_view value, long max_age_seconds, bool secure) {
  std::string cookie =
      std::string(name) + "=" + std::string(value) + "; Path=/console; HttpOnly; SameSite=Strict";
  cookie += "; Max-Age=" + std::to_string(max_age_seconds < 0 ? 0 : max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string choose_language(std::string_view override_language, std::string_view accept_language) {
  const auto page_language = [](std::string_view tag) -> std::string {
    const std::string_view primary = tag.substr(0, tag.find('-'));
    if (primary.size() == 2 && (primary[0] | 0x20) == 'z' && (primary[1] | 0x20) == 'h') return "zh-CN";
    if (primary.size() == 2 && (primary[0] | 0x20) == 'e' && (primary[1] | 0x20) == 'n') return "en";
    return {};
  };
  if (std::string chosen = page_language(override_language); !chosen.empty()) return chosen;
  std::string best = "zh-CN";
  double best_q = 0.0;
  while (!accept_language.empty()) {
    const std::size_t comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    double q = 1.0;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      const std::string_view parameter = item.substr(semi + 1);
      const std::size_t equals = parameter.find("q=");
      if (equals != std::string_view::npos) q = std::atof(std::string(parameter.substr(equals + 2)).c_str());
      item = item.substr(0, semi);
    }
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    const std::string language = page_language(item);
    if (!language.empty() && q > best_q) {  // ties keep the earlier, as listed
      best = language;
      best_q = q;
    }
  }
  return best;
}

}  // namespace complaint::desk
