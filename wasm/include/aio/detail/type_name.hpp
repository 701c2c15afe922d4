// Readable names of C++ types for messages (describe(), the debug mode's slow-step report).
#pragma once

#include <string>

namespace aio::detail {

// std::type_info::name() as written in C++ for plain (possibly nested, non-template) types:
// "N3aio11queue_emptyE" -> "aio::queue_empty"; anything else comes back as it is. libc++abi's
// __cxa_demangle would read every name, at a cost in the widget's download (see the comment in
// errors.cpp).
std::string readable_type_name(const char* mangled);

}  // namespace aio::detail
