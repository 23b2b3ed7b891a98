// Checks of the layout the real kiosk reports (test control's `layout`), shared by the
// layout and paging tests: no clipped or overlapping text, nothing off screen or cut off by
// the navigation bar, body text >= 4.8 mm and touch targets >= 9 mm.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace complaint::test {

struct Box {
  int x, y, w, h;
  bool intersects(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
};

Box box(const nlohmann::json& r);

// The display modes every screen is checked in: as configured ([kiosk] large_text /
// high_contrast), the same the welcome screen's switches give.
enum class Mode { normal, large, high_contrast };
std::string mode_config(Mode mode);  // the [kiosk] TOML that turns it on ("" for normal)
std::string mode_suffix(Mode mode);  // "", "L" or "H" in failure messages and screenshot names
// 1280x800, 1920x1080 and 1080x1920, each in every mode.
std::vector<std::tuple<int, int, Mode>> supported_sizes_and_modes();
// A test parameter's name: "1280x800", "1280x800_large", "1080x1920_high_contrast".
std::string size_and_mode_name(const std::tuple<int, int, Mode>& param);

// Adds a test failure, naming `where`, for each problem of `layout` (kiosk.layout()).
void check_layout(const nlohmann::json& layout, const std::string& where);

}  // namespace complaint::test
