// keyboard_rows(): the key rows of each on-screen layout (see keyboard_model.h for ids).
// Pure data: the same arguments always give the same rows; each row's widths sum to <= 10.
#pragma once

#include <vector>

#include "core/input/keyboard_model.h"

namespace complaint {

// `offered` decides which layout switch keys appear (never one for `layout` itself).
std::vector<std::vector<KeyboardKey>> keyboard_rows(KeyboardLayout layout, ShiftState shift,
                                                    const std::vector<KeyboardLayout>& offered);

// The catalog key naming a layout on its switch key, e.g. "keyboard.layout.english".
const char* layout_label_key(KeyboardLayout layout);

}  // namespace complaint
