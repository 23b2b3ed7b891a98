// ContactScreen: the required phone first, on a telephone keypad, shown grouped as people
// read it (138 0013 8000, +86 138 0013 8000) and stored as the phone rule's digits; then the
// name, an optional email, the address or building/unit when the deployment asks for it
// ([kiosk] address_field), and "notify me of progress" (docs/DOMAIN.md §4a), offered to a
// named customer once a phone or an email is given. "Submit anonymously" and "notify me" are
// on/off switches (one Scene::toggle widget). A validation error focuses and outlines the
// field at fault.
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "core/validation/phone_digits.h"
#include "core/validation/ticket_validation.h"
#include "kiosk/app/text_entry.h"
#include "kiosk/screens/frame.h"
#include "kiosk/screens/screens.h"

namespace complaint {

namespace {

constexpr std::size_t kEmailMaxBytes = 254;  // an address is ASCII here: bytes = code points

enum class Field { name, phone, email, address };

// A switch's state in words, drawn in its track (the anonymous and the notify switch).
std::string switch_state(AppContext& context, bool on) {
  return context.tr(on ? "kiosk.contact.switch_on" : "kiosk.contact.switch_off");
}

class ContactScreen final : public Screen {
 public:
  ScreenId id() const override { return ScreenId::contact; }
  const char* name() const override { return "contact"; }

  void enter(AppContext& context) override {
    ensure(context);
    m_error.clear();
    m_error_field.reset();
    focus(context.session().anonymous ? Field::address : Field::phone, context);
  }
  void wipe() override {
    for (TextEntry* entry : {m_text.get(), m_digits.get()}) {
      if (entry) {
        entry->clear();
        entry->bind(nullptr, 0);
      }
    }
    m_error.clear();
    m_error_field.reset();
    m_focus = Field::phone;
  }
  void on_text(const std::string& text, AppContext& context) override { entry().type(text, context); }
  void on_key(Key key, AppContext& context) override { entry().key(key, context); }

  void build(ui::Scene& scene, AppContext& context) override {
    ensure(context);
    const ui::Metrics& m = scene.metrics();
    const ui::Theme& t = scene.theme();
    FilingSession& session = context.session();
    const AddressField address_field = context.services().kiosk.address_field;
    if (session.anonymous && m_focus != Field::address) m_focus = Field::address;
    focus(m_focus, context);
    Frame frame = build_frame(scene, context, "kiosk.contact.title", flow_step_number(id()), Footer::shown);
    build_nav(
        scene, context, frame.footer, [this, &context] { go_back(context, id()); }, "kiosk.nav.next",
        [this, &context] { next(context); }, true);
    ui::Rect area = frame.content;
    const bool keyboard_shown = !session.anonymous || address_field != AddressField::none;
    if (keyboard_shown) m_keyboard_rect = area.take_bottom(entry().height(m), m.gap + m.dp(8));

    // Stay anonymous: an on/off switch, labelled with what it leaves out, never a button that
    // reads like "submit". It sits in the footer between Back and Next when there is room
    // (large text on a landscape screen needs the height for the fields).
    const int row_h = std::max(m.min_target, scene.painter().line_height(m.body) + m.dp(16));
    const std::string toggle_text = context.tr("kiosk.contact.anonymous");
    const std::string toggle_state = switch_state(context, session.anonymous);
    const int toggle_w = scene.toggle_width(toggle_text, toggle_state);
    const ui::Rect middle = footer_middle(m, frame.footer);
    const int middle_x = middle.x;
    const int middle_w = middle.w;
    const bool in_footer = middle_w - 2 * m.gap >= toggle_w;
    ui::Rect toggle_row = in_footer ? frame.footer : area.take_top(row_h, m.gap);
    ui::Rect toggle =
        in_footer ? ui::Rect{middle_x + (middle_w - toggle_w) / 2, frame.footer.y, toggle_w, frame.footer.h}
                  : toggle_row.take_left(std::min(toggle_row.w, toggle_w), m.gap);
    scene.toggle("contact.anonymous", toggle, toggle_text, toggle_state, session.anonymous, [this, &context] {
      FilingSession& s = context.session();
      s.anonymous = !s.anonymous;
      m_error.clear();
      m_error_field.reset();
      focus(s.anonymous ? Field::address : Field::phone, context);
      context.changed();
    });
    const std::string hint =
        context.tr(session.anonymous ? "kiosk.contact.anonymous_hint" : "kiosk.contact.hint");
    ui::Rect hint_row = in_footer ? ui::Rect{} : toggle_row;

    // Fields: two per row on a wide screen (so large text still fits above the keyboard).
    struct FieldSpec {
      Field field;
      const char* id;
      const char* label_key;
      std::string value;  // as shown
      const char* placeholder;
    };
    std::vector<FieldSpec> fields;
    if (!session.anonymous) {  // the required phone first
      fields.push_back({Field::phone, "contact.phone", "kiosk.contact.phone",
                        group_phone_digits(session.phone), "kiosk.contact.phone_placeholder"});
      fields.push_back({Field::name, "contact.name", "kiosk.contact.name", session.name,
                        "kiosk.contact.name_placeholder"});
      fields.push_back({Field::email, "contact.email", "kiosk.contact.email", session.email,
                        "kiosk.contact.email_placeholder"});
    }
    if (address_field != AddressField::none) {
      const bool unit = address_field == AddressField::building_unit;
      fields.push_back(
          {Field::address, "contact.address", unit ? "kiosk.contact.building_unit" : "kiosk.contact.address",
           session.address,
           unit ? "kiosk.contact.building_unit_placeholder" : "kiosk.contact.address_placeholder"});
    }
    const int per_row = area.w > m.dp(900) && fields.size() > 1 ? 2 : 1;
    ui::Rect row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const FieldSpec& f = fields[i];
      if (i % per_row == 0) row = area.take_top(row_h, m.gap);
      const bool last_alone = per_row == 2 && i % 2 == 0 && i + 1 == fields.size();
      ui::Rect cell =
          per_row == 1 || last_alone || i % 2 == 1 ? row : row.take_left((row.w - 2 * m.gap) / 2, 2 * m.gap);
      const std::string label = context.tr(f.label_key);
      const int label_w = std::min(cell.w / 3, scene.painter().measure(label, m.body).size.w + m.gap);
      scene.label(std::string(f.id) + ".label", cell.take_left(label_w, m.gap), label, m.body, t.text)
          .valign = ui::Align::centre;
      ui::Widget& box =
          scene.text_area(f.id, cell, f.value, m_focus == f.field ? entry().model().composing() : "",
                          context.tr(f.placeholder));
      box.focused = m_focus == f.field;
      if (!box.focused) box.border = t.border;
      if (m_error_field == f.field) {  // the field at fault: the error colour and a heavier line
        box.border = t.danger;
        box.border_width = std::max(3, m.dp(4));
      }
      box.on_tap = [this, field = f.field, &context] {
        focus(field, context);
        context.changed();
      };
    }
    // Notify me of progress: offered to a named customer with a phone or an email to reach. Below
    // the fields, or beside the switch when that has a row of its own and the fields left no room
    // (large text on a landscape screen).
    const bool offered = !session.anonymous && (!session.phone.empty() || !session.email.empty());
    const std::string notify_text = context.tr("kiosk.contact.notify");
    const std::string notify_state = switch_state(context, session.notify_customer);
    const int notify_need = scene.toggle_width(notify_text, notify_state);
    const bool beside_switch = offered && area.h < row_h && hint_row.w >= notify_need;
    if (offered && (area.h >= row_h || beside_switch)) {
      ui::Rect notify_row = beside_switch ? std::exchange(hint_row, ui::Rect{}) : area.take_top(row_h, m.gap);
      const int notify_w = std::min(notify_row.w, notify_need);
      scene.toggle("contact.notify", notify_row.take_left(notify_w, m.gap), notify_text, notify_state,
                   session.notify_customer, [&context] {
                     FilingSession& s = context.session();
                     s.notify_customer = !s.notify_customer;
                     context.changed();
                   });
      // What the switch does: beside it on one line, else below it when the fields and an
      // error message leave the room (it comes before the general hint).
      const std::string notify_hint = context.tr("kiosk.contact.notify_hint");
      if (scene.text_height(notify_hint, m.small, notify_row.w) <= notify_row.h) {
        scene.label("contact.notify_hint", notify_row, notify_hint, m.small, t.text_muted).valign =
            ui::Align::centre;
      } else {
        const int h = scene.text_height(notify_hint, m.small, area.w);
        const int error_h =
            m_error.empty() ? 0 : scene.text_height(context.tr(m_error), m.body, area.w) + m.gap;
        if (h + m.gap + error_h <= area.h)
          scene.label("contact.notify_hint", area.take_top(h, m.gap), notify_hint, m.small, t.text_muted);
      }
    }
    if (!m_error.empty())
      build_error(scene, context,
                  area.take_top(scene.text_height(context.tr(m_error), m.body, area.w), m.gap), m_error);
    // The hint: beside the toggle when it fits on one line there, else below the fields if room.
    const int hint_one_line = scene.painter().line_height(m.small);
    if (!hint_row.empty() && scene.text_height(hint, m.small, hint_row.w) <= hint_row.h) {
      scene.label("contact.hint", hint_row, hint, m.small, t.text_muted).valign = ui::Align::centre;
    } else if (const int h = scene.text_height(hint, m.small, area.w);
               h <= area.h - m.gap && h >= hint_one_line) {
      scene.label("contact.hint", area.take_top(h, m.gap), hint, m.small, t.text_muted);
    }
    if (keyboard_shown) entry().build(scene, context, m_keyboard_rect);
  }

 private:
  void ensure(AppContext& context) {
    if (m_text) return;
    m_text = std::make_unique<TextEntry>(context.services(), KeyboardOptions{});
    KeyboardOptions digits;
    digits.layouts = {KeyboardLayout::phone};
    m_digits = std::make_unique<TextEntry>(context.services(), digits);
  }
  TextEntry& entry() { return m_focus == Field::phone ? *m_digits : *m_text; }
  // The field after `field` on Enter: phone, name, email, address.
  static Field after(Field field) {
    switch (field) {
      case Field::phone:
        return Field::name;
      case Field::name:
        return Field::email;
      default:
        return Field::address;
    }
  }

  void focus(Field field, AppContext& context) {
    FilingSession& s = context.session();
    const bool changed = field != m_focus || entry().target() == nullptr;
    if (changed) entry().commit(context);  // what was being composed stays in its field
    m_focus = field;
    if (field == Field::phone) {
      m_digits->bind(&s.phone, 20);
    } else {
      if (field == Field::email) {
        m_text->bind(&s.email, kEmailMaxBytes);
        if (changed) m_text->set_layout(KeyboardLayout::english);  // addresses are Latin
      } else {
        if (field == Field::name)
          m_text->bind(&s.name, kShortTextMaxCodePoints, FieldKind::person_name);
        else
          m_text->bind(&s.address, kShortTextMaxCodePoints);
        if (changed)
          m_text->set_layout(context.language() == "en" ? KeyboardLayout::english : KeyboardLayout::pinyin);
      }
    }
    m_text->on_enter([this, &context] { focus(after(m_focus), context); });
  }

  // Checks the entries; on an error the field at fault gets the focus and the outline, and
  // every keyboard keeps its layout (the name's pinyin too).
  void next(AppContext& context) {
    entry().commit(context);
    FilingSession& s = context.session();
    m_error.clear();
    m_error_field.reset();
    Field at_fault = Field::phone;
    if (s.anonymous) {
      s.name.clear();
      s.phone.clear();
      s.email.clear();
      s.notify_customer = false;
    } else if (s.phone.empty()) {
      m_error = "error.phone.required";
    } else if (auto phone = normalize_phone(s.phone); !phone.ok()) {
      m_error = phone.error().key.empty() ? "error.phone.invalid" : phone.error().key;
    } else {
      // Kept as the phone rule gives it (digits, +86/0086 taken off), as a ticket stores it.
      s.phone = std::move(phone).value();
      // A wrong address stops here, in the customer's language, with every entry kept.
      auto email = s.email.empty() ? Result<std::string>(std::string()) : normalize_email(s.email);
      if (!email.ok()) {
        m_error = email.error().key;
        at_fault = Field::email;
      }
    }
    if (m_error.empty() && context.services().kiosk.address_field != AddressField::none &&
        s.address.find_first_not_of(' ') == std::string::npos) {
      m_error = "kiosk.contact.address_required";
      at_fault = Field::address;
    }
    if (!m_error.empty()) {
      m_error_field = at_fault;
      focus(at_fault, context);
      context.changed();
      return;
    }
    go_next(context, id());
  }

  std::unique_ptr<TextEntry> m_text;
  std::unique_ptr<TextEntry> m_digits;
  Field m_focus = Field::phone;
  ui::Rect m_keyboard_rect;
  std::string m_error;
  std::optional<Field> m_error_field;  // outlined until the next check or the switch
};

}  // namespace

std::unique_ptr<Screen> make_contact_screen() {
  return std::make_unique<ContactScreen>();
}

}  // namespace complaint
