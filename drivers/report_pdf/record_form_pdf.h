// record_form_pdf: a printed form of one complaint (core/reports/record_form.h: the record
// form 客户投诉记录表 or the transfer form 转办单) as an A4 portrait PDF laid out like the paper
// form: the title, NO and print time, each block a ruled table (label cells shaded, long text
// wrapped, a table's heads repeated on each page it spans), the signature lines at the end and
// "page N of M" at each foot. Fonts embedded. Only layout: every text is the form's.
#pragma once

#include <string>

#include "core/base/result.h"
#include "core/reports/record_form.h"

namespace complaint {

Result<std::string> record_form_pdf(const PrintedForm& form,
                                    const std::string& font_family = "Noto Sans CJK SC");

}  // namespace complaint
