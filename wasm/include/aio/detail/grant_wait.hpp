// grant_awaiter<Resource>: acquiring a lock or a semaphore's permit. Taken at once only when free
// and nobody queues; otherwise the task queues, FIFO, and release hands the grant straight to the
// first waiter (a newcomer never takes it in between). Cancelled while queued: leaves without it.
// Cancelled after the hand-over but before it ran, or its frame destroyed before using it: passes
// the grant on (Resource::release_held). Waiting allocates nothing: the awaiter is an intrusive
// node in the waiting coroutine's frame (wait_list.hpp).
//
// Resource (lock, semaphore) provides: bool try_take() noexcept (the fast path), waiters_ (its
// wait_list), void release_held() noexcept, and the names `wait_label` ("lock", for traces and
// deadlock reports) and `acquire_name` ("lock.acquire()", for the error of an await outside a task).
#pragma once

#include "aio/detail/wait_list.hpp"

#include <string_view>
#include <utility>

namespace aio::detail {

template <class Resource>
class [[nodiscard]] grant_awaiter final : public wait_node {
public:
    explicit grant_awaiter(Resource& r) : res_(r) {}
    ~grant_awaiter() {
        if (linked()) {
            unlink();
        } else if (granted) {
            res_.release_held();  // frame destroyed before it could use the grant
        }
    }

    bool await_ready() noexcept { return res_.try_take(); }
    void await_suspend(co::coroutine_handle<>) { park(res_.waiters_, Resource::acquire_name); }
    bool await_resume() {  // true, as asyncio's acquire()
        if (!task) return true;  // took the fast path
        if (!std::exchange(granted, false)) raise_cancelled();  // cancelled while queued
        if (task->has_pending_cancel()) {
            res_.release_held();  // cancelled after the hand-over: pass it on
            task->resume_point();
        }
        return true;
    }

    bool on_cancel(task_core& t, std::string_view message) override {
        return linked() && cancel_queued(t, message);
    }
    std::string_view label() const override { return Resource::wait_label; }

private:
    Resource& res_;
};

}  // namespace aio::detail
