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

template <class T>
class async_generator;

namespace detail {

template <class T>
struct generator_promise : promise_base {
    static_assert(!std::is_reference_v<T>, "async_generator<T&> is not supported");
    std::optional<T> value;          // the yielded value, until the consumer takes it
    std::exception_ptr injected;     // athrow/aclose: thrown at the co_yield on resumption
    bool running = false;            // between a resume by the consumer and the next hand-back

    explicit generator_promise(frame_site site = frame_site::here()) noexcept : promise_base(site) {}

    async_generator<T> get_return_object() noexcept;

    struct yield_awaiter {
        generator_promise* p;
        bool await_ready() noexcept { return false; }
        template <class P>
        void await_suspend(co::coroutine_handle<P>) noexcept {
            p->running = false;
            p->owner->leave_frame(p->parent);
        }
        void await_resume() {
            if (p->injected) std::rethrow_exception(std::exchange(p->injected, nullptr));
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

template <class T>
class [[nodiscard]] async_generator {
public:
    using promise_type = detail::generator_promise<T>;
    using handle_type = detail::co::coroutine_handle<promise_type>;
    using value_type = T;

    async_generator() = default;
    explicit async_generator(handle_type frame) noexcept : frame_(frame) {}
    async_generator(async_generator&& other) noexcept : frame_(std::exchange(other.frame_, {})) {}
    async_generator& operator=(async_generator&& other) noexcept {
        if (this != &other) {
            reset();
            frame_ = std::exchange(other.frame_, {});
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
        next_awaiter(async_generator& g, std::exception_ptr inject) : g_(g), inject_(std::move(inject)) {}
        bool await_ready() {
            if (g_.frame_ && g_.frame_.promise().running)
                throw invalid_state_error("async generator: next() while it is already running");
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
            p.started = true;
            p.running = true;
            p.parent = parent;
            p.owner = task;
            p.injected = std::exchange(inject_, nullptr);  // libc++ 13: exception_ptr has no move
            p.value.reset();
            awaiting_ = detail::promise_of(parent);
            if (awaiting_) awaiting_->child = &p;
            task->enter_frame(g_.frame_);
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
        detail::promise_base* awaiting_ = nullptr;
    };

    next_awaiter next() { return next_awaiter(*this, nullptr); }

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
    void reset() noexcept {
        if (frame_) std::exchange(frame_, {}).destroy();
    }
    handle_type frame_;
};

namespace detail {
template <class T>
async_generator<T> generator_promise<T>::get_return_object() noexcept {
    return async_generator<T>(async_generator<T>::handle_type::from_promise(*this));
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
template <class It>
using next_result_t = std::decay_t<decltype(awaited_value(std::declval<It&>().next()))>;
template <class Opt>
struct optional_value;
template <class V>
struct optional_value<std::optional<V>> {
    using type = V;
};
}  // namespace detail

// Element type of an async iterator (the V of the std::optional<V> its next() gives).
template <class It>
using async_value_t = typename detail::optional_value<detail::next_result_t<It>>::type;

// `async for v in it: co_await body(v)`. `it` is any async iterator (async_generator, or a class
// whose next() gives an awaitable of std::optional<V>); taken by reference, so it must outlive
// the awaiting. `body(v)` returns coro<void>, or coro<bool> where false means `break`.
// Exceptions from the body or the iterator propagate; a generator left early is not closed
// (destroy it, or co_await gen.aclose(), as with Python's async generators).
template <class It, class Body>
coro<void> async_for(It& it, Body body) {
    while (auto v = co_await it.next()) {
        using result = typename decltype(body(std::move(*v)))::value_type;
        if constexpr (std::is_same_v<result, bool>) {
            if (!co_await body(std::move(*v))) co_return;
        } else {
            co_await body(std::move(*v));
        }
    }
}

}  // namespace aio
