// Picks the standard <coroutine> where the library has it (libstdc++ 12, native clang) and
// <experimental/coroutine> otherwise (Emscripten 3.1.6 ships libc++ 13, which only has the latter).
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace aio::detail::co {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace aio::detail::co
#else
#include <experimental/coroutine>
namespace aio::detail::co {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace aio::detail::co
#endif
