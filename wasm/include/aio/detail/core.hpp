// The untyped machinery shared by futures and tasks: ready-queue items, timers, waiter links and
// the reference-counted future state. Users see the typed handles in future.hpp / task.hpp.
#pragma once

#include "aio/detail/alloc.hpp"
#include "aio/detail/coroutine.hpp"
#include "aio/trace.hpp"

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aio {
class event_loop;
}

namespace aio::detail {

// Something the loop can run from its ready queue.
class runnable {
public:
    virtual void run() = 0;
    // The same step while the loop is traced (a task reports resumed/suspended); the loop
    // decides which per tick, so that an untraced step tests nothing about tracing.
    virtual void run_traced() { run(); }
    // A task's step (task_core): the loop's untraced tick runs it inline, without the virtual call.
    bool is_task() const { return is_task_; }
    bool queued = false;  // in the ready queue now (guards against double scheduling)

protected:
    ~runnable() = default;
    bool is_task_ = false;
};

// An entry of the loop's timer heap; lives inside whatever owns it (a sleep awaiter in a frame,
// a timeout scope, a callback item) and removes itself when destroyed early.
class timer_node {
public:
    static constexpr std::uint32_t not_armed = ~std::uint32_t{0};
    virtual void fire() = 0;
    bool armed() const { return heap_index != not_armed; }

    std::int64_t deadline = 0;
    std::uint64_t sequence = 0;  // FIFO among equal deadlines
    std::uint32_t heap_index = not_armed;
    std::uint64_t task_id = 0;  // for the trace: the sleeping task, if any

protected:
    ~timer_node() = default;
};

class future_core;

// An intrusive link that lets something be told when a future completes, without allocating.
struct waiter_node {
    using notify_fn = void (*)(waiter_node&, future_core&);
    notify_fn notify = nullptr;
    waiter_node* prev = nullptr;
    waiter_node* next = nullptr;
    future_core* linked_to = nullptr;
    // Who waits through this link: the awaiting task, or the future it feeds (a gather's); call
    // graphs follow it to list what awaits a future (asyncio's awaited_by). Null: untracked.
    future_core* on_behalf = nullptr;
};

// Shared state of a future: status, error, waiters and user callbacks. Reference counted by the
// handles (and, for a running task, by the loop). Not thread-safe: it belongs to its loop's thread.
class future_core : public runnable, public pooled {
public:
    enum class status : std::uint8_t { pending, finished, cancelled };

    explicit future_core(event_loop& loop) : loop_(&loop) {}
    future_core(const future_core&) = delete;
    future_core& operator=(const future_core&) = delete;
    virtual ~future_core();

    event_loop& loop() const { return *loop_; }
    bool done() const { return status_ != status::pending; }
    bool cancelled() const { return status_ == status::cancelled; }
    // Finished with an exception (not a cancellation); does not mark it retrieved.
    bool has_exception() const { return status_ == status::finished && error_ != nullptr; }
    void mark_retrieved() { retrieved_ = true; }
    bool retrieved() const { return retrieved_; }

    // Cancels a pending future (a task overrides this to deliver the request to its coroutine).
    virtual bool cancel(std::string_view message = {});

    // The stored error, marking it retrieved; throws invalid_state_error while pending and
    // cancelled_error if cancelled.
    std::exception_ptr exception();
    // Throws invalid_state_error unless done; rethrows the error (marking it retrieved) if any.
    void check_result() {
        if (status_ != status::finished || error_) [[unlikely]]
            throw_result();
        retrieved_ = true;
    }
    // The error of a done future (null for a value), without rethrowing it; see result_or_error.
    const std::exception_ptr& stored_error() const { return error_; }

    void add_waiter(waiter_node& node);
    static void remove_waiter(waiter_node& node);
    const waiter_node* first_waiter() const { return head_; }  // then ->next

    std::uint64_t add_done_callback(std::function<void()> callback);
    std::size_t remove_done_callback(std::uint64_t id);

    void set_error(std::exception_ptr error);  // completes with an exception (not a cancellation)
    void throw_if_done() const;  // asyncio InvalidStateError("invalid state")

    void add_ref() noexcept { ++refs_; }
    void release() noexcept {
        if (--refs_ == 0) delete this;
    }
    std::uint32_t use_count() const noexcept { return refs_; }  // handles (and the loop's, while it runs)

    void run() override {}  // futures are never queued; tasks override
    // What a task awaiting this future waits on, in the trace and deadlock reports ("gather"), or
    // empty for a plain future or a task (named by its id instead).
    virtual std::string_view label() const { return {}; }

protected:
    // Marks the future done and tells waiters and callbacks. `error` is null for a value.
    void complete(status final_status, std::exception_ptr error);
    // The same, for a caller that holds a reference to this future for the whole call.
    void complete_held(status final_status, std::exception_ptr&& error);
    void report_unretrieved(const char* what, const std::string& name);

    // The small fields first: they fill runnable's tail padding (8 bytes less per future and task).
    status status_ = status::pending;
    bool retrieved_ = false;
    std::uint32_t refs_ = 0;
    event_loop* loop_;
    // Done: the exception, or the cancelled_error of a cancelled future. A pending task keeps
    // the last cancellation it raised into its coroutine here (task_core::raise_cancel), so that
    // finishing with that very exception is known to be a cancellation without rethrowing it.
    std::exception_ptr error_;

private:
    [[noreturn]] void throw_result();  // check_result()'s rare part: pending, cancelled or failed
    void schedule_callbacks();  // complete()'s rare part: the user callbacks go to call_soon

    struct callbacks {
        std::uint64_t last_id = 0;
        std::vector<std::pair<std::uint64_t, std::function<void()>>> entries;
    };
    waiter_node* head_ = nullptr;  // see add_waiter
    std::unique_ptr<callbacks> callbacks_;  // rare: allocated on first add_done_callback
};

// Intrusive reference to a future_core (the handles wrap this).
template <class Core>
class core_ref {
public:
    core_ref() = default;
    explicit core_ref(Core* core) : core_(core) {
        if (core_) core_->add_ref();
    }
    core_ref(const core_ref& other) : core_ref(other.core_) {}
    core_ref(core_ref&& other) noexcept : core_(std::exchange(other.core_, nullptr)) {}
    core_ref& operator=(core_ref other) noexcept {
        std::swap(core_, other.core_);
        return *this;
    }
    ~core_ref() {
        if (core_) core_->release();
    }
    Core* get() const { return core_; }
    Core* operator->() const { return core_; }
    explicit operator bool() const { return core_ != nullptr; }

private:
    Core* core_ = nullptr;
};

}  // namespace aio::detail
