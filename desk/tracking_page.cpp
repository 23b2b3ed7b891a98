// The tracking page's HTML; see tracking_page.h. Sections: style · helpers · page parts ·
// render_tracking_page · message pages and language choice.
#include "desk/tracking_page.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "core/i18n/deadline_text.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

// ---------------------------------------------------------------- style
// Mobile-first: one column, 16 px base text and no text smaller (secondary text is grey, not
// small: many readers are elderly), targets of at least 44 px; system fonts
// (Noto Sans CJK on Debian, PingFang / YaHei on phones), nothing loaded from elsewhere.
constexpr const char* kStyle = R"css(
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f5f7;color:#1d2733;font:16px/1.5 system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:40rem;margin:0 auto;padding:12px}
header{display:flex;justify-content:space-between;align-items:center;gap:8px}
.org{display:flex;align-items:center;gap:10px;font-weight:600;font-size:1.1rem}
.org img{max-height:40px;max-width:120px}
.call{display:flex;align-items:center;justify-content:center;gap:8px;min-height:48px;margin:8px 0;border:2px solid #0b5cad;border-radius:10px;background:#fff;text-decoration:none}
.about{margin:0 0 6px}
h1{font-size:1.35rem;margin:8px 0}
h2{font-size:1.05rem;margin:0 0 8px}
section{background:#fff;border-radius:10px;padding:14px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
a{color:#0b5cad}
.lang{display:inline-block;padding:10px 12px;min-height:44px;white-space:nowrap}
.number{margin:0;color:#4a5866;word-break:break-all}
.status{margin:6px 0 0;font-size:1.25rem}
.status strong{color:#0b5cad}
.steps{list-style:none;margin:0;padding:0}
.step{position:relative;padding:0 0 14px 30px}
.step:last-child{padding-bottom:0}
.step::before{content:"";position:absolute;left:8px;top:6px;width:12px;height:12px;border-radius:50%;border:2px solid #9aa7b4;background:#fff}
.step::after{content:"";position:absolute;left:14px;top:22px;bottom:-2px;width:2px;background:#d5dce3}
.step:last-child::after{display:none}
.step.done::before{background:#1f8a4c;border-color:#1f8a4c}
.step.current::before{background:#0b5cad;border-color:#0b5cad;box-shadow:0 0 0 4px #cfe2f6}
.step.skipped{color:#8a96a3}
.step .name{font-weight:600}
.step .state{color:#4a5866;margin-left:6px}
.step time{display:block;color:#4a5866}
.deadlines{list-style:none;margin:0;padding:0}
.deadline{padding:8px 0;border-top:1px solid #e5e9ee}
.deadline:first-child{border-top:0}
.deadline .name{font-weight:600;display:block}
.deadline .when{color:#4a5866}
.deadline .left{font-weight:600;color:#0b5cad;margin-left:6px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;margin-left:6px;background:#e5e9ee}
.met .badge{background:#dff3e6;color:#17663a}
.missed .badge,.overdue .badge{background:#fbe3e3;color:#a32020}
.pending .badge{background:#e3eefa;color:#0b5cad}
dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:6px 12px}
dt{color:#4a5866}
dd{margin:0;word-break:break-word}
.notice{background:#fff7e0;border-left:4px solid #e0a800;padding:10px}
.error{background:#fbe3e3;border-left:4px solid #a32020;padding:10px;color:#7d1717}
.thanks{background:#dff3e6;border-left:4px solid #1f8a4c;padding:10px}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:600;margin-bottom:6px}
.choice{display:flex;align-items:center;gap:10px;min-height:44px;padding:4px 8px;border:1px solid #d5dce3;border-radius:8px;margin:6px 0}
.choice input{width:20px;height:20px}
textarea{width:100%;font:inherit;padding:8px;border:1px solid #9aa7b4;border-radius:8px}
button{width:100%;min-height:48px;margin-top:10px;font:inherit;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:8px}
.privacy,footer{color:#4a5866;margin:8px 4px}
.secondary{color:#4a5866;margin:8px 0 0}
.answer{white-space:pre-wrap;margin:0}
)css";

constexpr const char* kSatisfactionChoices[] = {"satisfied", "basically_satisfied", "dissatisfied"};

// ---------------------------------------------------------------- helpers
std::string document(const Catalog& texts, std::string_view title, const std::string& body) {
  std::string html;
  html.reserve(body.size() + 4096);
  html +=
      "<!doctype html>\n<html lang=\"" + html_escape(texts.language()) + "\"><head><meta charset=\"utf-8\">";
  html += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">";
  html += "<meta name=\"robots\" content=\"noindex\"><title>" + html_escape(title) + "</title><style>";
  html += kStyle;
  html += "</style></head><body><main>";
  html += body;
  html += "</main></body></html>\n";
  return html;
}

std::string text(const Catalog& texts, std::string_view key) {
  return html_escape(texts.text(key));
}

std::string time_element(const TimeZone& zone, Instant at) {
  return "<time datetime=\"" + zone.format_iso8601(at) + "\">" + format_minutes(zone, at) + "</time>";
}

// tel: takes the digits and a leading +; "400-000 0000" dials as 4000000000.
std::string tel_digits(const std::string& hotline) {
  std::string digits;
  for (const char c : hotline) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  }
  return digits;
}

std::string page_link(const PublicProgress& progress, const std::string& token, std::string_view language) {
  return "/t/" + url_encode(progress.number) + "?k=" + url_encode(token) +
         "&amp;lang=" + url_encode(language);
}

// ---------------------------------------------------------------- page parts
// Who the page is from and how to reach a person, before anything about the ticket.
std::string masthead(const TrackingPage& page) {
  const Catalog& t = page.texts;
  const std::string other = t.language() == "en" ? "zh-CN" : "en";
  std::string html = "<header class=\"masthead\"><div class=\"org\">";
  if (!page.logo_data_uri.empty())
    html += "<img id=\"logo\" src=\"" + html_escape(page.logo_data_uri) + "\" alt=\"\">";
  html += "<span id=\"organisation\">" + html_escape(page.organisation) + "</span></div>";
  html += "<a class=\"lang\" id=\"lang\" href=\"" + page_link(page.progress, page.token, other) + "\">" +
          text(t, "track.language_other") + "</a></header>";
  if (!page.hotline.empty()) {
    html += "<a class=\"call\" id=\"hotline\" href=\"tel:" + html_escape(tel_digits(page.hotline)) + "\">" +
            text(t, "track.hotline") + " <b>" + html_escape(page.hotline) + "</b></a>";
  }
  return html;
}

// "咨询办理进度" / "Inquiry progress": the page names the ticket's kind.
std::string title(const TrackingPage& page) {
  if (page.subject.kind.empty()) return text(page.texts, "track.title");
  return html_escape(page.texts.format("track.title_kind", {{"kind", page.subject.kind}}));
}

// The customer's topic in their words where they chose one (kept when staff reclassify),
// else the category: what the matter is about, never its text.
std::string about_what(const SubjectLabel& subject) {
  const bool topic = !subject.topic.empty();
  const std::string& what = topic ? subject.topic : subject.category;
  if (what.empty()) return {};
  return std::string(k_subject_separator) + "<span id=\"" + (topic ? "topic" : "category") + "\">" +
         html_escape(what) + "</span>";
}

std::string summary(const TrackingPage& page) {
  const PublicProgress& p = page.progress;
  const Catalog& t = page.texts;
  std::string html = "<h1>" + title(page) + "</h1>";
  html += "<section id=\"summary\">";
  if (!page.subject.kind.empty()) {
    html += "<p class=\"about\" id=\"about\">" + text(t, "track.about") + " <b id=\"kind\" data-kind=\"" +
            html_escape(p.kind) + "\">" + html_escape(page.subject.kind) + "</b>" + about_what(page.subject) +
            "</p>";
  }
  html += "<p class=\"number\">" + text(t, "track.number") + " <b id=\"number\">" + html_escape(p.number) +
          "</b></p>";
  html += "<p class=\"status\">" + text(t, "track.status_now") + " <strong id=\"status\" data-status=\"" +
          to_string(p.status) + "\">" + text(t, std::string("track.status.") + to_string(p.status)) +
          "</strong></p>";
  if (p.withdrawn_at) {
    html += "<p class=\"notice\" id=\"withdrawn\">" +
            html_escape(t.format("track.withdrawn", {{"at", format_minutes(page.zone, *p.withdrawn_at)}})) +
            "</p>";
  }
  return html + "</section>";
}

// The reply's answer for the customer, before the page asks whether they are satisfied.
std::string answer(const TrackingPage& page) {
  const PublicProgress& p = page.progress;
  if (p.answer.empty()) return {};
  const Catalog& t = page.texts;
  std::string html = "<section id=\"answer\"><h2>" + text(t, "track.answer") + "</h2><p class=\"answer\">" +
                     html_escape(p.answer) + "</p>";
  if (p.answered_at) html += "<p class=\"secondary\">" + time_element(page.zone, *p.answered_at) + "</p>";
  return html + "</section>";
}

std::string timeline(const TrackingPage& page) {
  const Catalog& t = page.texts;
  std::string html =
      "<section id=\"timeline\"><h2>" + text(t, "track.timeline") + "</h2><ol class=\"steps\">";
  for (const ProgressStep& step : page.progress.steps) {
    const std::string state = to_string(step.state);
    html += "<li class=\"step " + state + "\" data-step=\"" + to_string(step.status) + "\" data-state=\"" +
            state + "\"><span class=\"name\">" +
            text(t, std::string("track.step.") + to_string(step.status)) + "</span><span class=\"state\">" +
            text(t, "track.step_state." + state) + "</span>";
    if (step.at && step.state != StepState::pending) html += time_element(page.zone, *step.at);
    html += "</li>";
  }
  return html + "</ol></section>";
}

std::string deadlines(const TrackingPage& page) {
  const Catalog& t = page.texts;
  if (page.progress.deadlines.empty()) return {};
  std::string html =
      "<section id=\"deadlines\"><h2>" + text(t, "track.deadlines") + "</h2><ul class=\"deadlines\">";
  for (const DeadlineProgress& deadline : page.progress.deadlines) {
    const std::string outcome = to_string(deadline.outcome);
    html += "<li class=\"deadline " + outcome + "\" data-clock=\"" + deadline.clock + "\" data-outcome=\"" +
            outcome + "\"><span class=\"name\">" + text(t, "track.clock." + deadline.clock) +
            "</span><span class=\"when\">";
    // As the kiosk and the receipt word it; the time left only while it still counts.
    const DeadlineText due = deadline_text(t, page.zone, deadline.due, page.now);
    html += html_escape(t.format("track.due", {{"at", due.when}}));
    if (deadline.outcome == DeadlineOutcome::pending)
      html += "<span class=\"left\">" + html_escape(due.left) + "</span>";
    if (deadline.done_at) {
      html += " · " +
              html_escape(t.format("track.done_at", {{"at", format_minutes(page.zone, *deadline.done_at)}}));
    }
    html += "</span><span class=\"badge\">" + text(t, "track.outcome." + outcome) + "</span></li>";
  }
  html += "</ul>";
  // The reason in plain words from the catalog: a category the catalog lacks shows nothing.
  const PublicProgress& p = page.progress;
  const std::string reason_key = "track.extension_reason." + p.extension_reason;
  if (p.extended_to && t.has(reason_key)) {
    html += "<p class=\"extended\" id=\"extension\">" +
            html_escape(t.format("track.extended",
                                 {{"at", deadline_text(t, page.zone, *p.extended_to, page.now).when},
                                  {"reason", t.text(reason_key)}})) +
            "</p>";
  }
  return html + "</section>";
}

std::string details(const TrackingPage& page) {
  const PublicProgress& p = page.progress;
  const Catalog& t = page.texts;
  std::string html =
      "<section id=\"details\"><dl><dt>" + text(t, "track.department") + "</dt><dd id=\"department\">";
  html += p.department.empty() ? text(t, "track.department_none") : html_escape(p.department);
  html += "</dd><dt>" + text(t, "track.contact") + "</dt><dd id=\"contact\">";
  if (p.anonymous) {
    html += text(t, "track.anonymous");
  } else {
    html += html_escape(p.masked_name);
    if (!p.masked_phone.empty()) html += (p.masked_name.empty() ? "" : " ") + html_escape(p.masked_phone);
  }
  html += "</dd>";
  return html + "</dl></section>";
}

std::string rating(const TrackingPage& page) {
  const PublicProgress& p = page.progress;
  const Catalog& t = page.texts;
  if (p.satisfaction != Satisfaction::none && !p.accepts_rating) {
    std::string html = "<section id=\"rating\">";
    if (page.just_rated)
      html += "<p class=\"thanks\" id=\"thanks\">" + text(t, "track.rating.thanks") + "</p>";
    const std::string chosen = t.text(std::string("satisfaction.") + to_string(p.satisfaction));
    html += "<p id=\"rating-recorded\" data-rating=\"" + std::string(to_string(p.satisfaction)) + "\">" +
            html_escape(t.format("track.rating.recorded", {{"rating", chosen}})) + "</p>";
    return html + "</section>";
  }
  if (!p.accepts_rating) return {};
  const RatingForm& form = page.form;
  std::string html = "<section id=\"rating\"><form method=\"post\" id=\"rating-form\" action=\"/t/" +
                     url_encode(p.number) + "/rating\">";
  if (!form.error_key.empty()) {
    html += "<p class=\"error\" role=\"alert\" id=\"form-error\"><b>" + text(t, "track.error.title") +
            "</b> " +
            html_escape(t.format(form.error_key, {{"max", std::to_string(kRatingCommentMaxChars)}})) + "</p>";
  }
  html += "<input type=\"hidden\" name=\"k\" value=\"" + html_escape(page.token) + "\">";
  html += "<input type=\"hidden\" name=\"csrf\" value=\"" + html_escape(form.csrf) + "\">";
  html += "<input type=\"hidden\" name=\"lang\" value=\"" + html_escape(t.language()) + "\">";
  html += "<fieldset><legend>" + text(t, "track.rating.title") + "</legend>";
  for (const char* choice : kSatisfactionChoices) {
    const bool checked = form.chosen && std::string_view(to_string(*form.chosen)) == choice;
    html += "<label class=\"choice\"><input type=\"radio\" name=\"rating\" value=\"" + std::string(choice) +
            "\" id=\"rating-" + choice + "\"" + (checked ? " checked" : "") + "> " +
            text(t, std::string("satisfaction.") + choice) + "</label>";
  }
  html += "</fieldset><p class=\"privacy\">" + text(t, "track.rating.hint") + "</p>";
  html += "<label for=\"comment\">" + text(t, "track.rating.comment") + "</label>";
  html += "<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"" +
          std::to_string(kRatingCommentMaxChars) + "\">" + html_escape(form.comment) + "</textarea>";
  html += "<button type=\"submit\" id=\"rating-submit\">" + text(t, "track.rating.submit") + "</button>";
  return html + "</form></section>";
}

}  // namespace

// ---------------------------------------------------------------- render_tracking_page
std::string render_tracking_page(const TrackingPage& page) {
  std::string body = masthead(page) + summary(page) + timeline(page) + deadlines(page) + answer(page) +
                     rating(page) + details(page);
  body += "<p class=\"privacy\">" + text(page.texts, "track.privacy") + "</p>";
  body += "<footer>" +
          html_escape(page.texts.format("track.updated_at", {{"at", format_minutes(page.zone, page.now)}})) +
          "</footer>";
  const std::string plain_title = page.subject.kind.empty()
                                      ? page.texts.text("track.title")
                                      : page.texts.format("track.title_kind", {{"kind", page.subject.kind}});
  return document(page.texts, plain_title, body);
}

// ---------------------------------------------------------------- message pages
std::string render_message_page(const Catalog& texts, std::string_view title_key, std::string_view body_key) {
  const std::string body = "<section id=\"message\"><h1>" + text(texts, title_key) + "</h1><p>" +
                           text(texts, body_key) + "</p></section>";
  return document(texts, texts.text(title_key), body);
}

std::string format_minutes(const TimeZone& zone, Instant at, MidnightAs midnight) {
  return format_day_time(split_local(zone, at, midnight));
}

}  // namespace complaint::desk
