// Explicit paging for a screen part that cannot show everything at once (the category grid,
// the quick phrases in large text): 上一页 / 下一页 buttons and "第1页/共2页", never a
// drag-only scroll, so every item is reachable by taps alone.
#pragma once

#include <functional>
#include <string>

#include "kiosk/app/context.h"

namespace complaint {

// The height build_pager needs at `width`: one row when both buttons and the position fit
// side by side, else the position on a line above the two buttons.
int pager_height(ui::Scene& scene, AppContext& context, int width, int pages);

// `<prefix>.previous`, `<prefix>.position` and `<prefix>.next`; a button is disabled on the
// first / last page. `turn(page)` is called with the new 0-based page.
void build_pager(ui::Scene& scene, AppContext& context, ui::Rect rect, const std::string& prefix, int page,
                 int pages, const std::function<void(int)>& turn);

}  // namespace complaint
