// future<T>: a result that someone sets later (asyncio.Future). A shared handle: copies refer to
// the same future; any number of tasks may await it.
#pragma once

#include "aio/detail/completion_wait.hpp"
#include "aio/loop.hpp"

#include <optional>
#include <type_traits>

namespace aio {

namespace detail {

template <class T>
struct value_slot {
    std::optional<T> value;
    // Awaiting or result() hands out a copy, so that every awaiter gets the value; a move-only
    // value is moved out to the first reader, and a second read throws invalid_state_error
    // rather than hand out a moved-from value.
    T read() {
        if constexpr (std::is_copy_constructible_v<T>) {
            return *value;
        } else {
            if (!value) throw invalid_state_error("the move-only result was already taken by an earlier read");
            T out = std::move(*value);
            value.reset();
            return out;
        }
    }
};
template <>
struct value_slot<void> {
    void read() {}
};

template <class T>
class future_state : public future_core, public value_slot<T> {
public:
    using future_core::future_core;
    ~future_state() override {
        if (status_ == status::finished && error_ && !retrieved_)
            report_unretrieved("Future exception was never retrieved", {});
        retrieved_ = true;
    }
    template <class... U>
    void set_result(U&&... value) {
        throw_if_done();
        if constexpr (!std::is_void_v<T>) this->value.emplace(std::forward<U>(value)...);
        complete(status::finished, nullptr);
    }
};

// Awaits any future_core whose value lives in a value_slot<T>. Owning: made from an rvalue
// handle (co_await gather(...), co_await std::move(t)), it takes that handle over; if it is the
// last one when the value is read, nobody else can read it, so the value is moved out, not copied.
// The handle an owning future_awaiter holds: a base, so that it is released only after
// completion_wait has unlinked from the future (members go before bases).
template <bool Owning>
struct awaited_handle {
    explicit awaited_handle(core_ref<future_core>&& handle) : handle_(std::move(handle)) {}
    core_ref<future_core> handle_;
};
template <>
struct awaited_handle<false> {};

template <class T, bool Owning = false>
class future_awaiter final : private awaited_handle<Owning>, public completion_wait {
public:
    future_awaiter(future_core* core, value_slot<T>* slot) requires(!Owning) : completion_wait(core), slot_(slot) {}
    future_awaiter(core_ref<future_core>&& handle, value_slot<T>* slot) requires Owning
        : awaited_handle<Owning>(std::move(handle)), completion_wait(this->handle_.get()), slot_(slot) {}

    bool await_ready() {
        if (!core_) throw invalid_state_error("await: the future/task handle is empty or moved from");
        return core_->done();
    }
    void await_suspend(co::coroutine_handle<>) {
        awaiting_task("a future can only be awaited inside a task").check_can_await(*core_);
        wait();
    }
    T await_resume() {
        if (task_) {
            task_->resume_point();
            if (core_->cancelled()) [[unlikely]] {
                core_->mark_retrieved();
                task_->raise_cancel(core_->stored_error());
            }
        }
        core_->check_result();
        if constexpr (Owning && !std::is_void_v<T>) {
            if (core_->use_count() == 1) return std::move(*slot_->value);
        }
        return slot_->read();
    }

    wait_kind kind() const override { return core_->is_task() ? wait_kind::task : wait_kind::future; }
    std::uint64_t target_id() const override {
        return core_->is_task() ? static_cast<task_core*>(core_)->id() : 0;
    }
    std::string_view label() const override { return core_->label(); }
    const future_core* awaited() const override { return core_; }

private:
    value_slot<T>* slot_;
};

}  // namespace detail

namespace detail {
// The runtime's own way to a handle's typed core (combinators, awaiters, the I/O and Python
// layers). Programs and the sandbox inspect tasks through aio/call_graph.hpp instead.
struct core_access {
    template <class Handle>
    static auto* of(const Handle& handle) { return handle.typed_core(); }
};
}  // namespace detail

// Untyped handle: what every future and task can do.
class any_future {
public:
    any_future() = default;
    explicit any_future(detail::future_core* core) : core_(core) {}

    bool valid() const { return static_cast<bool>(core_); }
    bool done() const { return checked().done(); }
    bool cancelled() const { return checked().cancelled(); }
    bool cancel(std::string_view message = {}) const { return checked().cancel(message); }
    // The exception it finished with (null if it has a value); marks it retrieved.
    std::exception_ptr exception() const { return checked().exception(); }
    // Scheduled through the loop once done (never called inline); returns an id for removal.
    std::uint64_t add_done_callback(std::function<void(const any_future&)> callback) const {
        return add_callback_as<any_future>(std::move(callback));
    }
    std::size_t remove_done_callback(std::uint64_t id) const {
        return checked().remove_done_callback(id);
    }
    event_loop& get_loop() const { return checked().loop(); }

    detail::future_core* core() const { return core_.get(); }
    friend bool operator==(const any_future& a, const any_future& b) {
        return a.core_.get() == b.core_.get();
    }

protected:
    detail::future_core& checked() const {
        if (!core_) throw invalid_state_error("the future/task handle is empty or moved from");
        return *core_.get();
    }
    template <class Handle, class F>
    std::uint64_t add_callback_as(F callback) const {
        return checked().add_done_callback(
            [callback = std::move(callback), core = core_.get()] {
                callback(Handle(static_cast<decltype(detail::core_access::of(std::declval<const Handle&>()))>(core)));
            });
    }

    detail::future_core* typed_core() const { return core_.get(); }
    friend struct detail::core_access;

    detail::core_ref<detail::future_core> core_;
};

// What the loop's exception handler receives (asyncio's context dict).
struct error_context {
    std::string message{};
    std::exception_ptr exception{};
    std::uint64_t task_id = 0;   // the task concerned, if any (0: none)
    std::string task_name{};
    any_future future{};         // asyncio's 'future' / 'task' (empty when reported as it is destroyed)
    callback_handle handle{};    // asyncio's 'handle': the callback that raised
};

template <class T = void>
class future : public any_future {
public:
    using value_type = T;
    future() = default;
    explicit future(detail::future_state<T>* state) : any_future(state) {}

    // The value, or rethrows its exception; invalid_state_error while pending.
    T result() const {
        checked().check_result();
        return state().read();
    }
    template <class... U>
    void set_result(U&&... value) const {
        checked();
        state().set_result(std::forward<U>(value)...);
    }
    void set_exception(std::exception_ptr error) const { checked().set_error(std::move(error)); }
    template <class E>
    void set_exception(E error) const {
        set_exception(std::make_exception_ptr(std::move(error)));
    }
    std::uint64_t add_done_callback(std::function<void(const future&)> callback) const {
        return add_callback_as<future>(std::move(callback));
    }

    detail::future_awaiter<T> operator co_await() const& {
        return detail::future_awaiter<T>(core_.get(), core_ ? &state() : nullptr);
    }
    detail::future_awaiter<T, true> operator co_await() && {
        detail::value_slot<T>* slot = core_ ? &state() : nullptr;
        return detail::future_awaiter<T, true>(std::move(core_), slot);
    }

private:
    friend struct detail::core_access;
    detail::future_state<T>* typed_core() const {
        return static_cast<detail::future_state<T>*>(core_.get());
    }
    detail::future_state<T>& state() const { return *typed_core(); }
};

template <class T>
future<T> event_loop::create_future() {
    if (closed_) throw loop_closed_error();
    return future<T>(new detail::future_state<T>(*this));
}

// A future bound to the running loop (asyncio.Future()).
template <class T = void>
future<T> create_future() {
    return get_running_loop().create_future<T>();
}

}  // namespace aio
