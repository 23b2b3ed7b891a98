// build_receipt / build_test_receipt and the receipt's date formats (see header).
// Sections: date formats · promise line · block helpers · customer copy · staff copy · test page.
#include "core/receipt/receipt_layout.h"

#include <chrono>
#include <cstdio>

#include "core/domain/check_code.h"
#include "core/i18n/deadline_text.h"
#include "core/i18n/local_time_text.h"
#include "core/privacy/masking.h"

namespace complaint {

namespace {

using std::chrono::days;
using std::chrono::floor;

// ---------------------------------------------------------------- date formats

struct LocalParts {
  std::map<std::string, std::string> values;  // year month day time weekday month_name
};

std::string two_digits(long value) {
  char text[8];
  std::snprintf(text, sizeof text, "%02ld", value);
  return text;
}

std::map<std::string, std::string> local_parts(Instant at, const TimeZone& zone, const Catalog& catalog,
                                               MidnightAs midnight) {
  const auto [day, local_time] = split_local(zone, at, midnight);
  const auto since_midnight = local_time.count();
  const std::chrono::year_month_day ymd{day};
  const unsigned month = static_cast<unsigned>(ymd.month());
  return {
      {"year", std::to_string(static_cast<int>(ymd.year()))},
      {"month", std::to_string(month)},
      {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
      {"time", std::to_string(since_midnight / 60) + ":" + two_digits(since_midnight % 60)},
      {"weekday", weekday_name(catalog, day)},
      {"month_name", catalog.text("receipt.month." + std::to_string(month))},
  };
}

}  // namespace

std::string format_accepted_at(Instant at, const TimeZone& zone, const Catalog& catalog) {
  return catalog.format("receipt.date.long", local_parts(at, zone, catalog, MidnightAs::start_of_day));
}

std::string format_deadline(Instant at, const TimeZone& zone, const Catalog& catalog) {
  return catalog.format("receipt.date.short", local_parts(at, zone, catalog, MidnightAs::end_of_day));
}

// ---------------------------------------------------------------- promise line

std::string promise_line(const Ticket& ticket, const TimeZone& zone, const Catalog& catalog, Instant now) {
  const Deadlines& due = ticket.deadlines;
  auto when = [&](const std::optional<Instant>& at) { return deadline_phrase(catalog, zone, *at, now); };
  // Inquiries are answered, not resolved; an anonymous customer reads the answer on the QR page.
  if (due.answer_by) {
    const char* key = due.contact_by ? "receipt.promise.answer" : "receipt.promise.answer_anonymous";
    return catalog.format(key, {{"answer_by", when(due.answer_by)}});
  }
  if (due.contact_by && due.resolve_by) {
    return catalog.format("receipt.promise.contact_resolve",
                          {{"contact_by", when(due.contact_by)}, {"resolve_by", when(due.resolve_by)}});
  }
  if (due.resolve_by)
    return catalog.format("receipt.promise.resolve", {{"resolve_by", when(due.resolve_by)}});
  return catalog.text("receipt.promise.none");
}

namespace {

// ---------------------------------------------------------------- block helpers

ReceiptBlock text(std::string line, TextSize size = TextSize::normal, TextAlign align = TextAlign::left,
                  TextWeight weight = TextWeight::regular) {
  return ReceiptBlock{BlockKind::text, std::move(line), size, align, weight};
}
ReceiptBlock rule() {
  return ReceiptBlock{BlockKind::rule, {}, TextSize::normal, TextAlign::left, TextWeight::regular};
}
ReceiptBlock space() {
  return ReceiptBlock{BlockKind::space, {}, TextSize::normal, TextAlign::left, TextWeight::regular};
}
ReceiptBlock qr(std::string payload) {
  return ReceiptBlock{BlockKind::qr, std::move(payload), TextSize::normal, TextAlign::centre,
                      TextWeight::regular};
}

// "label：value" with the catalog's separator (full-width colon in Chinese).
ReceiptBlock field(const Catalog& catalog, const std::string& label_key, const std::string& value) {
  return text(catalog.format("receipt.field", {{"label", catalog.text(label_key)}, {"value", value}}));
}

const std::string& organisation_name(const Config& config, const std::string& language) {
  return language == "en" ? config.site.name_en : config.site.name_zh;
}

// `secondary`: the title again in the other language, under it (customer copy only).
void add_header(std::vector<ReceiptBlock>& blocks, const ReceiptSources& sources, const Catalog& catalog,
                const std::string& title, const std::string& secondary = {}) {
  blocks.push_back(text(title, TextSize::large, TextAlign::centre, TextWeight::bold));
  if (!secondary.empty()) blocks.push_back(text(secondary, TextSize::normal, TextAlign::centre));
  blocks.push_back(text(organisation_name(sources.config, catalog.language()), TextSize::normal,
                        TextAlign::centre, TextWeight::bold));
  const SiteConfig& site = sources.config.site;
  std::string station = catalog.format("receipt.station", {{"site", site.code}, {"kiosk", site.kiosk_id}});
  if (!site.location.empty()) station += " · " + site.location;
  blocks.push_back(text(station, TextSize::small, TextAlign::centre));
  blocks.push_back(rule());
}

std::string label_of(const TaxonomyEntry* entry, const std::string& id, const std::string& language) {
  return entry != nullptr ? entry->label(language) : id;
}

// ---------------------------------------------------------------- customer copy

// "咨询受理回执" over "Inquiry Receipt" (and the other way round on an English receipt),
// named by the taxonomy's labels of the ticket's kind; a kind the taxonomy lacks keeps the
// generic title.
void add_customer_header(std::vector<ReceiptBlock>& blocks, const Ticket& ticket,
                         const ReceiptSources& sources) {
  const Catalog& catalog = sources.catalog;
  const TaxonomyEntry* kind = sources.taxonomy.kind(ticket.kind);
  if (kind == nullptr) {
    add_header(blocks, sources, catalog, catalog.text("receipt.title.primary"),
               catalog.text("receipt.title.secondary"));
    return;
  }
  const std::string other_language = catalog.language() == "en" ? "zh-CN" : "en";
  add_header(blocks, sources, catalog,
             catalog.format("receipt.title.kind", {{"kind", kind->label(catalog.language())}}),
             catalog.format("receipt.title.kind_secondary", {{"kind", kind->label(other_language)}}));
}

ReceiptCopy customer_copy(const Ticket& ticket, const std::string& tracking_url,
                          const ReceiptSources& sources, const std::optional<ReprintStatus>& reprint) {
  const Catalog& catalog = sources.catalog;
  const std::string& language = catalog.language();
  ReceiptCopy copy{CopyKind::customer, {}};
  auto& blocks = copy.blocks;
  add_customer_header(blocks, ticket, sources);
  blocks.push_back(text(catalog.text("receipt.label.number"), TextSize::small, TextAlign::centre));
  blocks.push_back(text(ticket.number, TextSize::huge, TextAlign::centre, TextWeight::bold));
  // The short code a customer types at the kiosk with the phone's last 4 digits (issue 12).
  if (!ticket.check_code.empty()) {
    blocks.push_back(text(catalog.text("receipt.label.check_code"), TextSize::small, TextAlign::centre));
    blocks.push_back(
        text(format_check_code(ticket.check_code), TextSize::huge, TextAlign::centre, TextWeight::bold));
    blocks.push_back(text(catalog.text("receipt.check_code_hint"), TextSize::small, TextAlign::centre));
  }
  blocks.push_back(rule());
  blocks.push_back(
      field(catalog, "receipt.label.accepted", format_accepted_at(ticket.filed_at, sources.zone, catalog)));
  const std::string kind = label_of(sources.taxonomy.kind(ticket.kind), ticket.kind, language);
  // The customer's topic in their words where they chose one, else the category.
  const TaxonomyTopic* topic = sources.taxonomy.topic(ticket.topic);
  const std::string category =
      topic != nullptr ? topic->label(language)
                       : label_of(sources.taxonomy.category(ticket.category), ticket.category, language);
  blocks.push_back(field(catalog, "receipt.label.kind", kind + " · " + category));
  if (reprint) {
    const std::string as_of = catalog.format(
        "receipt.date.short", local_parts(reprint->as_of, sources.zone, catalog, MidnightAs::start_of_day));
    const std::string status = catalog.text(std::string("status.") + to_string(ticket.status));
    blocks.push_back(field(catalog, "receipt.label.status_now",
                           catalog.format("receipt.status_now", {{"status", status}, {"as_of", as_of}})));
  }
  // Confidentiality (docs/DOMAIN.md §6): masked identity only, and never the complaint text.
  if (ticket.anonymous || (ticket.customer_name.empty() && ticket.phone.empty())) {
    blocks.push_back(field(catalog, "receipt.label.customer", catalog.text("receipt.anonymous")));
  } else {
    if (!ticket.customer_name.empty())
      blocks.push_back(field(catalog, "receipt.label.name", mask_name(ticket.customer_name)));
    if (!ticket.phone.empty())
      blocks.push_back(field(catalog, "receipt.label.phone", mask_phone(ticket.phone)));
  }
  blocks.push_back(rule());
  blocks.push_back(text(promise_line(ticket, sources.zone, catalog, sources.now), TextSize::normal,
                        TextAlign::left, TextWeight::bold));
  blocks.push_back(rule());
  blocks.push_back(text(catalog.text("receipt.scan"), TextSize::normal, TextAlign::centre));
  blocks.push_back(qr(tracking_url));
  // The URL under the code, without the scheme, for a customer who cannot scan.
  const std::size_t scheme = tracking_url.find("://");
  const std::string short_url = scheme == std::string::npos ? tracking_url : tracking_url.substr(scheme + 3);
  blocks.push_back(text(short_url, TextSize::small, TextAlign::centre));
  if (!sources.config.site.hotline.empty()) {
    blocks.push_back(text(catalog.format("receipt.hotline", {{"hotline", sources.config.site.hotline}}),
                          TextSize::normal, TextAlign::centre));
  }
  blocks.push_back(rule());
  blocks.push_back(text(catalog.text("receipt.confidential"), TextSize::small, TextAlign::left));
  blocks.push_back(space());
  return copy;
}

// ---------------------------------------------------------------- staff copy

ReceiptCopy staff_copy(const Ticket& ticket, const ReceiptSources& sources) {
  const Catalog& catalog = sources.staff_catalog;
  const std::string& language = catalog.language();
  ReceiptCopy copy{CopyKind::staff, {}};
  auto& blocks = copy.blocks;
  add_header(blocks, sources, catalog, catalog.text("receipt.staff.title"));
  blocks.push_back(text(ticket.number, TextSize::large, TextAlign::centre, TextWeight::bold));
  blocks.push_back(rule());
  auto add = [&](const char* label, const std::string& value) {
    if (!value.empty()) blocks.push_back(field(catalog, std::string("receipt.staff.") + label, value));
  };
  add("accepted", format_accepted_at(ticket.filed_at, sources.zone, catalog));
  add("kind", label_of(sources.taxonomy.kind(ticket.kind), ticket.kind, language));
  add("channel", label_of(sources.taxonomy.channel(ticket.channel), ticket.channel, language));
  add("category", label_of(sources.taxonomy.category(ticket.category), ticket.category, language));
  add("severity", catalog.text(std::string("receipt.severity.") + to_string(ticket.severity)));
  if (ticket.major) add("major", catalog.text("receipt.staff.yes"));
  add("name", ticket.anonymous ? catalog.text("receipt.anonymous") : ticket.customer_name);
  add("phone", ticket.phone);
  add("address", ticket.address);
  add("recorded_by", ticket.recorded_by);
  blocks.push_back(rule());
  add("content", ticket.content);
  add("request", ticket.desired_outcome);
  add("staff_involved", ticket.staff_involved);
  blocks.push_back(rule());
  const Deadlines& due = ticket.deadlines;
  for (const auto& [label, at] :
       {std::pair{"forward_by", due.forward_by}, std::pair{"contact_by", due.contact_by},
        std::pair{"answer_by", due.answer_by}, std::pair{"resolve_by", due.resolve_by}}) {
    if (at) add(label, format_deadline(*at, sources.zone, catalog));
  }
  blocks.push_back(rule());
  for (const char* line : {"receipt.staff.handler", "receipt.staff.supervisor"}) {
    blocks.push_back(space());
    blocks.push_back(text(catalog.text(line)));
  }
  blocks.push_back(space());
  return copy;
}

}  // namespace

ReceiptLayout build_receipt(const Ticket& ticket, const std::string& tracking_url,
                            const ReceiptSources& sources, StaffCopy with_staff_copy,
                            const std::optional<ReprintStatus>& reprint) {
  ReceiptLayout layout{sources.catalog.language(), ticket.number, tracking_url, {}};
  layout.copies.push_back(customer_copy(ticket, tracking_url, sources, reprint));
  if (with_staff_copy == StaffCopy::include) layout.copies.push_back(staff_copy(ticket, sources));
  return layout;
}

// ---------------------------------------------------------------- test page

ReceiptLayout build_test_receipt(const ReceiptSources& sources, Instant now, const std::string& url) {
  const Catalog& catalog = sources.catalog;
  ReceiptLayout layout{catalog.language(), {}, url, {}};
  ReceiptCopy copy{CopyKind::test, {}};
  add_header(copy.blocks, sources, catalog, catalog.text("receipt.test.title"));
  copy.blocks.push_back(
      field(catalog, "receipt.test.printed_at", format_accepted_at(now, sources.zone, catalog)));
  copy.blocks.push_back(text(catalog.text("receipt.test.body")));
  copy.blocks.push_back(qr(url));
  copy.blocks.push_back(text(url, TextSize::small, TextAlign::centre));
  copy.blocks.push_back(
      text(catalog.text("receipt.test.sample"), TextSize::huge, TextAlign::centre, TextWeight::bold));
  copy.blocks.push_back(rule());
  copy.blocks.push_back(space());
  layout.copies.push_back(std::move(copy));
  return layout;
}

std::string plain_text(const ReceiptCopy& copy) {
  std::string out;
  for (const ReceiptBlock& block : copy.blocks) {
    if (block.kind == BlockKind::text || block.kind == BlockKind::qr) out += block.text + "\n";
  }
  return out;
}

}  // namespace complaint
