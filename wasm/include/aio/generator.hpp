// Async iteration: async_generator<T> (an `async def` with `yield`), the async-iterator protocol
// and async_for.
//
//   aio::async_generator<int> ticker(int n) {
//       for (int i = 0; i < n; ++i) {
//           co_await aio::sleep(1);
//           co_yield i;
//       }
//   }
//   ...
//   auto gen = ticker(3);
//   while (auto i = co_await gen.next()) {      // async for i in ticker(3):
//       use(*i);
//   }
//
// The protocol (Python's __aiter__/__anext__): anything with a `next()` whose co_await gives a
// std::optional<T> is an async iterator; std::nullopt means the iteration is over (Python's
// StopAsyncIteration). async_generator<T> is one; a hand-written class is another:
//
//   struct AsyncCounter {
//       int i = 0, stop;
//       aio::coro<std::optional<int>> next() {
//           if (i >= stop) co_return std::nullopt;
//           co_await aio::sleep(0.1);
//           co_return i++;
//       }
//   };
//
// Both work with `while (auto v = co_await it.next())` and with
// `co_await aio::async_for(it, [&](int v) -> aio::coro<void> { ... })`.
//
// The generator's frame runs on the consuming task's stack of frames (like an awaited coro), so
// its body may await sleeps, futures and other coroutines, and a cancellation of the consumer
// reaches the generator at whatever it awaits. An exception thrown in the body surfaces at the
// consumer's co_await of next() (the generator is then finished). Destroying a generator that is
// suspended at a co_yield (leaving the loop early) destroys its frame: destructors of its locals
// run, but no further code of the body does, so that cleanup cannot await. For cleanup that has
// to await (Python's `finally: await ...` in an async generator), call `co_await gen.aclose()`:
// it resumes the body with aio::generator_exit thrown at the co_yield, so catch(...) handlers
// and code after them run and may await. athrow(e) throws e at the co_yield instead.
#pragma once

#include "aio/coro.hpp"
#include "aio/detail/live_generator.hpp"
#include "aio/loop.hpp"
#include "aio/errors.hpp"

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

// Thrown into a generator at its co_yield by aclose() (Python's GeneratorExit). Like
// cancelled_error it is not a std::exception, so `catch (const std::exception&)` lets it pass.
class generator_exit : public base_exception {
public:
    generator_exit() : base_exception("generator_exit") {}
};

// Python's StopAsyncIteration, thrown by aio::anext(it) (without a default) at the end.
class stop_async_iteration : public std::exception {
public:
    const char* what() const noexcept override { return "StopAsyncIteration"; }
};

template <class T, class S = void>
class async_generator;

namespace detail {

struct no_send {};
// What asend() carries into the body: std::optional<S> (std::nullopt for next()), nothing for S = void.
template <class S>
using send_slot = std::conditional_t<std::is_void_v<S>, no_send, std::optional<S>>;

template <class T, class S>
struct generator_promise : promise_base, live_generator {
    static_assert(!std::is_reference_v<T>, "async_generator<T&> is not supported");
    std::optional<T> value;          // the yielded value, until the consumer takes it
    std::exception_ptr injected;     // athrow/aclose: thrown at the co_yield on resumption
    [[no_unique_address]] send_slot<S> sent;  // asend: what the co_yield gives on resumption
    bool running = false;            // between a resume by the consumer and the next hand-back

    explicit generator_promise(frame_site site = frame_site::here()) noexcept : promise_base(site) {
        close = &close_at_shutdown;
    }
    ~generator_promise() {
        if (loop) loop->generator_gone(*this);
    }
    static coro<void> close_at_shutdown(live_generator& g);

    async_generator<T, S> get_return_object() noexcept;

    struct yield_awaiter {
        generator_promise* p;
        bool await_ready() noexcept { return false; }
        template <class P>
        void await_suspend(co::coroutine_handle<P>) noexcept {
            p->running = false;
            p->owner->leave_frame(p->parent);
        }
        // `co_yield v` gives the value asend() sent (std::nullopt for next()) when S is not void.
        std::conditional_t<std::is_void_v<S>, void, std::optional<S>> await_resume() {
            if (p->injected) std::rethrow_exception(std::exchange(p->injected, nullptr));
            if constexpr (!std::is_void_v<S>) return std::exchange(p->sent, std::nullopt);
        }
    };
    template <class U = T>
    yield_awaiter yield_value(U&& v) {
        value.emplace(std::forward<U>(v));
        return {this};
    }
    void return_void() noexcept {}
    // `co_await` inside the body works as in any coro (the default await_transform).
};

}  // namespace detail

// S: the type asend() sends into the body (`std::optional<S> got = co_yield v;`); void: none.
template <class T, class S>
class [[nodiscard]] async_generator {
public:
    using promise_type = detail::generator_promise<T, S>;
    using handle_type = detail::co::coroutine_handle<promise_type>;
    using value_type = T;

    async_generator() = default;
    explicit async_generator(handle_type frame) noexcept : frame_(frame) {}
    async_generator(async_generator&& other) noexcept : frame_(std::move(other.frame_)), owns_(other.owns_) {}
    async_generator& operator=(async_generator&& other) noexcept {
        if (this != &other) {
            reset();
            frame_ = std::move(other.frame_);
            owns_ = other.owns_;
        }
        return *this;
    }
    ~async_generator() { reset(); }

    bool valid() const noexcept { return static_cast<bool>(frame_); }
    // True once the body has returned or thrown (or it was closed): next() gives std::nullopt.
    bool finished() const noexcept { return !frame_ || frame_.done(); }

    // Resumes the body until its next co_yield (the value) or its end (std::nullopt); rethrows
    // what the body throws. Python's __anext__.
    class next_awaiter {
    public:
        next_awaiter(async_generator& g, std::exception_ptr inject, detail::send_slot<S> send = {})
            : g_(g), inject_(std::move(inject)), send_(std::move(send)) {}
        bool await_ready() {
            if (g_.frame_ && g_.frame_.promise().running)
                throw invalid_state_error("async generator: next() while it is already running");
            if constexpr (!std::is_void_v<S>) {
                if (send_ && !g_.finished() && !g_.frame_.promise().started)  // Python's TypeError
                    throw type_error("can't send non-None value to a just-started async generator");
            }
            if (!g_.finished() && inject_ && !g_.frame_.promise().started) {
                // Never started: Python raises the exception right away and closes the generator.
                g_.reset();
            }
            return g_.finished();
        }
        template <class P>
        bool await_suspend(detail::co::coroutine_handle<P> parent) {
            detail::task_core* task = detail::owner_of(parent);
            if (!task) throw invalid_state_error("an async generator can only be iterated inside a task");
            promise_type& p = g_.frame_.promise();
            if (!p.started) task->loop().generator_started(p);  // asyncio's firstiter hook
            p.started = true;
            p.running = true;
            p.parent = parent;
            p.owner = task;
            p.injected = std::exchange(inject_, nullptr);  // libc++ 13: exception_ptr has no move
            if constexpr (!std::is_void_v<S>) p.sent = std::exchange(send_, std::nullopt);
            p.value.reset();
            awaiting_ = detail::promise_of(parent);
            if (awaiting_) awaiting_->child = &p;
            task->enter_frame(g_.frame_.get());
            return true;
        }
        std::optional<T> await_resume() {
            if (awaiting_) awaiting_->child = nullptr;
            if (!g_.frame_) {  // finished earlier, or closed before it started
                if (inject_) std::rethrow_exception(inject_);
                return std::nullopt;
            }
            promise_type& p = g_.frame_.promise();
            p.running = false;
            if (g_.frame_.done()) {
                std::exception_ptr error = std::exchange(p.error, nullptr);
                g_.reset();  // run the frame's remaining destructors now
                if (error) std::rethrow_exception(error);
                return std::nullopt;
            }
            if (inject_) std::rethrow_exception(inject_);  // await_ready saw it finished
            std::optional<T> out = std::move(p.value);
            p.value.reset();
            return out;
        }

    private:
        async_generator& g_;
        std::exception_ptr inject_;
        [[no_unique_address]] detail::send_slot<S> send_;
        detail::promise_base* awaiting_ = nullptr;
    };

    next_awaiter next() { return next_awaiter(*this, nullptr); }

    // Python's asend(value): resumes the body with `value` as what its co_yield gives, and gives
    // the next yielded value (std::nullopt at the end). The first resumption must be next(): a
    // value sent to a generator that has not started throws aio::type_error (Python's TypeError)
    // and leaves it unstarted.
    template <class U = S>
        requires(!std::is_void_v<U>)
    next_awaiter asend(U value) {
        return next_awaiter(*this, nullptr, std::optional<S>(std::move(value)));
    }

    // Python's __aiter__: an async generator is its own iterator.
    async_generator& aiter() noexcept { return *this; }

    // Throws `error` into the body at the co_yield it is suspended at (Python's athrow): gives the
    // next yielded value, std::nullopt if the body then returns, or rethrows what escapes it.
    next_awaiter athrow(std::exception_ptr error) { return next_awaiter(*this, std::move(error)); }
    template <class E>
    next_awaiter athrow(E error) {
        return athrow(std::make_exception_ptr(std::move(error)));
    }

    // Python's aclose(): throws generator_exit at the co_yield so the body's cleanup code runs
    // (and may await). Completes when the body finishes; if it yields again instead, the frame is
    // destroyed and invalid_state_error is thrown ("async generator ignored generator_exit").
    coro<void> aclose() {
        if (finished()) {
            reset();
            co_return;
        }
        if (!frame_.promise().started) {
            reset();
            co_return;
        }
        try {
            std::optional<T> v = co_await athrow(generator_exit());
            if (v) {
                reset();
                throw invalid_state_error("async generator ignored generator_exit");
            }
        } catch (const generator_exit&) {
            // the body let it propagate: closed
        }
    }

private:
    friend promise_type;
    void reset() noexcept {
        if (owns_) {
            frame_.reset();
        } else {
            frame_.release();
        }
    }
    detail::unique_frame<promise_type> frame_;
    bool owns_ = true;  // false: the loop's shutdown closing a generator that its owner destroys
};

namespace detail {
template <class T, class S>
async_generator<T, S> generator_promise<T, S>::get_return_object() noexcept {
    return async_generator<T, S>(async_generator<T, S>::handle_type::from_promise(*this));
}
template <class T, class S>
coro<void> generator_promise<T, S>::close_at_shutdown(live_generator& g) {
    auto& p = static_cast<generator_promise&>(g);
    if (p.running) co_return;  // its consumer is inside it: cancelling the consumer reaches it
    async_generator<T, S> borrowed(async_generator<T, S>::handle_type::from_promise(p));
    borrowed.owns_ = false;
    co_await borrowed.aclose();
}

// What `co_await a` gives for an awaitable with operator co_await or await_resume.
template <class A>
auto awaited_value(A&& a) {
    if constexpr (requires { std::forward<A>(a).operator co_await(); }) {
        return std::forward<A>(a).operator co_await().await_resume();
    } else {
        return std::forward<A>(a).await_resume();
    }
}
// One step of an async iterator: its anext() if it has one, else its next() (both give an
// awaitable of std::optional<V>).
template <class It>
decltype(auto) step(It& it) {
    if constexpr (requires { it.anext(); }) {
        return it.anext();
    } else {
        return it.next();
    }
}
// Python's aiter(x): x.aiter() if x has one (an iterable that makes an iterator), else x itself.
template <class X>
decltype(auto) iterator_of(X& x) {
    if constexpr (requires { x.aiter(); }) {
        return x.aiter();
    } else {
        return (x);
    }
}
template <class X>
using iterator_t = std::remove_reference_t<decltype(iterator_of(std::declval<X&>()))>;
template <class It>
using next_result_t = std::decay_t<decltype(awaited_value(step(std::declval<iterator_t<It>&>())))>;
template <class Opt>
struct optional_value;
template <class V>
struct optional_value<std::optional<V>> {
    using type = V;
};
}  // namespace detail

// Element type of an async iterator or iterable (the V of the std::optional<V> its
// next()/anext() gives).
template <class It>
using async_value_t = typename detail::optional_value<detail::next_result_t<It>>::type;

// Python's aiter(x): `x.aiter()` for an iterable class (called once per loop; it may return a
// fresh iterator or *this), x itself for an async iterator without one (async_generator's
// aiter() is itself). The result may be a reference to x: keep x alive while iterating.
template <class X>
decltype(auto) aiter(X& x) {
    return detail::iterator_of(x);
}

// Python's anext(it): the next value; throws stop_async_iteration when `it` is exhausted.
template <class It>
coro<async_value_t<It>> anext(It& it) {
    auto v = co_await detail::step(it);
    if (!v) throw stop_async_iteration();
    co_return std::move(*v);
}
// Python's anext(it, default): the next value, or `fallback` when `it` is exhausted.
template <class It, class D>
coro<async_value_t<It>> anext(It& it, D fallback) {
    auto v = co_await detail::step(it);
    if (!v) co_return async_value_t<It>(std::move(fallback));
    co_return std::move(*v);
}

// `async for v in it: co_await body(v)`. `it` is an async iterator (async_generator, or a class
// whose next() or anext() gives an awaitable of std::optional<V>) or an iterable (a class whose
// aiter() gives one; called once). Taken by reference when an lvalue (it must outlive the
// awaiting), moved into the coroutine when a temporary. `body(v)` returns coro<void>, or
// coro<bool> where false means `break`. Exceptions from the body or the iterator propagate; a
// generator left early is not closed (destroy it, or co_await gen.aclose(), as with Python's
// async generators).
template <class It, class Body>
coro<void> async_for(It& iterable, Body body) {
    decltype(auto) it = aiter(iterable);
    while (auto v = co_await detail::step(it)) {
        using result = typename decltype(body(std::move(*v)))::value_type;
        if constexpr (std::is_same_v<result, bool>) {
            if (!co_await body(std::move(*v))) co_return;
        } else {
            co_await body(std::move(*v));
        }
    }
}
namespace detail {
template <class It, class Body>
coro<void> async_for_owned(It iterable, Body body) {  // by value: the frame owns the temporary
    co_await async_for(iterable, std::move(body));
}
}  // namespace detail
template <class It, class Body>
    requires(!std::is_reference_v<It>)
coro<void> async_for(It&& iterable, Body body) {
    return detail::async_for_owned(std::move(iterable), std::move(body));
}

}  // namespace aio
