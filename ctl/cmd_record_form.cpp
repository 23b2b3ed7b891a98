// complaintctl record-form NUMBER [--form record|transfer] [--lang zh-CN|en] -o FILE: a
// complaint's printed record form (客户投诉记录表) or transfer form (转办单) as an A4 PDF, the same
// document the console's ticket page offers (core/reports/record_form.h), on a SQLite file or
// a PostgreSQL desk. The operator's authority: every department, confidential tickets too.
#include "core/base/replace_file.h"
#include "core/desk_state/departments.h"
#include "core/domain/ticket_number.h"
#include "core/i18n/catalog.h"
#include "core/reports/record_form.h"
#include "ctl/commands.h"
#include "drivers/report_pdf/record_form_pdf.h"

namespace complaint::ctl {
namespace {

// On a desk's database with its attachments and department names; on a kiosk's file (no
// desk tables) the record alone.
Result<FormInput> load_form_input(CtlContext& context, const std::string& number,
                                  const std::string& language) {
  FormInput input;
  TRY_ASSIGN(input.ticket, find_ticket(context, number));
  TRY_ASSIGN(TicketRepository* const tickets, context.tickets());
  TRY_ASSIGN(input.events, tickets->events(number));
  TRY_ASSIGN(DeskStores* const stores, context.desk_stores());
  if (stores != nullptr) {
    TRY_ASSIGN(input.attachments, stores->attachments().attachments(number));
    DepartmentList departments(stores->state());
    TRY_ASSIGN(input.departments, departments.all());
  }
  input.organisation = language == "en" ? context.config().site.name_en : context.config().site.name_zh;
  input.now = context.clock().now();
  return input;
}

}  // namespace

int cmd_record_form(CtlContext& context, Args args) {
  auto form = take_option(args, "--form");
  auto language = take_option(args, "--lang");
  auto output = take_option(args, "-o");
  for (auto* option : {&form, &language, &output}) {
    if (!option->ok()) return report_error(option->error());
  }
  if (args.size() != 1) return report_error(usage_error("record-form takes one ticket number"));
  if (!output->has_value() || (*output)->empty())
    return report_error(usage_error("record-form needs -o FILE for the PDF"));
  const std::optional<FormKind> kind = form_kind_from_string(form->value_or("record"));
  if (!kind) {
    return report_error(Error::invalid("form", "error.form.unknown", "--form is record or transfer"));
  }
  auto number = normalize_ticket_number(args[0]);
  if (!number.ok()) return report_error(number.error());
  const std::string lang = language->value_or("zh-CN");
  auto catalog = Catalog::load(assets_dir() + "/i18n", lang);
  if (!catalog.ok()) return report_error(catalog.error());
  auto input = load_form_input(context, *number, lang);
  if (!input.ok()) return report_error(input.error());
  auto pdf =
      record_form_pdf(printed_form(*kind, *input, *catalog, context.taxonomy(), context.calendar().zone()));
  if (!pdf.ok()) return report_error(pdf.error());
  const auto written = replace_file(**output, *pdf);
  if (!written.ok()) return report_error(written.error());
  return kExitOk;
}

}  // namespace complaint::ctl
