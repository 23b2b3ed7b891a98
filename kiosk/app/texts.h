// Texts: the kiosk's name for the message catalog of one language (assets/i18n/<lang>.toml
// and its area files <lang>.kiosk.toml, <lang>.keyboard.toml, ...), loaded by core's Catalog.
#pragma once

#include "core/i18n/catalog.h"

namespace complaint {

using Texts = Catalog;

}  // namespace complaint
