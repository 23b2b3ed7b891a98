// The ticket page's attachments: the list (name linking to the file, caption, type, size,
// who uploaded it and when) and the upload form (multipart/form-data with the session's CSRF
// token). The server checks everything again (core/attachments/attachment_service.h).
#include "core/retention/anonymise.h"
#include "desk/console_pages.h"
#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string type_label(const Catalog& c, const std::string& content_type) {
  // "image/png" -> console.attachments.kind.png
  const std::string key = "console.attachments.kind." + content_type.substr(content_type.find('/') + 1);
  return c.has(key) ? c.text(key) : content_type;
}

std::string upload_form(const PageContext& page, const TicketPageInput& input) {
  const Catalog& c = page.catalog;
  const Ticket& t = input.ticket;
  if (is_anonymised(t))
    return "<p id=\"attachments-closed\">" + html_escape(c.text("error.attachment.anonymised")) + "</p>";
  const std::string max_size = format_size(input.attachment_max_bytes);
  return "<form method=\"post\" enctype=\"multipart/form-data\" class=\"action\" id=\"attachment-upload\" "
         "action=\"/console/tickets/" +
         url_encode(t.number) + "/attachments\"><input type=\"hidden\" name=\"csrf\" value=\"" +
         html_escape(page.session != nullptr ? page.session->csrf : "") + "\"><label>" +
         html_escape(c.format("console.attachments.file", {{"max_size", max_size}})) +
         "<input type=\"file\" name=\"file\" required "
         "accept=\"image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf\"></label><label>" +
         html_escape(c.text("console.attachments.caption")) +
         "<input type=\"text\" name=\"caption\" maxlength=\"200\"></label><p class=\"hint\">" +
         html_escape(c.format("console.attachments.limits",
                              {{"max_count", std::to_string(input.attachment_max_count)},
                               {"count", std::to_string(input.attachments.size())}})) +
         "</p><button type=\"submit\">" + html_escape(c.text("console.attachments.upload")) +
         "</button></form>";
}

}  // namespace

std::string attachment_url(const std::string& number, std::int64_t id) {
  return "/console/tickets/" + url_encode(number) + "/attachments/" + std::to_string(id);
}

std::string attachments_section(const PageContext& page, const TicketPageInput& input) {
  if (!input.attachments_enabled) return "";
  const Catalog& c = page.catalog;
  std::string html = "<section class=\"attachments\" id=\"attachments\"><h2>" +
                     html_escape(c.text("console.attachments.title")) + "</h2>";
  if (input.attachments.empty()) {
    html += "<p id=\"attachments-none\">" + html_escape(c.text("console.attachments.none")) + "</p>";
  } else {
    html += "<table class=\"trail\" id=\"attachment-list\"><thead><tr>";
    for (const char* column :
         {"console.attachments.name", "console.attachments.type", "console.attachments.size",
          "console.attachments.uploader", "console.attachments.time"}) {
      html += "<th>" + html_escape(c.text(column)) + "</th>";
    }
    html += "</tr></thead><tbody>";
    for (const AttachmentInfo& a : input.attachments) {
      html += "<tr data-attachment=\"" + std::to_string(a.id) + "\"><td><a href=\"" +
              html_escape(attachment_url(input.ticket.number, a.id)) + "\">" + html_escape(a.file_name) +
              "</a>" + (a.caption.empty() ? "" : "<br><small>" + html_escape(a.caption) + "</small>") +
              "</td><td>" + html_escape(type_label(c, a.content_type)) + "</td><td>" +
              html_escape(format_size(a.size)) + "</td><td>" + html_escape(a.uploader) + "</td><td>" +
              html_escape(format_local(page, a.uploaded_at)) + "</td></tr>";
    }
    html += "</tbody></table>";
  }
  return html + upload_form(page, input) + "</section>";
}

}  // namespace complaint::desk
