// A ticket with every field away from its default and texts that need escaping (quotes,
// commas, a newline), for the round-trip tests of the field table and the stores. The number
// is left empty: callers that need one set it.
#pragma once

#include <string>

#include "core/domain/ticket.h"

namespace complaint {

inline Ticket filled_ticket(Instant filed, const std::string& token) {
  using namespace std::chrono_literals;
  Ticket t;
  t.tracking_token = token;
  t.kind = "complaint";
  t.channel = "walk_in";
  t.category = "rule_violation";
  t.topic = "overcharged";
  t.severity = Severity::major;
  t.content = "柜员违规收费，\"引号\"，逗号, 换行\n第二行";
  t.desired_outcome = "退还费用";
  t.customer_name = "张三";
  t.phone = "13800138000";
  t.address = "3栋2单元501";
  t.language = "en";
  t.site_code = "WH01";
  t.kiosk_id = "K1";
  t.filed_at = filed;
  t.recorded_at = filed + 5min;
  t.staff_involved = "柜员李四";
  t.recorded_by = "王五";
  t.major = true;
  t.major_notified = true;
  t.major_reasons = {"category:rule_violation", "word:媒体"};
  t.repeat_of = "WH01-K1-20261101-0001-X";
  t.group = true;
  t.anonymous = false;
  t.status = Status::replied;
  t.deadlines = {filed + 1h, filed + 24h, filed + 48h, filed + 25h, filed + 96h, filed + 72h};
  t.department = "营业部";
  t.verification = "属实";
  t.handling_opinion = "退费并道歉";
  t.handling_result = "已退费";
  t.callback_note = "客户满意";
  t.satisfaction = Satisfaction::basically_satisfied;
  t.handler = "赵六";
  t.supervisor = "钱七";
  t.first_contact_at = filed + 2h;
  t.replied_at = filed + 30h;
  t.withdrawn_at = filed + 40h;
  t.withdrawn_voluntarily = false;
  t.resolved_on_the_spot = true;
  t.reopen_count = 2;
  t.substantiated = Substantiated::partly;
  t.responsible_department = "营业部";
  t.responsible_person = "王五";
  t.legal_hold = true;
  t.customer_email = "zhao@example.com";
  t.notify_customer = true;
  t.extension_reason = "complex_case";
  t.resolve_by_original = filed + 47h;
  t.extension_requested_until = filed + 120h;
  t.extension_requested_reason = "awaiting_third_party";
  t.extension_requested_by = "赵六";
  t.referrer_deadline = filed + 46h;
  t.escalation = Escalation::executive;
  t.investigation = Investigation::open;
  t.group_id = "WH01-K1-20261120-0001-E";
  t.check_code = "K7M4PX";
  return t;
}

}  // namespace complaint
