// TestControl: the test-control channel. One command per line on stdin, one JSON reply
// per line on stdout. Taps are by widget id: the app finds the widget in the current scene
// and feeds a mouse press/release at its centre through the platform's event translation.
// Commands: tap ID [N] · press ID · release ID · drag ID DY · stroke ID X,Y X,Y ... (one
// stroke on an ink pad, screen pixels, in writing order) · text UTF8 · key enter|backspace|
// escape · advance SECONDS · screenshot PATH · layout · screen · session · stats [reset] ·
// spoken [clear] (what the fake speaker of --fake-speaker was told) · quit.
#pragma once

#include <string>

namespace complaint {

class App;

class TestControl {
 public:
  explicit TestControl(App& app) : m_app(app) {}
  // Runs one command; returns the JSON reply line (without newline).
  std::string run(const std::string& line);

 private:
  App& m_app;
};

}  // namespace complaint
