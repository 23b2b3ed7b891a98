// The statistics page's charts as inline SVG (docs/DOMAIN.md §9): drawn on the server, no
// JavaScript and nothing fetched, in black and greys so they print on a monochrome printer.
// Every figure drawn is also written as text beside its mark (and the page has the tables),
// so a chart is never the only place a number is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/reports/monthly_trend.h"

namespace complaint::desk {

struct TrendLabels {
  std::string title, filed, on_time;  // the chart's title and its two series
};
// Bars of tickets filed per month and a line of the on-time rate (0–100 %, right axis).
std::string trend_svg(const std::vector<TrendMonth>& trend, const TrendLabels& labels);

// Horizontal bars, one per (label, count), longest first as given.
std::string bars_svg(const std::string& id, const std::string& title,
                     const std::vector<std::pair<std::string, int>>& bars);

}  // namespace complaint::desk
