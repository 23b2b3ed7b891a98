// The contact screen through the real kiosk (issue 12): the required phone first on a
// telephone keypad (no 换行/Enter, no "."), grouped 138 0013 8000 on the screen and on
// review and stored as digits; a validation error focuses and outlines the field at fault
// and leaves every keyboard as it was (the name's pinyin too); "submit anonymously" is a
// labelled switch, and the consent screen then claims to keep no name or phone.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/config/config.h"
#include "core/i18n/catalog.h"
#include "kiosk/ui/theme.h"
#include "tests/kiosk/kiosk_process.h"

namespace complaint::test {
namespace {

std::string hex(const ui::Colour& c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

std::string text_of(KioskProcess& kiosk, const std::string& id) {
  const auto w = kiosk.widget(id);
  return w ? w->value("text", "") : "<no " + id + ">";
}

bool focused(KioskProcess& kiosk, const std::string& id) {
  const auto w = kiosk.widget(id);
  return w && w->value("focused", false);
}

// The pinyin layout is on screen: its switch to English and its Chinese comma, no shift key.
void expect_pinyin_keyboard(KioskProcess& kiosk, const std::string& where) {
  EXPECT_TRUE(kiosk.widget("kb.layout.english").has_value()) << where;
  EXPECT_TRUE(kiosk.widget("kb.sym.comma").has_value()) << where;
  EXPECT_FALSE(kiosk.widget("kb.shift").has_value()) << where << ": the English keyboard";
  EXPECT_FALSE(kiosk.widget("kb.layout.pinyin").has_value()) << where;
}

Catalog catalog(const std::string& language) {
  auto loaded = Catalog::load(assets_dir() + "/i18n", language);
  EXPECT_TRUE(loaded.ok()) << loaded.error().message;
  return std::move(loaded).value();
}

// What every contact test starts with: a fresh kiosk (the previous one quits) in a language,
// with the deployment's extra config, walked to a screen of the filing flow.
class KioskContact : public ::testing::Test {
 protected:
  KioskProcess& kiosk_at(const std::string& screen, const std::string& language = "zh-CN",
                         const std::string& extra_config = "") {
    m_kiosk.reset();
    KioskOptions options;
    options.extra_config = extra_config;
    m_kiosk = std::make_unique<KioskProcess>(options);
    if (language == "en") m_kiosk->tap("welcome.lang.en");
    walk_to(*m_kiosk, screen);
    return *m_kiosk;
  }

 private:
  std::unique_ptr<KioskProcess> m_kiosk;
};

// Phone first, focused, on a keypad of digits and delete; typed digits show grouped, and
// review shows them so; the ticket holds the digits. In both languages.
TEST_F(KioskContact, PhoneComesFirstOnAKeypadAndReadsGroupedToTheTicket) {
  for (const std::string language : {"zh-CN", "en"}) {
    const Catalog texts = catalog(language);
    KioskProcess& kiosk = kiosk_at("contact", language);
    const auto phone = kiosk.widget("contact.phone");
    const auto name = kiosk.widget("contact.name");
    ASSERT_TRUE(phone && name) << language;
    const auto pr = (*phone)["rect"];
    const auto nr = (*name)["rect"];
    EXPECT_TRUE(pr[1] < nr[1] || (pr[1] == nr[1] && pr[0] < nr[0])) << language << ": phone before name";
    EXPECT_TRUE(focused(kiosk, "contact.phone")) << language << ": the phone has the focus";
    EXPECT_NE((*phone)["secondary"].get<std::string>().find(texts.text("kiosk.contact.phone_placeholder")),
              std::string::npos);
    for (char d = '0'; d <= '9'; ++d) EXPECT_TRUE(kiosk.widget(std::string("kb.") + d)) << language << d;
    EXPECT_TRUE(kiosk.widget("kb.backspace").has_value()) << language;
    EXPECT_FALSE(kiosk.widget("kb.enter").has_value()) << language << ": no Enter key";
    EXPECT_FALSE(kiosk.widget("kb.en.period").has_value()) << language << ": no '.' key";
    EXPECT_FALSE(kiosk.widget("kb.en.hyphen").has_value()) << language << ": no '-' key";
    const std::string shown = kiosk.visible_text();
    EXPECT_EQ(shown.find(texts.text("keyboard.enter") + "\n"), std::string::npos) << language << shown;

    type_keys(kiosk, "1380013800");
    EXPECT_EQ(text_of(kiosk, "contact.phone"), "138 0013 800") << language << ": grouped while typing";
    kiosk.tap("kb.0");
    EXPECT_EQ(text_of(kiosk, "contact.phone"), "138 0013 8000") << language;
    EXPECT_EQ(kiosk.session()["session"]["phone"], "13800138000") << language << ": digits only";
    kiosk.screenshot("contact_phone_grouped_" + language);
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "consent") << language;
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "review") << language;
    EXPECT_NE(text_of(kiosk, "review.contact").find("138 0013 8000"), std::string::npos)
        << language << ": " << text_of(kiosk, "review.contact");
    kiosk.screenshot("review_phone_grouped_" + language);
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "done") << language;
    const auto tickets = kiosk.tickets();
    ASSERT_EQ(tickets.size(), 1U);
    EXPECT_EQ(tickets[0].phone, "13800138000") << language;
  }
}

// A wrong or missing phone: the phone field gets the focus (its keypad shows) and the error
// outline, whatever field the customer was in; fixing it moves on.
TEST_F(KioskContact, AnInvalidPhoneIsFocusedAndOutlined) {
  const std::string danger = hex(ui::Theme::make(ui::Contrast::normal).danger);
  KioskProcess& kiosk = kiosk_at("contact");
  type_keys(kiosk, "12345");
  kiosk.tap("contact.name");
  ASSERT_TRUE(focused(kiosk, "contact.name"));
  const std::string focus_border = kiosk.widget("contact.name")->value("border", "");
  EXPECT_NE(kiosk.widget("contact.phone")->value("border", ""), danger) << "no outline before the check";
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "contact");
  ASSERT_TRUE(kiosk.widget("error").has_value());
  EXPECT_EQ(text_of(kiosk, "error"), catalog("zh-CN").text("error.phone.invalid"));
  const auto phone = kiosk.widget("contact.phone");
  EXPECT_TRUE(phone->value("focused", false)) << "the field in error has the focus";
  EXPECT_FALSE(focused(kiosk, "contact.name"));
  EXPECT_EQ(phone->value("border", ""), danger) << "outlined in the error colour";
  EXPECT_NE(phone->value("border", ""), focus_border);
  EXPECT_GT(phone->value("border_width", 0), kiosk.widget("contact.email")->value("border_width", 0))
      << "a heavier line than the other fields";
  EXPECT_TRUE(kiosk.widget("kb.5").has_value()) << "the phone's keypad is up";
  kiosk.screenshot("contact_phone_error");
  EXPECT_TRUE(kiosk.tickets().empty());

  // Empty: the same.
  kiosk.tap("kb.backspace", 5);
  kiosk.tap("contact.email");
  kiosk.tap("nav.next");
  EXPECT_EQ(text_of(kiosk, "error"), catalog("zh-CN").text("error.phone.required"));
  EXPECT_TRUE(focused(kiosk, "contact.phone"));
  EXPECT_EQ(kiosk.widget("contact.phone")->value("border", ""), danger);

  type_keys(kiosk, "13800138000");
  kiosk.tap("nav.next");
  EXPECT_EQ(kiosk.screen(), "consent");
}

// The name keeps its pinyin keyboard after an error (it once switched to English silently):
// what was composed goes into the name, and the keyboard is pinyin when the customer returns.
// The address shares the name's keyboard and is itself the field in error here, so the
// keyboard it keeps is the one the check left, not one a change of focus restored.
TEST_F(KioskContact, TheNameKeepsItsPinyinKeyboardAfterAnError) {
  {
    KioskProcess& kiosk = kiosk_at("contact");
    kiosk.tap("contact.name");
    expect_pinyin_keyboard(kiosk, "name");
    type_keys(kiosk, "zhang");
    kiosk.tap("nav.next");  // no phone yet
    ASSERT_EQ(kiosk.screen(), "contact");
    ASSERT_TRUE(kiosk.widget("error").has_value());
    EXPECT_TRUE(focused(kiosk, "contact.phone"));
    EXPECT_FALSE(text_of(kiosk, "contact.name").empty()) << "the composed name was kept";
    EXPECT_EQ(kiosk.widget("contact.name")->value("composing", "x"), "");
    kiosk.tap("contact.name");
    expect_pinyin_keyboard(kiosk, "name after the error");
    kiosk.screenshot("contact_name_after_error");
  }
  KioskProcess& kiosk = kiosk_at("contact", "zh-CN", "[kiosk]\naddress_field = \"address\"\n");
  type_keys(kiosk, "13800138000");
  kiosk.tap("contact.address");
  expect_pinyin_keyboard(kiosk, "address");
  kiosk.tap("nav.next");  // no address
  ASSERT_EQ(kiosk.screen(), "contact");
  EXPECT_TRUE(focused(kiosk, "contact.address"));
  EXPECT_EQ(kiosk.widget("contact.address")->value("border", ""),
            hex(ui::Theme::make(ui::Contrast::normal).danger));
  expect_pinyin_keyboard(kiosk, "address after its own error");
  kiosk.tap("contact.name");
  expect_pinyin_keyboard(kiosk, "name after the address error");
}

// The switch: its label says what it leaves out, the state reads in words and by the knob's
// side; once on, consent names only what an anonymous ticket keeps. Both languages.
TEST_F(KioskContact, TheAnonymousSwitchChangesWhatConsentSaysIsKept) {
  for (const std::string language : {"zh-CN", "en"}) {
    const Catalog texts = catalog(language);
    KioskProcess& kiosk = kiosk_at("consent", language);
    const std::string named = kiosk.visible_text();
    EXPECT_NE(named.find(texts.text("kiosk.consent.stored")), std::string::npos) << language << named;
    kiosk.tap("nav.back");
    ASSERT_EQ(kiosk.screen(), "contact") << language;

    auto toggle = kiosk.widget("contact.anonymous");
    ASSERT_TRUE(toggle) << language;
    EXPECT_EQ((*toggle)["kind"], "toggle");
    EXPECT_EQ((*toggle)["text"], texts.text("kiosk.contact.anonymous"));
    EXPECT_FALSE((*toggle)["checked"].get<bool>());
    EXPECT_EQ((*toggle)["state"], texts.text("kiosk.contact.switch_off"));
    kiosk.tap("contact.anonymous");
    toggle = kiosk.widget("contact.anonymous");
    EXPECT_TRUE((*toggle)["checked"].get<bool>()) << language;
    EXPECT_EQ((*toggle)["state"], texts.text("kiosk.contact.switch_on"));
    EXPECT_FALSE(kiosk.widget("contact.phone").has_value()) << language;
    kiosk.screenshot("contact_anonymous_on_" + language);
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "consent") << language;
    const std::string anonymous = kiosk.visible_text();
    EXPECT_NE(anonymous.find(texts.text("kiosk.consent.stored_anonymous")), std::string::npos)
        << language << anonymous;
    EXPECT_NE(anonymous.find(texts.text("kiosk.consent.who_anonymous")), std::string::npos) << language;
    EXPECT_EQ(anonymous.find(texts.text("kiosk.consent.stored")), std::string::npos) << language;
    EXPECT_EQ(anonymous.find(texts.text("kiosk.consent.who")), std::string::npos) << language;
    for (const char* word : {"姓名、电话", "name, phone, address", "your name and phone"})
      EXPECT_EQ(anonymous.find(word), std::string::npos) << language << ": " << word;
    kiosk.screenshot("consent_anonymous_" + language);
    kiosk.tap("nav.next");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "done") << language;
    ASSERT_EQ(kiosk.tickets().size(), 1U);
    EXPECT_TRUE(kiosk.tickets()[0].anonymous);
  }
  // Where the deployment asks for an address even of an anonymous customer, consent says so.
  KioskProcess& kiosk = kiosk_at("contact", "zh-CN", "[kiosk]\naddress_field = \"building_unit\"\n");
  kiosk.tap("contact.anonymous");
  kiosk.tap("contact.address");
  kiosk.text("3-2-501");
  kiosk.tap("nav.next");
  ASSERT_EQ(kiosk.screen(), "consent");
  EXPECT_NE(kiosk.visible_text().find(catalog("zh-CN").text("kiosk.consent.stored_anonymous_address")),
            std::string::npos);
}

// A +86 (or 0086) before the number, with spaces or hyphens, from a USB keyboard or on the
// keypad: shown grouped with the prefix apart, accepted, stored as the phone rule's digits
// (the "+" was dropped and "8613800138000" refused).
TEST_F(KioskContact, ACountryCodeFromAKeyboardOrTheKeypadIsAccepted) {
  struct Case {
    const char* typed;  // "keys:..." on the keypad, else a USB keyboard's text
    const char* shown;
  };
  for (const Case& c :
       {Case{"+86 138-0013-8000", "+86 138 0013 8000"}, Case{"0086 138 0013 8000", "0086 138 0013 8000"},
        Case{"keys:008613800138000", "0086 138 0013 8000"}, Case{"keys:+8613800138000", "+86 138 0013 8000"},
        Case{"+86-10-1234-5678", "+86 10 1234 5678"}}) {
    KioskProcess& kiosk = kiosk_at("contact");
    const std::string typed = c.typed;
    if (typed.starts_with("keys:+")) {  // the keypad's own "+" key, then its digits
      kiosk.tap("kb.plus");
      type_keys(kiosk, typed.substr(6));
    } else if (typed.starts_with("keys:")) {
      type_keys(kiosk, typed.substr(5));
    } else {
      kiosk.text(typed);
    }
    EXPECT_EQ(text_of(kiosk, "contact.phone"), c.shown) << typed;
    kiosk.screenshot("contact_country_code");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "consent") << typed << ": " << kiosk.visible_text();
    const std::string stored = typed.find("10-1234") != std::string::npos ? "01012345678" : "13800138000";
    EXPECT_EQ(kiosk.session()["session"]["phone"], stored) << typed;
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "review") << typed;
    EXPECT_NE(
        text_of(kiosk, "review.contact").find(stored == "01012345678" ? "010 1234 5678" : "138 0013 8000"),
        std::string::npos)
        << typed << ": " << text_of(kiosk, "review.contact");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "done") << typed;
    ASSERT_EQ(kiosk.tickets().size(), 1U);
    EXPECT_EQ(kiosk.tickets()[0].phone, stored) << typed;
  }
}

// "Notify me of progress" is the same kind of switch as "anonymous" (it was a button that
// read like an action): its label, its state in words, checked as the session's opt-in, in
// both languages; off again with a second tap; the ticket keeps the opt-in.
TEST_F(KioskContact, NotifyMeIsALabelledSwitch) {
  for (const std::string language : {"zh-CN", "en"}) {
    const Catalog texts = catalog(language);
    KioskProcess& kiosk = kiosk_at("contact", language);
    type_keys(kiosk, "13800138000");
    auto notify = kiosk.widget("contact.notify");
    ASSERT_TRUE(notify) << language;
    EXPECT_EQ((*notify)["kind"], "toggle") << language;
    EXPECT_EQ((*notify)["text"], texts.text("kiosk.contact.notify")) << language;
    EXPECT_FALSE((*notify)["checked"].get<bool>()) << language;
    EXPECT_EQ((*notify)["state"], texts.text("kiosk.contact.switch_off")) << language;
    kiosk.tap("contact.notify");
    notify = kiosk.widget("contact.notify");
    EXPECT_TRUE((*notify)["checked"].get<bool>()) << language;
    EXPECT_EQ((*notify)["state"], texts.text("kiosk.contact.switch_on")) << language;
    EXPECT_EQ((*notify)["text"], texts.text("kiosk.contact.notify")) << language << ": the label stays";
    EXPECT_TRUE(kiosk.session()["session"]["notify_customer"].get<bool>()) << language;
    EXPECT_NE(kiosk.visible_text().find(texts.text("kiosk.contact.notify_hint")), std::string::npos)
        << language << ": what the switch does is said";
    kiosk.screenshot("contact_notify_switch_on_" + language);
    kiosk.tap("contact.notify");
    EXPECT_FALSE(kiosk.widget("contact.notify")->value("checked", true)) << language;
    EXPECT_FALSE(kiosk.session()["session"]["notify_customer"].get<bool>()) << language;
    kiosk.tap("contact.notify");
    kiosk.tap("nav.next");
    kiosk.tap("nav.next");
    kiosk.tap("nav.next");
    ASSERT_EQ(kiosk.screen(), "done") << language;
    ASSERT_EQ(kiosk.tickets().size(), 1U);
    EXPECT_TRUE(kiosk.tickets()[0].notify_customer) << language;
  }
}

}  // namespace
}  // namespace complaint::test
