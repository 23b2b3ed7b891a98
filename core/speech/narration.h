// Narration: what the kiosk says in voice mode, as pure text building over what a frame
// shows, and the Narrator that decides when to say it. A new screen (or language, or voice just
// switched on) stops whatever is playing and reads the title, on the done screen the ticket number
// digit by digit, its check code and the promised dates, and the focused field; on the same screen a tap is
// read at once (cutting off the previous one, as screen readers do) and a newly focused
// field is named. Every phrase comes from the catalog (kiosk.speech.*) of the language the
// screen is in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/catalog.h"
#include "core/speech/speaker.h"

namespace complaint {

// What speech reads of one frame; the kiosk fills it from its scene.
struct ScreenView {
  std::string screen;                 // the screen's name ("welcome", "done", ...)
  Utterance title;                    // as shown in the header
  std::string focused_id;             // the focused text field ("" none)
  std::string focused_label;          // its label, else its placeholder
  std::string ticket_number;          // the done screen's number ("" elsewhere)
  std::string check_code;             // its short check code as printed, "K7M-4PX" ("" none)
  std::vector<std::string> promises;  // the done screen's promised dates, as shown
};

// A control the customer tapped: its text, and the state in words for a switch.
struct TappedControl {
  Utterance text;
  std::string state;
};

// "WH01-K1-2026" -> "W H 零 一， K 一， 二 零 二 六": digits by the catalog's words, letters
// as themselves, each hyphen a pause, so a number is read out one character at a time.
std::string spell_out(std::string_view number, const Catalog& texts);
// The done screen's number, its check code (the short code a customer types at the kiosk, so
// one who cannot read the screen hears it too), and the promised dates, in reading order.
std::vector<Utterance> done_utterances(const ScreenView& view, const Catalog& texts);
// "电话号码，请输入" / "Phone number, text field".
Utterance focus_utterance(const std::string& label, const Catalog& texts);
// The tapped control's text, or "大字模式，开" / "Large text, on" for a switch; nothing (an
// empty text) for a control without words.
Utterance tap_utterance(const TappedControl& tap, const Catalog& texts);

class Narrator {
 public:
  explicit Narrator(Speaker& speaker) : m_speaker(speaker) {}
  // Voice was switched on: the next frame says so and reads its screen from the start.
  void start();
  // Voice was switched off: silence, then one confirmation in `texts`' language.
  void finish(const Catalog& texts);
  // Silence without a word (the session ended); the next frame reads its screen anew.
  void silence();
  // Called after every drawn frame while voice is on; `tap` is what was tapped since the
  // previous frame (the control as it is now drawn, so a language switch reads the new one).
  void frame(const ScreenView& view, const std::optional<TappedControl>& tap, const Catalog& texts);

 private:
  void say(const Utterance& utterance, const Catalog& texts);

  Speaker& m_speaker;
  bool m_announce = false;
  std::string m_screen;
  std::string m_language;
  std::string m_focused;
};

}  // namespace complaint
