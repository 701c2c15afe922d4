// wait, wait_for and as_completed.
//   auto [done, pending] = co_await aio::wait(tasks, aio::return_when::first_completed, 2.0);
//   int v = co_await aio::wait_for(slow(), 3.0);          // timeout_error after 3 s
//   for (auto next : aio::as_completed(tasks)) { int v = co_await next; }  // completion order
// Each takes any awaitable (coroutines, tasks, futures, aio::sleep(1), a user's awaiter); what is
// not a task or future is wrapped in a task (asyncio.ensure_future). wait() refuses coroutines,
// as asyncio 3.11 does.
#pragma once

#include "aio/task.hpp"
#include "aio/timeout.hpp"

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace aio {

enum class return_when { first_completed, first_exception, all_completed };

template <class F>
struct wait_result {
    std::vector<F> done;
    std::vector<F> pending;
};

namespace detail {
// A waiter_node that calls back into an owner object.
template <class Owner>
struct owner_link : waiter_node {
    Owner* owner = nullptr;
    std::size_t index = 0;
    owner_link() = default;
    owner_link(const owner_link&) = delete;
    owner_link& operator=(const owner_link&) = delete;
    ~owner_link() {
        if (linked_to) future_core::remove_waiter(*this);
    }
};
}  // namespace detail

namespace detail {
// asyncio.wait's ValueErrors.
inline void check_wait_args(return_when when, std::size_t count) {
    if (when != return_when::first_completed && when != return_when::first_exception &&
        when != return_when::all_completed)
        throw std::invalid_argument("Invalid return_when value: " + std::to_string(static_cast<int>(when)));
    if (count == 0) throw std::invalid_argument("Set of Tasks/Futures is empty.");
}
}  // namespace detail

// Waits until `when` is satisfied or `timeout` seconds pass; never cancels anything.
// Returns the futures split into done and pending (input order kept).
template <class F>
coro<wait_result<F>> wait(std::vector<F> futures, return_when when = return_when::all_completed,
                          std::optional<double> timeout = std::nullopt) {
    static_assert(std::is_base_of_v<any_future, F>, "wait() takes tasks or futures");
    detail::check_wait_args(when, futures.size());
    for (auto& f : futures)
        if (!f.valid()) throw invalid_state_error("wait(): empty task/future handle");

    struct watcher {
        future<void> wakeup;
        std::size_t remaining = 0;
        return_when when;
        void update(detail::future_core& f) {
            if (remaining > 0) --remaining;
            if (wakeup.done()) return;
            if (remaining == 0 || when == return_when::first_completed ||
                (when == return_when::first_exception && f.has_exception()))
                wakeup.set_result();
        }
    };
    event_loop& loop = get_running_loop();
    watcher w{loop.create_future<void>(), futures.size(), when};
    detail::task_core* this_task = detail::this_thread.current_task;  // awaits them (call graphs)
    std::vector<detail::owner_link<watcher>> links(futures.size());
    for (std::size_t i = 0; i < futures.size(); ++i) {
        detail::future_core* f = futures[i].core();
        if (f->done()) {
            w.update(*f);
            continue;
        }
        links[i].owner = &w;
        links[i].on_behalf = this_task;
        links[i].notify = [](detail::waiter_node& n, detail::future_core& f) {
            static_cast<detail::owner_link<watcher>&>(n).owner->update(f);
        };
        f->add_waiter(links[i]);
    }
    callback_handle timer;
    if (timeout && !w.wakeup.done()) {
        timer = loop.call_later(*timeout, [wakeup = w.wakeup] {
            if (!wakeup.done()) wakeup.set_result();
        });
    }
    if (!w.wakeup.done()) co_await w.wakeup;
    timer.cancel();
    wait_result<F> out;
    for (auto& f : futures) (f.done() ? out.done : out.pending).push_back(std::move(f));
    co_return out;
}

// wait() over other awaitables (aio::sleep(1), a user's awaiter): each is wrapped in a task, as
// asyncio.wait's ensure_future does; done/pending hold those tasks. Coroutines are refused, as
// asyncio 3.11 refuses them: make tasks of them first.
template <class A>
    requires(!std::is_base_of_v<any_future, A>)
coro<wait_result<ensure_future_t<A>>> wait(std::vector<A> awaitables, return_when when = return_when::all_completed,
                                           std::optional<double> timeout = std::nullopt) {
    static_assert(!detail::is_coro_v<A>, "Passing coroutines is forbidden, use tasks explicitly.");
    detail::check_wait_args(when, awaitables.size());
    std::vector<ensure_future_t<A>> futures;
    futures.reserve(awaitables.size());
    for (auto& a : awaitables) futures.push_back(ensure_future(std::move(a)));
    co_return co_await wait(std::move(futures), when, timeout);
}

// wait(std::array{t, u}): the spelling that g++ 12 compiles inside a co_await expression, where
// any braced list (`std::vector<aio::task<void>>{t}`, `{t, u}`) is refused ("array used as
// initializer", a g++ 11-12 bug in the awaiting frame, whatever wait takes); clang takes both.
template <class F, std::size_t N>
auto wait(std::array<F, N> futures, return_when when = return_when::all_completed,
          std::optional<double> timeout = std::nullopt) {
    return wait(std::vector<F>(std::make_move_iterator(futures.begin()), std::make_move_iterator(futures.end())),
                when, timeout);
}

// Awaits `aw` with a deadline (asyncio 3.12 semantics): on timeout the inner awaitable is
// cancelled, its cleanup awaited, and timeout_error raised. If it swallows the cancellation and
// returns a value, that value is returned. nullopt = no deadline.
template <class A>
auto wait_for(A aw, std::optional<double> seconds) -> coro<await_result_t<A>> {
    using T = await_result_t<A>;
    if (seconds && *seconds <= 0) {
        auto f = ensure_future(std::move(aw));
        if (!f.done()) {
            f.cancel();
            try {
                co_return co_await f;  // it swallowed the cancellation: its outcome stands
            } catch (const cancelled_error&) {
                if (!f.cancelled()) throw;  // we were cancelled ourselves
                std::throw_with_nested(timeout_error("timed out"));  // the cancellation is its cause
            }
        }
        co_return f.result();
    }
    co_return co_await timeout(seconds, [&]() -> coro<T> { co_return co_await std::move(aw); });
}

// Iterates the results of `futures` in the order they finish. Each element is a coroutine that
// waits for the next finished one and returns its value (or rethrows its exception); once
// `timeout` seconds have passed it throws timeout_error instead.
template <class H>
class as_completed_range {
    struct state;

public:
    using value_type = typename H::value_type;

    as_completed_range(std::vector<H> futures, std::optional<double> timeout)
        : state_(std::make_shared<state>()) {
        event_loop& loop = get_running_loop();
        state_->loop = &loop;
        state_->todo = std::move(futures);
        state_->links = std::vector<detail::owner_link<state>>(state_->todo.size());
        for (std::size_t i = 0; i < state_->todo.size(); ++i) {
            auto& link = state_->links[i];
            link.owner = state_.get();
            link.index = i;
            link.on_behalf = detail::this_thread.current_task;  // the task iterating (call graphs)
            link.notify = [](detail::waiter_node& n, detail::future_core&) {
                auto& l = static_cast<detail::owner_link<state>&>(n);
                l.owner->finished_one(l.index);
            };
            detail::future_core* f = state_->todo[i].core();
            if (f->done()) {
                state_->finished_one(i);
            } else {
                f->add_waiter(link);
            }
        }
        if (timeout) {
            state* s = state_.get();
            state_->timer = loop.call_later(*timeout, [s] {
                s->timed_out = true;
                s->signal_waiter();
            });
        }
    }

    std::size_t size() const { return state_->todo.size(); }
    // The next result in completion order.
    coro<value_type> next() { return next_of(state_); }

    class iterator {
    public:
        using difference_type = std::ptrdiff_t;
        using value_type = coro<typename H::value_type>;
        iterator(std::shared_ptr<typename as_completed_range::state> s, std::size_t i)
            : state_(std::move(s)), index_(i) {}
        value_type operator*() const { return next_of(state_); }
        iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator!=(const iterator& other) const { return index_ != other.index_; }
        bool operator==(const iterator& other) const { return index_ == other.index_; }

    private:
        std::shared_ptr<typename as_completed_range::state> state_;
        std::size_t index_;
    };
    iterator begin() const { return iterator(state_, 0); }
    iterator end() const { return iterator(state_, size()); }

private:
    struct state {
        event_loop* loop = nullptr;
        std::vector<H> todo;
        std::vector<detail::owner_link<state>> links;
        std::deque<H> finished;
        std::size_t handed_out = 0;
        future<void> signal;
        bool timed_out = false;
        callback_handle timer;
        ~state() {
            timer.cancel();
            links.clear();
        }
        void finished_one(std::size_t index) {
            finished.push_back(todo[index]);
            signal_waiter();
        }
        void signal_waiter() {
            if (signal.valid() && !signal.done()) signal.set_result();
        }
    };

    static coro<value_type> next_of(std::shared_ptr<state> s) {
        for (;;) {
            if (!s->finished.empty()) {
                H h = std::move(s->finished.front());
                s->finished.pop_front();
                ++s->handed_out;
                co_return h.result();
            }
            if (s->timed_out) throw timeout_error("as_completed: timed out");
            if (s->handed_out >= s->todo.size())
                throw invalid_state_error("as_completed: every result was already taken");
            s->signal = s->loop->template create_future<void>();
            co_await s->signal;
        }
    }

    std::shared_ptr<state> state_;
};

template <class A>
auto as_completed(std::vector<A> awaitables, std::optional<double> timeout = std::nullopt) {
    using H = ensure_future_t<A>;
    std::vector<H> futures;
    futures.reserve(awaitables.size());
    for (auto& a : awaitables) futures.push_back(ensure_future(std::move(a)));
    return as_completed_range<H>(std::move(futures), timeout);
}

}  // namespace aio
