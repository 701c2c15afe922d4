// Shared by the native module files (builtins*.cpp, mod_*.cpp): filling a namespace dict.
#pragma once

#include "python/object.hpp"

namespace aio::py {

// ns[name] = v
void define(Dict& ns, const char* name, Value v);
void define(Dict& ns, const char* name, NativeFn fn);

// callable(v): builtin functions, types, objects whose type has __call__.
bool is_callable(const Value& v);

// The parts of the builtins namespace (builtins_func.cpp, builtins_iter.cpp).
void init_builtin_functions(Dict& ns);
void init_builtin_iterators(Dict& ns);
void init_async_builtins(Dict& ns);
void init_open(Dict& ns);  // open() and the io classes (io_file.cpp)
void init_exec_builtins(Dict& ns);  // exec eval globals locals vars (builtins_exec.cpp)
void init_descriptor_builtins(Dict& ns);  // property staticmethod classmethod super (descriptors.cpp)  // aiter, anext (async_generator.cpp)

}  // namespace aio::py
