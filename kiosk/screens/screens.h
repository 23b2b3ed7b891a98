// Factories of the kiosk's screens, one file each in kiosk/screens/.
#pragma once

#include <memory>

#include "kiosk/app/context.h"

namespace complaint {

std::unique_ptr<Screen> make_welcome_screen();
std::unique_ptr<Screen> make_kind_screen();
std::unique_ptr<Screen> make_details_screen();
std::unique_ptr<Screen> make_outcome_screen();
std::unique_ptr<Screen> make_contact_screen();
std::unique_ptr<Screen> make_consent_screen();
std::unique_ptr<Screen> make_review_screen();
std::unique_ptr<Screen> make_done_screen();
std::unique_ptr<Screen> make_check_progress_screen();
std::unique_ptr<Screen> make_staff_pin_screen();
std::unique_ptr<Screen> make_staff_menu_screen();
std::unique_ptr<Screen> make_call_staff_screen();

}  // namespace complaint
