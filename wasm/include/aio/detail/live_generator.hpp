// The loop's list of live async generators (asyncio's asyncgen hooks): a generator joins its
// loop's list when it first runs and leaves it when its frame is destroyed, so that the loop's
// shutdown can close (aclose) those still suspended at a co_yield — asyncio's shutdown_asyncgens.
#pragma once

namespace aio {

class event_loop;
template <class T>
class coro;

namespace detail {

struct live_generator {
    live_generator* prev = nullptr;
    live_generator* next = nullptr;
    event_loop* loop = nullptr;  // null: not (or no longer) in a loop's list
    // aclose() for the shutdown; does nothing if the body is running or finished.
    coro<void> (*close)(live_generator&) = nullptr;
};

}  // namespace detail
}  // namespace aio
