// The compiler: a parsed module (ast.hpp) to Code objects (code.hpp) for the VM.
#pragma once

#include "python/ast.hpp"
#include "python/code.hpp"

#include <string>

namespace aio::py {

// The module's code; nested functions and classes are Code constants inside it.
Value compile_module(const ast::Module& m, const std::string& filename);
// eval()'s code: m is parse_eval's one expression statement; the code returns its value.
Value compile_eval(const ast::Module& m, const std::string& filename);

}  // namespace aio::py
