#include "aio/detail/core.hpp"
#include "aio/future.hpp"

#include <algorithm>
#include <cstdio>

namespace aio::detail {

future_core::~future_core() {
    if (status_ == status::finished && error_ && !retrieved_)
        report_unretrieved("Future exception was never retrieved", {});
}

void future_core::report_unretrieved(const char* what, const std::string& name) {
    retrieved_ = true;
    // Reported from the destructor: no handle to the future can be given out any more.
    error_context context{what, error_, 0, name};
    if (is_task_) context.task_id = static_cast<task_core*>(this)->id();
    if (loop_alive(loop_)) {
        loop_->call_exception_handler(context);
    } else {
        std::fprintf(stderr, "aio: %s (task %s): %s\n", what, name.c_str(), describe(error_).c_str());
    }
}

bool future_core::cancel(std::string_view message) {
    if (done()) return false;
    complete(status::cancelled, std::make_exception_ptr(cancelled_error(std::string(message))));
    return true;
}

std::exception_ptr future_core::exception() {
    if (!done()) throw invalid_state_error("Exception is not set.");
    if (cancelled()) std::rethrow_exception(error_);
    retrieved_ = true;
    return error_;
}

void future_core::throw_result() {
    if (!done()) throw invalid_state_error("Result is not set.");
    retrieved_ = true;
    if (!error_) throw cancelled_error();  // not reached: a cancelled future keeps its error
    std::rethrow_exception(error_);
}

void future_core::throw_if_done() const {
    if (done()) throw invalid_state_error("invalid state");  // asyncio's words, whichever setter
}

void future_core::set_error(std::exception_ptr error) {
    throw_if_done();
    if (!error) throw invalid_state_error("set_exception: null exception");
    complete(status::finished, std::move(error));
}

// The waiters: a list from head_ along `next`; the head's `prev` is the last node (so a future
// needs no tail pointer), every other node's `prev` its predecessor.
void future_core::add_waiter(waiter_node& node) {
    node.linked_to = this;
    node.next = nullptr;
    if (!head_) {
        head_ = &node;
        node.prev = &node;
        return;
    }
    waiter_node* last = head_->prev;
    last->next = &node;
    node.prev = last;
    head_->prev = &node;
}

void future_core::remove_waiter(waiter_node& node) {
    future_core* f = node.linked_to;
    if (!f) return;
    if (f->head_ == &node) {
        f->head_ = node.next;
        if (node.next) node.next->prev = node.prev;  // the last node
    } else {
        node.prev->next = node.next;
        if (node.next) {
            node.next->prev = node.prev;
        } else {
            f->head_->prev = node.prev;  // it was the last
        }
    }
    node.prev = node.next = nullptr;
    node.linked_to = nullptr;
}

std::uint64_t future_core::add_done_callback(std::function<void()> callback) {
    if (!callbacks_) callbacks_ = std::make_unique<callbacks>();
    std::uint64_t id = ++callbacks_->last_id;
    if (done()) {
        // asyncio: a callback added to a done future is scheduled at once.
        loop_->call_soon([ref = core_ref<future_core>(this), cb = std::move(callback)] { cb(); });
    } else {
        callbacks_->entries.emplace_back(id, std::move(callback));
    }
    return id;
}

std::size_t future_core::remove_done_callback(std::uint64_t id) {
    if (!callbacks_) return 0;
    auto& entries = callbacks_->entries;
    auto it = std::remove_if(entries.begin(), entries.end(), [id](auto& e) { return e.first == id; });
    std::size_t removed = static_cast<std::size_t>(entries.end() - it);
    entries.erase(it, entries.end());
    return removed;
}

void future_core::complete(status final_status, std::exception_ptr error) {
    core_ref<future_core> keep_alive(this);  // a waiter may drop the last other reference
    complete_held(final_status, std::move(error));
}

void future_core::complete_held(status final_status, std::exception_ptr&& error) {
    status_ = final_status;
    error_ = std::move(error);
    while (waiter_node* node = head_) {
        remove_waiter(*node);
        node->notify(*node, *this);
    }
    if (callbacks_) [[unlikely]]
        schedule_callbacks();
}

void future_core::schedule_callbacks() {
    auto entries = std::move(callbacks_->entries);
    for (auto& entry : entries)
        loop_->call_soon([ref = core_ref<future_core>(this), cb = std::move(entry.second)] { cb(); });
}

}  // namespace aio::detail
