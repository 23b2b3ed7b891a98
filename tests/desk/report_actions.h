// ReportActions: the workflow requests the reports' constructed histories are made of (the
// constructed month of monthly_report_store_test and report_bench's template month), spelled
// once so that both walk the same paths with the same record fields.
#pragma once

#include "core/workflow/workflow.h"

namespace complaint::testing {

struct ReportActions {
  static ActionRequest simple(Action action, Role role) {
    ActionRequest r;
    r.action = action;
    r.role = role;
    return r;
  }
  static ActionRequest forward(const char* department, Role role = Role::dispatcher) {
    ActionRequest r = simple(Action::forward, role);
    r.department = department;
    return r;
  }
  // Substantiated; 营业部 / 王五 responsible: a record that archiving and assessment accept.
  static ActionRequest record() {
    ActionRequest r = simple(Action::record, Role::handler);
    r.verification = "属实，柜员未按规定解释。";
    r.handling_opinion = "批评教育，加强培训。";
    r.substantiated = Substantiated::substantiated;
    r.responsible_department = "营业部";
    r.responsible_person = "王五";
    return r;
  }
  static ActionRequest reply() {
    ActionRequest r = simple(Action::reply, Role::handler);
    r.handling_result = "已向客户致歉并说明。";
    return r;
  }
  // The customer's own rating (customer_rating) where `role` is the customer: it stands for
  // the callback only where [policy] customer_rating_suffices says so.
  static ActionRequest callback(Satisfaction satisfaction, Role role = Role::dispatcher) {
    ActionRequest r = simple(role == Role::customer ? Action::customer_rating : Action::callback, role);
    r.satisfaction = satisfaction;
    return r;
  }
  static ActionRequest withdraw(bool voluntary) {
    ActionRequest r = simple(Action::withdraw, Role::dispatcher);
    r.voluntary = voluntary;
    return r;
  }
};

}  // namespace complaint::testing
