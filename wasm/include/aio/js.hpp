// JavaScript Promise interop (wasm, host-driven loop).
//
//   emscripten::val v = co_await aio::js::await_promise(promise);   // fulfilment value
//   std::string s   = co_await aio::js::await_string(promise);      // fulfilment must be a string
//   double d        = co_await aio::js::await_number(promise);      // ... a number
//   std::string j   = co_await aio::js::await_json(promise);        // JSON.stringify(fulfilment)
//   emscripten::val p = aio::js::to_promise(aio::create_task(work()));  // hand a task to JS
//
// - Rejection throws aio::js_error (the reason's `name` and `message`; a non-Error reason gives
//   name "Error" and String(reason)).
// - Awaiting counts as outside work (event_loop::hold_external), so the loop waits for the
//   promise instead of reporting a deadlock; traces show the wait as wait_kind::host_io.
// - Cancelling the awaiting task resumes it with cancelled_error at once. The promise keeps
//   running (JS has no way to cancel it); its late settlement finds nothing in the id table and is
//   dropped. Nothing on the JS side ever holds a pointer into wasm memory: the two sides meet
//   through small integer ids.
// - to_promise(task): the promise resolves with the task's value converted to a JS value (void ->
//   undefined; numbers, bool, strings and emscripten::val as themselves), or rejects with an
//   Error: name "CancelledError" if the task was cancelled, the original name for an
//   aio::js_error, "CppError" for any other C++ exception; message = the exception's what().
// - Only with the host-driven loop (aio::run on the wasm main thread): a loop that drives itself
//   blocks the JS thread, so no promise could settle; await_promise then throws
//   invalid_state_error. JS values belong to the main thread, so pthread workers cannot await.
#pragma once

#include "aio/errors.hpp"

#include <stdexcept>
#include <string>

namespace aio {

// A JavaScript exception or promise rejection, seen from C++.
class js_error : public std::runtime_error {
public:
    js_error(std::string name, std::string message)
        : std::runtime_error(name + ": " + message), name_(std::move(name)), message_(std::move(message)) {}
    const std::string& name() const noexcept { return name_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::string name_;
    std::string message_;
};

}  // namespace aio

#ifdef __EMSCRIPTEN__

#include "aio/task.hpp"

#include <emscripten/val.h>

#include <cstdint>
#include <functional>
#include <string_view>
#include <type_traits>

namespace aio::js {

// Awaits a Promise (or any thenable; a plain value counts as already fulfilled).
coro<emscripten::val> await_promise(emscripten::val promise);
// The fulfilment as a string / number; js_error("TypeError", ...) if it is not one.
coro<std::string> await_string(emscripten::val promise);
coro<double> await_number(emscripten::val promise);
// JSON.stringify of the fulfilment (js_error if it cannot be serialized).
coro<std::string> await_json(emscripten::val promise);

namespace detail {

// The shared machinery (also used by aio/http.hpp's fetch backend). Allocates an id, registers a
// pending future for it, holds the loop, and calls start(id), which must arrange for
// Module.aioJs.track(id, promise) to be called (synchronously). Returns the fulfilment value.
// When the awaiting frame goes away before the promise settled (cancellation), abandon(id) runs.
coro<emscripten::val> await_tracked(std::string_view label, std::function<void(std::uint32_t)> start,
                                    std::function<void(std::uint32_t)> abandon = {});

// The JS glue object (Module.aioJs), installed on first use.
emscripten::val glue();

// A fresh deferred promise: returns it and its id for settle_*.
emscripten::val new_deferred(std::uint32_t& id);
void resolve_deferred(std::uint32_t id, const emscripten::val& value);
void reject_deferred(std::uint32_t id, std::exception_ptr error);

template <class T>
emscripten::val to_val(T&& value) {
    using D = std::decay_t<T>;
    if constexpr (std::is_same_v<D, emscripten::val>) {
        return std::forward<T>(value);
    } else if constexpr (std::is_same_v<D, bool> || std::is_arithmetic_v<D> || std::is_same_v<D, std::string>) {
        return emscripten::val(std::forward<T>(value));
    } else if constexpr (std::is_convertible_v<D, std::string_view>) {
        return emscripten::val(std::string(std::string_view(value)));
    } else {
        static_assert(!sizeof(D), "to_promise: no conversion of this type to a JS value; return emscripten::val");
    }
}

}  // namespace detail

// Hands a task to JS as a Promise (see the top of this file). The task keeps running whether or
// not JS awaits the promise.
template <class T>
emscripten::val to_promise(const task<T>& t) {
    std::uint32_t id = 0;
    emscripten::val promise = detail::new_deferred(id);
    t.add_done_callback([id](const task<T>& done) {
        try {
            if constexpr (std::is_void_v<T>) {
                done.result();
                detail::resolve_deferred(id, emscripten::val::undefined());
            } else {
                detail::resolve_deferred(id, detail::to_val(done.result()));
            }
        } catch (...) {
            detail::reject_deferred(id, std::current_exception());
        }
    });
    return promise;
}

// Schedules `c` as a task on the running loop and hands it to JS as a Promise.
template <class T>
emscripten::val to_promise(coro<T> c) {
    return to_promise(create_task(std::move(c)));
}

}  // namespace aio::js

#endif  // __EMSCRIPTEN__
