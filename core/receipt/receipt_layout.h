// ReceiptLayout: the receipt as a drawing-library-free list of blocks, titled by the ticket's
// kind (投诉受理回执, 咨询受理回执, 建议受理回执, 举报受理回执), built from the stored ticket, the
// config, the taxonomy and the customer's catalog.
// Invariants: the customer copy never holds the complaint text or an unmasked name or
// phone; its QR payload is the tracking URL exactly; every text comes from the catalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar/time_zone.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"
#include "core/i18n/catalog.h"

namespace complaint {

enum class BlockKind { text, rule, qr, space };
enum class TextSize { small, normal, large, huge };
enum class TextAlign { left, centre };
enum class TextWeight { regular, bold };

struct ReceiptBlock {
  BlockKind kind = BlockKind::text;
  std::string text;  // text: the line (wrapped by the renderer); qr: the payload
  TextSize size = TextSize::normal;
  TextAlign align = TextAlign::left;
  TextWeight weight = TextWeight::regular;
};

enum class CopyKind { customer, staff, test };

// One cut-off piece of paper (one PDF page).
struct ReceiptCopy {
  CopyKind kind = CopyKind::customer;
  std::vector<ReceiptBlock> blocks;
};

struct ReceiptLayout {
  std::string language;  // the customer's: "zh-CN" or "en"
  std::string number;    // empty for a test page
  std::string tracking_url;
  std::vector<ReceiptCopy> copies;
};

// What the layout reads besides the ticket. The staff copy is in `staff_catalog`'s language.
struct ReceiptSources {
  const Config& config;
  const Taxonomy& taxonomy;
  const TimeZone& zone;
  const Catalog& catalog;
  const Catalog& staff_catalog;
  // When the receipt is made (the caller's Clock): the promise's "还有3天 / 3 days left".
  Instant now{};
};

enum class StaffCopy { omit, include };

// The first print comes out as the ticket is filed, always 受理 (filed). A reprint also
// shows the ticket's current status as this store knows it (the desk's changes flow back
// by sync), "as of" the latest event on the ticket.
enum class ReceiptPrint { original, reprint };
struct ReprintStatus {
  Instant as_of{};  // the latest event the store holds for the ticket
};

// The customer copy (and the staff copy when asked), for a stored ticket; with `reprint`
// the customer copy also carries the current-status line.
ReceiptLayout build_receipt(const Ticket& ticket, const std::string& tracking_url,
                            const ReceiptSources& sources, StaffCopy staff_copy,
                            const std::optional<ReprintStatus>& reprint = std::nullopt);
// A test page: organisation, time, a QR of `url` and a ruler, for `print-test`.
ReceiptLayout build_test_receipt(const ReceiptSources& sources, Instant now, const std::string& url);

// Date-times as the receipt prints them, in the catalog's language and the site's zone.
// accepted: "2026年11月20日 16:00 星期五"; deadline: "11月21日16:00", and an instant at
// local midnight prints as the previous day's 24:00 (the domain's end of day).
std::string format_accepted_at(Instant at, const TimeZone& zone, const Catalog& catalog);
std::string format_deadline(Instant at, const TimeZone& zone, const Catalog& catalog);
// The customer's promise line from the ticket's actual deadlines (docs/DOMAIN.md §6 公开透明),
// each worded by deadline_phrase as of `now` (core/i18n/deadline_text.h).
std::string promise_line(const Ticket& ticket, const TimeZone& zone, const Catalog& catalog, Instant now);

// Every text of every block joined by newlines: what tests and the fake renderer read.
std::string plain_text(const ReceiptCopy& copy);

}  // namespace complaint
