// gather: run awaitables concurrently, results in argument order.
//   auto [a, b] = co_await aio::gather(f(), g());             // tuple; void results are monostate
//   std::vector<int> all = co_await aio::gather(std::move(coros));   // a range of coros/tasks
//   auto [ra, rb] = co_await aio::gather(aio::return_exceptions, f(), g());  // result<T> each
// Any awaitable goes (aio::sleep(1) is wrapped in a task, as ensure_future does); the same task,
// future or object passed twice (gather(t, t), gather(std::move(c), std::move(c))) runs once and
// its result is at both positions.
// The first error (or a child's cancellation) completes the gather at once; the other children
// keep running. Cancelling the gather cancels every child.
#pragma once

#include "aio/result.hpp"
#include "aio/task.hpp"

#include <memory>
#include <tuple>
#include <variant>
#include <vector>

namespace aio {

struct return_exceptions_t {
    explicit return_exceptions_t() = default;
};
inline constexpr return_exceptions_t return_exceptions{};

template <class T>
using gather_value_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

namespace detail {

template <class A>
concept awaitable_arg = requires(A&& a) { ensure_future(std::forward<A>(a)); };

template <class R>
concept awaitable_range = !awaitable_arg<R> && requires(R& r) {
    r.begin();
    r.end();
    ensure_future(std::move(*r.begin()));
};

// The typed state behind a child handle of type H (task_state<T> or future_state<T>).
template <class H>
using state_of_t = std::remove_pointer_t<decltype(core_access::of(std::declval<const H&>()))>;

// Reads a finished child's value (rethrows its error) as the element type of a gather result.
template <class H>
auto read_value(future_core& child) {
    child.check_result();
    if constexpr (std::is_void_v<typename H::value_type>) {
        return std::monostate{};
    } else {
        return static_cast<state_of_t<H>&>(child).read();
    }
}
template <class H>
auto read_value(const H& child) {
    return read_value<H>(*child.core());
}
// A failed or cancelled child's exception is taken as it is stored, never rethrown (a gather of
// many cancelled tasks would otherwise throw once per task).
template <class H>
auto read_result(future_core& child) {
    using T = typename H::value_type;
    if (child.done() && child.stored_error()) {
        child.mark_retrieved();
        return result<T>::failure(child.stored_error());
    }
    return capture<T>([&] { return read_value<H>(child); });
}
template <class H>
auto read_result(const H& child) {
    return read_result<H>(*child.core());
}

// The gather's own future: watches every child and assembles the result with `Collect`, called
// with the children in argument order once all are done.
template <class R, class Collect>
class gather_state final : public future_state<R> {
public:
    gather_state(event_loop& loop, std::vector<any_future> children, bool return_exceptions,
                 Collect collect)
        : future_state<R>(loop),
          children_(std::move(children)),
          remaining_(children_.size()),
          return_exceptions_(return_exceptions),
          collect_(std::move(collect)) {}
    std::string_view label() const override { return "gather"; }
    // Separate from the constructor: completing may take and drop references to this future,
    // which must already be owned by a handle.
    void start() {
        // Stay alive until every child is done, as asyncio's callbacks keep its gathering
        // future: later errors must still be marked retrieved after the awaiter has gone.
        if (remaining_ > 0) this->add_ref();
        // Reserved, then built one by one: a link never moves once a child holds it.
        links_.reserve(children_.size());
        for (const any_future& handle : children_) {
            future_core* child = handle.core();
            link& l = links_.emplace_back(this);
            if (child->done()) {
                child_done(*child);
            } else {
                child->add_waiter(l);
            }
        }
        if (children_.empty()) this->set_result(collect_(children_));
    }
    ~gather_state() override {
        for (auto& link : links_)
            if (link.linked_to) future_core::remove_waiter(link);
    }

    bool cancel(std::string_view message) override {
        if (this->done()) return false;
        bool any = false;
        for (auto& child : children_)
            if (child.core()->cancel(message)) any = true;
        if (any) {
            cancel_requested_ = true;
            cancel_message_ = message;
        }
        return any;
    }

private:
    // One per child; the waiter's on_behalf is the gather (call graphs follow it too).
    struct link : waiter_node {
        explicit link(gather_state* state) {
            notify = &on_child_done;
            on_behalf = state;
        }
    };
    static void on_child_done(waiter_node& node, future_core& child) {
        static_cast<gather_state*>(node.on_behalf)->child_done(child);
    }
    void child_done(future_core& child) {
        bool last = --remaining_ == 0;
        if (this->done()) {
            child.mark_retrieved();  // the gather already reported an error; don't log this one
        } else {
            take_outcome(child, last);
        }
        if (last) this->release();  // the reference taken in start(): after the last use of this
    }
    void take_outcome(future_core& child, bool last) {
        if (!return_exceptions_) {
            if (child.cancelled()) {
                // asyncio: the child's own CancelledError (fut._make_cancelled_error()), its
                // message included.
                this->set_error(child.stored_error());
                return;
            }
            if (child.has_exception()) {
                this->set_error(child.exception());
                return;
            }
        }
        if (!last) return;
        if (cancel_requested_) {
            // asyncio: the CancelledError is set as the gather's exception (it is done, not
            // cancelled()), and awaiting it raises it.
            this->set_error(std::make_exception_ptr(cancelled_error(cancel_message_)));
            return;
        }
        try {
            this->set_result(collect_(children_));
        } catch (...) {
            this->set_error(std::current_exception());
        }
    }

    std::vector<any_future> children_;
    std::vector<link> links_;
    std::size_t remaining_;
    bool return_exceptions_;
    bool cancel_requested_ = false;
    std::string cancel_message_;  // gather.cancel(msg): the message the gather ends with
    Collect collect_;
};

template <class R, class Collect>
future<R> make_gather(std::vector<any_future> children, bool return_exceptions, Collect collect) {
    event_loop& loop = get_running_loop();
    auto* state = new gather_state<R, Collect>(loop, std::move(children), return_exceptions,
                                               std::move(collect));
    future<R> handle(state);
    state->start();
    return handle;
}

// The gather's children seen so far: a task or future by its core, anything else by the
// argument's address (asyncio's gather(c, c) runs the coroutine object once).
struct seen_children {
    std::vector<any_future> untyped;  // each child once
    std::vector<const void*> keys;    // parallel to untyped

    template <class A>
    ensure_future_t<A> add(A&& arg) {
        using H = ensure_future_t<A>;
        const void* key;
        if constexpr (std::is_base_of_v<any_future, std::decay_t<A>>) {
            key = arg.core();
        } else {
            key = std::addressof(arg);
        }
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (keys[i] == key) return H(static_cast<decltype(detail::core_access::of(std::declval<const H&>()))>(untyped[i].core()));
        H child = ensure_future(std::forward<A>(arg));
        keys.push_back(key);
        untyped.push_back(child);
        return child;
    }
};

template <bool ReturnExceptions, class... A>
auto gather_args(A&&... args) {
    // Braces: children are created (and so start) in argument order. An argument passed twice
    // runs once; its result appears at both positions.
    seen_children seen;
    seen.keys.reserve(sizeof...(A));
    seen.untyped.reserve(sizeof...(A));
    std::tuple<ensure_future_t<A>...> children{seen.add(std::forward<A>(args))...};
    std::vector<any_future> untyped = std::move(seen.untyped);
    if constexpr (ReturnExceptions) {
        using R = std::tuple<result<await_result_t<A>>...>;
        return make_gather<R>(std::move(untyped), true, [children](const std::vector<any_future>&) {
            return std::apply([](auto&... c) { return R(read_result(c)...); }, children);
        });
    } else {
        using R = std::tuple<gather_value_t<await_result_t<A>>...>;
        return make_gather<R>(std::move(untyped), false, [children](const std::vector<any_future>&) {
            return std::apply([](auto&... c) { return R(read_value(c)...); }, children);
        });
    }
}

template <bool ReturnExceptions, class Range>
auto gather_range(Range&& range) {
    using H = std::decay_t<decltype(ensure_future(std::move(*range.begin())))>;
    using T = typename H::value_type;
    // One reference per child, held by the gather; results are read back through each child's
    // typed state (H), so no second, typed copy of the handles is kept.
    std::vector<any_future> children;
    if constexpr (requires { std::size(range); }) children.reserve(std::size(range));
    for (auto& item : range) children.push_back(ensure_future(std::move(item)));
    if constexpr (ReturnExceptions) {
        using R = std::vector<result<T>>;
        return make_gather<R>(std::move(children), true, [](const std::vector<any_future>& done) {
            R out;
            out.reserve(done.size());
            for (const any_future& c : done) out.push_back(read_result<H>(*c.core()));
            return out;
        });
    } else {
        using R = std::vector<gather_value_t<T>>;
        return make_gather<R>(std::move(children), false, [](const std::vector<any_future>& done) {
            R out;
            out.reserve(done.size());
            for (const any_future& c : done) out.push_back(read_value<H>(*c.core()));
            return out;
        });
    }
}

}  // namespace detail

template <detail::awaitable_arg... A>
auto gather(A&&... args) {
    return detail::gather_args<false>(std::forward<A>(args)...);
}
template <detail::awaitable_arg... A>
auto gather(return_exceptions_t, A&&... args) {
    return detail::gather_args<true>(std::forward<A>(args)...);
}
template <detail::awaitable_range Range>
auto gather(Range&& range) {
    return detail::gather_range<false>(range);
}
template <detail::awaitable_range Range>
auto gather(return_exceptions_t, Range&& range) {
    return detail::gather_range<true>(range);
}

}  // namespace aio
