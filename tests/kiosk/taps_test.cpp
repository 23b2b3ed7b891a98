// Taps to file the reference complaint (issue 12: a complaint with one quick phrase and a phone
// number in at most 25 taps; the counts are kept in docs/BENCHMARKS.md "Taps to file"). Each
// test drives the real kiosk the shortest way a customer would and counts every tap on the
// screen; the filed ticket is then read back from the database, so a path that skipped a
// required step cannot pass.
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

// The reference complaint, typed word by word by its pinyin.
struct Word {
  const char* pinyin;  // empty: `text` is one key of the pinyin layout (kb.<key id>)
  const char* text;
};
const std::vector<Word> kReference = {{"guitai", "柜台"}, {"paidui", "排队"}, {"taijiu", "太久"},
                                      {"", "sym.comma"},  {"fuwu", "服务"},   {"taidu", "态度"},
                                      {"buhao", "不好"}};
constexpr const char* kReferenceText = "柜台排队太久，服务态度不好";

class TapCounter {
 public:
  explicit TapCounter(KioskProcess& kiosk) : m_kiosk(kiosk) {}
  void tap(const std::string& id) {
    m_kiosk.tap(id);
    ++m_taps;
  }
  void keys(const std::string& letters) {
    for (char c : letters) tap(std::string("kb.") + c);
  }
  // Taps `word` in the candidate bar, paging on while it is not shown (each page a tap).
  bool choose(const std::string& word) {
    for (int page = 0; page < 4; ++page) {
      const std::vector<std::string> bar = candidate_bar(m_kiosk);
      for (std::size_t i = 0; i < bar.size(); ++i) {
        if (bar[i] == word) {
          tap("kb.cand." + std::to_string(i));
          return true;
        }
      }
      if (!m_kiosk.widget("kb.page.next")) return false;
      tap("kb.page.next");
    }
    return false;
  }
  int taps() const { return m_taps; }

 private:
  KioskProcess& m_kiosk;
  int m_taps = 0;
};

// Welcome to the details screen: the kind, then the topic (态度不好, filed as 服务态度).
void to_details(TapCounter& taps, KioskProcess& kiosk) {
  taps.tap("welcome.complaint");
  taps.tap("topic.rude_staff");
  ASSERT_EQ(kiosk.screen(), "details");
}

// Details to done: one outcome, the phone number on its keypad, consent, submit.
void details_to_done(TapCounter& taps, KioskProcess& kiosk) {
  taps.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "outcome");
  taps.tap("outcome.choice.0");
  taps.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  if (!kiosk.widget("contact.phone")->value("focused", false)) taps.tap("contact.phone");
  taps.keys("13800138000");
  taps.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "consent");
  taps.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "review");
  taps.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "done");
}

TEST(KioskTaps, AQuickPhraseAndAPhoneNumberTakeAtMost25Taps) {
  KioskProcess kiosk;
  TapCounter taps(kiosk);
  to_details(taps, kiosk);
  const std::string phrase = kiosk.widget("details.phrase.0")->value("text", "");
  ASSERT_FALSE(phrase.empty());
  taps.tap("details.phrase.0");
  details_to_done(taps, kiosk);
  const std::vector<Ticket> tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].content, phrase);
  EXPECT_EQ(tickets[0].phone, "13800138000");
  std::printf("taps to file by quick phrase: %d\n", taps.taps());
  EXPECT_LE(taps.taps(), 25);
}

TEST(KioskTaps, TheReferenceComplaintByPinyinIsCounted) {
  KioskProcess kiosk;
  TapCounter taps(kiosk);
  to_details(taps, kiosk);
  int text_taps = taps.taps();
  for (const Word& word : kReference) {
    if (std::string(word.pinyin).empty()) {
      taps.tap(std::string("kb.") + word.text);
      continue;
    }
    taps.keys(word.pinyin);
    ASSERT_TRUE(taps.choose(word.text)) << word.text << " is not offered for " << word.pinyin;
  }
  text_taps = taps.taps() - text_taps;
  ASSERT_EQ(kiosk.widget("details.text")->value("text", ""), kReferenceText);
  details_to_done(taps, kiosk);
  const std::vector<Ticket> tickets = kiosk.tickets();
  ASSERT_EQ(tickets.size(), 1U);
  EXPECT_EQ(tickets[0].content, kReferenceText);
  std::printf("taps to file the reference complaint (%s) by pinyin: %d, of which the text %d\n",
              kReferenceText, taps.taps(), text_taps);
}

}  // namespace
}  // namespace complaint::test
