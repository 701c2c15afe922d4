// coro<T>: what `async def` returns. Lazy: nothing runs until it is awaited (inline, in the
// awaiting task) or handed to create_task. Awaiting it while it runs, after it finished, or once
// it was moved out (into create_task) throws aio::runtime_error, as asyncio does.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/detail/unique_frame.hpp"
#include "aio/errors.hpp"

#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

template <class T = void>
class coro;

namespace detail {

// Where a coroutine comes from, for call graphs: a promise's constructor takes it as a defaulted
// argument, so the compiler's builtins name the coroutine itself (g++ 12 and clang 14 both do;
// libc++ 13 has no <source_location>). `line` is the line of the coroutine's definition as the
// compiler reports it (clang: its first line; g++: its closing brace).
struct frame_site {
    const char* function = "";
    const char* file = "";
    int line = 0;
    static constexpr frame_site here(const char* function = __builtin_FUNCTION(),
                                     const char* file = __builtin_FILE(), int line = __builtin_LINE()) noexcept {
        return {function, file, line};
    }
};

struct promise_base {
    explicit promise_base(frame_site site) noexcept
        : function(site.function), file(site.file), line(static_cast<std::uint16_t>(site.line > 65535 ? 65535 : site.line)) {}

    co::coroutine_handle<> parent;  // the awaiting frame; null for a task's root
    task_core* owner = nullptr;     // the task whose stack of frames this frame is on
    std::exception_ptr error;
    // The coroutine frame this one awaits right now (null otherwise): the task's call stack is
    // the chain from its root frame down these links.
    promise_base* child = nullptr;
    const char* function;
    const char* file;
    std::uint16_t line;  // 65535: beyond
    bool started = false;

    static void* operator new(std::size_t size) {
        ++counters.frames;
        return pool().allocate(size);
    }
    static void operator delete(void* frame, std::size_t size) noexcept {
        --counters.frames;
        pool().deallocate(frame, size);
    }

    co::suspend_always initial_suspend() noexcept { return {}; }

    // Hands control back to the parent frame through the task's pump (or ends the task).
    struct final_awaiter {
        bool await_ready() noexcept { return false; }
        template <class P>
        void await_suspend(co::coroutine_handle<P> frame) noexcept {
            promise_base& p = frame.promise();
            p.owner->leave_frame(p.parent);
        }
        void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { error = std::current_exception(); }
};

// The awaiting frame's promise, if it is one of ours (sets and clears promise_base::child).
template <class P>
promise_base* promise_of(co::coroutine_handle<P> frame) {
    if constexpr (std::is_base_of_v<promise_base, P>) {
        return &frame.promise();
    } else {
        return nullptr;
    }
}

template <class T>
struct coro_promise : promise_base {
    static_assert(!std::is_reference_v<T>, "coro<T&> is not supported; return a pointer");
    explicit coro_promise(frame_site site = frame_site::here()) noexcept : promise_base(site) {}
    std::optional<T> value;

    coro<T> get_return_object() noexcept;
    template <class U = T>
    void return_value(U&& v) {
        value.emplace(std::forward<U>(v));
    }
    T take() {
        if (error) std::rethrow_exception(error);
        return std::move(*value);
    }
};

template <>
struct coro_promise<void> : promise_base {
    explicit coro_promise(frame_site site = frame_site::here()) noexcept : promise_base(site) {}
    coro<void> get_return_object() noexcept;
    void return_void() noexcept {}
    void take() {
        if (error) std::rethrow_exception(error);
    }
};

template <class P>
task_core* owner_of(co::coroutine_handle<P> frame) {
    if constexpr (std::is_base_of_v<promise_base, P>) {
        return frame.promise().owner;
    } else {
        return this_thread.current_task;
    }
}

}  // namespace detail

template <class T>
class [[nodiscard]] coro {
public:
    using promise_type = detail::coro_promise<T>;
    using handle_type = detail::co::coroutine_handle<promise_type>;
    using value_type = T;

    coro() = default;
    explicit coro(handle_type frame) noexcept : frame_(frame) {}

    bool valid() const noexcept { return static_cast<bool>(frame_); }
    bool started() const noexcept { return frame_ && frame_.promise().started; }

    // Takes the frame out (create_task uses this); throws if empty or already started.
    handle_type release(const char* what) {
        // A coroutine that never started cannot be done: one test covers the usual case.
        if (!frame_ || frame_.promise().started) [[unlikely]]
            check(what);
        return frame_.release();
    }

    class awaiter {
    public:
        explicit awaiter(coro& c) : c_(c) {}
        bool await_ready() {
            c_.check("await");
            return false;
        }
        template <class P>
        bool await_suspend(detail::co::coroutine_handle<P> parent) {
            detail::task_core* task = detail::owner_of(parent);
            if (!task) throw invalid_state_error("a coroutine can only be awaited inside a task");
            promise_type& p = c_.frame_.promise();
            p.started = true;
            p.parent = parent;
            p.owner = task;
            awaiting_ = detail::promise_of(parent);
            if (awaiting_) awaiting_->child = &p;
            task->enter_frame(c_.frame_.get());
            return true;
        }
        T await_resume() {
            if (awaiting_) awaiting_->child = nullptr;
            return c_.frame_.promise().take();
        }

    private:
        coro& c_;
        detail::promise_base* awaiting_ = nullptr;
    };
    awaiter operator co_await() & { return awaiter(*this); }
    awaiter operator co_await() && { return awaiter(*this); }

private:
    void check(const char* what) const {
        if (!frame_)
            throw runtime_error(std::string(what) + ": the coroutine is empty or was moved from");
        if (frame_.done()) throw runtime_error("cannot reuse already awaited coroutine");
        if (frame_.promise().started) throw runtime_error("coroutine is being awaited already");
    }
    detail::unique_frame<promise_type> frame_;
};

namespace detail {
template <class T>
coro<T> coro_promise<T>::get_return_object() noexcept {
    return coro<T>(coro<T>::handle_type::from_promise(*this));
}
inline coro<void> coro_promise<void>::get_return_object() noexcept {
    return coro<void>(coro<void>::handle_type::from_promise(*this));
}
}  // namespace detail

}  // namespace aio
