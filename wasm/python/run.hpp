// Entry points: run a program as `python3 FILE` does (SyntaxError report or traceback on stderr
// and status 1; SystemExit's code; output through host().write).
#pragma once

#include <string>
#include <string_view>

namespace aio::py {

int run_source(std::string_view source, std::string filename);
int run_file(const std::string& path);

}  // namespace aio::py
