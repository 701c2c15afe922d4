// Shared machinery of the synchronization primitives and queues (lock.hpp, event.hpp,
// condition.hpp, semaphore.hpp, barrier.hpp, queue.hpp):
//
// - detail::wait_node: the base of every primitive's awaiter. It lives in the awaiting coroutine
//   frame (the awaiter temporary of `co_await`), so waiting never allocates. It is a suspension
//   (the task's wait point, reported as wait_kind::primitive) and a link of an intrusive FIFO list.
// - detail::wait_list: that FIFO list (head, tail, size).
// - aio::scoped_hold<P>: the RAII guard that `co_await x.scoped()` returns (`async with x:`).
//
// Protocol shared by all primitives:
// - A waiter is queued at the back of a wait_list and its task parked with task->wait_on(node).
// - Waking pops it from the list (it is then unlinked: list == nullptr), sets `granted` when it was
//   handed what it waited for (the lock, a permit, a queue slot or item, ...) and task->wake()s it.
//   Hand-over is direct: the thing granted is reserved for that waiter, so a newcomer can never
//   take it first (strict FIFO, no barging).
// - Cancelled while still queued: the awaiter's on_cancel unlinks it and wakes its task with a
//   pending cancellation (nothing was consumed).
// - Cancelled after being granted but before it ran (the task is already scheduled, so on_cancel is
//   not called; the cancellation is pending): await_resume sees the pending cancellation, gives
//   the grant back (which passes it to the next waiter) and throws.
// - Destroyed while queued (its frame is destroyed, e.g. when its loop is destroyed): the
//   destructor unlinks it; destroyed while holding an unused grant: the destructor gives it back.
// A primitive must outlive the tasks waiting on it (as with any C++ object shared by reference).
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"

#include <cstddef>
#include <string>
#include <utility>

namespace aio {

namespace detail {

class wait_list;

class wait_node : public suspension {
public:
    wait_node() = default;
    wait_node(const wait_node&) = delete;
    wait_node& operator=(const wait_node&) = delete;

    bool linked() const noexcept { return list != nullptr; }
    wait_kind kind() const override { return wait_kind::primitive; }

    wait_node* prev = nullptr;
    wait_node* next = nullptr;
    wait_list* list = nullptr;  // the list it is queued in, null when not queued
    task_core* task = nullptr;  // the waiting task (set when it suspends)
    bool granted = false;       // was handed what it waited for and has not consumed it yet
    bool cancelled = false;     // left the list because its task was cancelled

protected:
    ~wait_node() = default;  // concrete awaiters unlink themselves (see unlink())

    // Parks the current task on `l` (call from await_suspend).
    inline void park(wait_list& l, const char* what);
    inline void unlink() noexcept;
    // The common on_cancel of a waiter that holds nothing yet: leave the queue, wake with the
    // cancellation pending.
    bool cancel_queued(task_core& t, std::string_view message) {
        unlink();
        cancelled = true;
        t.set_pending_cancel(message);
        t.wake();
        return true;
    }
    // Resumed after cancel_queued(): throws the pending cancellation, or a fresh cancelled_error
    // if it was withdrawn (uncancel()) meanwhile — the wait was abandoned either way.
    [[noreturn, gnu::noinline, gnu::cold]] void raise_cancelled() {
        task->resume_point();
        throw cancelled_error();
    }
    // Resumed with a cancellation pending (cancelled after it was woken)?
    bool cancel_pending() const noexcept { return task && task->has_pending_cancel(); }
};

class wait_list {
public:
    wait_list() = default;
    wait_list(const wait_list&) = delete;
    wait_list& operator=(const wait_list&) = delete;
    ~wait_list() {
        // Waiters left behind (the primitive dies first: a bug in the caller). Orphan them so that
        // their destructors and cancellation do not touch this freed list.
        for (wait_node* n = head_; n;) {
            wait_node* next = n->next;
            n->prev = n->next = nullptr;
            n->list = nullptr;
            n = next;
        }
    }

    bool empty() const noexcept { return head_ == nullptr; }
    std::size_t size() const noexcept { return size_; }
    wait_node* front() const noexcept { return head_; }

    void push_back(wait_node& n) noexcept {
        n.list = this;
        n.next = nullptr;
        n.prev = tail_;
        if (tail_) {
            tail_->next = &n;
        } else {
            head_ = &n;
        }
        tail_ = &n;
        ++size_;
    }
    void remove(wait_node& n) noexcept {
        if (n.prev) {
            n.prev->next = n.next;
        } else {
            head_ = n.next;
        }
        if (n.next) {
            n.next->prev = n.prev;
        } else {
            tail_ = n.prev;
        }
        n.prev = n.next = nullptr;
        n.list = nullptr;
        --size_;
    }
    wait_node* pop_front() noexcept {
        wait_node* n = head_;
        if (n) remove(*n);
        return n;
    }
    // Pops the first waiter and wakes its task; `grant` says whether it was handed something.
    bool wake_first(bool grant) {
        wait_node* n = pop_front();
        if (!n) return false;
        wake(*n, grant);
        return true;
    }
    // Wakes every waiter (front to back).
    void wake_all(bool grant) {
        while (wait_node* n = pop_front()) wake(*n, grant);
    }
    static void wake(wait_node& n, bool grant) {
        n.granted = grant;
        if (n.task) n.task->wake();
    }

private:
    wait_node* head_ = nullptr;
    wait_node* tail_ = nullptr;
    std::size_t size_ = 0;
};

inline void wait_node::park(wait_list& l, const char* what) {
    task = this_thread.current_task;
    if (!task) throw invalid_state_error(std::string(what) + " can only be awaited inside a task");
    granted = false;
    cancelled = false;
    l.push_back(*this);
    task->wait_on(this);
}

inline void wait_node::unlink() noexcept {
    if (list) list->remove(*this);
}

}  // namespace detail

// What `co_await x.scoped()` returns for a lock, semaphore or condition: owns one acquisition and
// releases it when destroyed — at the end of the scope, on an exception and on cancellation
// (asyncio's `async with x:`). Move-only. release() gives it up early.
//
//     {
//         auto held = co_await lk.scoped();
//         ...                       // the lock is held here
//     }                             // released here (also if the block throws or is cancelled)
template <class Primitive>
class [[nodiscard]] scoped_hold {
public:
    scoped_hold() = default;
    explicit scoped_hold(Primitive& p) noexcept : p_(&p) {}
    scoped_hold(scoped_hold&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    scoped_hold& operator=(scoped_hold&& other) noexcept {
        if (this != &other) {
            reset();
            p_ = std::exchange(other.p_, nullptr);
        }
        return *this;
    }
    ~scoped_hold() { reset(); }

    bool owns() const noexcept { return p_ != nullptr; }
    explicit operator bool() const noexcept { return owns(); }
    Primitive* get() const noexcept { return p_; }
    // Releases now (no-op if it owns nothing).
    void release() {
        if (p_) std::exchange(p_, nullptr)->release();
    }

private:
    void reset() noexcept {
        if (p_) std::exchange(p_, nullptr)->release_held();
    }
    Primitive* p_ = nullptr;
};

namespace detail {

// Wraps an acquiring awaiter so that `co_await` yields a scoped_hold instead of nothing.
template <class Primitive, class Awaiter>
class [[nodiscard]] scoped_awaiter {
public:
    explicit scoped_awaiter(Primitive& p) : p_(p), inner_(p) {}
    // `target` is what the inner awaiter acquires (a condition acquires its lock).
    template <class Target>
    scoped_awaiter(Primitive& p, Target& target) : p_(p), inner_(target) {}
    bool await_ready() { return inner_.await_ready(); }
    void await_suspend(co::coroutine_handle<> h) { inner_.await_suspend(h); }
    scoped_hold<Primitive> await_resume() {
        inner_.await_resume();
        return scoped_hold<Primitive>(p_);
    }

private:
    Primitive& p_;
    Awaiter inner_;
};

}  // namespace detail

}  // namespace aio
