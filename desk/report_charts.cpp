// trend_svg and bars_svg; see report_charts.h. Coordinates are whole SVG units in a fixed
// viewBox; the browser scales the picture to the page's width.
#include "desk/report_charts.h"

#include <algorithm>
#include <cstdio>

#include "desk/web_forms.h"

namespace complaint::desk {
namespace {

std::string num(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string text_at(double x, double y, const std::string& value, const char* anchor = "middle",
                    int size = 11) {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" +
         std::to_string(size) + "\">" + html_escape(value) + "</text>";
}

}  // namespace

std::string trend_svg(const std::vector<TrendMonth>& trend, const TrendLabels& labels) {
  constexpr double kWidth = 720, kHeight = 260, kLeft = 40, kRight = 680, kTop = 40, kBottom = 210;
  if (trend.empty()) return "";
  const int most = std::max(1, std::max_element(trend.begin(), trend.end(), [](const auto& a, const auto& b) {
                                 return a.filed < b.filed;
                               })->filed);
  const double slot = (kRight - kLeft) / static_cast<double>(std::max<std::size_t>(trend.size(), 1));
  std::string svg =
      "<svg id=\"trend-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
      num(kWidth) + " " + num(kHeight) + "\" role=\"img\" aria-labelledby=\"trend-title\">" +
      "<title id=\"trend-title\">" + html_escape(labels.title) + "</title>";
  // The axes, and 0/50/100 % on the right for the rate.
  svg += "<g stroke=\"#000\" stroke-width=\"1\"><line x1=\"" + num(kLeft) + "\" y1=\"" + num(kBottom) +
         "\" x2=\"" + num(kRight) + "\" y2=\"" + num(kBottom) + "\"/><line x1=\"" + num(kRight) + "\" y1=\"" +
         num(kTop) + "\" x2=\"" + num(kRight) + "\" y2=\"" + num(kBottom) + "\"/></g>";
  for (int percent : {0, 50, 100}) {
    const double y = kBottom - (kBottom - kTop) * percent / 100.0;
    svg += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y) + "\" x2=\"" + num(kRight) + "\" y2=\"" + num(y) +
           "\" stroke=\"#bbb\" stroke-dasharray=\"2 3\"/>" +
           text_at(kRight + 4, y + 4, std::to_string(percent) + "%", "start", 10);
  }
  std::string line;
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const TrendMonth& month = trend[i];
    const double centre = kLeft + slot * (static_cast<double>(i) + 0.5);
    // The tallest bar stops below the 100 % line, so its count never sits on the rate's marker.
    const double height = (kBottom - kTop) * 0.85 * month.filed / most;
    svg += "<rect class=\"filed\" x=\"" + num(centre - slot * 0.3) + "\" y=\"" + num(kBottom - height) +
           "\" width=\"" + num(slot * 0.6) + "\" height=\"" + num(height) +
           "\" fill=\"#c8c8c8\" stroke=\"#000\" stroke-width=\"0.5\"><title>" + html_escape(month.month) +
           ": " + std::to_string(month.filed) + "</title></rect>";
    svg += text_at(centre, kBottom - height - 3, std::to_string(month.filed), "middle", 10);
    // The month under its bar; the year only where it starts or changes, to stay readable.
    const bool show_year = i == 0 || month.month.substr(5) == "01";
    svg += text_at(centre, kBottom + 14, month.month.substr(5), "middle", 10);
    if (show_year) svg += text_at(centre, kBottom + 27, month.month.substr(0, 4), "middle", 9);
    if (const auto rate = month.on_time_rate()) {
      const double y = kBottom - (kBottom - kTop) * *rate;
      line += (line.empty() ? "" : " ") + num(centre) + "," + num(y);
      svg += "<rect class=\"on-time\" x=\"" + num(centre - 3) + "\" y=\"" + num(y - 3) +
             "\" width=\"6\" height=\"6\" fill=\"#000\"><title>" + html_escape(month.month) + ": " +
             num(*rate * 100.0) + "%</title></rect>";
    }
  }
  if (!line.empty()) {
    svg += "<polyline points=\"" + line + "\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/>";
  }
  // The legend: a grey box is a count, a black line with squares the rate.
  svg += "<rect x=\"" + num(kLeft) +
         "\" y=\"10\" width=\"12\" height=\"12\" fill=\"#c8c8c8\" stroke=\"#000\" "
         "stroke-width=\"0.5\"/>" +
         text_at(kLeft + 18, 20, labels.filed, "start") + "<line x1=\"" + num(kLeft + 200) +
         "\" y1=\"16\" x2=\"" + num(kLeft + 224) + "\" y2=\"16\" stroke=\"#000\" stroke-width=\"1.5\"/>" +
         "<rect x=\"" + num(kLeft + 209) + "\" y=\"13\" width=\"6\" height=\"6\" fill=\"#000\"/>" +
         text_at(kLeft + 230, 20, labels.on_time, "start");
  return svg + "</svg>";
}

std::string bars_svg(const std::string& id, const std::string& title,
                     const std::vector<std::pair<std::string, int>>& bars) {
  constexpr double kWidth = 720, kLabel = 200, kBar = 440, kRow = 22;
  int most = 1;
  for (const auto& bar : bars) most = std::max(most, bar.second);
  const double height = kRow * static_cast<double>(bars.size()) + 30;
  std::string svg = "<svg id=\"" + html_escape(id) +
                    "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) +
                    " " + num(height) + "\" role=\"img\" aria-labelledby=\"" + html_escape(id) +
                    "-title\"><title id=\"" + html_escape(id) + "-title\">" + html_escape(title) + "</title>";
  svg += text_at(0, 16, title, "start", 12);
  double y = 28;
  for (const auto& [label, count] : bars) {
    const double width = kBar * count / most;
    svg += text_at(kLabel - 6, y + 14, label, "end") + "<rect x=\"" + num(kLabel) + "\" y=\"" + num(y + 3) +
           "\" width=\"" + num(width) + "\" height=\"" + num(kRow - 8) +
           "\" fill=\"#c8c8c8\" stroke=\"#000\" stroke-width=\"0.5\"/>" +
           text_at(kLabel + width + 6, y + 14, std::to_string(count), "start");
    y += kRow;
  }
  return svg + "</svg>";
}

}  // namespace complaint::desk
