// QrErrorLevel: how much of a QR code may be damaged and still read (L 7 %, M 15 %, Q 25 %,
// H 30 %). One enum for the receipt's configuration and every QR the product draws.
#pragma once

namespace complaint {

enum class QrErrorLevel { low, medium, quartile, high };

}  // namespace complaint
