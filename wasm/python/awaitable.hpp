// How Python's `await` reaches aio (the binding rule: every Python coroutine runs as aio
// coroutine frames inside aio tasks).
//
// The VM runs a Python coroutine's frame until it finishes or awaits. Awaiting another Python
// coroutine object, or anything else awaitable, suspends the frame and hands the awaitable to the
// frame's driver, `run_coroutine`: an aio coroutine that co_awaits it on the aio loop (a nested
// `run_coroutine` for a Python coroutine, `begin()` for a NativeAwaitable) and resumes the frame
// with the value, or throws the error into it. So `asyncio.create_task(c)` is
// `aio::create_task(run_coroutine(c))`, and aio's call graphs, trace, virtual clock, deadlock
// report and cancellation all see Python's awaits.
//
// Errors crossing the boundary: Python exceptions travel as py::Error both ways. aio's
// cancellation arrives as aio::cancelled_error at the co_await; the driver throws
// asyncio.CancelledError into the frame, and if the frame lets a CancelledError out the driver
// rethrows the aio cancellation it received (so aio's task sees itself cancelled). The mapping
// of other aio errors (timeout_error -> TimeoutError, invalid_state_error -> InvalidStateError,
// ...) is `from_aio_error` / `to_aio_error`, owned by the asyncio module.
#pragma once

#include "aio/coro.hpp"
#include "python/object.hpp"

#include <exception>
#include <functional>
#include <new>
#include <string>
#include <utility>

namespace aio::py {

// An awaitable made in C++ (what asyncio.sleep(...), lock.acquire(), queue.get(), a Task or a
// Future return): awaiting it co_awaits `begin()` once (or takes finish_now()). Awaiting it twice raises
// RuntimeError("cannot reuse already awaited coroutine") like CPython's coroutines.
struct NativeAwaitable : Object {
    explicit NativeAwaitable(const char* qualname);
    // The coroutine an await runs (one that parks: a frame parked on it, see park()).
    virtual aio::coro<Value> begin();
    // Awaitables that often finish without suspending (asyncio's coroutines that return before
    // their first yield, such as Queue.put with room) override this: called at the await, true
    // means `out` holds the result and begin() is never called; a Python exception is the
    // await's. False: begin() runs as usual.
    virtual bool finish_now(Value& /*out*/) { return false; }
    // Awaitables that wait on an aio awaiter they hold themselves (asyncio's Lock.acquire,
    // Event.wait, ...) set `parks` and override these instead of begin(): the awaiting frame
    // suspends on that awaiter, with no coroutine frame of the awaitable's own (memory per
    // waiting task). park() is the awaiter's await_suspend, unpark() its await_resume (the
    // await's value, or cancellation); drop() destroys the awaiter, after unpark() or when the
    // awaiting frame goes while it waits.
    virtual void park(aio::detail::co::coroutine_handle<>) {}
    virtual Value unpark() { return Value(); }
    virtual void drop() noexcept {}
    const char* qualname;  // for repr: <coroutine object sleep at 0x...>; lives as long as this
    bool awaited = false;
    bool parks = false;
    bool parked = false;  // a parking one's awaiter is alive (in its AwaiterRoom)
};

// Where a parking NativeAwaitable keeps its aio awaiter: made at park(), destroyed at drop()
// (the owner's `parked` says whether it is alive), so that it never outlives the wait (an
// armed timer or a queued waiter would then point at a task that is gone).
template <class Awaiter>
class AwaiterRoom {
public:
    template <class Make>
    Awaiter& make(NativeAwaitable& owner, Make&& build) {
        auto* a = ::new (bytes_) Awaiter(build());
        owner.parked = true;
        return *a;
    }
    Awaiter& get() { return *std::launder(reinterpret_cast<Awaiter*>(bytes_)); }
    void destroy(NativeAwaitable& owner) noexcept {
        if (std::exchange(owner.parked, false)) get().~Awaiter();
    }

private:
    alignas(Awaiter) unsigned char bytes_[sizeof(Awaiter)];
};
// The co_await of a NativeAwaitable that parks (see NativeAwaitable::park), as a named local:
// `ParkedOn p(a); Value v = co_await p;` then `p.raising` / `p.cancelled` / `p.other`. Its
// await_resume never throws: it returns the await's Python exception (`raising` set; aio's
// cancellation as CancelledError, `cancelled` set too) for the coroutine to raise in the frame,
// outside any try block —
// clang 14 with wasm exception handling does not catch an exception thrown after this resume
// point inside the coroutine's try (the task's frames then unwind without their cleanups;
// tests/python/asyncio/cancel_parked.py) — and anything else in `other`.
class ParkedOn {
public:
    explicit ParkedOn(NativeAwaitable& a) : a_(a) {}
    ParkedOn(const ParkedOn&) = delete;
    ParkedOn& operator=(const ParkedOn&) = delete;
    ~ParkedOn() { a_.drop(); }
    bool await_ready() const noexcept { return false; }  // finish_now() said it must wait
    void await_suspend(aio::detail::co::coroutine_handle<> h) { a_.park(h); }
    Value await_resume() noexcept;
    std::exception_ptr other;
    bool raising = false;
    bool cancelled = false;

private:
    NativeAwaitable& a_;
};
extern Type native_awaitable_type;  // shown to Python as "coroutine"
// One whose begin() is start() (asyncio's own awaitables subclass NativeAwaitable instead).
Value new_awaitable(std::string qualname, std::function<aio::coro<Value>()> start);

// The start of an await of a NativeAwaitable: marks it awaited and returns it (RuntimeError
// "cannot reuse already awaited coroutine" if it was); null for any other value. The caller then
// takes finish_now(), else co_awaits begin().
NativeAwaitable* claim_native(const Value& awaitable);

// Runs a Python coroutine object to completion as an aio coroutine (implemented by the VM).
// TypeError when `coroutine` is not one.
aio::coro<Value> run_coroutine(Value coroutine);

// asyncio's Task repr of a Python coroutine object: "f() running at FILE:LINE" (where its frame
// stands) or "f() done, defined at FILE:LINE" (its def); "" for anything else. Implemented by the VM.
std::string coroutine_where(const Value& coroutine);

// Awaits any Python awaitable from C++: a Python coroutine object, a NativeAwaitable, or an
// object whose type defines __await__. TypeError("object X can't be used in 'await' expression")
// for anything else.
aio::coro<Value> await_value(Value awaitable);

// asyncio.CancelledError (a BaseException subclass): what aio's cancellation is inside Python.
// Defined with the coroutine protocol (awaitable.cpp); the asyncio module exposes it.
extern Type cancelled_error_type;
// aio's cancellation as Python's CancelledError and back, the message kept (Task.cancel(msg) and
// Future.cancel(msg) reach the awaiting code with it, as in asyncio).
Value python_cancelled_error(const aio::cancelled_error& e);
[[noreturn]] void rethrow_as_aio_cancel(const Value& cancelled_error);

// Whether v can be awaited (asyncio.iscoroutine / inspect.isawaitable use this).
bool is_awaitable(const Value& v);

}  // namespace aio::py
