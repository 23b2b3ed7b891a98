// Pager: two buttons and the position between them (or above them when narrow).
#include "kiosk/screens/pager.h"

#include <algorithm>

namespace complaint {

namespace {

std::string position_text(AppContext& context, int page, int pages) {
  return context.tr("kiosk.pager.position",
                    {{"page", std::to_string(page + 1)}, {"pages", std::to_string(pages)}});
}

int button_width(ui::Scene& scene, AppContext& context) {
  const ui::Metrics& m = scene.metrics();
  int w = m.min_target;
  for (const char* key : {"kiosk.pager.previous", "kiosk.pager.next"}) {
    w = std::max(w, scene.painter().measure(context.tr(key), m.button).size.w + 2 * m.dp(18) + m.dp(8));
  }
  return w;
}

bool one_row(ui::Scene& scene, AppContext& context, int width, int pages) {
  const ui::Metrics& m = scene.metrics();
  const int position_w = scene.painter().measure(position_text(context, pages - 1, pages), m.body).size.w;
  return 2 * button_width(scene, context) + position_w + 2 * m.gap <= width;
}

}  // namespace

int pager_height(ui::Scene& scene, AppContext& context, int width, int pages) {
  const ui::Metrics& m = scene.metrics();
  if (one_row(scene, context, width, pages)) return m.button_height;
  return scene.painter().line_height(m.body) + m.dp(4) + m.button_height;
}

void build_pager(ui::Scene& scene, AppContext& context, ui::Rect rect, const std::string& prefix, int page,
                 int pages, const std::function<void(int)>& turn) {
  const ui::Metrics& m = scene.metrics();
  const bool row = one_row(scene, context, rect.w, pages);
  ui::Rect position = row ? ui::Rect{} : rect.take_top(scene.painter().line_height(m.body), m.dp(4));
  const int button_w = row ? button_width(scene, context) : (rect.w - m.gap) / 2;
  ui::Widget& previous =
      scene.button(prefix + ".previous", rect.take_left(button_w, m.gap), context.tr("kiosk.pager.previous"),
                   ui::Style::secondary, [turn, page] { turn(page - 1); });
  previous.enabled = page > 0;
  ui::Widget& next =
      scene.button(prefix + ".next", rect.take_right(button_w, m.gap), context.tr("kiosk.pager.next"),
                   ui::Style::secondary, [turn, page] { turn(page + 1); });
  next.enabled = page + 1 < pages;
  if (row) position = rect;
  ui::Widget& label = scene.label(prefix + ".position", position, position_text(context, page, pages), m.body,
                                  scene.theme().text, ui::Align::centre);
  label.valign = ui::Align::centre;
  label.wrap = ui::Wrap::none;
}

}  // namespace complaint
