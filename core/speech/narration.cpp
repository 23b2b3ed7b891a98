// Narration: text building for voice mode and the Narrator's when-to-speak rules.
#include "core/speech/narration.h"

namespace complaint {

std::string spell_out(std::string_view number, const Catalog& texts) {
  const std::string pause = texts.text("kiosk.speech.pause");
  std::string out;
  bool group_open = false;  // the current group already holds a character
  for (const char c : number) {
    if (c == '-') {
      if (group_open) out += pause;
      group_open = false;
      continue;
    }
    std::string word;
    if (c >= '0' && c <= '9') {
      word = texts.text(std::string("kiosk.speech.digit_") + c);
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      word = std::string(1, static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c));
    } else {
      continue;  // spaces and other marks are not read
    }
    if (!out.empty()) out += ' ';
    out += word;
    group_open = true;
  }
  return out;
}

std::vector<Utterance> done_utterances(const ScreenView& view, const Catalog& texts) {
  std::vector<Utterance> out;
  if (!view.ticket_number.empty())
    out.push_back(
        {texts.format("kiosk.speech.ticket_number", {{"number", spell_out(view.ticket_number, texts)}}), ""});
  if (!view.check_code.empty())
    out.push_back(
        {texts.format("kiosk.speech.check_code", {{"code", spell_out(view.check_code, texts)}}), ""});
  for (const std::string& promise : view.promises) out.push_back({promise, ""});
  return out;
}

Utterance focus_utterance(const std::string& label, const Catalog& texts) {
  return {texts.format("kiosk.speech.field", {{"label", label}}), ""};
}

Utterance tap_utterance(const TappedControl& tap, const Catalog& texts) {
  if (tap.text.text.empty()) return {};
  if (tap.state.empty()) return tap.text;
  return {texts.format("kiosk.speech.switch", {{"label", tap.text.text}, {"state", tap.state}}), ""};
}

void Narrator::start() {
  m_announce = true;
}

void Narrator::silence() {
  m_speaker.stop();
  m_announce = false;
  m_screen.clear();
  m_language.clear();
  m_focused.clear();
}

void Narrator::finish(const Catalog& texts) {
  silence();
  say({texts.text("kiosk.speech.voice_off"), "kiosk.speech.voice_off"}, texts);
}

void Narrator::frame(const ScreenView& view, const std::optional<TappedControl>& tap, const Catalog& texts) {
  if (m_announce || view.screen != m_screen || texts.language() != m_language) {
    // A new screen (or the same in another language): what was being read belongs to the old one.
    m_speaker.stop();
    if (m_announce) say({texts.text("kiosk.speech.voice_on"), "kiosk.speech.voice_on"}, texts);
    m_announce = false;
    m_screen = view.screen;
    m_language = texts.language();
    m_focused = view.focused_id;
    say(view.title, texts);
    for (const Utterance& utterance : done_utterances(view, texts)) say(utterance, texts);
    if (!view.focused_id.empty()) say(focus_utterance(view.focused_label, texts), texts);
    return;
  }
  if (tap) {
    const Utterance spoken = tap_utterance(*tap, texts);
    if (!spoken.text.empty()) {
      m_speaker.stop();
      say(spoken, texts);
    }
  }
  if (view.focused_id != m_focused) {
    m_focused = view.focused_id;
    if (!m_focused.empty()) say(focus_utterance(view.focused_label, texts), texts);
  }
}

void Narrator::say(const Utterance& utterance, const Catalog& texts) {
  if (utterance.text.empty()) return;
  // A refusal (no voice for the language, the audio device gone) is not the customer's
  // problem: the screen shows everything that would have been said.
  (void)m_speaker.say(utterance, texts.language());
}

}  // namespace complaint
