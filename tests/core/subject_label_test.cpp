// subject_label(): the "kind · category" label the kiosk's review screen and the desk's
// tracking page share, in either language, with unknown ids left out.
#include "core/domain/subject_label.h"

#include <gtest/gtest.h>

namespace complaint {
namespace {

TEST(SubjectLabel, NamesTheKindAndTheCategoryInTheLanguage) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  const SubjectLabel zh = subject_label(taxonomy, "complaint", "service_attitude", "zh-CN");
  EXPECT_EQ(zh.kind, "投诉");
  EXPECT_EQ(zh.category, "服务态度");
  EXPECT_EQ(zh.text(), "投诉 · 服务态度");
  const SubjectLabel en = subject_label(taxonomy, "inquiry", "service_attitude", "en");
  EXPECT_EQ(en.kind, "Inquiry");
  EXPECT_EQ(en.text(), "Inquiry · Service attitude");
}

TEST(SubjectLabel, LeavesOutWhatTheTaxonomyDoesNotKnow) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  const SubjectLabel no_category = subject_label(taxonomy, "complaint", "", "zh-CN");
  EXPECT_EQ(no_category.category, "");
  EXPECT_EQ(no_category.text(), "投诉");
  const SubjectLabel no_kind = subject_label(taxonomy, "no_such_kind", "service_attitude", "en");
  EXPECT_EQ(no_kind.kind, "");
  EXPECT_EQ(no_kind.text(), "Service attitude");
  EXPECT_EQ(subject_label(taxonomy, "nope", "nope", "en").text(), "");
}

// The customer's topic names the matter in their words, even after staff moved the ticket to
// another category; an unknown topic falls back to the category.
TEST(SubjectLabel, PrefersTheCustomersTopicToTheCategory) {
  const Taxonomy taxonomy = Taxonomy::defaults();
  const SubjectLabel zh = subject_label(taxonomy, "complaint", "work_error", "zh-CN", "card_retained");
  EXPECT_EQ(zh.topic, "卡被吞");
  EXPECT_EQ(zh.category, "工作失误");
  EXPECT_EQ(zh.text(), "投诉 · 卡被吞");
  EXPECT_EQ(subject_label(taxonomy, "inquiry", "product", "en", "ask_fees").text(),
            "Inquiry · Fees and charges");
  EXPECT_EQ(subject_label(taxonomy, "complaint", "other", "en", "no_such_topic").text(), "Complaint · Other");
}

}  // namespace
}  // namespace complaint
