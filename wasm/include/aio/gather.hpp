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

#include <cstddef>
#include <memory>
#include <new>
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

// A gather's children in argument order, each beside the link that tells the gather it is done.
// Kept in blocks from the frame pool, never moved (a child's waiter list holds its link): a
// gather of a million children maps no fresh memory for them, where a vector that size would be
// mapped afresh, page by page, for every gather.
class gather_children {
public:
    struct slot : waiter_node {
        any_future handle;
    };

private:
    // Blocks of the pool's largest size class (512 bytes): a header and ten slots of 48 bytes.
    static constexpr std::size_t header_bytes = 16;
    static constexpr std::uint32_t per_block =
        static_cast<std::uint32_t>((block_pool::granule * block_pool::classes - header_bytes) / sizeof(slot));
    struct block {
        block* next = nullptr;
        std::uint32_t count = 0;
        alignas(slot) unsigned char storage[per_block * sizeof(slot)];  // not zero-filled
        slot* slots() { return std::launder(reinterpret_cast<slot*>(storage)); }
    };
    static_assert(sizeof(block) <= block_pool::granule * block_pool::classes && per_block >= 8);

public:
    gather_children() = default;
    gather_children(const gather_children&) = delete;
    gather_children& operator=(const gather_children&) = delete;
    ~gather_children() {
        for (block* b = head_; b;) {
            block* next = b->next;
            std::destroy_n(b->slots(), b->count);
            pool().deallocate(b, sizeof(block));
            b = next;
        }
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // A slot whose link will call `notify` for `on_behalf`, holding a handle made from `child`.
    template <class H>
    slot& emplace_back(waiter_node::notify_fn notify, future_core* on_behalf, H&& child) {
        if (!tail_ || tail_->count == per_block) [[unlikely]]
            add_block();
        void* place = tail_->storage + tail_->count * sizeof(slot);
        slot* s = ::new (place) slot{{notify, nullptr, nullptr, nullptr, on_behalf}, any_future(std::forward<H>(child))};
        ++tail_->count;
        ++size_;
        return *s;
    }

    // Calls f(slot&) for each child in argument order.
    template <class F>
    void for_each(F&& f) {
        for (block* b = head_; b; b = b->next) {
            slot* slots = b->slots();
            for (std::uint32_t i = 0, n = b->count; i < n; ++i) f(slots[i]);
        }
    }

private:
    [[gnu::noinline]] void add_block() {
        block* b = ::new (pool().allocate(sizeof(block))) block;
        (tail_ ? tail_->next : head_) = b;
        tail_ = b;
    }
    block* head_ = nullptr;
    block* tail_ = nullptr;
    std::size_t size_ = 0;
};

// The gather's own future: watches every child and assembles the result with `Collect`, called
// with the children (gather_children: their handles in argument order) once all are done.
template <class R, class Collect>
class gather_state final : public future_state<R> {
public:
    gather_state(event_loop& loop, bool return_exceptions, Collect collect)
        : future_state<R>(loop), return_exceptions_(return_exceptions), collect_(std::move(collect)) {}
    std::string_view label() const override { return "gather"; }
    // Before start(): the next child (a handle or what converts to one), in argument order. Its
    // link's on_behalf is the gather (call graphs follow it too).
    template <class H>
    void add(H&& child) {
        children_.emplace_back(&on_child_done, this, std::forward<H>(child));
    }
    // Separate from the constructor: completing may take and drop references to this future,
    // which must already be owned by a handle.
    void start() {
        remaining_ = children_.size();
        // Stay alive until every child is done, as asyncio's callbacks keep its gathering
        // future: later errors must still be marked retrieved after the awaiter has gone.
        if (remaining_ > 0) this->add_ref();
        children_.for_each([this](gather_children::slot& s) {
            future_core* child = s.handle.core();
            if (child->done()) {
                child_done(*child);
            } else {
                child->add_waiter(s);
            }
        });
        if (children_.empty()) this->set_result(collect_(children_));
    }
    ~gather_state() override {
        children_.for_each([](gather_children::slot& s) {
            if (s.linked_to) future_core::remove_waiter(s);
        });
    }

    bool cancel(std::string_view message) override {
        if (this->done()) return false;
        bool any = false;
        children_.for_each([&](const gather_children::slot& s) {
            if (s.handle.core()->cancel(message)) any = true;
        });
        if (any) {
            cancel_requested_ = true;
            cancel_message_ = message;
        }
        return any;
    }

private:
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

    gather_children children_;
    std::size_t remaining_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
    std::string cancel_message_;  // gather.cancel(msg): the message the gather ends with
    Collect collect_;
};

// A gather over the children `add_children(state)` adds (in argument order), then started.
template <class R, class Collect, class AddChildren>
future<R> make_gather(bool return_exceptions, Collect collect, AddChildren add_children) {
    auto* state = new gather_state<R, Collect>(get_running_loop(), return_exceptions, std::move(collect));
    future<R> handle(state);  // owns the state from here: a child that fails to start frees it
    add_children(*state);
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
    auto add_children = [&seen](auto& state) {
        for (any_future& child : seen.untyped) state.add(std::move(child));
    };
    if constexpr (ReturnExceptions) {
        using R = std::tuple<result<await_result_t<A>>...>;
        return make_gather<R>(true, [children](gather_children&) {
            return std::apply([](auto&... c) { return R(read_result(c)...); }, children);
        }, add_children);
    } else {
        using R = std::tuple<gather_value_t<await_result_t<A>>...>;
        return make_gather<R>(false, [children](gather_children&) {
            return std::apply([](auto&... c) { return R(read_value(c)...); }, children);
        }, add_children);
    }
}

template <bool ReturnExceptions, class Range>
auto gather_range(Range&& range) {
    using H = std::decay_t<decltype(ensure_future(std::move(*range.begin())))>;
    using T = typename H::value_type;
    // One reference per child, held by the gather; results are read back through each child's
    // typed state (H), so no typed copy of the handles is kept.
    auto add_children = [&range](auto& state) {
        for (auto& item : range) state.add(ensure_future(std::move(item)));
    };
    if constexpr (ReturnExceptions) {
        using R = std::vector<result<T>>;
        return make_gather<R>(true, [](gather_children& done) {
            R out;
            out.reserve(done.size());
            done.for_each([&out](const auto& c) { out.push_back(read_result<H>(*c.handle.core())); });
            return out;
        }, add_children);
    } else {
        using R = std::vector<gather_value_t<T>>;
        return make_gather<R>(false, [](gather_children& done) {
            R out;
            out.reserve(done.size());
            done.for_each([&out](const auto& c) { out.push_back(read_value<H>(*c.handle.core())); });
            return out;
        }, add_children);
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
