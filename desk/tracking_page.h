// The HTML of the public tracking page (GET /t/{number}): a self-contained, mobile-first
// document (inline CSS, no scripts, no external assets) in zh-CN or English, built from
// PublicProgress only, so it cannot show the complaint text or staff names. Also the
// small pages for "not found", "too many requests" and the language choice.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/time_zone.h"
#include "core/domain/subject_label.h"
#include "core/i18n/catalog.h"
#include "core/tracking/public_progress.h"

namespace complaint::desk {

inline constexpr std::size_t kRatingCommentMaxChars = 500;

// The rating form as it is shown again after a refused submission.
struct RatingForm {
  std::string csrf;                    // hidden field, see tracking_routes.cpp
  std::string error_key;               // catalog key of the problem; empty: none
  std::optional<Satisfaction> chosen;  // what the customer had picked
  std::string comment;                 // what the customer had typed
};

struct TrackingPage {
  const PublicProgress& progress;
  const Catalog& texts;
  const TimeZone& zone;
  std::string token;    // the URL's k (links back to this page carry it)
  std::string hotline;  // the site's service hotline; empty: not shown
  Instant now{};
  RatingForm form;
  bool just_rated = false;  // the redirect after a successful rating
  // Who the page is from, so the customer can trust it: the organisation's name in the
  // page's language and its logo (a data: URI; empty: the name alone).
  std::string organisation;
  std::string logo_data_uri;
  // What the ticket is about, in the page's language: the kind (投诉, 咨询, ...) and the
  // category's label, never the text.
  SubjectLabel subject;
};

std::string render_tracking_page(const TrackingPage& page);
// One page for every lookup failure (unknown number, wrong token, malformed input), so
// the answers cannot be told apart.
std::string render_message_page(const Catalog& texts, std::string_view title_key, std::string_view body_key);

// "2026-11-20 16:00" in the site's zone (steps, completions); promised deadlines read as
// deadline_text words them (core/i18n/deadline_text.h).
std::string format_minutes(const TimeZone& zone, Instant at, MidnightAs midnight = MidnightAs::start_of_day);

}  // namespace complaint::desk
