// AppContext: what a screen may use: core services, the session, the language's texts and
// navigation. Implemented by App; screens hold view state only and never see SDL.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/base/clock.h"
#include "core/calendar/work_calendar.h"
#include "core/config/config.h"
#include "core/domain/taxonomy.h"
#include "core/input/handwriting_recognizer.h"
#include "core/input/input_method.h"
#include "core/printing/print_queue.h"
#include "core/services/filing_service.h"
#include "core/speech/speaker.h"
#include "core/store/ticket_repository.h"
#include "core/sync/help_requests.h"
#include "core/sync/sync_worker.h"
#include "kiosk/app/session.h"
#include "kiosk/app/staff_lock.h"
#include "kiosk/app/texts.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/platform/input_event.h"
#include "kiosk/ui/scene.h"

namespace complaint {

enum class ScreenId {
  welcome,
  kind,
  details,
  outcome,
  contact,
  consent,
  review,
  done,
  check_progress,
  staff_pin,
  staff_menu,
  call_staff,
};

// What the kiosk knows about its devices, for the staff screen: which printer main() picked
// ("kiosk.staff.printer_queue" with the CUPS queue's name, or the file printer's folder).
struct DeviceStatus {
  std::string printer_key = "kiosk.staff.printer_none";
  std::string printer_name;
};

struct Services {
  const Config& config;
  const KioskConfig& kiosk;  // [kiosk]: the app's own settings
  const Taxonomy& taxonomy;
  const WorkCalendar& calendar;
  FilingService& filing;
  TicketRepository& repository;
  const Clock& clock;
  InputMethod& input_method;
  DeviceStatus devices;
  PrintQueue* printing = nullptr;                // receipts; null: no printer at all (the screens say so)
  const SyncWorker* sync = nullptr;              // drains the outbox to the desk; null: sync is off
  HandwritingRecognizer* handwriting = nullptr;  // the keyboards' pad; null: no handwriting
  HelpRequests* help = nullptr;                  // "Call staff" presses; null: none kept (the screen says so)
  Speaker* speaker = nullptr;  // voice mode; null: no speech (the welcome screen has no switch)
};

// A customer's call for staff (the call_staff screen): the request kept in the kiosk's file
// (none when it could not be kept), where the customer was, and when.
struct HelpCall {
  std::optional<HelpRequest> request;
  ScreenId back_to = ScreenId::welcome;
  Instant at{};
};

class AppContext {
 public:
  virtual ~AppContext() = default;
  virtual Services& services() = 0;
  virtual FilingSession& session() = 0;
  virtual const Texts& texts() const = 0;
  virtual const std::string& language() const = 0;
  virtual void set_language(const std::string& language) = 0;
  virtual ui::TextSize text_size() const = 0;
  virtual void set_text_size(ui::TextSize size) = 0;
  // The theme (normal or high contrast): the welcome screen's switch; a reset returns to the
  // configured one, as for the text size.
  virtual ui::Contrast contrast() const = 0;
  virtual void set_contrast(ui::Contrast contrast) = 0;
  // Voice mode (语音播报): screens, focus and taps are spoken (core/speech/narration.h). The
  // welcome screen's switch; it stays with the customer (and so does the language) when they
  // go back to the start, and returns to the configured one when the customer is gone (done
  // screen, idle reset) or staff mode begins.
  virtual bool voice() const = 0;
  virtual void set_voice(bool on) = 0;
  virtual void go(ScreenId screen) = 0;
  // Wipes the session and every screen's view state, then shows the welcome screen.
  virtual void reset() = 0;
  virtual void changed() = 0;  // something visible changed: redraw
  virtual bool staff_mode() const = 0;
  virtual void leave_staff_mode() = 0;
  virtual void enter_staff_mode() = 0;
  virtual StaffLock& staff_lock() = 0;
  // "Call staff" on the current screen: keeps a help request and shows the call_staff screen.
  virtual void call_staff() = 0;
  virtual const HelpCall& help_call() const = 0;
  // Asks "放弃已填写的内容？" over the screen (keep editing, the default, or discard) and runs
  // `discard` only when the person taps Discard; input or the idle prompt keeps the entries.
  virtual void confirm_discard(std::function<void()> discard) = 0;
  // Whole seconds until the done screen returns to the start by itself ([kiosk] done_seconds
  // from the moment it was shown).
  virtual int done_seconds_left() const = 0;

  std::string tr(std::string_view key) const { return texts().text(key); }
  std::string tr(std::string_view key, const std::map<std::string, std::string>& values) const {
    return texts().format(key, values);
  }
};

class Screen {
 public:
  virtual ~Screen() = default;
  virtual ScreenId id() const = 0;
  virtual const char* name() const = 0;
  virtual void enter(AppContext&) {}
  virtual void build(ui::Scene& scene, AppContext& context) = 0;
  virtual void on_text(const std::string&, AppContext&) {}  // USB keyboard or scanner
  virtual void on_key(Key, AppContext&) {}
  virtual void wipe() {}  // forget view state (idle reset)
};

}  // namespace complaint
