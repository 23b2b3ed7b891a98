// The printed forms of one complaint (issue 15), as text laid out in blocks for a renderer
// (drivers/report_pdf/record_form_pdf.h):
// - the record form (客户投诉记录表, seed 000's appendix): every field of the record, each
//   deadline with whether it was met, the attachments, the audit trail as sentences
//   (event_sentence.h), and signature lines for 经办人 and 主管领导;
// - the transfer form (转办单): what the department was sent and what its reply returned
//   (cause and findings, action on the people responsible, lessons and corrective measures,
//   the customer's view, time, handler and phone: the reply event's data, workflow.h).
// Internal documents: they carry the complaint's text and the customer's name, so only staff
// who may see the ticket get them (the console's scope, complaintctl's operator). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/attachments/attachment_store.h"
#include "core/calendar/time_zone.h"
#include "core/desk_state/desk_state_store.h"
#include "core/domain/taxonomy.h"
#include "core/domain/ticket.h"
#include "core/i18n/catalog.h"

namespace complaint {

// One ruled table: with `columns`, a head row and rows of that many cells; without, rows of
// a label and its value (the paper form's 栏目).
struct FormBlock {
  std::string title;
  std::vector<std::string> columns;
  std::vector<double> widths;  // the columns' shares of the width (sum 1); empty: even
  std::vector<std::vector<std::string>> rows;
};

struct PrintedForm {
  std::string title;         // 客户投诉记录表 / 客户投诉转办单
  std::string organisation;  // the site's name
  std::string number;        // "编号：WH01-…"
  std::string generated;     // "打印时间：2026-12-05 14:00"
  std::string page_label;    // with {page} and {pages} left in
  std::vector<FormBlock> blocks;
  // Signature lines at the foot: "经办人（签字）：", the name on record (may be empty), and the
  // date's label ("日期：").
  struct Signature {
    std::string label, recorded;
  };
  std::vector<Signature> signatures;
  std::string date_label;
};

enum class FormKind { record, transfer };
// "record" / "transfer"; nullopt for anything else.
std::optional<FormKind> form_kind_from_string(std::string_view text);

struct FormInput {
  Ticket ticket;
  std::vector<TicketEvent> events;
  std::vector<AttachmentInfo> attachments;
  std::vector<Department> departments;
  std::string organisation;
  Instant now{};  // the deadlines' outcomes are as of now, and the print time
};

PrintedForm printed_form(FormKind kind, const FormInput& input, const Catalog& catalog,
                         const Taxonomy& taxonomy, const TimeZone& zone);

}  // namespace complaint
