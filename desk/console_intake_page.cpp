// The desk's intake form (/console/intake) and the page after a filing: the number, the
// deadlines, and the receipt to print on the desk's queue or to download as a PDF. The form
// offers what the kiosk's staff mode files (a clerk's channels, the received date, the
// customer's categories) plus a referral's referrer and deadline; a refused form comes back
// with every entry kept and the field at fault marked. The number appears only here, after
// FilingService::file returned it committed.
#include "core/retention/retention_notice.h"
#include "core/validation/ticket_validation.h"
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string attr(const std::string& value) {
  return html_escape(value);
}

// The error's input as the form names it (FilingService and validate_draft name the draft's).
std::string form_field(const std::string& field) {
  if (field == "desired_outcome") return "outcome";
  if (field == "filed_at") return "received";
  if (field == "customer_email" || field == "email") return "email";
  if (field == "notify_customer") return "notify";
  return field;
}

struct FormWriter {
  const PageContext& page;
  const IntakePageInput& input;
  std::string bad = form_field(input.error_field);

  std::string marks(const char* name) const {
    return bad == name ? " aria-invalid=\"true\" aria-describedby=\"error\"" : "";
  }
  std::string label(const char* key) const { return html_escape(page.catalog.text(key)); }
  std::string open(const char* name, const char* key) const {
    return "<label" + std::string(bad == name ? " class=\"invalid\"" : "") + " for=\"f-" + name + "\">" +
           label(key);
  }
  std::string text(const char* name, const char* key, const std::string& value,
                   const char* type = "text") const {
    return open(name, key) + "<input type=\"" + type + "\" id=\"f-" + name + "\" name=\"" + name +
           "\" value=\"" + attr(value) + "\"" + marks(name) + "></label>";
  }
  std::string area(const char* name, const char* key, const std::string& value, int rows) const {
    return open(name, key) + "<textarea id=\"f-" + name + "\" name=\"" + name + "\" rows=\"" +
           std::to_string(rows) + "\"" + marks(name) + ">" + html_escape(value) + "</textarea></label>";
  }
  std::string check(const char* name, const char* key, bool on) const {
    return "<label class=\"check" + std::string(bad == name ? " invalid" : "") +
           "\"><input type=\"checkbox\" id=\"f-" + name + "\" name=\"" + name + "\" value=\"1\"" +
           (on ? " checked" : "") + marks(name) + ">" + label(key) + "</label>";
  }
  std::string select(const char* name, const char* key,
                     const std::vector<std::pair<std::string, std::string>>& options,
                     const std::string& chosen) const {
    std::string html =
        open(name, key) + "<select id=\"f-" + name + "\" name=\"" + name + "\"" + marks(name) + ">";
    for (const auto& [value, text] : options) {
      html += "<option value=\"" + attr(value) + "\"" + (value == chosen ? " selected" : "") + ">" +
              html_escape(text) + "</option>";
    }
    return html + "</select></label>";
  }
};

}  // namespace

std::string render_intake(const PageContext& page, const IntakePageInput& input) {
  const Catalog& c = page.catalog;
  const IntakeForm& form = input.form;
  const FormWriter w{page, input};
  const std::string& language = c.language();
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const TaxonomyEntry& kind : page.taxonomy.kinds()) kinds.emplace_back(kind.id, kind.label(language));
  std::vector<std::pair<std::string, std::string>> categories{{"", c.text("console.intake.choose")}};
  for (const TaxonomyEntry& category : page.taxonomy.categories()) {
    if (!category.staff_only) categories.emplace_back(category.id, category.label(language));
  }
  // A clerk's channels: every one but the lobby kiosk's own.
  std::vector<std::pair<std::string, std::string>> channels;
  for (const TaxonomyEntry& channel : page.taxonomy.channels()) {
    if (channel.id != "kiosk") channels.emplace_back(channel.id, channel.label(language));
  }
  const std::vector<std::pair<std::string, std::string>> languages{{"zh-CN", c.text("console.help.chinese")},
                                                                   {"en", c.text("console.help.english")}};

  std::string main = "<h1>" + html_escape(c.text("console.intake.title")) + "</h1>";
  if (!input.error.empty()) {
    main += "<p class=\"error\" id=\"error\" role=\"alert\">" + html_escape(input.error) + "</p>";
  }
  main +=
      "<form method=\"post\" action=\"/console/intake\" id=\"intake\" class=\"intake\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"" +
      attr(page.session != nullptr ? page.session->csrf : "") +
      "\"><input type=\"hidden\" name=\"token\" value=\"" + attr(form.token) + "\">";
  main += "<div class=\"columns\"><div>";
  main += "<fieldset><legend>" + w.label("console.intake.matter") + "</legend>";
  main +=
      w.select("channel", "console.intake.channel", channels, form.channel.empty() ? "phone" : form.channel);
  main += w.text("received", "console.intake.received", form.received, "date");
  main += w.select("kind", "console.intake.kind", kinds, form.kind.empty() ? "complaint" : form.kind);
  main += w.select("category", "console.intake.category", categories, form.category);
  main += w.area("content", "console.intake.content", form.content, 6);
  main += w.area("outcome", "console.intake.outcome", form.outcome, 3);
  main += "</fieldset><fieldset><legend>" + w.label("console.intake.referral") +
          "</legend><p class=\"hint\">" + w.label("console.intake.referral_hint") + "</p>";
  main += w.text("referrer", "console.intake.referrer", form.referrer);
  main += w.text("referrer_deadline", "console.intake.referrer_deadline", form.referrer_deadline, "date");
  main += "</fieldset></div><div>";
  main += "<fieldset><legend>" + w.label("console.intake.customer") + "</legend>";
  main += w.check("anonymous", "console.intake.anonymous", form.anonymous);
  main += w.text("name", "console.intake.name", form.name);
  main += w.text("phone", "console.intake.phone", form.phone, "tel");
  main += w.text("email", "console.intake.email", form.email, "email");
  main += w.check("notify", "console.intake.notify", form.notify);
  main += w.select("language", "console.intake.language", languages,
                   form.language.empty() ? std::string("zh-CN") : form.language);
  main += "</fieldset>";
  // The kiosk's consent screen, to read to the caller: what is kept, who sees it, how long.
  main += "<fieldset id=\"consent-text\"><legend>" + w.label("kiosk.consent.title") + "</legend><dl>";
  main += "<dt>" + w.label("kiosk.consent.stored_title") + "</dt><dd>" + w.label("kiosk.consent.stored") +
          "</dd>";
  main += "<dt>" + w.label("kiosk.consent.who_title") + "</dt><dd>" + w.label("kiosk.consent.who") + "</dd>";
  main += "<dt>" + w.label("kiosk.consent.kept_title") + "</dt><dd>" +
          html_escape(retention_notice(c, input.retention, page.taxonomy, "console.intake.kept_end")) +
          "</dd></dl>";
  main += w.check("consent", "console.intake.consent", form.consent) + "</fieldset>";
  main += "<p><button type=\"submit\" id=\"file\">" + w.label("console.intake.submit") + "</button></p>";
  main += "</div></div></form>";
  return layout(page, c.text("console.intake.title"), main);
}

std::string render_intake_done(const PageContext& page, const IntakeDoneInput& input) {
  const Catalog& c = page.catalog;
  const Ticket& ticket = input.ticket;
  std::string main = "<h1>" + html_escape(c.text("console.intake.done_title")) + "</h1>";
  if (!input.message.empty()) {
    main += "<p class=\"" + std::string(input.message_is_error ? "error" : "notice") +
            "\" id=\"print-result\" role=\"status\">" + html_escape(input.message) + "</p>";
  }
  main += "<table class=\"record\" id=\"filed\"><tr><th>" + html_escape(c.text("console.intake.number")) +
          "</th><td><strong id=\"number\">" + html_escape(ticket.number) + "</strong></td></tr>";
  main += "<tr><th>" + html_escape(c.text("console.intake.received_at")) + "</th><td id=\"received-at\">" +
          html_escape(format_local(page, ticket.filed_at, true)) + "</td></tr>";
  if (ticket.deadlines.resolve_by) {
    main += "<tr><th>" + html_escape(c.text("console.deadline.resolve_by")) + "</th><td id=\"resolve-by\">" +
            html_escape(format_local(page, *ticket.deadlines.resolve_by, true, MidnightAs::end_of_day)) +
            "</td></tr>";
  }
  if (ticket.referrer_deadline) {
    main += "<tr><th>" + html_escape(c.text("console.deadline.referrer_deadline")) + "</th><td>" +
            html_escape(format_local(page, *ticket.referrer_deadline, true, MidnightAs::end_of_day)) +
            "</td></tr>";
  }
  main += "</table><p>";
  const std::string base = "/console/intake/" + html_escape(ticket.number);
  if (input.printer_configured) {
    main += "<form method=\"post\" action=\"" + base +
            "/print\" class=\"inline\"><input type=\"hidden\" "
            "name=\"csrf\" value=\"" +
            attr(page.session != nullptr ? page.session->csrf : "") +
            "\"><button type=\"submit\" id=\"print\">" + html_escape(c.text("console.intake.print")) +
            "</button></form> ";
  }
  main += "<a href=\"" + base + "/receipt.pdf\" id=\"receipt-pdf\" download>" +
          html_escape(c.text("console.intake.pdf")) + "</a> · <a href=\"/console/tickets/" +
          html_escape(ticket.number) + "\" id=\"ticket-link\">" + html_escape(c.text("console.intake.open")) +
          "</a> · <a href=\"/console/intake\" id=\"next\">" + html_escape(c.text("console.intake.next")) +
          "</a></p>";
  return layout(page, c.text("console.intake.done_title"), main);
}

}  // namespace complaint::desk
