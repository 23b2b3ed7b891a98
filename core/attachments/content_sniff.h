// What an uploaded file is, from its bytes alone (never its name or the browser's
// Content-Type): JPEG, PNG or PDF, each recognised by its signature and a structural check
// that also refuses a truncated file (a JPEG's markers up to its scan and its end marker, a
// PNG's chunks from IHDR to IEND, a PDF's header and end-of-file marker). Why not libmagic:
// it names a type from the first bytes and says nothing of a file cut short, which an upload
// over a poor link is; these three formats' rules are short and fixed.
#pragma once

#include <optional>
#include <string_view>

namespace complaint {

enum class AttachmentType { jpeg, png, pdf };

// nullopt when the bytes are none of the three, or one of them cut short or malformed.
std::optional<AttachmentType> sniff_attachment(std::string_view bytes);
// "image/jpeg", "image/png", "application/pdf".
const char* content_type_of(AttachmentType type);
// ".jpg", ".png", ".pdf".
const char* extension_of(AttachmentType type);
std::optional<AttachmentType> attachment_type_from_content_type(std::string_view content_type);

}  // namespace complaint
