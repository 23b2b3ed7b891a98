// KioskProcess: runs the REAL complaint-kiosk under SDL_VIDEODRIVER=dummy with its
// test-control channel on a pipe, in a fresh temporary folder (config, database, pinyin
// user dictionary). Taps are by widget id; replies are JSON. Used by every UI test.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain/ticket.h"

namespace complaint::test {

struct KioskOptions {
  int width = 1280;
  int height = 800;
  std::string extra_config;                              // TOML appended to the generated config
  std::string fake_clock = "2026-11-20T16:00:00+08:00";  // a Friday afternoon
  std::string staff_pin;      // non-empty: its crypt(3) hash goes into [kiosk] staff_pin_hash
  bool fake_speaker = false;  // --fake-speaker: what voice mode says is read back with "spoken"
  std::string notify_socket;  // NOTIFY_SOCKET for the kiosk (systemd); empty: unset
  long watchdog_usec = 0;     // WATCHDOG_USEC when notify_socket is set
  std::string assets;         // --assets DIR; empty: the source tree's assets (COMPLAINT_ASSETS)
};

class KioskProcess {
 public:
  explicit KioskProcess(KioskOptions options = {});
  ~KioskProcess();
  KioskProcess(const KioskProcess&) = delete;
  KioskProcess& operator=(const KioskProcess&) = delete;

  // Sends one command; fails the test (ADD_FAILURE) when the reply is not ok.
  nlohmann::json send(const std::string& command);
  nlohmann::json try_send(const std::string& command);  // no failure on ok=false
  void tap(const std::string& id, int times = 1) {
    send("tap " + id + (times > 1 ? " " + std::to_string(times) : ""));
  }
  void text(const std::string& utf8) { send("text " + utf8); }
  void key(const std::string& name) { send("key " + name); }
  void advance(int seconds) { send("advance " + std::to_string(seconds)); }
  std::string screen() { return send("screen")["screen"]; }
  nlohmann::json layout() { return send("layout")["layout"]; }
  nlohmann::json session() { return send("session"); }
  // Saves a PNG under the test output folder; returns its path.
  std::string screenshot(const std::string& name);
  // Every text on screen, joined by '\n' (for "is X shown / not shown" checks).
  std::string visible_text();
  std::optional<nlohmann::json> widget(const std::string& id);

  std::vector<Ticket> tickets() const;  // read from the kiosk's database by a second connection
  const std::string& folder() const { return m_folder; }
  std::string log() const;  // what the kiosk wrote to stderr so far
  bool running() const { return m_pid > 0; }

 private:
  std::string read_line();
  KioskOptions m_options;
  std::string m_folder;
  pid_t m_pid = -1;
  int m_to = -1;
  int m_from = -1;
  std::string m_buffer;
};

// Where screenshots of this test run go (build/test-output/kiosk).
std::string output_folder();
// The source tree's tests/kiosk/reference folder.
std::string reference_folder();

// Opens the staff PIN pad with the hidden gesture (long press on the top-left corner).
void open_pin_pad(KioskProcess& kiosk);
void enter_pin(KioskProcess& kiosk, const std::string& pin);

// The candidate bar's texts, left to right (the "kb.cand.<i>" widgets).
std::vector<std::string> candidate_bar(KioskProcess& kiosk);
// Taps the on-screen letter keys of `letters`, as a customer does.
void type_keys(KioskProcess& kiosk, const std::string& letters);

// Drives a new customer from welcome to the given screen with plausible Chinese input.
void walk_to(KioskProcess& kiosk, const std::string& screen);

}  // namespace complaint::test
