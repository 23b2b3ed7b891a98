// Taxonomy::defaults(): the vocabulary of docs/DOMAIN.md §1, built in code so a kiosk without its
// asset files still files tickets. assets/taxonomy.toml is tested to parse to exactly this.
#include <utility>

#include "core/domain/taxonomy.h"

namespace complaint {

namespace {

enum class Flag { complex, major, confidential, staff_only };

TaxonomyEntry entry(std::string id, std::string label_zh, std::string label_en, std::string icon,
                    std::initializer_list<Flag> flags = {}) {
  TaxonomyEntry out;
  out.id = std::move(id);
  out.label_zh = std::move(label_zh);
  out.label_en = std::move(label_en);
  out.icon = std::move(icon);
  for (const Flag flag : flags) {
    switch (flag) {
      case Flag::complex:
        out.complex = true;
        break;
      case Flag::major:
        // Always-major entries start at major severity: escalation may not lower it.
        out.major = true;
        out.default_severity = Severity::major;
        break;
      case Flag::confidential:
        out.confidential = true;
        break;
      case Flag::staff_only:
        out.staff_only = true;
        break;
    }
  }
  return out;
}

TaxonomyEntry with_phrases(TaxonomyEntry e, std::vector<std::string> zh, std::vector<std::string> en) {
  e.quick_phrases_zh = std::move(zh);
  e.quick_phrases_en = std::move(en);
  return e;
}

std::vector<TaxonomyEntry> default_kinds() {
  return {
      entry("complaint", "投诉", "Complaint", "icon-complaint"),
      entry("suggestion", "建议", "Suggestion", "icon-suggestion"),
      entry("inquiry", "咨询", "Inquiry", "icon-inquiry"),
      entry("report", "举报", "Report", "icon-report", {Flag::confidential}),
  };
}

std::vector<TaxonomyEntry> default_channels() {
  return {
      entry("kiosk", "自助终端", "Self-service kiosk", "icon-kiosk"),
      entry("walk_in", "上门", "Walk-in", "icon-walk-in"),
      entry("phone", "电话", "Phone", "icon-phone"),
      entry("hotline", "热线", "Hotline", "icon-hotline"),
      entry("letter", "信件", "Letter", "icon-letter"),
      entry("email", "电子邮件", "Email", "icon-email"),
      entry("opinion_box", "意见簿/意见箱", "Opinion book or box", "icon-opinion-box"),
      entry("media", "媒体", "Media", "icon-media", {Flag::major}),
      entry("referral_upper", "上级转办", "Referred by a higher office", "icon-referral-upper"),
      entry("referral_government", "政府/监管部门转办", "Referred by government or a regulator",
            "icon-referral-government", {Flag::major}),
  };
}

std::vector<TaxonomyEntry> default_categories() {
  TaxonomyEntry not_ours = with_phrases(
      entry("not_our_responsibility", "非公司责任", "Not our responsibility", "icon-not-ours",
            {Flag::staff_only}),
      {"属于第三方责任", "因客户自身原因造成", "不可抗力因素导致"},
      {"A third party is responsible", "Caused by the customer's own action", "Caused by force majeure"});
  // Objective causes are light by definition (docs/DOMAIN.md §1 Severity).
  not_ours.default_severity = Severity::light;
  return {
      with_phrases(entry("service_attitude", "服务态度", "Service attitude", "icon-attitude"),
                   {"工作人员态度冷漠", "排队时间过长无人解释", "说话语气生硬、不耐烦", "推诿不予办理"},
                   {"Staff were cold and indifferent", "Long wait with no explanation",
                    "Staff spoke rudely and impatiently", "Staff refused to help and sent me away"}),
      with_phrases(entry("service_quality", "服务质量", "Service quality", "icon-quality"),
                   {"办理速度太慢", "业务解释不清楚", "承诺的事项没有兑现", "维修后问题依旧"},
                   {"The service was too slow", "The explanation was unclear", "A promise was not kept",
                    "The problem remains after the repair"}),
      with_phrases(entry("work_error", "工作失误", "Work error", "icon-error"),
                   {"个人信息录入错误", "多收了费用", "提交的材料被弄丢", "办错了业务"},
                   {"My details were entered wrongly", "I was overcharged", "My documents were lost",
                    "The wrong transaction was processed"}),
      with_phrases(
          entry("system_failure", "系统故障", "System failure", "icon-system"),
          {"系统故障无法办理", "网上办理失败", "扣款成功但业务未办理", "系统维护时间过长"},
          {"The system was down", "The online transaction failed",
           "I was charged but the service was not done", "The system was under maintenance too long"}),
      with_phrases(entry("internal_coordination", "内部协调", "Internal coordination", "icon-coordination"),
                   {"被多个部门来回推诿", "需要反复提交材料", "各部门说法不一致"},
                   {"I was passed between departments", "I had to submit documents again and again",
                    "Departments gave conflicting answers"}),
      with_phrases(entry("internal_management", "内部管理", "Internal management", "icon-management"),
                   {"营业时间与公示不符", "开放窗口太少", "营业环境卫生差", "公示信息没有及时更新"},
                   {"Opening hours differ from the notice", "Too few counters were open",
                    "The premises were dirty", "Posted information is out of date"}),
      with_phrases(entry("product", "服务产品", "Product", "icon-product", {Flag::complex}),
                   {"产品与宣传不符", "收费标准不清楚", "合同条款不合理", "产品存在质量问题"},
                   {"The product differs from the advertising", "The fees are unclear",
                    "The contract terms are unfair", "The product has a quality defect"}),
      with_phrases(entry("service_channel", "服务渠道", "Service channel", "icon-channel", {Flag::complex}),
                   {"自助设备故障", "手机应用无法使用", "网点排队太久", "热线电话打不通"},
                   {"A self-service machine is out of order", "The mobile app does not work",
                    "The queue at the branch is too long", "I cannot get through to the hotline"}),
      with_phrases(entry("engineering_quality", "工程质量", "Engineering quality", "icon-engineering"),
                   {"安装存在缺陷", "存在安全隐患", "施工后出现漏水", "维修不彻底"},
                   {"The installation is defective", "There is a safety hazard", "It leaks since the works",
                    "The repair was not finished properly"}),
      with_phrases(entry("rule_violation", "违规操作", "Rule violation", "icon-violation",
                         {Flag::complex, Flag::major}),
                   {"工作人员违规收费", "工作人员索要好处费", "未经本人同意办理业务", "泄露个人信息"},
                   {"Staff charged an improper fee", "Staff asked for a kickback",
                    "A transaction was made without my consent", "My personal information was leaked"}),
      with_phrases(entry("financial_crime", "金融犯罪", "Financial crime", "icon-crime",
                         {Flag::major, Flag::confidential}),
                   {"疑似诈骗", "非法集资", "冒用他人身份办理业务", "疑似洗钱"},
                   {"Suspected fraud", "Illegal fund-raising", "Someone used another person's identity",
                    "Suspected money laundering"}),
      with_phrases(entry("other", "其他", "Other", "icon-other"),
                   {"其他问题", "希望尽快回电", "希望书面答复"},
                   {"Another problem", "Please call me back soon", "Please reply in writing"}),
      std::move(not_ours),
  };
}

std::vector<TaxonomyTopic> default_topics() {
  // id, kind, category, label_zh, label_en, icon: the customer's words, per kind.
  return {
      {"long_wait", "complaint", "internal_management", "排队太久", "Waited too long", "icon-long-wait"},
      {"rude_staff", "complaint", "service_attitude", "态度不好", "Rude staff", "icon-rude-staff"},
      {"overcharged", "complaint", "work_error", "多收费/乱收费", "Overcharged", "icon-overcharged"},
      {"card_retained", "complaint", "service_channel", "卡被吞", "Card retained by ATM",
       "icon-card-retained"},
      {"transaction_mistake", "complaint", "work_error", "业务办错", "Mistake in my transaction",
       "icon-transaction-mistake"},
      {"slow_service", "complaint", "service_quality", "办理太慢", "Service too slow", "icon-slow-service"},
      {"broken_equipment", "complaint", "service_channel", "设施故障", "Broken equipment",
       "icon-broken-equipment"},
      {"system_down", "complaint", "system_failure", "系统故障", "System was down", "icon-system-down"},
      {"cleanliness", "complaint", "internal_management", "环境卫生", "Cleanliness", "icon-cleanliness"},
      {"complaint_other", "complaint", "other", "其他", "Something else", "icon-other"},
      {"better_service", "suggestion", "service_quality", "服务改进", "Better service", "icon-idea"},
      {"opening_hours", "suggestion", "internal_management", "营业时间", "Opening hours", "icon-clock"},
      {"more_counters", "suggestion", "internal_management", "多开窗口", "Open more counters",
       "icon-counters"},
      {"premises", "suggestion", "internal_management", "设施与环境", "Premises and facilities",
       "icon-premises"},
      {"products_fees", "suggestion", "product", "产品与收费", "Products and fees", "icon-fees"},
      {"app_online", "suggestion", "service_channel", "手机银行/网上服务", "Mobile app and online",
       "icon-phone-app"},
      {"suggestion_other", "suggestion", "other", "其他", "Something else", "icon-other"},
      {"ask_fees", "inquiry", "product", "收费标准", "Fees and charges", "icon-fees"},
      {"ask_documents", "inquiry", "service_quality", "需要带什么材料", "Documents I need", "icon-documents"},
      {"ask_progress", "inquiry", "service_quality", "办理进度", "Progress of my case", "icon-progress"},
      {"ask_hours", "inquiry", "internal_management", "营业时间", "Opening hours", "icon-clock"},
      {"ask_app", "inquiry", "service_channel", "手机银行怎么用", "Using the mobile app", "icon-phone-app"},
      {"inquiry_other", "inquiry", "other", "其他", "Something else", "icon-other"},
      {"fraud", "report", "financial_crime", "诈骗", "Fraud", "icon-fraud"},
      {"kickback", "report", "rule_violation", "索要好处费", "Staff asked for a kickback", "icon-kickback"},
      {"improper_fee", "report", "rule_violation", "违规收费", "Improper fee", "icon-overcharged"},
      {"data_leak", "report", "rule_violation", "泄露个人信息", "Personal data leaked", "icon-data-leak"},
      {"identity_misuse", "report", "financial_crime", "冒用身份", "Identity misused", "icon-identity"},
      {"report_other", "report", "other", "其他", "Something else", "icon-other"},
  };
}

}  // namespace

Taxonomy Taxonomy::defaults() {
  // Built once: the kiosk asks for it on every screen change.
  static const Taxonomy built = [] {
    Taxonomy taxonomy;
    taxonomy.m_kinds = default_kinds();
    taxonomy.m_channels = default_channels();
    taxonomy.m_categories = default_categories();
    taxonomy.m_topics = default_topics();
    return taxonomy;
  }();
  return built;
}

}  // namespace complaint
