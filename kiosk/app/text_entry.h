// TextEntry: the on-screen keyboard (KeyboardModel from core/input, rendered here as keys, a
// candidate bar and, in the handwriting layout, a pad beside the keys) bound to one string at
// a time. Taps, USB-keyboard text and keys all end
// in the model; its edits are applied to the bound string, capped at max code points.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/input/keyboard_model.h"
#include "kiosk/app/context.h"

namespace complaint {

class TextEntry {
 public:
  // The services' input method and handwriting engine (the latter offered with pinyin).
  TextEntry(Services& services, KeyboardOptions options);

  // Binds the string the edits go to (nullptr: none). Switching commits nothing pending.
  // A person's name field asks the input method for surnames first while it is empty.
  void bind(std::string* target, std::size_t max_code_points, FieldKind kind = FieldKind::text);
  std::string* target() const { return m_target; }
  // Called on Enter (the key or a USB Enter) with the model's edits applied first.
  void on_enter(std::function<void()> handler) { m_on_enter = std::move(handler); }

  // Height the keyboard needs at `width` (candidate bar + key rows).
  int height(const ui::Metrics& metrics) const;
  void build(ui::Scene& scene, AppContext& context, ui::Rect area);
  void type(const std::string& utf8, AppContext& context);
  void key(Key key, AppContext& context);
  void press(const std::string& key_id, AppContext& context);
  void choose(std::size_t index, AppContext& context);
  // Commits what is being composed or written into the bound string; the layout stays (a
  // validation error must not leave the customer on another keyboard).
  void commit(AppContext& context);
  void clear();
  KeyboardModel& model() { return *m_model; }
  void set_layout(KeyboardLayout layout) { m_model->set_layout(layout); }

 private:
  void apply(AppContext& context);
  void build_pad(ui::Scene& scene, AppContext& context, ui::Rect pad);

  std::unique_ptr<KeyboardModel> m_model;
  std::string* m_target = nullptr;
  std::size_t m_max = 0;
  FieldKind m_kind = FieldKind::text;
  std::function<void()> m_on_enter;
  InkStroke m_stroke;  // the stroke being written (pad units), until the finger lifts
};

}  // namespace complaint
