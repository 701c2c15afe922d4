// timeout scopes (asyncio.timeout / timeout_at): the body runs inline in the calling task; when
// the deadline passes the task is cancelled, and the cancellation leaving the body is turned into
// timeout_error. A body that catches the cancellation and finishes normally just returns.
//   int v = co_await aio::timeout(2.0, [&]() -> aio::coro<int> { co_return co_await work(); });
//   co_await aio::timeout(1.0, [&](aio::timeout_scope& t) -> aio::coro<void> {
//       t.reschedule(aio::time() + 5);  // move the deadline
//       ...
//   });
//   int v = co_await aio::timeout(2.0, work());  // a coroutine as the body (it owns its arguments)
//   aio::timeout_status cm;                       // `async with timeout(t) as cm` ... cm.expired()
//   co_await aio::timeout(2.0, work(), cm);
// The deadline cancels the task with no message, as asyncio 3.11 does.
#pragma once

#include "aio/task.hpp"

#include <optional>
#include <type_traits>

namespace aio {

class timeout_scope final : public detail::timer_node {
public:
    // Binds to the running task; `when` is a loop time (seconds), nullopt = no deadline.
    explicit timeout_scope(std::optional<double> when);
    ~timeout_scope();
    timeout_scope(const timeout_scope&) = delete;
    timeout_scope& operator=(const timeout_scope&) = delete;

    std::optional<double> when() const { return when_; }
    void reschedule(std::optional<double> when);
    // The deadline passed while the body ran (the body was cancelled).
    bool expired() const { return state_ == state::expiring || state_ == state::expired; }

    // Ends the scope: throws timeout_error (with the cancellation nested as its cause, see
    // aio::cause_of) if the deadline cancelled the body and the cancellation is what left it
    // (`error`); otherwise returns and the caller rethrows `error`.
    void exit(const std::exception_ptr& error);

private:
    enum class state { entered, expiring, expired, exited };
    void fire() override;
    detail::task_core* task_;
    std::optional<double> when_;
    std::uint32_t cancelling_at_entry_;
    state state_ = state::entered;
};

// The scope as seen after its block (asyncio.Timeout read after `async with ... as cm`).
struct timeout_status {
    std::optional<double> deadline;
    bool did_expire = false;
    std::optional<double> when() const { return deadline; }
    bool expired() const { return did_expire; }
};

namespace detail {
template <class F>
inline constexpr bool is_coro_v = false;
template <class T>
inline constexpr bool is_coro_v<coro<T>> = true;

template <class F>
auto invoke_body(F& body, timeout_scope& scope) {
    if constexpr (is_coro_v<F>) {
        return std::move(body);
    } else if constexpr (std::is_invocable_v<F&, timeout_scope&>) {
        return body(scope);
    } else {
        return body();
    }
}
template <class F>
using timeout_body_t = decltype(invoke_body(std::declval<F&>(), std::declval<timeout_scope&>()));
}  // namespace detail

// Runs `body` with a deadline at loop time `when` (nullopt: none).
// `body` is a callable returning a coroutine (optionally taking the timeout_scope&) or a
// coroutine. `status`, if given, holds the scope's deadline and expired() once the block is left.
template <class F>
auto timeout_at(std::optional<double> when, F body, timeout_status* status = nullptr)
    -> coro<typename detail::timeout_body_t<F>::value_type> {
    using R = typename detail::timeout_body_t<F>::value_type;
    timeout_scope scope(when);
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> value;
    try {
        if constexpr (std::is_void_v<R>) {
            co_await detail::invoke_body(body, scope);
        } else {
            value.emplace(co_await detail::invoke_body(body, scope));
        }
    } catch (...) {
        error = std::current_exception();
    }
    struct record {  // also when exit() throws timeout_error
        timeout_scope& scope;
        timeout_status* status;
        ~record() {
            if (status) *status = {scope.when(), scope.expired()};
        }
    } on_exit{scope, status};
    scope.exit(error);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<R>) co_return std::move(*value);
}
template <class F>
auto timeout_at(std::optional<double> when, F body, timeout_status& status) {
    return timeout_at(when, std::move(body), &status);
}

// Runs `body` with a deadline `delay` seconds from now (nullopt: none).
template <class F>
auto timeout(std::optional<double> delay, F body, timeout_status* status = nullptr) {
    std::optional<double> when;
    if (delay) when = get_running_loop().time() + *delay;
    return timeout_at(when, std::move(body), status);
}
template <class F>
auto timeout(std::optional<double> delay, F body, timeout_status& status) {
    return timeout(delay, std::move(body), &status);
}

}  // namespace aio
