// Example parameters are outside input (the page's form, a share link, the CLI): each is checked
// by its kind before an example sees it, so a parameter cannot reach past the sandbox's limits or
// its storage folder.
//   number  the default is a number (seconds, mostly): a finite number in [0, max_duration]
//   count   tasks or items the example makes: an integer in [0, max_live_tasks]
//   path    a file or folder the example writes: a plain name (as recipe file names), kept in
//           the storage folder's examples/ folder
//   text    anything else (at most 1000 characters)
#pragma once

#include "recipe.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace aio::sandbox {

enum class param_check : std::uint8_t { text, number, count, path };

// Whether the whole text is a finite number (how a parameter with a numeric default is known).
bool is_number(std::string_view value);

// Why `value` is not acceptable for a parameter of that kind; empty if it is.
std::string param_problem(param_check kind, std::string_view value, const limits& bounds);

// Where a path parameter's value lives: DIR/examples/NAME. For a default (an absolute path in
// the program's own form), NAME is its last component.
std::string confined_path(const storage_access& storage, std::string_view value);

}  // namespace aio::sandbox
