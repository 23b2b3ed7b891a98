// Escalation of docs/DOMAIN.md §4 with the built-in taxonomy and config: major by category, channel
// and trigger words (in content and desired outcome), severity, repeat, group, confidential.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/config/config.h"
#include "core/escalation/escalation.h"

namespace complaint {
namespace {

class EscalationTest : public ::testing::Test {
 protected:
  static Ticket complaint(std::string category = "service_attitude", std::string channel = "kiosk") {
    Ticket t;
    t.kind = "complaint";
    t.channel = std::move(channel);
    t.category = std::move(category);
    t.content = "柜员态度冷漠，排队很久";
    t.customer_name = "张三";
    t.phone = "13800138000";
    return t;
  }
  EscalationOutcome evaluate(const Ticket& ticket, const EscalationFacts& facts = {}) const {
    return evaluate_escalation(ticket, m_taxonomy, m_config.escalation, facts);
  }

  Taxonomy m_taxonomy = Taxonomy::defaults();
  Config m_config = Config::defaults();
};

TEST_F(EscalationTest, OrdinaryComplaintIsNotEscalated) {
  const EscalationOutcome out = evaluate(complaint());
  EXPECT_FALSE(out.major);
  EXPECT_TRUE(out.major_reasons.empty());
  EXPECT_EQ(out.severity, Severity::general);
  EXPECT_TRUE(out.repeat_of.empty());
  EXPECT_FALSE(out.confidential);
}

TEST_F(EscalationTest, SeverityOfAnOrdinaryTicketIsTheCategoryDefault) {
  EXPECT_EQ(evaluate(complaint("not_our_responsibility")).severity, Severity::light);
  EXPECT_EQ(evaluate(complaint("product")).severity, Severity::general);
}

TEST_F(EscalationTest, MajorCategories) {
  for (const char* category : {"rule_violation", "financial_crime"}) {
    const EscalationOutcome out = evaluate(complaint(category));
    EXPECT_TRUE(out.major) << category;
    EXPECT_EQ(out.severity, Severity::major) << category;
    EXPECT_EQ(out.major_reasons, std::vector<std::string>{std::string("category:") + category});
  }
}

TEST_F(EscalationTest, MajorChannels) {
  for (const char* channel : {"media", "referral_government"}) {
    const EscalationOutcome out = evaluate(complaint("service_attitude", channel));
    EXPECT_TRUE(out.major) << channel;
    EXPECT_EQ(out.severity, Severity::major) << channel;
    EXPECT_EQ(out.major_reasons, std::vector<std::string>{std::string("channel:") + channel});
  }
  EXPECT_FALSE(evaluate(complaint("service_attitude", "referral_upper")).major);
}

TEST_F(EscalationTest, TriggerWordsInContentAndDesiredOutcome) {
  Ticket t = complaint();
  t.content = "再不解决我就找记者曝光";
  EscalationOutcome out = evaluate(t);
  EXPECT_TRUE(out.major);
  EXPECT_EQ(out.severity, Severity::major);
  // Reported in configured order (曝光 precedes 记者 in the default list), each once.
  EXPECT_EQ(out.major_reasons, (std::vector<std::string>{"word:曝光", "word:记者"}));

  t = complaint();
  t.desired_outcome = "要求赔偿损失";
  out = evaluate(t);
  EXPECT_EQ(out.major_reasons, std::vector<std::string>{"word:赔偿"});

  t = complaint();
  t.content = "已拨打12315投诉";
  EXPECT_EQ(evaluate(t).major_reasons, std::vector<std::string>{"word:12315"});
}

// "不需要赔偿" waives compensation: a negation just before the word (within two characters, in
// the same clause) keeps it from counting; any other occurrence still counts.
TEST_F(EscalationTest, ANegatedTriggerWordDoesNotCount) {
  for (const char* waived : {"不需要赔偿，只要道歉", "我们不要赔偿", "无需赔偿", "不需要你们赔偿",
                             "我不要求赔偿", "不用赔偿。", "不想找媒体，希望尽快处理"}) {
    Ticket t = complaint();
    t.content = waived;
    EXPECT_FALSE(evaluate(t).major) << waived;
    t.content = "柜员态度冷漠";
    t.desired_outcome = waived;
    EXPECT_FALSE(evaluate(t).major) << "desired outcome: " << waived;
  }
  for (const auto& [claimed, word] : std::vector<std::pair<const char*, const char*>>{
           {"不赔偿就起诉", "word:起诉"},                  // 不 alone is no waiver, and 起诉 is plain
           {"不需要道歉，我要赔偿", "word:赔偿"},          // the negation is in another clause
           {"不需要赔偿，但要求赔偿交通费", "word:赔偿"},  // one plain occurrence is enough
           {"不想再拖了我要找媒体", "word:媒体"},          // too far from the negation
           {"如果不解决，不需要赔偿也要找记者", "word:记者"}}) {
    Ticket t = complaint();
    t.content = claimed;
    const EscalationOutcome out = evaluate(t);
    EXPECT_TRUE(out.major) << claimed;
    EXPECT_NE(std::find(out.major_reasons.begin(), out.major_reasons.end(), word), out.major_reasons.end())
        << claimed;
  }
  // "不赔偿就起诉": 赔偿 itself is claimed (不 alone is not a configured negation).
  Ticket t = complaint();
  t.content = "不赔偿就起诉";
  EXPECT_EQ(evaluate(t).major_reasons, (std::vector<std::string>{"word:起诉", "word:赔偿"}));
  // The list is configuration: without negations the old matching returns.
  EscalationPolicy policy = m_config.escalation;
  policy.trigger_negations.clear();
  t.content = "不需要赔偿";
  EXPECT_EQ(evaluate_escalation(t, m_taxonomy, policy, {}).major_reasons,
            std::vector<std::string>{"word:赔偿"});
}

TEST_F(EscalationTest, PartOfAWordDoesNotTrigger) {
  Ticket t = complaint();
  t.content = "媒介宣传与实际不符，律";  // 媒 without 体; 律 without 师
  EXPECT_FALSE(evaluate(t).major);
}

TEST_F(EscalationTest, AllReasonsInOrderAndWordsConfiguredTwiceOnce) {
  Ticket t = complaint("rule_violation", "media");
  t.content = "我要去法院起诉";
  EscalationPolicy policy = m_config.escalation;
  policy.trigger_words.push_back("起诉");
  policy.trigger_words.push_back("");  // an empty word must never match everything
  const EscalationOutcome out = evaluate_escalation(t, m_taxonomy, policy, {});
  EXPECT_EQ(out.major_reasons,
            (std::vector<std::string>{"category:rule_violation", "channel:media", "word:起诉", "word:法院"}));
}

TEST_F(EscalationTest, CustomTriggerWordsReplaceTheDefaults) {
  EscalationPolicy policy;
  policy.trigger_words = {"投诉到底"};
  Ticket t = complaint();
  t.content = "我要投诉到底，找媒体";
  const EscalationOutcome out = evaluate_escalation(t, m_taxonomy, policy, {});
  EXPECT_EQ(out.major_reasons, std::vector<std::string>{"word:投诉到底"});
}

TEST_F(EscalationTest, RepeatPrefersTheNumberTheCustomerQuoted) {
  Ticket t = complaint();
  EscalationFacts facts;
  facts.earlier_same_phone_category = "WH01-K1-20261101-0001-X";
  EXPECT_EQ(evaluate(t, facts).repeat_of, "WH01-K1-20261101-0001-X");
  t.repeat_of = "WH01-K1-20261001-0009-Y";
  EXPECT_EQ(evaluate(t, facts).repeat_of, "WH01-K1-20261001-0009-Y");
}

TEST_F(EscalationTest, RepeatByPhoneNeedsANamedCustomerWithAPhone) {
  EscalationFacts facts;
  facts.earlier_same_phone_category = "WH01-K1-20261101-0001-X";
  Ticket anonymous = complaint();
  anonymous.anonymous = true;
  EXPECT_TRUE(evaluate(anonymous, facts).repeat_of.empty());
  Ticket no_phone = complaint();
  no_phone.phone.clear();
  EXPECT_TRUE(evaluate(no_phone, facts).repeat_of.empty());
  // A repeat does not by itself make a ticket major.
  EXPECT_FALSE(evaluate(complaint(), facts).major);
}

TEST_F(EscalationTest, ReportsAndFinancialCrimeAreConfidential) {
  Ticket report = complaint();
  report.kind = "report";
  EscalationOutcome out = evaluate(report);
  EXPECT_TRUE(out.confidential);
  EXPECT_FALSE(out.major);  // confidential is not major by itself

  out = evaluate(complaint("financial_crime"));
  EXPECT_TRUE(out.confidential);
  EXPECT_TRUE(out.major);
  EXPECT_FALSE(evaluate(complaint("rule_violation")).confidential);
}

}  // namespace
}  // namespace complaint
