// TestControl::run: parses one command, drives the app through the platform's event
// translation, renders what changed, and answers in JSON.
#include "kiosk/app/test_control.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/app/app.h"

namespace complaint {

namespace {

std::string reply_error(const std::string& message) {
  return nlohmann::json{{"ok", false}, {"error", message}}.dump();
}

}  // namespace

std::string TestControl::run(const std::string& line) {
  std::istringstream in(line);
  std::string command;
  in >> command;
  App& app = m_app;
  auto settle = [&app] {
    app.tick();
    if (app.m_dirty) app.render();
  };
  auto feed = [&app](const std::vector<InputEvent>& events) {
    for (const InputEvent& event : events) app.handle(event);
  };
  auto widget = [&app](const std::string& id) -> const ui::Widget* {
    return app.m_scene ? app.m_scene->find(id) : nullptr;
  };
  nlohmann::json reply = {{"ok", true}};

  if (command == "tap" || command == "press" || command == "release" || command == "drag") {
    std::string id;
    in >> id;
    const ui::Widget* w = widget(id);
    if (w == nullptr) return reply_error("no widget " + id + " on screen " + app.m_current->name());
    if (command != "drag" && id != "staff.corner" && (!w->on_tap || !w->enabled))
      return reply_error("widget " + id + " is not tappable");
    const ui::Point at = ui::tap_point(*w);
    if (command == "tap") {
      int count = 1;
      in >> count;
      // Several taps at the same place before any redraw: as a fast double tap arrives.
      for (int i = 0; i < std::max(1, count); ++i) {
        feed(app.m_platform.inject_tap(at, InputKind::press));
        feed(app.m_platform.inject_tap(at, InputKind::release));
      }
    } else if (command == "press") {
      feed(app.m_platform.inject_tap(at, InputKind::press));
    } else if (command == "release") {
      feed(app.m_platform.inject_tap(at, InputKind::release));
    } else {
      int dy = 0;
      in >> dy;
      feed(app.m_platform.inject_tap(at, InputKind::press));
      const int steps = 8;
      for (int i = 1; i <= steps; ++i)
        feed(app.m_platform.inject_tap({at.x, at.y + dy * i / steps}, InputKind::move));
      feed(app.m_platform.inject_tap({at.x, at.y + dy}, InputKind::release));
    }
  } else if (command == "stroke") {
    std::string id;
    in >> id;
    const ui::Widget* w = widget(id);
    if (w == nullptr) return reply_error("no widget " + id + " on screen " + app.m_current->name());
    if (w->kind != ui::WidgetKind::ink) return reply_error("widget " + id + " is not an ink pad");
    std::vector<ui::Point> points;
    for (std::string pair; in >> pair;) {
      ui::Point p;
      char comma = 0;
      std::istringstream coordinates(pair);
      if (!(coordinates >> p.x >> comma >> p.y) || comma != ',') return reply_error("bad point " + pair);
      points.push_back(p);
    }
    if (points.empty()) return reply_error("stroke needs at least one point");
    feed(app.m_platform.inject_tap(points.front(), InputKind::press));
    for (std::size_t i = 1; i + 1 < points.size(); ++i)
      feed(app.m_platform.inject_tap(points[i], InputKind::move));
    feed(app.m_platform.inject_tap(points.back(), InputKind::release));
  } else if (command == "text") {
    std::string text = line.size() > 5 ? line.substr(5) : std::string{};
    feed(app.m_platform.inject_text(text));
  } else if (command == "key") {
    std::string name;
    in >> name;
    const Key key = name == "enter"       ? Key::enter
                    : name == "backspace" ? Key::backspace
                    : name == "escape"    ? Key::escape
                                          : Key::none;
    if (key == Key::none) return reply_error("unknown key " + name);
    feed(app.m_platform.inject_key(key));
  } else if (command == "advance") {
    long seconds = 0;
    in >> seconds;
    if (app.m_options.fake_clock == nullptr) return reply_error("advance needs --fake-clock");
    app.m_options.fake_clock->advance(std::chrono::seconds(seconds));
  } else if (command == "screenshot") {
    std::string path;
    in >> path;
    app.build_scene();
    app.m_scene->draw();
    auto pixels = app.m_platform.read_pixels();
    app.m_platform.present();
    app.m_dirty = false;
    if (!pixels.ok()) return reply_error(pixels.error().message);
    auto written = write_png(path, pixels.value());
    if (!written.ok()) return reply_error(written.error().message);
    reply["path"] = path;
  } else if (command == "layout") {
    settle();
    reply["layout"] = nlohmann::json::parse(app.m_scene->layout_json(app.m_current->name()));
    reply["large_text"] = app.m_text_size == ui::TextSize::large;
    reply["high_contrast"] = app.m_contrast == ui::Contrast::high;
  } else if (command == "screen") {
  } else if (command == "session") {
    const FilingSession& s = app.m_session;
    reply["session"] = {{"kind", s.kind},
                        {"category", s.category},
                        {"topic", s.topic},
                        {"content", s.content},
                        {"outcome", s.outcome_text},
                        {"name", s.name},
                        {"phone", s.phone},
                        {"address", s.address},
                        {"email", s.email},
                        {"notify_customer", s.notify_customer},
                        {"anonymous", s.anonymous},
                        {"filed", s.filed.has_value()},
                        {"receipt", s.receipt == ReceiptState::printing  ? "printing"
                                    : s.receipt == ReceiptState::printed ? "printed"
                                    : s.receipt == ReceiptState::failed  ? "failed"
                                                                         : "none"}};
    reply["empty"] = s.empty();
    reply["voice"] = app.m_voice;
  } else if (command == "stats") {
    const RenderStats& stats = app.m_platform.stats();
    reply["frames"] = stats.frames;
    reply["text_renders"] = stats.text_renders;
    reply["text_cache_hits"] = stats.text_cache_hits;
    reply["missing_glyphs"] = stats.missing_glyphs;
    reply["frame_cpu_ns"] = app.m_frame_cpu_ns;
    if (in >> command && command == "reset") app.m_frame_cpu_ns.clear();
  } else if (command == "spoken") {
    // What the fake speaker was told, oldest first; "spoken clear" empties it afterwards.
    if (app.m_options.fake_speaker == nullptr) return reply_error("spoken needs --fake-speaker");
    nlohmann::json spoken = nlohmann::json::array();
    for (const SpokenEntry& entry : app.m_options.fake_speaker->log()) {
      if (entry.stop) {
        spoken.push_back({{"stop", true}});
      } else {
        spoken.push_back(
            {{"text", entry.utterance.text}, {"key", entry.utterance.key}, {"language", entry.language}});
      }
    }
    reply["spoken"] = std::move(spoken);
    reply["voice"] = app.m_voice;
    if (in >> command && command == "clear") app.m_options.fake_speaker->clear_log();
  } else if (command == "quit") {
    app.m_quit = true;
  } else {
    return reply_error("unknown command " + command);
  }
  settle();
  reply["screen"] = app.m_current->name();
  reply["staff"] = app.m_staff;
  return reply.dump();
}

}  // namespace complaint
