// A whole file's bytes, read with stdio: <fstream> would link iostreams and locales into every
// wasm module (tens of KB gzipped, against the widget's download budget). Shared by schedule
// replay files, the sandbox's catalog and the Python front-end's programs and imports.
#pragma once

#include <optional>
#include <string>

namespace aio::detail {

// nullopt when the file cannot be opened or read.
std::optional<std::string> read_file(const std::string& path);

}  // namespace aio::detail
