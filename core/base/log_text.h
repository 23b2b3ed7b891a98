// log_safe(): text as it may go into one journal line. Whatever a client controls (a URL
// path, a typed name, a header) can hold a newline, a carriage return, an ANSI escape or a
// right-to-left override, and written raw it forges or hides log lines ("%0a" in a path
// once wrote "sup (supervisor) signed in"). Such characters become visible escapes: \n,
// \r, \t, \xNN for other C0 bytes, DEL and bytes that are not UTF-8, \u{NNNN} for C1
// controls and bidirectional controls. Everything else is kept as it is.
#pragma once

#include <string>
#include <string_view>

namespace complaint {

std::string log_safe(std::string_view text);

}  // namespace complaint
